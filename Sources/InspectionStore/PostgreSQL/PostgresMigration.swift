import Inspection

/// One numbered step of the PostgreSQL schema: SQL text run once, in order, and recorded with its
/// SHA-256. A shipped migration is never edited (its hash is pinned in the tests); a change to the
/// schema is a new numbered file `NNNN-name.swift`, mirroring a new GRDB migration.
package struct PostgresMigration: Sendable {
    package let number: Int
    package let name: String
    package let sql: String

    /// SHA-256 of the SQL's UTF-8, lowercase hex: what the runner records and compares.
    package var sha256: String { Digest.sha256(sql) }
}

/// The PostgreSQL migrations, in number order.
package enum PostgresMigrations {
    package static let all: [PostgresMigration] = [
        m0001Baseline,
        m0002DrawPickByKeyOnly,
    ]
}
