import Foundation
import ZIPFoundation
#if canImport(CZlib)
// NB: ZIPFoundation's own module map for the system zlib on Linux (on Apple platforms ZIPFoundation uses the
// Compression framework instead, and so does `deflate` below). Its `Data.compress` computes the CRC-32 with
// a byte-at-a-time Swift loop there, which cost as much as the deflating itself.
import CZlib
#endif

/// A ZIP archive assembled in memory from entries whose compressed bytes are already known.
///
/// NB: `ZIPFoundation.Archive` deflates every entry afresh and rewrites its central directory after
/// each one; for a .docx of nine parts that cost more than generating the document. Here the fixed parts
/// are deflated once per process and copied into each file, and only `word/document.xml` is deflated per
/// document. Entries carry a fixed DOS date, so the same content gives the same bytes in any time zone.
struct ZipContainer {
    private var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var entries = 0

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// An entry ready to copy into archives.
    struct Entry: Sendable {
        let path: [UInt8]
        let deflated: Bool
        let crc: UInt32
        let uncompressedSize: Int
        let data: [UInt8]

        /// Deflates `content` (falling back to storing it if compression fails).
        static func deflated(_ path: String, _ content: [UInt8]) -> Entry {
            if let (crc, data) = try? ZipContainer.deflate([content]) {
                return Entry(path: Array(path.utf8), deflated: true, crc: crc, uncompressedSize: content.count, data: data)
            }
            return stored(path, content)
        }

        static func stored(_ path: String, _ content: [UInt8]) -> Entry {
            Entry(path: Array(path.utf8), deflated: false, crc: ZipContainer.checksum(content),
                  uncompressedSize: content.count, data: content)
        }
    }

    mutating func add(_ entry: Entry) throws(DocxError) {
        try append(path: entry.path, deflated: entry.deflated, crc: entry.crc,
                   uncompressedSize: entry.uncompressedSize, data: entry.data)
    }

    /// Deflates the concatenation of `segments` into a new entry without joining them first.
    mutating func addDeflated(_ path: String, segments: [[UInt8]]) throws(DocxError) {
        guard segments.reduce(0, { $0 + $1.count }) < Self.limit else { throw .cannotWriteDocx(reason: "文档超过 4 GB") }
        let (crc, data): (UInt32, [UInt8])
        do {
            (crc, data) = try Self.deflate(segments)
        } catch {
            throw .cannotWriteDocx(reason: "压缩 \(path) 失败")
        }
        try append(path: Array(path.utf8), deflated: true, crc: crc,
                   uncompressedSize: segments.reduce(0) { $0 + $1.count }, data: data)
    }

    /// The archive: the entries, then the central directory and its end record.
    mutating func finish() throws(DocxError) -> Data {
        let directoryOffset = bytes.count
        guard directoryOffset < Self.limit, directory.count < Self.limit, entries < 0xFFFF else {
            throw .cannotWriteDocx(reason: "文档超过 4 GB")
        }
        bytes.append(contentsOf: directory)
        appendUInt32(0x0605_4B50, to: &bytes)  // end of central directory
        appendUInt16(0, to: &bytes)  // this disk
        appendUInt16(0, to: &bytes)  // disk with the central directory
        appendUInt16(UInt16(entries), to: &bytes)
        appendUInt16(UInt16(entries), to: &bytes)
        appendUInt32(UInt32(directory.count), to: &bytes)
        appendUInt32(UInt32(directoryOffset), to: &bytes)
        appendUInt16(0, to: &bytes)  // comment length
        return Data(bytes)
    }

    /// Sizes and offsets must fit the 32-bit fields (no ZIP64).
    private static let limit = 0xFFFF_FFFF
    /// 2020-01-01 00:00:00 in MS-DOS format: date = (year − 1980) << 9 | month << 5 | day, time = 0.
    private static let dosDate: UInt16 = (2020 - 1980) << 9 | 1 << 5 | 1
    private static let dosTime: UInt16 = 0

    private mutating func append(path: [UInt8], deflated: Bool, crc: UInt32, uncompressedSize: Int,
                                 data: [UInt8]) throws(DocxError) {
        let offset = bytes.count
        guard uncompressedSize < Self.limit, data.count < Self.limit, offset < Self.limit else {
            throw .cannotWriteDocx(reason: "文档超过 4 GB")
        }
        let method: UInt16 = deflated ? 8 : 0
        appendUInt32(0x0403_4B50, to: &bytes)  // local file header
        appendUInt16(20, to: &bytes)  // version needed: 2.0 (deflate)
        appendUInt16(0, to: &bytes)  // flags: sizes known up front, ASCII names
        appendUInt16(method, to: &bytes)
        appendUInt16(Self.dosTime, to: &bytes)
        appendUInt16(Self.dosDate, to: &bytes)
        appendUInt32(crc, to: &bytes)
        appendUInt32(UInt32(data.count), to: &bytes)
        appendUInt32(UInt32(uncompressedSize), to: &bytes)
        appendUInt16(UInt16(path.count), to: &bytes)
        appendUInt16(0, to: &bytes)  // extra field length
        bytes.append(contentsOf: path)
        bytes.append(contentsOf: data)

        appendUInt32(0x0201_4B50, to: &directory)  // central directory header
        appendUInt16(20, to: &directory)  // made by: MS-DOS, 2.0
        appendUInt16(20, to: &directory)
        appendUInt16(0, to: &directory)
        appendUInt16(method, to: &directory)
        appendUInt16(Self.dosTime, to: &directory)
        appendUInt16(Self.dosDate, to: &directory)
        appendUInt32(crc, to: &directory)
        appendUInt32(UInt32(data.count), to: &directory)
        appendUInt32(UInt32(uncompressedSize), to: &directory)
        appendUInt16(UInt16(path.count), to: &directory)
        appendUInt16(0, to: &directory)  // extra field length
        appendUInt16(0, to: &directory)  // comment length
        appendUInt16(0, to: &directory)  // disk number
        appendUInt16(0, to: &directory)  // internal attributes
        appendUInt32(0, to: &directory)  // external attributes
        appendUInt32(UInt32(offset), to: &directory)
        directory.append(contentsOf: path)
        entries += 1
    }

    /// Raw deflate of the concatenated segments and their CRC-32: with zlib directly where ZIPFoundation
    /// uses it (Linux), else with ZIPFoundation's `Data.compress` (the Compression framework).
    static func deflate(_ segments: [[UInt8]]) throws -> (UInt32, [UInt8]) {
        #if canImport(CZlib)
        try zlibDeflate(segments)
        #else
        try foundationDeflate(segments)
        #endif
    }

    struct CompressionFailed: Error {}

    #if canImport(CZlib)
    /// zlib's level, measured on 一企一表 (document.xml about 25 KB): level 3 writes 8,000 files a second
    /// at 7.0 KB, the default 6 writes 5,000 at 6.6 KB. A combined document of thousands of forms repeats
    /// itself at long distances, which only the slower levels find: 2,000 forms take 3.3 MB at level 3,
    /// 2.1 MB at 6, for about the same time.
    static func level(forSize size: Int) -> Int32 {
        size < 1 << 20 ? 3 : 6
    }

    private static func zlibDeflate(_ segments: [[UInt8]]) throws -> (UInt32, [UInt8]) {
        let total = segments.reduce(0) { $0 + $1.count }
        var stream = z_stream()
        guard deflateInit2_(&stream, level(forSize: total), Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw CompressionFailed() }
        defer { deflateEnd(&stream) }

        var output: [UInt8] = []
        output.reserveCapacity(total / 4 + 1024)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        var crc = crc32(0, nil, 0)

        /// Runs deflate over what `stream` holds until it wants more input (or, finishing, is done).
        func drain(_ flush: Int32) throws {
            var status: Int32 = Z_OK
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { buffer -> Int in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = CZlib.deflate(&stream, flush)
                    return buffer.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw CompressionFailed()
                }
                output.append(contentsOf: chunk[0..<produced])
            } while flush == Z_FINISH ? status != Z_STREAM_END : stream.avail_out == 0
        }

        for segment in segments where !segment.isEmpty {
            try segment.withUnsafeBufferPointer { input in
                crc = crc32(crc, input.baseAddress, uInt(input.count))
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                try drain(Z_NO_FLUSH)
                stream.next_in = nil
            }
        }
        try drain(Z_FINISH)
        return (UInt32(truncatingIfNeeded: crc), output)
    }
    #endif

    private static func foundationDeflate(_ segments: [[UInt8]]) throws -> (UInt32, [UInt8]) {
        let total = segments.reduce(0) { $0 + $1.count }
        let bufferSize = min(max(total, 4096), 1 << 20)
        var output: [UInt8] = []
        output.reserveCapacity(total / 4 + 1024)
        var segment = 0
        var offsetInSegment = 0
        let crc = try Data.compress(size: Int64(total), bufferSize: bufferSize, provider: { _, size in
            // The provider is asked for consecutive chunks, in order.
            var chunk = Data(capacity: size)
            var needed = size
            while needed > 0 && segment < segments.count {
                let available = segments[segment].count - offsetInSegment
                let take = min(available, needed)
                if take > 0 {
                    segments[segment].withUnsafeBufferPointer {
                        chunk.append(UnsafeBufferPointer(rebasing: $0[offsetInSegment..<offsetInSegment + take]))
                    }
                }
                needed -= take
                offsetInSegment += take
                if offsetInSegment == segments[segment].count {
                    segment += 1
                    offsetInSegment = 0
                }
            }
            return chunk
        }, consumer: { compressed in
            output.append(contentsOf: compressed)
        })
        return (crc, output)
    }

    static func checksum(_ content: [UInt8]) -> UInt32 {
        #if canImport(CZlib)
        content.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count))) }
        #else
        content.withUnsafeBufferPointer { Data(buffer: $0) }.crc32(checksum: 0)
        #endif
    }
}

@inline(__always)
private func appendUInt16(_ value: UInt16, to out: inout [UInt8]) {
    out.append(UInt8(truncatingIfNeeded: value))
    out.append(UInt8(truncatingIfNeeded: value >> 8))
}

@inline(__always)
private func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
    out.append(UInt8(truncatingIfNeeded: value))
    out.append(UInt8(truncatingIfNeeded: value >> 8))
    out.append(UInt8(truncatingIfNeeded: value >> 16))
    out.append(UInt8(truncatingIfNeeded: value >> 24))
}
