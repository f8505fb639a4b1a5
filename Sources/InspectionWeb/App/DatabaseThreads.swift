import Foundation
import InspectionStore
import NIOPosix

/// The threads on which the web server calls the store, whose methods block (SQLite waits for its
/// locks, PostgreSQL for the server): never the event loops nor Swift's cooperative pool.
///
/// Reads run on as many threads as the database has reader connections, so that a read never
/// waits for a connection while holding a thread another read needs; writes run on one thread, and
/// give up with `StoreError.busy` (503 + Retry-After) when one cannot start within `writeTimeout`
/// because another process holds the write lock.
///
/// NB: a pool of threads that grows on demand (Dispatch's) starved here: requests that waited for
/// one of SQLite's reader connections took every thread, and reads holding a connection waited for
/// a thread, a second or more each time (p99 of 3–8 s under 20 writers).
final class DatabaseThreads: Sendable {
    let database: AppDatabase
    let writeTimeout: TimeInterval
    private let readers: NIOThreadPool
    private let writer: NIOThreadPool

    init(database: AppDatabase, writeTimeout: TimeInterval) {
        self.database = database
        self.writeTimeout = writeTimeout
        readers = NIOThreadPool(numberOfThreads: database.backend.concurrentReads)
        writer = NIOThreadPool(numberOfThreads: 1)
        readers.start()
        writer.start()
    }

    deinit {
        readers.shutdownGracefully { _ in }
        writer.shutdownGracefully { _ in }
    }

    /// Runs `body` (reads only) on a reader thread.
    func read<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        let database = database
        return try await readers.runIfActive { try body(database) }
    }

    /// Runs `body` (a write, and the reads that check it) on the writing thread, one at a time;
    /// `StoreError.busy` when it could not start within the write timeout.
    func write<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        let database = database
        let deadline = DispatchTime.now() + writeTimeout
        return try await writer.runIfActive {
            guard DispatchTime.now() < deadline else { throw StoreError.busy }
            return try body(database)
        }
    }
}
