import Foundation
import Inspection
import NIOSSL
import PostgresNIO

/// Opens a PostgreSQL store and keeps its schema: the numbered migrations of `PostgresMigrations`,
/// each applied once, in order, in one transaction, and recorded in `schema_migration` with the
/// SHA-256 of its text. A recorded migration whose text differs from the one this liancha ships (or
/// one it does not know) means another liancha made the database: it is refused, never re-run.
enum PostgresSchema {
    static func open(_ location: PostgresLocation, busyTimeout: Double, migrate: Bool) throws -> AppDatabase {
        // NB: a first connection of our own, so that a wrong password or host is reported as such
        // (the pool only says that it could not connect).
        let pending = try withDirectConnection(location) { db in
            if migrate, let schema = location.schema { try db.execute(sql: "CREATE SCHEMA IF NOT EXISTS \(schema)") }
            return try self.pending(db)
        }
        let backend = PostgresBackend(location, busyTimeout: busyTimeout)
        if migrate {
            try backend.write { db in try apply(try self.pending(db), db) }
        } else if pending.count == PostgresMigrations.all.count {
            throw StoreError.missingDatabase(path: location.redacted)
        } else if !pending.isEmpty {
            throw StoreError.outdatedDatabase(path: location.redacted)
        }
        return AppDatabase(backend: backend)
    }

    /// A new, empty schema of its own on the server at `location`, migrated: one test's database.
    static func openFresh(_ location: PostgresLocation) throws -> AppDatabase {
        var fresh = location
        fresh.schema = freshSchemaName()
        return try open(fresh, busyTimeout: 10, migrate: true)
    }

    /// A schema name no one has used: `t_` and twelve random letters and digits.
    static func freshSchemaName() -> String {
        "t_" + (0..<12).map { _ in String(Int.random(in: 0..<36), radix: 36) }.joined()
    }

    /// The migrations not yet applied; throws when the applied ones are not this liancha's.
    private static func pending(_ db: any SQLConnection) throws -> [PostgresMigration] {
        let known = try db.value(Bool.self, sql: "SELECT to_regclass('schema_migration') IS NOT NULL") ?? false
        guard known else { return PostgresMigrations.all }
        var applied: [Int: String] = [:]
        for row in try db.rows(sql: "SELECT number, sha256 FROM schema_migration") {
            applied[row["number"]] = row["sha256"]
        }
        for (number, sha256) in applied {
            guard let shipped = PostgresMigrations.all.first(where: { $0.number == number }), shipped.sha256 == sha256 else {
                throw StoreError.schemaMismatch(number: number)
            }
        }
        return PostgresMigrations.all.filter { applied[$0.number] == nil }
    }

    private static func apply(_ migrations: [PostgresMigration], _ db: any SQLConnection) throws {
        guard !migrations.isEmpty, let db = db as? PostgresConnectionAdapter else { return }
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS schema_migration (
                number BIGINT PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """)
        for migration in migrations {
            try db.executeScript(migration.sql)
            try db.execute(sql: "INSERT INTO schema_migration (number, name, sha256) VALUES (?, ?, ?)",
                           arguments: [migration.number, migration.name, migration.sha256])
        }
    }

    /// Runs `body` on a connection of its own, outside the pool, closed afterwards.
    static func withDirectConnection<T>(_ location: PostgresLocation, _ body: (PostgresConnectionAdapter) throws -> T) throws -> T {
        do {
            let connection = try connect(location)
            defer { _ = try? connection.close().wait() }
            return try body(PostgresConnectionAdapter(connection: connection))
        } catch {
            throw PostgresBackend.translated(error, at: location)
        }
    }

    /// A new connection to the server at `location`, logged in.
    static func connect(_ location: PostgresLocation) throws -> PostgresConnection {
        let tls: PostgresConnection.Configuration.TLS = switch location.sslMode {
        case "disable": .disable
        case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            var configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.username,
                                                                 password: location.password, database: location.database, tls: tls)
            configuration.options.additionalStartupParameters = location.startupParameters
            return try PostgresConnection.connect(on: PostgresClient.defaultEventLoopGroup.next(), configuration: configuration,
                                                  id: 0, logger: PostgresBackend.logger).wait()
    }
}

extension PostgresConnectionAdapter {
    /// Runs the statements of a script (a migration) one after the other: postgres-nio speaks only
    /// the extended protocol, which takes one statement at a time.
    func executeScript(_ sql: String) throws {
        for statement in SQLScript.statements(sql) { try execute(sql: statement) }
    }
}
