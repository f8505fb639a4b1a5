import Foundation
import InspectionDocuments
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct CSVReadingTests {
    private func reader(_ text: String) throws -> TableReader {
        try TableReader(data: Data(text.utf8), format: .csv)
    }

    @Test func readsPlainUTF8() throws {
        var table = try reader("单位名称,统一社会信用代码\n石家庄市某某有限公司,911301110JX5R7R96D\n")
        #expect(table.header == ["单位名称", "统一社会信用代码"])
        #expect(table.encoding == .utf8)
        #expect(table.rowNumber == 1)
        #expect(try table.next() == ["石家庄市某某有限公司", "911301110JX5R7R96D"])
        #expect(table.rowNumber == 2)
        #expect(try table.next() == nil)
    }

    @Test func stripsTheUTF8ByteOrderMark() throws {
        var table = try TableReader(data: Data([0xEF, 0xBB, 0xBF] + Array("代码,名称\r\n130111,长安区\r\n".utf8)), format: .csv)
        #expect(table.encoding == .utf8WithBOM)
        #expect(table.header == ["代码", "名称"])
        #expect(try table.next() == ["130111", "长安区"])
    }

    @Test func readsHardCodedGB18030Bytes() throws {
        // "单位名称,代码\r\n" then "测试,1\r\n" in GB18030 (GBK range).
        let bytes: [UInt8] = [0xB5, 0xA5, 0xCE, 0xBB, 0xC3, 0xFB, 0xB3, 0xC6, 0x2C, 0xB4, 0xFA, 0xC2, 0xEB, 0x0D, 0x0A,
                              0xB2, 0xE2, 0xCA, 0xD4, 0x2C, 0x31, 0x0D, 0x0A]
        var table = try TableReader(data: Data(bytes), format: .csv)
        #expect(table.encoding == .gb18030)
        #expect(table.header == ["单位名称", "代码"])
        #expect(try table.next() == ["测试", "1"])
    }

    @Test func readsGB18030MadeWithIconvIncludingFourByteCharacters() throws {
        // 𠀀 (U+20000) and € need GB18030's four-byte sequences; 鍀 is outside GB2312.
        let text = "单位名称,地址,备注\r\n\"河北省,石家庄\",长安区𠀀路,价格€\r\n鍀,\"多\n行\",x\r\n"
        let gb = try #require(gb18030(text))
        #expect(gb.count != text.utf8.count)
        var table = try TableReader(data: gb, format: .csv)
        #expect(table.encoding == .gb18030)
        #expect(table.header == ["单位名称", "地址", "备注"])
        #expect(try table.next() == ["河北省,石家庄", "长安区𠀀路", "价格€"])
        #expect(try table.next() == ["鍀", "多\n行", "x"])
        #expect(try table.next() == nil)
    }

    @Test func handlesQuotedCommasNewlinesAndEscapedQuotes() throws {
        let csv = "a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"line1\r\nline2\"\n\"\",plain,\"\"\"\"\n"
        var table = try reader(csv)
        #expect(try table.next() == ["x,y", "say \"hi\"", "line1\r\nline2"])
        #expect(try table.next() == ["", "plain", "\""])
        #expect(try table.next() == nil)
    }

    @Test func acceptsCRLFAndCRAndLFLineEndsAndNoFinalNewline() throws {
        var table = try reader("h1,h2\r\n1,2\r3,4\n5,6")
        #expect(try table.next() == ["1", "2"])
        #expect(try table.next() == ["3", "4"])
        #expect(try table.next() == ["5", "6"])
        #expect(table.rowNumber == 4)
        #expect(try table.next() == nil)
    }

    @Test func trimsHeaderCellsButNotDataCells() throws {
        var table = try reader(" 名称\u{3000}, 代码 \n  长安区 , 130111\n")
        #expect(table.header == ["名称", "代码"])
        #expect(try table.next() == ["  长安区 ", " 130111"])
    }

    @Test func skipsBlankLinesButKeepsRowsOfCommasAndCountsRowsAsExcelDoes() throws {
        var table = try reader("\na,b\n\n1,\"multi\nline\"\n,\n\r\n2,x\n")
        #expect(table.header == ["a", "b"])
        #expect(table.rowNumber == 2)  // a blank first line is row 1 in Excel
        #expect(try table.next() == ["1", "multi\nline"])
        #expect(table.rowNumber == 4)
        #expect(try table.next() == ["", ""])
        #expect(table.rowNumber == 5)
        #expect(try table.next() == ["2", "x"])
        #expect(table.rowNumber == 7)
        #expect(try table.next() == nil)
    }

    @Test func rowNumberCountsAMultiLineFieldAsOneRow() throws {
        var table = try reader("名称,说明\n甲,\"第一行\n第二行\n第三行\"\n乙,短\n")
        _ = try table.next()
        #expect(table.rowNumber == 2)
        #expect(try table.next() == ["乙", "短"])
        #expect(table.rowNumber == 3)
    }

    @Test func keepsTextAfterAClosingQuoteAsExcelDoes() throws {
        var table = try reader("a,b\n\"ab\"c,d\n")
        #expect(try table.next() == ["abc", "d"])
    }

    @Test func reportsAnUnterminatedQuoteWithItsRow() throws {
        var table = try reader("a,b\n1,2\n3,\"never closed\n4,5\n")
        #expect(try table.next() == ["1", "2"])
        #expect(throws: DocumentError.unterminatedQuote(row: 3)) { try table.next() }
    }

    @Test func rejectsBytesThatAreNeitherUTF8NorGB18030() throws {
        // 0xFF is not a valid first byte in either encoding.
        let data = Data(Array("a,b\n1,2\n".utf8) + [0x80, 0xFF, 0x31])
        let error = #expect(throws: DocumentError.self) { try TableReader(data: data, format: .csv) }
        #expect(error == .notText(byteOffset: 8, line: 3))
        #expect(error?.description.contains("GB18030") == true)
    }

    @Test func rejectsEmptyFilesAndFilesOfBlankLines() {
        #expect(throws: DocumentError.emptyFile) { try TableReader(data: Data(), format: .csv) }
        #expect(throws: DocumentError.emptyFile) { try TableReader(data: Data("\r\n\n\r\n".utf8), format: .csv) }
    }

    @Test func namesTheProblemWhenTheFileIsUTF16OrAWorkbook() {
        #expect(throws: DocumentError.utf16NotSupported) {
            try TableReader(data: Data([0xFF, 0xFE, 0x61, 0x00]), format: .csv)
        }
        #expect(throws: DocumentError.workbookGivenAsCSV) {
            try TableReader(data: Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]), format: .csv)
        }
    }

    @Test func choosesTheFormatFromTheExtension() {
        #expect(SheetFormat(pathExtension: "CSV") == .csv)
        #expect(SheetFormat(pathExtension: ".XlsX") == .xlsx)
        #expect(SheetFormat(pathExtension: "xls") == nil)
        #expect(SheetFormat(pathExtension: "") == nil)
    }
}

/// `text` in GB18030, converted by the C library so the test does not rely on the code under test.
func gb18030(_ text: String) -> Data? {
    let converter = iconv_open("GB18030", "UTF-8")
    guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
    defer { iconv_close(converter) }
    var input = Array(text.utf8).map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 2 + 16)
    let outputCount = output.count
    return input.withUnsafeMutableBufferPointer { inBuffer -> Data? in
        output.withUnsafeMutableBufferPointer { outBuffer -> Data? in
            var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
            var inLeft = inBuffer.count
            var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
            var outLeft = outputCount
            guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 else { return nil }
            return Data(bytes: outBuffer.baseAddress!, count: outputCount - outLeft)
        }
    }
}
