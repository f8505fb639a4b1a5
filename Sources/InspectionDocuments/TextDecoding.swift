import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of a CSV into UTF-8, detecting which of the encodings Excel and WPS write it is in.
enum TextDecoding {
    /// UTF-8 text and the encoding it was found in.
    struct Decoded {
        var utf8: Data
        var encoding: DetectedEncoding
    }

    static func decode(_ data: Data) throws(DocumentError) -> Decoded {
        guard !data.isEmpty else { throw .emptyFile }
        let head = Array(data.prefix(4))
        if head.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = data.dropFirst(3)
            if let bad = body.withUnsafeBytes({ firstInvalidUTF8(in: $0) }) {
                throw notText(in: data, at: bad + 3)
            }
            return Decoded(utf8: body, encoding: .utf8WithBOM)
        }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { throw .utf16NotSupported }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { throw .workbookGivenAsCSV }

        guard data.withUnsafeBytes({ firstInvalidUTF8(in: $0) }) != nil else {
            return Decoded(utf8: data, encoding: .utf8)
        }
        switch data.withUnsafeBytes({ transcodeGB18030($0) }) {
        case let .success(utf8):
            return Decoded(utf8: utf8, encoding: .gb18030)
        case let .failure(failure):
            throw notText(in: data, at: failure.byteOffset)
        }
    }

    private static func notText(in data: Data, at offset: Int) -> DocumentError {
        let line = data.withUnsafeBytes { raw in
            raw.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
        return .notText(byteOffset: offset, line: line)
    }

    /// The offset of the first byte that is not part of well-formed UTF-8, or nil if all of it is.
    static func firstInvalidUTF8(in raw: UnsafeRawBufferPointer) -> Int? {
        guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let count = raw.count
        var i = 0
        while i < count {
            // NB: most CSV bytes are ASCII; checking eight at a time makes validation ~5x faster.
            while i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < count else { return nil }
            let b0 = base[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            // Chinese text is mostly three-byte sequences E1...EF (bar ED): check those first.
            if b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && i + 3 <= count {
                if base[i + 1] & 0xC0 != 0x80 || base[i + 2] & 0xC0 != 0x80 { return i }
                i += 3
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= count else { return i }
            let b1 = base[i + 1]
            guard b1 >= lower && b1 <= upper else { return i }
            if length > 2 && base[i + 2] & 0xC0 != 0x80 { return i }
            if length > 3 && base[i + 3] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    struct TranscodingFailure: Error {
        var byteOffset: Int
    }

    /// GB18030 → UTF-8 through the C library's iconv (Foundation on Linux has no GB18030 codec).
    static func transcodeGB18030(_ raw: UnsafeRawBufferPointer) -> Result<Data, TranscodingFailure> {
        let converter = iconv_open("UTF-8", "GB18030")
        guard let converter, converter != iconv_t(bitPattern: -1) else {
            return .failure(TranscodingFailure(byteOffset: 0))
        }
        defer { iconv_close(converter) }
        guard let inputBase = raw.baseAddress else { return .success(Data()) }

        // GBK's two-byte characters become three UTF-8 bytes, so 1.5x is almost always enough.
        var output = Data(count: raw.count + raw.count / 2 + 64)
        var written = 0
        var input = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: CChar.self))
        var inputLeft = raw.count
        while inputLeft > 0 {
            let capacity = output.count
            var failed = false
            output.withUnsafeMutableBytes { out in
                var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress!
                    .assumingMemoryBound(to: CChar.self) + written
                var outLeft = capacity - written
                var inPointer: UnsafeMutablePointer<CChar>? = input
                let result = iconv(converter, &inPointer, &inputLeft, &outPointer, &outLeft)
                input = inPointer!
                written = capacity - outLeft
                if result == -1 && errno != E2BIG { failed = true }
            }
            if failed {
                let offset = UnsafeRawPointer(input) - inputBase
                return .failure(TranscodingFailure(byteOffset: offset))
            }
            if inputLeft > 0 { output.count = capacity + max(capacity / 2, 4096) }
        }
        output.count = written
        return .success(output)
    }
}
