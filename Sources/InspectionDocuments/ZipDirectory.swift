import Foundation
import ZIPFoundation
#if canImport(CZlib)
// NB: ZIPFoundation's module map for the system zlib on Linux (see ZipContainer).
import CZlib
#endif

/// The entries of a ZIP archive held in memory (an uploaded .xlsx), read from its central directory,
/// and their contents, each inflated from its own bytes only.
///
/// NB: the reader never trusts a size or an offset from the file: every place it reads lies inside the
/// data, and an entry yields at most what its compressed bytes inflate to before the caller's budget
/// stops it. ZIPFoundation's reading `Archive` is not used for uploads: on Linux it inflates from the
/// entry's offset until the deflate stream ends, reading past the entry and, when the stream never ends,
/// looping forever at the end of the data (found by fuzzing: a 1,371-byte .xlsx kept it busy for good);
/// it takes the compression method from the local header but the size from the central directory (a
/// "stored" entry claiming 4 GB loops as long); and it traps when a header points past the end.
struct ZipDirectory {
    struct Entry {
        /// The path as written in the archive.
        let path: String
        /// 0 stored, 8 deflated; any other method cannot be read.
        let method: Int
        /// Bit 0: the entry is encrypted.
        let flags: Int
        /// Where the entry's compressed bytes lie in the archive.
        let data: Range<Int>
    }

    private let bytes: [UInt8]
    /// The entries in central-directory order; directories (paths ending in "/") left out.
    private(set) var entries: [Entry] = []

    static let corrupt = DocumentError.notAnXLSX(reason: "压缩包结构损坏，无法打开")

    /// Throws `.notAnXLSX` when the archive's structure is damaged or points outside `data`.
    init(_ data: Data) throws(DocumentError) {
        bytes = [UInt8](data)
        let bytes = self.bytes
        let corrupt = Self.corrupt
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
        func inside(_ offset: UInt64, _ length: UInt64) -> Bool {
            offset <= UInt64(bytes.count) && UInt64(bytes.count) - offset >= length
        }

        // The end-of-central-directory record: 22 bytes and a comment of at most 65,535, at the end.
        guard bytes.count >= 22 else { throw corrupt }
        var eocd = -1
        var at = bytes.count - 22
        while at >= max(0, bytes.count - 22 - 65_535) {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06 { eocd = at; break }
            at -= 1
        }
        guard eocd >= 0 else { throw corrupt }
        var directory = UInt64(u32(eocd + 16))
        var directorySize = UInt64(u32(eocd + 12))
        var count = UInt64(u16(eocd + 10))
        // A zip64 archive keeps the real values in the zip64 record its locator (just before) names.
        if eocd >= 20, u32(eocd - 20) == 0x0706_4B50 {
            let record = u64(eocd - 20 + 8)
            guard inside(record, 56), u32(Int(record)) == 0x0606_4B50 else { throw corrupt }
            directory = u64(Int(record) + 48)
            directorySize = u64(Int(record) + 40)
            count = u64(Int(record) + 32)
        }
        // Each central record takes at least 46 bytes, so the count is bounded by the data.
        guard inside(directory, directorySize), count <= directorySize / 46 else { throw corrupt }

        var position = Int(directory)
        let end = position + Int(directorySize)
        for _ in 0..<Int(count) {
            guard position + 46 <= end, u32(position) == 0x0201_4B50 else { throw corrupt }
            let nameLength = u16(position + 28), extraLength = u16(position + 30), commentLength = u16(position + 32)
            let recordLength = 46 + nameLength + extraLength + commentLength
            guard position + recordLength <= end else { throw corrupt }
            // A value of 0xFFFFFFFF stands in the zip64 extra field (id 1), in this order when present.
            var compressed = UInt64(u32(position + 20))
            var local = UInt64(u32(position + 42))
            let uncompressed32 = u32(position + 24)
            if compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF || uncompressed32 == 0xFFFF_FFFF {
                var extra = position + 46 + nameLength
                let extraEnd = extra + extraLength
                while extra + 4 <= extraEnd {
                    let id = u16(extra), size = u16(extra + 2)
                    guard extra + 4 + size <= extraEnd else { throw corrupt }
                    if id == 1 {
                        var field = extra + 4
                        func next() throws(DocumentError) -> UInt64 {
                            guard field + 8 <= extra + 4 + size else { throw corrupt }
                            defer { field += 8 }
                            return u64(field)
                        }
                        if uncompressed32 == 0xFFFF_FFFF { _ = try next() }
                        if compressed == 0xFFFF_FFFF { compressed = try next() }
                        if local == 0xFFFF_FFFF { local = try next() }
                    }
                    extra += 4 + size
                }
            }
            let method = u16(position + 10)
            // The local header must be one, with the same method, and the data must follow it inside.
            guard inside(local, 30), u32(Int(local)) == 0x0403_4B50, u16(Int(local) + 8) == method else { throw corrupt }
            let header = UInt64(30 + u16(Int(local) + 26) + u16(Int(local) + 28))
            guard inside(local, header), inside(local + header, compressed) else { throw corrupt }
            let start = Int(local + header)
            let path = String(decoding: bytes[(position + 46)..<(position + 46 + nameLength)], as: UTF8.self)
            if !path.hasSuffix("/") {
                entries.append(Entry(path: path, method: method, flags: u16(position + 8), data: start..<(start + Int(compressed))))
            }
            position += recordLength
        }
    }

    /// Hands `entry`'s content to `consume` in chunks of at most `chunkSize` bytes, inflating only the
    /// entry's own compressed bytes. Throws `.malformedXLSX` naming `part` when they are not a complete
    /// deflate stream (or use a method or encryption this reader does not know); `consume` bounds the
    /// output (the caller's budget).
    func read(
        _ entry: Entry, part: String, chunkSize: Int = 64 * 1024,
        _ consume: (ArraySlice<UInt8>) throws(DocumentError) -> Void
    ) throws(DocumentError) {
        let damaged = DocumentError.malformedXLSX(reason: "无法解压 \(part)")
        guard entry.flags & 1 == 0 else { throw damaged }
        switch entry.method {
        case 0:
            var start = entry.data.lowerBound
            while start < entry.data.upperBound {
                let end = min(start + chunkSize, entry.data.upperBound)
                try consume(bytes[start..<end])
                start = end
            }
        case 8:
            try Self.inflate(bytes[entry.data], chunkSize: chunkSize, failure: damaged, consume)
        default:
            throw damaged
        }
    }

    #if canImport(CZlib)
    /// Raw inflate of `input` alone: each call to zlib consumes input or produces output, the output is
    /// bounded by `consume`, and the input running out before the stream's end is an error.
    private static func inflate(
        _ input: ArraySlice<UInt8>, chunkSize: Int, failure: DocumentError,
        _ consume: (ArraySlice<UInt8>) throws(DocumentError) -> Void
    ) throws(DocumentError) {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw failure }
        defer { inflateEnd(&stream) }
        guard input.count <= Int(UInt32.max) else { throw failure }
        var output = [UInt8](repeating: 0, count: chunkSize)
        try input.withUnsafeBufferPointer { source throws(DocumentError) in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            while true {
                var status: Int32 = Z_OK
                let produced = output.withUnsafeMutableBufferPointer { buffer -> Int in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return buffer.count - Int(stream.avail_out)
                }
                // Z_BUF_ERROR: no progress was possible, i.e. the input ended inside the stream.
                guard status == Z_OK || status == Z_STREAM_END else { throw failure }
                if produced > 0 { try consume(output[0..<produced]) }
                if status == Z_STREAM_END { return }
            }
        }
    }
    #else
    /// Raw inflate of `input` alone with ZIPFoundation (the Compression framework on Apple platforms),
    /// whose provider is asked for consecutive chunks; asking past the end is an error.
    private static func inflate(
        _ input: ArraySlice<UInt8>, chunkSize: Int, failure: DocumentError,
        _ consume: (ArraySlice<UInt8>) throws(DocumentError) -> Void
    ) throws(DocumentError) {
        var position = input.startIndex
        do {
            _ = try Data.decompress(size: Int64(input.count), bufferSize: chunkSize, skipCRC32: true, provider: { _, size in
                guard position < input.endIndex else { throw failure }
                let end = min(position + size, input.endIndex)
                defer { position = end }
                return Data(input[position..<end])
            }, consumer: { chunk in try consume(ArraySlice(chunk)) })
        } catch let error as DocumentError {
            throw error
        } catch {
            throw failure
        }
    }
    #endif
}
