package import GRDB
import Foundation
public import Inspection

/// The one door to liancha's database: every write is a named method that is one transaction
/// keeping one invariant. The database is an embedded SQLite file (the default) or a PostgreSQL
/// server, named by a `postgres://` URL; every method behaves the same on both.
public final class AppDatabase: Sendable {
    /// Where the rows live; every store method reads and writes through it.
    package let backend: any StoreBackend

    init(backend: any StoreBackend) {
        self.backend = backend
    }

    /// Wraps a GRDB `writer` and brings its schema up to date.
    init(_ writer: any DatabaseWriter) throws {
        try Self.migrator.migrate(writer)
        backend = SQLiteBackend(writer: writer)
    }

    /// The embedded database's GRDB writer (nil on PostgreSQL), for tests that edit the file as a
    /// person with `sqlite3` could.
    package var sqliteWriter: (any DatabaseWriter)? { (backend as? SQLiteBackend)?.writer }

    /// Opens the database at `location` (a file path, or a `postgres://` URL), creating the file
    /// or the tables and bringing the schema up to date (what `liancha init` does).
    public static func create(_ location: String) throws -> AppDatabase {
        if let server = PostgresLocation(url: location) {
            return try PostgresSchema.open(server, busyTimeout: 10, migrate: true)
        }
        return try AppDatabase(DatabasePool(path: location, configuration: configuration))
    }

    /// A new, empty database at `location`, whatever was there: the file removed (with its WAL), or
    /// the PostgreSQL schema the URL names dropped with everything in it. For the demo.
    public static func createAnew(_ location: String) throws -> AppDatabase {
        if let server = PostgresLocation(url: location) {
            guard let schema = server.schema else { throw StoreError.noSchema(server.redacted) }
            var admin = server
            admin.schema = nil
            _ = try PostgresSchema.withDirectConnection(admin) { db in
                try db.execute(sql: "DROP SCHEMA IF EXISTS \(schema) CASCADE")
                try db.execute(sql: "CREATE SCHEMA \(schema)")
            }
            return try create(location)
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + suffix) }
        return try create(location)
    }

    /// Opens an existing, up-to-date database for everyday commands.
    ///
    /// A missing file or one that an older liancha created is an error that says to run `liancha init`,
    /// so that a typo in `--database` never silently creates an empty database. A write waits at
    /// most `busyTimeout` seconds for another's write lock, then fails with `StoreError.busy`.
    public static func openExisting(_ location: String, busyTimeout: Double = 10) throws -> AppDatabase {
        if let server = PostgresLocation(url: location) {
            return try PostgresSchema.open(server, busyTimeout: busyTimeout, migrate: false)
        }
        let path = location
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

    /// A fresh, empty database for tests: in memory, or, when `LIANCHA_TEST_DATABASE_URL` names a
    /// PostgreSQL server, in a new schema of its own there (so that the same suites run on both).
    public static func inMemory() throws -> AppDatabase {
        if let url = ProcessInfo.processInfo.environment["LIANCHA_TEST_DATABASE_URL"], !url.isEmpty {
            guard let server = PostgresLocation(url: url) else { throw StoreError.unreachableDatabase(url) }
            return try PostgresSchema.openFresh(server)
        }
        return try AppDatabase(DatabaseQueue(configuration: configuration))
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
