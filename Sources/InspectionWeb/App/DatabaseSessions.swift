import Foundation
public import Hummingbird
public import InspectionStore

/// Sessions kept in the database (`web_session`), so that a restart signs nobody out. The key is
/// stored as its SHA-256 only; a session ends after `limits.idle` without a request and after
/// `limits.lifetime` in any case, and when its account's password or role changes or the account is
/// disabled.
public struct DatabasePersistDriver: PersistDriver {
    let database: AppDatabase
    let clock: WebClock
    let limits: SessionLimits

    public init(database: AppDatabase, clock: WebClock, limits: SessionLimits) {
        self.database = database
        self.clock = clock
        self.limits = limits
    }

    /// The account a session value belongs to (`WebSession.account`), to end its sessions together.
    private struct Owner: Decodable { var account: String? }

    private func save(_ key: String, _ value: some Codable & Sendable) async throws {
        let data = try JSONEncoder().encode(value)
        let owner = try? JSONDecoder().decode(Owner.self, from: data)
        try await database.saveSession(key: key, account: owner?.account, value: data, now: clock.now(), limits: limits)
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await save(key, value)
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await save(key, value)
    }

    public func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let data = try await database.loadSession(key: key, now: clock.now(), limits: limits) else { return nil }
        do {
            return try JSONDecoder().decode(Object.self, from: data)
        } catch {
            throw PersistError.invalidConversion
        }
    }

    public func remove(key: String) async throws {
        try await database.removeSession(key: key)
    }

    public func shutdown() async throws {}

    /// Nothing runs in the background: an expired session is refused when it is next asked for.
    public func run() async throws {}
}
