import Foundation
import InspectionDocuments
import Testing

@Suite struct CSVWritingTests {
    @Test func writesUTF8WithBOMAndCRLF() {
        let data = CSVWriter.write(header: ["代码", "名称"], rows: [["130111", "长安区"]])
        #expect(Array(data) == [0xEF, 0xBB, 0xBF] + Array("代码,名称\r\n130111,长安区\r\n".utf8))
    }

    @Test func quotesOnlyWhatNeedsQuoting() {
        let data = CSVWriter.write(header: ["a"], rows: [["plain", "x,y", "say \"hi\"", " lead", "trail\u{3000}", "l1\nl2", "中文"]])
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        #expect(text == "a\r\nplain,\"x,y\",\"say \"\"hi\"\"\",\" lead\",\"trail\u{3000}\",\"l1\nl2\",中文\r\n")
    }

    @Test func awkwardValuesRoundTripThroughTheReader() throws {
        let header = ["统一社会信用代码", "名称", "备注", "空"]
        let rows: [[String]] = [
            ["911301110JX5R7R96D", "石家庄\"某某\"有限公司", "第一行\r\n第二行", ""],
            ["130111", "  前后有空格  ", "逗号,分号;", "\r"],
            ["", "", "", ""],
            ["\"", "\"\"", ",", "\n"],
            ["🧧 emoji", "tab\there", "trailing\u{3000}", "0012"],
        ]
        let data = CSVWriter.write(header: header, rows: rows + [[""]])
        var table = try TableReader(data: data, format: .csv)
        #expect(table.encoding == .utf8WithBOM)
        #expect(table.header == header)
        for (index, expected) in rows.enumerated() {
            #expect(try table.next() == expected)
            #expect(table.rowNumber == index + 2)
        }
        #expect(try table.next() == [""], "a lone empty field must not turn into a skipped blank line")
        #expect(try table.next() == nil)
    }
}
