import ArgumentParser
import Crypto
import Foundation
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

/// `liancha demo`: the Luancheng sixth joint inspection of 2026 (`Citation.luancheng2026`), end to end, in a fresh database.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Luancheng (栾城区) sixth joint inspection of 2026 end to end on the fixtures, in a fresh database.",
        discussion: """
            Creates DIR/liancha.sqlite anew (or, with --database postgres://…, the schema the URL names
            with ?schema=, `demo` by default, dropped and made anew) and runs the plan of \(Citation.luancheng2026) on the fixtures: plan by the
            emergency-management bureau with the water bureau and the ecology & environment branch,
            partner items, the verifiable draw, dispatch and confirmation, mixed teams, the 一企一表
            forms, simulated results and follow-up, publication and the statistics table. The dates
            follow the plan (May–July 2026). Open the result with `liancha serve --database DIR/liancha.sqlite`.
            """
    )

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to put the database and documents.", valueName: "dir"))
    var output = "demo"

    @Option(help: ArgumentHelp("The fixtures folder (with luancheng/).", valueName: "dir"))
    var fixtures = "fixtures"

    @Option(help: ArgumentHelp("Run the demo on a PostgreSQL server instead of DIR/liancha.sqlite.", valueName: "postgres-url"))
    var database: String?

    func run() throws {
        try reporting {
            let fm = FileManager.default
            let data = (fixtures as NSString).appendingPathComponent("luancheng")
            guard fm.fileExists(atPath: data) else {
                throw Failure(message: "no fixtures at \(data): run the demo from the repository root or pass --fixtures DIR")
            }
            try OutputFolder.create(output)
            let path: String
            if let database {
                guard var server = PostgresLocation(url: database) else {
                    throw Failure(message: "--database takes a postgres:// URL (the demo's SQLite file is DIR/liancha.sqlite)")
                }
                server.schema = server.schema ?? "demo"
                path = server.urlText
            } else {
                path = (output as NSString).appendingPathComponent("liancha.sqlite")
            }
            let db = try AppDatabase.createAnew(path)
            try Self.run(db: db, fixtures: data, output: output)
            let shown = PostgresLocation(url: path)?.redacted ?? path
            print("database: \(shown)   (liancha serve --database \(shown))")
        }
    }

    /// Who does what and when in the demo: the plan's own dates, not today's.
    static func actor(_ name: String, _ date: String, _ time: String = "09:30:00") -> Actor {
        Actor(name: name, timestamp: "\(date)T\(time)+08:00", today: LocalDate(date)!)
    }

    static func run(db: AppDatabase, fixtures: String, output: String) throws {
        // The directory as loaded at the start of the year, and the quarter's changes (the report shows them).
        let start = actor("栾城区应急管理局 李明", "2026-01-05")
        _ = try Init.loadBundled(into: db, actor: start)
        for table in [Import.Table.enterprises, .inspectors, .items] {
            _ = try Import.importFile(table, path: (fixtures as NSString).appendingPathComponent("\(table.rawValue).csv"), into: db, actor: start)
        }
        try db.addConflicts(try Import.readConflicts((fixtures as NSString).appendingPathComponent("conflicts.csv")), source: "conflicts.csv", actor: start)
        let clerk = actor("栾城区应急管理局 李明", "2026-05-08")
        _ = try Import.importFile(.enterprises, path: (fixtures as NSString).appendingPathComponent("enterprises-2026-05-update.csv"), into: db,
                                  actor: actor("栾城区市场监管局 周洁", "2026-05-06"))
        let summary = try db.directorySummary()
        print("directory: \(summary.enterprises) enterprises, \(summary.inspectors) inspectors, \(summary.items) items")

        // 1. Plan (lead: emergency management), partner items (the Luancheng plan, 二), freeze.
        let plan = try PlanCommand.Create.read((fixtures as NSString).appendingPathComponent("plan-2026-06.yaml"))
        try db.createPlan(plan, actor: clerk)
        try db.openPlanForItems(plan.number, actor: clerk)
        try db.addPlanItems(plan.number, department: "YJ", codes: ["YJ-001"], actor: actor("应急 李明", "2026-05-11"))
        try db.addPlanItems(plan.number, department: "YJ", codes: ["YJ-002"], labels: ["行业=危化"], actor: actor("应急 李明", "2026-05-11"))
        try db.addPlanItems(plan.number, department: "YJ", codes: ["YJ-003"], labels: ["行业=技术服务"], actor: actor("应急 李明", "2026-05-11"))
        let water = actor("水利局 赵强", "2026-05-11", "14:00:00")
        try db.addPlanItems(plan.number, department: "SL", codes: ["SL-012", "SL-014"], actor: water)
        try db.addPlanItems(plan.number, department: "SL", codes: (1...13).filter { $0 != 12 }.map { String(format: "SL-%03d", $0) },
                            labels: ["行业=涉水", "行业=污水处理"], actor: water)
        let ecology = actor("生态环境分局 孙丽", "2026-05-11", "15:00:00")
        for (code, label) in [("HB-001", "行业=涉ODS"), ("HB-002", "行业=机动车销售"), ("HB-003", "区域=自然保护地"),
                              ("HB-004", "行业=危化"), ("HB-005", "行业=危废"), ("HB-006", "行业=涉重金属")] {
            try db.addPlanItems(plan.number, department: "HB", codes: [code], labels: [label], actor: ecology)
        }
        try db.freezePlan(plan.number, actor: actor("应急 李明", "2026-05-12"))
        print("plan \(plan.number): \(plan.title), \(try db.planItems(plan.number).count) items")

        // 2. Draw (seeded from public text so the demo is reproducible), dispatch, confirmation.
        let entropy = "栾联2026006 2026-05-13 福彩3D第2026124期开奖号码 5 2 9"
        let draw = try db.drawPlan(plan.number, seed: VerifiableDraw.seed(fromPublicEntropy: entropy), publicEntropy: entropy,
                                   sealed: false, actor: actor("应急 李明", "2026-05-13", "10:00:00"))
        print("draw: \(draw.id)  " + draw.strata.map { "\($0.className ?? $0.scope) \($0.quota)/\($0.candidates.count)" }.joined(separator: ", "))
        let confirmations = try db.dispatchPlan(plan.number, calendar: try db.workCalendar(), actor: actor("应急 李明", "2026-05-13", "11:00:00"))
        print("dispatched: " + confirmations.map { "\($0.department) confirm by \($0.due)" }.joined(separator: ", "))
        let assignments = try db.assignments(plan.number)
        for c in confirmations {
            // The water bureau rejects one enterprise whose water permit was withdrawn; the others confirm all.
            var rejections: [String: String] = [:]
            if c.department == "SL", assignments.filter({ $0.department == "SL" }).count > 1, let first = assignments.first(where: { $0.department == "SL" }) {
                rejections[first.uscc] = "该企业取水许可已注销，不属本局本次检查范围"
            }
            let who = c.department == "SL" ? water : actor("\(c.department) 管理员", "2026-05-14", "10:00:00")
            try db.confirmDispatch(plan.number, department: c.department, rejections: rejections, actor: who)
        }

        // 3. Mixed teams, one replacement for cause, one assistant.
        let teamSeed = Array(SHA256.hash(data: Array("栾联2026006 teams 2026-05-18".utf8)))
        let teamDraw = try db.matchTeams(plan.number, seed: teamSeed, actor: actor("应急 李明", "2026-05-18"))
        print("teams: \(teamDraw.id), \(teamDraw.teams.count) department teams")
        if let t = teamDraw.teams.first, let cert = t.drawn?.first {
            let by = try db.replaceInspector(plan.number, uscc: t.enterprise, certificate: cert, reason: "因病住院，无法参加检查",
                                             approvedBy: "栾城区应急管理局 王局长", actor: actor("应急 李明", "2026-05-19"))
            print("replacement: \(cert) → \(by) at \(t.enterprise)")
        }
        if let hb = teamDraw.teams.first(where: { $0.department == "HB" }),
           let expert = try db.inspectors().first(where: { $0.department == "HB" && $0.kind == .auxiliary }) {
            try db.addAssistant(plan.number, uscc: hb.enterprise, department: "HB", certificate: expert.certificate,
                                actor: actor("生态环境分局 孙丽", "2026-05-19"))
        }

        // 4. The forms (一企一表), before the visits.
        let formsDir = (output as NSString).appendingPathComponent("forms")
        try OutputFolder.create(formsDir)
        let policy = try Policies.load("gaocheng-2026")
        let blank = try PlanDocuments.forms(plan.number, in: db, policy: policy)
        for (i, form) in blank.enumerated() {
            _ = try OutputFolder.write(try ReportRenderer.docx(forms: [form]), formsDir,
                                       String(format: "%03d-%@-%@.docx", i + 1, form.uscc, OutputFolder.safeName(form.enterpriseName)))
        }
        let combined = try OutputFolder.write(try ReportRenderer.docx(forms: blank), formsDir, "栾联2026006-一企一表-合订本.docx")
        let formsHTML = try OutputFolder.write(Data(ReportRenderer.html(forms: blank).utf8), formsDir, "栾联2026006-一企一表.html")

        // 5. Visits and results (simulated: about one item in seven has a problem), follow-up.
        let items = try db.planItems(plan.number)
        let calendar = try db.workCalendar()
        var day = LocalDate("2026-05-20")!
        var findings: [(uscc: String, department: String, day: LocalDate)] = []
        // 扫码入企: each enterprise's joint visit filed and approved before the first check, its code on the notice.
        var loop = DemoVisits(db: db, plan: plan)
        try loop.fileAndApprove(assignments: try db.assignments(plan.number), firstDay: try calendar.adding(workdays: 1, to: day))
        for (n, a) in try db.assignments(plan.number).enumerated() {
            if n % 3 == 0 { day = try calendar.adding(workdays: 1, to: day) }
            try loop.arrive(uscc: a.uscc, day: day)
            guard let e = try db.enterprise(uscc: a.uscc) else { continue }
            let mine = plan.items(of: a.department, at: e, in: items)
            let results = mine.map { i -> ItemResult in
                let problem = Self.simulated(a.uscc + i.item.code) < 36
                return ItemResult(uscc: a.uscc, department: a.department, itemCode: i.item.code, outcome: problem ? .problem : .noProblem,
                                  description: problem ? "现场检查发现：\(i.item.name)方面台账记录不完整" : "",
                                  confidential: a.department == "HB" && i.item.code == "HB-003")
            }
            if results.contains(where: { $0.outcome == .problem }) { findings.append((a.uscc, a.department, day)) }
            let visit = VisitRecord(uscc: a.uscc, department: a.department, checkedOn: day,
                                    questionsAnswered: Int(Self.simulated(a.uscc + a.department) % 4), refusedToSign: n == 4)
            _ = try db.recordResults(plan.number, department: a.department, uscc: a.uscc, results: results, visit: visit,
                                     actor: actor("检查组 \(a.department)", day.description, "16:00:00"))
            try loop.departmentRecorded(uscc: a.uscc, problem: results.contains { $0.outcome == .problem }, day: day)
        }
        let codePage = try loop.evaluate(publicURL: VisitDocuments.defaultPublicURL)
        for (i, f) in findings.enumerated() {
            let date = try calendar.adding(workdays: 3, to: f.day)
            let action: FollowUpAction = i == 1 ? .caseOpened : i == 2 ? .abnormalList : .orderedRectification
            try db.recordFollowUp(plan.number, FollowUp(uscc: f.uscc, department: f.department, action: action, date: date,
                                                        note: action == .caseOpened ? "涉嫌违法，已立案" : "限期15日内整改"),
                                  actor: actor("执法科 \(f.department)", date.description))
            if action == .caseOpened {
                let decision = try calendar.adding(workdays: 10, to: date)
                try db.recordFollowUp(plan.number, FollowUp(uscc: f.uscc, department: f.department, action: .penalty, date: decision,
                                                            note: "作出行政处罚决定"), actor: actor("执法科 \(f.department)", decision.description))
            }
        }
        print("results: \(try db.planActivity(plan.number).results.count) item results, \(findings.count) findings followed up")

        // 6. Publication (within 20 working days of the last check), close, the statistics table.
        let published = try db.publishPlan(plan.number, actor: actor("应急 李明", "2026-06-12"))
        print("published: " + PublishedResult.allCases.map { w in "\(w.rawValue) \(published.filter { $0.wording == w }.count)" }.joined(separator: ", "))
        try db.closePlan(plan.number, actor: actor("应急 李明", "2026-07-31"))
        let tablesDir = (output as NSString).appendingPathComponent("tables")
        try OutputFolder.create(tablesDir)
        let table = try PlanDocuments.statisticsTable(plan.number, in: db)
        let tableFiles = try OutputFolder.writeTable(table, tablesDir, "栾联2026006-联合抽查情况统计表")
        let annual = try PlanDocuments.annualPlanTables(year: 2026, in: db, unit: "石家庄市栾城区应急管理局")
        let annualFiles = try OutputFolder.writeTable(annual.crossDepartment, tablesDir, "2026年度跨部门联合抽查计划表")

        // The quarterly report upward, under the Shijiazhuang district policy of `Citation.gaocheng2026`.
        let reportDir = (output as NSString).appendingPathComponent("report-2026Q2")
        try OutputFolder.create(reportDir)
        let report = try QuarterReport.compile(quarter: Quarter("2026Q2")!, policy: policy, in: db, asOf: LocalDate("2026-06-30")!)
        for (name, t) in report.tables { _ = try OutputFolder.writeTable(t, reportDir, name) }

        // The visits' documents: 行政检查审批表, 行政检查通知书 (with the QR code), 现场检查笔录.
        let visitsDir = (output as NSString).appendingPathComponent("visits")
        try OutputFolder.create(visitsDir)
        let visitCount = try VisitCommand.writePlanVisitDocuments(plan.number, db: db, output: visitsDir, publicURL: VisitDocuments.defaultPublicURL)
        let loopStats = try db.visitStatistics(source: .plan(plan.number), year: plan.year)

        // 7. The draw records, as anyone can re-check them.
        let drawsDir = (output as NSString).appendingPathComponent("draws")
        try OutputFolder.create(drawsDir)
        var drawFiles: [String] = []
        for id in [draw.id, teamDraw.id] {
            guard let stored = try db.draw(id: id) else { continue }
            drawFiles.append(try OutputFolder.write(try stored.publicRecord.json(), drawsDir, "\(id).json"))
            let check = stored.publicRecord.verify()
            print("verify \(id): \(check.isVerified ? "verified" : "NOT verified: \(check.problems.first ?? "")")")
        }

        print("")
        print(table.title)
        for row in table.rows { print("  " + row.joined(separator: "  ")) }
        print("")
        print("forms:  \(blank.count) × 一企一表 in \(formsDir) (combined: \(combined); printable: \(formsHTML))")
        print("tables: " + (tableFiles + annualFiles).joined(separator: "\n        "))
        print("draws:  " + drawFiles.joined(separator: ", ") + "  (python3 scripts/verify-draw.py FILE re-checks them)")
        print("visits: \(visitCount) joint visits filed, approved and coded; 亮码率 \(loopStats.checkInRateText), 无码检查 \(loopStats.withoutCode.count), "
              + "evaluations \(loopStats.evaluations.evaluations), complaints \(loopStats.evaluations.complaints); documents in \(visitsDir)")
        if let codePage { print("code page of one enterprise (liancha serve): \(codePage.address)  (检查码 \(codePage.shortCode))") }
        print("leaders (负责人, sign in to approve visits): "
              + plan.departments.map { "\(DemoVisits.leader($0)) / \(DemoVisits.leaderPassword($0))" }.joined(separator: ", "))
        print("report: \(reportDir) (2026Q2: " + report.indicatorValues.map { "\($0.name) \($0.isMet ? "达标" : "未达标")" }.joined(separator: "，") + ")")
    }

    /// A stable pseudo-random byte for simulated results.
    static func simulated(_ key: String) -> UInt8 {
        Array(SHA256.hash(data: Array(key.utf8)))[0]
    }
}
