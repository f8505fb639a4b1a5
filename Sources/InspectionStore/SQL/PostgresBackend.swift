import Dispatch
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL database is, from a `postgres://user:password@host:port/database?sslmode=…` URL.
public struct PostgresLocation: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// `disable`, `prefer` (the default) or `require`.
    public var sslMode: String
    /// The schema the store's tables live in (`?schema=`); the user's default search path when nil.
    public var schema: String?

    /// Nil when `text` is not a `postgres://` or `postgresql://` URL (then it names a SQLite file).
    public init?(url text: String) {
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else { return nil }
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else { return nil }
        self.host = host
        port = url.port ?? 5432
        username = url.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = url.password.flatMap { $0.removingPercentEncoding }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        database = path.isEmpty ? username : (path.removingPercentEncoding ?? path)
        let query = url.queryItems ?? []
        sslMode = query.last { $0.name == "sslmode" }?.value ?? "prefer"
        schema = query.last { $0.name == "schema" }?.value
        guard ["disable", "prefer", "require"].contains(sslMode) else { return nil }
        if let schema, !Self.isPlainName(schema) { return nil }
    }

    /// The same server and database, in a new schema of its own (made by `liancha init`): a test's.
    package func inFreshSchema() -> PostgresLocation {
        var fresh = self
        fresh.schema = PostgresSchema.freshSchemaName()
        return fresh
    }

    /// The URL again, password included, for a command to pass on.
    public var urlText: String {
        var url = URLComponents()
        url.scheme = "postgres"
        url.user = username
        url.password = password
        url.host = host
        url.port = port
        url.path = "/" + database
        url.queryItems = [URLQueryItem(name: "sslmode", value: sslMode)] + (schema.map { [URLQueryItem(name: "schema", value: $0)] } ?? [])
        return url.string ?? redacted
    }

    /// The URL without its password, for messages and logs.
    public var redacted: String {
        "postgres://\(username)@\(host):\(port)/\(database)" + (schema.map { "?schema=\($0)" } ?? "")
    }

    /// A name that needs no quoting: letters, digits and `_`, not starting with a digit.
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(0x30...0x39).contains(first), name.utf8.count <= 63 else { return false }
        return name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x5F }
    }

    var startupParameters: [(String, String)] {
        // NB: the time zone is fixed so that `now()` and timestamps read the same on every server.
        [("TimeZone", "Asia/Shanghai")] + (schema.map { [("search_path", $0)] } ?? [])
    }
}

/// The store on a PostgreSQL server. The store's methods are synchronous: each read or write
/// leases a connection from a bounded pool and runs its statements on the calling thread, waiting
/// for each result on postgres-nio's event loops.
///
/// NB: not postgres-nio's `PostgresClient` pool: it leases connections only through async calls,
/// which need a thread of Swift's cooperative pool to run, and the store is called synchronously
/// from such threads too (the CLI, tests): on a two-core machine two such waits deadlocked. The
/// connections' futures need only NIO's own threads.
///
/// Writes are serialised like SQLite's: each takes one transaction-scoped advisory lock (one per
/// schema) first, so the invariants that rely on one writer at a time (the audit chain's order, ids
/// given as `max(id) + 1`, "this scope is drawn once") hold with any number of servers and
/// connections. Reads see one snapshot (REPEATABLE READ, read-only) and never wait for writes.
final class PostgresBackend: StoreBackend {
    let location: PostgresLocation
    private let pool: ConnectionPool
    /// How long a write waits for another's lock before it fails as busy.
    private let busyTimeout: Double

    var dialect: SQLDialect { .postgres }

    /// The pool's connections but one, which a write can then always lease.
    var concurrentReads: Int { max(1, pool.maximum - 1) }

    /// The advisory lock every write takes: this key and the hash of the schema's name.
    static let writeLock: Int32 = 0x6C69_616E  // "lian"

    static let logger = Logger(label: "liancha.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    init(_ location: PostgresLocation, busyTimeout: Double, maximumConnections: Int = 16) {
        self.location = location
        self.busyTimeout = busyTimeout
        pool = ConnectionPool(location: location, maximum: maximumConnections, leaseTimeout: max(busyTimeout, 1))
    }

    deinit {
        pool.closeIdle()
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(write: false, body)
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try transaction(write: true, body)
    }

    private func transaction<T>(write: Bool, _ body: (any SQLConnection) throws -> T) throws -> T {
        do {
            let connection = try pool.lease()
            var healthy = true
            defer { pool.giveBack(connection, healthy: healthy && !connection.isClosed) }
            let db = PostgresConnectionAdapter(connection: connection, inTransaction: true)
            do {
                try db.execute(sql: write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            } catch {
                healthy = false
                throw error
            }
            do {
                if write {
                    try db.execute(sql: "SET LOCAL lock_timeout = '\(max(1, Int(busyTimeout * 1000)))ms'")
                    try db.execute(sql: "SELECT pg_advisory_xact_lock(\(Self.writeLock), hashtext(current_schema()))")
                }
                let result = try body(db)
                try db.execute(sql: "COMMIT")
                return result
            } catch {
                do { try db.execute(sql: "ROLLBACK") } catch { healthy = false }
                throw error
            }
        } catch {
            throw Self.translated(error, at: location)
        }
    }

    /// At most `maximum` connections, opened when needed and kept for the next lease.
    private final class ConnectionPool: @unchecked Sendable {
        let location: PostgresLocation
        let maximum: Int
        let leaseTimeout: Double
        // NB: guards `idle` and `open`.
        private let condition = NSCondition()
        private var idle: [PostgresConnection] = []
        private var open = 0

        init(location: PostgresLocation, maximum: Int, leaseTimeout: Double) {
            self.location = location
            self.maximum = maximum
            self.leaseTimeout = leaseTimeout
        }

        func lease() throws -> PostgresConnection {
            let deadline = Date(timeIntervalSinceNow: leaseTimeout)
            condition.lock()
            while true {
                if let connection = idle.popLast() {
                    if connection.isClosed {
                        open -= 1
                        continue
                    }
                    condition.unlock()
                    return connection
                }
                if open < maximum {
                    open += 1
                    condition.unlock()
                    do {
                        return try PostgresSchema.connect(location)
                    } catch {
                        condition.lock()
                        open -= 1
                        condition.signal()
                        condition.unlock()
                        throw error
                    }
                }
                guard condition.wait(until: deadline) else {
                    condition.unlock()
                    throw StoreError.busy
                }
            }
        }

        func giveBack(_ connection: PostgresConnection, healthy: Bool) {
            condition.lock()
            if healthy {
                idle.append(connection)
            } else {
                open -= 1
            }
            condition.signal()
            condition.unlock()
            if !healthy { Self.close(connection) }
        }

        /// Closes `connection`, keeping it until it is closed (postgres-nio requires that).
        static func close(_ connection: PostgresConnection) {
            let closing: EventLoopFuture<Void> = connection.close()
            closing.whenComplete { _ in withExtendedLifetime(connection) {} }
        }

        func closeIdle() {
            condition.lock()
            let closing = idle
            idle = []
            open -= closing.count
            condition.unlock()
            for connection in closing { Self.close(connection) }
        }
    }

    /// The server's errors as store errors a user can act on; any other error as it is.
    static func translated(_ error: any Error, at location: PostgresLocation) -> any Error {
        if error is StoreError { return error }
        guard let error = error as? PSQLError else {
            // The pool's own failures (it could not open a connection) carry no more than that.
            if String(reflecting: type(of: error)).contains("ConnectionPool") {
                return StoreError.unreachableDatabase(location.redacted)
            }
            return error
        }
        if ProcessInfo.processInfo.environment["LIANCHA_DEBUG_SQL"] != nil {
            FileHandle.standardError.write(Data("PG: \(String(reflecting: error))\n".utf8))
        }
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else {
            return StoreError.unreachableDatabase(location.redacted)
        }
        switch state {
        case "40001", "40P01", "55P03", "57014": return StoreError.busy
        case "53100": return StoreError.diskFull
        case "28P01", "28000": return StoreError.loginRefused(location.redacted)
        case "3D000": return StoreError.noServerDatabase(location.redacted)
        case "42501": return StoreError.notGranted
        default: return StoreError.refused(code: "PostgreSQL \(state)")
        }
    }
}

/// A leased PostgreSQL connection inside a read or a transaction. `?` and `?N` become `$N` with the
/// type of the bound value (`$1::bigint`), so that a NULL still has a type and the server never has
/// to guess one.
struct PostgresConnectionAdapter: SQLConnection {
    let connection: PostgresConnection
    /// Whether a transaction is open (the backend's reads and writes), where a query's rows can be
    /// read through a cursor; a direct connection's queries are small and collected.
    var inTransaction = false

    /// How many rows `forEachRow` holds at most: one `FETCH` of the cursor.
    static let fetchSize = 5000
    /// Numbers the cursors, so that a query run inside another's `forEachRow` has a name of its own.
    private static let cursors = NIOLockedValueBox(0)

    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        try connection.query(Self.query(sql, arguments), logger: PostgresBackend.logger) { _ in }.wait().rows ?? 0
    }

    func insertReturningID(sql: String, arguments: SQLArguments) throws -> Int64? {
        try row(sql: sql + " RETURNING id", arguments: arguments).map { $0["id"] }
    }

    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        var columns: [String]?
        try forEachPostgresRow(sql: sql, arguments: arguments) { row in
            if columns == nil { columns = row.map(\.columnName) }
            try body(SQLRow(columns: columns!, values: row.map(Self.value)))
        }
    }

    /// All the rows at once, in one round trip: for the small results of `row`, `value` and `rows`.
    func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        let result = try connection.query(Self.query(sql, arguments), logger: PostgresBackend.logger).wait()
        var columns: [String]?
        return result.map { row in
            if columns == nil { columns = row.map(\.columnName) }
            return SQLRow(columns: columns!, values: row.map(Self.value))
        }
    }

    /// Calls `body` with each of the query's rows as the server sent them, in order, holding at most
    /// `fetchSize` of them: inside a transaction the query is a cursor read a `FETCH` at a time (a
    /// million-row read, the draw's or `db compare`'s, never holds them all). Any SELECT, VALUES or
    /// WITH … SELECT.
    func forEachPostgresRow(sql: String, arguments: SQLArguments, _ body: (PostgresRow) throws -> Void) throws {
        guard inTransaction else {
            for row in try connection.query(Self.query(sql, arguments), logger: PostgresBackend.logger).wait() { try body(row) }
            return
        }
        let cursor = "liancha_rows_\(Self.cursors.withLockedValue { $0 += 1; return $0 })"
        try execute(sql: "DECLARE \(cursor) NO SCROLL CURSOR FOR " + sql, arguments: arguments)
        let fetch = PostgresQuery(unsafeSQL: "FETCH FORWARD \(Self.fetchSize) FROM \(cursor)")
        // NB: the next batch is asked for before this one is handed out, so that the server and the
        // event loop fill it while `body` works (at most two batches held). A query `body` runs on
        // this connection waits behind it, as the connection runs its queries in order.
        var next: EventLoopFuture<PostgresQueryResult>? = connection.query(fetch, logger: PostgresBackend.logger)
        do {
            while let pending = next {
                let batch = try pending.wait()
                next = batch.count < Self.fetchSize ? nil : connection.query(fetch, logger: PostgresBackend.logger)
                for row in batch { try body(row) }
            }
        } catch {
            // NB: after a failed FETCH the transaction is aborted and this fails too; the error is the FETCH's.
            _ = try? next?.wait()
            _ = try? execute(sql: "CLOSE \(cursor)")
            throw error
        }
        try execute(sql: "CLOSE \(cursor)")
    }

    static func query(_ sql: String, _ arguments: SQLArguments) -> PostgresQuery {
        let values = arguments.map(\.sqlValue)
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .integer(let number): binds.append(number)
            case .real(let number): binds.append(number)
            case .text(let text): binds.append(text)
            case .blob(let data): binds.append(ByteBuffer(bytes: data))
            case .boolean(let flag): binds.append(flag)
            }
        }
        return PostgresQuery(unsafeSQL: SQLPlaceholders.postgres(sql, types: values.map(\.type)), binds: binds)
    }

    static func value(_ cell: PostgresCell) -> SQLValue {
        guard cell.bytes != nil else { return .null(.text) }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            if let number = try? cell.decode(Int64.self) { return .integer(number) }
        case .float4, .float8:
            if let number = try? cell.decode(Double.self) { return .real(number) }
        case .numeric:
            // NB: sum() and avg() of integers are numeric: integral values read back as integers.
            if let number = try? cell.decode(Decimal.self) {
                let double = NSDecimalNumber(decimal: number).doubleValue
                if double.rounded() == double, abs(double) < 9.2e18 { return .integer(Int64(double)) }
                return .real(double)
            }
        case .bool:
            if let flag = try? cell.decode(Bool.self) { return .boolean(flag) }
        case .bytea:
            if let buffer = try? cell.decode(ByteBuffer.self) { return .blob(Data(buffer.readableBytesView)) }
        default:
            break
        }
        return .text((try? cell.decode(String.self)) ?? "")
    }
}

extension SQLValue {
    /// The type of the value, NULL's included.
    var type: SQLType {
        switch self {
        case .null(let type): type
        case .integer: .integer
        case .real: .real
        case .text: .text
        case .blob: .blob
        case .boolean: .boolean
        }
    }
}
