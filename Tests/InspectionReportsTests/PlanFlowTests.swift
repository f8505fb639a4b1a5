import Foundation
import Testing
import ZIPFoundation
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

func day(_ text: String) -> LocalDate { LocalDate(text)! }
func at(_ date: String) -> Actor { Actor(name: "测试", timestamp: "\(date)T09:00:00+08:00", today: day(date)) }

func code(_ n: Int) -> String {
    let body = "91130111" + String(String(n).reversed()).padding(toLength: 9, withPad: "0", startingAt: 0)
    return body + String(USCC.checkCharacter(for: body)!)
}

/// rows as an import source
func rows(_ cells: [[String]]) -> RowSource {
    var i = cells.makeIterator()
    var n = 1
    return { guard let c = i.next() else { return nil }; n += 1; return (n, c) }
}

/// A small district: 40 YJ enterprises (every 4th also supervised by HB, labelled 行业=危化), YJ and HB rosters, items.
func district(on date: String = "2026-05-08") throws -> AppDatabase {
    let db = try AppDatabase.inMemory()
    let a = at(date)
    _ = try db.importDepartments(TableSchema.departments.bind(header: ["部门编码", "部门名称", "简称"]), rows: rows([
        ["YJ", "石家庄市栾城区应急管理局", "应急"], ["HB", "石家庄市生态环境局栾城分局", "生态环境"], ["SC", "石家庄市栾城区市场监督管理局", "市场监管"],
    ]), options: ImportOptions(source: "d"), actor: a)
    _ = try db.importEnterprises(TableSchema.enterprises.bind(header: ["uscc", "name", "division", "credit_risk", "departments", "labels", "address", "legal_representative"]),
                                 rows: rows((0..<40).map { n in
        [code(n), "企业<\(n)>&", "130111", ["A", "B", "C", "D"][n % 4], n % 4 == 0 ? "YJ;HB" : "YJ", n % 4 == 0 ? "行业=危化" : "行业=工贸", "栾城镇\(n)号", "法人\(n)"]
    }), options: ImportOptions(source: "e"), actor: a)
    _ = try db.importInspectors(TableSchema.inspectors.bind(header: ["certificate", "name", "department", "specialties", "kind"]), rows: rows(
        (1...8).map { ["Y\($0)", "应急\($0)", "YJ", $0 % 2 == 0 ? "危险化学品" : "工贸安全", "执法人员"] }
        + (1...4).map { ["H\($0)", "环保\($0)", "HB", "危险废物", "执法人员"] } + [["ZJ1", "专家", "HB", "", "辅助人员"]]
    ), options: ImportOptions(source: "i"), actor: a)
    _ = try db.importItems(TableSchema.items.bind(header: ["department", "code", "name", "content", "specialty"]), rows: rows([
        ["YJ", "YJ-001", "对工贸行业企业的安全检查", "安全生产责任制", ""],
        ["YJ", "YJ-002", "对危险化学品及相关企业的安全检查", "重大危险源", "危险化学品"],
        ["HB", "HB-005", "对危险废物日常管理情况的检查", "危废台账", "危险废物"],
        ["SC", "SC-001", "食品生产者生产活动的检查", "", ""],
    ]), options: ImportOptions(source: "t"), actor: a)
    try db.importCalendar([CalendarEntry(date: day("2026-06-19"), kind: .holiday, name: "端午节")], source: "c", actor: a)
    return db
}

let testPlan = JointPlan(
    number: "栾联2026006", name: "第六次联合抽查", taskNumber: "栾联006", taskName: "应急管理领域一业一查", drawType: .undirected,
    jurisdiction: "石家庄市栾城区", year: 2026, ordinal: 6, scope: PlanScope(description: "应急管理领域企业", departments: ["YJ"]),
    ratios: CreditRatios(a: try! Ratio("10%"), b: try! Ratio("10%"), c: try! Ratio("20%"), d: try! Ratio("20%")),
    overallMinimum: try! Ratio("3%"), lead: "YJ", partners: ["HB"], start: day("2026-06-15"), end: day("2026-06-30"), maxPerInspector: 3)

let testSeed = VerifiableDraw.seed(fromPublicEntropy: "plan test")

@Suite struct PlanFlowTests {
    @Test func eachStepOutOfOrderIsRefusedAndNothingChanges() throws {
        let db = try district()
        try db.createPlan(testPlan, actor: at("2026-06-01"))
        func refused(_ step: () throws -> Void, state: PlanState) {
            #expect {
                try step()
            } throws: { error in
                guard case PlanError.wrongState(_, let s, _) = error else { return false }
                return s == state
            }
        }
        refused({ try db.freezePlan(testPlan.number, actor: at("2026-06-01")) }, state: .draft)
        refused({ _ = try db.drawPlan(testPlan.number, seed: testSeed, publicEntropy: nil, sealed: false, actor: at("2026-06-01")) }, state: .draft)
        try db.openPlanForItems(testPlan.number, actor: at("2026-06-01"))
        refused({ try db.openPlanForItems(testPlan.number, actor: at("2026-06-01")) }, state: .collecting)
        refused({ _ = try db.dispatchPlan(testPlan.number, calendar: try db.workCalendar(), actor: at("2026-06-01")) }, state: .collecting)
        refused({ _ = try db.matchTeams(testPlan.number, seed: testSeed, actor: at("2026-06-01")) }, state: .collecting)
        refused({ _ = try db.publishPlan(testPlan.number, actor: at("2026-06-01")) }, state: .collecting)
        #expect(throws: PlanError.noItems(plan: testPlan.number)) { try db.freezePlan(testPlan.number, actor: at("2026-06-01")) }
        #expect(try db.plan(testPlan.number).plan.state == .collecting)
    }

    @Test func partnersAddOnlyTheirOwnItemsOnlyWhileCollecting() throws {
        let db = try district()
        try db.createPlan(testPlan, actor: at("2026-06-01"))
        try db.openPlanForItems(testPlan.number, actor: at("2026-06-01"))
        #expect(throws: PlanError.itemNotInList(department: "HB", code: "YJ-001")) {
            try db.addPlanItems(testPlan.number, department: "HB", codes: ["YJ-001"], actor: at("2026-06-02"))
        }
        #expect(throws: PlanError.notAPartner(plan: testPlan.number, department: "SC")) {
            try db.addPlanItems(testPlan.number, department: "SC", codes: ["SC-001"], actor: at("2026-06-02"))
        }
        try db.addPlanItems(testPlan.number, department: "HB", codes: ["HB-005"], labels: ["行业=危化"], actor: at("2026-06-02"))
        try db.addPlanItems(testPlan.number, department: "YJ", codes: ["YJ-001", "YJ-002"], actor: at("2026-06-02"))
        try db.removePlanItems(testPlan.number, department: "YJ", codes: ["YJ-002"], actor: at("2026-06-02"))
        #expect(throws: PlanError.itemNotInPlan(department: "YJ", code: "YJ-002")) {
            try db.removePlanItems(testPlan.number, department: "YJ", codes: ["YJ-002"], actor: at("2026-06-02"))
        }
        try db.freezePlan(testPlan.number, actor: at("2026-06-03"))
        #expect(throws: (any Error).self) { try db.addPlanItems(testPlan.number, department: "YJ", codes: ["YJ-002"], actor: at("2026-06-04")) }
        #expect(try db.planItems(testPlan.number).map(\.item.code) == ["HB-005", "YJ-001"])
    }

    /// Runs the plan up to matched teams.
    func matched() throws -> AppDatabase {
        let db = try district()
        try db.createPlan(testPlan, actor: at("2026-06-01"))
        try db.openPlanForItems(testPlan.number, actor: at("2026-06-01"))
        try db.addPlanItems(testPlan.number, department: "YJ", codes: ["YJ-001"], actor: at("2026-06-02"))
        try db.addPlanItems(testPlan.number, department: "HB", codes: ["HB-005"], labels: ["行业=危化"], actor: at("2026-06-02"))
        try db.freezePlan(testPlan.number, actor: at("2026-06-03"))
        _ = try db.drawPlan(testPlan.number, seed: testSeed, publicEntropy: "plan test", sealed: false, actor: at("2026-06-17"))
        let confirmations = try db.dispatchPlan(testPlan.number, calendar: try db.workCalendar(), actor: at("2026-06-18"))
        // Dispatched Thursday 06-18; Friday 06-19 is 端午节: due Tuesday 06-23.
        #expect(confirmations.map(\.due) == [day("2026-06-23"), day("2026-06-23")])
        #expect(throws: (any Error).self) { _ = try db.matchTeams(testPlan.number, seed: testSeed, actor: at("2026-06-19")) }
        for c in confirmations { try db.confirmDispatch(testPlan.number, department: c.department, rejections: [:], actor: at("2026-06-22")) }
        _ = try db.matchTeams(testPlan.number, seed: testSeed, actor: at("2026-06-22"))
        return db
    }

    @Test func drawDispatchAndTeamsFollowTheRules() throws {
        let db = try matched()
        let record = try db.plan(testPlan.number)
        #expect(record.plan.state == .matched)
        let draw = try #require(try db.draw(id: record.drawID!))
        #expect(draw.record.strata.map(\.quota) == [1, 1, 2, 2])   // 10 per level: ⌈1⌉, ⌈1⌉, ⌈2⌉, ⌈2⌉
        #expect(draw.record.verify().isVerified)
        let teamDraw = try #require(try db.draw(id: record.teamDrawID!))
        #expect(teamDraw.record.verify().isVerified)
        // HB goes only to the 危化 enterprises it supervises; every team has 2 qualified inspectors.
        for uscc in Set(teamDraw.record.teams.map(\.enterprise)) {
            let teams = teamDraw.record.teams.filter { $0.enterprise == uscc }
            #expect(teams.reduce(0) { $0 + ($1.drawn?.count ?? 0) } == 2)
            let e = try #require(try db.enterprise(uscc: uscc))
            #expect(teams.contains { $0.department == "HB" } == e.labels.contains("行业=危化"))
        }
        var load: [String: Int] = [:]
        for t in teamDraw.record.teams { for c in t.drawn ?? [] { load[c, default: 0] += 1 } }
        #expect(load.values.allSatisfy { $0 <= 3 })
    }

    @Test func aReplacementKeepsTheOriginalPickAndNeedsAReason() throws {
        let db = try matched()
        let team = try #require(try db.planTeams(testPlan.number).first)
        let original = team.inspectors[0]
        #expect(throws: (any Error).self) {
            _ = try db.replaceInspector(testPlan.number, uscc: team.uscc, certificate: original, reason: "", approvedBy: "局长", actor: at("2026-06-23"))
        }
        let by = try db.replaceInspector(testPlan.number, uscc: team.uscc, certificate: original, reason: "回避", approvedBy: "王局长",
                                         actor: at("2026-06-23"))
        let now = try #require(try db.planTeams(testPlan.number).first { $0.uscc == team.uscc && $0.department == team.department })
        #expect(now.inspectors.contains(by) && !now.inspectors.contains(original))
        let record = try #require(try db.draw(id: db.plan(testPlan.number).teamDrawID!)).record
        #expect(record.teams.first { $0.enterprise == team.uscc && $0.department == team.department }?.drawn?.contains(original) == true)
        #expect(record.replacements.map(\.by) == [by])
        #expect(record.verify().isVerified)
    }

    @Test func anInfeasibleTeamMatchesNothing() throws {
        let db = try district()
        var small = testPlan
        small.maxPerInspector = 1
        small.number = "栾联2026007"
        small.partners = []
        try db.createPlan(small, actor: at("2026-06-01"))
        try db.openPlanForItems(small.number, actor: at("2026-06-01"))
        try db.addPlanItems(small.number, department: "YJ", codes: ["YJ-002"], actor: at("2026-06-02"))   // needs 危险化学品: 4 inspectors
        try db.freezePlan(small.number, actor: at("2026-06-03"))
        _ = try db.drawPlan(small.number, seed: testSeed, publicEntropy: nil, sealed: false, actor: at("2026-06-17"))
        _ = try db.dispatchPlan(small.number, calendar: try db.workCalendar(), actor: at("2026-06-18"))
        try db.confirmDispatch(small.number, department: "YJ", rejections: [:], actor: at("2026-06-22"))
        #expect {
            _ = try db.matchTeams(small.number, seed: testSeed, actor: at("2026-06-22"))
        } throws: { error in
            guard let shortage = error as? TeamShortage else { return false }
            return shortage.department == "YJ" && shortage.needed == 2
                && shortage.excluded.contains { $0.reason.hasPrefix("has none of the specialties") }
                && shortage.excluded.contains { $0.reason.hasPrefix("workload cap") }
        }
        #expect(try db.plan(small.number).plan.state == .dispatched)
        #expect(try db.plan(small.number).teamDrawID == nil)
    }

    @Test func resultsPublicationFollowUpAndTheStatisticsTableReadBack() throws {
        let db = try matched()
        let assignments = try db.assignments(testPlan.number)
        let yjFinding = try #require(assignments.first { $0.department == "YJ" })
        for a in assignments {
            let code = a.department == "YJ" ? "YJ-001" : "HB-005"
            let problem = a == yjFinding || a.department == "HB"
            _ = try db.recordResults(testPlan.number, department: a.department, uscc: a.uscc,
                                     results: [ItemResult(uscc: a.uscc, department: a.department, itemCode: code,
                                                          outcome: problem ? .problem : .noProblem, description: problem ? "台账缺失" : "")],
                                     visit: VisitRecord(uscc: a.uscc, department: a.department, checkedOn: day("2026-06-24"), questionsAnswered: 2),
                                     actor: at("2026-06-24"))
        }
        #expect(try db.plan(testPlan.number).plan.state == .recorded)
        let hbFinding = try #require(assignments.first { $0.department == "HB" })
        try db.recordFollowUp(testPlan.number, FollowUp(uscc: hbFinding.uscc, department: "HB", action: .caseOpened, date: day("2026-06-29")),
                              actor: at("2026-06-29"))
        let published = try db.publishPlan(testPlan.number, actor: at("2026-07-10"))
        #expect(published.first { $0.uscc == hbFinding.uscc }?.wording == .caseOpened)
        #expect(throws: PlanError.self) { try db.closePlan(testPlan.number, actor: at("2026-07-11")) }   // YJ's finding has no follow-up

        // The statistics table, read back from the XLSX and the DOCX the renderer wrote.
        let table = try PlanDocuments.statisticsTable(testPlan.number, in: db)
        #expect(table.title == "石家庄市栾城区2026年第六次跨部门“双随机、一公开”联合抽查情况统计表")
        let hbCount = assignments.filter { $0.department == "HB" }.count
        var reader = try TableReader(data: try ReportRenderer.xlsx(table: table), format: .xlsx)
        var sheet: [[String]] = [reader.header]
        while let row = try reader.next() { sheet.append(row) }
        let total = try #require(sheet.first { $0.first == "合计" })
        // 户 6, 人次 12 (2 per enterprise), 部门 2, 项目 2, 问题事项 1 + HB, 问题企业, 责令改正 0, 异常 0, 立案 1, 答疑 2 per visit
        let problemEnterprises = Set([yjFinding.uscc] + assignments.filter { $0.department == "HB" }.map(\.uscc)).count
        #expect(Array(total.prefix(11)) == ["合计", "6", "12", "2", "2", String(1 + hbCount), String(problemEnterprises),
                                            "0", "0", "1", String(2 * assignments.count)])
        let xml = try documentXML(ReportRenderer.docx(table: table))
        #expect(xml.contains("w:orient=\"landscape\""))
        #expect(xml.contains("抽查结果处理") && xml.contains("<w:gridSpan w:val=\"3\"/>") && xml.contains("<w:gridSpan w:val=\"2\"/>"))
    }

    @Test func theFormsListTheTeamAndTheApplicableItemsPerDepartment() throws {
        let db = try matched()
        let forms = try PlanDocuments.forms(testPlan.number, in: db)
        let assignments = try db.assignments(testPlan.number)
        #expect(forms.count == Set(assignments.map(\.uscc)).count)
        let form = try #require(forms.first { f in assignments.contains { $0.uscc == f.uscc && $0.department == "HB" } })
        #expect(form.sections.map(\.department) == ["石家庄市生态环境局栾城分局", "石家庄市栾城区应急管理局"])
        let drawID = try db.plan(testPlan.number).drawID
        #expect(form.team.count == 2 && form.drawID == drawID)
        let xml = try documentXML(ReportRenderer.docx(forms: [form]))
        #expect(xml.contains(form.uscc) && xml.contains("对危险废物日常管理情况的检查") && xml.contains("对工贸行业企业的安全检查"))
        #expect(xml.contains(form.enterpriseName.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")))
        for member in form.team { #expect(xml.contains(member.name) && xml.contains(member.certificate)) }
        #expect(xml.contains("拒绝签字"))
        let all = try documentXML(ReportRenderer.docx(forms: forms))
        #expect(all.components(separatedBy: "w:type=\"page\"").count - 1 == forms.count - 1)
    }
}

/// `word/document.xml` of a DOCX, unzipped with ZIPFoundation.
func documentXML(_ docx: Data) throws -> String {
    let archive = try Archive(data: docx, accessMode: .read)
    let entry = try #require(archive["word/document.xml"])
    var xml = Data()
    _ = try archive.extract(entry) { xml.append($0) }
    return String(decoding: xml, as: UTF8.self)
}
