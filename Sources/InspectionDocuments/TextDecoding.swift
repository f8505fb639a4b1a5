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
        let (output, consumed, failed) = transcode(raw, with: converter, final: true)
        return failed ? .failure(TranscodingFailure(byteOffset: consumed)) : .success(output)
    }

    /// Converts as much of `raw` as `converter` can: the UTF-8, the input bytes consumed, and whether
    /// it stopped on a byte that is not GB18030. Unless `final`, an incomplete character at the end is
    /// left unconsumed for the next piece.
    static func transcode(_ raw: UnsafeRawBufferPointer, with converter: iconv_t, final: Bool) -> (Data, consumed: Int, failed: Bool) {
        guard let inputBase = raw.baseAddress, raw.count > 0 else { return (Data(), 0, false) }
        // GBK's two-byte characters become three UTF-8 bytes, so 1.5x is almost always enough.
        var output = Data(count: raw.count + raw.count / 2 + 64)
        var written = 0
        var input = UnsafeMutablePointer(mutating: inputBase.assumingMemoryBound(to: CChar.self))
        var inputLeft = raw.count
        var failed = false
        var incomplete = false
        while inputLeft > 0 && !failed && !incomplete {
            let capacity = output.count
            output.withUnsafeMutableBytes { out in
                var outPointer: UnsafeMutablePointer<CChar>? = out.baseAddress!
                    .assumingMemoryBound(to: CChar.self) + written
                var outLeft = capacity - written
                var inPointer: UnsafeMutablePointer<CChar>? = input
                let result = iconv(converter, &inPointer, &inputLeft, &outPointer, &outLeft)
                input = inPointer!
                written = capacity - outLeft
                if result == -1 {
                    if errno == EINVAL && !final { incomplete = true } else if errno != E2BIG { failed = true }
                }
            }
            if inputLeft > 0 && !failed && !incomplete { output.count = capacity + max(capacity / 2, 4096) }
        }
        output.count = written
        return (output, UnsafeRawPointer(input) - inputBase, failed)
    }
}

/// A CSV read a piece at a time (a file of any size), decoded to UTF-8 pieces as `TextDecoding.decode`
/// decodes whole data: a BOM means UTF-8; otherwise UTF-8 until a byte that is not, which makes the
/// file GB18030 if everything before it was ASCII (the two agree there) and an error otherwise.
/// Memory is one piece, whatever the file's size.
///
/// Used by one reader at a time (hence `@unchecked Sendable`).
final class TextStream: @unchecked Sendable {
    private let read: () throws -> Data?
    private(set) var encoding: DetectedEncoding = .utf8
    /// Input bytes not yet decoded: an incomplete character at the end of the last piece.
    private var pending = Data()
    /// The 0-based file offset and 1-based line of `pending`'s first byte, for errors.
    private var offset = 0
    private var line = 1
    private var onlyASCII = true
    private var converter: iconv_t?
    private var started = false
    private var finished = false

    /// `read` returns the file's next bytes, nil (or empty) at the end.
    init(read: @escaping () throws -> Data?) {
        self.read = read
    }

    deinit {
        if let converter { iconv_close(converter) }
    }

    private func readPiece() throws(DocumentError) -> Data? {
        do {
            guard let data = try read(), !data.isEmpty else { return nil }
            return data
        } catch {
            throw .unreadable
        }
    }

    /// The next piece of UTF-8 text, nil after the last.
    func next() throws(DocumentError) -> Data? {
        while !finished {
            var piece = try readPiece()
            if !started {
                started = true
                // The first bytes decide BOM, UTF-16 and ZIP, as for whole data.
                while var head = piece, head.count < 4, let more = try readPiece() {
                    head.append(more)
                    piece = head
                }
                guard let first = piece else { throw .emptyFile }
                let head = Array(first.prefix(4))
                if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { throw .utf16NotSupported }
                if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { throw .workbookGivenAsCSV }
                if head.starts(with: [0xEF, 0xBB, 0xBF]) {
                    encoding = .utf8WithBOM
                    offset = 3
                    piece = Data(first.dropFirst(3))
                }
            }
            let atEnd = piece == nil
            if atEnd { finished = true }
            var input = pending
            pending = Data()
            if let piece { if input.isEmpty { input = piece } else { input.append(piece) } }
            guard !input.isEmpty else { continue }
            let out = try decode(input, atEnd: atEnd)
            if !out.isEmpty { return out }
        }
        return nil
    }

    private func decode(_ input: Data, atEnd: Bool) throws(DocumentError) -> Data {
        if encoding == .gb18030 { return try transcode(input, atEnd: atEnd) }
        let (cut, bad, ascii) = input.withUnsafeBytes { raw -> (Int, Int?, Bool) in
            let cut = atEnd ? raw.count : Self.completeLength(raw)
            let whole = UnsafeRawBufferPointer(rebasing: raw[..<cut])
            let bad = TextDecoding.firstInvalidUTF8(in: whole)
            return (cut, bad, bad == nil && onlyASCII && Self.isASCII(whole))
        }
        if let bad {
            if encoding == .utf8 && onlyASCII {
                // Everything before was ASCII, which GB18030 reads the same: the file is GB18030.
                encoding = .gb18030
                return try transcode(input, atEnd: atEnd)
            }
            throw .notText(byteOffset: offset + bad, line: line + Self.newlines(in: input, upTo: bad))
        }
        onlyASCII = ascii
        line += Self.newlines(in: input, upTo: cut)
        offset += cut
        pending = input.subdata(in: input.startIndex + cut ..< input.endIndex)
        return input.prefix(cut)
    }

    private func transcode(_ input: Data, atEnd: Bool) throws(DocumentError) -> Data {
        if converter == nil {
            let opened = iconv_open("UTF-8", "GB18030")
            guard let opened, opened != iconv_t(bitPattern: -1) else { throw .notText(byteOffset: offset, line: line) }
            converter = opened
        }
        let (out, consumed, failed) = input.withUnsafeBytes { TextDecoding.transcode($0, with: converter!, final: atEnd) }
        if failed { throw .notText(byteOffset: offset + consumed, line: line + Self.newlines(in: input, upTo: consumed)) }
        // NB: 0x0A never occurs inside a GB18030 character, so counting it counts lines.
        line += Self.newlines(in: input, upTo: consumed)
        offset += consumed
        pending = input.subdata(in: input.startIndex + consumed ..< input.endIndex)
        return out
    }

    /// The length of `raw` without a UTF-8 character cut off at its end.
    private static func completeLength(_ raw: UnsafeRawBufferPointer) -> Int {
        var i = raw.count - 1
        while i >= 0 && raw.count - i < 4 && raw[i] & 0xC0 == 0x80 { i -= 1 }
        guard i >= 0 else { return raw.count }
        let lead = raw[i]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return i + length > raw.count ? i : raw.count
    }

    private static func isASCII(_ raw: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i + 8 <= raw.count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < raw.count {
            if raw[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    private static func newlines(in data: Data, upTo end: Int) -> Int {
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return 0 }
            var count = 0
            var p = base
            let stop = base + min(end, raw.count)
            while p < stop, let found = memchr(p, 0x0A, stop - p) {
                count += 1
                p = UnsafeRawPointer(found) + 1
            }
            return count
        }
    }
}
