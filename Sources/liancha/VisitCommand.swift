import ArgumentParser
import Foundation
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

/// `liancha visit …`: 扫码入企 — every visit filed, approved and coded, checked in and out, its result
/// uploaded, evaluated by the enterprise.
struct VisitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visit",
        abstract: "扫码入企: file a visit, approve it (its code), check in and out, record its result, print its documents.",
        subcommands: [File.self, Approve.self, Refuse.self, CheckIn.self, CheckOut.self, Result.self, Show.self, List.self,
                      Documents.self, Stats.self]
    )

    /// Chance for the codes: the one place the visit commands read a random source.
    static func chance() -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return (0..<VisitRules.codeRandomBytes).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    struct File: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "任务报备: file a visit of one enterprise (a joint visit: one filing for all its departments).")
        @Option(help: ArgumentHelp("plan:NUMBER, routine:DRAW-ID or cause:投诉举报|转办交办案件|数据监测线索|信用等级D级|企业申请|突发事件.", valueName: "source"))
        var source: String
        @Option(help: ArgumentHelp("For a cause: what it is about (e.g. the complaint's number).", valueName: "text")) var causeNote: String = ""
        @Option(help: ArgumentHelp("The enterprise's 统一社会信用代码.", valueName: "uscc")) var uscc: String
        @Option(help: ArgumentHelp("Department codes, lead first, comma-separated (plan: the departments it was dispatched to).", valueName: "codes"))
        var departments: String?
        @Option(help: ArgumentHelp("Certificates of the inspectors, comma-separated (plan: the matched team).", valueName: "certs"))
        var inspectors: String?
        @Option(help: ArgumentHelp("Items as DEPT:CODE, comma-separated (plan: the items dispatched).", valueName: "items")) var items: String?
        @Option(help: ArgumentHelp("First day of the window (YYYY-MM-DD).", valueName: "date")) var from: String
        @Option(help: ArgumentHelp("Last day of the window (default: the first).", valueName: "date")) var to: String?
        @Flag(help: "An emergency: the code is issued at once, the leader approves afterwards.") var emergency = false
        @Option(help: ArgumentHelp("An exemption from the yearly cap (the causes above).", valueName: "kind")) var exemption: String?
        @Option(help: ArgumentHelp("Why the exemption applies.", valueName: "text")) var exemptionReason: String = ""
        @Option(help: ArgumentHelp("Yearly cap per department (default: a routine draw's policy cap).", valueName: "n")) var yearlyCap: Int?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                let parsed = try VisitCommand.source(source, note: causeNote)
                guard let start = LocalDate(from), let end = LocalDate(to ?? from) else { throw Failure(message: "--from/--to must be dates like 2026-05-20") }
                let uscc = uscc.trimmingWhitespace.uppercased()
                let items = try VisitCommand.items(VisitCommand.list(items))
                var exemptionKind: VisitCause?
                if let exemption {
                    guard let kind = VisitCause(rawValue: exemption) else {
                        throw Failure(message: "--exemption must be one of " + VisitCause.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    exemptionKind = kind
                }
                let filing = try db.completingPlanFiling(VisitFiling(
                    source: parsed, uscc: uscc, departments: VisitCommand.list(departments), inspectors: VisitCommand.list(inspectors), items: items,
                    start: start, end: end, emergency: emergency, exemption: exemptionKind, exemptionReason: exemptionReason))
                let filed = try db.fileVisit(filing, yearlyCap: try VisitCommand.yearlyCap(for: parsed, given: yearlyCap, in: db),
                                             random: VisitCommand.chance(), actor: global.actor())
                print("filed \(filed.visit.id): \(uscc), \(filing.departments.joined(separator: "+")), \(filed.visit.status.rawValue)")
                if let code = filed.visit.code { print("  emergency: code \(code.shortCode) issued now; the leader approves within \(VisitRules.emergencyApprovalDays) day") }
                for w in filed.warnings { print("  warning (频次预警): \(w)") }
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "审批: approve a visit as a 负责人 (leader) of its lead department; issues its code.")
        @Argument(help: "The visit id (V2026-0001).") var id: String
        @Option(help: ArgumentHelp("The leader's account name.", valueName: "name")) var leader: String
        @Option(help: ArgumentHelp("The public address of the web app, for the code's address.", valueName: "url")) var publicURL = VisitDocuments.defaultPublicURL
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let visit = try global.open().approveVisit(id, leader: leader, random: VisitCommand.chance(), actor: global.actor())
                print("approved \(visit.id): code \(visit.code?.shortCode ?? "")  \(visit.code?.url(publicURL: publicURL) ?? "")")
            }
        }
    }

    struct Refuse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "审批: refuse a visit, with the reason.")
        @Argument(help: "The visit id.") var id: String
        @Option(help: ArgumentHelp("The leader's account name.", valueName: "name")) var leader: String
        @Option(help: ArgumentHelp("Why.", valueName: "text")) var reason: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let visit = try global.open().refuseVisit(id, leader: leader, reason: reason, actor: global.actor())
                print("refused \(visit.id): \(reason)")
            }
        }
    }

    struct CheckIn: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "checkin", abstract: "入企: record an inspector's arrival (needs the code).")
        @Argument(help: "The visit id.") var id: String
        @Option(help: ArgumentHelp("The inspector's certificate.", valueName: "cert")) var certificate: String
        @Option(help: ArgumentHelp("An earlier time entered late after a network failure (within 10 days).", valueName: "YYYY-MM-DDTHH:MM")) var at: String?
        @Option(help: ArgumentHelp("Why it is entered late.", valueName: "text")) var lateReason: String?
        @Option(help: ArgumentHelp("latitude,longitude", valueName: "lat,lon")) var location: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let v = try global.open().checkIn(id, certificate: certificate, occurredAt: at, location: location, lateReason: lateReason, actor: global.actor())
                print("checked in \(v.id) at \(v.presence.checkedInAt ?? "")" + (v.presence.lateReason == nil ? "" : " (补录)"))
            }
        }
    }

    struct CheckOut: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "checkout", abstract: "离企: record the departure.")
        @Argument(help: "The visit id.") var id: String
        @Option(help: ArgumentHelp("The inspector's certificate.", valueName: "cert")) var certificate: String
        @Option(help: ArgumentHelp("An earlier time entered late (within 10 days).", valueName: "YYYY-MM-DDTHH:MM")) var at: String?
        @Option(help: ArgumentHelp("Why it is entered late.", valueName: "text")) var lateReason: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let v = try global.open().checkOut(id, certificate: certificate, occurredAt: at, lateReason: lateReason, actor: global.actor())
                print("checked out \(v.id) at \(v.presence.checkedOutAt ?? "")")
            }
        }
    }

    struct Result: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "结果上传: record the visit's result (without check-in: 无码检查, with the reason).")
        @Argument(help: "The visit id.") var id: String
        @Option(help: ArgumentHelp("未发现问题 or 发现问题.", valueName: "outcome")) var outcome: String
        @Option(help: ArgumentHelp("What was found.", valueName: "text")) var findings: String = ""
        @Option(help: ArgumentHelp("Why there was no check-in (无码检查).", valueName: "text")) var noCodeReason: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                guard let o = ItemOutcome(rawValue: outcome) else { throw Failure(message: "--outcome must be 未发现问题 or 发现问题") }
                let v = try global.open().recordVisitResult(id, outcome: o, findings: findings, noCodeReason: noCodeReason, actor: global.actor())
                print("recorded \(v.id): \(o.rawValue)" + (v.isWithoutCode ? " (无码检查)" : ""))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a visit.")
        @Argument(help: "The visit id.") var id: String
        @Option(help: ArgumentHelp("The public address of the web app.", valueName: "url")) var publicURL = VisitDocuments.defaultPublicURL
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let v = try global.open().visit(id)
                print("\(v.id)  \(v.status.rawValue)\(v.filing.emergency ? "  紧急" : "")")
                print("  enterprise: \(v.filing.uscc)")
                print("  source: \(v.filing.source.text)")
                print("  departments: \(v.filing.departments.joined(separator: ", "))  inspectors: \(v.filing.inspectors.joined(separator: ", "))")
                for i in v.filing.items { print("  item \(i.department) \(i.code) \(i.name) — \(i.basis)") }
                print("  window: \(v.filing.start) – \(v.filing.end)   filed by \(v.filedBy) at \(v.filedAt)")
                switch v.approval {
                case .pending: print("  approval: pending")
                case .approved(let by, let at, let afterwards): print("  approved by \(by) at \(at)" + (afterwards ? " (afterwards)" : ""))
                case .refused(let by, let at, let reason): print("  refused by \(by) at \(at): \(reason)")
                }
                if let code = v.code { print("  code: \(code.shortCode)  \(code.url(publicURL: publicURL))") }
                if let t = v.presence.checkedInAt { print("  入企 \(t)" + (v.presence.location.map { " at \($0)" } ?? "") + (v.presence.lateReason.map { " (补录: \($0))" } ?? "")) }
                if let t = v.presence.checkedOutAt { print("  离企 \(t)") }
                if let o = v.outcome { print("  result: \(o.rawValue) \(v.findings)" + (v.presence.noCodeReason.map { " (无码检查: \($0))" } ?? "")) }
                print("  evaluated: \(v.evaluated ? "yes" : "no")")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List visits, newest first.")
        @Option(help: ArgumentHelp("Only those this department takes part in.", valueName: "code")) var department: String?
        @Flag(help: "Only those waiting for approval.") var pending = false
        @Option(help: "At most this many.") var limit = 50
        @Option(help: "Skip this many.") var offset = 0
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let page = try global.open().visits(department: department, pending: pending, limit: limit, offset: offset)
                for v in page.visits {
                    print("\(v.id)  \(v.status.rawValue)  \(v.filing.uscc)  \(v.filing.departments.joined(separator: "+"))  \(v.filing.start)  \(v.code?.shortCode ?? "")")
                }
                print("\(page.visits.count) of \(page.total)")
            }
        }
    }

    struct Documents: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a visit's 行政检查审批表, 行政检查通知书 and 现场检查笔录 (DOCX) and a printable HTML page.")
        @Argument(help: "The visit id.") var id: String
        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write to.", valueName: "dir")) var output: String
        @Option(help: ArgumentHelp("The public address of the web app (what the QR encodes).", valueName: "url")) var publicURL = VisitDocuments.defaultPublicURL
        @Option(help: ArgumentHelp("Yearly cap printed beside the count (default: the one the visit was filed under).", valueName: "n")) var yearlyCap: Int?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                try OutputFolder.create(output)
                let files = try VisitCommand.writeDocuments(try db.visit(id), db: db, output: output, publicURL: publicURL, yearlyCap: yearlyCap)
                print("wrote " + files.joined(separator: ", "))
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "亮码率, 无码检查, evaluations, refusals at the cap and exemptions of a year or a plan.")
        @Option(help: "The year.") var year: Int
        @Option(help: ArgumentHelp("Only the visits of this plan.", valueName: "number")) var plan: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let s = try global.open().visitStatistics(source: plan.map(VisitSource.plan), year: year)
                print("visits \(s.visits), checked in \(s.checkedIn), 亮码率 \(s.checkInRateText)")
                for w in s.withoutCode { print("  无码检查 \(w.id) \(w.uscc): \(w.reason)") }
                print("evaluations \(s.evaluations.evaluations) (满意 \(s.evaluations.satisfied), 基本满意 \(s.evaluations.fairlySatisfied), 不满意 \(s.evaluations.dissatisfied)), 满意率 \(s.satisfiedRateText), complaints \(s.evaluations.complaints)")
                print("refused at the cap \(s.refusedAtCap); exemptions: " + (s.exemptions.isEmpty ? "none" : s.exemptions.map { "\($0.exemption) \($0.count)" }.joined(separator: ", ")))
            }
        }
    }

    /// Writes the three DOCX and the HTML of a visit into `output`; returns the paths.
    static func writeDocuments(_ visit: Visit, db: AppDatabase, output: String, publicURL: String, yearlyCap: Int? = nil) throws -> [String] {
        let m = try VisitDocuments.model(visit, in: db, publicURL: publicURL, yearlyCap: yearlyCap)
        let base = "\(visit.id)-\(OutputFolder.safeName(m.enterpriseName))"
        return [try OutputFolder.write(try VisitDocumentRenderer.approvalDocx(m), output, "\(base)-行政检查审批表.docx"),
                try OutputFolder.write(try VisitDocumentRenderer.noticeDocx(m), output, "\(base)-行政检查通知书.docx"),
                try OutputFolder.write(try VisitDocumentRenderer.recordDocx(m), output, "\(base)-现场检查笔录.docx"),
                try OutputFolder.write(Data(VisitDocumentRenderer.html(m).utf8), output, "\(base)-通知书与笔录.html")]
    }

    /// The documents of every visit filed for `plan` (refused ones left out); returns how many visits.
    static func writePlanVisitDocuments(_ plan: String, db: AppDatabase, output: String, publicURL: String) throws -> Int {
        var offset = 0, written = 0
        while true {
            let page = try db.visits(source: .plan(plan), limit: 200, offset: offset)
            for visit in page.visits where visit.status != .refused {
                _ = try writeDocuments(visit, db: db, output: output, publicURL: publicURL)
                written += 1
            }
            offset += page.visits.count
            if page.visits.isEmpty || offset >= page.total { return written }
        }
    }

    static func source(_ text: String, note: String) throws -> VisitSource {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { throw Failure(message: "--source must be plan:NUMBER, routine:DRAW-ID or cause:KIND") }
        switch parts[0] {
        case "plan": return .plan(parts[1])
        case "routine": return .routine(drawID: parts[1])
        case "cause":
            guard let cause = VisitCause(rawValue: parts[1]) else {
                throw Failure(message: "the cause must be one of " + VisitCause.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return .cause(cause, note)
        default: throw Failure(message: "--source must be plan:NUMBER, routine:DRAW-ID or cause:KIND")
        }
    }

    /// The yearly cap a filing of `source` is held to: `given`, else a routine draw's policy cap.
    static func yearlyCap(for source: VisitSource, given: Int?, in db: AppDatabase) throws -> Int? {
        if let given { return given }
        guard case .routine(let id) = source, let policy = try db.draw(id: id)?.record.policy else { return nil }
        return (try? Policies.load(policy))?.rules.yearlyCap
    }

    /// Items written DEPT:CODE.
    static func items(_ texts: [String]) throws -> [VisitItem] {
        try texts.map { text in
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw Failure(message: "--items: '\(text)' is not DEPT:CODE") }
            return VisitItem(department: parts[0], code: parts[1])
        }
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0 == "，" }).map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }
}
