public import Foundation

/// A Word document (.docx, WordprocessingML) built in memory that opens in Word, WPS and LibreOffice.
///
/// Paragraphs, tables and page breaks are turned into XML bytes as they are appended, so a document of
/// thousands of forms never holds a tree of them; `data()` packs the XML with fixed styles (宋体/Times New
/// Roman 10.5 pt, a 黑体 title) into the ZIP container.
///
/// ```swift
/// var document = DocxDocument(section: DocxSection(orientation: .landscape))
/// document.append(DocxParagraph("联合抽查情况统计表", style: .title))
/// document.append(DocxTable(columnWidths: [3000, 3000], rows: [
///     DocxTableRow([DocxTableCell("部门", bold: true), DocxTableCell("户数", bold: true)], isHeader: true),
///     DocxTableRow([DocxTableCell("区应急管理局"), DocxTableCell("12", alignment: .right)]),
/// ]))
/// let bytes = try document.data()
/// ```
public struct DocxDocument: Sendable {
    /// The page set-up of the last (usually the only) section.
    public var section: DocxSection
    /// The title stored in the file's properties (File › Properties), not printed.
    public var title: String
    /// The `w:body` content written so far.
    var body: [UInt8] = []
    /// PNG images the body refers to as `rIdImage1`, `rIdImage2`, … (see `appendImage`).
    var images: [[UInt8]] = []

    public init(section: DocxSection = DocxSection(), title: String = "") {
        self.section = section
        self.title = title
        body.reserveCapacity(16 * 1024)
    }

    /// Appends a paragraph.
    public mutating func append(_ paragraph: DocxParagraph) {
        DocxXML.appendParagraph(paragraph, to: &body)
    }

    /// Appends a table. Rows with fewer cells than the grid are padded with empty cells and spans that run
    /// past the grid are shortened, so the table always has a border all round. A table without rows or
    /// columns is left out (Word rejects an empty `w:tbl`).
    public mutating func append(_ table: DocxTable) {
        DocxXML.appendTable(table, to: &body)
    }

    /// Starts a new page. NB: the break sits in a 1-point paragraph of its own, so the next page does not
    /// begin with a visible empty line (Word and LibreOffice keep the break's paragraph mark on the new page).
    public mutating func appendPageBreak() {
        body.append(#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>"#)
        body.append(#"<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr>"#)
        body.append(#"<w:r><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr><w:br w:type="page"/></w:r></w:p>"#)
    }

    /// Ends the current section (with the page set-up in `section`) and starts `next` on a new page, e.g.
    /// to follow portrait forms with a landscape table in one file.
    public mutating func startSection(_ next: DocxSection) {
        body.append("<w:p><w:pPr>")
        DocxXML.appendSectionProperties(section, to: &body)
        body.append("</w:pPr></w:p>")
        section = next
    }

    /// The .docx bytes. The same content always gives the same bytes (fixed ZIP and property dates).
    public func data() throws(DocxError) -> Data {
        try DocxPackage.data(body: body, section: section, title: title, images: images)
    }
}

/// Why a .docx could not be produced.
public enum DocxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The ZIP container could not be built.
    case cannotWriteDocx(reason: String)

    public var description: String {
        switch self {
        case let .cannotWriteDocx(reason):
            "无法生成 Word 文件：\(reason)。 (Could not build the .docx.)"
        }
    }
}

extension DocxError: LocalizedError {
    public var errorDescription: String? { description }
}

/// The page set-up of a section: A4, portrait or landscape, with margins.
public struct DocxSection: Sendable, Hashable {
    public enum Orientation: Sendable, Hashable {
        case portrait
        case landscape
    }

    public var orientation: Orientation
    public var margins: DocxMargins

    public init(orientation: Orientation = .portrait, margins: DocxMargins = .twoCentimetres) {
        self.orientation = orientation
        self.margins = margins
    }

    /// A4 is 210 × 297 mm = 11906 × 16838 twips (1 twip = 1/20 pt = 1/1440 inch).
    public var pageWidth: Int { orientation == .portrait ? 11906 : 16838 }
    public var pageHeight: Int { orientation == .portrait ? 16838 : 11906 }
    /// The width between the left and right margins, which a full-width table should add up to.
    public var textWidth: Int { pageWidth - margins.left - margins.right }
}

/// Page margins in twips (567 twips = 1 cm).
public struct DocxMargins: Sendable, Hashable {
    public var top: Int
    public var right: Int
    public var bottom: Int
    public var left: Int
    /// Distance of the header and footer from the page edge.
    public var header: Int
    public var footer: Int

    public init(top: Int, right: Int, bottom: Int, left: Int, header: Int = 567, footer: Int = 567) {
        self.top = top; self.right = right; self.bottom = bottom; self.left = left
        self.header = header; self.footer = footer
    }

    /// 2 cm all round.
    public static let twoCentimetres = DocxMargins(top: 1134, right: 1134, bottom: 1134, left: 1134)
}

/// A paragraph: runs of text with one alignment and spacing.
public struct DocxParagraph: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable {
        case left
        case center
        case right
        /// Both edges (两端对齐).
        case justified
    }

    /// The paragraph styles defined in the document's styles.xml.
    public enum Style: Sendable, Hashable {
        /// 黑体 16 pt bold, centred, 6 pt after.
        case title
        /// 宋体 14 pt bold, centred, 6 pt after.
        case subtitle
    }

    public var runs: [DocxRun]
    public var alignment: Alignment?
    public var style: Style?
    /// Space before and after the paragraph, in points.
    public var spaceBefore: Double
    public var spaceAfter: Double
    /// Line spacing as a multiple of single spacing (1.5 = one and a half lines); nil for the style's.
    public var lineSpacing: Double?
    /// Indent of the first line in characters of the paragraph's font (2 = the usual 首行缩进两字).
    public var firstLineIndentCharacters: Double
    /// Keep on the same page as the next paragraph (for a heading above a table).
    public var keepWithNext: Bool
    /// Start the paragraph on a new page.
    public var pageBreakBefore: Bool
    /// Left-aligned tab stops, in twips from the paragraph's left edge, for a tab (`\t`) in the text.
    public var tabStops: [Int]

    /// A paragraph of one run. `size` is in points; `font` replaces both the Chinese and Latin font.
    public init(
        _ text: String = "", alignment: Alignment? = nil, bold: Bool = false, size: Double? = nil,
        font: String? = nil, style: Style? = nil, spaceBefore: Double = 0, spaceAfter: Double = 0,
        lineSpacing: Double? = nil, keepWithNext: Bool = false
    ) {
        self.init(
            runs: [DocxRun(text, bold: bold, size: size, font: font)], alignment: alignment, style: style,
            spaceBefore: spaceBefore, spaceAfter: spaceAfter, lineSpacing: lineSpacing, keepWithNext: keepWithNext
        )
    }

    public init(
        runs: [DocxRun], alignment: Alignment? = nil, style: Style? = nil, spaceBefore: Double = 0,
        spaceAfter: Double = 0, lineSpacing: Double? = nil, firstLineIndentCharacters: Double = 0,
        keepWithNext: Bool = false, pageBreakBefore: Bool = false, tabStops: [Int] = []
    ) {
        self.runs = runs
        self.alignment = alignment
        self.style = style
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.lineSpacing = lineSpacing
        self.firstLineIndentCharacters = firstLineIndentCharacters
        self.keepWithNext = keepWithNext
        self.pageBreakBefore = pageBreakBefore
        self.tabStops = tabStops
    }
}

/// A run of text with one character format. A line feed in the text becomes a line break, a tab a tab;
/// characters XML 1.0 forbids are dropped.
public struct DocxRun: Sendable, Hashable {
    public var text: String
    public var bold: Bool
    public var underline: Bool
    /// Font size in points; nil for the style's (10.5 pt, 五号, in the body).
    public var size: Double?
    /// A font for both Chinese and Latin text, e.g. "黑体"; nil for the style's (宋体 / Times New Roman).
    public var font: String?

    public init(_ text: String, bold: Bool = false, underline: Bool = false, size: Double? = nil, font: String? = nil) {
        self.text = text
        self.bold = bold
        self.underline = underline
        self.size = size
        self.font = font
    }
}

/// A table with single-line borders on every cell and fixed column widths.
public struct DocxTable: Sendable, Hashable {
    /// The grid: each column's width in twips (567 = 1 cm). Cells span whole grid columns.
    public var columnWidths: [Int]
    public var rows: [DocxTableRow]
    /// Draw the borders (all cells, single 0.5 pt lines); false for a layout-only table.
    public var borders: Bool
    /// Keep the whole table on one page (e.g. a signature block), moving it to the next page if need be;
    /// for longer tables only rows are kept whole (`DocxTableRow.cantSplit`).
    public var keepTogether: Bool

    public init(columnWidths: [Int], rows: [DocxTableRow] = [], borders: Bool = true, keepTogether: Bool = false) {
        self.columnWidths = columnWidths
        self.rows = rows
        self.borders = borders
        self.keepTogether = keepTogether
    }

    /// Widths in twips for `relative` widths scaled to fill `total` twips (the last column takes the rounding).
    public static func widths(relative: [Double], total: Int) -> [Int] {
        let positive = relative.map { $0.isFinite && $0 > 0 ? $0 : 1 }
        let sum = positive.reduce(0, +)
        guard sum > 0 else { return [] }
        var widths = positive.map { Int(($0 / sum * Double(total)).rounded()) }
        if let last = widths.indices.last { widths[last] += total - widths.reduce(0, +) }
        return widths
    }
}

/// One table row.
public struct DocxTableRow: Sendable, Hashable {
    public var cells: [DocxTableCell]
    /// A heading row, repeated at the top of each page the table runs onto (only leading rows repeat).
    public var isHeader: Bool
    /// Keep the row on one page rather than splitting it across a page break.
    public var cantSplit: Bool
    /// The least height of the row in twips (it grows with its content); nil to fit the content.
    public var minimumHeight: Int?

    public init(_ cells: [DocxTableCell], isHeader: Bool = false, cantSplit: Bool = true, minimumHeight: Int? = nil) {
        self.cells = cells
        self.isHeader = isHeader
        self.cantSplit = cantSplit
        self.minimumHeight = minimumHeight
    }
}

/// One table cell: paragraphs, how many grid columns it spans, and whether it merges with the cells above.
public struct DocxTableCell: Sendable, Hashable {
    public enum VerticalMerge: Sendable, Hashable {
        /// The first (top) cell of a vertically merged range; it holds the content.
        case restart
        /// A cell merged into the one above it; its content is ignored.
        case `continue`
    }

    public enum VerticalAlignment: Sendable, Hashable {
        case top
        case center
        case bottom
    }

    public var paragraphs: [DocxParagraph]
    /// How many grid columns the cell covers (horizontal merge).
    public var span: Int
    public var verticalMerge: VerticalMerge?
    public var verticalAlignment: VerticalAlignment

    /// A cell holding one paragraph of text.
    public init(
        _ text: String = "", alignment: DocxParagraph.Alignment = .left, bold: Bool = false, size: Double? = nil,
        span: Int = 1, verticalMerge: VerticalMerge? = nil, verticalAlignment: VerticalAlignment = .center
    ) {
        self.init(
            paragraphs: [DocxParagraph(text, alignment: alignment, bold: bold, size: size)],
            span: span, verticalMerge: verticalMerge, verticalAlignment: verticalAlignment
        )
    }

    public init(
        paragraphs: [DocxParagraph], span: Int = 1, verticalMerge: VerticalMerge? = nil,
        verticalAlignment: VerticalAlignment = .center
    ) {
        self.paragraphs = paragraphs
        self.span = span
        self.verticalMerge = verticalMerge
        self.verticalAlignment = verticalAlignment
    }

    /// The lower part of a vertically merged cell.
    public static func mergedAbove(span: Int = 1) -> DocxTableCell {
        DocxTableCell(paragraphs: [], span: span, verticalMerge: .continue)
    }
}
