/// A workbook to write as .xlsx (Office Open XML), which opens in Excel, WPS and LibreOffice.
///
/// ```swift
/// let sheet = XLSXSheet(
///     name: "检查对象",
///     rows: [[.header("统一社会信用代码"), .header("单位名称")],
///            [.text("911301110JX5R7R96D"), .text("石家庄某某有限公司")]],
///     frozenRows: 1)
/// let bytes = try XLSXWorkbook(sheets: [sheet]).data()
/// ```
public struct XLSXWorkbook: Sendable {
    public var sheets: [XLSXSheet]

    public init(sheets: [XLSXSheet]) {
        self.sheets = sheets
    }
}

/// One worksheet: rows of cells plus the layout a printed statistics table needs.
public struct XLSXSheet: Sendable {
    /// The tab name. When written it is cleaned as Excel requires: `[]:*?/\` become `_`, at most 31
    /// characters, unique within the workbook.
    public var name: String
    /// Row `i` becomes sheet row `i + 1`; cell `j` of a row becomes column `j + 1`.
    public var rows: [[XLSXCell]]
    /// Merged ranges, e.g. `XLSXRange("A1:K1")` for a title across eleven columns. Single-cell ranges and
    /// ranges overlapping an earlier one are left out (Excel rejects the file otherwise).
    public var merges: [XLSXRange]
    /// Column widths in Excel character units, first column first; empty means Excel's default.
    public var columnWidths: [Double]
    /// Print on A4 landscape rather than A4 portrait, scaled to fit the page width.
    public var landscape: Bool
    /// How many top rows stay visible when scrolling; they also repeat on every printed page.
    public var frozenRows: Int

    public init(
        name: String,
        rows: [[XLSXCell]] = [],
        merges: [XLSXRange] = [],
        columnWidths: [Double] = [],
        landscape: Bool = false,
        frozenRows: Int = 0
    ) {
        self.name = name
        self.rows = rows
        self.merges = merges
        self.columnWidths = columnWidths
        self.landscape = landscape
        self.frozenRows = frozenRows
    }
}

/// One cell: a value and how it looks.
///
/// Text cells are always written with the text number format `@`, so codes such as the USCC
/// `911301110JX5R7R96D` or the division code `130111` stay text when a user edits them in Excel.
public struct XLSXCell: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case text(String)
        case number(Double)
        case empty
    }

    public enum Style: Sendable, Hashable, CaseIterable {
        /// No border, 宋体 11.
        case plain
        /// A table body cell: thin borders all round, vertically centred, wrapping.
        case body
        /// A column heading: bold, centred, thin borders, wrapping.
        case header
        /// A table title: bold 宋体 16, centred, wrapping, no border (usually merged across the table).
        case title
        /// A line of text above or below a table (subtitle, note): no border, left-aligned, wrapping
        /// (usually merged across the table).
        case note
    }

    public var value: Value
    public var style: Style

    public init(_ value: Value, style: Style = .plain) {
        self.value = value
        self.style = style
    }

    public static func text(_ text: String, style: Style = .plain) -> XLSXCell {
        XLSXCell(.text(text), style: style)
    }

    public static func number(_ number: Double, style: Style = .plain) -> XLSXCell {
        XLSXCell(.number(number), style: style)
    }

    public static func number(_ number: Int, style: Style = .plain) -> XLSXCell {
        XLSXCell(.number(Double(number)), style: style)
    }

    /// An empty cell; with a style other than `.plain` it still shows borders (and is text-formatted).
    public static func empty(style: Style = .plain) -> XLSXCell {
        XLSXCell(.empty, style: style)
    }

    public static let empty = XLSXCell(.empty)

    /// A bold, centred, bordered column heading.
    public static func header(_ text: String) -> XLSXCell {
        XLSXCell(.text(text), style: .header)
    }

    /// A large bold centred title.
    public static func title(_ text: String) -> XLSXCell {
        XLSXCell(.text(text), style: .title)
    }

    /// A bordered body cell holding text.
    public static func body(_ text: String) -> XLSXCell {
        XLSXCell(.text(text), style: .body)
    }

    /// A bordered body cell holding a number.
    public static func body(_ number: Double) -> XLSXCell {
        XLSXCell(.number(number), style: .body)
    }

    /// A bordered body cell holding a whole number.
    public static func body(_ number: Int) -> XLSXCell {
        XLSXCell(.number(Double(number)), style: .body)
    }
}

/// A rectangle of cells, 0-based like `XLSXSheet.rows`: `XLSXRange("A1:K1")` is row 0, columns 0...10.
public struct XLSXRange: Sendable, Hashable, CustomStringConvertible {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    /// A range from 0-based, inclusive row and column indices (swapped into order if given reversed).
    public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        firstRow = rows.lowerBound
        lastRow = rows.upperBound
        firstColumn = columns.lowerBound
        lastColumn = columns.upperBound
    }

    /// A range from Excel's A1 notation, such as `"A1:K1"` or `"B3"`; nil if it is not one.
    public init?(_ reference: String) {
        let parts = reference.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2,
              let first = Self.cell(parts[0]), let last = Self.cell(parts[parts.count - 1]) else { return nil }
        self.init(
            rows: min(first.row, last.row)...max(first.row, last.row),
            columns: min(first.column, last.column)...max(first.column, last.column)
        )
    }

    /// The range in A1 notation, e.g. `A1:K1`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.appendColumnLetters(firstColumn)
        bytes.appendDecimal(firstRow + 1)
        bytes.append(0x3A)
        bytes.appendColumnLetters(lastColumn)
        bytes.appendDecimal(lastRow + 1)
        return String(decoding: bytes, as: UTF8.self)
    }

    func overlaps(_ other: XLSXRange) -> Bool {
        firstRow <= other.lastRow && other.firstRow <= lastRow
            && firstColumn <= other.lastColumn && other.firstColumn <= lastColumn
    }

    private static func cell(_ text: Substring) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for scalar in text.unicodeScalars where scalar != "$" {
            switch scalar.value {
            case 0x41...0x5A where digits == 0:
                column = column * 26 + Int(scalar.value - 0x40)
                letters += 1
            case 0x61...0x7A where digits == 0:
                column = column * 26 + Int(scalar.value - 0x60)
                letters += 1
            case 0x30...0x39 where letters > 0:
                row = row * 10 + Int(scalar.value - 0x30)
                digits += 1
            default:
                return nil
            }
        }
        guard (1...3).contains(letters), (1...7).contains(digits), row >= 1, column <= 16_384, row <= 1_048_576
        else { return nil }
        return (row - 1, column - 1)
    }
}
