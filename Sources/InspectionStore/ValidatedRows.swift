import Foundation
import Inspection

/// Reads and validates the rows of an import on a thread of its own, a batch at a time, while the
/// caller writes the previous batch: a large import then costs what SQLite costs, with validation
/// running on the other core.
///
/// The producer thread alone touches the row source and the bound table until it finishes;
/// batches cross between the threads only under `condition`.
final class ValidatedRows<Record>: @unchecked Sendable {
    struct Row {
        let number: Int
        let outcome: RowOutcome<Record>
        /// The cells, kept only for rows with problems (for the rejects file).
        let cells: [String]
    }

    private let condition = NSCondition()
    private var queue: [[Row]] = []
    private var finished = false
    private var stopped = false
    private var failure: (any Error)?
    private static var batchSize: Int { 2_048 }
    private static var maxQueued: Int { 4 }

    // Owned by the producer thread.
    private var table: BoundTable<Record>
    private let rows: RowSource
    private let context: ImportContext

    init(_ table: BoundTable<Record>, rows: @escaping RowSource, context: ImportContext) {
        self.table = table
        self.rows = rows
        self.context = context
        let thread = Thread { [self] in produce() }
        thread.start()
    }

    private func produce() {
        var batch: [Row] = []
        batch.reserveCapacity(Self.batchSize)
        var failure: (any Error)?
        do {
            while let (number, cells) = try rows() {
                let outcome = table.read(cells, row: number, context: context)
                var problemCells: [String] = []
                if case .problems = outcome { problemCells = cells }
                batch.append(Row(number: number, outcome: outcome, cells: problemCells))
                if batch.count == Self.batchSize {
                    guard hand(batch) else { break }
                    batch.removeAll(keepingCapacity: true)
                }
            }
            _ = hand(batch)
        } catch {
            failure = error
        }
        condition.lock()
        self.failure = failure
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the writer is behind; false once the writer has stopped.
    private func hand(_ batch: [Row]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.maxQueued && !stopped { condition.wait() }
        guard !stopped else { return false }
        if !batch.isEmpty { queue.append(batch) }
        condition.broadcast()
        return true
    }

    /// The next batch, nil at the end; rethrows what reading the file threw.
    func next() throws -> [Row]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer and waits for it, so that nothing reads the file after the import returns.
    func close() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
