/// The header of a `ReportTable` as the printed forms lay it out: runs of adjacent columns under one
/// group heading, and stand-alone columns that span both header rows.
struct ReportHeaderLayout {
    struct Block {
        /// The group heading, or nil for a stand-alone column.
        var group: String?
        var columns: Range<Int>
    }

    var blocks: [Block]
    var twoRows: Bool

    init(_ columns: [ReportTable.Column]) {
        var blocks: [Block] = []
        for (index, column) in columns.enumerated() {
            if let group = column.group, let last = blocks.last, last.group == group, last.columns.upperBound == index {
                blocks[blocks.count - 1].columns = last.columns.lowerBound..<index + 1
            } else {
                blocks.append(Block(group: column.group, columns: index..<index + 1))
            }
        }
        self.blocks = blocks
        twoRows = columns.contains { $0.group != nil }
    }
}

extension ReportTable {
    /// The column headings on one line each, grouped ones as `group/heading` (e.g.
    /// `抽查结果/发现问题事项（项）`), for CSV.
    var flatHeadings: [String] {
        columns.map { column in column.group.map { "\($0)/\(column.heading)" } ?? column.heading }
    }

    /// Row `index` cut or padded to the number of columns.
    func cells(ofRow index: Int) -> [String] {
        let row = rows[index]
        if row.count == columns.count { return row }
        if row.count > columns.count { return Array(row.prefix(columns.count)) }
        return row + Array(repeating: "", count: columns.count - row.count)
    }
}

/// A `ReportTable` on a Word page.
enum ReportTableDocxLayout {
    static func append(_ table: ReportTable, to document: inout DocxDocument) {
        let section = document.section
        let titleSize = FormDocxLayout.fittedTitleSize(table.title, width: section.textWidth)
        document.append(DocxParagraph(table.title, size: titleSize, style: .title))
        for line in table.subtitle {
            document.append(DocxParagraph(line, alignment: .center, spaceAfter: 3))
        }
        if !table.subtitle.isEmpty { document.append(DocxParagraph("", size: 4)) }
        guard !table.columns.isEmpty else { return }

        let widths = DocxTable.widths(relative: table.columns.map(\.width), total: section.textWidth)
        var rows: [DocxTableRow] = []
        let header = ReportHeaderLayout(table.columns)
        if header.twoRows {
            var top: [DocxTableCell] = []
            var bottom: [DocxTableCell] = []
            for block in header.blocks {
                if let group = block.group {
                    top.append(DocxTableCell(group, alignment: .center, bold: true, span: block.columns.count))
                    for index in block.columns {
                        bottom.append(DocxTableCell(table.columns[index].heading, alignment: .center, bold: true))
                    }
                } else {
                    let heading = table.columns[block.columns.lowerBound].heading
                    top.append(DocxTableCell(heading, alignment: .center, bold: true, verticalMerge: .restart))
                    bottom.append(.mergedAbove())
                }
            }
            rows.append(DocxTableRow(top, isHeader: true, minimumHeight: 454))
            rows.append(DocxTableRow(bottom, isHeader: true, minimumHeight: 454))
        } else {
            rows.append(DocxTableRow(
                table.columns.map { DocxTableCell($0.heading, alignment: .center, bold: true) },
                isHeader: true, minimumHeight: 454
            ))
        }
        for index in table.rows.indices {
            let bold = table.emphasisedRows.contains(index)
            let cells = table.cells(ofRow: index)
            // A row with a long text (a plan's list of items) may be taller than a page and must split.
            rows.append(DocxTableRow(
                zip(cells, table.columns).map { text, column in
                    DocxTableCell(text, alignment: column.numeric ? .right : .left, bold: bold)
                },
                cantSplit: cells.allSatisfy { $0.count < 200 }, minimumHeight: 397
            ))
        }
        document.append(DocxTable(columnWidths: widths, rows: rows))

        for (offset, note) in table.notes.enumerated() {
            document.append(DocxParagraph(note, alignment: .left, spaceBefore: offset == 0 ? 6 : 0))
        }
    }
}
