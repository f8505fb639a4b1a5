// The WordprocessingML markup of paragraphs, runs, tables and sections, appended as bytes.
// NB: child elements follow the order of the schema (pPr: pStyle keepNext pageBreakBefore tabs spacing ind
// jc rPr; rPr: rFonts b bCs sz szCs u; tcPr: tcW gridSpan vMerge vAlign); Word reports a damaged file otherwise.

enum DocxXML {
    static func appendParagraph(_ paragraph: DocxParagraph, to out: inout [UInt8]) {
        out.append("<w:p>")
        appendParagraphProperties(paragraph, to: &out)
        for run in paragraph.runs where !run.text.isEmpty {
            appendRun(run, to: &out)
        }
        out.append("</w:p>")
    }

    private static func appendParagraphProperties(_ paragraph: DocxParagraph, to out: inout [UInt8]) {
        // The paragraph mark takes the format of the first run, so an empty paragraph has that run's height.
        let mark = paragraph.runs.first
        let markHasFormat = mark.map { $0.bold || $0.size != nil || $0.font != nil } ?? false
        let hasSpacing = paragraph.spaceBefore != 0 || paragraph.spaceAfter != 0 || paragraph.lineSpacing != nil
        guard paragraph.style != nil || paragraph.keepWithNext || paragraph.pageBreakBefore || hasSpacing
            || paragraph.firstLineIndentCharacters != 0 || paragraph.alignment != nil || markHasFormat
            || !paragraph.tabStops.isEmpty
        else { return }

        out.append("<w:pPr>")
        switch paragraph.style {
        case .title: out.append(#"<w:pStyle w:val="Title"/>"#)
        case .subtitle: out.append(#"<w:pStyle w:val="Subtitle"/>"#)
        case nil: break
        }
        if paragraph.keepWithNext { out.append("<w:keepNext/>") }
        if paragraph.pageBreakBefore { out.append("<w:pageBreakBefore/>") }
        if !paragraph.tabStops.isEmpty {
            out.append("<w:tabs>")
            for position in paragraph.tabStops {
                out.append(#"<w:tab w:val="left" w:pos=""#)
                out.appendDecimal(position)
                out.append(#""/>"#)
            }
            out.append("</w:tabs>")
        }
        if hasSpacing {
            out.append("<w:spacing")
            if paragraph.spaceBefore != 0 {
                out.append(#" w:before=""#)
                out.appendDecimal(twips(points: paragraph.spaceBefore))
                out.append(#"""#)
            }
            if paragraph.spaceAfter != 0 {
                out.append(#" w:after=""#)
                out.appendDecimal(twips(points: paragraph.spaceAfter))
                out.append(#"""#)
            }
            if let line = paragraph.lineSpacing, line.isFinite, line > 0 {
                out.append(#" w:line=""#)
                out.appendDecimal(Int((line * 240).rounded()))
                out.append(#"" w:lineRule="auto""#)
            }
            out.append("/>")
        }
        if paragraph.firstLineIndentCharacters != 0, paragraph.firstLineIndentCharacters.isFinite {
            out.append(#"<w:ind w:firstLineChars=""#)
            out.appendDecimal(Int((paragraph.firstLineIndentCharacters * 100).rounded()))
            out.append(#""/>"#)
        }
        if let alignment = paragraph.alignment {
            switch alignment {
            case .left: out.append(#"<w:jc w:val="left"/>"#)
            case .center: out.append(#"<w:jc w:val="center"/>"#)
            case .right: out.append(#"<w:jc w:val="right"/>"#)
            case .justified: out.append(#"<w:jc w:val="both"/>"#)
            }
        }
        if let mark, markHasFormat { appendRunProperties(mark, to: &out) }
        out.append("</w:pPr>")
    }

    static func appendRun(_ run: DocxRun, to out: inout [UInt8]) {
        out.append("<w:r>")
        appendRunProperties(run, to: &out)
        // Without xml:space="preserve" Word drops leading, trailing and repeated spaces; most Chinese text
        // has none, and leaving the attribute out there keeps document.xml (and its deflate time) smaller.
        if run.text.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(#"<w:t xml:space="preserve">"#)
        } else {
            out.append("<w:t>")
        }
        appendRunText(run.text, to: &out)
        out.append("</w:t></w:r>")
    }

    private static func appendRunProperties(_ run: DocxRun, to out: inout [UInt8]) {
        guard run.bold || run.underline || run.size != nil || run.font != nil else { return }
        out.append("<w:rPr>")
        if let font = run.font {
            out.append(#"<w:rFonts w:ascii=""#)
            out.appendXMLEscaped(font, attribute: true)
            out.append(#"" w:hAnsi=""#)
            out.appendXMLEscaped(font, attribute: true)
            out.append(#"" w:eastAsia=""#)
            out.appendXMLEscaped(font, attribute: true)
            out.append(#"" w:cs=""#)
            out.appendXMLEscaped(font, attribute: true)
            out.append(#""/>"#)
        }
        if run.bold { out.append("<w:b/><w:bCs/>") }
        if let size = run.size, size.isFinite, size > 0 {
            let halfPoints = max(2, min(3276, Int((size * 2).rounded())))
            out.append(#"<w:sz w:val=""#)
            out.appendDecimal(halfPoints)
            out.append(#""/><w:szCs w:val=""#)
            out.appendDecimal(halfPoints)
            out.append(#""/>"#)
        }
        if run.underline { out.append(#"<w:u w:val="single"/>"#) }
        out.append("</w:rPr>")
    }

    /// Appends text inside an open `<w:t>`: markup escaped, a line feed (or CR, or CRLF) as `<w:br/>`, a tab
    /// as `<w:tab/>`, both outside the `w:t` as the schema wants, and characters illegal in XML 1.0 dropped.
    static func appendRunText(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            // Copies stretches of plain bytes at once; most Chinese text has no byte that needs escaping.
            var pending = 0
            var i = 0
            let count = utf8.count
            while i < count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x3C || b == 0x3E || b == 0x26 || b == 0xEF else {
                    i += 1
                    continue
                }
                // U+Fxxx starts with EF; only U+FFFE and U+FFFF (EF BF BE/BF) are not allowed in XML.
                if b == 0xEF && !(i + 2 < count && utf8[i + 1] == 0xBF && utf8[i + 2] >= 0xBE) {
                    i += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[pending..<i]))
                switch b {
                case 0x3C: out.append("&lt;")
                case 0x3E: out.append("&gt;")
                case 0x26: out.append("&amp;")
                case 0x0D, 0x0A:
                    if b == 0x0D && i + 1 < count && utf8[i + 1] == 0x0A { i += 1 }
                    out.append(#"</w:t><w:br/><w:t xml:space="preserve">"#)
                case 0x09: out.append(#"</w:t><w:tab/><w:t xml:space="preserve">"#)
                case 0xEF: i += 2  // U+FFFE or U+FFFF, dropped
                default: break  // other control characters are not allowed in XML 1.0
                }
                i += 1
                pending = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[pending..<count]))
        }
    }

    static func appendTable(_ table: DocxTable, to out: inout [UInt8]) {
        let grid = table.columnWidths.map { max($0, 0) }
        guard !grid.isEmpty, !table.rows.isEmpty else { return }
        out.append(#"<w:tbl><w:tblPr><w:tblW w:w=""#)
        out.appendDecimal(grid.reduce(0, +))
        out.append(#"" w:type="dxa"/><w:jc w:val="center"/>"#)
        if table.borders {
            out.append(contentsOf: borders)
        } else {
            out.append(contentsOf: noBorders)
        }
        out.append(#"<w:tblLayout w:type="fixed"/>"#)
        out.append(#"<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>"#)
        out.append(#"<w:bottom w:w="28" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>"#)
        out.append(#"<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" "#)
        out.append(#"w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#)
        for width in grid {
            out.append(#"<w:gridCol w:w=""#)
            out.appendDecimal(width)
            out.append(#""/>"#)
        }
        out.append("</w:tblGrid>")
        // Word keeps a table together when every paragraph but those of the last row keeps with the next.
        let lastRow = table.rows.count - 1
        for (index, row) in table.rows.enumerated() {
            appendRow(row, grid: grid, keepWithNext: table.keepTogether && index < lastRow, to: &out)
        }
        out.append("</w:tbl>")
    }

    private static let borders: [UInt8] = Array((#"<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        + #"<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        + #"<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        + #"<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        + #"<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        + #"<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>"#).utf8)

    private static let noBorders: [UInt8] = Array((#"<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/>"#
        + #"<w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>"#).utf8)

    private static func appendRow(_ row: DocxTableRow, grid: [Int], keepWithNext: Bool, to out: inout [UInt8]) {
        out.append("<w:tr>")
        if row.cantSplit || row.isHeader || row.minimumHeight != nil {
            out.append("<w:trPr>")
            if row.cantSplit { out.append("<w:cantSplit/>") }
            if let height = row.minimumHeight, height > 0 {
                out.append(#"<w:trHeight w:val=""#)
                out.appendDecimal(height)
                out.append(#"" w:hRule="atLeast"/>"#)
            }
            if row.isHeader { out.append("<w:tblHeader/>") }
            out.append("</w:trPr>")
        }
        var column = 0
        for cell in row.cells where column < grid.count {
            let span = min(max(cell.span, 1), grid.count - column)
            var width = 0
            for k in column..<column + span { width += grid[k] }
            appendCell(cell, span: span, width: width, keepWithNext: keepWithNext, to: &out)
            column += span
        }
        while column < grid.count {  // pad a short row so its borders close
            appendCell(emptyCell, span: 1, width: grid[column], keepWithNext: keepWithNext, to: &out)
            column += 1
        }
        out.append("</w:tr>")
    }

    private static let emptyCell = DocxTableCell(paragraphs: [])

    private static func appendCell(_ cell: DocxTableCell, span: Int, width: Int, keepWithNext: Bool,
                                   to out: inout [UInt8]) {
        out.append(#"<w:tc><w:tcPr><w:tcW w:w=""#)
        out.appendDecimal(width)
        out.append(#"" w:type="dxa"/>"#)
        if span > 1 {
            out.append(#"<w:gridSpan w:val=""#)
            out.appendDecimal(span)
            out.append(#""/>"#)
        }
        switch cell.verticalMerge {
        case .restart: out.append(#"<w:vMerge w:val="restart"/>"#)
        case .continue: out.append(#"<w:vMerge w:val="continue"/>"#)
        case nil: break
        }
        switch cell.verticalAlignment {
        case .top: break
        case .center: out.append(#"<w:vAlign w:val="center"/>"#)
        case .bottom: out.append(#"<w:vAlign w:val="bottom"/>"#)
        }
        out.append("</w:tcPr>")
        // Every cell needs a paragraph; the lower part of a merge keeps none of its own text.
        if cell.paragraphs.isEmpty || cell.verticalMerge == .continue {
            out.append(keepWithNext ? "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>" : "<w:p/>")
        } else if keepWithNext {
            for var paragraph in cell.paragraphs {
                paragraph.keepWithNext = true
                appendParagraph(paragraph, to: &out)
            }
        } else {
            for paragraph in cell.paragraphs { appendParagraph(paragraph, to: &out) }
        }
        out.append("</w:tc>")
    }

    static func appendSectionProperties(_ section: DocxSection, to out: inout [UInt8]) {
        out.append(#"<w:sectPr><w:pgSz w:w=""#)
        out.appendDecimal(section.pageWidth)
        out.append(#"" w:h=""#)
        out.appendDecimal(section.pageHeight)
        if section.orientation == .landscape {
            out.append(#"" w:orient="landscape"/>"#)
        } else {
            out.append(#""/>"#)
        }
        let m = section.margins
        out.append(#"<w:pgMar w:top=""#)
        out.appendDecimal(m.top)
        out.append(#"" w:right=""#)
        out.appendDecimal(m.right)
        out.append(#"" w:bottom=""#)
        out.appendDecimal(m.bottom)
        out.append(#"" w:left=""#)
        out.appendDecimal(m.left)
        out.append(#"" w:header=""#)
        out.appendDecimal(m.header)
        out.append(#"" w:footer=""#)
        out.appendDecimal(m.footer)
        out.append(#"" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>"#)
    }

    @inline(__always)
    static func twips(points: Double) -> Int {
        points.isFinite ? Int((points * 20).rounded()) : 0
    }
}
