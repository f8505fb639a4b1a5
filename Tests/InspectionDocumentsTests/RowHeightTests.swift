import Foundation
import Testing
@testable import InspectionDocuments

/// Rows holding wrapped text are written with a height that fits it (neither Excel nor LibreOffice grows
/// a row when it opens a file), read back from the sheet XML.
@Suite struct RowHeightTests {
    /// Row number → height in points, and the column widths, as the sheet XML says.
    func layout(_ data: Data) throws -> (heights: [Int: Double], widths: [Double], defaultHeight: Double) {
        let sheet = try XMLNodeTree.parse(try unzippedText(data, "xl/worksheets/sheet1.xml"))
        var heights: [Int: Double] = [:]
        for row in sheet.all("row") {
            guard let r = row.attributes["r"].flatMap(Int.init), let ht = row.attributes["ht"].flatMap(Double.init) else { continue }
            #expect(row.attributes["customHeight"] == "1")
            heights[r] = ht
        }
        let widths = sheet.all("col").compactMap { $0.attributes["width"].flatMap(Double.init) }
        let defaultHeight = try #require(sheet.all("sheetFormatPr").first?.attributes["defaultRowHeight"].flatMap(Double.init))
        return (heights, widths, defaultHeight)
    }

    /// A lower bound of the lines a text needs in a column, counted here without the writer's model:
    /// a CJK character is two units wide, a column `width` units; a line of 宋体 11 is at least 13.5 pt.
    func leastHeight(_ text: String, width: Double) -> Double {
        let units = text.unicodeScalars.reduce(0.0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
        return (units / width).rounded(.up) * 13.5
    }

    @Test func aLongCellGetsARowTallEnoughForItsLines() throws {
        let long = String(repeating: "市县两级每季度内部联合抽查数量不低于抽查总数量的30%", count: 3)
        let table = ReportTable(title: "指标完成情况", columns: [.init("指标", width: 12), .init("依据", width: 20)],
                                rows: [["短", "短"], ["内部联合抽查占比", long], ["跨部门联合抽查次数", long + long]])
        let (heights, widths, defaultHeight) = try layout(try ReportRenderer.xlsx(table: table))
        #expect(widths == [12, 20])
        // Rows: 1 title, 2 header, 3–5 body.
        #expect(heights[3] == nil)                       // one line: the default height fits
        let second = try #require(heights[4])
        let third = try #require(heights[5])
        #expect(second >= leastHeight(long, width: 20) && second > defaultHeight)
        #expect(third >= leastHeight(long + long, width: 20) && third > second)
        // The first column's text wraps too and fits within its row.
        #expect(second >= leastHeight("内部联合抽查占比", width: 12))
    }

    @Test func titlesNotesAndMergedHeadingsFitAcrossTheirMerge() throws {
        let note = String(repeating: "本系统从检查日期起按工作日历计算，", count: 6)
        let table = ReportTable(title: String(repeating: "二〇二六年第二季度“双随机、一公开”指标完成情况", count: 2),
                                subtitle: [note],
                                columns: [.init("部门", width: 8), .init("发现问题事项（项）", group: "抽查结果", width: 6),
                                          .init("发现问题企业（户）", group: "抽查结果", width: 6)],
                                rows: [["应急", "1", "2"]], notes: [note])
        let data = try ReportRenderer.xlsx(table: table)
        let (heights, _, _) = try layout(data)
        let total = 8.0 + 6 + 6
        // The title is 宋体 16: larger than the body text, over two or more lines here.
        #expect(try #require(heights[1]) >= leastHeight(table.title, width: total) * 16 / 11)
        #expect(try #require(heights[2]) >= leastHeight(note, width: total))
        // Row 4 holds the narrow headings under the group; row 6 the note under the table.
        #expect(try #require(heights[4]) >= leastHeight("发现问题事项（项）", width: 6))
        #expect(try #require(heights[6]) >= leastHeight(note, width: total))
        // Subtitles and notes wrap (no border), as do titles.
        let styles = try XMLNodeTree.parse(try unzippedText(data, "xl/styles.xml"))
        let xfs = try #require(styles.all("cellXfs").first).children
        let sheet = try XMLNodeTree.parse(try unzippedText(data, "xl/worksheets/sheet1.xml"))
        for ref in ["A1", "A2", "A6"] {
            let style = try #require(sheet.all("c").first { $0.attributes["r"] == ref }?.attributes["s"].flatMap(Int.init))
            #expect(xfs[style].child("alignment")?.attributes["wrapText"] == "1", "\(ref)")
        }
    }

    @Test func plainExportsCarryNoHeights() throws {
        var sheet = XLSXSheet(name: "名录")
        sheet.rows = (0..<100).map { _ in [XLSXCell.text(String(repeating: "很长的地址", count: 20))] }
        let (heights, _, _) = try layout(try XLSXWorkbook(sheets: [sheet]).data())
        #expect(heights.isEmpty)
    }

    @Test(arguments: [("", 10.0, 1), ("一二三四", 9.0, 1), ("一二三四五", 9.0, 2), ("abc def ghi", 4.0, 3),
                      ("a\nb\n\nc", 10.0, 4), ("91130111066UK5484K", 9.0, 2)])
    func linesAreCountedAsTheSpreadsheetWraps(text: String, width: Double, lines: Int) {
        #expect(RowHeights.lineCount(text, width: width) == lines)
    }
}
