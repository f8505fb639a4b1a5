public import Inspection

/// One entry of the append-only audit log.
public struct AuditEntry: Hashable, Codable, Sendable {
    public var id: Int64
    public var at: String
    public var `operator`: String
    /// The OS account of a CLI command (empty on the web).
    public var osUser: String
    public var action: String
    public var detail: String
    public var records: String
    /// SHA-256(previous entry's hash ‖ this entry's canonical fields), see `AuditChain`.
    public var hash: String

    init(row: SQLRow) {
        id = row["id"]
        at = row["at"]
        `operator` = row["operator"]
        osUser = row["os_user"]
        action = row["action"]
        detail = row["detail"]
        records = row["records"]
        hash = row["hash"] ?? ""
    }

    var fields: AuditChain.Fields {
        AuditChain.Fields(id: id, at: at, operator: `operator`, osUser: osUser, action: action, detail: detail, records: records)
    }
}

/// What `verifyAuditLog` found: how many entries, the head, and the first break if any.
public struct AuditVerification: Sendable {
    public var count: Int
    public var head: AuditChain.Anchor?
    public var problem: AuditChain.Break?
}

extension AppDatabase {
    /// The audit log, newest first.
    public func auditLog(limit: Int = 50) throws -> [AuditEntry] {
        try backend.read { db in
            try db.rows(sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map(AuditEntry.init(row:))
        }
    }

    /// The head of the audit chain (the newest entry's id and hash), to print and keep: a later
    /// rewrite of the log up to it contradicts it. Nil for an empty log.
    public func auditAnchor() throws -> AuditChain.Anchor? {
        try backend.read { db in
            try db.row(sql: "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").map {
                AuditChain.Anchor(id: $0["id"], hash: $0["hash"] ?? "")
            }
        }
    }

    /// Recomputes the whole chain, oldest first, in one read; with `anchor`, also checks that the
    /// anchored entry still has its hash.
    public func verifyAuditLog(anchor: AuditChain.Anchor? = nil) throws -> AuditVerification {
        try backend.read { db in
            var verifier = AuditChain.Verifier(anchor: anchor)
            var problem: AuditChain.Break?
            try db.forEachRow(sql: "SELECT * FROM audit_log ORDER BY id", arguments: []) { row in
                guard problem == nil else { return }
                let entry = AuditEntry(row: row)
                do throws(AuditChain.Break) {
                    try verifier.add(AuditChain.Stored(fields: entry.fields, hash: row["hash"]))
                } catch {
                    problem = error
                }
            }
            if problem == nil {
                do throws(AuditChain.Break) { try verifier.finish() } catch { problem = error }
            }
            return AuditVerification(count: verifier.count, head: verifier.head, problem: problem)
        }
    }

    /// The id the next audit entry will get; callers insert it before the transaction ends.
    func nextAuditID(_ db: any SQLConnection) throws -> Int64 {
        try db.value(Int64.self, sql: "SELECT coalesce(max(id), 0) + 1 FROM audit_log") ?? 1
    }

    /// Appends one entry, chained to the newest: its hash covers the previous hash and its fields.
    @discardableResult
    func appendAudit(_ db: any SQLConnection, id: Int64? = nil, actor: Actor, action: String, detail: String, records: String = "") throws -> Int64 {
        let id = try id ?? nextAuditID(db)
        let previous = try db.value(String.self, sql: "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1") ?? AuditChain.genesis
        let fields = AuditChain.Fields(id: id, at: actor.timestamp, operator: actor.name, osUser: actor.osUser, action: action,
                                       detail: detail, records: records)
        try db.execute(sql: "INSERT INTO audit_log (id, at, operator, os_user, action, detail, records, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       arguments: [id, actor.timestamp, actor.name, actor.osUser, action, detail, records,
                                   AuditChain.hash(previous: previous, fields)])
        return id
    }
}
