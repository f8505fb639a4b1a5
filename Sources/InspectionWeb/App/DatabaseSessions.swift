import Foundation
import Hummingbird
import InspectionStore

/// Sessions kept in the database (`web_session`), so that a restart signs nobody out. The key is
/// stored as its SHA-256 only; a session ends after `limits.idle` without a request and after
/// `limits.lifetime` in any case, and when its account's password or role changes or the account is
/// disabled.
///
/// NB: it reaches the database on the web's `DatabaseThreads` like every request does, so that a
/// session's read never holds a reader connection while waiting for a thread.
struct DatabasePersistDriver: PersistDriver {
    let threads: DatabaseThreads
    let clock: WebClock
    let limits: SessionLimits

    /// The account a session value belongs to (`WebSession.account`), to end its sessions together.
    private struct Owner: Decodable { var account: String? }

    private func save(_ key: String, _ value: some Codable & Sendable) async throws {
        let data = try JSONEncoder().encode(value)
        let owner = try? JSONDecoder().decode(Owner.self, from: data)
        let (now, limits) = (clock.now(), limits)
        try await threads.write { db in try db.saveSession(key: key, account: owner?.account, value: data, now: now, limits: limits) }
    }

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await save(key, value)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await save(key, value)
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        let (now, limits) = (clock.now(), limits)
        let found = try await threads.read { db in try db.lookUpSession(key: key, now: now, limits: limits) }
        // NB: on the writing thread, not the reader's. A session's end is written before the request
        // goes on (an ended session stays ended); noting its use is best effort: when the database
        // is too busy, the next request notes it.
        if let write = found.write {
            if found.value == nil {
                try await threads.write { db in try db.recordSession(write) }
            } else {
                _ = try? await threads.write { db in try db.recordSession(write) }
            }
        }
        guard let data = found.value else { return nil }
        do {
            return try JSONDecoder().decode(Object.self, from: data)
        } catch {
            throw PersistError.invalidConversion
        }
    }

    func remove(key: String) async throws {
        try await threads.write { db in try db.removeSession(key: key) }
    }

    func shutdown() async throws {}

    /// Nothing runs in the background: an expired session is refused when it is next asked for.
    func run() async throws {}
}
