public import Foundation

extension ReportRenderer {
    /// A table as an .xlsx worksheet laid out like the printed table: the title merged across all columns,
    /// subtitle lines, the one or two header rows with their merges (frozen, and repeated on each printed
    /// page together with the title), bordered body cells, numbers as numbers, notes at the foot; printed
    /// on A4 landscape when `table.landscape`. `sheetName` defaults to the title (Excel cuts it to 31).
    public static func xlsx(table: ReportTable, sheetName: String? = nil) throws(DocumentError) -> Data {
        try XLSXWorkbook(sheets: [sheet(table, name: sheetName ?? table.title)]).data()
    }

    /// A table as CSV (UTF-8 with BOM, CRLF): one header row where a grouped column reads
    /// `group/heading`, e.g. `抽查结果/发现问题事项（项）`, then the body rows; no title or notes.
    public static func csv(table: ReportTable) -> Data {
        CSVWriter.write(header: table.flatHeadings, rows: table.rows.indices.map { table.cells(ofRow: $0) })
    }

    static func sheet(_ table: ReportTable, name: String) -> XLSXSheet {
        let width = max(table.columns.count, 1)
        let last = width - 1
        var rows: [[XLSXCell]] = []
        var merges: [XLSXRange] = []

        func fullWidth(_ cell: XLSXCell, filler: XLSXCell) {
            rows.append([cell] + Array(repeating: filler, count: last))
            if last > 0 { merges.append(XLSXRange(rows: rows.count - 1...rows.count - 1, columns: 0...last)) }
        }

        fullWidth(.title(table.title), filler: .empty(style: .title))
        for line in table.subtitle { fullWidth(.text(line, style: .note), filler: .empty) }

        let header = ReportHeaderLayout(table.columns)
        if header.twoRows {
            let top = rows.count
            var first: [XLSXCell] = []
            var second: [XLSXCell] = []
            for block in header.blocks {
                if let group = block.group {
                    first.append(.header(group))
                    first.append(contentsOf: Array(repeating: .empty(style: .header), count: block.columns.count - 1))
                    second.append(contentsOf: block.columns.map { .header(table.columns[$0].heading) })
                    if block.columns.count > 1 {
                        merges.append(XLSXRange(rows: top...top, columns: block.columns.lowerBound...block.columns.upperBound - 1))
                    }
                } else {
                    first.append(.header(table.columns[block.columns.lowerBound].heading))
                    second.append(.empty(style: .header))
                    let column = block.columns.lowerBound
                    merges.append(XLSXRange(rows: top...top + 1, columns: column...column))
                }
            }
            rows.append(first)
            rows.append(second)
        } else if !table.columns.isEmpty {
            rows.append(table.columns.map { .header($0.heading) })
        }
        let headerEnd = rows.count

        for index in table.rows.indices {
            let style: XLSXCell.Style = table.emphasisedRows.contains(index) ? .header : .body
            rows.append(zip(table.cells(ofRow: index), table.columns).map { text, column in
                if column.numeric, let number = Self.number(text) { return XLSXCell(.number(number), style: style) }
                return text.isEmpty ? .empty(style: style) : .text(text, style: style)
            })
        }
        for note in table.notes { fullWidth(.text(note, style: .note), filler: .empty) }

        return XLSXSheet(
            name: name, rows: rows, merges: merges, columnWidths: table.columns.map(\.width),
            landscape: table.landscape, frozenRows: headerEnd
        )
    }

    /// The value of a plain decimal such as `12`, `-3` or `0.25`; nil for anything else (`1,234`, `12%`,
    /// `—`), which stays text. NB: a leading zero (`007`) stays text too, so codes keep their digits.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 == 0x2D || $0 == 0x2E || (0x30...0x39).contains($0) })
        else { return nil }
        let digits = trimmed.hasPrefix("-") ? trimmed.dropFirst() : Substring(trimmed)
        if digits.count > 1 && digits.hasPrefix("0") && !digits.hasPrefix("0.") { return nil }
        guard let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }
}
