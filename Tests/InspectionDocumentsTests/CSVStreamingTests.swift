import Foundation
import InspectionDocuments
import Testing

/// A CSV read a piece at a time (`TableReader(csvPieces:)`, what `liancha import` does with a file)
/// reads exactly as the same bytes read whole, wherever the pieces are cut.
@Suite struct CSVStreamingTests {
    /// A reader over `data` handing it out `size` bytes at a time.
    private func streamed(_ data: Data, pieces size: Int) throws -> TableReader {
        var offset = 0
        return try TableReader(csvPieces: {
            guard offset < data.count else { return nil }
            let piece = data.subdata(in: offset ..< min(offset + size, data.count))
            offset += piece.count
            return piece
        })
    }

    /// Header, encoding, every row with its row number, and how reading ended.
    private func transcript(_ make: () throws -> TableReader) -> String {
        do {
            var table = try make()
            var lines = ["header \(table.header)"]
            while let cells = try table.next() { lines.append("\(table.rowNumber): \(cells)") }
            lines.append("encoding \(String(describing: table.encoding))")
            return lines.joined(separator: "\n")
        } catch {
            return "error \(error)"
        }
    }

    static let samples: [Data] = [
        Data("单位名称,统一社会信用代码\n石家庄市某某有限公司,911301110JX5R7R96D\n".utf8),
        Data([0xEF, 0xBB, 0xBF] + Array("代码,名称\r\n130111,长安区\r\n\r\n\r\n130102,\"多\r\n行\"\r\n".utf8)),
        Data("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"line1\r\nline2\"\n\"\",plain,\"\"\"\"\n\n\"ab\"cd,e\r".utf8),
        Data("a,b\r\n\r\n1,2\r3,4\n5,6".utf8),
        Data("a,b\n1,2\n3,\"never closed\n4,5\n".utf8),
        Data(Array("a,b\n1,2\n".utf8) + [0x80, 0xFF, 0x31]),
        Data("'=1+1,'-2\n'+x,'@y\n".utf8),
        Data("\r\n\n\r\n".utf8),
        Data([0xFF, 0xFE, 0x61, 0x00]),
        Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]),
        Data([0xE5, 0x90]),
    ]

    @Test(arguments: [1, 2, 3, 5, 7, 64, 1 << 20])
    func readsAsTheWholeBytesDoWhereverThePiecesAreCut(size: Int) throws {
        var samples = Self.samples
        samples.append(try #require(gb18030("单位名称,地址,备注\r\n\"河北省,石家庄\",长安区𠀀路,价格€\r\n鍀,\"多\n行\",x\r\n")))
        for data in samples {
            let whole = transcript { try TableReader(data: data, format: .csv) }
            let pieces = transcript { try streamed(data, pieces: size) }
            #expect(pieces == whole, "pieces of \(size) bytes of \(Array(data.prefix(24)))")
        }
    }

    @Test func aGB18030FileWhoseFirstPiecesAreASCIIIsStillGB18030() throws {
        let ascii = String(repeating: "130111,x\n", count: 500)
        let data = try #require(gb18030("code,name\n" + ascii + "130102,长安区𠀀路\n"))
        var table = try streamed(data, pieces: 256)
        var last: [String]?
        while let cells = try table.next() { last = cells }
        #expect(last == ["130102", "长安区𠀀路"])
        #expect(table.encoding == .gb18030)
        #expect(table.rowNumber == 502)
    }

    @Test func bytesThatAreNotTextAfterUTF8TextAreRefusedWhereTheyAre() throws {
        let text = "名称,b\n" + String(repeating: "长安区,1\n", count: 300)
        let data = Data(text.utf8) + Data([0xFF, 0x0A])
        let whole = #expect(throws: DocumentError.self) { try TableReader(data: data, format: .csv) }
        var table = try streamed(data, pieces: 100)
        let streamedError = #expect(throws: DocumentError.self) { while try table.next() != nil {} }
        // NB: whole, the file is taken for GB18030 and refused at the first byte that is neither; a
        // stream has already read UTF-8 text and refuses the byte that is not UTF-8.
        #expect(streamedError == .notText(byteOffset: text.utf8.count, line: 302))
        #expect(whole != nil)
    }

    @Test func aRowLongerThanTheLimitIsRefusedWithoutReadingOn() throws {
        var pieces = 0
        let cell = Data(repeating: 0x61, count: 1 << 20)
        var table = try TableReader(csvPieces: {
            pieces += 1
            return pieces == 1 ? Data("a,b\n\"".utf8) : pieces < 100 ? cell : nil
        })
        let error = #expect(throws: DocumentError.self) { try table.next() }
        guard case .tooLarge = error else { Issue.record("expected tooLarge, got \(String(describing: error))"); return }
        #expect(pieces < 20)
    }

    @Test func aReadThatFailsEndsTheTableWithUnreadable() throws {
        struct DiskError: Error {}
        var pieces = 0
        var table = try TableReader(csvPieces: {
            pieces += 1
            if pieces == 1 { return Data("a,b\n1,2\n".utf8) }
            throw DiskError()
        })
        #expect(throws: DocumentError.unreadable) { while try table.next() != nil {} }
        #expect(DocumentError.unreadable.description.contains("nothing was imported"))
    }
}
