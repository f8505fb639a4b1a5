import Foundation
import Inspection
import NIOCore

/// An enterprise import on PostgreSQL: the valid rows go by COPY into a temporary staging table,
/// streamed a batch at a time as they are validated, then a few set-based statements write the
/// directory, its history and the counts — the same rows, ids, history and audit entry as the
/// row-by-row path writes on SQLite, at COPY's speed rather than one round trip per row. Into an
/// empty directory (a first load), where every row is new, the rows go by COPY straight into it.
///
/// Only the directory takes this path: departments, inspectors and items are a district's few
/// hundred or thousand rows, which the row path writes in well under a second.
final class EnterpriseStaging {
    private let db: PostgresConnectionAdapter
    /// Per schema column: whether the file has it (an update changes only those).
    private let bound: [Bool]
    private let copy: PostgresCopy
    private var chunk = ByteBuffer()
    private(set) var staged = 0
    /// The last id drawn before this import. NB: SQLite's AUTOINCREMENT draws an id for every row
    /// the row path tries to insert, stored key or not: the staged row at position p (file order)
    /// has id `base + p`, whether it is inserted or not, and the sequence moves past all of them.
    private let base: Int64
    /// The directory was empty: the rows go straight into it, each is added.
    private let direct: Bool
    /// `\tadded_on\tadded_audit_id` of every row, when `direct`.
    private let stampFields: String
    /// When `direct`: the first keys, for the audit entry.
    private var firstKeys: [String] = []
    private let limit: Int

    private static let table = "import_enterprise"

    /// How each column of `TableSchema.enterprises` is stored, in the schema's order.
    private enum Kind { case text, optionalText, flag }
    private static let columns: [(name: String, kind: Kind)] = Enterprise.columnList.split(separator: ",").map { part in
        let name = part.trimmingCharacters(in: .whitespacesAndNewlines)
        let kind: Kind = switch name {
        case "air_grade", "credit_risk": .optionalText
        case "key_discharge_unit", "positive_list", "penalized_last_quarter", "high_risk",
             "supervised_rectification", "non_site_capable": .flag
        default: .text
        }
        return (name, kind)
    }

    /// Starts the staging of an import of `table` on `db`; nil where the row path applies (SQLite,
    /// or another table). `limit`: how many keys the audit entry names.
    static func start<R>(_ table: BoundTable<R>, _ db: any SQLConnection, stamp: ImportStamp, limit: Int) throws -> EnterpriseStaging? {
        guard R.self == Enterprise.self, let db = db as? PostgresConnectionAdapter else { return nil }
        let schema = TableSchema<Enterprise>.enterprises
        precondition(columns.count == schema.columns.count, "Enterprise.columnList and TableSchema.enterprises disagree")
        // NB: read, not drawn (nextval): a refused import must leave the sequence as it was.
        let base = try db.value(Int64.self, sql: "SELECT pg_sequence_last_value(\(sequence)::regclass)") ?? 0
        let direct = try db.value(Bool.self, sql: "SELECT NOT EXISTS (SELECT 1 FROM enterprise)") ?? false
        if !direct {
            let types = columns.map { column in
                switch column.kind {
                case .text: "\(column.name) TEXT COLLATE \"C\" NOT NULL"
                case .optionalText: "\(column.name) TEXT COLLATE \"C\""
                case .flag: "\(column.name) BOOLEAN NOT NULL"
                }
            }
            try db.execute(sql: "CREATE TEMP TABLE \(Self.table) (id BIGINT NOT NULL, \(types.joined(separator: ", "))) ON COMMIT DROP")
        }
        return EnterpriseStaging(db, bound: schema.columns.indices.map(table.hasColumn), base: base, direct: direct,
                                 stamp: stamp, limit: limit)
    }

    private static let sequence = "pg_get_serial_sequence('enterprise', 'id')"

    private init(_ db: PostgresConnectionAdapter, bound: [Bool], base: Int64, direct: Bool, stamp: ImportStamp, limit: Int) {
        self.db = db
        self.bound = bound
        self.base = base
        self.direct = direct
        self.limit = limit
        stampFields = direct ? "\t\(stamp.dateText)\t\(stamp.auditID)" : ""
        let names = ["id"] + Self.columns.map(\.name)
        copy = direct
            ? PostgresCopy(db.connection, table: "enterprise", columns: names + ["added_on", "added_audit_id"])
            : PostgresCopy(db.connection, table: Self.table, columns: names)
    }

    /// Adds the next valid record of the file to the chunk being built.
    func append(_ record: Enterprise) {
        staged += 1
        chunk.writeString(String(base + Int64(staged)))
        if direct && firstKeys.count < limit { firstKeys.append(record.uscc) }
        // NB: field by field, without an array per row: a million rows go through here.
        func tab() { chunk.writeInteger(0x09 as UInt8) }
        tab(); chunk.writeCopyField(record.uscc)
        tab(); chunk.writeCopyField(record.name)
        tab(); chunk.writeCopyField(record.division)
        tab(); chunk.writeCopyField(record.address)
        tab(); chunk.writeCopyField(record.legalRepresentative)
        tab(); chunk.writeCopyField(record.industry)
        tab(); chunk.writeCopyField(record.status.rawValue)
        tab(); chunk.writeCopyField(record.permit.rawValue)
        tab(); chunk.writeCopyField(record.keyDischargeUnit)
        tab(); chunk.writeCopyField(record.positiveList)
        tab(); chunk.writeCopyField(record.airGrade?.rawValue)
        tab(); chunk.writeCopyField(record.creditRisk?.rawValue)
        tab(); chunk.writeCopyField(record.penalizedLastQuarter)
        tab(); chunk.writeCopyField(record.highRisk)
        tab(); chunk.writeCopyField(record.supervisedRectification)
        tab(); chunk.writeCopyField(record.nonSiteCapable)
        tab(); chunk.writeCopyField(record.departments.joined(separator: ";"))
        tab(); chunk.writeCopyField(record.labels.joined(separator: ";"))
        chunk.writeString(stampFields)
        chunk.writeInteger(0x0A as UInt8)
    }

    /// Sends the rows appended since the last flush, waiting while the server is behind.
    func flush() throws {
        guard chunk.readableBytes > 0 else { return }
        let full = chunk
        chunk = ByteBuffer()
        chunk.reserveCapacity(full.readableBytes)
        try copy.send(full)
    }

    /// Waits for the COPY to end, on a path that throws anyway (the transaction rolls back).
    func close() {
        copy.close()
    }

    /// Writes the staged rows: new keys inserted, stored rows whose bound columns differ updated,
    /// each changed field in the history. Returns the counts and the first `limit` keys added or
    /// changed, in file order.
    func write(stamp: ImportStamp) throws -> (added: Int, changed: Int, unchanged: Int, touched: [String]) {
        try flush()
        try copy.finish()
        if staged > 0 {
            try db.execute(sql: "SELECT setval(\(Self.sequence), ?)", arguments: [base + Int64(staged)])
        }
        if direct { return (staged, 0, 0, firstKeys) }
        let s = Self.table
        try db.execute(sql: "ANALYZE \(s)")
        let schema = TableSchema<Enterprise>.enterprises
        let compared = Self.columns.indices.filter { bound[$0] && Self.columns[$0].name != "uscc" }
        let differs = compared.map { "e.\(Self.columns[$0].name) IS DISTINCT FROM s.\(Self.columns[$0].name)" }
            .joined(separator: " OR ")
        let changedRows = differs.isEmpty ? "FALSE" : "(\(differs))"

        // The keys the audit entry names, as the row path lists them: added or changed, in file order.
        let touched = try db.values(String.self, sql: """
            SELECT s.uscc FROM \(s) s LEFT JOIN enterprise e ON e.uscc = s.uscc
            WHERE e.id IS NULL OR \(changedRows) ORDER BY s.id LIMIT \(limit)
            """)

        // The history before the update, which overwrites the old values: one row per changed field,
        // each as the export writes its cell, in file order then column order (the row path's ids).
        // NB: only changed rows are expanded into their fields (a re-import of a million unchanged
        // rows expanded all of them).
        if !compared.isEmpty {
            let fields = compared.map { i in
                let column = Self.columns[i]
                let kind = column.name == "status"
                    ? "CASE WHEN s.status = \(Self.literal(OperatingStatus.deregistered.rawValue)) THEN '注销' ELSE '变更' END"
                    : "'变更'"
                return "(\(i), \(Self.literal(schema.columns[i].name)), \(kind), \(Self.cell("e", column)), \(Self.cell("s", column)))"
            }
            try db.execute(sql: """
                INSERT INTO enterprise_change (enterprise_id, date, kind, field, old_value, new_value, audit_id)
                SELECT e.id, ?, v.kind, v.field, v.old, v.new, ? FROM \(s) s JOIN enterprise e ON e.uscc = s.uscc
                CROSS JOIN LATERAL (VALUES \(fields.joined(separator: ", "))) AS v(position, field, kind, old, new)
                WHERE \(changedRows) AND v.old IS DISTINCT FROM v.new ORDER BY s.id, v.position
                """, arguments: [stamp.dateText, stamp.auditID])
        }
        let changed = compared.isEmpty ? 0 : try db.execute(sql: """
            UPDATE enterprise e SET \(compared.map { "\(Self.columns[$0].name) = s.\(Self.columns[$0].name)" }.joined(separator: ", "))
            FROM \(s) s WHERE e.uscc = s.uscc AND \(changedRows)
            """)
        let added = try db.execute(sql: """
            INSERT INTO enterprise (id, \(Self.columns.map(\.name).joined(separator: ", ")), added_on, added_audit_id)
            SELECT s.id, \(Self.columns.map { "s.\($0.name)" }.joined(separator: ", ")), ?, ? FROM \(s) s
            WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.uscc = s.uscc)
            ON CONFLICT (uscc) DO NOTHING
            """, arguments: [stamp.dateText, stamp.auditID])
        return (added, changed, staged - added - changed, touched)
    }

    /// Column `column` of table alias `alias` as an export writes its cell.
    private static func cell(_ alias: String, _ column: (name: String, kind: Kind)) -> String {
        switch column.kind {
        case .text: "\(alias).\(column.name)"
        case .optionalText: "coalesce(\(alias).\(column.name), '')"
        case .flag: "CASE WHEN \(alias).\(column.name) THEN '是' ELSE '否' END"
        }
    }

    private static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
