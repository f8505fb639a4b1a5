package import GRDB
import Foundation
public import Inspection

/// The one door to liancha's SQLite database: every write is a named method that is one
/// transaction keeping one invariant.
public final class AppDatabase: Sendable {
    /// Where the rows live; every store method reads and writes through it.
    package let backend: any StoreBackend
    /// The embedded database's GRDB writer, for the SQLite-only paths (migrations, the import's and
    /// the draw's prepared statements).
    package let writer: any DatabaseWriter

    /// Wraps `writer` and brings its schema up to date.
    init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        backend = SQLiteBackend(writer: writer)
        try Self.migrator.migrate(writer)
    }

    /// Opens the database at `path` in WAL mode, creating and migrating it (what `liancha init` does).
    public static func create(path: String) throws -> AppDatabase {
        try AppDatabase(DatabasePool(path: path, configuration: configuration))
    }

    /// Opens an existing, up-to-date database for everyday commands.
    ///
    /// A missing file or one that an older liancha created is an error that says to run `liancha init`,
    /// so that a typo in `--database` never silently creates an empty database. A write waits at
    /// most `busyTimeout` seconds for another process's write lock, then fails with `StoreError.busy`.
    public static func openExisting(path: String, busyTimeout: Double = 10) throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missingDatabase(path: path) }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout))
        } catch {
            throw StoreError.unreadableDatabase(path: path)
        }
        let upToDate: Bool
        do {
            upToDate = try pool.read { db in
                try migrator.hasCompletedMigrations(db) && !(try migrator.hasBeenSuperseded(db))
            }
        } catch {
            throw StoreError.unreadableDatabase(path: path)
        }
        guard upToDate else { throw StoreError.outdatedDatabase(path: path) }
        return try AppDatabase(pool)
    }

    /// A fresh in-memory database, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration))
    }

    private static var configuration: Configuration { configuration(busyTimeout: 10) }

    private static func configuration(busyTimeout: Double) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        return config
    }
}

/// Who does a write and when, for the audit log and the directory history.
public struct Actor: Sendable {
    /// The person named by `--operator`, or the OS user.
    public var name: String
    /// The local timestamp of the command, ISO 8601 with offset (e.g. `2026-04-01T09:30:00+08:00`).
    public var timestamp: String
    /// The local date of the command (Asia/Shanghai), which the directory history records.
    public var today: LocalDate
    /// The OS account that ran a CLI command, kept in the audit log beside `name` (which
    /// `--operator` sets freely); empty on the web, where `name` is the signed-in account.
    public var osUser: String

    public init(name: String, timestamp: String, today: LocalDate, osUser: String = "") {
        self.name = name
        self.timestamp = timestamp
        self.today = today
        self.osUser = osUser
    }
}
