/// One row of the joint-inspection statistics table (annex of `Citation.luancheng2026`).
public struct JointStatisticsRow: Sendable, Hashable {
    /// The department's name, or 合计 for the total row.
    public var department: String
    /// 随机抽查企业（户）
    public var enterprises = 0
    /// 随机抽取执法检查人员（人次）
    public var inspectorPicks = 0
    /// 涉及检查部门（个）
    public var departments = 0
    /// 检查项目（个）
    public var items = 0
    /// 发现问题事项（项）
    public var problemItems = 0
    /// 发现问题企业（户）
    public var problemEnterprises = 0
    /// 责令改正（户）
    public var rectificationOrdered = 0
    /// 应列入异常（户）
    public var abnormalListed = 0
    /// 涉嫌违法立案调查（户）
    public var casesOpened = 0
    /// 现场解答疑难问题（个）
    public var questionsAnswered = 0

    public init(department: String) { self.department = department }

    /// The numbers in the table's column order.
    public var values: [Int] {
        [enterprises, inspectorPicks, departments, items, problemItems, problemEnterprises, rectificationOrdered,
         abnormalListed, casesOpened, questionsAnswered]
    }
}

/// Everything recorded for one plan that the statistics table counts.
public struct JointPlanActivity: Sendable {
    /// Department code → name.
    public var departmentNames: [String: String]
    public var items: [PlanItem]
    /// (enterprise, department) pairs the department checks (dispatched and not rejected).
    public var assignments: [(uscc: String, department: String)]
    /// Inspectors on each team (drawn, after replacements; assistants not counted).
    public var teams: [(uscc: String, department: String, certificates: [String])]
    public var results: [ItemResult]
    public var visits: [VisitRecord]
    public var followUps: [FollowUp]

    public init(departmentNames: [String: String], items: [PlanItem], assignments: [(uscc: String, department: String)],
                teams: [(uscc: String, department: String, certificates: [String])], results: [ItemResult],
                visits: [VisitRecord], followUps: [FollowUp]) {
        self.departmentNames = departmentNames; self.items = items; self.assignments = assignments; self.teams = teams
        self.results = results; self.visits = visits; self.followUps = followUps
    }

    /// One row per department (in code order) and a total row (合计).
    public func statistics() -> [JointStatisticsRow] {
        let codes = Set(assignments.map(\.department)).union(items.map(\.department)).sorted()
        var rows: [JointStatisticsRow] = []
        var total = JointStatisticsRow(department: "合计")
        func households(_ followUps: [FollowUp], _ action: FollowUpAction) -> Int {
            Set(followUps.filter { $0.action == action }.map(\.uscc)).count
        }
        for code in codes {
            var row = JointStatisticsRow(department: departmentNames[code] ?? code)
            row.enterprises = Set(assignments.filter { $0.department == code }.map(\.uscc)).count
            row.inspectorPicks = teams.filter { $0.department == code }.reduce(0) { $0 + $1.certificates.count }
            row.departments = 1
            row.items = items.filter { $0.department == code }.count
            let problems = results.filter { $0.department == code && $0.outcome == .problem }
            row.problemItems = problems.count
            row.problemEnterprises = Set(problems.map(\.uscc)).count
            let mine = followUps.filter { $0.department == code }
            row.rectificationOrdered = households(mine, .orderedRectification)
            row.abnormalListed = households(mine, .abnormalList)
            row.casesOpened = households(mine, .caseOpened)
            row.questionsAnswered = visits.filter { $0.department == code }.reduce(0) { $0 + $1.questionsAnswered }
            rows.append(row)
        }
        total.enterprises = Set(assignments.map(\.uscc)).count
        total.inspectorPicks = rows.reduce(0) { $0 + $1.inspectorPicks }
        total.departments = codes.count
        total.items = items.count
        total.problemItems = rows.reduce(0) { $0 + $1.problemItems }
        total.problemEnterprises = Set(results.filter { $0.outcome == .problem }.map(\.uscc)).count
        total.rectificationOrdered = households(followUps, .orderedRectification)
        total.abnormalListed = households(followUps, .abnormalList)
        total.casesOpened = households(followUps, .caseOpened)
        total.questionsAnswered = rows.reduce(0) { $0 + $1.questionsAnswered }
        return rows + [total]
    }
}
