public import Foundation
import Inspection

/// A signed-in session as the accounts page and `liancha user sessions` list it (never its key).
public struct SessionSummary: Sendable, Hashable {
    /// The first 12 hex digits of the stored key hash: enough to name the session, useless to take it.
    public var id: String
    public var account: String
    /// Unix seconds.
    public var createdAt: Double
    public var lastSeen: Double
}

/// How long a session lives: ended after `idle` without a request, and after `lifetime` whatever.
public struct SessionLimits: Sendable {
    public var idle: TimeInterval
    public var lifetime: TimeInterval

    public init(idle: TimeInterval = 30 * 60, lifetime: TimeInterval = 12 * 3600) {
        self.idle = idle
        self.lifetime = lifetime
    }
}

extension AppDatabase {
    /// The stored form of a session key: its SHA-256, so that the database file alone does not
    /// give anyone a session to use.
    static func sessionKeyHash(_ key: String) -> String {
        Digest.sha256(key)
    }

    /// Stores a session's value under its key (hashed): a new key starts a session, a known one
    /// updates it. A session that was ended stays ended: a request still running when its account's
    /// sessions were ended cannot bring it back by saving.
    public func saveSession(key: String, account: String?, value: Data, now: Date, limits: SessionLimits) throws {
        let hash = Self.sessionKeyHash(key)
        let seconds = now.timeIntervalSince1970
        try backend.write { db in
            try db.execute(sql: """
                INSERT INTO web_session (key_hash, account, value, created_at, last_seen) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(key_hash) DO UPDATE SET value = excluded.value, last_seen = excluded.last_seen WHERE NOT web_session.ended
                """, arguments: [hash, account, value, seconds, seconds])
            // Ended and expired sessions are kept a while as tombstones, then dropped.
            try db.execute(sql: "DELETE FROM web_session WHERE created_at < ?", arguments: [seconds - limits.lifetime - 86_400])
        }
    }
}

/// What a session's lookup found: its value when it is live, and the write it calls for, if any.
public struct SessionLookup: Sendable {
    public var value: Data?
    /// Ending the session, or noting its use (once a minute of use): see `AppDatabase.recordSession`.
    public var write: SessionWrite?
}

/// A session's write after its lookup.
public struct SessionWrite: Sendable {
    fileprivate enum Kind { case end, use(seconds: Double) }
    fileprivate let hash: String
    fileprivate let kind: Kind
}

extension AppDatabase {
    /// The value of a live session, touching its last use; nil (and the session removed) when it
    /// is unknown, idle too long, too old, or its account is disabled.
    public func loadSession(key: String, now: Date, limits: SessionLimits) throws -> Data? {
        let found = try lookUpSession(key: key, now: now, limits: limits)
        if let write = found.write { try recordSession(write) }
        return found.value
    }

    /// `loadSession` without its write: a read only (the web reads on its reader threads and
    /// writes on its writing thread). The value is nil when the session is not live.
    public func lookUpSession(key: String, now: Date, limits: SessionLimits) throws -> SessionLookup {
        let hash = Self.sessionKeyHash(key)
        let seconds = now.timeIntervalSince1970
        // NB: a read, and a write only when the session ends or once a minute of use: requests do not
        // queue behind one another on the database's single writer.
        typealias Stored = (value: Data?, created: Double, lastSeen: Double, active: Bool, ended: Bool)
        let read: Stored? = try backend.read { db in
            try db.row(sql: """
                SELECT s.value, s.created_at, s.last_seen, s.ended, coalesce(a.active, TRUE) AS active
                FROM web_session s LEFT JOIN account a ON a.name = s.account WHERE s.key_hash = ?
                """, arguments: [hash]).map { row in
                (value: row["value"], created: row["created_at"], lastSeen: row["last_seen"], active: row["active"], ended: row["ended"])
            }
        }
        guard let (value, created, lastSeen, active, ended) = read, !ended else { return SessionLookup() }
        if seconds - lastSeen >= limits.idle || seconds - created >= limits.lifetime || !active {
            return SessionLookup(write: SessionWrite(hash: hash, kind: .end))
        }
        return SessionLookup(value: value, write: seconds - lastSeen > 60 ? SessionWrite(hash: hash, kind: .use(seconds: seconds)) : nil)
    }

    /// Writes what a session's lookup called for: its end, or its last use.
    public func recordSession(_ write: SessionWrite) throws {
        try backend.write { db in
            switch write.kind {
            case .end: try db.execute(sql: "UPDATE web_session SET ended = TRUE WHERE key_hash = ?", arguments: [write.hash])
            case .use(let seconds):
                try db.execute(sql: "UPDATE web_session SET last_seen = ? WHERE key_hash = ? AND NOT ended", arguments: [seconds, write.hash])
            }
        }
    }

    public func removeSession(key: String) throws {
        let hash = Self.sessionKeyHash(key)
        try backend.write { db in try db.execute(sql: "UPDATE web_session SET ended = TRUE WHERE key_hash = ?", arguments: [hash]) }
    }

    /// The sessions, oldest first; of one account when `account` is given.
    public func sessions(of account: String? = nil) throws -> [SessionSummary] {
        try backend.read { db in
            try db.rows(sql: """
                SELECT key_hash, account, created_at, last_seen FROM web_session
                WHERE NOT ended AND account IS NOT NULL AND (?1 IS NULL OR account = ?1) ORDER BY created_at, key_hash
                """, arguments: [account]).map {
                SessionSummary(id: String(($0["key_hash"] as String).prefix(12)), account: $0["account"], createdAt: $0["created_at"],
                               lastSeen: $0["last_seen"])
            }
        }
    }

    /// Ends the sessions of `account`, or the one whose id (see `SessionSummary.id`) is given; returns how many.
    @discardableResult
    public func endSessions(of account: String? = nil, id: String? = nil, actor: Actor) throws -> Int {
        try backend.write { db in
            guard account != nil || (id.map { $0.count >= 8 } ?? false) else { return 0 }
            let ended = try db.execute(sql: """
                UPDATE web_session SET ended = TRUE
                WHERE NOT ended AND account IS NOT NULL AND (?1 IS NULL OR account = ?1) AND (?2 IS NULL OR substr(key_hash, 1, length(?2)) = ?2)
                """, arguments: [account, id?.lowercased()])
            if ended > 0 {
                try appendAudit(db, actor: actor, action: "session end",
                                detail: "\(ended) session\(ended == 1 ? "" : "s")" + (account.map { " of \($0)" } ?? "") + (id.map { " (id \($0))" } ?? ""),
                                records: account ?? "")
            }
            return ended
        }
    }

    /// Ends every session of `account` inside a write that changes the account (password, role, disabling).
    func endSessions(_ db: any SQLConnection, of account: String) throws {
        try db.execute(sql: "UPDATE web_session SET ended = TRUE WHERE account = ? AND NOT ended", arguments: [account])
    }
}
