import Testing
import Inspection
import InspectionStore

/// A directory with two departments, two enterprises, two officers each, one item each, and a leader per department.
func visitDatabase() throws -> AppDatabase {
    let db = try seededDatabase()
    _ = try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source([
        ["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "YJ;HB"],
        ["911301110JX5R7R96D", "乙铸造", "130111", "简化管理", "是", "在营", "HB"],
    ]), options: ImportOptions(source: "e.csv"), actor: clerk)
    _ = try db.importInspectors(TableSchema.inspectors.bind(header: ["执法证号", "姓名", "部门"]), rows: source([
        ["YJ001", "张一", "YJ"], ["YJ002", "张二", "YJ"], ["HB001", "李一", "HB"], ["HB002", "李二", "HB"],
    ]), options: ImportOptions(source: "i.csv"), actor: clerk)
    _ = try db.importItems(TableSchema.items.bind(header: ["部门", "事项编码", "抽查事项", "检查依据"]), rows: source([
        ["YJ", "YJ-1", "安全生产检查", "《中华人民共和国安全生产法》第六十五条"],
        ["HB", "HB-1", "排污许可检查", "《排污许可管理条例》第三十条"],
    ]), options: ImportOptions(source: "items.csv"), actor: clerk)
    try db.addAccount(Account(name: "leader-yj", department: "YJ", role: .leader), passwordHash: "x", actor: clerk)
    try db.addAccount(Account(name: "leader-hb", department: "HB", role: .leader), passwordHash: "x", actor: clerk)
    return db
}

/// Chance as an input: distinct bytes per call so that codes differ.
func chance(_ n: UInt8) -> [UInt8] { (0..<UInt8(VisitRules.codeRandomBytes)).map { $0 &* 7 &+ n &* 31 } }

func complaintFiling(uscc: String = "91130111066UK5484K", on day: String = "2026-05-20", emergency: Bool = false) -> VisitFiling {
    VisitFiling(source: .cause(.complaint, "投诉件 12345"), uscc: uscc, departments: ["YJ"], inspectors: ["YJ001", "YJ002"],
                items: [VisitItem(department: "YJ", code: "YJ-1")], start: LocalDate(day)!, end: LocalDate(day)!, emergency: emergency)
}

func at(_ time: String) -> Actor { Actor(name: "张一", timestamp: time, today: LocalDate(String(time.prefix(10)))!) }

@Suite struct VisitStoreTests {
    @Test func aFilingReadsBackWithItsBasisAndWaitsForApproval() throws {
        // Given
        let db = try visitDatabase()
        // When
        let filed = try db.fileVisit(complaintFiling(), yearlyCap: 2, random: chance(1), actor: clerk)
        // Then
        #expect(filed.visit.id == "V2026-0001")
        #expect(filed.visit.status == .filed && filed.visit.code == nil)
        #expect(filed.visit.filing.items.first?.basis == "《中华人民共和国安全生产法》第六十五条")
        #expect(filed.warnings.isEmpty)
    }

    @Test func noCodeWithoutApprovalAndNoCheckInWithoutCode() throws {
        // Given
        let db = try visitDatabase()
        let id = try db.fileVisit(complaintFiling(), yearlyCap: nil, random: chance(1), actor: clerk).visit.id
        // When / Then: no check-in before the code
        #expect(throws: VisitError.notApproved(id)) { try db.checkIn(id, certificate: "YJ001", actor: at("2026-05-20T09:00:00+08:00")) }
        // The schema refuses a code on a pending, non-emergency visit too.
        #expect(throws: (any Error).self) { try db.backend.write { try $0.execute(sql: "UPDATE visit_filing SET token = 'x'") } }
        // Only a leader of the lead department approves.
        #expect(throws: VisitError.notLeader(name: "leader-hb", department: "YJ")) {
            try db.approveVisit(id, leader: "leader-hb", random: chance(2), actor: clerk)
        }
        let approved = try db.approveVisit(id, leader: "leader-yj", random: chance(2), actor: clerk)
        let code = try #require(approved.code)
        #expect(code.token.utf8.count == 27 && VisitCode.isWellFormed(token: code.token))
        #expect(try db.visit(token: code.token)?.id == id)
        #expect(try db.visit(shortCode: String(code.shortCode.lowercased().filter { $0 != "-" }))?.id == id)
        #expect(throws: VisitError.alreadyDecided(id)) { try db.refuseVisit(id, leader: "leader-yj", reason: "x", actor: clerk) }
        // Check-in needs an inspector of the visit.
        #expect(throws: VisitError.notOnVisit(certificate: "HB001", visit: id)) {
            try db.checkIn(id, certificate: "HB001", actor: at("2026-05-20T09:00:00+08:00"))
        }
        let inside = try db.checkIn(id, certificate: "YJ001", location: "37.9, 114.65", actor: at("2026-05-20T09:00:00+08:00"))
        #expect(inside.status == .onSite && inside.presence.location == "37.90000,114.65000")
        #expect(throws: VisitError.alreadyCheckedIn(id)) { try db.checkIn(id, certificate: "YJ002", actor: at("2026-05-20T09:05:00+08:00")) }
        #expect(try db.checkOut(id, certificate: "YJ002", actor: at("2026-05-20T11:00:00+08:00")).status == .done)
    }

    @Test func aRefusedVisitNeedsAReasonAndNeverGetsACode() throws {
        let db = try visitDatabase()
        let id = try db.fileVisit(complaintFiling(), yearlyCap: nil, random: chance(1), actor: clerk).visit.id
        #expect(throws: VisitError.reasonRequired("a refusal")) { try db.refuseVisit(id, leader: "leader-yj", reason: "  ", actor: clerk) }
        let refused = try db.refuseVisit(id, leader: "leader-yj", reason: "检查事项与投诉内容无关", actor: clerk)
        #expect(refused.status == .refused && refused.code == nil)
        #expect(throws: VisitError.alreadyDecided(id)) { try db.approveVisit(id, leader: "leader-yj", random: chance(2), actor: clerk) }
        #expect(throws: VisitError.refusedVisit(id)) { try db.checkIn(id, certificate: "YJ001", actor: at("2026-05-20T09:00:00+08:00")) }
    }

    @Test func anEmergencyVisitIsCodedAtOnceAndApprovedAfterwards() throws {
        let db = try visitDatabase()
        let filed = try db.fileVisit(complaintFiling(emergency: true), yearlyCap: nil, random: chance(3), actor: clerk).visit
        let code = try #require(filed.code)
        #expect(filed.approvalOverdue(today: LocalDate("2026-04-02")!) == false)
        #expect(filed.approvalOverdue(today: LocalDate("2026-04-03")!) == true)
        _ = try db.checkIn(filed.id, certificate: "YJ001", actor: at("2026-05-20T09:00:00+08:00"))
        let approved = try db.approveVisit(filed.id, leader: "leader-yj", random: chance(4), actor: clerk)
        #expect(approved.code == code)
        guard case .approved(_, _, let afterwards) = approved.approval else { Issue.record("not approved"); return }
        #expect(afterwards)
    }

    @Test func aLateEntryWithinTenDaysIsFlaggedAndBeyondRefused() throws {
        let db = try visitDatabase()
        let id = try db.fileVisit(complaintFiling(), yearlyCap: nil, random: chance(1), actor: clerk).visit.id
        _ = try db.approveVisit(id, leader: "leader-yj", random: chance(2), actor: clerk)
        let now = at("2026-06-02T10:00:00+08:00")
        #expect(throws: VisitError.tooLate(days: 13)) {
            try db.checkIn(id, certificate: "YJ001", occurredAt: "2026-05-20T09:00", lateReason: "网络故障", actor: now)
        }
        #expect(throws: VisitError.reasonRequired("an entry made late (补录)")) {
            try db.checkIn(id, certificate: "YJ001", occurredAt: "2026-05-25T09:00", actor: now)
        }
        let visit = try db.checkIn(id, certificate: "YJ001", occurredAt: "2026-05-25T09:00", lateReason: "现场无网络信号", actor: now)
        #expect(visit.presence.checkedInAt == "2026-05-25T09:00" && visit.presence.lateReason == "现场无网络信号")
    }

    @Test func resultsWithoutCheckInNeedAReasonAndAreListedAsWithoutCode() throws {
        let db = try visitDatabase()
        let id = try db.fileVisit(complaintFiling(), yearlyCap: nil, random: chance(1), actor: clerk).visit.id
        _ = try db.approveVisit(id, leader: "leader-yj", random: chance(2), actor: clerk)
        #expect(throws: VisitError.reasonRequired("a result without 入企 check-in (无码检查)")) {
            try db.recordVisitResult(id, outcome: .noProblem, findings: "", noCodeReason: nil, actor: clerk)
        }
        let recorded = try db.recordVisitResult(id, outcome: .problem, findings: "应急预案未演练", noCodeReason: "手机没电", actor: clerk)
        #expect(recorded.isWithoutCode && recorded.status == .recorded)
        let stats = try db.visitStatistics(source: nil, year: 2026)
        #expect(stats.visits == 1 && stats.checkedIn == 0 && stats.checkInRateText == "0.0%")
        #expect(stats.withoutCode.map(\.id) == [id] && stats.withoutCode.first?.reason == "手机没电")
    }

    @Test func oneEvaluationPerVisitAfterTheVisitAndTheInspectedDepartmentSeesCountsOnly() throws {
        // Given a joint visit of YJ and HB, and a visit of HB alone
        let db = try visitDatabase()
        var joint = complaintFiling()
        joint.departments = ["YJ", "HB"]; joint.inspectors = ["YJ001", "HB001"]
        joint.items.append(VisitItem(department: "HB", code: "HB-1"))
        let visit = try db.fileVisit(joint, yearlyCap: nil, random: chance(1), actor: clerk).visit
        let approved = try db.approveVisit(visit.id, leader: "leader-yj", random: chance(2), actor: clerk)
        let token = try #require(approved.code?.token)
        let evaluation = VisitEvaluation(rating: .fairlySatisfied, certificatesShown: true, noticeGiven: true, rightsTold: false,
                                         productionDisturbed: false, integrityKept: true, comment: "未告知申请回避的权利")
        // When / Then
        #expect(throws: VisitError.notYetVisited(visit.id)) { try db.evaluateVisit(token: token, evaluation, at: "2026-05-20T12:00:00+08:00") }
        _ = try db.checkIn(visit.id, certificate: "HB001", actor: at("2026-05-20T09:00:00+08:00"))
        #expect(try db.evaluateVisit(token: token, evaluation, at: "2026-05-20T12:00:00+08:00").evaluated)
        #expect(throws: VisitError.alreadyEvaluated(visit.id)) { try db.evaluateVisit(token: token, evaluation, at: "2026-05-20T12:01:00+08:00") }
        #expect(throws: VisitError.unknownCode) { try db.evaluateVisit(token: String(repeating: "A", count: 27), evaluation, at: "x") }
        try db.complainAboutVisit(token: token, text: "检查人员未出示通知书", contact: "", at: "2026-05-20T12:05:00+08:00")
        // The schema keeps the evaluation as given.
        #expect(throws: (any Error).self) { try db.backend.write { try $0.execute(sql: "UPDATE visit_evaluation SET rating = '满意'") } }
        // Inspected departments: counts only; the full list leaves their visits out.
        #expect(try db.evaluations(excludingDepartment: "HB").total == 0)
        #expect(try db.complaints(excludingDepartment: "YJ").total == 0)
        let counts = try db.evaluationCounts(department: "HB")
        #expect(counts == EvaluationCounts(evaluations: 1, satisfied: 0, fairlySatisfied: 1, dissatisfied: 0, complaints: 1))
        // A reader outside the visit (or an auditor: nil) reads it in full.
        let rows = try db.evaluations(excludingDepartment: nil).rows
        #expect(rows.map(\.evaluation) == [evaluation] && rows.first?.departments == ["YJ", "HB"])
        #expect(try db.evaluations(excludingDepartment: "SC").total == 1)
        #expect(try db.complaints(excludingDepartment: nil).rows.first?.text == "检查人员未出示通知书")
    }

    @Test func theYearlyCapRefusesAndRecordsTheRefusalUnlessExempted() throws {
        // Given two HB visits of 乙铸造 drawn in a routine draw, cap 2
        let db = try visitDatabase()
        let draw = try db.saveDraw(drawRecord(drawn: ["911301110JX5R7R96D"]), kind: .routine, year: 2026, actor: clerk)
        func routine(_ day: String) -> VisitFiling {
            VisitFiling(source: .routine(drawID: draw.id), uscc: "911301110JX5R7R96D", departments: ["HB"], inspectors: ["HB001", "HB002"],
                        items: [VisitItem(department: "HB", code: "HB-1")], start: LocalDate(day)!, end: LocalDate(day)!)
        }
        _ = try db.fileVisit(routine("2026-05-04"), yearlyCap: 2, random: chance(1), actor: clerk)
        _ = try db.fileVisit(routine("2026-06-10"), yearlyCap: 2, random: chance(2), actor: clerk)
        // When a third is filed
        #expect(throws: VisitError.capReached(uscc: "911301110JX5R7R96D", department: "HB", count: 2, cap: 2)) {
            try db.fileVisit(routine("2026-09-01"), yearlyCap: 2, random: chance(3), actor: clerk)
        }
        // Then nothing was filed, but the refusal is counted
        #expect(try db.visits().total == 2)
        #expect(try db.visitStatistics(source: nil, year: 2026).refusedAtCap == 1)
        // An exemption needs its reason, then passes
        var exempt = routine("2026-09-01")
        exempt.exemption = .dataLead
        #expect(throws: VisitError.invalid("an exemption from the yearly cap needs its reason")) {
            try db.fileVisit(exempt, yearlyCap: 2, random: chance(3), actor: clerk)
        }
        exempt.exemptionReason = "在线监测数据超标预警"
        #expect(try db.fileVisit(exempt, yearlyCap: 2, random: chance(3), actor: clerk).visit.filing.exemption == .dataLead)
        let stats = try db.visitStatistics(source: nil, year: 2026)
        #expect(stats.exemptions.map(\.exemption) == ["数据监测线索"])
        #expect(try db.visitCounts(uscc: "911301110JX5R7R96D", year: 2026) == ["HB": 3])
    }

    @Test func frequentVisitsOfOneEnterpriseAreWarned() throws {
        let db = try visitDatabase()
        _ = try db.fileVisit(complaintFiling(on: "2026-05-18"), yearlyCap: nil, random: chance(1), actor: clerk)
        _ = try db.fileVisit(complaintFiling(on: "2026-05-19"), yearlyCap: nil, random: chance(2), actor: clerk)
        let third = try db.fileVisit(complaintFiling(on: "2026-05-19"), yearlyCap: nil, random: chance(3), actor: clerk)
        #expect(Set(third.warnings.map(\.span)) == [.day, .week])
        #expect(third.warnings.first { $0.span == .week }?.count == 3)
        // Over a span: the day and the week warned once each; before the visits none; none for a department that made none of them
        let may = try db.visitFrequencyWarnings(from: LocalDate("2026-05-01")!, through: LocalDate("2026-05-31")!)
        #expect(Set(may.map(\.period)) == ["2026-05-19", "2026-05-18 起的一周"] && may.count == 2)
        #expect(try db.visitFrequencyWarnings(from: LocalDate("2026-05-01")!, through: LocalDate("2026-05-17")!).isEmpty)
        #expect(try db.visitFrequencyWarnings(from: LocalDate("2026-05-01")!, through: LocalDate("2026-05-31")!, department: "HB").isEmpty)
        #expect(try db.visitFrequencyWarnings(from: LocalDate("2026-05-01")!, through: LocalDate("2026-05-31")!, department: "YJ").count == 2)
        // A fourth in the month: the month too (still one warning per day, week and month)
        _ = try db.fileVisit(complaintFiling(on: "2026-05-28"), yearlyCap: nil, random: chance(4), actor: clerk)
        let month = try db.visitFrequencyWarnings(from: LocalDate("2026-05-01")!, through: LocalDate("2026-05-31")!)
        #expect(month.filter { $0.span == .month }.map(\.period) == ["2026年5月"] && month.count == 3)
    }

    @Test func aFilingIsCheckedAgainstTheDirectoryAndTheSource() throws {
        let db = try visitDatabase()
        var filing = complaintFiling()
        filing.inspectors = ["YJ001", "HB001"]
        #expect(throws: VisitError.invalid("HB001 is an inspector of HB, which is not among the visit's departments")) {
            try db.fileVisit(filing, yearlyCap: nil, random: chance(1), actor: clerk)
        }
        filing = complaintFiling()
        filing.source = .plan("栾联2026099")
        #expect(throws: PlanError.unknownPlan("栾联2026099")) { try db.fileVisit(filing, yearlyCap: nil, random: chance(1), actor: clerk) }
        filing = complaintFiling()
        filing.items = [VisitItem(department: "YJ", code: "YJ-9")]
        #expect(throws: PlanError.itemNotInList(department: "YJ", code: "YJ-9")) {
            try db.fileVisit(filing, yearlyCap: nil, random: chance(1), actor: clerk)
        }
        #expect(try db.visits().total == 0)
    }

    @Test func codesAreMadeFromTheChanceGiven() throws {
        let a = try VisitCode(random: chance(1)), b = try VisitCode(random: chance(1)), c = try VisitCode(random: chance(2))
        #expect(a == b && a != c)
        #expect(VisitCode.normalize(shortCode: a.shortCode) == a.shortCode)
        #expect(VisitCode.normalize(shortCode: "ABCD-EFGH-J") == nil)
        #expect(a.url(publicURL: "https://jc.example.cn/") == "https://jc.example.cn/v/" + a.token)
    }
}
