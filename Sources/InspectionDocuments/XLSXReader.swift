import Foundation

/// Reads the first worksheet of an .xlsx into a compact row store, without holding the sheet's XML.
///
/// The worksheet and the shared-string table are inflated in chunks and parsed as they arrive, so memory
/// grows with the cell values, not with the (several times larger) XML around them.
struct XLSXReader {
    /// The rows that have at least one non-empty cell, encoded by `RowStore`.
    var rows: RowStore
    var sharedStrings: SharedStrings

    init(data: Data, limits: ReadLimits = .cli) throws(DocumentError) {
        let archive = try Self.openArchive(data)
        var budget = InflateBudget(limits: limits)
        var entries: [String: ZipDirectory.Entry] = [:]
        for entry in archive.entries {
            entries[Self.normalizedPath(entry.path)] = entry
        }
        guard entries["xl/workbook.xml"] != nil || entries["xl/worksheets/sheet1.xml"] != nil else {
            throw .notAnXLSX(reason: "压缩包里没有工作簿内容（xl/workbook.xml），可能是其他类型的压缩文件")
        }

        let parts = try Self.locateParts(archive: archive, entries: entries, budget: &budget)
        var strings = SharedStrings()
        if let sharedStringsEntry = parts.sharedStrings.flatMap({ entries[$0] }) {
            strings = try Self.readSharedStrings(archive: archive, entry: sharedStringsEntry, budget: &budget)
        }
        guard let sheetEntry = entries[parts.sheet] else { throw .missingSheet }
        sharedStrings = strings
        rows = try Self.readRows(archive: archive, entry: sheetEntry, sharedStringCount: strings.count, budget: &budget)
    }

    /// Counts inflated bytes against the limits, per part and in total.
    /// NB: sizes in the zip headers are never trusted (a zip64 entry may claim 2^45 bytes).
    struct InflateBudget {
        let limits: ReadLimits
        var total = 0

        mutating func take(_ count: Int, part: inout Int, name: String) throws(DocumentError) {
            part += count
            total += count
            if part > limits.maxPartBytes { throw .tooLarge(part: "工作簿中的 \(name) 解压后", limit: limits.maxPartBytes) }
            if total > limits.maxTotalBytes { throw .tooLarge(part: "工作簿解压后", limit: limits.maxTotalBytes) }
        }
    }

    // MARK: - Container

    private static func openArchive(_ data: Data) throws(DocumentError) -> ZipDirectory {
        guard !data.isEmpty else { throw .emptyFile }
        let magic = Array(data.prefix(4))
        if magic == [0xD0, 0xCF, 0x11, 0xE0] {
            throw .notAnXLSX(reason: "这是旧版 Excel 97-2003（.xls）文件或设置了打开密码的工作簿，请去掉密码并另存为 .xlsx")
        }
        guard magic.starts(with: [0x50, 0x4B]) else {
            if (try? TextDecoding.decode(data)) != nil {
                throw .notAnXLSX(reason: "内容是纯文本，看起来是 CSV 文件，请把扩展名改为 .csv")
            }
            throw .notAnXLSX(reason: "文件开头不是 ZIP 压缩包")
        }
        return try ZipDirectory(data)
    }

    private static func normalizedPath(_ path: String) -> String {
        var path = path.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        return path.lowercased()
    }

    /// Inflates a whole (small) part.
    private static func extract(
        _ archive: ZipDirectory, _ entry: ZipDirectory.Entry, part: String, budget: inout InflateBudget
    ) throws(DocumentError) -> [UInt8] {
        var bytes: [UInt8] = []
        var inflated = 0
        try archive.read(entry, part: part) { chunk throws(DocumentError) in
            try budget.take(chunk.count, part: &inflated, name: part)
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// Inflates a part chunk by chunk, handing each complete `<element>` to `handle`.
    private static func stream(
        _ archive: ZipDirectory, _ entry: ZipDirectory.Entry, part: String, element: StaticString, budget: inout InflateBudget,
        handle: (XMLScanner, XMLTag, Range<Int>) throws(DocumentError) -> Void
    ) throws(DocumentError) {
        var framer = ElementFramer(element: element)
        var inflated = 0
        try archive.read(entry, part: part, chunkSize: 256 * 1024) { chunk throws(DocumentError) in
            try budget.take(chunk.count, part: &inflated, name: part)
            try framer.feed(chunk, handle: handle)
            if framer.pending > ReadLimits.maxElementBytes {
                throw .tooLarge(part: "\(part) 中的一个 <\(element)> 元素", limit: ReadLimits.maxElementBytes)
            }
        }
    }

    // MARK: - Workbook structure

    private struct Parts {
        var sheet: String
        var sharedStrings: String?
    }

    /// The first visible worksheet in workbook order, and the shared-string table, as archive paths.
    private static func locateParts(archive: ZipDirectory, entries: [String: ZipDirectory.Entry], budget: inout InflateBudget) throws(DocumentError) -> Parts {
        let fallback = Parts(
            sheet: "xl/worksheets/sheet1.xml",
            sharedStrings: entries["xl/sharedstrings.xml"] != nil ? "xl/sharedstrings.xml" : nil
        )
        guard let workbookEntry = entries["xl/workbook.xml"],
              let relsEntry = entries["xl/_rels/workbook.xml.rels"] else { return fallback }
        let workbook = try extract(archive, workbookEntry, part: "xl/workbook.xml", budget: &budget)
        let rels = try extract(archive, relsEntry, part: "xl/_rels/workbook.xml.rels", budget: &budget)

        var targets: [String: String] = [:]
        var sharedStrings: String?
        rels.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            while case let .token(token) = scanner.next() {
                guard case let .tag(tag) = token, !tag.isEnd, scanner.localName(of: tag, is: "Relationship"),
                      let id = scanner.attribute("Id", of: tag),
                      let target = scanner.attribute("Target", of: tag) else { continue }
                let path = resolve(target: scanner.string(target))
                targets[scanner.string(id)] = path
                if let type = scanner.attribute("Type", of: tag), scanner.string(type).hasSuffix("/sharedStrings") {
                    sharedStrings = path
                }
            }
        }

        var firstSheet: String?
        var firstVisibleSheet: String?
        workbook.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            while firstVisibleSheet == nil, case let .token(token) = scanner.next() {
                guard case let .tag(tag) = token, !tag.isEnd, scanner.localName(of: tag, is: "sheet"),
                      let id = scanner.attribute("id", of: tag, prefixed: true),
                      let path = targets[scanner.string(id)] else { continue }
                if firstSheet == nil { firstSheet = path }
                let state = scanner.attribute("state", of: tag).map { scanner.string($0) } ?? "visible"
                if state == "visible" { firstVisibleSheet = path }
            }
        }
        guard let sheet = firstVisibleSheet ?? firstSheet else {
            if entries[fallback.sheet] != nil { return fallback }
            throw .missingSheet
        }
        return Parts(sheet: sheet, sharedStrings: sharedStrings ?? fallback.sharedStrings)
    }

    /// A relationship target (relative to `xl/`, or absolute from the package root) as a normalised path.
    private static func resolve(target: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return normalizedPath(components.joined(separator: "/"))
    }

    // MARK: - Shared strings

    private static func readSharedStrings(archive: ZipDirectory, entry: ZipDirectory.Entry, budget: inout InflateBudget) throws(DocumentError) -> SharedStrings {
        var strings = SharedStrings()
        var text: [UInt8] = []
        try stream(archive, entry, part: "xl/sharedStrings.xml", element: "si", budget: &budget) {
            scanner, _, content throws(DocumentError) in
            text.removeAll(keepingCapacity: true)
            collectText(scanner, content, into: &text)
            unescapeOfficeString(&text)
            strings.append(text)
        }
        return strings
    }

    /// Appends the text of the `<t>` elements in `range` (rich-text runs concatenated), skipping the
    /// phonetic guides in `<rPh>`.
    private static func collectText(_ scanner: XMLScanner, _ range: Range<Int>, into out: inout [UInt8]) {
        var inner = XMLScanner(scanner.bytes, from: range.lowerBound, to: range.upperBound)
        var capturing = false
        var phoneticDepth = 0
        while case let .token(token) = inner.next() {
            switch token {
            case let .tag(tag):
                if inner.localName(of: tag, is: "t") {
                    capturing = !tag.isEnd && !tag.isSelfClosing && phoneticDepth == 0
                } else if inner.localName(of: tag, is: "rPh") && !tag.isSelfClosing {
                    phoneticDepth += tag.isEnd ? -1 : 1
                }
            case let .text(text) where capturing:
                inner.appendDecoded(text, to: &out)
            case let .cdata(text) where capturing:
                out.append(contentsOf: UnsafeBufferPointer(rebasing: inner.bytes[text]))
            default:
                break
            }
        }
    }

    // MARK: - Worksheet

    private enum CellType {
        case number, sharedString, inlineString, boolean, text
    }

    private static func readRows(
        archive: ZipDirectory, entry: ZipDirectory.Entry, sharedStringCount: Int, budget: inout InflateBudget
    ) throws(DocumentError) -> RowStore {
        // The header and `maxRows` data rows; one more tells the reader there are too many.
        let maxStoredRows = budget.limits.maxRows + 2
        var storedRows = 0
        var store = RowStore()
        var lastRow = 0
        var value: [UInt8] = []
        var cells: [(column: Int, value: RowStore.Value)] = []
        try stream(archive, entry, part: "xl/worksheets", element: "row", budget: &budget) {
            scanner, rowTag, content throws(DocumentError) in
            let rowNumber = scanner.attribute("r", of: rowTag).flatMap { parseInt(scanner, $0) } ?? lastRow + 1
            lastRow = rowNumber
            cells.removeAll(keepingCapacity: true)

            var inner = XMLScanner(scanner.bytes, from: content.lowerBound, to: content.upperBound)
            var column = -1
            var cellColumn = 0
            var cellType = CellType.number
            var inCell = false
            var capturing = false
            var inInlineString = false
            var phoneticDepth = 0
            while case let .token(token) = inner.next() {
                switch token {
                case let .tag(tag):
                    if inner.localName(of: tag, is: "c") {
                        if tag.isEnd {
                            guard inCell else { continue }
                            inCell = false
                        } else {
                            cellColumn = inner.attribute("r", of: tag).flatMap { columnIndex(inner, $0) } ?? column + 1
                            column = cellColumn
                            cellType = inner.attribute("t", of: tag).map { parseCellType(inner, $0) } ?? .number
                            value.removeAll(keepingCapacity: true)
                            inCell = !tag.isSelfClosing
                            continue
                        }
                        guard let cell = try finishCell(
                            cellType, &value, row: rowNumber, sharedStringCount: sharedStringCount
                        ) else { continue }
                        cells.append((cellColumn, cell))
                    } else if !inCell {
                        continue
                    } else if inner.localName(of: tag, is: "v") {
                        capturing = !tag.isEnd && !tag.isSelfClosing
                    } else if inner.localName(of: tag, is: "is") {
                        inInlineString = !tag.isEnd && !tag.isSelfClosing
                    } else if inner.localName(of: tag, is: "t") {
                        capturing = inInlineString && !tag.isEnd && !tag.isSelfClosing && phoneticDepth == 0
                    } else if inner.localName(of: tag, is: "rPh") && !tag.isSelfClosing {
                        phoneticDepth += tag.isEnd ? -1 : 1
                    }
                case let .text(text) where capturing:
                    inner.appendDecoded(text, to: &value)
                case let .cdata(text) where capturing:
                    value.append(contentsOf: UnsafeBufferPointer(rebasing: inner.bytes[text]))
                default:
                    break
                }
            }
            if !cells.isEmpty {
                storedRows += 1
                // NB: the rows beyond the limit are neither kept nor parsed further.
                if storedRows > maxStoredRows { throw .tooManyRows(limit: maxStoredRows - 2) }
                store.append(row: rowNumber, cells: cells)
            }
        }
        return store
    }

    private static func finishCell(
        _ type: CellType, _ value: inout [UInt8], row: Int, sharedStringCount: Int
    ) throws(DocumentError) -> RowStore.Value? {
        guard !value.isEmpty else { return nil }
        switch type {
        case .sharedString:
            guard let index = decimal(value), index < sharedStringCount else {
                throw .malformedXLSX(reason: "第 \(row) 行引用了不存在的共享字符串")
            }
            return .shared(index)
        case .inlineString, .text:
            unescapeOfficeString(&value)
            return .bytes(value)
        case .boolean:
            switch value {
            case [0x31]: return .bytes(Array("TRUE".utf8))
            case [0x30]: return .bytes(Array("FALSE".utf8))
            default: return .bytes(value)
            }
        case .number:
            return .bytes(NumberText.normalize(value))
        }
    }

    /// A non-negative decimal such as a shared-string index, surrounding spaces allowed.
    private static func decimal(_ text: [UInt8]) -> Int? {
        var value = 0
        var digits = 0
        for b in text {
            if b >= 0x30 && b <= 0x39 {
                guard digits < 12 else { return nil }
                value = value * 10 + Int(b - 0x30)
                digits += 1
            } else if b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                return nil
            }
        }
        return digits > 0 ? value : nil
    }

    private static func parseCellType(_ scanner: XMLScanner, _ range: Range<Int>) -> CellType {
        let count = range.count
        let at = range.lowerBound
        if count == 1 && scanner.matches("s", at: at) { return .sharedString }
        if count == 1 && scanner.matches("b", at: at) { return .boolean }
        if count == 1 && scanner.matches("n", at: at) { return .number }
        if count == 9 && scanner.matches("inlineStr", at: at) { return .inlineString }
        return .text  // "str" (formula text), "e" (error such as #N/A), "d" (ISO date)
    }

    private static func parseInt(_ scanner: XMLScanner, _ range: Range<Int>) -> Int? {
        var value = 0
        guard !range.isEmpty, range.count <= 9 else { return nil }
        for i in range {
            let b = scanner.bytes[i]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    /// The 0-based column of a cell reference such as `C5` or `$AB$12`.
    private static func columnIndex(_ scanner: XMLScanner, _ range: Range<Int>) -> Int? {
        var value = 0
        var letters = 0
        for i in range {
            var b = scanner.bytes[i]
            if b == 0x24 { continue }
            if b >= 0x61 && b <= 0x7A { b -= 0x20 }
            guard b >= 0x41 && b <= 0x5A else { break }
            value = value * 26 + Int(b - 0x40)
            letters += 1
        }
        guard letters > 0 && letters <= 3 else { return nil }
        return value - 1
    }
}

/// Cuts an XML stream arriving in chunks into complete elements of one name (`row`, `si`), which never nest.
struct ElementFramer {
    let element: StaticString
    private var carry: [UInt8] = []

    /// Bytes received but not yet handed over (an element not yet complete).
    var pending: Int { carry.count }

    init(element: StaticString) {
        self.element = element
    }

    mutating func feed(
        _ chunk: ArraySlice<UInt8>, handle: (XMLScanner, XMLTag, Range<Int>) throws(DocumentError) -> Void
    ) throws(DocumentError) {
        carry.append(contentsOf: chunk)
        let element = self.element
        let consumed = try carry.withUnsafeBufferPointer { buffer throws(DocumentError) -> Int in
            var scanner = XMLScanner(buffer)
            var position = 0
            while let open = scanner.find(0x3C, from: position) {
                scanner.position = open
                let step = scanner.next()
                guard case let .token(token) = step else { return open }
                guard case let .tag(tag) = token, !tag.isEnd, scanner.localName(of: tag, is: element) else {
                    position = scanner.position
                    continue
                }
                if tag.isSelfClosing {
                    try handle(scanner, tag, tag.end..<tag.end)
                    position = tag.end
                    continue
                }
                guard let close = Self.closingTag(of: tag, in: scanner) else { return open }
                try handle(scanner, tag, tag.end..<close.start)
                position = close.end
            }
            return buffer.count
        }
        carry.removeFirst(consumed)
    }

    /// The `</name>` matching a start tag (same qualified name), or nil if it has not arrived yet.
    private static func closingTag(of start: XMLTag, in scanner: XMLScanner) -> (start: Int, end: Int)? {
        let nameLength = start.nameEnd - start.nameStart
        var p = start.end
        while let hit = scanner.find("</", from: p) {
            guard let tag = scanner.readTag(at: hit) else { return nil }
            if tag.nameEnd - tag.nameStart == nameLength {
                var same = true
                for k in 0..<nameLength where scanner.bytes[tag.nameStart + k] != scanner.bytes[start.nameStart + k] {
                    same = false
                    break
                }
                if same { return (hit, tag.end) }
            }
            p = tag.end
        }
        return nil
    }
}

/// Non-empty worksheet rows packed into one byte array: per row its number and cells, per cell its
/// column and either its UTF-8 text or a shared-string index. Lengths and numbers are LEB128 varints.
struct RowStore: Sendable {
    enum Value {
        case bytes([UInt8])
        case shared(Int)
    }

    private var bytes: [UInt8] = []
    private var position = 0

    mutating func append(row: Int, cells: [(column: Int, value: Value)]) {
        appendVarint(row)
        appendVarint(cells.count)
        for (column, value) in cells {
            appendVarint(column)
            switch value {
            case let .bytes(text):
                bytes.append(0)
                appendVarint(text.count)
                bytes.append(contentsOf: text)
            case let .shared(index):
                bytes.append(1)
                appendVarint(index)
            }
        }
    }

    private mutating func appendVarint(_ value: Int) {
        var v = UInt(value)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// The next row's number and cells, padded with empty strings to at least `width` cells.
    mutating func next(width: Int, sharedStrings: SharedStrings) -> (row: Int, cells: [String])? {
        guard position < bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            var p = position
            func varint() -> Int {
                var value: UInt = 0
                var shift: UInt = 0
                while true {
                    let b = buffer[p]
                    p += 1
                    value |= UInt(b & 0x7F) << shift
                    if b < 0x80 { return Int(value) }
                    shift += 7
                }
            }
            let row = varint()
            let count = varint()
            var cells: [String] = []
            cells.reserveCapacity(width)
            for _ in 0..<count {
                let column = varint()
                let kind = buffer[p]
                p += 1
                let text: String
                if kind == 0 {
                    let length = varint()
                    text = String(decoding: UnsafeBufferPointer(rebasing: buffer[p..<p + length]), as: UTF8.self)
                    p += length
                } else {
                    text = sharedStrings[varint()]
                }
                while cells.count <= column { cells.append("") }
                cells[column] = text
            }
            while cells.count < width { cells.append("") }
            position = p
            return (row, cells)
        }
    }
}

/// The shared-string table as UTF-8 in one array; a `String` is made only when a cell uses it.
/// NB: a million-row workbook has millions of distinct strings, and as separate `String`s they took
/// more than twice the memory.
struct SharedStrings: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    var count: Int { ends.count }

    mutating func append(_ text: [UInt8]) {
        bytes.append(contentsOf: text)
        ends.append(bytes.count)
    }

    subscript(index: Int) -> String {
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[start..<ends[index]]), as: UTF8.self)
        }
    }
}
