/// What an import knows beyond the file itself: the departments a row may refer to.
public struct ImportContext: Sendable {
    public let departments: [Department]
    private let byCodeOrName: [String: String]
    /// The same pairs, searched first by their bytes when they are few (see `departmentCode`).
    private let pairs: [(text: String, code: String)]

    public init(departments: [Department]) {
        self.departments = departments
        var map: [String: String] = [:]
        for d in departments {
            map[d.name] = d.code
            map[d.shortName] = map[d.shortName] ?? d.code
            map[d.code.uppercased()] = d.code
        }
        byCodeOrName = map
        pairs = map.count <= 64 ? map.map { ($0.key, $0.value) } : []
    }

    /// The code of the department named by `text` (its code in any case, full name or short name).
    public func departmentCode(_ text: String) -> String? {
        // NB: a text with the bytes of a key is that key; looking up a String in the dictionary
        // compares non-ASCII keys for canonical equivalence, for every department of a million rows.
        let length = text.utf8.count
        for i in pairs.indices where pairs[i].text.utf8.count == length && Cell.sameBytes(pairs[i].text, text) {
            return pairs[i].code
        }
        return byCodeOrName[text] ?? byCodeOrName[text.uppercased()]
    }

    /// The name of the department with `code`, or the code itself when there is none.
    public func name(of code: String) -> String {
        departments.first { $0.code == code }.map { "\($0.name)（\($0.code)）" } ?? code
    }

    var knownCodes: String { departments.map(\.code).sorted().joined(separator: ", ") }
}

/// One cell that could not be read: `row 5, column 统一社会信用代码: value 'x': reason`.
public struct FieldProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The row as the user sees it in the spreadsheet (the header is row 1).
    public let row: Int
    public let column: String
    public let value: String
    public let reason: String

    public init(row: Int, column: String, value: String, reason: String) {
        self.row = row
        self.column = column
        self.value = value
        self.reason = reason
    }

    public var description: String { "row \(row), column \(column): value '\(value)': \(reason)" }
}

/// Why a header row does not fit a table.
public enum HeaderProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case missingColumns([String])
    case duplicateColumn(String)

    public var description: String {
        switch self {
        case .missingColumns(let names):
            "the header lacks required column\(names.count > 1 ? "s" : "") \(names.joined(separator: ", "))"
        case .duplicateColumn(let name): "the header names column \(name) twice"
        }
    }
}

/// One column of an importable table: its Chinese header, its English alias, how a cell is read
/// into a record and written back out.
public struct TableColumn<Record>: Sendable {
    public let name: String
    public let alias: String
    public let isRequired: Bool
    /// Reads a trimmed, non-empty cell into the record, or throws the reason it cannot.
    let read: @Sendable (String, inout Record, ImportContext) throws(ValueProblem) -> Void
    let write: @Sendable (Record) -> String
    /// Copies this column's field from one record to another (an update keeps what a file omits).
    let copy: @Sendable (Record, inout Record) -> Void

    init<Value>(_ name: String, _ alias: String, required: Bool = false,
                _ field: any WritableKeyPath<Record, Value> & Sendable,
                read: @escaping @Sendable (String, ImportContext) throws(ValueProblem) -> Value,
                write: @escaping @Sendable (Value) -> String) {
        self.name = name
        self.alias = alias
        self.isRequired = required
        self.read = { (text: String, record: inout Record, context: ImportContext) throws(ValueProblem) in
            record[keyPath: field] = try read(text, context)
        }
        self.write = { write($0[keyPath: field]) }
        self.copy = { source, target in target[keyPath: field] = source[keyPath: field] }
    }

    /// The header as a clerk's template writes it: required columns carry a `*`.
    public var templateHeader: String { isRequired ? name + "*" : name }
}

/// Why one cell's value is not acceptable.
public struct ValueProblem: Error, Sendable {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// A table clerks import and export: enterprises, inspectors, items or departments.
public struct TableSchema<Record>: Sendable {
    /// Plural noun for messages, e.g. "enterprises".
    public let noun: String
    public let columns: [TableColumn<Record>]
    let blank: @Sendable () -> Record
    /// The business key: a second row with the same key in one file is an error.
    public let key: @Sendable (Record) -> String

    /// The header row an export writes (the Chinese names).
    public var header: [String] { columns.map(\.name) }

    /// The cells an export writes for `record`, in header order.
    public func cells(of record: Record) -> [String] { columns.map { $0.write(record) } }

    /// Sets the field of the column named `name` (Chinese) from its cell text, as an import would;
    /// false when there is no such column or the text is not acceptable.
    public func set(_ name: String, to text: String, in record: inout Record, context: ImportContext) -> Bool {
        guard let column = columns.first(where: { $0.name == name }) else { return false }
        do throws(ValueProblem) {
            if text.isEmpty {
                column.copy(blank(), &record)
            } else {
                try column.read(text, &record, context)
            }
            return true
        } catch {
            return false
        }
    }

    /// Maps a file's header onto the columns. Unknown headers are ignored (and reported).
    public func bind(header: [String]) throws(HeaderProblem) -> BoundTable<Record> {
        var positions = [Int?](repeating: nil, count: columns.count)
        var ignored: [String] = []
        for (index, raw) in header.enumerated() {
            var title = raw.trimmingWhitespace
            while title.hasSuffix("*") || title.hasSuffix("＊") { title.removeLast() }
            title = title.trimmingWhitespace
            if title.isEmpty { continue }
            let lower = title.lowercased()
            guard let c = columns.firstIndex(where: { $0.name == title || $0.alias == lower }) else {
                ignored.append(raw)
                continue
            }
            if positions[c] != nil { throw .duplicateColumn(columns[c].name) }
            positions[c] = index
        }
        let missing = columns.indices.filter { columns[$0].isRequired && positions[$0] == nil }
        if !missing.isEmpty { throw .missingColumns(missing.map { columns[$0].name }) }
        return BoundTable(schema: self, positions: positions, ignoredHeaders: ignored)
    }
}

/// A schema bound to one file's header: turns each row into a record or into its problems, and
/// catches a key given twice in the same file.
public struct BoundTable<Record>: Sendable {
    public let schema: TableSchema<Record>
    let positions: [Int?]
    /// Header cells that name no known column; they are not imported.
    public let ignoredHeaders: [String]
    private var firstRows = FirstRows()

    init(schema: TableSchema<Record>, positions: [Int?], ignoredHeaders: [String]) {
        self.schema = schema
        self.positions = positions
        self.ignoredHeaders = ignoredHeaders
    }

    /// Whether this file has column `index` of the schema (an update changes only those).
    public func hasColumn(_ index: Int) -> Bool { positions[index] != nil }

    /// `incoming` with the fields of the columns this file lacks taken from `stored`: importing a
    /// file with fewer columns over an existing record changes only what the file says.
    public func merging(_ incoming: Record, over stored: Record) -> Record {
        var merged = incoming
        for (c, column) in schema.columns.enumerated() where positions[c] == nil {
            column.copy(stored, &merged)
        }
        return merged
    }

    /// The record of spreadsheet row `number`, or every problem found in it.
    public mutating func read(_ cells: [String], row number: Int, context: ImportContext) -> RowOutcome<Record> {
        var record = schema.blank()
        var problems: [FieldProblem] = []
        // NB: the columns are used in place, not copied (a copy retains its names and closures), a
        // million rows times each column.
        schema.columns.withUnsafeBufferPointer { columns in
            for c in columns.indices {
                guard let p = positions[c] else { continue }
                let value = p < cells.count ? cells[p].trimmingWhitespace : ""
                if value.utf8.count > Bounds.cell, value.unicodeScalars.count > Bounds.cell {
                    problems.append(FieldProblem(row: number, column: columns[c].name, value: Bounds.excerpt(value),
                                                 reason: "longer than \(Bounds.cell) characters"))
                    continue
                }
                if value.isEmpty {
                    if columns[c].isRequired {
                        problems.append(FieldProblem(row: number, column: columns[c].name, value: "", reason: "required, but empty"))
                    }
                    continue
                }
                do throws(ValueProblem) {
                    try columns[c].read(value, &record, context)
                } catch {
                    problems.append(FieldProblem(row: number, column: columns[c].name, value: value, reason: error.reason))
                }
            }
        }
        if !problems.isEmpty { return .problems(problems) }
        let key = schema.key(record)
        if let first = firstRows.firstRow(of: key, recording: number) {
            let keyColumn = schema.columns.first(where: \.isRequired)?.name ?? ""
            return .problems([FieldProblem(row: number, column: keyColumn, value: key,
                                          reason: "the same key is already on row \(first) of this file")])
        }
        return .record(record)
    }
}

/// The keys of a file read so far, each with the row it was first on, kept compactly: the UTF-8 of
/// every key in one buffer and an open-addressing table of their indexes by hash, about 50 bytes a
/// key rather than a String and a dictionary entry each (~150 bytes), so that a million-row import
/// stays small (and no dictionary is grown and probed a million times).
struct FirstRows {
    private var bytes: [UInt8] = []
    /// Key i is `bytes[starts[i] ..< starts[i + 1]]`.
    private var starts: [Int] = [0]
    private var rows: [Int32] = []
    /// 0 for a free slot, else the low 32 bits of a key's hash above 1 + its index: most probes are
    /// decided here, without reading the key. A power of two long, never more than half full.
    private var slots: [UInt64] = []

    /// The row `key` was first on; nil when it is new, and then it is recorded as being on `row`.
    mutating func firstRow(of key: String, recording row: Int) -> Int? {
        let hash = UInt64(UInt32(truncatingIfNeeded: key.hashValue))
        if 2 * (rows.count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var s = Int(hash) & mask
        while slots[s] != 0 {
            let i = Int(slots[s] & 0xFFFF_FFFF) - 1
            if slots[s] >> 32 == hash && matches(key, i) { return Int(rows[i]) }
            s = (s + 1) & mask
        }
        slots[s] = hash << 32 | UInt64(rows.count + 1)
        bytes.append(contentsOf: key.utf8)
        starts.append(bytes.count)
        rows.append(Int32(clamping: row))
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: max(1_024, 2 * old.count))
        let mask = slots.count - 1
        for slot in old where slot != 0 {
            var s = Int(slot >> 32) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = slot
        }
    }

    private func matches(_ key: String, _ i: Int) -> Bool {
        let stored = bytes[starts[i] ..< starts[i + 1]]
        // NB: String equality is canonical equivalence, as the dictionary of Strings this replaces had it.
        return key.utf8.elementsEqual(stored) || String(decoding: stored, as: UTF8.self) == key
    }
}

/// One row of an import: the record it gives, or what is wrong with it.
public enum RowOutcome<Record> {
    case record(Record)
    case problems([FieldProblem])
}

// MARK: - Cell readers shared by the schemas

enum Cell {
    static func yesNo(_ value: String) throws(ValueProblem) -> Bool {
        // NB: the usual spellings are decided on the bytes (是 E6 98 AF, 否 E5 90 A6): comparing
        // non-ASCII Strings checks canonical equivalence, which the switch below still does for the rest.
        if sameBytes(value, "是") { return true }
        if sameBytes(value, "否") { return false }
        switch value {
        case "是": return true
        case "否": return false
        default: throw ValueProblem("must be 是 or 否")
        }
    }

    static func yesNo(_ flag: Bool) -> String { flag ? "是" : "否" }

    /// Whether two texts have the same UTF-8 bytes (then they are also equal as Strings).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        // NB: native Strings are contiguous UTF-8; the fallback is for any other.
        let same = a.utf8.withContiguousStorageIfAvailable { a in b.utf8.withContiguousStorageIfAvailable { b in a.elementsEqual(b) } }
        return same.flatMap { $0 } ?? a.utf8.elementsEqual(b.utf8)
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ value: String, _: E.Type) throws(ValueProblem) -> E where E.RawValue == String {
        // NB: a value spelled exactly as a case is found on its bytes (see `yesNo`).
        for e in E.allCases where sameBytes(e.rawValue, value) { return e }
        if let e = E(rawValue: value) ?? E(rawValue: value.uppercased()) { return e }
        throw ValueProblem("must be one of " + E.allCases.map(\.rawValue).joined(separator: "/"))
    }

    static func division(_ value: String) throws(ValueProblem) -> String {
        // NB: six ASCII digit bytes are six ASCII-digit Characters: decided without Character breaking.
        if value.utf8.count == 6 && value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return value }
        guard value.count == 6, value.allSatisfy(\.isASCIIDigit) else {
            throw ValueProblem("a division code (行政区划代码) has 6 digits")
        }
        return value
    }

    /// Splits a list cell on `;`, `；` and `、`, trimming each part and dropping empty ones.
    static func list(_ value: String) -> [String] {
        // NB: scans UTF-8 bytes in place; `；` is EF BC 9B and `、` is E3 80 81.
        var parts: [String] = []
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            var i = 0
            func cut(_ end: Int) {
                let part = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).trimmingWhitespace
                if !part.isEmpty { parts.append(part) }
            }
            while i < bytes.count {
                let width: Int
                if bytes[i] == 0x3B {
                    width = 1
                } else if i + 2 < bytes.count,
                          (bytes[i] == 0xEF && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x9B)
                            || (bytes[i] == 0xE3 && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x81) {
                    width = 3
                } else {
                    i += 1
                    continue
                }
                cut(i)
                i += width
                start = i
            }
            cut(bytes.count)
        }
        return parts
    }

    static func departments(_ value: String, _ context: ImportContext) throws(ValueProblem) -> [String] {
        var codes: [String] = []
        for part in list(value) {
            guard let code = context.departmentCode(part) else {
                throw ValueProblem("unknown department '\(part)' (known: \(context.knownCodes))")
            }
            if !codes.contains(code) { codes.append(code) }
        }
        return codes
    }
}

extension Cell {
    /// A code (department, certificate, item): no spaces or separators that would break lists and scopes.
    static func code(_ value: String) throws(ValueProblem) -> String {
        guard !value.contains(where: { $0.isWhitespace || $0 == "/" || $0 == ";" || $0 == "," }) else {
            throw ValueProblem("a code may not contain spaces, '/', ';' or ','")
        }
        return value
    }
}
