import GRDB
import Inspection

/// One entry of the append-only audit log.
public struct AuditEntry: Hashable, Codable, Sendable {
    public var id: Int64
    public var at: String
    public var `operator`: String
    public var action: String
    public var detail: String
    public var records: String
}

extension AppDatabase {
    /// The audit log, newest first.
    public func auditLog(limit: Int = 50) throws -> [AuditEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                AuditEntry(id: $0["id"], at: $0["at"], operator: $0["operator"], action: $0["action"],
                           detail: $0["detail"], records: $0["records"])
            }
        }
    }

    /// The id the next audit entry will get; callers insert it before the transaction ends.
    func nextAuditID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM audit_log") ?? 1
    }

    @discardableResult
    func appendAudit(_ db: Database, id: Int64? = nil, actor: Actor, action: String, detail: String, records: String = "") throws -> Int64 {
        try db.execute(sql: "INSERT INTO audit_log (id, at, operator, action, detail, records) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [id, actor.timestamp, actor.name, action, detail, records])
        return db.lastInsertedRowID
    }

    /// Runs `body`, turning SQLite's errors into store errors a user can act on.
    func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw StoreError.busy
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw StoreError.diskFull
        } catch let error as DatabaseError {
            // NB: a constraint failure here means the code let an invalid value through; say so without SQL.
            throw StoreError.refused(code: Int(error.extendedResultCode.rawValue))
        }
    }
}
