import Foundation

/// Checks, before ZIPFoundation sees an uploaded archive, that every place its reader will seek to
/// lies inside the data: the central directory, each entry's local header and the data after it.
/// NB: ZIPFoundation's in-memory archive traps when asked to seek past the end of its `Data`
/// (found by fuzzing: `fuzz/`, target xlsx), so offsets from the file are never trusted.
enum ZipBounds {
    /// Throws `.notAnXLSX` when an offset of the archive points outside `data`.
    static func check(_ data: Data) throws(DocumentError) {
        let bytes = [UInt8](data)
        let corrupt = DocumentError.notAnXLSX(reason: "压缩包结构损坏，无法打开")
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
        func inside(_ offset: UInt64, _ length: Int) -> Bool { offset <= UInt64(bytes.count) && UInt64(bytes.count) - offset >= UInt64(length) }

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
        var entries = u16(eocd + 10)
        // A zip64 archive keeps the real values in the zip64 record its locator (just before) names.
        if eocd >= 20, u32(eocd - 20) == 0x0706_4B50 {
            let record = u64(eocd - 20 + 8)
            guard inside(record, 56), u32(Int(record)) == 0x0606_4B50 else { throw corrupt }
            directory = u64(Int(record) + 48)
            directorySize = u64(Int(record) + 40)
            let count = u64(Int(record) + 32)
            guard count <= UInt64(bytes.count / 46) else { throw corrupt }
            entries = Int(count)
        }
        guard directorySize <= UInt64(bytes.count), inside(directory, Int(directorySize)) else { throw corrupt }

        var position = Int(directory)
        for _ in 0..<entries {
            guard inside(UInt64(position), 46), u32(position) == 0x0201_4B50 else { throw corrupt }
            let nameLength = u16(position + 28), extraLength = u16(position + 30), commentLength = u16(position + 32)
            guard inside(UInt64(position), 46 + nameLength + extraLength + commentLength) else { throw corrupt }
            // As ZIPFoundation reads them: a value of 0xFFFFFFFF stands in the zip64 extra field (id 1),
            // in this order when present, and a zip64 value of 0 falls back to the 32-bit one.
            let raw = (uncompressed: UInt64(u32(position + 24)), compressed: UInt64(u32(position + 20)), local: UInt64(u32(position + 42)))
            var zip64 = (uncompressed: UInt64(0), compressed: UInt64(0), local: UInt64(0))
            if raw.compressed == 0xFFFF_FFFF || raw.local == 0xFFFF_FFFF || raw.uncompressed == 0xFFFF_FFFF {
                var extra = position + 46 + nameLength
                let end = extra + extraLength
                while extra + 4 <= end {
                    let id = u16(extra), size = u16(extra + 2)
                    guard extra + 4 + size <= end else { throw corrupt }
                    if id == 1 {
                        var field = extra + 4
                        func next() throws(DocumentError) -> UInt64 {
                            guard field + 8 <= extra + 4 + size else { throw corrupt }
                            defer { field += 8 }
                            return u64(field)
                        }
                        if raw.uncompressed == 0xFFFF_FFFF { zip64.uncompressed = try next() }
                        if raw.compressed == 0xFFFF_FFFF { zip64.compressed = try next() }
                        if raw.local == 0xFFFF_FFFF { zip64.local = try next() }
                    }
                    extra += 4 + size
                }
            }
            let local = zip64.local > 0 ? zip64.local : raw.local
            let compressed = zip64.compressed > 0 ? zip64.compressed : raw.compressed
            let uncompressed = zip64.uncompressed > 0 ? zip64.uncompressed : raw.uncompressed
            // A stored entry's data (method 0) is as long as its uncompressed size: ZIPFoundation seeks
            // past that to the data descriptor.
            let stored = u16(position + 10) == 0
            let length = stored ? max(compressed, uncompressed) : compressed
            // The local header, its name and extra field, then the entry's data, all inside.
            guard inside(local, 30) else { throw corrupt }
            let header = 30 + u16(Int(local) + 26) + u16(Int(local) + 28)
            guard inside(local, header), length <= UInt64(bytes.count), inside(local + UInt64(header), Int(length)) else { throw corrupt }
            position += 46 + nameLength + extraLength + commentLength
        }
    }
}
