import PostgresNIO

extension PostgresConnectionAdapter {
    /// Calls `body` with each row of `sql`, its columns' bytes as the server sent
    /// them, through the cursor of `forEachPostgresRow`: the draw reads a million rows this way
    /// without a String or an `SQLValue` per column.
    func forEachRawRow(sql: String, arguments: SQLArguments = [], _ body: (PostgresRawRow) throws -> Void) throws {
        var bytes: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        try forEachPostgresRow(sql: sql, arguments: arguments) { row in
            bytes.removeAll(keepingCapacity: true)
            spans.removeAll(keepingCapacity: true)
            for cell in row {
                spans.append((bytes.count, cell.bytes?.readableBytes ?? 0))
                // NB: one memcpy; appending the `readableBytesView` copied byte by byte.
                cell.bytes?.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
            }
            try bytes.withUnsafeBytes { base in try body(PostgresRawRow(base: base, spans: spans)) }
        }
    }
}

/// One row of `forEachRawRow`, valid only during the call it is handed to. Texts are their UTF-8
/// bytes in either of the protocol's formats; a boolean is one byte, 1 (binary) or `t` (text).
struct PostgresRawRow: RawColumns {
    let base: UnsafeRawBufferPointer
    let spans: [(start: Int, count: Int)]

    func bytes(_ i: Int32) -> UnsafeRawBufferPointer {
        let span = spans[Int(i)]
        return UnsafeRawBufferPointer(rebasing: base[span.start..<span.start + span.count])
    }

    func bool(_ i: Int32) -> Bool {
        let span = spans[Int(i)]
        return span.count == 1 && (base[span.start] == 1 || base[span.start] == UInt8(ascii: "t"))
    }
}
