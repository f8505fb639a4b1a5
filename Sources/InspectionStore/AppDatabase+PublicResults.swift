public import Inspection

/// One published result as the public sees it, with what the national enterprise-credit publicity
/// system shows beside it: the inspecting bodies (抽查机关), the items checked (检查事项) and the date
/// the check was completed (抽查完成时间).
public struct PublicResult: Sendable, Hashable {
    public var plan: String
    public var planName: String
    public var uscc: String
    public var enterprise: String
    public var wording: String
    public var publishedOn: String
    /// The full names of the departments that recorded results at the enterprise, by department code.
    public var departments: [String]
    /// The items checked there (not those whose result is confidential), by department and item code.
    public var items: [String]
    /// The last visit of the plan's teams to the enterprise; nil if no visit was recorded.
    public var completedOn: LocalDate?
}

/// Which published results to list: all filters optional, combined with AND.
public struct PublicResultFilter: Sendable, Hashable {
    public var plan: String?
    /// A department code: results where this department checked.
    public var department: String?
    /// The completion date, inclusive on both ends.
    public var from: LocalDate?
    public var through: LocalDate?
    /// Part of the enterprise's name or USCC.
    public var text: String?

    public init(plan: String? = nil, department: String? = nil, from: LocalDate? = nil, through: LocalDate? = nil, text: String? = nil) {
        self.plan = plan; self.department = department; self.from = from; self.through = through; self.text = text
    }
}

extension AppDatabase {
    /// Published results, newest publication first, `limit` from `offset`, with the total that match.
    /// The filters, the count and the page are SQL; a page reads only its own results' rows.
    public func publicResults(_ filter: PublicResultFilter, limit: Int, offset: Int) throws -> SearchPage<PublicResult> {
        try backend.read { db in
            // NB: what was published is read from the publication's snapshot, never from the directory now.
            let completed = "p.completed_on"
            let conditions = """
                (:plan IS NULL OR p.plan = :plan)
                AND (:dept IS NULL OR EXISTS (SELECT 1 FROM item_result r WHERE r.plan = p.plan AND r.uscc = p.uscc AND r.department = :dept))
                AND (:from IS NULL OR \(completed) >= :from)
                AND (:through IS NULL OR \(completed) <= :through)
                AND (:text IS NULL OR \(db.dialect.position(of: ":text", in: "p.name")) > 0 OR \(db.dialect.position(of: "upper(:text)", in: "p.uscc")) > 0)
                """
            let arguments: SQLNamedArguments = [
                "plan": filter.plan, "dept": filter.department, "from": filter.from?.description,
                "through": filter.through?.description, "text": filter.text, "limit": max(limit, 0), "offset": max(offset, 0),
            ]
            let from = "FROM publication p JOIN plan ON plan.number = p.plan"
            let total = try db.value(Int.self, sql: "SELECT count(*) \(from) WHERE \(conditions)", arguments: arguments) ?? 0
            let rows = try db.rows(sql: """
                SELECT p.plan, \(db.dialect.jsonText("plan.definition", key: "name")) AS plan_name, p.uscc, p.name, p.wording, p.published_on, p.departments, p.items, \(completed) AS completed_on
                \(from) WHERE \(conditions)
                ORDER BY p.published_on DESC, p.plan, p.uscc LIMIT :limit OFFSET :offset
                """, arguments: arguments)
            return SearchPage(rows: rows.map { row in
                let plan: String = row["plan"]
                let uscc: String = row["uscc"]
                return PublicResult(plan: plan, planName: row["plan_name"], uscc: uscc, enterprise: row["name"], wording: row["wording"],
                                    publishedOn: row["published_on"], departments: Self.lines(row["departments"]), items: Self.lines(row["items"]),
                                    completedOn: (row["completed_on"] as String?).flatMap(LocalDate.init))
            }, total: total)
        }
    }

    /// The departments that checked at least one published result, for the public filter.
    public func publicResultDepartments() throws -> [Department] {
        try backend.read { db in
            try db.rows(sql: """
                SELECT * FROM department d WHERE EXISTS (
                  SELECT 1 FROM item_result r JOIN publication p ON p.plan = r.plan AND p.uscc = r.uscc WHERE r.department = d.code)
                ORDER BY d.code
                """).map { Department(code: $0["code"], name: $0["name"], shortName: $0["short_name"]) }
        }
    }
}
