import Foundation
@testable import InspectionDocuments
import Testing

// Issue 9: the .xlsx reader inflates each entry from its own bytes only. ZIPFoundation's reader looped
// forever on a deflate stream that never ends (found by fuzzing) and read a "stored" entry for as long
// as the central directory claimed.

/// A ZIP whose entries' bytes, methods and sizes are written exactly as given, valid or not.
func zipOfRawEntries(
    _ entries: [(path: String, method: Int, localMethod: Int, bytes: [UInt8], uncompressed: UInt32)]
) -> Data {
    var out: [UInt8] = []
    var directory: [UInt8] = []
    func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func u32(_ v: UInt32, _ to: inout [UInt8]) { to += (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
    for entry in entries {
        let name = Array(entry.path.utf8)
        let offset = out.count
        u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(entry.localMethod, &out); u16(0, &out); u16(0x21, &out)
        u32(0, &out); u32(UInt32(entry.bytes.count), &out); u32(entry.uncompressed, &out); u16(name.count, &out); u16(0, &out)
        out += name + entry.bytes
        u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(0, &directory); u16(entry.method, &directory)
        u16(0, &directory); u16(0x21, &directory); u32(0, &directory); u32(UInt32(entry.bytes.count), &directory)
        u32(entry.uncompressed, &directory); u16(name.count, &directory); u16(0, &directory); u16(0, &directory)
        u16(0, &directory); u16(0, &directory); u32(0, &directory); u32(UInt32(offset), &directory)
        directory += name
    }
    let directoryOffset = out.count
    out += directory
    u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
    u32(UInt32(directory.count), &out); u32(UInt32(directoryOffset), &out); u16(0, &out)
    return Data(out)
}

@Suite struct ZipDirectoryTests {
    static func deflated(_ text: String) throws -> [UInt8] { try ZipContainer.deflate([Array(text.utf8)]).1 }

    static let sheet = "<worksheet \(ReadLimitsTests.main)><sheetData>"
        + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c></row>"
        + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>甲公司</t></is></c></row></sheetData></worksheet>"

    static func parts(workbook: [UInt8]) throws -> [(path: String, method: Int, localMethod: Int, bytes: [UInt8], uncompressed: UInt32)] {
        [("xl/workbook.xml", 8, 8, workbook, UInt32(ReadLimitsTests.workbook.utf8.count)),
         ("xl/_rels/workbook.xml.rels", 8, 8, try deflated(ReadLimitsTests.rels), UInt32(ReadLimitsTests.rels.utf8.count)),
         ("xl/worksheets/sheet1.xml", 0, 0, Array(sheet.utf8), UInt32(sheet.utf8.count))]
    }

    @Test func storedAndDeflatedEntriesAreRead() throws {
        let data = zipOfRawEntries(try Self.parts(workbook: try Self.deflated(ReadLimitsTests.workbook)))
        var reader = try TableReader(data: data, format: .xlsx)
        #expect(reader.header == ["名称"])
        #expect(try reader.readAll().map(\.cells) == [["甲公司"]])
    }

    @Test func aDeflateStreamCutShortIsDamagedNotAnEndlessRead() throws {
        // The stream's end is missing, and what follows it in the archive (the next entries, the
        // central directory) is not read in its place.
        let whole = try Self.deflated(ReadLimitsTests.workbook)
        for cut in [0, 1, whole.count / 2, whole.count - 1] {
            let data = zipOfRawEntries(try Self.parts(workbook: Array(whole.prefix(cut))))
            #expect(throws: DocumentError.malformedXLSX(reason: "无法解压 xl/workbook.xml")) {
                try TableReader(data: data, format: .xlsx)
            }
        }
    }

    @Test func anEntryWhoseLocalHeaderNamesAnotherMethodIsDamaged() throws {
        // Stored in its local header, deflated in the directory, claiming 4 GB: read with the local
        // method and the directory's size, it kept a reader busy for minutes.
        var parts = try Self.parts(workbook: try Self.deflated(ReadLimitsTests.workbook))
        parts[0].localMethod = 0
        parts[0].uncompressed = 0xFFFF_FFF0
        #expect(throws: DocumentError.notAnXLSX(reason: "压缩包结构损坏，无法打开")) {
            try TableReader(data: zipOfRawEntries(parts), format: .xlsx)
        }
    }

    @Test func anUnknownCompressionMethodIsDamagedNamingThePart() throws {
        var parts = try Self.parts(workbook: try Self.deflated(ReadLimitsTests.workbook))
        parts[2].method = 14
        parts[2].localMethod = 14
        #expect(throws: DocumentError.malformedXLSX(reason: "无法解压 xl/worksheets")) {
            try TableReader(data: zipOfRawEntries(parts), format: .xlsx)
        }
    }
}
