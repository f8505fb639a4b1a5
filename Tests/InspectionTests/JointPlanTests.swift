import Foundation
import Testing
import Inspection

func plan(ratios: CreditRatios = CreditRatios(a: try! Ratio("1%"), b: try! Ratio("3%"), c: try! Ratio("5%"), d: try! Ratio("10%")),
          overall: String = "3%") -> JointPlan {
    JointPlan(number: "栾联2026006", name: "测试", taskNumber: "栾联006", taskName: "测试", drawType: .undirected,
              jurisdiction: "石家庄市栾城区", year: 2026, ordinal: 6,
              scope: PlanScope(description: "应急管理领域企业", departments: ["YJ"]), ratios: ratios,
              overallMinimum: try! Ratio(overall), lead: "YJ", partners: ["SL", "HB"],
              start: LocalDate("2026-05-15")!, end: LocalDate("2026-06-30")!, maxPerInspector: 2)
}

/// `count` YJ enterprises cycling through credit levels A, B, C, D.
func planDirectory(_ count: Int, levels: [CreditRisk] = [.a, .b, .c, .d]) -> [Enterprise] {
    directory(count: count).enumerated().map { n, e in
        var e = e
        e.departments = n % 5 == 0 ? ["YJ", "HB"] : ["YJ"]
        e.creditRisk = levels[n % levels.count]
        return e
    }
}

@Suite struct JointPlanTests {
    @Test func titleIsGeneratedFromTheOrdinalNeverTyped() {
        #expect(plan().title == "石家庄市栾城区2026年第六次跨部门“双随机、一公开”联合抽查")
        #expect(ChineseNumeral.ordinal(8) == "八" && ChineseNumeral.ordinal(12) == "十二" && ChineseNumeral.ordinal(20) == "二十")
        #expect(plan().windowText == "2026年5月15日至6月30日")
    }

    @Test func eachCreditLevelIsDrawnAtItsRatio() throws {
        let strata = try plan().drawStrata(enterprises: planDirectory(400), seed: seed)
        #expect(strata.map(\.scope) == ["栾联2026006/信用风险A类", "栾联2026006/信用风险B类", "栾联2026006/信用风险C类", "栾联2026006/信用风险D类"])
        // 100 each: ⌈1⌉, ⌈3⌉, ⌈5⌉, ⌈10⌉ = 19 ≥ ⌈400·3%⌉ = 12, so no stratum is raised.
        #expect(strata.map(\.quota) == [1, 3, 5, 10])
        #expect(strata.allSatisfy { $0.minimum == nil })
    }

    @Test func theOverallMinimumRaisesTheHighestRiskStrataFirst() throws {
        // Mostly A at 1%: 400 A + 20 D → ⌈4⌉ + ⌈2⌉ = 6 < ⌈420·3%⌉ = 13; the 7 missing come from D, then A.
        var enterprises = planDirectory(420, levels: [.a])
        for i in 0..<20 { enterprises[i].creditRisk = .d }
        let strata = try plan().drawStrata(enterprises: enterprises, seed: seed)
        let a = try #require(strata.first { $0.scope.hasSuffix("A类") }), d = try #require(strata.first { $0.scope.hasSuffix("D类") })
        #expect(d.quota == 9 && d.minimum == 9)   // ⌈2⌉ raised by 7 (room 18)
        #expect(a.quota == 4 && a.minimum == nil)
        #expect(strata.reduce(0) { $0 + $1.quota } == 13)
        let record = DrawRecord(id: "D2026-0001", created: "", operator: "", purpose: "", seed: VerifiableDraw.hex(seed),
                                commitment: VerifiableDraw.commitment(seed: seed), publicEntropy: "test", supersedes: nil, reason: nil,
                                sealed: false, policy: nil, period: nil, directed: [], plan: "栾联2026006", strata: strata)
        #expect(record.verify().isVerified)
    }

    @Test func outOfScopeAndNonOperatingEnterprisesAreNotCandidates() throws {
        var enterprises = planDirectory(40)
        enterprises[0].departments = ["SC"]     // not in scope
        enterprises[1].status = .stopped        // excluded with its reason
        let strata = try plan().drawStrata(enterprises: enterprises, seed: seed)
        #expect(strata.reduce(0) { $0 + $1.candidates.count } == 38)
        #expect(strata.flatMap(\.excluded).map(\.reason) == ["经营状态 停产: not drawn"])
        #expect(throws: PlanError.noCandidates(plan: "栾联2026006")) { try plan().drawStrata(enterprises: [], seed: seed) }
    }

    @Test func departmentsGoWhereTheySuperviseAndTheirItemsApply() {
        let items = [PlanItem(department: "YJ", item: InspectionItem(department: "YJ", code: "YJ-001", name: "工贸")),
                     PlanItem(department: "HB", item: InspectionItem(department: "HB", code: "HB-002", name: "机动车"), labels: ["行业=机动车销售"])]
        var e = Enterprise(uscc: "91130111066UK5484K", name: "甲", division: "130111")
        e.departments = ["YJ", "HB"]
        #expect(plan().departments(for: e, items: items) == ["YJ"])       // HB's item concerns car dealers only
        e.labels = ["行业=机动车销售"]
        #expect(plan().departments(for: e, items: items) == ["HB", "YJ"])
        e.departments = ["YJ"]
        #expect(plan().departments(for: e, items: items) == ["YJ"])       // HB does not supervise it
    }

    @Test func stateMachineRefusesStepsOutOfOrder() {
        #expect(throws: PlanError.wrongState(plan: "P", state: .collecting, action: "draw")) {
            try PlanState.collecting.require(.frozen, plan: "P", to: "draw")
        }
        #expect(PlanError.wrongState(plan: "P", state: .collecting, action: "draw").description
                == "plan P is 征集事项 (collecting items): cannot draw now; next, freeze its items (liancha plan freeze)")
        #expect(PlanState.allCases.sorted() == PlanState.allCases)
    }
}

@Suite struct TeamMatchingTests {
    func officer(_ cert: String, _ department: String, specialties: [String] = [], onDuty: Bool = true,
                 kind: InspectorKind = .officer) -> Inspector {
        var i = Inspector(certificate: cert, name: "人员\(cert)", department: department)
        i.specialties = specialties
        i.onDuty = onDuty
        i.kind = kind
        return i
    }

    let roster = [
        "Y1", "Y2", "Y3", "Y4",
    ].map { ($0, "YJ") } + [("H1", "HB"), ("H2", "HB")]

    func matching(_ needs: [TeamNeed], inspectors: [Inspector]? = nil, conflicts: [ConflictOfInterest] = [], cap: Int = 5) -> TeamMatching {
        TeamMatching(drawID: "D2026-0001", needs: needs, inspectors: inspectors ?? roster.map { officer($0.0, $0.1) },
                     conflicts: conflicts, maxPerInspector: cap)
    }

    @Test func oneDepartmentAloneProvidesTwo() throws {
        let teams = try matching([TeamNeed(uscc: "E1", departments: [("YJ", [])])]).match(seed: seed)
        #expect(teams.count == 1 && teams[0].needed == 2 && teams[0].drawn?.count == 2)
        #expect(teams[0].scope == "D2026-0001/team/E1/YJ")
    }

    @Test func twoDepartmentsEachProvideOneInCodeOrder() throws {
        let teams = try matching([TeamNeed(uscc: "E1", departments: [("HB", []), ("YJ", [])])]).match(seed: seed)
        #expect(teams.map(\.department) == ["HB", "YJ"] && teams.allSatisfy { $0.needed == 1 })
    }

    @Test func auxiliaryOffDutyConflictedAndUnqualifiedAreExcludedWithReasons() throws {
        let inspectors = [officer("Y1", "YJ", specialties: ["危险化学品"]), officer("Y2", "YJ", onDuty: false),
                          officer("Y3", "YJ", kind: .auxiliary), officer("Y4", "YJ", specialties: ["危险化学品"]),
                          officer("Y5", "YJ", specialties: ["工贸安全"]), officer("Y6", "YJ", specialties: ["危险化学品"])]
        let conflicts = [ConflictOfInterest(certificate: "Y6", uscc: "E1", reason: "配偶在该企业任职")]
        let teams = try matching([TeamNeed(uscc: "E1", departments: [("YJ", ["危险化学品"])])], inspectors: inspectors,
                                 conflicts: conflicts).match(seed: seed)
        #expect(Set(teams[0].drawn ?? []) == ["Y1", "Y4"])
        let reasons = Dictionary(uniqueKeysWithValues: teams[0].excluded.map { ($0.id, $0.reason) })
        #expect(reasons["Y2"] == "not on duty")
        #expect(reasons["Y3"]?.hasPrefix("辅助人员") == true)
        #expect(reasons["Y5"] == "has none of the specialties the items need: 「危险化学品」")
        #expect(reasons["Y6"] == "conflict of interest (回避): 配偶在该企业任职")
    }

    @Test func theWorkloadCapCountsPicksOfThisMatching() throws {
        let needs = (1...3).map { TeamNeed(uscc: "E\($0)", departments: [("YJ", [])]) }
        let inspectors = ["Y1", "Y2", "Y3"].map { officer($0, "YJ") }
        let teams = try matching(needs, inspectors: inspectors, cap: 2).match(seed: seed)
        var load: [String: Int] = [:]
        for t in teams { for c in t.drawn ?? [] { load[c, default: 0] += 1 } }
        #expect(load.values.allSatisfy { $0 <= 2 } && load.values.reduce(0, +) == 6)
        #expect(teams[2].excluded.contains { $0.reason == "workload cap of 2 enterprises in this plan reached" })
    }

    @Test func anInfeasibleTeamNamesEnterpriseDepartmentNeedAndEveryExclusion() {
        let inspectors = [officer("H1", "HB"), officer("H2", "HB", onDuty: false)]
        #expect {
            try matching([TeamNeed(uscc: "E1", departments: [("HB", [])])], inspectors: inspectors).match(seed: seed)
        } throws: { error in
            guard let shortage = error as? TeamShortage else { return false }
            return shortage.uscc == "E1" && shortage.department == "HB" && shortage.needed == 2 && shortage.eligible == ["H1"]
                && shortage.excluded == [Exclusion(id: "H2", reason: "not on duty")]
        }
    }

    @Test func aReplacementIsTheNextCandidateInTicketOrderAndVerifies() throws {
        var teams = try matching([TeamNeed(uscc: "E1", departments: [("YJ", [])])]).match(seed: seed)
        let order = VerifiableDraw.order(seed: seed, scope: teams[0].scope, candidates: teams[0].candidates)
        let first = TeamMatching.replacement(in: teams[0], seed: seed, alreadyReplacing: [])
        #expect(first == order[2])
        #expect(TeamMatching.replacement(in: teams[0], seed: seed, alreadyReplacing: [order[2]]) == order[3])
        #expect(TeamMatching.replacement(in: teams[0], seed: seed, alreadyReplacing: [order[2], order[3]]) == nil)
        var record = DrawRecord(id: "T", created: "", operator: "", purpose: "", seed: VerifiableDraw.hex(seed),
                                commitment: VerifiableDraw.commitment(seed: seed), publicEntropy: "test", supersedes: nil,
                                reason: nil, sealed: false, policy: nil, period: nil, directed: [], plan: "P", strata: [], teams: teams)
        record.replacements = [Replacement(enterprise: "E1", department: "YJ", replaced: order[0], by: order[2], reason: "病假", approvedBy: "局长")]
        #expect(record.verify().isVerified)
        record.replacements[0].by = order[3]
        #expect(!record.verify().isVerified)
        teams[0].drawn = [order[1], order[0]]
        record.teams = teams
        #expect(!record.verify().isVerified)
    }
}

@Suite struct ResultWordingTests {
    func result(_ department: String, _ outcome: ItemOutcome, confidential: Bool = false) -> ItemResult {
        ItemResult(uscc: "E1", department: department, itemCode: "X", outcome: outcome, confidential: confidential)
    }

    @Test func theFixedWordings() {
        #expect(PublishedResult.wording(results: [result("YJ", .noProblem)], followUps: []) == .noProblem)
        #expect(PublishedResult.wording(results: [result("YJ", .problem)], followUps: []) == .rectificationOrdered)
        let cased = FollowUp(uscc: "E1", department: "YJ", action: .caseOpened, date: LocalDate("2026-06-01")!)
        #expect(PublishedResult.wording(results: [result("YJ", .problem)], followUps: [cased]) == .caseOpened)
    }

    @Test func confidentialResultsStayOut() {
        #expect(PublishedResult.wording(results: [result("HB", .problem, confidential: true)], followUps: []) == nil)
        #expect(PublishedResult.wording(results: [result("HB", .problem, confidential: true), result("YJ", .noProblem)],
                                        followUps: []) == .noProblem)
    }
}

@Suite struct JointStatisticsTests {
    @Test func everyColumnIsCountedByHand() {
        let items = [("YJ", "Y1"), ("YJ", "Y2"), ("HB", "H1")].map {
            PlanItem(department: $0.0, item: InspectionItem(department: $0.0, code: $0.1, name: $0.1))
        }
        let activity = JointPlanActivity(
            departmentNames: ["YJ": "应急管理局", "HB": "生态环境分局"], items: items,
            assignments: [("E1", "YJ"), ("E1", "HB"), ("E2", "YJ"), ("E3", "YJ")],
            teams: [("E1", "YJ", ["a"]), ("E1", "HB", ["b"]), ("E2", "YJ", ["a", "c"]), ("E3", "YJ", ["c", "d"])],
            results: [
                ItemResult(uscc: "E1", department: "YJ", itemCode: "Y1", outcome: .problem),
                ItemResult(uscc: "E1", department: "YJ", itemCode: "Y2", outcome: .problem),
                ItemResult(uscc: "E2", department: "YJ", itemCode: "Y1", outcome: .problem),
                ItemResult(uscc: "E1", department: "HB", itemCode: "H1", outcome: .problem),
                ItemResult(uscc: "E3", department: "YJ", itemCode: "Y1", outcome: .noProblem),
            ],
            visits: [VisitRecord(uscc: "E1", department: "YJ", checkedOn: LocalDate("2026-05-20")!, questionsAnswered: 2),
                     VisitRecord(uscc: "E1", department: "HB", checkedOn: LocalDate("2026-05-20")!, questionsAnswered: 1),
                     VisitRecord(uscc: "E2", department: "YJ", checkedOn: LocalDate("2026-05-21")!, questionsAnswered: 3)],
            followUps: [FollowUp(uscc: "E1", department: "YJ", action: .orderedRectification, date: LocalDate("2026-05-25")!),
                        FollowUp(uscc: "E2", department: "YJ", action: .caseOpened, date: LocalDate("2026-05-25")!),
                        FollowUp(uscc: "E2", department: "YJ", action: .abnormalList, date: LocalDate("2026-05-26")!),
                        FollowUp(uscc: "E1", department: "HB", action: .orderedRectification, date: LocalDate("2026-05-25")!)])
        let rows = activity.statistics()
        #expect(rows.map(\.department) == ["生态环境分局", "应急管理局", "合计"])
        // 户, 人次, 部门, 项目, 问题事项, 问题企业, 责令改正, 异常, 立案, 答疑
        #expect(rows[0].values == [1, 1, 1, 1, 1, 1, 1, 0, 0, 1])
        #expect(rows[1].values == [3, 5, 1, 2, 3, 2, 1, 1, 1, 5])
        #expect(rows[2].values == [3, 6, 2, 3, 4, 2, 1, 1, 1, 6])
    }
}

@Suite struct DeadlineTests {
    /// 2026 notice: National Day 10-01…10-07 off, Saturday 10-10 worked (and Sunday 09-20); Dragon Boat 06-19.
    let calendar = WorkCalendar(years: [2026], entries: [
        CalendarEntry(date: LocalDate("2026-06-19")!, kind: .holiday, name: "端午节"),
        CalendarEntry(date: LocalDate("2026-09-20")!, kind: .workday, name: "国庆节"),
        CalendarEntry(date: LocalDate("2026-10-10")!, kind: .workday, name: "国庆节"),
    ] + (1...7).map { CalendarEntry(date: LocalDate(year: 2026, month: 10, day: $0)!, kind: .holiday, name: "国庆节") })

    @Test func confirmationIsDueTwoWorkingDaysAfterDispatchAcrossAHoliday() throws {
        // Dispatched Thursday 06-18: Friday 06-19 is 端午节, so day 1 is Monday 06-22, day 2 Tuesday 06-23.
        #expect(try calendar.adding(workdays: WorkflowDeadlines.confirmationWorkdays, to: LocalDate("2026-06-18")!) == LocalDate("2026-06-23")!)
    }

    @Test func publicationIsDueTwentyWorkingDaysAfterTheCheckAcrossNationalDay() throws {
        // Checked Friday 09-25: 09-28…09-30 (3), 10-08, 10-09 (5), Saturday 10-10 worked (6), 10-12…10-16 (11), …
        let due = try calendar.adding(workdays: WorkflowDeadlines.publicationWorkdays, to: LocalDate("2026-09-25")!)
        #expect(due == LocalDate("2026-10-29")!)
        let d = Deadline(kind: .publication, due: due, subject: "E1", done: false)
        #expect(!d.isOverdue(on: due) && d.isOverdue(on: due.adding(days: 1)))
    }
}
