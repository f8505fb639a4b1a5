public import Inspection

/// A plan's statistics table counted in SQL (the rows `JointPlanActivity.statistics()` computes
/// from the whole plan in memory), with what its chart adds.
public struct PlanStatistics: Sendable {
    /// The department codes of the rows, in order (the total row has none).
    public var codes: [String]
    /// One row per department and the total row (合计).
    public var rows: [JointStatisticsRow]
    /// Items found without a problem, per department (as `codes`).
    public var noProblemItems: [Int]
}

extension AppDatabase {
    /// The statistics of a plan, each figure one grouped query: the cost follows the departments, not the enterprises.
    public func planStatistics(_ number: String) throws -> PlanStatistics {
        try backend.read { db in
            let record = try Self.fetchPlan(db, number)
            let names = Dictionary(uniqueKeysWithValues: try Department.fetchAll(db).map { ($0.code, $0.name) })
            func grouped(_ sql: String, _ arguments: SQLArguments) throws -> [String: Int] {
                Dictionary(try db.rows(sql: sql, arguments: arguments).map { ($0[0] as String, $0[1] as Int) }, uniquingKeysWith: +)
            }
            let plan: SQLArguments = [number]
            let enterprises = try grouped("""
                SELECT department, count(DISTINCT uscc) FROM plan_dispatch WHERE plan = ? AND rejected_reason IS NULL GROUP BY department
                """, plan)
            let items = try grouped("SELECT department, count(*) FROM plan_item WHERE plan = ? GROUP BY department", plan)
            let picks = try record.teamDrawID.map { id in
                try grouped("""
                    SELECT department, sum(CASE drawn WHEN '' THEN 0 ELSE length(drawn) - length(replace(drawn, \(db.dialect.newline), '')) + 1 END)
                    FROM draw_team \(db.dialect.indexedBy("draw_team_enterprise")) WHERE draw_id = ? GROUP BY department
                    """, [id])
            } ?? [:]
            func results(_ outcome: ItemOutcome, distinct: Bool) throws -> [String: Int] {
                try grouped("SELECT department, count(\(distinct ? "DISTINCT uscc" : "*")) FROM item_result WHERE plan = ? AND outcome = ? GROUP BY department",
                            [number, outcome.rawValue])
            }
            let problems = try results(.problem, distinct: false), problemEnterprises = try results(.problem, distinct: true)
            let noProblems = try results(.noProblem, distinct: false)
            func households(_ action: FollowUpAction) throws -> [String: Int] {
                try grouped("SELECT department, count(DISTINCT uscc) FROM follow_up WHERE plan = ? AND action = ? GROUP BY department",
                            [number, action.rawValue])
            }
            let rectification = try households(.orderedRectification), abnormal = try households(.abnormalList)
            let cases = try households(.caseOpened)
            let questions = try grouped("SELECT department, sum(questions_answered) FROM visit WHERE plan = ? GROUP BY department", plan)

            let codes = Set(enterprises.keys).union(items.keys).sorted()
            var rows = codes.map { code in
                var row = JointStatisticsRow(department: names[code] ?? code)
                row.enterprises = enterprises[code] ?? 0
                row.inspectorPicks = picks[code] ?? 0
                row.departments = 1
                row.items = items[code] ?? 0
                row.problemItems = problems[code] ?? 0
                row.problemEnterprises = problemEnterprises[code] ?? 0
                row.rectificationOrdered = rectification[code] ?? 0
                row.abnormalListed = abnormal[code] ?? 0
                row.casesOpened = cases[code] ?? 0
                row.questionsAnswered = questions[code] ?? 0
                return row
            }
            func count(_ sql: String, _ arguments: SQLArguments) throws -> Int { try db.value(Int.self, sql: sql, arguments: arguments) ?? 0 }
            var total = JointStatisticsRow(department: "合计")
            total.enterprises = try count("SELECT count(DISTINCT uscc) FROM plan_dispatch WHERE plan = ? AND rejected_reason IS NULL", plan)
            total.inspectorPicks = rows.reduce(0) { $0 + $1.inspectorPicks }
            total.departments = codes.count
            total.items = items.values.reduce(0, +)
            total.problemItems = rows.reduce(0) { $0 + $1.problemItems }
            total.problemEnterprises = try count("SELECT count(DISTINCT uscc) FROM item_result WHERE plan = ? AND outcome = ?",
                                                 [number, ItemOutcome.problem.rawValue])
            func allHouseholds(_ action: FollowUpAction) throws -> Int {
                try count("SELECT count(DISTINCT uscc) FROM follow_up WHERE plan = ? AND action = ?", [number, action.rawValue])
            }
            total.rectificationOrdered = try allHouseholds(.orderedRectification)
            total.abnormalListed = try allHouseholds(.abnormalList)
            total.casesOpened = try allHouseholds(.caseOpened)
            total.questionsAnswered = rows.reduce(0) { $0 + $1.questionsAnswered }
            rows.append(total)
            return PlanStatistics(codes: codes, rows: rows, noProblemItems: codes.map { noProblems[$0] ?? 0 })
        }
    }
}
