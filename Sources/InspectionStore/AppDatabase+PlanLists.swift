public import Inspection

/// Which enterprises of a plan a list shows; nil fields do not filter.
public struct PlanEnterpriseFilter: Sendable, Hashable {
    public enum Progress: String, Sendable, CaseIterable { case complete, incomplete }

    /// Checked by this department.
    public var department: String?
    /// Contained in the USCC, the name or the labels (such as 乡镇=冶河镇).
    public var text: String?
    public var progress: Progress?
    /// Only those with a publication or follow-up deadline past on these terms.
    public var overdue: OverdueTerms?

    public init(department: String? = nil, text: String? = nil, progress: Progress? = nil, overdue: OverdueTerms? = nil) {
        self.department = department; self.text = text; self.progress = progress; self.overdue = overdue
    }
}

/// When a plan's per-enterprise deadlines are past, as dates a query can compare visits with:
/// a deadline counted from a visit before `publicationFrom` (`followUpFrom`) is overdue
/// (`WorkflowDeadlines.firstStartNotOverdue`), unless done.
public struct OverdueTerms: Sendable, Hashable {
    public var publicationFrom: LocalDate
    public var followUpFrom: LocalDate
    /// A published plan owes no publication any more.
    public var planPublished: Bool

    public init(publicationFrom: LocalDate, followUpFrom: LocalDate, planPublished: Bool) {
        self.publicationFrom = publicationFrom; self.followUpFrom = followUpFrom; self.planPublished = planPublished
    }
}

/// One enterprise of a plan's list: who checks it and how far its results are.
public struct PlanEnterpriseRow: Sendable, Hashable {
    public var uscc: String
    public var name: String
    /// The departments that check it (dispatched, not rejected), by code.
    public var departments: [String]
    /// Results expected and recorded (of one department's items when the list is of one department).
    public var expected: Int
    public var recorded: Int
    /// The published wording, once published.
    public var published: String?
}

/// How many per-enterprise deadlines of a plan are past.
public struct OverdueCounts: Sendable, Hashable {
    public var publications: Int
    public var followUps: Int
    public var total: Int { publications + followUps }
}

// A plan's lists, a page at a time and counted in SQL: their cost follows the page, not the plan.
extension AppDatabase {
    /// A page of the enterprises a plan checks, in draw order; `progressOf` counts one department's results only.
    public func planEnterprises(_ number: String, filter: PlanEnterpriseFilter, progressOf: String? = nil,
                                offset: Int, limit: Int) throws -> SearchPage<PlanEnterpriseRow> {
        try backend.read { db in
            var conditions = ["d.plan = :plan", "d.rejected_reason IS NULL"]
            var arguments: SQLNamedArguments = ["plan": number, "scope": progressOf]
            if let department = filter.department {
                conditions.append("""
                    EXISTS (SELECT 1 FROM plan_dispatch x WHERE x.plan = d.plan AND x.uscc = d.uscc
                            AND x.department = :department AND x.rejected_reason IS NULL)
                    """)
                arguments["department"] = department
            }
            if let text = filter.text?.trimmingWhitespace, !text.isEmpty {
                conditions.append("(d.uscc \(db.dialect.like) :text ESCAPE '\\' OR e.name \(db.dialect.like) :text ESCAPE '\\' OR e.labels \(db.dialect.like) :text ESCAPE '\\')")
                arguments["text"] = "%" + Self.escapingLike(text) + "%"
            }
            if let overdue = filter.overdue {
                conditions.append("(\(Self.publicationOverdue(overdue)) OR \(Self.followUpOverdue))")
                arguments["publicationFrom"] = overdue.publicationFrom.description
                arguments["followUpFrom"] = overdue.followUpFrom.description
            }
            let from = "FROM plan_dispatch d\(filter.text == nil ? "" : " JOIN enterprise e ON e.uscc = d.uscc") WHERE \(conditions.joined(separator: " AND "))"
            let statementArguments = arguments
            let page = "LIMIT \(max(limit, 0)) OFFSET \(max(offset, 0))"
            // Which enterprises are on the page. NB: an enterprise has one position in draw order (all its
            // departments' rows share it), so without a progress filter the page walks the position index
            // and stops once full; progress needs each enterprise's counts, hence a grouped scan.
            let total: Int
            let usccs: [String]
            if let progress = filter.progress {
                let grouped = """
                    SELECT d.uscc, min(d.position) AS position \(from) GROUP BY d.uscc, d.plan
                    HAVING \(Self.recordedSQL) \(progress == .complete ? ">=" : "<")
                           sum(CASE WHEN :scope IS NULL OR d.department = :scope THEN \(Self.itemCount("d.items")) ELSE 0 END)
                    """
                total = try db.value(Int.self, sql: "SELECT count(*) FROM (\(grouped)) g", arguments: statementArguments) ?? 0
                usccs = try db.values(String.self, sql: "SELECT uscc FROM (\(grouped)) g ORDER BY position \(page)", arguments: statementArguments)
            } else {
                total = try db.value(Int.self, sql: "SELECT count(DISTINCT d.uscc) \(from)", arguments: statementArguments) ?? 0
                usccs = try db.values(String.self, sql: "SELECT uscc FROM (SELECT DISTINCT d.position, d.uscc \(from) ORDER BY d.position \(page)) p",
                                            arguments: statementArguments)
            }
            // Then only those enterprises' departments, progress and publication.
            let only = Self.only(usccs, column: "d.uscc")
            var details: [String: PlanEnterpriseRow] = [:]
            for row in try db.rows(sql: """
                SELECT d.uscc, e.name, \(db.dialect.joined("d.department", separator: ";")) AS departments,
                       sum(CASE WHEN ?1 IS NULL OR d.department = ?1 THEN \(Self.itemCount("d.items")) ELSE 0 END) AS expected,
                       (SELECT count(*) FROM item_result r
                        JOIN plan_dispatch x ON x.plan = r.plan AND x.uscc = r.uscc AND x.department = r.department
                        WHERE r.plan = d.plan AND r.uscc = d.uscc AND x.rejected_reason IS NULL
                          AND (?1 IS NULL OR r.department = ?1)) AS recorded,
                       (SELECT wording FROM publication p WHERE p.plan = d.plan AND p.uscc = d.uscc) AS published
                FROM plan_dispatch d JOIN enterprise e ON e.uscc = d.uscc
                WHERE d.plan = ?2 AND d.rejected_reason IS NULL\(only.sql)
                GROUP BY d.uscc, d.plan, e.name
                """, arguments: [progressOf, number] + only.arguments) {
                let uscc: String = row["uscc"]
                details[uscc] = PlanEnterpriseRow(uscc: uscc, name: row["name"], departments: StoredList.split(row["departments"]).sorted(),
                                                  expected: row["expected"], recorded: row["recorded"], published: row["published"])
            }
            let rows = usccs.compactMap { details[$0] }
            return SearchPage(rows: rows, total: total)
        }
    }

    /// A page of the enterprises dispatched to `department` (rejected ones included), in draw order,
    /// optionally those whose USCC or name contains `text`; with their names.
    public func departmentDispatches(_ number: String, department: String, text: String?, offset: Int,
                                     limit: Int) throws -> SearchPage<(dispatch: PlanDispatch, name: String)> {
        try backend.read { db in
            var filter = "d.plan = :plan AND d.department = :department"
            var arguments: SQLNamedArguments = ["plan": number, "department": department]
            if let text = text?.trimmingWhitespace, !text.isEmpty {
                filter += " AND (d.uscc \(db.dialect.like) :text ESCAPE '\\' OR e.name \(db.dialect.like) :text ESCAPE '\\' OR e.labels \(db.dialect.like) :text ESCAPE '\\')"
                arguments["text"] = "%" + Self.escapingLike(text) + "%"
            }
            let from = "FROM plan_dispatch d JOIN enterprise e ON e.uscc = d.uscc WHERE \(filter)"
            let total = try db.value(Int.self, sql: "SELECT count(*) \(from)", arguments: arguments) ?? 0
            let rows = try db.rows(sql: """
                SELECT d.uscc, d.department, d.position, d.rejected_reason, e.name \(from)
                ORDER BY d.position LIMIT \(max(limit, 0)) OFFSET \(max(offset, 0))
                """, arguments: arguments).map { row in
                (PlanDispatch(uscc: row["uscc"], department: row["department"], position: row["position"],
                              rejectedReason: row["rejected_reason"]), row["name"] as String)
            }
            return SearchPage(rows: rows, total: total)
        }
    }

    /// How many of a plan's publication and follow-up deadlines are past, counted in SQL.
    public func overdueCounts(_ number: String, terms: OverdueTerms) throws -> OverdueCounts {
        try backend.read { db in
            let arguments: SQLNamedArguments = ["plan": number, "publicationFrom": terms.publicationFrom.description,
                                                 "followUpFrom": terms.followUpFrom.description]
            let publications = terms.planPublished ? 0 : try db.value(Int.self, sql: """
                SELECT count(*) FROM (SELECT v.uscc FROM visit v WHERE v.plan = :plan GROUP BY v.uscc HAVING max(v.checked_on) < :publicationFrom) o
                WHERE NOT EXISTS (SELECT 1 FROM publication p WHERE p.plan = :plan AND p.uscc = o.uscc)
                """, arguments: arguments) ?? 0
            let followUps = try db.value(Int.self, sql: """
                SELECT count(*) FROM visit v WHERE v.plan = :plan AND v.checked_on < :followUpFrom
                  AND EXISTS (SELECT 1 FROM item_result r WHERE r.plan = v.plan AND r.uscc = v.uscc AND r.department = v.department
                              AND r.outcome = '发现问题')
                  AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.plan = v.plan AND f.uscc = v.uscc AND f.department = v.department)
                """, arguments: arguments) ?? 0
            return OverdueCounts(publications: publications, followUps: followUps)
        }
    }

    /// Each stratum of a draw without its lists: its name, ratio, candidates (counted in SQL), quota,
    /// and whether the quota was raised to meet an overall minimum.
    public func drawStrataSummary(id: String) throws -> [(name: String, ratio: String, candidates: Int, quota: Int, raised: Bool)] {
        try backend.read { db in
            try db.rows(sql: """
                SELECT coalesce(class_name, scope) AS name, ratio, quota, minimum IS NOT NULL AS raised,
                       CASE candidates WHEN '' THEN 0 ELSE length(candidates) - length(replace(candidates, \(db.dialect.newline), '')) + 1 END AS candidates
                FROM draw_stratum WHERE draw_id = ? ORDER BY position
                """, arguments: [id]).map { ($0["name"], $0["ratio"], $0["candidates"], $0["quota"], $0["raised"]) }
        }
    }

    /// Results recorded at `d.uscc` (of department `:scope` when given), against dispatches not rejected.
    private static let recordedSQL = """
        (SELECT count(*) FROM item_result r
         JOIN plan_dispatch x ON x.plan = r.plan AND x.uscc = r.uscc AND x.department = r.department
         WHERE r.plan = d.plan AND r.uscc = d.uscc AND x.rejected_reason IS NULL AND (:scope IS NULL OR r.department = :scope))
        """

    /// The number of codes in a stored `;`-joined list column (as `StoredList.split` reads it).
    static func itemCount(_ column: String) -> String {
        "(CASE \(column) WHEN '' THEN 0 ELSE length(\(column)) - length(replace(\(column), ';', '')) + 1 END)"
    }

    /// Enterprise `d.uscc` owes its publication: its last visit is before `:publicationFrom` and nothing is published.
    private static func publicationOverdue(_ terms: OverdueTerms) -> String {
        terms.planPublished ? "FALSE" : """
            ((SELECT max(v.checked_on) FROM visit v WHERE v.plan = d.plan AND v.uscc = d.uscc) < :publicationFrom
             AND NOT EXISTS (SELECT 1 FROM publication p WHERE p.plan = d.plan AND p.uscc = d.uscc))
            """
    }

    /// A department found a problem at `d.uscc` on a visit before `:followUpFrom` and recorded no follow-up.
    private static let followUpOverdue = """
        EXISTS (SELECT 1 FROM visit v WHERE v.plan = d.plan AND v.uscc = d.uscc AND v.checked_on < :followUpFrom
                AND EXISTS (SELECT 1 FROM item_result r WHERE r.plan = v.plan AND r.uscc = v.uscc AND r.department = v.department
                            AND r.outcome = '发现问题')
                AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.plan = v.plan AND f.uscc = v.uscc AND f.department = v.department))
        """
}

extension OverdueTerms {
    /// The terms of `plan` on `today`: the workflow's working-day deadlines (`WorkflowDeadlines`).
    public static func of(_ plan: JointPlan, today: LocalDate, calendar: WorkCalendar) throws(CalendarError) -> OverdueTerms {
        OverdueTerms(
            publicationFrom: try WorkflowDeadlines.firstStartNotOverdue(workdays: WorkflowDeadlines.publicationWorkdays, today: today, calendar: calendar),
            followUpFrom: try WorkflowDeadlines.firstStartNotOverdue(workdays: WorkflowDeadlines.followUpWorkdays, today: today, calendar: calendar),
            planPublished: plan.state >= .published)
    }
}
