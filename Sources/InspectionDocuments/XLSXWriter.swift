public import Foundation
import ZIPFoundation

extension XLSXWorkbook {
    /// The .xlsx bytes of the workbook.
    ///
    /// Worksheets and the shared-string table are generated twice, once to learn their size (the ZIP
    /// header needs it up front) and once while compressing, so the uncompressed XML — several times the
    /// size of the data for a million-row sheet — is never held in memory as a whole.
    public func data() throws(DocumentError) -> Data {
        let sheets = self.sheets.isEmpty ? [XLSXSheet(name: "Sheet1")] : self.sheets
        let names = SheetNames.unique(sheets.map(\.name))
        let layouts = sheets.enumerated().map { SheetLayout($0.element, selected: $0.offset == 0) }
        for (index, sheet) in sheets.enumerated()
        where sheet.rows.count > Self.maximumRows || layouts[index].width > Self.maximumColumns {
            throw .cannotWriteXLSX(reason: "工作表“\(names[index])”有 \(sheet.rows.count) 行、\(layouts[index].width) 列，"
                + "超过了 Excel 的上限（\(Self.maximumRows) 行、\(Self.maximumColumns) 列），请分成多个工作表")
        }

        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw .cannotWriteXLSX(reason: "无法创建压缩包")
        }
        let strings = SharedStringTable()

        try Self.add(archive, "[Content_Types].xml", WorkbookParts.contentTypes(sheetCount: sheets.count))
        try Self.add(archive, "_rels/.rels", OfficePackageParts.packageRelationships(mainPart: "xl/workbook.xml"))
        try Self.add(archive, "docProps/app.xml", OfficePackageParts.appProperties)
        try Self.add(archive, "docProps/core.xml", OfficePackageParts.coreProperties(title: ""))
        try Self.add(archive, "xl/workbook.xml", WorkbookParts.workbook(names: names, sheets: sheets))
        try Self.add(
            archive, "xl/_rels/workbook.xml.rels", WorkbookParts.workbookRelationships(sheetCount: sheets.count)
        )
        try Self.add(archive, "xl/styles.xml", WorkbookParts.styles)
        for (index, sheet) in sheets.enumerated() {
            let layout = layouts[index]
            strings.beginSheet()
            try Self.addStreamed(archive, "xl/worksheets/sheet\(index + 1).xml") { measuring in
                SheetXMLProducer(sheet: sheet, layout: layout, strings: strings, measuring: measuring)
            }
        }
        strings.beginSheet()
        try Self.addStreamed(archive, "xl/sharedStrings.xml") { _ in SharedStringsXMLProducer(strings: strings) }

        guard let data = archive.data else { throw .cannotWriteXLSX(reason: "压缩包数据为空") }
        return data
    }

    /// Excel's sheet size limits; a bigger sheet would open as a damaged file.
    static let maximumRows = 1_048_576
    static let maximumColumns = 16_384

    /// NB: a fixed time rather than the clock, so the same workbook always gives the same bytes.
    private static let entryDate = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
    private static let chunkSize = 1 << 20

    private static func add(_ archive: Archive, _ path: String, _ bytes: [UInt8]) throws(DocumentError) {
        let data = Data(bytes)
        do {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                compressionMethod: .deflate, bufferSize: chunkSize
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch {
            throw .cannotWriteXLSX(reason: "写入 \(path) 失败")
        }
    }

    private struct SizeMismatch: Error {}

    private static func addStreamed<Producer: XMLPartProducer>(
        _ archive: Archive, _ path: String, make: (_ measuring: Bool) -> Producer
    ) throws(DocumentError) {
        var counter = make(true)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(2 * xmlPartBatchSize)
        var total = 0
        var more = true
        while more {
            scratch.removeAll(keepingCapacity: true)
            more = counter.produce(into: &scratch)
            total += scratch.count
        }

        var producer = make(false)
        var pending: [UInt8] = []
        pending.reserveCapacity(chunkSize + 2 * xmlPartBatchSize)
        var offset = 0
        more = true
        do {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(total), modificationDate: entryDate,
                compressionMethod: .deflate, bufferSize: chunkSize
            ) { _, size in
                if pending.count - offset < size {
                    pending.removeFirst(offset)
                    offset = 0
                    while more && pending.count < size { more = producer.produce(into: &pending) }
                }
                guard pending.count - offset >= size else { throw SizeMismatch() }
                defer { offset += size }
                return pending.withUnsafeBufferPointer {
                    Data(buffer: UnsafeBufferPointer(rebasing: $0[offset..<offset + size]))
                }
            }
        } catch {
            throw .cannotWriteXLSX(reason: "写入 \(path) 失败")
        }
    }
}

/// How much a producer appends per call, roughly.
let xmlPartBatchSize = 64 * 1024

/// Generates an XML part piece by piece, deterministically, so it can be run once to count and once to write.
protocol XMLPartProducer {
    /// Appends the next piece (about `xmlPartBatchSize` bytes); false once the part is complete.
    mutating func produce(into out: inout [UInt8]) -> Bool
}

/// The workbook's shared strings, numbered in order of first use.
///
/// Each sheet is generated twice: the measuring pass numbers its strings and records each text cell's
/// number, and the writing pass replays those numbers in the same cell order.
/// NB: only short strings (at most 15 UTF-8 bytes: codes, dates, yes/no, status words) are de-duplicated.
/// Long values in exports (names, addresses, USCCs) are nearly all distinct, and hashing millions of them
/// cost more than half the export time; a repeated long string simply gets a second entry, which the
/// format allows and deflate compresses away.
final class SharedStringTable {
    private(set) var strings: [String] = []
    private var shortIndices: [ShortKey: UInt32] = [:]
    private var cellIndices: [UInt32] = []
    private var replayPosition = 0

    /// Forgets the recorded cell numbers of the previous sheet.
    func beginSheet() {
        cellIndices = []
        replayPosition = 0
    }

    /// Measuring pass: the number of `string`, recorded for the writing pass.
    func assign(_ string: String) -> Int {
        let index: UInt32
        if let key = ShortKey(string) {
            if let known = shortIndices[key] {
                index = known
            } else {
                index = UInt32(strings.count)
                shortIndices[key] = index
                strings.append(string)
            }
        } else {
            index = UInt32(strings.count)
            strings.append(string)
        }
        cellIndices.append(index)
        return Int(index)
    }

    /// Writing pass: the number the measuring pass gave the next text cell.
    func replay() -> Int {
        defer { replayPosition += 1 }
        return Int(cellIndices[replayPosition])
    }

    /// The UTF-8 bytes of a string of at most 15 bytes packed into two words, which hash and compare
    /// without touching the string's storage.
    private struct ShortKey: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init?(_ string: String) {
            guard string.utf8.count <= 15 else { return nil }
            var copy = string
            copy.withUTF8 { utf8 in
                Swift.withUnsafeMutableBytes(of: &self) { key in
                    key.copyMemory(from: UnsafeRawBufferPointer(utf8))
                    key[15] = UInt8(utf8.count)
                }
            }
        }
    }
}

/// Sheet names as Excel accepts them.
enum SheetNames {
    static func unique(_ names: [String]) -> [String] {
        var used: Set<String> = []
        var result: [String] = []
        for (index, name) in names.enumerated() {
            let base = clean(name, fallback: "Sheet\(index + 1)")
            var candidate = base
            var counter = 2
            while used.contains(candidate.lowercased()) {
                let suffix = "(\(counter))"
                candidate = truncated(base, to: 31 - suffix.count) + suffix
                counter += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    static func clean(_ name: String, fallback: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "[", "]", ":", "*", "?", "/", "\\": scalars.append("_")
            case _ where scalar.value < 0x20: continue
            default: scalars.append(scalar)
            }
        }
        var cleaned = String(scalars).trimmingCharacters(in: .whitespaces)
        while cleaned.hasPrefix("'") { cleaned.removeFirst() }
        while cleaned.hasSuffix("'") { cleaned.removeLast() }
        cleaned = truncated(cleaned, to: 31)
        if cleaned.isEmpty { return fallback }
        if cleaned.lowercased() == "history" { return "History_" }  // reserved by Excel
        return cleaned
    }

    /// At most `limit` UTF-16 units (Excel's measure), cut between characters.
    private static func truncated(_ name: String, to limit: Int) -> String {
        var result = ""
        var units = 0
        for character in name {
            units += character.utf16.count
            if units > limit { break }
            result.append(character)
        }
        return result
    }
}

/// Facts about a sheet computed once and shared by both generation passes.
struct SheetLayout {
    var width: Int
    var merges: [XLSXRange]
    var selected: Bool
    /// Row index → height in points, for the rows whose wrapped text needs more than the default height.
    var rowHeights: [Int: Double]

    init(_ sheet: XLSXSheet, selected: Bool) {
        width = sheet.rows.reduce(0) { max($0, $1.count) }
        var kept: [XLSXRange] = []
        for range in sheet.merges
        where range.firstRow >= 0 && range.firstColumn >= 0
            && (range.lastRow > range.firstRow || range.lastColumn > range.firstColumn)
            && !kept.contains(where: { $0.overlaps(range) }) {
            kept.append(range)
        }
        merges = kept
        self.selected = selected
        rowHeights = RowHeights.fitting(sheet, merges: kept)
    }
}

/// Cell style indices into `cellXfs` in styles.xml (see `WorkbookParts.styles`).
enum StyleIndex {
    static func of(_ cell: XLSXCell) -> Int {
        let isNumber = if case .number = cell.value { true } else { false }
        switch (cell.style, isNumber) {
        case (.plain, false): return 1
        case (.body, false): return 2
        case (.header, false): return 3
        case (.title, false): return 4
        case (.plain, true): return 0
        case (.body, true): return 5
        case (.header, true): return 6
        case (.title, true): return 7
        case (.note, false): return 8
        case (.note, true): return 9
        }
    }
}

/// `xl/worksheets/sheetN.xml`.
struct SheetXMLProducer: XMLPartProducer {
    let sheet: XLSXSheet
    let layout: SheetLayout
    let strings: SharedStringTable
    /// True in the measuring pass, which numbers the strings; false in the writing pass, which replays them.
    let measuring: Bool
    private var nextRow = -1  // -1: the part's opening; rows.count: its closing

    init(sheet: XLSXSheet, layout: SheetLayout, strings: SharedStringTable, measuring: Bool) {
        self.sheet = sheet
        self.layout = layout
        self.strings = strings
        self.measuring = measuring
    }

    mutating func produce(into out: inout [UInt8]) -> Bool {
        if nextRow < 0 {
            writeOpening(into: &out)
            nextRow = 0
            return true
        }
        let rows = sheet.rows
        let stop = out.count + xmlPartBatchSize
        while nextRow < rows.count && out.count < stop {
            writeRow(nextRow, into: &out)
            nextRow += 1
        }
        if nextRow < rows.count { return true }
        writeClosing(into: &out)
        return false
    }

    private func writeOpening(into out: inout [UInt8]) {
        out.append(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        out.append("\r\n")
        out.append(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#)
        out.append(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        if sheet.landscape { out.append(#"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#) }
        out.append(#"<dimension ref="A1"#)
        if layout.width > 0 && !sheet.rows.isEmpty && (layout.width > 1 || sheet.rows.count > 1) {
            out.append(":")
            out.appendColumnLetters(layout.width - 1)
            out.appendDecimal(sheet.rows.count)
        }
        out.append(#""/><sheetViews><sheetView workbookViewId="0""#)
        if layout.selected { out.append(#" tabSelected="1""#) }
        if sheet.frozenRows > 0 {
            var topLeft: [UInt8] = [0x41]
            topLeft.appendDecimal(sheet.frozenRows + 1)
            out.append(#"><pane ySplit=""#)
            out.appendDecimal(sheet.frozenRows)
            out.append(#"" topLeftCell=""#)
            out.append(contentsOf: topLeft)
            out.append(#"" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell=""#)
            out.append(contentsOf: topLeft)
            out.append(#"" sqref=""#)
            out.append(contentsOf: topLeft)
            out.append(#""/></sheetView></sheetViews>"#)
        } else {
            out.append(#"/></sheetViews>"#)
        }
        out.append(#"<sheetFormatPr defaultRowHeight="14.25"/>"#)
        let widths = sheet.columnWidths.enumerated().filter { $0.element > 0 && $0.element.isFinite }
        if !widths.isEmpty {
            out.append("<cols>")
            for (index, width) in widths {
                out.append(#"<col min=""#)
                out.appendDecimal(index + 1)
                out.append(#"" max=""#)
                out.appendDecimal(index + 1)
                out.append(#"" width=""#)
                out.append(contentsOf: "\(min(width, 255))".utf8)
                out.append(#"" customWidth="1"/>"#)
            }
            out.append("</cols>")
        }
        out.append("<sheetData>")
    }

    private func writeRow(_ index: Int, into out: inout [UInt8]) {
        let row = sheet.rows[index]
        let rowNumber = index + 1
        let rowStart = out.count
        out.append(#"<row r=""#)
        out.appendDecimal(rowNumber)
        if let height = layout.rowHeights[index] {
            out.append(#"" ht=""#)
            Self.appendNumber(height, into: &out)
            out.append(#"" customHeight="1">"#)
        } else {
            out.append(#"">"#)
        }
        var wroteCell = false
        for (column, cell) in row.enumerated() {
            let style = StyleIndex.of(cell)
            switch cell.value {
            case let .text(text):
                openCell(column, rowNumber, style, into: &out)
                out.append(#" t="s"><v>"#)
                out.appendDecimal(measuring ? strings.assign(text) : strings.replay())
                out.append("</v></c>")
            case let .number(number) where number.isFinite:
                openCell(column, rowNumber, style, into: &out)
                out.append("><v>")
                Self.appendNumber(number, into: &out)
                out.append("</v></c>")
            case .number, .empty:
                guard cell.style != .plain else { continue }
                openCell(column, rowNumber, StyleIndex.of(.text("", style: cell.style)), into: &out)
                out.append("/>")
            }
            wroteCell = true
        }
        if wroteCell {
            out.append("</row>")
        } else {
            out.removeSubrange(rowStart...)
        }
    }

    @inline(__always)
    private func openCell(_ column: Int, _ row: Int, _ style: Int, into out: inout [UInt8]) {
        out.append(#"<c r=""#)
        out.appendColumnLetters(column)
        out.appendDecimal(row)
        out.append(#"""#)
        if style != 0 {
            out.append(#" s=""#)
            out.appendDecimal(style)
            out.append(#"""#)
        }
    }

    static func appendNumber(_ number: Double, into out: inout [UInt8]) {
        if number == number.rounded(.towardZero) && abs(number) < 1e15 {
            out.appendDecimal(Int(number))
        } else {
            out.append(contentsOf: "\(number)".utf8)
        }
    }

    private func writeClosing(into out: inout [UInt8]) {
        out.append("</sheetData>")
        if !layout.merges.isEmpty {
            out.append(#"<mergeCells count=""#)
            out.appendDecimal(layout.merges.count)
            out.append(#"">"#)
            for range in layout.merges {
                out.append(#"<mergeCell ref=""#)
                out.append(contentsOf: range.description.utf8)
                out.append(#""/>"#)
            }
            out.append("</mergeCells>")
        }
        out.append(#"<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>"#)
        if sheet.landscape {
            out.append(#"<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>"#)
        } else {
            out.append(#"<pageSetup paperSize="9" orientation="portrait"/>"#)
        }
        out.append("</worksheet>")
    }
}

/// `xl/sharedStrings.xml`.
struct SharedStringsXMLProducer: XMLPartProducer {
    let strings: SharedStringTable
    private var next = -1

    init(strings: SharedStringTable) {
        self.strings = strings
    }

    mutating func produce(into out: inout [UInt8]) -> Bool {
        let all = strings.strings
        if next < 0 {
            out.append(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
            out.append("\r\n")
            out.append(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount=""#)
            out.appendDecimal(all.count)
            out.append(#"">"#)
            next = 0
            return true
        }
        let stop = out.count + xmlPartBatchSize
        while next < all.count && out.count < stop {
            Self.appendItem(all[next], into: &out)
            next += 1
        }
        if next < all.count { return true }
        out.append("</sst>")
        return false
    }

    /// Appends `<si><t>text</t></si>`, marking edge whitespace and line breaks as significant.
    static func appendItem(_ text: String, into out: inout [UInt8]) {
        var text = text
        let (preserve, officeLike) = text.withUTF8 { utf8 -> (Bool, Bool) in
            guard let first = utf8.first, let last = utf8.last else { return (false, false) }
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            var preserve = isSpace(first) || isSpace(last)
            var officeLike = false
            for i in utf8.indices {
                let b = utf8[i]
                if b == 0x0A { preserve = true }
                if b == 0x5F && i + 6 < utf8.count && utf8[i + 1] == 0x78 && utf8[i + 6] == 0x5F { officeLike = true }
            }
            return (preserve, officeLike)
        }
        out.append(preserve ? #"<si><t xml:space="preserve">"# : "<si><t>")
        out.appendXMLEscaped(officeLike ? officeEscaped(text) : text)
        out.append("</t></si>")
    }

    /// Protects text that looks like Office's `_xHHHH_` escape by escaping its underscore as `_x005F_`.
    static func officeEscaped(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        for i in utf8.indices {
            if utf8[i] == 0x5F, i + 6 < utf8.count, utf8[i + 1] == 0x78, utf8[i + 6] == 0x5F,
               (2...5).allSatisfy({ hexValue(utf8[i + $0]) != nil }) {
                out.append(contentsOf: "_x005F_".utf8)
                continue
            }
            out.append(utf8[i])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
