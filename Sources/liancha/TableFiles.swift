import Foundation
import Inspection
import InspectionDocuments
import InspectionStore

/// Reading and writing the table files clerks exchange (CSV or XLSX, by extension).
enum TableFiles {
    static func format(of path: String) throws -> SheetFormat {
        let ext = (path as NSString).pathExtension
        guard let format = SheetFormat(pathExtension: ext) else {
            throw Failure(message: "\(path): use a .csv or .xlsx file (got '.\(ext)')")
        }
        return format
    }

    /// Opens a table file for reading: a CSV is read a piece at a time (memory does not grow with
    /// the file), an .xlsx is mapped whole (its reader bounds what it inflates).
    /// `read`, when given, counts the bytes of a CSV read so far (for a progress line).
    static func open(_ path: String, limits: ReadLimits = .cli, read: ByteCount? = nil) throws -> TableReader {
        let format = try format(of: path)
        guard FileManager.default.fileExists(atPath: path) else { throw Failure(message: "\(path): no such file") }
        if format == .csv {
            guard let file = FileHandle(forReadingAtPath: path) else { throw Failure(message: "\(path): cannot be read") }
            do {
                // NB: the handle closes when the reader (which holds this closure) goes away.
                return try TableReader(csvPieces: {
                    let piece = try file.read(upToCount: 1 << 20)
                    read?.add(piece?.count ?? 0)
                    return piece
                }, limits: limits)
            } catch {
                throw Failure(message: "\(path): \(error)")
            }
        }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw Failure(message: "\(path): cannot be read")
        }
        do {
            return try TableReader(data: data, format: format, limits: limits)
        } catch {
            throw Failure(message: "\(path): \(error)")
        }
    }

    /// Bytes read so far, counted on the thread that reads and looked at from another.
    final class ByteCount: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = 0

        func add(_ count: Int) { lock.withLock { bytes += count } }
        var value: Int { lock.withLock { bytes } }
    }

    /// The rows after the header, as the store's row source.
    static func rows(of reader: inout TableReader) -> RowSource {
        var reader = reader
        return {
            guard let cells = try reader.next() else { return nil }
            return (reader.rowNumber, cells)
        }
    }

    /// Writes a table as CSV (UTF-8 with BOM, so Excel shows Chinese) or XLSX (codes as text cells).
    static func write(header: [String], rows: [[String]], to path: String, sheetName: String) throws {
        let data: Data
        switch try format(of: path) {
        case .csv:
            data = CSVWriter.write(header: header, rows: rows)
        case .xlsx:
            var sheet = XLSXSheet(name: sheetName)
            sheet.rows = [header.map { XLSXCell.header($0) }] + rows.map { $0.map { XLSXCell.text($0) } }
            sheet.frozenRows = 1
            sheet.columnWidths = header.indices.map { column in
                let longest = ([header[column]] + rows.prefix(200).map { column < $0.count ? $0[column] : "" })
                    .map(displayWidth).max() ?? 8
                return Double(min(max(longest + 2, 8), 60))
            }
            data = try XLSXWorkbook(sheets: [sheet]).data()
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw Failure(message: "\(path): cannot be written (does the folder exist?)")
        }
    }

    /// Width in Excel character units: CJK characters take two.
    private static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }
}
