import CQRencode
import Foundation

/// A QR code made by libqrencode: its module matrix, drawn as SVG (pages) or PNG (documents).
public struct QRCode: Sendable, Hashable {
    /// Modules per side (21 for version 1, +4 per version).
    public let width: Int
    /// Row-major, true = dark.
    public let modules: [Bool]
    /// Quiet zone around the code, in modules (ISO/IEC 18004 asks for 4).
    public static let quietZone = 4

    /// Why a text cannot be encoded.
    public struct EncodingFailed: Error, Equatable, Sendable, CustomStringConvertible {
        public var length: Int
        public init(length: Int) { self.length = length }
        public var description: String { "a text of \(length) bytes cannot be put in a QR code" }
    }

    /// Encodes `text` (UTF-8, 8-bit mode) at error-correction level M, the smallest version that fits.
    public init(_ text: String) throws(EncodingFailed) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= 2048 else { throw EncodingFailed(length: bytes.count) }
        let made: (Int, [Bool])? = bytes.withUnsafeBufferPointer { buffer in
            guard let code = QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, QR_ECLEVEL_M) else { return nil }
            defer { QRcode_free(code) }
            let width = Int(code.pointee.width)
            // Bit 0 of each byte is the module's colour; the other bits say what libqrencode put there.
            let modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
            return (width, modules)
        }
        guard let (width, modules) = made else { throw EncodingFailed(length: bytes.count) }
        self.width = width
        self.modules = modules
    }

    public subscript(row: Int, column: Int) -> Bool { modules[row * width + column] }

    /// An SVG of the code with its quiet zone, `size` CSS pixels wide (one path: small and crisp).
    public func svg(size: Int = 200, label: String = "二维码") -> String {
        let side = width + 2 * Self.quietZone
        var path = ""
        for r in 0..<width {
            var c = 0
            while c < width {
                guard self[r, c] else { c += 1; continue }
                let start = c
                while c < width && self[r, c] { c += 1 }
                path += "M\(start + Self.quietZone) \(r + Self.quietZone)h\(c - start)v1h-\(c - start)z"
            }
        }
        return #"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\#(label)" width="\#(size)" height="\#(size)" "#
            + ##"viewBox="0 0 \##(side) \##(side)" shape-rendering="crispEdges"><rect width="\##(side)" height="\##(side)" fill="#fff"/>"##
            + ##"<path fill="#000" d="\##(path)"/></svg>"##
    }

    /// A 1-bit greyscale PNG of the code with its quiet zone, `scale` pixels per module.
    public func png(scale: Int = 8) -> [UInt8] {
        let side = (width + 2 * Self.quietZone) * scale
        let rowBytes = (side + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * side)
        for y in 0..<side {
            raw.append(0)  // filter: none
            var row = [UInt8](repeating: 0xFF, count: rowBytes)
            let r = y / scale - Self.quietZone
            if r >= 0 && r < width {
                for c in 0..<width where self[r, c] {
                    for x in (c + Self.quietZone) * scale..<(c + Self.quietZone + 1) * scale {
                        row[x / 8] &= ~(0x80 >> UInt8(x % 8))
                    }
                }
            }
            raw.append(contentsOf: row)
        }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        Self.appendBigEndian(UInt32(side), to: &header)
        Self.appendBigEndian(UInt32(side), to: &header)
        header += [1, 0, 0, 0, 0]  // bit depth 1, greyscale, deflate, filter 0, no interlace
        Self.appendChunk("IHDR", header, to: &out)
        Self.appendChunk("IDAT", Self.zlib(raw), to: &out)
        Self.appendChunk("IEND", [], to: &out)
        return out
    }

    /// A zlib stream: header, raw deflate (the DOCX writer's), Adler-32.
    private static func zlib(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        if let (_, deflated) = try? ZipContainer.deflate([data]) {
            out += deflated
        } else {
            // Stored blocks of at most 65,535 bytes.
            var i = 0
            repeat {
                let n = min(65_535, data.count - i)
                out.append(i + n == data.count ? 1 : 0)
                out += [UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
                out += data[i..<i + n]
                i += n
            } while i < data.count
        }
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        appendBigEndian(b << 16 | a, to: &out)
        return out
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &out)
        let typed = Array(type.utf8) + data
        out += typed
        appendBigEndian(ZipContainer.checksum(typed), to: &out)
    }

    private static func appendBigEndian(_ value: UInt32, to out: inout [UInt8]) {
        out += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
