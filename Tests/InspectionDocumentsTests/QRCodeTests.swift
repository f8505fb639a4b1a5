import Foundation
import InspectionDocuments
import Testing
import ZIPFoundation

/// The PNG's pixels read back by an independent reader (PNG chunks, zlib via ZIPFoundation's inflate).
func decodePNG(_ png: [UInt8]) throws -> (width: Int, height: Int, dark: (Int, Int) -> Bool) {
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    var i = 8
    var width = 0, height = 0
    var idat: [UInt8] = []
    func be(_ at: Int) -> Int { Int(png[at]) << 24 | Int(png[at + 1]) << 16 | Int(png[at + 2]) << 8 | Int(png[at + 3]) }
    while i + 8 <= png.count {
        let length = be(i)
        let type = String(decoding: png[i + 4..<i + 8], as: UTF8.self)
        let data = Array(png[i + 8..<i + 8 + length])
        // The CRC covers type and data.
        let crc = UInt32(be(i + 8 + length))
        #expect(Data(png[i + 4..<i + 8 + length]).crc32(checksum: 0) == crc, "CRC of \(type)")
        if type == "IHDR" {
            width = Int(data[0]) << 24 | Int(data[1]) << 16 | Int(data[2]) << 8 | Int(data[3])
            height = Int(data[4]) << 24 | Int(data[5]) << 16 | Int(data[6]) << 8 | Int(data[7])
            #expect(data[8] == 1 && data[9] == 0, "1-bit greyscale")
        }
        if type == "IDAT" { idat += data }
        i += 12 + length
    }
    // zlib: 2-byte header, raw deflate, Adler-32.
    let deflated = Data(idat[2..<idat.count - 4])
    var raw = Data()
    _ = try Data.decompress(size: Int64(deflated.count), bufferSize: 64 * 1024, skipCRC32: true, provider: { position, size in
        let start = min(Int(position), deflated.count)
        return deflated.subdata(in: start..<min(start + size, deflated.count))
    }, consumer: { raw.append($0) })
    let rowBytes = (width + 7) / 8
    #expect(raw.count == height * (rowBytes + 1))
    let bytes = Array(raw)
    return (width, height, { x, y in
        let byte = bytes[y * (rowBytes + 1) + 1 + x / 8]
        return byte & (0x80 >> UInt8(x % 8)) == 0
    })
}

@Suite struct QRCodeTests {
    static let url = "https://jc.example.gov.cn/v/Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA"

    @Test func theMatrixIsAWellFormedQRSymbolAtLevelM() throws {
        let qr = try QRCode(Self.url)
        // Version from the size; this URL needs more than version 1.
        #expect((qr.width - 17) % 4 == 0 && qr.width > 21)
        // Three finder patterns: a dark 7×7 ring, a light ring, a dark 3×3 centre.
        for (r0, c0) in [(0, 0), (0, qr.width - 7), (qr.width - 7, 0)] {
            for r in 0..<7 {
                for c in 0..<7 {
                    let ring = max(abs(r - 3), abs(c - 3))
                    #expect(qr[r0 + r, c0 + c] == (ring != 2), "finder at \(r0),\(c0)")
                }
            }
        }
        // Timing patterns alternate on row and column 6.
        for k in 8..<(qr.width - 8) {
            #expect(qr[6, k] == (k % 2 == 0) && qr[k, 6] == (k % 2 == 0))
        }
        // The dark module.
        #expect(qr[qr.width - 8, 8])
        // Format information (first copy): a valid BCH(15,5) word for level M.
        var bits = 0
        for i in 0...5 where qr[i, 8] { bits |= 1 << i }
        if qr[7, 8] { bits |= 1 << 6 }
        if qr[8, 8] { bits |= 1 << 7 }
        if qr[8, 7] { bits |= 1 << 8 }
        for i in 9..<15 where qr[8, 14 - i] { bits |= 1 << i }
        let word = bits ^ 0x5412
        let data = word >> 10
        var rem = data
        for _ in 0..<10 { rem = (rem << 1) ^ ((rem >> 9) * 0x537) }
        #expect(word & 0x3FF == rem & 0x3FF, "format information is a BCH code word")
        #expect(data >> 3 == 0, "error correction level M")
    }

    @Test func thePNGDecodesToTheMatrixWithItsQuietZone() throws {
        let qr = try QRCode(Self.url)
        let scale = 6
        let image = try decodePNG(qr.png(scale: scale))
        let side = qr.width + 2 * QRCode.quietZone
        #expect(image.width == side * scale && image.height == side * scale)
        for r in 0..<side {
            for c in 0..<side {
                let inside = (QRCode.quietZone..<QRCode.quietZone + qr.width)
                let expected = inside.contains(r) && inside.contains(c) && qr[r - QRCode.quietZone, c - QRCode.quietZone]
                // Sample the centre of each module's square.
                #expect(image.dark(c * scale + scale / 2, r * scale + scale / 2) == expected)
            }
        }
    }

    @Test func theSVGDrawsEveryDarkModule() throws {
        let qr = try QRCode("https://example.cn/v/abc")
        let svg = qr.svg(size: 120, label: "检查码")
        let tree = try XMLNodeTree.parse(svg)
        let d = try #require(tree.all("path").first?.attributes["d"])
        // Each run "M{x} {y}h{n}…" covers n modules: the sum is the dark count.
        var covered = 0
        for run in d.split(separator: "M") {
            let h = run.split(separator: "h")[1]
            covered += Int(h.prefix { $0.isNumber })!
        }
        #expect(covered == qr.modules.filter { $0 }.count)
    }

    @Test func tooLongATextIsAnError() {
        #expect(throws: QRCode.EncodingFailed(length: 3000)) { try QRCode(String(repeating: "a", count: 3000)) }
    }
}
