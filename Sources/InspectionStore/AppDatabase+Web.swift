import Foundation
public import Inspection

/// One enterprise dispatched to one department in a plan, as the confirmation page lists it.
public struct PlanDispatch: Sendable, Hashable {
    public var uscc: String
    public var department: String
    /// The enterprise's place in draw order.
    public var position: Int
    /// Why the department rejected it; nil while it is to be checked.
    public var rejectedReason: String?
}

/// A page of a directory search: the matches shown and how many there are in all.
public struct SearchPage<Row: Sendable>: Sendable {
    public var rows: [Row]
    public var total: Int
}

// Read-only queries the web application needs; every write goes through the named methods of the
// other files, so that each keeps its audit entry and its state rules.
extension AppDatabase {
    /// The plan, or nil when no plan has that number (the web answers 404 rather than an error).
    public func planIfExists(_ number: String) throws -> PlanRecord? {
        try backend.read { db in
            guard try db.value(Bool.self, sql: "SELECT 1 FROM plan WHERE number = ?", arguments: [number]) != nil else { return nil }
            return try Self.fetchPlan(db, number)
        }
    }

    /// Every enterprise dispatched in a plan (or only `usccs`), rejected ones included, in draw order then department.
    public func dispatches(_ number: String, of usccs: [String]? = nil) throws -> [PlanDispatch] {
        let byUSCC = Self.only(usccs)
        return try backend.read { db in
            try db.rows(sql: """
                SELECT uscc, department, position, rejected_reason FROM plan_dispatch WHERE plan = ?\(byUSCC.sql)
                ORDER BY \(Self.dispatchOrder(usccs)), department
                """, arguments: [number] + byUSCC.arguments).map {
                PlanDispatch(uscc: $0["uscc"], department: $0["department"], position: $0["position"], rejectedReason: $0["rejected_reason"])
            }
        }
    }

    /// The names of the given enterprises (USCC → 单位名称); unknown codes are left out.
    public func enterpriseNames(_ usccs: some Sequence<String>) throws -> [String: String] {
        try names(in: "enterprise", keyedBy: "uscc", usccs)
    }

    /// The names of the given inspectors (certificate → 姓名); unknown ones are left out.
    public func inspectorNames(_ certificates: some Sequence<String>) throws -> [String: String] {
        try names(in: "inspector", keyedBy: "certificate", certificates)
    }

    /// `key → name` of the rows of `table` whose `key` is one of `keys`.
    private func names(in table: String, keyedBy key: String, _ keys: some Sequence<String>) throws -> [String: String] {
        let wanted = Array(Set(keys))
        guard !wanted.isEmpty else { return [:] }
        return try backend.read { db in
            var names: [String: String] = [:]
            // NB: chunks stay under SQLite's limit on bound parameters.
            for start in stride(from: 0, to: wanted.count, by: 500) {
                let chunk = Array(wanted[start..<min(start + 500, wanted.count)])
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try db.rows(sql: "SELECT \(key) AS key, name FROM \(table) WHERE \(key) IN (\(marks))",
                                            arguments: chunk) {
                    names[row["key"]] = row["name"]
                }
            }
            return names
        }
    }

    /// Enterprises whose USCC, name or address contains `text` (all when empty), by USCC, at most `limit`.
    public func searchEnterprises(_ text: String, limit: Int) throws -> SearchPage<Enterprise> {
        try backend.read { db in
            let pattern = "%" + Self.escapingLike(text.trimmingWhitespace) + "%"
            let like = db.dialect.like
            let filter = "uscc \(like) :p ESCAPE '\\' OR name \(like) :p ESCAPE '\\' OR address \(like) :p ESCAPE '\\'"
            let total = try db.value(Int.self, sql: "SELECT count(*) FROM enterprise WHERE \(filter)", arguments: ["p": pattern]) ?? 0
            let rows = try db.rows(sql: "SELECT * FROM enterprise WHERE \(filter) ORDER BY uscc LIMIT :limit",
                                        arguments: ["p": pattern, "limit": limit]).map(Enterprise.init(row:))
            return SearchPage(rows: rows, total: total)
        }
    }

    /// Inspectors whose certificate, name or specialties contain `text`, optionally of one department, at most `limit`.
    public func searchInspectors(_ text: String, department: String?, limit: Int) throws -> SearchPage<Inspector> {
        try backend.read { db in
            let pattern = "%" + Self.escapingLike(text.trimmingWhitespace) + "%"
            let filter = """
                (certificate \(db.dialect.like) :p ESCAPE '\\' OR name \(db.dialect.like) :p ESCAPE '\\' OR specialties \(db.dialect.like) :p ESCAPE '\\')
                AND (:d IS NULL OR department = :d)
                """
            let arguments: SQLNamedArguments = ["p": pattern, "d": department, "limit": limit]
            let total = try db.value(Int.self, sql: "SELECT count(*) FROM inspector WHERE \(filter)", arguments: arguments) ?? 0
            let rows = try db.rows(sql: "SELECT * FROM inspector WHERE \(filter) ORDER BY department, certificate LIMIT :limit",
                                        arguments: arguments).map(Inspector.init(row:))
            return SearchPage(rows: rows, total: total)
        }
    }

    /// How many entries the audit log holds: every write adds at least one.
    public func auditCount() throws -> Int {
        try backend.read { db in try db.value(Int.self, sql: "SELECT count(*) FROM audit_log") ?? 0 }
    }

    static func escapingLike(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
