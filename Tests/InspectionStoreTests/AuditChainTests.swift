import Foundation
import GRDB
import Inspection
@testable import InspectionStore
import Testing

/// The audit log's hash chain: what someone with the database file does by hand — triggers dropped,
/// an entry edited, removed or renumbered, triggers recreated — `verifyAuditLog` names.
@Suite struct AuditChainTests {
    /// A database with a handful of audit entries (departments, two imports, accounts).
    func logged() throws -> AppDatabase {
        let db = try seededDatabase()
        for n in 0..<3 {
            _ = try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source([
                ["91130111066UK5484K", "甲化工\(n)", "130111", "重点管理", "否", "在营", "YJ"],
            ]), options: ImportOptions(source: "e\(n).csv"), actor: clerk)
        }
        try db.recordSession(.failedSignIn, account: "coord", address: "10.0.0.9", actor: clerk)
        return db
    }

    /// Runs raw SQL as a hand edit with `sqlite3` or `psql` would: foreign keys and triggers off for
    /// the change (SQLite: triggers dropped and recreated; PostgreSQL: replication role).
    func tamper(_ db: AppDatabase, _ sql: String) throws {
        guard let writer = db.sqliteWriter else {
            try db.backend.write { db in
                try db.execute(sql: "SET LOCAL session_replication_role = replica")
                for statement in SQLScript.statements(sql) { try db.execute(sql: statement) }
            }
            return
        }
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
                try db.execute(sql: "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_hashed")
                try db.execute(sql: sql)
                for trigger in triggers { try db.execute(sql: trigger) }
                return .commit
            }
        }
    }

    @Test func anUntouchedLogPassesAndItsHeadIsTheAnchor() throws {
        let db = try logged()
        let result = try db.verifyAuditLog()
        #expect(result.problem == nil)
        #expect(result.count == (try db.auditCount()))
        #expect(result.head == (try db.auditAnchor()))
        let anchor = try #require(try db.auditAnchor())
        #expect(try db.verifyAuditLog(anchor: anchor).problem == nil)
        // Every later write keeps the chain.
        try db.recordSession(.signIn, account: "coord", address: "10.0.0.9", actor: clerk)
        #expect(try db.verifyAuditLog().problem == nil)
    }

    @Test func anEditedEntryIsNamed() throws {
        let db = try logged()
        try tamper(db, "UPDATE audit_log SET detail = 'e1.csv: 0 added, 0 changed, 1 unchanged' WHERE id = 3")
        #expect(try db.verifyAuditLog().problem == .changed(id: 3))
    }

    @Test func anEditOfTheNewestEntryIsNamed() throws {
        let db = try logged()
        let last = try #require(try db.auditAnchor()).id
        try tamper(db, "UPDATE audit_log SET operator = 'someone else' WHERE id = \(last)")
        #expect(try db.verifyAuditLog().problem == .changed(id: last))
    }

    @Test func aDeletedEntryIsNamed() throws {
        let db = try logged()
        try tamper(db, "DELETE FROM audit_log WHERE id = 3")
        #expect(try db.verifyAuditLog().problem == .removed(after: 2, before: 4))
    }

    @Test func aDeletedEntryWithTheRestRenumberedIsNamed() throws {
        let db = try logged()
        try tamper(db, "DELETE FROM audit_log WHERE id = 3; UPDATE audit_log SET id = id - 1 WHERE id > 3")
        #expect(try db.verifyAuditLog().problem == .doesNotFollow(id: 3, previous: 2))
    }

    @Test func swappedEntriesAreNamed() throws {
        let db = try logged()
        try tamper(db, "UPDATE audit_log SET id = -3 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 4; UPDATE audit_log SET id = 4 WHERE id = -3")
        #expect(try db.verifyAuditLog().problem == .doesNotFollow(id: 3, previous: 2))
    }

    @Test func anInsertedEntryIsNamed() throws {
        let db = try logged()
        let last = try #require(try db.auditAnchor())
        try tamper(db, """
            INSERT INTO audit_log (id, at, operator, action, detail, records, hash)
            VALUES (\(last.id + 1), '2026-04-01T10:00:00+08:00', '王某', 'user add', 'x', '', '\(last.hash)')
            """)
        #expect(try db.verifyAuditLog().problem == .changed(id: last.id + 1))
    }

    @Test func aRecomputedChainContradictsAnEarlierAnchor() throws {
        // Given: an anchor printed, then the newest entry removed (the chain before it still holds)
        let db = try logged()
        let anchor = try #require(try db.auditAnchor())
        try tamper(db, "DELETE FROM audit_log WHERE id = \(anchor.id)")
        #expect(try db.verifyAuditLog().problem == nil, "without the anchor, a removed head cannot be seen")
        #expect(try db.verifyAuditLog(anchor: anchor).problem == .anchorMismatch(id: anchor.id, anchored: anchor.hash, found: nil))
    }

    @Test func anExistingDatabaseIsChainedAtTheMigrationAndTheLogSaysSo() throws {
        // Given: a database made before the chain, with entries
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v4: accounts, cause-based checks")
        try queue.write { db in
            for n in 1...3 {
                try db.execute(sql: "INSERT INTO audit_log (at, operator, action, detail) VALUES ('2026-03-0\(n)T09:00:00+08:00', '王某', 'import items', 'old \(n)')")
            }
        }
        // When
        let db = try AppDatabase(queue)
        // Then
        let start = try #require(try db.auditLog(limit: 1).first)
        #expect(start.id == 4 && start.action == "audit chain start" && start.detail.contains("#1–#3"))
        #expect(try db.verifyAuditLog().problem == nil)
        try db.recordSession(.signOut, account: "coord", address: "local", actor: clerk)
        #expect(try db.verifyAuditLog().count == 5)
    }
}
