import Foundation
import InspectionDocuments
import Testing

/// The reader against workbooks zipped by hand here, so it is tested independently of the writer.
@Suite struct XLSXReadingTests {
    private static let main = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
    private static let rel = #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    /// Two sheets; the workbook lists `sheet2.xml` ("数据") first, so that is the one to read.
    private static func handMadeWorkbook(sheet: String, sharedStrings: String? = nil) throws -> Data {
        var parts: [(path: String, text: String)] = [
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook \(main) \(rel)><sheets>
                <sheet name="数据" sheetId="2" r:id="rId3"/>
                <sheet name="说明" sheetId="1" r:id="rId1"/>
                </sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
                <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
                <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
                </Relationships>
                """),
            ("xl/worksheets/sheet1.xml", """
                <worksheet \(main)><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明页</t></is></c></row></sheetData></worksheet>
                """),
            ("xl/worksheets/sheet2.xml", sheet),
        ]
        if let sharedStrings { parts.append(("xl/sharedStrings.xml", sharedStrings)) }
        return try makeZip(parts)
    }

    private static let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst \(main) count="6" uniqueCount="5">
        <si><t>单位名称</t></si>
        <si><r><rPr><b/></rPr><t>统一社会</t></r><r><t xml:space="preserve">信用代码</t></r><rPh sb="0" eb="1"><t>トウイツ</t></rPh></si>
        <si><t>备注</t></si>
        <si><t xml:space="preserve">  长安区 &amp; 桥西区</t></si>
        <si><t>甲_x000D_乙</t></si>
        </sst>
        """

    @Test func readsTheFirstSheetInWorkbookOrderWithAllCellKinds() throws {
        let sheet = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet \(Self.main)><dimension ref="A1:D7"/><sheetData>
            <row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t> 代码 </t></is></c><c r="D1" t="s"><v>2</v></c></row>
            <row r="2"><c r="A2" t="s"><v>3</v></c><c r="C2"><v>130111</v></c></row>
            <row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4" s="3"><v>9.1130111E+17</v></c><c r="C4" t="b"><v>1</v></c><c r="D4"><v>0.10000000000000001</v></c></row>
            <row r="5"><c r="A5" s="1"/><c r="B5" t="str"><f>A1&amp;B1</f><v>a&amp;b &lt;c&gt; &#x4E2D;&#25991;</v></c></row>
            <row r="6"><c r="A6" s="2"/></row>
            <row r="7"><c r="B7" t="e"><v>#N/A</v></c><c r="D7"><v>-1.5E-3</v></c></row>
            </sheetData><rowBreaks count="1"><brk id="3" max="16383" man="1"/></rowBreaks></worksheet>
            """
        var table = try TableReader(
            data: try Self.handMadeWorkbook(sheet: sheet, sharedStrings: Self.sharedStrings), format: .xlsx
        )
        #expect(table.encoding == nil)
        #expect(table.header == ["单位名称", "统一社会信用代码", "代码", "备注"])
        #expect(table.rowNumber == 1)

        #expect(try table.next() == ["  长安区 & 桥西区", "", "130111", ""])
        #expect(table.rowNumber == 2)
        #expect(try table.next() == ["甲\r乙", "911301110000000000", "TRUE", "0.1"])
        #expect(table.rowNumber == 4)
        #expect(try table.next() == ["", "a&b <c> 中文", "", ""])
        #expect(table.rowNumber == 5)
        #expect(try table.next() == ["", "#N/A", "", "-0.0015"])  // row 6 has no value and is skipped
        #expect(table.rowNumber == 7)
        #expect(try table.next() == nil)
    }

    @Test func headerIsTheFirstNonEmptyRowAndCellsWithoutReferencesFollowOnePerColumn() throws {
        let sheet = """
            <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
            <x:row r="2"><x:c r="A2" s="4"/></x:row>
            <x:row r="3"><x:c t="inlineStr"><x:is><x:t>名称</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>数量</x:t></x:is></x:c></x:row>
            <x:row><x:c t="inlineStr"><x:is><x:t><![CDATA[<甲>]]></x:t></x:is></x:c><x:c><x:v>12.50</x:v></x:c></x:row>
            </x:sheetData></x:worksheet>
            """
        var table = try TableReader(data: try Self.handMadeWorkbook(sheet: sheet), format: .xlsx)
        #expect(table.header == ["名称", "数量"])
        #expect(table.rowNumber == 3)
        #expect(try table.next() == ["<甲>", "12.5"])
        #expect(table.rowNumber == 4)
    }

    @Test func padsShortRowsToTheHeaderWidthAndKeepsLongerOnes() throws {
        let sheet = """
            <worksheet \(Self.main)><sheetData>
            <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="C1" t="inlineStr"><is><t>c</t></is></c></row>
            <row r="2"><c r="A2"><v>1</v></c></row>
            <row r="3"><c r="E3"><v>5</v></c></row>
            </sheetData></worksheet>
            """
        var table = try TableReader(data: try Self.handMadeWorkbook(sheet: sheet), format: .xlsx)
        #expect(try table.next() == ["1", "", ""])
        #expect(try table.next() == ["", "", "", "", "5"])
    }

    @Test func fallsBackToSheet1WithoutAWorkbookPart() throws {
        let zip = try makeZip([("xl/worksheets/sheet1.xml", """
            <worksheet \(Self.main)><sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>只有</t></is></c></row>
            <row r="2"><c r="B2"><v>1.0</v></c></row></sheetData></worksheet>
            """)])
        var table = try TableReader(data: zip, format: .xlsx)
        #expect(table.header == ["", "只有"])
        #expect(try table.next() == ["", "1"])
    }

    @Test func explainsFilesThatAreNotWorkbooks() throws {
        func reason(_ data: Data) -> DocumentError? {
            #expect(throws: DocumentError.self) { try TableReader(data: data, format: .xlsx) }
        }
        let xls = reason(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        #expect(xls?.description.contains(".xls") == true)
        let csv = reason(Data("名称,代码\n".utf8))
        #expect(csv?.description.contains("CSV") == true)
        guard case .notAnXLSX = try #require(reason(try makeZip([("readme.txt", "hello")]))) else {
            Issue.record("a ZIP without a workbook should be .notAnXLSX")
            return
        }
        guard case .notAnXLSX = try #require(reason(Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]))) else {
            Issue.record("a truncated ZIP should be .notAnXLSX")
            return
        }
        #expect(reason(Data()) == .emptyFile)
    }

    @Test func reportsABadSharedStringReferenceWithItsRow() throws {
        let sheet = """
            <worksheet \(Self.main)><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>
            <row r="2"><c r="A2" t="s"><v>99</v></c></row></sheetData></worksheet>
            """
        let data = try Self.handMadeWorkbook(sheet: sheet, sharedStrings: Self.sharedStrings)
        let error = #expect(throws: DocumentError.self) { try TableReader(data: data, format: .xlsx) }
        guard case let .malformedXLSX(reason) = error else {
            Issue.record("expected .malformedXLSX, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("第 2 行"))
    }

    @Test func anEmptySheetIsAnEmptyFile() throws {
        let sheet = "<worksheet \(Self.main)><sheetData/></worksheet>"
        #expect(throws: DocumentError.emptyFile) {
            try TableReader(data: try Self.handMadeWorkbook(sheet: sheet), format: .xlsx)
        }
    }
}
