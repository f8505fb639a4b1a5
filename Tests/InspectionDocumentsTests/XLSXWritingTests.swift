import Foundation
import InspectionDocuments
import Testing

@Suite struct XLSXWritingTests {
    /// A statistics table: a merged title, two header rows, bordered body rows.
    private static func statisticsSheet() -> XLSXSheet {
        XLSXSheet(
            name: "统计表",
            rows: [
                [.title("2024年第一季度联合抽查结果统计"), .empty(style: .title), .empty(style: .title), .empty(style: .title)],
                [.header("区划代码"), .header("统一社会信用代码"), .header("检查结果"), .empty(style: .header)],
                [.empty(style: .header), .empty(style: .header), .header("合格"), .header("不合格")],
                [.body("130111"), .body("911301110JX5R7R96D"), .body(12), .body(0.5)],
                [.body("130102"), .text("  前后空格  "), .number(3), .empty(style: .body)],
            ],
            merges: [XLSXRange("A1:D1")!, XLSXRange("C2:D2")!, XLSXRange("A2:A3")!, XLSXRange("B2:B3")!],
            columnWidths: [10, 24.5, 8, 8],
            landscape: true,
            frozenRows: 3
        )
    }

    @Test func writesAWorkbookThatReadsBack() throws {
        let data = try XLSXWorkbook(sheets: [Self.statisticsSheet()]).data()
        var table = try TableReader(data: data, format: .xlsx)
        // Empty cells carry no value, so the title row is one cell wide, and rows are padded to that width only.
        #expect(table.header == ["2024年第一季度联合抽查结果统计"])
        #expect(try table.next() == ["区划代码", "统一社会信用代码", "检查结果"])
        #expect(try table.next() == ["", "", "合格", "不合格"])
        #expect(try table.next() == ["130111", "911301110JX5R7R96D", "12", "0.5"])
        #expect(table.rowNumber == 4)
        #expect(try table.next() == ["130102", "  前后空格  ", "3"])
        #expect(try table.next() == nil)
    }

    @Test func textCellsUseTheTextNumberFormat() throws {
        let data = try XLSXWorkbook(sheets: [Self.statisticsSheet()]).data()
        let styles = try unzippedText(data, "xl/styles.xml")
        let sheet = try unzippedText(data, "xl/worksheets/sheet1.xml")

        // numFmtId of each cellXfs entry, in order.
        let cellXfs = try #require(styles.firstRange(between: "<cellXfs", and: "</cellXfs>"))
        let formats = cellXfs.matches(of: /<xf numFmtId="(\d+)"/).map { Int($0.output.1)! }
        #expect(formats.count >= 2)

        let cells = sheet.matches(of: /<c r="([A-Z]+\d+)"(?: s="(\d+)")?( t="s")?/)
        #expect(cells.count == 20)
        var textCells = 0
        for cell in cells {
            let style = cell.output.2.map { Int($0)! } ?? 0
            if cell.output.3 != nil {
                textCells += 1
                #expect(formats[style] == 49, "text cell \(cell.output.1) has numFmtId \(formats[style])")
            }
        }
        #expect(textCells == 10)
        // The numbers are numbers, not text.
        #expect(sheet.contains(#"<c r="C4" s="5"><v>12</v></c>"#))
        #expect(sheet.contains(#"<c r="D4" s="5"><v>0.5</v></c>"#))
        #expect(sheet.contains(#"<c r="C5"><v>3</v></c>"#))
        #expect(styles.contains(#"<name val="宋体"/>"#))
    }

    @Test func writesMergesFrozenHeaderWidthsAndLandscapeA4() throws {
        let data = try XLSXWorkbook(sheets: [Self.statisticsSheet()]).data()
        let sheet = try unzippedText(data, "xl/worksheets/sheet1.xml")
        #expect(sheet.contains(#"<mergeCells count="4"><mergeCell ref="A1:D1"/><mergeCell ref="C2:D2"/>"#))
        #expect(sheet.contains(#"<pageSetup paperSize="9" orientation="landscape""#))
        #expect(sheet.contains(#"<pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<col min="2" max="2" width="24.5" customWidth="1"/>"#))
        #expect(sheet.contains(#"<dimension ref="A1:D5"/>"#))
        let workbook = try unzippedText(data, "xl/workbook.xml")
        #expect(workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">'统计表'!$1:$3</definedName>"#))
        let paths = try zipPaths(data)
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"] {
            #expect(paths.contains(part), "missing \(part)")
        }
    }

    @Test func dropsSingleCellAndOverlappingMerges() throws {
        let sheet = XLSXSheet(
            name: "s", rows: [[.text("a"), .text("b"), .text("c")]],
            merges: [XLSXRange("A1:B1")!, XLSXRange("B1:C1")!, XLSXRange("C1")!]
        )
        let xml = try unzippedText(try XLSXWorkbook(sheets: [sheet]).data(), "xl/worksheets/sheet1.xml")
        #expect(xml.contains(#"<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>"#))
        #expect(xml.contains(#"orientation="portrait""#))
        #expect(!xml.contains("<pane"))
    }

    @Test func cleansSheetNamesAsExcelRequires() throws {
        let sheets = [
            XLSXSheet(name: "a/b:c*?[x]\\y", rows: [[.text("1")]]),
            XLSXSheet(name: "石家庄市长安区市场监督管理局2024年度第一季度双随机抽查工作结果统计表", rows: [[.text("2")]]),
            XLSXSheet(name: "A/B:C*?[X]\\Y", rows: [[.text("3")]]),
            XLSXSheet(name: "  ", rows: [[.text("4")]]),
        ]
        let workbook = try unzippedText(try XLSXWorkbook(sheets: sheets).data(), "xl/workbook.xml")
        let names = workbook.matches(of: /<sheet name="([^"]*)"/).map { String($0.output.1) }
        #expect(names == ["a_b_c___x__y", "石家庄市长安区市场监督管理局2024年度第一季度双随机抽查工作", "A_B_C___X__Y(2)", "Sheet4"])
        #expect(names.allSatisfy { $0.utf16.count <= 31 })
    }

    @Test func escapesMarkupDropsIllegalCharactersAndKeepsLineBreaks() throws {
        let awkward = "a<b>&\"c\" 'd'\u{1}\u{FFFF}\r\n第二行\t_x0041_ "
        let sheet = XLSXSheet(name: "s", rows: [[.text("h")], [.text(awkward)], [.number(1e20)], [.number(-0.25)]])
        let data = try XLSXWorkbook(sheets: [sheet]).data()
        var table = try TableReader(data: data, format: .xlsx)
        #expect(try table.next() == ["a<b>&\"c\" 'd'\r\n第二行\t_x0041_ "])
        #expect(try table.next() == ["100000000000000000000"])
        #expect(try table.next() == ["-0.25"])
        let strings = try unzippedText(data, "xl/sharedStrings.xml")
        #expect(strings.contains("_x005F_x0041_"))
        #expect(!strings.contains("\u{1}"))
    }

    @Test func emptyWorkbookStillHasOneSheet() throws {
        let data = try XLSXWorkbook(sheets: []).data()
        #expect(try zipPaths(data).contains("xl/worksheets/sheet1.xml"))
        #expect(throws: DocumentError.emptyFile) { try TableReader(data: data, format: .xlsx) }
    }

    @Test func largeSheetsRoundTripAcrossManyChunksAndSheets() throws {
        let header: [XLSXCell] = ["统一社会信用代码", "名称", "区划", "序号", "备注"].map { XLSXCell.header($0) }
        var rows = [header]
        for i in 0..<30_000 {
            rows.append([
                .text(String(format: "91130111%010d", i)),
                .text("企业\(i % 977)&<有限公司>"),
                .text("1301\(String(format: "%02d", i % 40))"),
                .number(i),
                i % 7 == 0 ? .empty : .text(i % 2 == 0 ? "" : "备注 \(i)"),
            ])
        }
        let book = XLSXWorkbook(sheets: [
            XLSXSheet(name: "企业", rows: rows, frozenRows: 1),
            XLSXSheet(name: "第二张", rows: [[.text("x")]]),
        ])
        let data = try book.data()
        #expect(try book.data() == data, "the same workbook should give the same bytes")

        var table = try TableReader(data: data, format: .xlsx)
        #expect(table.header == ["统一社会信用代码", "名称", "区划", "序号", "备注"])
        var count = 0
        while let row = try table.next() {
            let i = count
            let note = i % 7 == 0 || i % 2 == 0 ? "" : "备注 \(i)"
            let expected = [String(format: "91130111%010d", i), "企业\(i % 977)&<有限公司>",
                            "1301\(String(format: "%02d", i % 40))", "\(i)", note]
            if row != expected {
                Issue.record("row \(table.rowNumber): \(row) != \(expected)")
                break
            }
            #expect(table.rowNumber == i + 2)
            count += 1
        }
        #expect(count == 30_000)
    }

    @Test func refusesSheetsBeyondExcelsLimits() {
        let wide = XLSXSheet(name: "宽", rows: [Array(repeating: XLSXCell.empty, count: 16_385)])
        let long = XLSXSheet(name: "长", rows: Array(repeating: [], count: 1_048_577))
        for sheet in [wide, long] {
            let error = #expect(throws: DocumentError.self) { try XLSXWorkbook(sheets: [sheet]).data() }
            guard case let .cannotWriteXLSX(reason) = error else {
                Issue.record("expected .cannotWriteXLSX, got \(String(describing: error))")
                continue
            }
            #expect(reason.contains("“\(sheet.name)”"))
        }
    }

    @Test func rangesParseAndPrintA1Notation() {
        let range = XLSXRange("$B$2:a10")
        #expect(range == XLSXRange(rows: 1...9, columns: 0...1))
        #expect(range?.description == "A2:B10")
        #expect(XLSXRange(rows: 0...0, columns: 0...26).description == "A1:AA1")
        #expect(XLSXRange("A0") == nil)
        #expect(XLSXRange("1A") == nil)
        #expect(XLSXRange("A1:B2:C3") == nil)
    }
}

extension String {
    /// The text between the first `start` and the following `end`.
    func firstRange(between start: String, and end: String) -> Substring? {
        guard let open = range(of: start), let close = range(of: end, range: open.upperBound..<endIndex) else {
            return nil
        }
        return self[open.upperBound..<close.lowerBound]
    }
}
