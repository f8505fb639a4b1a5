public import Foundation

/// A streaming reader of a table (a CSV, or the first visible worksheet of an .xlsx in workbook order): the
/// first non-empty row is the header, and `next()` returns the following rows one at a time.
///
/// A CSV may be UTF-8 (with or without BOM) or GB18030/GBK, as Excel and WPS on Chinese Windows save it.
/// Its cells are returned as written (the caller trims), one array per record; rows are not padded. The one
/// exception is the `'` that `CSVWriter` puts before a cell that would read as a formula (`'=x`, `'-3`):
/// it is dropped, so an exported file imports unchanged.
/// Header cells are trimmed of surrounding whitespace, including the full-width space.
///
/// XLSX cells come back as the text a user sees for strings, booleans (`TRUE`/`FALSE`) and errors; numbers
/// as plain decimals (`130111`, never `130111.0` or `1.30111E+5`; dates stay serial numbers); formulas as
/// their cached value. Rows are padded with empty strings to the header's width, and rows with no value
/// at all are skipped.
///
/// ```swift
/// var table = try TableReader(data: bytes, format: .csv)
/// while let cells = try table.next() {
///     // report problems as "第 \(table.rowNumber) 行 …"
/// }
/// ```
public struct TableReader: Sendable {
    /// The header cells, trimmed.
    public let header: [String]
    /// The encoding a CSV was found to be in (so far, for a CSV read a piece at a time); nil for XLSX.
    public var encoding: DetectedEncoding? { stream?.encoding ?? wholeEncoding }
    private let wholeEncoding: DetectedEncoding?
    private let stream: TextStream?
    /// The 1-based row number of the row last returned by `next()` (of the header before the first call),
    /// as a user sees it in Excel/WPS: header = row 1, first data row = 2, a quoted multi-line cell is one
    /// row, and blank lines or skipped sheet rows still count.
    public private(set) var rowNumber: Int
    /// The limits this reader enforces.
    public let limits: ReadLimits
    private var rowsRead = 0

    private var csv: CSVScanner?
    private var xlsx: XLSXRows?

    private struct XLSXRows: Sendable {
        var store: RowStore
        let sharedStrings: SharedStrings
    }

    /// Reads the header of a table file's contents; `format` usually comes from the file extension.
    /// Past `limits` (rows, inflated bytes) reading stops with `DocumentError.tooManyRows` / `.tooLarge`.
    public init(data: Data, format: SheetFormat, limits: ReadLimits = .cli) throws(DocumentError) {
        self.limits = limits
        switch format {
        case .csv:
            let decoded = try TextDecoding.decode(data)
            var scanner = CSVScanner(utf8: decoded.utf8)
            var fields: [String] = []
            guard try scanner.next(into: &fields) else { throw .emptyFile }
            Self.unescapeFormulas(&fields)
            header = fields.map(Self.trimmed)
            wholeEncoding = decoded.encoding
            stream = nil
            rowNumber = scanner.rowNumber
            csv = scanner
        case .xlsx:
            let reader = try XLSXReader(data: data, limits: limits)
            var store = reader.rows
            guard let first = store.next(width: 0, sharedStrings: reader.sharedStrings) else { throw .emptyFile }
            header = first.cells.map(Self.trimmed)
            wholeEncoding = nil
            stream = nil
            rowNumber = first.row
            xlsx = XLSXRows(store: store, sharedStrings: reader.sharedStrings)
        }
    }

    /// Reads a CSV a piece at a time, so that memory does not grow with the file: `read` returns the
    /// file's next bytes (any size; about 1 MiB is right), nil or empty at the end. The rows, row numbers,
    /// encodings and errors are those of `init(data:format:limits:)` on the whole file, except that a
    /// problem late in the file is found when it is reached; a read that throws ends with `.unreadable`.
    public init(csvPieces read: @escaping () throws -> Data?, limits: ReadLimits = .cli) throws(DocumentError) {
        self.limits = limits
        let stream = TextStream(read: read)
        var scanner = CSVScanner(source: stream)
        var fields: [String] = []
        guard try scanner.next(into: &fields) else { throw .emptyFile }
        Self.unescapeFormulas(&fields)
        header = fields.map(Self.trimmed)
        wholeEncoding = nil
        self.stream = stream
        rowNumber = scanner.rowNumber
        csv = scanner
    }

    /// The next row's cells, or nil after the last row.
    public mutating func next() throws(DocumentError) -> [String]? {
        guard let cells = try nextRow() else { return nil }
        rowsRead += 1
        if rowsRead > limits.maxRows { throw .tooManyRows(limit: limits.maxRows) }
        return cells
    }

    private mutating func nextRow() throws(DocumentError) -> [String]? {
        if csv != nil {
            var fields: [String] = []
            fields.reserveCapacity(header.count)
            guard try csv!.next(into: &fields) else { return nil }
            Self.unescapeFormulas(&fields)
            rowNumber = csv!.rowNumber
            return fields
        }
        if xlsx != nil {
            guard let row = xlsx!.store.next(width: header.count, sharedStrings: xlsx!.sharedStrings) else {
                return nil
            }
            rowNumber = row.row
            return row.cells
        }
        return nil
    }

    /// All remaining rows with their row numbers; meant for small files and tests.
    public mutating func readAll() throws(DocumentError) -> [(rowNumber: Int, cells: [String])] {
        var rows: [(rowNumber: Int, cells: [String])] = []
        while let cells = try next() { rows.append((rowNumber, cells)) }
        return rows
    }

    /// Drops the `'` `CSVWriter` puts before a cell that Excel would read as a formula.
    private static func unescapeFormulas(_ fields: inout [String]) {
        for i in fields.indices {
            var utf8 = fields[i].utf8.makeIterator()
            guard utf8.next() == 0x27, let second = utf8.next(), CSVWriter.isFormulaStart(second) else { continue }
            fields[i].removeFirst()
        }
    }

    private static func trimmed(_ cell: String) -> String {
        cell.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
