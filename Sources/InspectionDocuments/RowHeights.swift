/// Row heights that fit wrapped text, because neither Excel nor LibreOffice grows a row when it opens a
/// file: a row written without a height keeps the default and its wrapped lines spill over the next rows
/// when printed.
///
/// The text is laid out as the spreadsheet would: a column is `width` units wide, one unit being the
/// width of a digit of the sheet's default font (宋体 11); a CJK or full-width character takes two units,
/// any other one unit; a run of Latin letters and digits breaks only at spaces unless it is longer than
/// the line; `\n` starts a new line. Bold 宋体 16 (titles) is 16/11 as wide and high.
enum RowHeights {
    /// Excel's default column width, for columns the sheet leaves unset.
    static let defaultColumnWidth = 8.43
    /// The sheet's default row height (`sheetFormatPr`), one line of 宋体 11.
    static let defaultRowHeight = 14.25
    /// Points per line of 11-point text, with the leading CJK fonts use (LibreOffice's substitutes included).
    static let lineHeight = 15.0
    /// Points above and below the text.
    static let padding = 4.0
    /// Units lost to the cell's margins.
    static let cellMargin = 1.0

    /// Heights for the rows that need more than the default, by row index. Only rows holding text of a
    /// wrapping style are measured, so large exports of plain cells cost one pass over their styles.
    static func fitting(_ sheet: XLSXSheet, merges: [XLSXRange]) -> [Int: Double] {
        // NB: only the merge's first cell is looked up; the cells it covers are empty in practice, and text
        // there, hidden by the spreadsheet, could only make a row needlessly tall.
        var mergeAt: [Int: [Int: XLSXRange]] = [:]
        for range in merges { mergeAt[range.firstRow, default: [:]][range.firstColumn] = range }
        func columnWidth(_ column: Int) -> Double {
            column < sheet.columnWidths.count && sheet.columnWidths[column] > 0 && sheet.columnWidths[column].isFinite
                ? min(sheet.columnWidths[column], 255) : defaultColumnWidth
        }

        var heights: [Int: Double] = [:]
        var spanning: [(rows: ClosedRange<Int>, height: Double)] = []
        for (rowIndex, row) in sheet.rows.enumerated() {
            var needed = 0.0
            for (column, cell) in row.enumerated() where cell.style != .plain {
                guard case .text(let text) = cell.value, !text.isEmpty else { continue }
                let range = mergeAt[rowIndex]?[column]
                let columns = range.map { $0.firstColumn...$0.lastColumn } ?? column...column
                let width = columns.reduce(0.0) { $0 + columnWidth($1) }
                let scale = cell.style == .title ? 16.0 / 11.0 : 1.0
                let lines = Double(lineCount(text, width: max(width - cellMargin, 1) / scale))
                // One line of body text fits the default height; more lines, or a title, need their own.
                let height = lines == 1 && scale == 1 ? defaultRowHeight : lines * lineHeight * scale + padding
                if let range, range.lastRow > range.firstRow, range.lastRow - range.firstRow < 1000 {
                    spanning.append((range.firstRow...range.lastRow, height))
                } else {
                    needed = max(needed, height)
                }
            }
            if needed > defaultRowHeight { heights[rowIndex] = needed }
        }
        // A cell merged down several rows fits when the rows together are high enough: the last one grows.
        for (rows, height) in spanning {
            let total = rows.reduce(0.0) { $0 + (heights[$1] ?? defaultRowHeight) }
            if total < height { heights[rows.upperBound] = (heights[rows.upperBound] ?? defaultRowHeight) + height - total }
        }
        return heights.mapValues { ($0 * 4).rounded(.up) / 4 }
    }

    /// The number of lines `text` takes in a line `width` units wide.
    static func lineCount(_ text: String, width: Double) -> Int {
        var lines = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines += 1
            var used = 0.0
            var word = 0.0  // a run of Latin letters, digits and punctuation, which wraps as a whole
            func place(_ w: Double) {
                if used + w > width && used > 0 {
                    lines += 1
                    used = 0
                }
                // A run longer than a line breaks inside it.
                var rest = w
                while rest > width {
                    lines += 1
                    rest -= width
                }
                used += rest
            }
            for scalar in paragraph.unicodeScalars {
                if scalar == " " {
                    place(word)
                    word = 0
                    if used + 1 <= width { used += 1 }
                } else if isWide(scalar) {
                    place(word)
                    word = 0
                    place(2)
                } else {
                    word += 1
                }
            }
            place(word)
        }
        return max(lines, 1)
    }

    /// CJK ideographs, kana, hangul, full-width forms and CJK punctuation take two units.
    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD, 0x2014, 0x2018...0x201D, 0x2026, 0x2030...0x2033, 0x203B:
            true
        default:
            false
        }
    }
}
