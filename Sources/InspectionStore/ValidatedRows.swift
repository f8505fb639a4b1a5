import Foundation
import Inspection

/// Reads and validates the rows of an import on a thread of its own, a batch at a time, while the
/// caller writes the previous batch: a large import then costs what SQLite costs, with validation
/// running on the other core. For a table that encodes its inserts (`DirectoryRecord.encodedInsertSQL`)
/// this thread also encodes each valid row's values, so that the writer only binds and steps; the
/// writer hands each batch back (`recycle`) so that freeing its rows happens here too.
///
/// The producer thread alone touches the row source and the bound table until it finishes;
/// batches cross between the threads only under `condition`.
final class ValidatedRows<Record>: @unchecked Sendable {
    struct Row {
        let number: Int
        let outcome: RowOutcome<Record>
        /// The cells, kept only for rows with problems (for the rejects file).
        let cells: [String]
        /// This row's insert in the batch's `values`, when the table encodes its inserts.
        let encoded: Range<Int>?
    }

    struct Batch {
        var rows: [Row] = []
        var values = EncodedValues()
    }

    private let condition = NSCondition()
    private var queue: [Batch] = []
    /// Batches the writer is done with, freed by the producer.
    private var spent: [Batch] = []
    private var finished = false
    private var stopped = false
    private var failure: (any Error)?
    private static var batchSize: Int { 2_048 }
    private static var maxQueued: Int { 4 }

    // Owned by the producer thread.
    private var table: BoundTable<Record>
    private let rows: RowSource
    private let context: ImportContext
    private let encode: ((Record, inout EncodedValues) -> Void)?

    /// `encode`, when given, appends a valid record's insert values to a batch's values.
    init(_ table: BoundTable<Record>, rows: @escaping RowSource, context: ImportContext,
         encode: ((Record, inout EncodedValues) -> Void)? = nil) {
        self.table = table
        self.rows = rows
        self.context = context
        self.encode = encode
        // NB: named from inside: Foundation names only the thread it runs on (`perf report --sort comm`).
        let thread = Thread { [self] in
            Thread.current.name = "import-validate"  // at most 15 bytes (Linux)
            produce()
        }
        thread.start()
    }

    private func produce() {
        var batch = Batch()
        batch.rows.reserveCapacity(Self.batchSize)
        var failure: (any Error)?
        do {
            while let (number, cells) = try rows() {
                let outcome = table.read(cells, row: number, context: context)
                var problemCells: [String] = []
                var encoded: Range<Int>?
                switch outcome {
                case .problems:
                    problemCells = cells
                case .record(let record):
                    if let encode {
                        let start = batch.values.count
                        encode(record, &batch.values)
                        encoded = start ..< batch.values.count
                    }
                }
                batch.rows.append(Row(number: number, outcome: outcome, cells: problemCells, encoded: encoded))
                if batch.rows.count == Self.batchSize {
                    guard hand(batch) else { break }
                    let previous = batch.values
                    batch = Batch()
                    batch.rows.reserveCapacity(Self.batchSize)
                    batch.values.reserveCapacity(like: previous)
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
    private func hand(_ batch: Batch) -> Bool {
        var done: [Batch] = []
        condition.lock()
        defer {
            condition.unlock()
            done.removeAll()  // NB: frees the spent batches' rows on this thread, outside the lock
        }
        swap(&done, &spent)
        while queue.count >= Self.maxQueued && !stopped { condition.wait() }
        guard !stopped else { return false }
        if !batch.rows.isEmpty { queue.append(batch) }
        condition.broadcast()
        return true
    }

    /// The next batch, nil at the end; rethrows what reading the file threw.
    func next() throws -> Batch? {
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

    /// Gives a batch the writer is done with back to the producer, to be freed there.
    func recycle(_ batch: consuming Batch) {
        condition.lock()
        if !finished { spent.append(batch) }
        condition.unlock()
    }

    /// Stops the producer and waits for it, so that nothing reads the file after the import returns.
    func close() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while !finished { condition.wait() }
        spent.removeAll()
        condition.unlock()
    }
}
