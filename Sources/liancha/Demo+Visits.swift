import Foundation
import Inspection
import InspectionReports
import InspectionStore
import InspectionWeb

/// 扫码入企 in the demo: one joint visit per enterprise, filed by its lead department, approved by
/// that department's 负责人, checked in and out on the day of the check; one entered late after a
/// network failure, one without check-in (无码检查); two evaluations and one complaint.
struct DemoVisits {
    let db: AppDatabase
    let plan: JointPlan
    /// USCC → its visit id.
    private(set) var visits: [String: String] = [:]
    private var remaining: [String: Int] = [:]
    private var position: [String: Int] = [:]

    init(db: AppDatabase, plan: JointPlan) {
        self.db = db
        self.plan = plan
    }

    /// Leader accounts (one per department of the plan, with the demo password `leaderPassword`), then
    /// one filing per enterprise, approved the day before the checks begin.
    mutating func fileAndApprove(assignments: [(uscc: String, department: String)], firstDay: LocalDate) throws {
        let setUp = Demo.actor("栾城区应急管理局 李明", firstDay.adding(days: -2).description, "08:30:00")
        for code in plan.departments {
            try db.addAccount(Account(name: Self.leader(code), department: code, role: .leader),
                              passwordHash: Passwords.hash(Self.leaderPassword(code), cost: 4), actor: setUp)
        }
        var order: [String] = []
        for a in assignments {
            if remaining[a.uscc] == nil { order.append(a.uscc) }
            remaining[a.uscc, default: 0] += 1
        }
        for uscc in order {
            // The lead department files for all (综合查一次): the plan's departments in order, lead first,
            // with the items dispatched to them and their matched teams.
            let filing = try db.completingPlanFiling(VisitFiling(
                source: .plan(plan.number), uscc: uscc, departments: [], inspectors: [], items: [],
                start: firstDay, end: min(plan.end, firstDay.adding(days: VisitRules.maximumWindowDays))))
            let lead = filing.lead
            let filed = try db.fileVisit(filing, yearlyCap: Self.yearlyCap, random: VisitCommand.chance(),
                                         actor: Demo.actor("\(lead) 执法科", firstDay.adding(days: -2).description, "10:00:00"))
            _ = try db.approveVisit(filed.visit.id, leader: Self.leader(lead), random: VisitCommand.chance(),
                                    actor: Demo.actor(Self.leader(lead), firstDay.adding(days: -1).description, "09:00:00"))
            visits[uscc] = filed.visit.id
            position[uscc] = position.count
        }
    }

    static func leader(_ department: String) -> String { "\(department)-负责人" }

    /// 每个企业全年检查不超过2次 (seed 002): the cap the demo's filings are held to and their notices print.
    static let yearlyCap = 2

    /// The demo's password of a department's leader account (meets `PasswordPolicy`; printed by the demo).
    static func leaderPassword(_ department: String) -> String { "Leader-\(department.lowercased())-2026" }

    /// 入企 and 离企 on the day of the enterprise's first check (index 2: entered late after a network
    /// failure; index 4: no check-in at all).
    func arrive(uscc: String, day: LocalDate) throws {
        guard let id = visits[uscc], let index = position[uscc], let visit = try? db.visit(id), visit.presence.checkedInAt == nil,
              let cert = visit.filing.inspectors.first else { return }
        switch index {
        case 4: return
        case 2:
            let next = day.adding(days: 1).description
            _ = try db.checkIn(id, certificate: cert, occurredAt: "\(day)T09:10", location: "37.90000,114.65000",
                               lateReason: "企业地处地下厂房，现场无网络信号，次日补录", actor: Demo.actor("检查组 \(cert)", day.description, "23:50:00"))
            _ = try db.checkOut(id, certificate: cert, occurredAt: "\(day)T11:20", lateReason: "同上",
                                actor: Demo.actor("检查组 \(cert)", next, "00:05:00"))
        default:
            _ = try db.checkIn(id, certificate: cert, location: "37.9\(index % 10)000,114.6\(index % 10)000",
                               actor: Demo.actor("检查组 \(cert)", day.description, "09:0\(index % 10):00"))
            _ = try db.checkOut(id, certificate: cert, actor: Demo.actor("检查组 \(cert)", day.description, "11:3\(index % 10):00"))
        }
    }

    /// After a department's results at `uscc`: once every department has recorded, the visit's result.
    mutating func departmentRecorded(uscc: String, problem: Bool, day: LocalDate) throws {
        guard let id = visits[uscc] else { return }
        remaining[uscc, default: 1] -= 1
        if problem { problems.insert(uscc) }
        guard remaining[uscc] == 0 else { return }
        let visit = try db.visit(id)
        let found = problems.contains(uscc)
        _ = try db.recordVisitResult(id, outcome: found ? .problem : .noProblem, findings: found ? "详见一企一表" : "",
                                     noCodeReason: visit.presence.checkedInAt == nil ? "检查人员手机故障，未能扫码入企，亦未在10日内补录" : nil,
                                     actor: Demo.actor("检查组", day.description, "16:30:00"))
    }

    private var problems: Set<String> = []

    /// Two evaluations and one complaint by the enterprises; returns the code page address of the first visit.
    func evaluate(publicURL: String) throws -> (address: String, shortCode: String)? {
        var evaluated = 0
        var first: (address: String, shortCode: String)?
        for id in visits.values.sorted() {
            let visit = try db.visit(id)
            guard let code = visit.code, visit.presence.checkedInAt != nil else { continue }
            if first == nil { first = (address: code.url(publicURL: publicURL), shortCode: code.shortCode) }
            let at = "\(visit.presence.checkedInAt!.prefix(10))T18:00:00+08:00"
            if evaluated == 0 {
                _ = try db.evaluateVisit(token: code.token, VisitEvaluation(rating: .satisfied, certificatesShown: true, noticeGiven: true,
                                                                            rightsTold: true, productionDisturbed: false, integrityKept: true,
                                                                            comment: "检查人员亮证亮码，一次检查完成多个部门事项，省时省力。"), at: at)
            } else if evaluated == 1 {
                _ = try db.evaluateVisit(token: code.token, VisitEvaluation(rating: .fairlySatisfied, certificatesShown: true, noticeGiven: true,
                                                                            rightsTold: false, productionDisturbed: true, integrityKept: true,
                                                                            comment: "未告知申请回避的权利；检查时间较长，影响了生产。"), at: at)
                try db.complainAboutVisit(token: code.token, text: "检查期间要求停产两小时配合取样，事先未告知。", contact: "", at: at)
            } else {
                break
            }
            evaluated += 1
        }
        return first
    }
}
