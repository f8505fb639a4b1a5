import Foundation
@testable import InspectionDocuments
import Testing

// Issue 9: the readers never trust sizes in headers, bound what they inflate and the rows they keep,
// and say which limit a file broke.

/// A ZIP written byte by byte (deflated entries), so that its headers may claim any size: an entry
/// with `claimed` gets 0xFFFFFFFF sizes and a zip64 extra field saying `claimed` uncompressed bytes.
func rawZip(_ entries: [(path: String, text: String, claimed: UInt64?)]) throws -> Data {
    var out: [UInt8] = []
    var directory: [UInt8] = []
    func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func u32(_ v: UInt32, _ to: inout [UInt8]) { to += (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
    func u64(_ v: UInt64, _ to: inout [UInt8]) { to += (0..<8).map { UInt8(v >> (8 * UInt64($0)) & 0xFF) } }
    for entry in entries {
        let content = Array(entry.text.utf8)
        let (crc, deflated) = try ZipContainer.deflate([content])
        let name = Array(entry.path.utf8)
        var extra: [UInt8] = []
        if let claimed = entry.claimed {
            u16(1, &extra); u16(16, &extra); u64(claimed, &extra); u64(UInt64(deflated.count), &extra)
        }
        let sizes: (UInt32, UInt32) = entry.claimed == nil ? (UInt32(deflated.count), UInt32(content.count)) : (0xFFFF_FFFF, 0xFFFF_FFFF)
        let offset = out.count
        u32(0x0403_4B50, &out); u16(45, &out); u16(0, &out); u16(8, &out); u16(0, &out); u16(0x21, &out)
        u32(crc, &out); u32(sizes.0, &out); u32(sizes.1, &out); u16(name.count, &out); u16(extra.count, &out)
        out += name + extra + deflated
        u32(0x0201_4B50, &directory); u16(45, &directory); u16(45, &directory); u16(0, &directory); u16(8, &directory)
        u16(0, &directory); u16(0x21, &directory); u32(crc, &directory); u32(sizes.0, &directory); u32(sizes.1, &directory)
        u16(name.count, &directory); u16(extra.count, &directory); u16(0, &directory); u16(0, &directory); u16(0, &directory)
        u32(0, &directory); u32(UInt32(offset), &directory)
        directory += name + extra
    }
    let directoryOffset = out.count
    out += directory
    u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
    u32(UInt32(directory.count), &out); u32(UInt32(directoryOffset), &out); u16(0, &out)
    return Data(out)
}

@Suite struct ReadLimitsTests {
    static let main = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main""#
    static let rel = #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
    static let workbook = "<workbook \(main) \(rel)><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
    static let rels = """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        </Relationships>
        """

    static func sheet(rows: Int) -> String {
        "<worksheet \(main)><sheetData>"
            + (1...rows).map { "<row r=\"\($0)\"><c r=\"A\($0)\" t=\"inlineStr\"><is><t>第\($0)行</t></is></c></row>" }.joined()
            + "</sheetData></worksheet>"
    }

    @Test func aZip64HeaderClaiming2To45BytesIsNotBelieved() throws {
        // The workbook part claims 32 TiB; the reader used to reserve that much and abort.
        let data = try rawZip([("xl/workbook.xml", Self.workbook, 1 << 45), ("xl/_rels/workbook.xml.rels", Self.rels, nil),
                               ("xl/worksheets/sheet1.xml", Self.sheet(rows: 3), 1 << 45)])
        var reader = try TableReader(data: data, format: .xlsx)
        #expect(reader.header == ["第1行"])
        #expect(try reader.readAll().map(\.cells) == [["第2行"], ["第3行"]])
    }

    @Test func aSheetInflatingPastThePartLimitIsRefusedNamingTheLimit() throws {
        let data = try rawZip([("xl/workbook.xml", Self.workbook, nil), ("xl/_rels/workbook.xml.rels", Self.rels, nil),
                               ("xl/worksheets/sheet1.xml", Self.sheet(rows: 20_000), 1 << 45)])
        let limits = ReadLimits(maxRows: 1_000_000, maxPartBytes: 1 << 20, maxTotalBytes: 4 << 20)
        #expect(throws: DocumentError.tooLarge(part: "工作簿中的 xl/worksheets 解压后", limit: 1 << 20)) {
            try TableReader(data: data, format: .xlsx, limits: limits)
        }
        #expect(DocumentError.tooLarge(part: "工作簿中的 xl/worksheets 解压后", limit: 1 << 20).description.contains("超过 1 MB 的上限"))
        let total = ReadLimits(maxRows: 1_000_000, maxPartBytes: 4 << 20, maxTotalBytes: 1 << 20)
        #expect(throws: DocumentError.tooLarge(part: "工作簿解压后", limit: 1 << 20)) {
            try TableReader(data: data, format: .xlsx, limits: total)
        }
    }

    @Test func rowsPastTheLimitAreRefusedInBothFormats() throws {
        let limits = ReadLimits(maxRows: 10, maxPartBytes: 1 << 20, maxTotalBytes: 1 << 20)
        let csv = Data(("名称\n" + (1...11).map { "第\($0)行" }.joined(separator: "\n")).utf8)
        var reader = try TableReader(data: csv, format: .csv, limits: limits)
        #expect(throws: DocumentError.tooManyRows(limit: 10)) { try reader.readAll() }
        let xlsx = try makeZip([("xl/workbook.xml", Self.workbook), ("xl/_rels/workbook.xml.rels", Self.rels),
                                ("xl/worksheets/sheet1.xml", Self.sheet(rows: 5_000))])
        // NB: the sheet stops being parsed after the limit, whatever its length.
        #expect(throws: DocumentError.tooManyRows(limit: 10)) { try TableReader(data: xlsx, format: .xlsx, limits: limits) }
        // Exactly at the limit reads.
        var exact = try TableReader(data: try makeZip([("xl/workbook.xml", Self.workbook), ("xl/_rels/workbook.xml.rels", Self.rels),
                                                       ("xl/worksheets/sheet1.xml", Self.sheet(rows: 11))]), format: .xlsx, limits: limits)
        #expect(try exact.readAll().count == 10)
    }

    @Test func aRowThatNeverEndsIsRefusedWithoutRescanningItForever() throws {
        let endless = "<worksheet \(Self.main)><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
            + String(repeating: "甲", count: 3 << 20) + "</t></is></c>"
        let data = try makeZip([("xl/workbook.xml", Self.workbook), ("xl/_rels/workbook.xml.rels", Self.rels),
                                ("xl/worksheets/sheet1.xml", endless)])
        #expect(throws: DocumentError.tooLarge(part: "xl/worksheets 中的一个 <row> 元素", limit: 8 << 20)) {
            try TableReader(data: data, format: .xlsx)
        }
    }
}
