import Foundation

extension AppDatabase {
    /// Runs `body` with this database seen through one read transaction: on PostgreSQL, every read
    /// inside runs on one connection, in one snapshot. A web page reads a dozen things or more (the
    /// plan page about 35); each read is otherwise a transaction of its own, with a BEGIN and a
    /// COMMIT each a round trip to the server. Writes inside `body` go to the database as usual.
    ///
    /// On SQLite each read stays a transaction of its own: they cost no round trip, and SQLite does
    /// not allow a write (a session's, once a minute) inside a read on the same thread.
    public func reading<T>(_ body: (AppDatabase) throws -> T) throws -> T {
        guard backend.dialect == .postgres else { return try body(self) }
        return try backend.read { db in
            let one = OneReadTransaction(db, writes: backend)
            defer { one.end() }
            return try body(AppDatabase(backend: one))
        }
    }
}

/// The backend of `AppDatabase.reading`: each read runs in the transaction open on `connection`,
/// one at a time should several threads read; writes go to the database's own backend.
private final class OneReadTransaction: StoreBackend, @unchecked Sendable {
    private let connection: any SQLConnection
    private let writes: any StoreBackend
    // NB: guards `connection` and `open`; recursive, as a read may run inside another.
    private let lock = NSRecursiveLock()
    private var open = true

    init(_ connection: any SQLConnection, writes: any StoreBackend) {
        self.connection = connection
        self.writes = writes
    }

    var dialect: SQLDialect { writes.dialect }
    var concurrentReads: Int { 1 }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        precondition(open, "a read through AppDatabase.reading after it returned")
        return try body(connection)
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writes.write(body)
    }

    func end() {
        lock.lock()
        open = false
        lock.unlock()
    }
}
