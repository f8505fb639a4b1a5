import ArgumentParser
import Foundation
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import liancha

/// Every workbook the demo writes (statistics, annual plan, quarterly report tables, indicators) prints
/// without text running over the next rows: each wrapped cell's row (or merged rows) is at least as high
/// as its lines need. Read back from the XLSX with ZIPFoundation and Foundation's XML parser.
@Suite struct WorkbookFitTests {
    /// The elements of one XML part, in document order, with their attributes and text.
    final class Elements: NSObject, XMLParserDelegate {
        var all: [(name: String, attributes: [String: String], text: String)] = []
        private var open: [Int] = []

        static func parse(_ data: Data) throws -> Elements {
            let elements = Elements()
            let parser = XMLParser(data: data)
            parser.delegate = elements
            #expect(parser.parse())
            return elements
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            open.append(all.count)
            all.append((name, attributes, ""))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for index in open { all[index].text += string }
        }
    }

    func part(_ archive: Archive, _ path: String) throws -> Elements {
        let entry = try #require(archive[path])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return try Elements.parse(data)
    }

    /// "C12" → (row 12, column 2), 1-based.
    func cellReference(_ ref: String) -> (row: Int, column: Int) {
        var column = 0
        var digits = ""
        for c in ref {
            if let a = c.asciiValue, (65...90).contains(a) { column = column * 26 + Int(a) - 64 } else { digits.append(c) }
        }
        return (Int(digits) ?? 0, column)
    }

    /// Lines a text needs at least in `width` units: CJK two units, anything else one; `\n` breaks.
    func leastLines(_ text: String, width: Double) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
            let units = line.unicodeScalars.reduce(0.0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
            return total + max(1, Int((units / max(width, 1)).rounded(.up)))
        }
    }

    /// The cells whose wrapped text does not fit their row, as "sheet!ref".
    func overflowing(_ data: Data, name: String) throws -> (checked: Int, problems: [String]) {
        let archive = try Archive(data: data, accessMode: .read)
        let strings = try part(archive, "xl/sharedStrings.xml").all.filter { $0.name == "si" }.map(\.text)
        let xfs = try part(archive, "xl/styles.xml").all
        var wraps: [Bool] = []
        var inCellXfs = false
        for e in xfs {
            if e.name == "cellXfs" { inCellXfs = true } else if e.name == "cellStyles" { inCellXfs = false }
            if inCellXfs && e.name == "xf" { wraps.append(false) }
            if inCellXfs && e.name == "alignment" && e.attributes["wrapText"] == "1" { wraps[wraps.count - 1] = true }
        }
        let sheet = try part(archive, "xl/worksheets/sheet1.xml").all
        let defaultHeight = Double(sheet.first { $0.name == "sheetFormatPr" }?.attributes["defaultRowHeight"] ?? "") ?? 15
        var widths: [Int: Double] = [:]
        for col in sheet where col.name == "col" {
            if let min = Int(col.attributes["min"] ?? ""), let max = Int(col.attributes["max"] ?? ""),
               let width = Double(col.attributes["width"] ?? "") {
                for c in min...max { widths[c] = width }
            }
        }
        var heights: [Int: Double] = [:]
        for row in sheet where row.name == "row" {
            if let r = Int(row.attributes["r"] ?? ""), let ht = Double(row.attributes["ht"] ?? "") { heights[r] = ht }
        }
        var merges: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)] = []
        for m in sheet where m.name == "mergeCell" {
            let ends = (m.attributes["ref"] ?? "").split(separator: ":").map { cellReference(String($0)) }
            if ends.count == 2 { merges.append((ends[0].row...ends[1].row, ends[0].column...ends[1].column)) }
        }
        var checked = 0
        var problems: [String] = []
        var index = 0
        while index < sheet.count {
            defer { index += 1 }
            let c = sheet[index]
            guard c.name == "c", c.attributes["t"] == "s", let style = Int(c.attributes["s"] ?? ""), wraps[style],
                  let v = sheet[(index + 1)...].first(where: { $0.name == "v" }), let n = Int(v.text) else { continue }
            let text = strings[n]
            let (row, column) = cellReference(c.attributes["r"] ?? "")
            let merge = merges.first { $0.rows.contains(row) && $0.columns.contains(column) }
            let columns = merge?.columns ?? column...column
            let rows = merge?.rows ?? row...row
            let width = columns.reduce(0.0) { $0 + (widths[$1] ?? 8.43) }
            let height = rows.reduce(0.0) { $0 + (heights[$1] ?? defaultHeight) }
            // Titles are 宋体 16, the rest 宋体 11; a line of 宋体 11 takes at least 13.5 pt.
            let scale = xfs.contains { $0.name == "sz" && $0.attributes["val"] == "16" } && style == 4 ? 16.0 / 11 : 1
            let needed = Double(leastLines(text, width: width / scale)) * 13.5 * scale
            checked += 1
            if height < needed { problems.append("\(name)!\(c.attributes["r"] ?? ""): \(height) pt < \(needed) pt for “\(text.prefix(30))…”") }
        }
        return (checked, problems)
    }

    @Test func everyWorkbookTheDemoWritesFitsItsWrappedText() throws {
        let w = try Workspace()
        let out = w.path("demo")
        var demo = try Liancha.parseAsRoot(["demo", "--output", out, "--fixtures", fixturesDir.path])
        try demo.run()
        let workbooks = try #require(FileManager.default.enumerator(atPath: out)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".xlsx") }.sorted()
        // The statistics table, the annual plan tables and the quarterly report's tables (indicators included).
        #expect(workbooks.contains { $0.contains("统计表") } && workbooks.contains { $0.contains("指标") })
        #expect(workbooks.count >= 6)
        var checked = 0
        for file in workbooks {
            let result = try overflowing(Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(file)), name: file)
            checked += result.checked
            #expect(result.problems.isEmpty, "\(result.problems.prefix(5))")
        }
        #expect(checked > 100)
    }
}
