import Foundation
import Testing
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

/// Credit C/D is "risky" at 50 %, everything else "other" at 10 %; risky objects at least once a year; cap 2.
let quarterPolicy = Policy(
    name: "test-2026", title: "测试分类办法", jurisdiction: "栾城区", level: .county, year: 2026, source: "",
    classes: [SupervisionClass(id: "risky", name: "高风险监管对象", condition: .test(.creditRisk, ["C", "D"]), ratio: try! Ratio("50%")),
              SupervisionClass(id: "other", name: "一般监管对象", condition: .any([]), ratio: try! Ratio("10%"))],
    precedence: ["risky"], precedenceNote: "", fallback: "other",
    rules: PolicyRules(yearlyCap: 2, minimumCoverage: [CoverageRule(classes: ["risky"], times: 1, per: .year)]),
    inputs: [], department: "HB")

/// A quarter (2026Q2) of recorded activity, with what the test knows about it independently of the report code.
struct Quarter2 {
    let db: AppDatabase
    /// Enterprises checked at random, with their final credit level, whether a problem was found, published, handling.
    var routine: [(uscc: String, date: String, problem: Bool, published: String?, handling: FollowUpAction?)] = []
    var crossPlanEnterprises: [String] = []
    var internalPlanEnterprises: [String] = []

    /// Final credit level by USCC: code(n) has A,B,C,D by n % 4, except the changes made in Q2.
    static func finalCredit(_ uscc: String) -> String {
        if uscc == code(1) { return "D" }
        if uscc == code(100) { return "C" }
        let n = (0..<40).first { code($0) == uscc }!
        return ["A", "B", "C", "D"][n % 4]
    }

    static func risky(_ uscc: String) -> Bool { ["C", "D"].contains(finalCredit(uscc)) }

    init() throws {
        db = try district(on: "2026-03-20")
        // Directory changes in Q2: code(1) B→D, code(5) joins the positive list, code(9) deregistered, code(100) new.
        _ = try db.importEnterprises(TableSchema.enterprises.bind(header: ["uscc", "name", "division", "credit_risk", "positive_list", "status", "departments"]),
                                     rows: rows([[code(1), "企业<1>&", "130111", "D", "否", "在营", "YJ"],
                                                 [code(5), "企业<5>&", "130111", "B", "是", "在营", "YJ"],
                                                 [code(9), "企业<9>&", "130111", "B", "否", "注销", "YJ"],
                                                 [code(100), "新企业", "130111", "C", "否", "在营", "YJ"]]),
                                     options: ImportOptions(source: "q2.csv"), actor: at("2026-05-10"))
        // A routine draw of the risky class (candidates as at the draw) and three checks.
        let candidates = (0..<40).filter { $0 % 4 >= 2 }.map(code)
        let seed = VerifiableDraw.seed(fromPublicEntropy: "routine")
        let sorted = candidates.sorted()
        let drawn = VerifiableDraw.draw(seed: seed, scope: "2026Q2/高风险监管对象", candidates: sorted, count: 10)
        let draw = try db.saveDraw(DrawRecord(
            id: "", created: "2026-04-01T09:00:00+08:00", operator: "测试", purpose: "2026Q2", seed: VerifiableDraw.hex(seed),
            commitment: VerifiableDraw.commitment(seed: seed), publicEntropy: "routine", supersedes: nil, reason: nil, sealed: false,
            policy: "test-2026", period: "2026Q2", directed: [], plan: nil,
            strata: [DrawStratum(scope: "2026Q2/高风险监管对象", classID: "risky", className: "高风险监管对象", ratio: "50%", method: "site",
                                 candidates: sorted, snapshot: VerifiableDraw.snapshot(sorted), excluded: [], quota: 10, drawn: drawn)]),
            kind: .routine, year: 2026, actor: at("2026-04-01"))
        routine = [(drawn[0], "2026-04-10", false, "2026-04-20", nil),
                   (drawn[1], "2026-04-15", true, "2026-05-30", .orderedRectification),   // published late: due 05-13
                   (drawn[2], "2026-06-20", false, nil, nil)]
        for c in routine {
            try db.recordCheck(drawID: draw.id, uscc: c.uscc, on: day(c.date), problemFound: c.problem, handling: c.handling,
                               handledOn: c.handling == nil ? nil : day(c.date), publishedOn: c.published.map(day), actor: at(c.date))
        }
        // A complaint check of the first routine enterprise, 21 days after its random check.
        try db.recordCauseCheck(uscc: drawn[0], department: "HB", on: day("2026-05-01"), cause: "投诉举报", actor: at("2026-05-01"))

        // The cross-department plan (YJ + HB), checked 06-24, one YJ finding and every HB item a finding, one case opened.
        try db.createPlan(testPlan, actor: at("2026-06-01"))
        try db.openPlanForItems(testPlan.number, actor: at("2026-06-01"))
        try db.addPlanItems(testPlan.number, department: "YJ", codes: ["YJ-001"], actor: at("2026-06-02"))
        try db.addPlanItems(testPlan.number, department: "HB", codes: ["HB-005"], labels: ["行业=危化"], actor: at("2026-06-02"))
        try db.freezePlan(testPlan.number, actor: at("2026-06-03"))
        _ = try db.drawPlan(testPlan.number, seed: testSeed, publicEntropy: nil, sealed: false, actor: at("2026-06-17"))
        for c in try db.dispatchPlan(testPlan.number, calendar: try db.workCalendar(), actor: at("2026-06-18")) {
            try db.confirmDispatch(testPlan.number, department: c.department, rejections: [:], actor: at("2026-06-22"))
        }
        _ = try db.matchTeams(testPlan.number, seed: testSeed, actor: at("2026-06-22"))
        let assignments = try db.assignments(testPlan.number)
        crossPlanEnterprises = Array(Set(assignments.map(\.uscc))).sorted()
        let yjFinding = assignments.first { $0.department == "YJ" }!
        for a in assignments {
            let problem = a == yjFinding || a.department == "HB"
            _ = try db.recordResults(testPlan.number, department: a.department, uscc: a.uscc,
                                     results: [ItemResult(uscc: a.uscc, department: a.department, itemCode: a.department == "YJ" ? "YJ-001" : "HB-005",
                                                          outcome: problem ? .problem : .noProblem)],
                                     visit: VisitRecord(uscc: a.uscc, department: a.department, checkedOn: day("2026-06-24")), actor: at("2026-06-24"))
        }
        for a in assignments where a.department == "HB" {
            try db.recordFollowUp(testPlan.number, FollowUp(uscc: a.uscc, department: "HB", action: .caseOpened, date: day("2026-06-29")), actor: at("2026-06-29"))
        }
        _ = try db.publishPlan(testPlan.number, actor: at("2026-07-10"))

        // An internal joint plan of HB, checked 06-10, nothing found, not yet published.
        var internalPlan = testPlan
        internalPlan.number = "栾环内2026001"
        internalPlan.kind = .internal
        internalPlan.lead = "HB"
        internalPlan.partners = []
        internalPlan.scope = PlanScope(description: "生态环境监管企业", departments: ["HB"])
        internalPlan.start = day("2026-05-20")  // its checks (06-10) fall within its own window
        try db.createPlan(internalPlan, actor: at("2026-05-20"))
        try db.openPlanForItems(internalPlan.number, actor: at("2026-05-20"))
        try db.addPlanItems(internalPlan.number, department: "HB", codes: ["HB-005"], actor: at("2026-05-21"))
        try db.freezePlan(internalPlan.number, actor: at("2026-05-22"))
        _ = try db.drawPlan(internalPlan.number, seed: testSeed, publicEntropy: nil, sealed: false, actor: at("2026-05-25"))
        for c in try db.dispatchPlan(internalPlan.number, calendar: try db.workCalendar(), actor: at("2026-05-26")) {
            try db.confirmDispatch(internalPlan.number, department: c.department, rejections: [:], actor: at("2026-05-27"))
        }
        _ = try db.matchTeams(internalPlan.number, seed: testSeed, actor: at("2026-05-28"))
        for a in try db.assignments(internalPlan.number) {
            internalPlanEnterprises.append(a.uscc)
            _ = try db.recordResults(internalPlan.number, department: a.department, uscc: a.uscc,
                                     results: [ItemResult(uscc: a.uscc, department: "HB", itemCode: "HB-005", outcome: .noProblem)],
                                     visit: VisitRecord(uscc: a.uscc, department: "HB", checkedOn: day("2026-06-10")), actor: at("2026-06-10"))
        }
    }
}

@Suite struct QuarterReportTests {
    @Test func everyNumberOfEveryTableMatchesTheHandCount() throws {
        let q = try Quarter2()
        let report = try QuarterReport.compile(quarter: Quarter("2026Q2")!, policy: quarterPolicy, in: q.db, asOf: day("2026-06-30"))

        // --- 1. Statistics by class. Random checks: 3 routine (risky) + one per enterprise of each plan.
        let joint = q.crossPlanEnterprises + q.internalPlanEnterprises
        let riskyJoint = joint.filter(Quarter2.risky), otherJoint = joint.filter { !Quarter2.risky($0) }
        let crossRisky = q.crossPlanEnterprises.filter(Quarter2.risky)
        let crossOther = q.crossPlanEnterprises.filter { !Quarter2.risky($0) }
        // Problems in the cross plan: enterprises where HB went (all HB items are findings) plus the YJ finding's enterprise.
        let activity = try q.db.planActivity(testPlan.number)
        let problemEnterprises = Set(activity.results.filter { $0.outcome == .problem }.map(\.uscc))
        let cased = Set(activity.followUps.filter { $0.action == .caseOpened }.map(\.uscc))
        func row(_ name: String) throws -> [String] { try #require(report.statistics.rows.first { $0[0] == name }) }
        // 名录库: 20 risky at the start, + code(1) (B→D) + code(100) (new, C) = 22; other: 20 − code(1) − code(9) (deregistered) = 18.
        let riskyProblems: Int = crossRisky.filter { problemEnterprises.contains($0) }.count
        let riskyCased: Int = crossRisky.filter { cased.contains($0) }.count
        let riskyExpected: [Int] = [22, 3 + riskyJoint.count, 3 + riskyJoint.count, 0, 2 + crossRisky.count, 1 + riskyProblems,
                                    1, riskyCased, 0, 1 + riskyCased]
        #expect(try row("高风险监管对象") == ["高风险监管对象"] + riskyExpected.map(String.init))
        let otherProblems: Int = crossOther.filter { problemEnterprises.contains($0) }.count
        let otherCased: Int = crossOther.filter { cased.contains($0) }.count
        let otherExpected: [Int] = [18, otherJoint.count, otherJoint.count, 0, crossOther.count, otherProblems, 0, otherCased, 0, otherCased]
        #expect(try row("一般监管对象") == ["一般监管对象"] + otherExpected.map(String.init))
        #expect(try row("合计")[1...2] == ["40", String(3 + joint.count)])
        #expect(report.statistics.notes.first?.contains("非随机检查 1 户次") == true)

        // --- 2. Joint inspections: a row per plan overlapping the quarter, and a total.
        #expect(report.jointInspections.rows.map(\.[0]) == ["栾环内2026001 第六次联合抽查", "栾联2026006 第六次联合抽查", "合计"])
        let crossTotal = activity.statistics().last!.values.map(String.init)
        #expect(Array(report.jointInspections.rows[1].dropFirst()) == crossTotal)
        #expect(report.jointInspections.rows[2][1] == String(q.crossPlanEnterprises.count + q.internalPlanEnterprises.count))
        #expect(report.jointInspections.rows[2][3] == "2")   // distinct departments: HB, YJ

        // --- 3. Directory changes.
        let changes = report.directoryChanges.rows.map { ($0[1], $0[2], $0[4]) }
        #expect(changes.contains { $0 == ("新增企业", code(100), "纳入名录库") })
        #expect(changes.contains { $0 == ("企业抽查类型变更", code(1), "一般监管对象 → 高风险监管对象") })
        #expect(changes.contains { $0 == ("消亡企业", code(9), "经营状态：在营 → 注销") })
        #expect(changes.contains { $0 == ("正面清单企业调整", code(5), "纳入正面清单") })
        #expect(changes.filter { $0.0 == "查处情况" }.count == cased.count)
        #expect(report.directoryChanges.rows.count == 4 + cased.count)

        // --- 4. Indicators.
        let all = 3 + joint.count
        let indicator = Dictionary(uniqueKeysWithValues: report.indicatorValues.map { ($0.name, $0) })
        let internalShare = try #require(indicator["内部联合抽查占抽查总数比例"])
        #expect((internalShare.numerator, internalShare.denominator) == (q.internalPlanEnterprises.count, all))
        #expect(internalShare.isMet == (q.internalPlanEnterprises.count * 100 >= 30 * all))
        #expect(indicator["跨部门联合抽查次数"]?.numerator == 1 && indicator["跨部门联合抽查次数"]?.isMet == true)
        let credit = try #require(indicator["运用信用风险分级分类开展的抽查占比"])
        #expect((credit.numerator, credit.denominator) == (all, all) && credit.isMet)   // the policy classes by credit risk
        let published = try #require(indicator["抽查结果公示率"])
        #expect((published.numerator, published.denominator) == (2 + q.crossPlanEnterprises.count, all) && !published.isMet)
        #expect(indicator["20个工作日内公示率"]?.numerator == 1 + q.crossPlanEnterprises.count)   // the 04-15 check was published late
        let coverage = try #require(indicator["高风险监管对象年度检查覆盖进度"])
        let riskyChecked = Set(q.routine.map(\.uscc) + riskyJoint)
        #expect((coverage.numerator, coverage.denominator) == (riskyChecked.count, 22))
        #expect(coverage.isMet == (riskyChecked.count * 4 >= 2 * 22))

        // --- 5. Warnings: an enterprise checked both in the routine draw and in a plan is at the cap of 2,
        // and within 60 days when the dates are that close; the complaint check is never counted.
        var randomDates: [String: [LocalDate]] = [:]
        for c in q.routine { randomDates[c.uscc, default: []].append(day(c.date)) }
        for e in q.crossPlanEnterprises { randomDates[e, default: []].append(day("2026-06-24")) }
        for e in q.internalPlanEnterprises { randomDates[e, default: []].append(day("2026-06-10")) }
        let capped = Set(randomDates.filter { $0.value.count >= 2 }.map(\.key))
        let repeated = Set(randomDates.filter { _, dates in
            let d = dates.sorted()
            return zip(d, d.dropFirst()).contains { $0.days(to: $1) <= 60 }
        }.map(\.key))
        #expect(Set(report.warningList.filter { $0.kind == .yearlyCap }.map(\.subject)) == capped)
        #expect(Set(report.warningList.filter { $0.kind == .repeated }.map(\.subject)) == repeated)
        // The two plans (led by YJ and by HB, both in Q2) warn for every enterprise they share.
        let shared = Set(q.crossPlanEnterprises).intersection(q.internalPlanEnterprises)
        #expect(Set(report.warningList.filter { $0.kind == .uncoordinated }.map(\.subject)) == shared)
    }

    @Test func aPenaltyDecisionMarksTheEnterprisePenalisedForTheNextQuartersDrawOnly() throws {
        // Given: the quarter, and a penalty decision (行政处罚) on one of the plan's HB findings
        let q = try Quarter2()
        let fined = try q.db.assignments(testPlan.number).first { $0.department == "HB" }!.uscc
        try q.db.recordFollowUp(testPlan.number, FollowUp(uscc: fined, department: "HB", action: .penalty, date: day("2026-06-30")),
                                actor: at("2026-07-10"))
        let policy = Policy(
            name: "penalty-2026", title: "测试", jurisdiction: "栾城区", level: .county, year: 2026, source: "",
            classes: [SupervisionClass(id: "penalised", name: "上季度受处罚", condition: .test(.penalizedLastQuarter, ["是"]), ratio: try Ratio("100%")),
                      SupervisionClass(id: "other", name: "一般监管对象", condition: .any([]), ratio: try Ratio("10%"))],
            precedence: ["penalised"], precedenceNote: "", fallback: "other", rules: PolicyRules(), inputs: [])
        func penalised(in quarter: String) throws -> (drawn: [String], directory: [String]) {
            let members = try q.db.drawMembers(for: QuarterDrawRequest(policy: policy, quarter: Quarter(quarter)!))
            var directory: [String] = []
            try q.db.forEachEnterpriseForClassification(in: Quarter(quarter)!) { if $0.penalizedLastQuarter { directory.append($0.uscc) } }
            return (members.members(of: "penalised").ids.strings.sorted(), directory.sorted())
        }
        // When: the directory is read for the draws of the next two quarters
        let next = try penalised(in: "2026Q3"), later = try penalised(in: "2026Q4")
        // Then: the decision counts in 2026Q3 only, as the directory read one enterprise at a time has it
        #expect(next.drawn.contains(fined))
        #expect(!later.drawn.contains(fined))
        #expect(next.drawn == next.directory)
        #expect(later.drawn == later.directory)
    }

    @Test func theReportFilesReadBack() throws {
        let q = try Quarter2()
        let report = try QuarterReport.compile(quarter: Quarter("2026Q2")!, policy: quarterPolicy, in: q.db, asOf: day("2026-06-30"))
        for (_, table) in report.tables {
            var reader = try TableReader(data: try ReportRenderer.xlsx(table: table), format: .xlsx)
            var cells: [[String]] = [reader.header]
            while let row = try reader.next() { cells.append(row) }
            for row in table.rows { #expect(cells.contains { Array($0.prefix(row.count)) == row }, "\(table.title)") }
            #expect(try documentXML(ReportRenderer.docx(table: table)).contains(table.title.replacingOccurrences(of: "“", with: "“")))
        }
    }

    @Test func theVisitTableHonoursTheDepartmentAndTheWarningsNameVisitsTooFrequent() throws {
        // Given two cause visits to one enterprise on one day, one by YJ and one by HB, both checked in
        let q = try Quarter2()
        for (n, d, inspectors, item) in [(UInt8(1), "YJ", ["Y1", "Y2"], "YJ-001"), (2, "HB", ["H1", "H2"], "HB-005")] {
            try q.db.addAccount(Account(name: "\(d)-leader", department: d, role: .leader), passwordHash: "x", actor: at("2026-05-01"))
            let filing = VisitFiling(source: .cause(.complaint, "工单 \(n)"), uscc: code(2), departments: [d], inspectors: inspectors,
                                     items: [VisitItem(department: d, code: item)], start: day("2026-05-20"), end: day("2026-05-20"))
            let id = try q.db.fileVisit(filing, yearlyCap: nil, random: (0..<UInt8(VisitRules.codeRandomBytes)).map { $0 &+ n }, actor: at("2026-05-19")).visit.id
            _ = try q.db.approveVisit(id, leader: "\(d)-leader", random: (0..<UInt8(VisitRules.codeRandomBytes)).map { $0 &* 3 &+ n }, actor: at("2026-05-19"))
            _ = try q.db.checkIn(id, certificate: inspectors[0], actor: at("2026-05-20"))
        }
        // When the report is compiled for the district and for HB
        let all = try QuarterReport.compile(quarter: Quarter("2026Q2")!, policy: quarterPolicy, in: q.db, asOf: day("2026-06-30"))
        let hb = try QuarterReport.compile(quarter: Quarter("2026Q2")!, policy: quarterPolicy, department: "HB", in: q.db, asOf: day("2026-06-30"))
        // Then table 6 counts HB's visit only for HB, and both 预警清单 name the enterprise visited twice that day
        func visits(_ r: QuarterReport) -> String? { r.visits.rows.first { $0[0] == "实施检查（次）" }?[1] }
        #expect(visits(all) == "2" && visits(hb) == "1")
        for report in [all, hb] {
            let frequent = report.warningList.filter { $0.kind == .visitFrequency }
            #expect(frequent.map(\.subject) == [code(2)] && frequent.first?.message.contains("2026-05-20") == true)
            #expect(report.warnings.rows.contains { $0[0] == "入企检查过频" && $0[1] == code(2) })
        }
    }

    @Test func theReportPrintsTheAuditAnchorItWasCompiledAt() throws {
        let q = try Quarter2()
        let anchor = try #require(try q.db.auditAnchor())
        let report = try QuarterReport.compile(quarter: Quarter("2026Q2")!, policy: quarterPolicy, in: q.db, asOf: day("2026-06-30"))
        #expect(try documentXML(ReportRenderer.docx(table: report.warnings)).contains(anchor.hash))
        #expect(try q.db.verifyAuditLog(anchor: anchor).problem == nil)
    }
}

@Suite struct IndicatorTests {
    @Test func sharesFlipExactlyAtTheirThresholds() {
        #expect(Indicator(name: "", numerator: 3, denominator: 10, target: .atLeastPercent(30), note: "").isMet)
        #expect(!Indicator(name: "", numerator: 29, denominator: 100, target: .atLeastPercent(30), note: "").isMet)
        #expect(Indicator(name: "", numerator: 17, denominator: 20, target: .atLeastPercent(85), note: "").isMet)
        #expect(!Indicator(name: "", numerator: 16, denominator: 19, target: .atLeastPercent(85), note: "").isMet)  // 84.2 %
        #expect(!Indicator(name: "", numerator: 99, denominator: 100, target: .atLeastPercent(100), note: "").isMet)
        #expect(!Indicator(name: "", numerator: 0, denominator: 0, target: .atLeastPercent(100), note: "").isMet)
        #expect(!Indicator(name: "", numerator: 0, denominator: 1, target: .atLeastCount(1), note: "").isMet)
        #expect(Indicator(name: "", numerator: 11, denominator: 22, target: .onCourse(quarter: 2), note: "").isMet)
        #expect(!Indicator(name: "", numerator: 10, denominator: 22, target: .onCourse(quarter: 2), note: "").isMet)
        #expect(Indicator.percent(1, 3) == "33.3%" && Indicator.percent(2, 3) == "66.7%" && Indicator.percent(17, 20) == "85.0%")
    }
}

@Suite struct WarningTests {
    func check(_ uscc: String, _ date: String, _ kind: CheckEvent.Kind = .routine, source: String = "D1") -> CheckEvent {
        CheckEvent(uscc: uscc, date: day(date), kind: kind, departments: ["HB"], source: source, problemFound: false, creditBased: true)
    }

    @Test func twiceWithinSixtyDaysWarnsAndSixtyOneDoesNot() {
        let near = WarningRules.repeatedChecks([check("E", "2026-03-01"), check("E", "2026-04-30")], yearlyCap: nil, year: 2026, asOf: day("2026-12-31"))
        #expect(near.map(\.kind) == [.repeated])
        let far = WarningRules.repeatedChecks([check("E", "2026-03-01"), check("E", "2026-05-01")], yearlyCap: nil, year: 2026, asOf: day("2026-12-31"))
        #expect(far.isEmpty)
    }

    @Test func causeBasedChecksAreShownButNotCounted() {
        let w = WarningRules.repeatedChecks([check("E", "2026-03-01"), check("E", "2026-03-10", .cause, source: "投诉举报"), check("E", "2026-04-01")],
                                            yearlyCap: 2, year: 2026, asOf: day("2026-12-31"))
        #expect(w.map(\.kind) == [.yearlyCap, .repeated])
        #expect(w.allSatisfy { $0.message.contains("另有非随机检查 1 次") })
        let one = WarningRules.repeatedChecks([check("E", "2026-03-01"), check("E", "2026-03-10", .cause)], yearlyCap: 2, year: 2026, asOf: day("2026-12-31"))
        #expect(one.isEmpty)
    }

    @Test func theSameEnterpriseInTwoPlansOfAQuarterByDifferentLeads() {
        let q = Quarter("2026Q2")!
        let draws: [(plan: String, lead: String, state: PlanState, quarter: Quarter, enterprises: Set<String>)] = [
            ("A", "YJ", .dispatched, q, ["E1", "E2"]), ("B", "SC", .drawn, q, ["E2", "E3"]), ("C", "YJ", .drawn, q, ["E1"]),
            ("D", "SC", .checking, Quarter("2026Q3")!, ["E1"]),
        ]
        let w = WarningRules.uncoordinatedPlans(draws)
        #expect(w.map(\.subject) == ["E2"])   // A–B share E2; B–C share nothing; A–C same lead; D another quarter
        #expect(w[0].suggestion.contains("liancha plan merge A B"))
    }
}

@Suite struct PlanMergeTests {
    @Test func aSecondPlansVisitsToSharedEnterprisesJoinTheFirst() throws {
        let db = try district()
        // Plan A: YJ alone; plan B: led by HB over the same YJ enterprises that HB supervises.
        var a = testPlan
        a.partners = []
        var b = testPlan
        b.number = "栾环2026002"
        b.lead = "HB"
        b.partners = []
        b.scope = PlanScope(description: "生态环境监管企业", departments: ["HB"])
        b.ratios = CreditRatios(a: try Ratio("100%"))
        for p in [a, b] {
            try db.createPlan(p, actor: at("2026-06-01"))
            try db.openPlanForItems(p.number, actor: at("2026-06-01"))
        }
        try db.addPlanItems(a.number, department: "YJ", codes: ["YJ-001"], actor: at("2026-06-02"))
        try db.addPlanItems(b.number, department: "HB", codes: ["HB-005"], actor: at("2026-06-02"))
        for p in [a, b] {
            try db.freezePlan(p.number, actor: at("2026-06-03"))
            _ = try db.drawPlan(p.number, seed: testSeed, publicEntropy: nil, sealed: false, actor: at("2026-06-08"))
            _ = try db.dispatchPlan(p.number, calendar: try db.workCalendar(), actor: at("2026-06-09"))
        }
        let shared = Set(try db.assignments(a.number).map(\.uscc)).intersection(try db.assignments(b.number).map(\.uscc))
        let warnings = WarningRules.uncoordinatedPlans(try db.planDraws())
        #expect(Set(warnings.map(\.subject)) == shared)
        try #require(!shared.isEmpty)
        #expect(warnings.allSatisfy { $0.suggestion.contains("liancha plan merge") })

        let merged = try db.mergePlans(a.number, b.number, calendar: try db.workCalendar(), actor: at("2026-06-10"))
        #expect(Set(merged) == shared)
        let aAssignments = try db.assignments(a.number)
        for uscc in shared {
            #expect(aAssignments.filter { $0.uscc == uscc }.map(\.department) == ["HB", "YJ"])   // one visit, both departments
            #expect(!(try db.assignments(b.number)).contains { $0.uscc == uscc })
        }
        #expect(try db.plan(a.number).plan.partners == ["HB"])
        #expect(try db.confirmations(a.number).contains { $0.department == "HB" && $0.confirmedOn == nil })
        #expect(WarningRules.uncoordinatedPlans(try db.planDraws()).isEmpty)
        // Once checks have begun, plans are not merged.
        #expect(throws: PlanError.self) { _ = try db.mergePlans(b.number, a.number, calendar: try db.workCalendar(), actor: at("2026-06-10")) }
    }
}
