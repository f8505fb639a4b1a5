import Crypto
import Foundation

/// One table of two databases side by side: its rows counted and hashed on each.
public struct TableComparison: Sendable {
    public let table: String
    public let rows: (source: Int, target: Int)
    /// The SHA-256 of the table's rows in key order, each value written the same way on both databases.
    public let hash: (source: String, target: String)

    public var same: Bool { rows.source == rows.target && hash.source == hash.target }
}

/// A table as the copy and the comparison see it: its columns, their PostgreSQL types, its key.
struct CopiedTable {
    let name: String
    let columns: [String]
    let types: [SQLType]
    let key: [String]
    let identity: String?
}

// Moving up: a district's embedded database carried whole into PostgreSQL, and the two compared.
extension AppDatabase {
    /// Copies every row of every table of this database into `target` (a PostgreSQL store with its
    /// schema made and no rows), keeping ids, in one transaction: all of it or nothing. The
    /// identity sequences continue after the copied ids. Returns the rows copied per table.
    public func copy(into target: AppDatabase, progress: (String, Int) -> Void = { _, _ in }) throws -> [(table: String, rows: Int)] {
        try target.backend.write { to in
            let tables = try Self.copiedTables(to)
            for table in tables where try to.value(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM \(table.name))") == true {
                throw StoreError.targetNotEmpty(table: table.name)
            }
            try to.execute(sql: "SET CONSTRAINTS ALL DEFERRED")
            var copied: [(table: String, rows: Int)] = []
            for table in tables {
                var batch: [SQLValue] = []
                var count = 0
                let perStatement = max(1, 1000 / table.columns.count)
                func flush() throws {
                    guard !batch.isEmpty else { return }
                    let row = "(" + Array(repeating: "?", count: table.columns.count).joined(separator: ", ") + ")"
                    let rows = batch.count / table.columns.count
                    try to.execute(sql: "INSERT INTO \(table.name) (\(table.columns.map(Self.quoted).joined(separator: ", "))) VALUES "
                                   + Array(repeating: row, count: rows).joined(separator: ", "),
                                   arguments: batch.map(CopiedValue.init))
                    batch.removeAll(keepingCapacity: true)
                }
                try backend.read { from in
                    try from.forEachRow(sql: Self.selectAll(table), arguments: []) { row in
                        for (value, type) in zip(row.values, table.types) { batch.append(Self.converted(value, to: type)) }
                        count += 1
                        if count % perStatement == 0 {
                            try flush()
                            if count % 50_000 == 0 { progress(table.name, count) }
                        }
                    }
                }
                try flush()
                if let identity = table.identity {
                    try to.execute(sql: """
                        SELECT setval(pg_get_serial_sequence('\(table.name)', '\(identity)'), coalesce(max(\(identity)), 1), max(\(identity)) IS NOT NULL)
                        FROM \(table.name)
                        """)
                }
                progress(table.name, count)
                copied.append((table.name, count))
            }
            return copied
        }
    }

    /// Each table of `target` (PostgreSQL) beside the same table here: rows counted and hashed in key
    /// order, booleans, numbers and texts written alike on both.
    public func compare(with target: AppDatabase) throws -> [TableComparison] {
        let tables = try target.backend.read { try Self.copiedTables($0) }
        return try tables.map { table in
            let source = try backend.read { try Self.digest(table, $0) }
            let other = try target.backend.read { try Self.digest(table, $0) }
            return TableComparison(table: table.name, rows: (source.rows, other.rows), hash: (source.hash, other.hash))
        }
    }

    /// The tables of a PostgreSQL store, parents before the tables whose foreign keys name them.
    static func copiedTables(_ db: any SQLConnection) throws -> [CopiedTable] {
        guard db.dialect == .postgres else { throw StoreError.notPostgres }
        var columns: [String: [(name: String, type: SQLType, identity: Bool)]] = [:]
        for row in try db.rows(sql: """
            SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'schema_migration' ORDER BY table_name, ordinal_position
            """) {
            let type: SQLType = switch row["data_type"] as String {
            case "bigint", "integer", "smallint": .integer
            case "double precision", "real", "numeric": .real
            case "boolean": .boolean
            case "bytea": .blob
            default: .text
            }
            columns[row["table_name"], default: []].append((row["column_name"], type, row["is_identity"] as String == "YES"))
        }
        var keys: [String: [String]] = [:]
        for row in try db.rows(sql: """
            SELECT c.relname AS table_name, a.attname AS column_name
            FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) ON TRUE
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE i.indisprimary AND n.nspname = current_schema() ORDER BY c.relname, k.position
            """) {
            keys[row["table_name"], default: []].append(row["column_name"])
        }
        var parents: [String: Set<String>] = [:]
        for row in try db.rows(sql: """
            SELECT c.relname AS child, p.relname AS parent FROM pg_constraint f
            JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE f.contype = 'f' AND n.nspname = current_schema()
            """) where row["child"] as String != row["parent"] as String {
            parents[row["child"], default: []].insert(row["parent"])
        }
        // Parents first; ties by name, so the order is the same every time.
        var ordered: [String] = []
        var left = Set(columns.keys)
        while !left.isEmpty {
            let ready = left.filter { (parents[$0] ?? []).isSubset(of: Set(ordered)) }.sorted()
            let next = ready.isEmpty ? left.sorted() : ready
            ordered += next
            left.subtract(next)
        }
        return ordered.map { name in
            let cs = columns[name] ?? []
            return CopiedTable(name: name, columns: cs.map(\.name), types: cs.map(\.type),
                               key: keys[name] ?? cs.map(\.name), identity: cs.first(where: \.identity)?.name)
        }
    }

    private static func quoted(_ column: String) -> String { "\"\(column)\"" }

    private static func selectAll(_ table: CopiedTable) -> String {
        "SELECT \(table.columns.map(quoted).joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.key.map(quoted).joined(separator: ", "))"
    }

    /// A value read from either database as the PostgreSQL column of `type` takes it (SQLite keeps
    /// booleans as 0/1 and may keep a whole REAL as an integer).
    private static func converted(_ value: SQLValue, to type: SQLType) -> SQLValue {
        switch (value, type) {
        case (.null, _): .null(type)
        case (.integer(let n), .boolean): .boolean(n != 0)
        case (.integer(let n), .real): .real(Double(n))
        case (.text(let t), .blob): .blob(Data(t.utf8))
        default: value
        }
    }

    private static func digest(_ table: CopiedTable, _ db: any SQLConnection) throws -> (rows: Int, hash: String) {
        var hasher = SHA256()
        var rows = 0
        try db.forEachRow(sql: selectAll(table), arguments: []) { row in
            rows += 1
            for (value, type) in zip(row.values, table.types) {
                let text: String = switch converted(value, to: type) {
                case .null: "∅"
                case .integer(let n): "i\(n)"
                case .real(let d): "r\(d)"
                case .text(let t): "t\(t.utf8.count):\(t)"
                case .blob(let b): "b\(b.base64EncodedString())"
                case .boolean(let f): f ? "T" : "F"
                }
                hasher.update(data: Data((text + "\u{1F}").utf8))
            }
            hasher.update(data: Data([0x1E]))
        }
        return (rows, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}

/// A value to bind as it is.
private struct CopiedValue: SQLBindable {
    let value: SQLValue
    init(_ value: SQLValue) { self.value = value }
    static var sqlType: SQLType { .text }
    var sqlValue: SQLValue { value }
}
