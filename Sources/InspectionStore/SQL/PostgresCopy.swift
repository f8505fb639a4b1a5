import Foundation
import NIOCore
import PostgresNIO

/// A `COPY table (columns) FROM STDIN` (text format) on the connection of a transaction, fed from
/// the store's synchronous calling thread: `send` each chunk of rows, then `finish`.
///
/// NB: postgres-nio's `copyFrom` is async. Waiting for a task from the calling thread is safe only
/// when the task never needs Swift's cooperative pool, which the calling thread may itself belong to
/// (two threads here: a blocked one and a task queued behind it deadlocked). So the task runs with
/// the connection's event loop as its executor (`EventLoopTaskExecutor`): its jobs run on the NIO
/// thread that serves the connection anyway, its writes need no hop, and nothing in it blocks —
/// it awaits each chunk through a continuation. The calling thread waits on a condition for room
/// (at most `maxPending` chunks queued: memory stays bounded whatever the file) and for the end.
final class PostgresCopy: @unchecked Sendable {
    // NB: guards everything below.
    private let condition = NSCondition()
    private var pending: [ByteBuffer] = []
    private var ended = false
    private var outcome: Result<Void, any Error>?
    /// The task waiting for the next chunk, if any.
    private var waiting: CheckedContinuation<ByteBuffer?, Never>?
    private static var maxPending: Int { 4 }

    init(_ connection: PostgresConnection, table: String, columns: [String]) {
        Task(executorPreference: EventLoopTaskExecutor(connection.eventLoop)) { [self] in
            let result: Result<Void, any Error>
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: PostgresBackend.logger) { writer in
                    while let chunk = await self.next() { try await writer.write(chunk) }
                }
                result = .success(())
            } catch {
                result = .failure(error)
            }
            self.complete(result)
        }
    }

    /// Queues `chunk` (whole rows, each ending in a newline), waiting while the server is behind.
    /// Throws the COPY's error once it failed.
    func send(_ chunk: ByteBuffer) throws {
        condition.lock()
        while pending.count >= Self.maxPending && outcome == nil { condition.wait() }
        if let outcome {
            condition.unlock()
            try outcome.get()
            preconditionFailure("COPY ended before its last chunk")
        }
        if let waiting {
            self.waiting = nil
            condition.unlock()
            waiting.resume(returning: chunk)
            return
        }
        pending.append(chunk)
        condition.unlock()
    }

    /// Ends the data and waits until the server has taken it all; throws the COPY's error.
    func finish() throws {
        condition.lock()
        ended = true
        let waiting = self.waiting
        self.waiting = nil
        condition.unlock()
        waiting?.resume(returning: nil)
        condition.lock()
        while outcome == nil { condition.wait() }
        let outcome = self.outcome!
        condition.unlock()
        try outcome.get()
    }

    /// Waits for the end of the COPY on a path that already throws: the connection is then free
    /// for the transaction's ROLLBACK.
    func close() {
        try? finish()
    }

    private func next() async -> ByteBuffer? {
        await withCheckedContinuation { continuation in
            condition.lock()
            if !pending.isEmpty {
                let chunk = pending.removeFirst()
                condition.broadcast()
                condition.unlock()
                continuation.resume(returning: chunk)
            } else if ended {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                waiting = continuation
                condition.unlock()
            }
        }
    }

    private func complete(_ result: Result<Void, any Error>) {
        condition.lock()
        outcome = result
        pending.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs a task's jobs on a NIO event loop rather than on Swift's cooperative pool.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension ByteBuffer {
    /// `text` as a field of COPY's text format: backslash, tab, newline and carriage return escaped.
    mutating func writeCopyField(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: writeInteger(0x5C as UInt8); writeInteger(0x5C as UInt8)
                case 0x09: writeInteger(0x5C as UInt8); writeInteger(0x74 as UInt8)  // \t
                case 0x0A: writeInteger(0x5C as UInt8); writeInteger(0x6E as UInt8)  // \n
                case 0x0D: writeInteger(0x5C as UInt8); writeInteger(0x72 as UInt8)  // \r
                default: writeInteger(byte)
                }
            }
        }
    }

    /// NULL, or the text, as a field of COPY's text format.
    mutating func writeCopyField(_ text: String?) {
        if let text { writeCopyField(text) } else { writeStaticString("\\N") }
    }

    /// A boolean as a field of COPY's text format.
    mutating func writeCopyField(_ flag: Bool) {
        writeInteger(flag ? 0x74 as UInt8 : 0x66 as UInt8)  // t, f
    }
}
