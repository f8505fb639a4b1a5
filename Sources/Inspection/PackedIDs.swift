/// Identifiers (USCCs) kept as their UTF-8 bytes in one buffer, each followed by `\n`: a class of a
/// million enterprises is two arrays, not a million Strings, and once sorted the buffer is the
/// snapshot's input as it is (DRAW.md: each candidate followed by `\n`).
public struct PackedIDs: Sendable {
    /// The ids' bytes, each id followed by 0x0A.
    public private(set) var bytes: [UInt8] = []
    /// Where each id starts in `bytes`.
    private(set) var starts: [Int] = []

    public init() {}

    public var count: Int { starts.count }

    public mutating func reserveCapacity(ids: Int, bytes: Int) {
        starts.reserveCapacity(ids)
        self.bytes.reserveCapacity(bytes)
    }

    public mutating func append(_ id: UnsafeRawBufferPointer) {
        starts.append(bytes.count)
        bytes.append(contentsOf: id)
        bytes.append(0x0A)
    }

    public mutating func append(_ id: String) {
        var id = id
        id.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends `other`'s ids after these.
    public mutating func append(contentsOf other: PackedIDs) {
        let offset = bytes.count
        starts += other.starts.lazy.map { $0 + offset }
        bytes += other.bytes
    }

    /// The id at `i` (without its `\n`).
    public subscript(i: Int) -> String {
        bytes.withUnsafeBytes { String(decoding: Self.id(i, starts, $0), as: UTF8.self) }
    }

    /// Every id as a String, in order.
    public var strings: [String] {
        bytes.withUnsafeBytes { raw in
            let address = Int(bitPattern: raw.baseAddress), count = raw.count, starts = starts
            return VerifiableDraw.inParallel(count: starts.count) {
                let raw = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: address), count: count)
                return { i in String(decoding: Self.id(i, starts, raw), as: UTF8.self) }
            }
        }
    }

    /// The bytes of id `i` in `raw` (this value's `bytes`), without its `\n`.
    @inline(__always)
    static func id(_ i: Int, _ starts: [Int], _ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        let end = i + 1 < starts.count ? starts[i + 1] - 1 : raw.count - 1
        return UnsafeRawBufferPointer(rebasing: raw[starts[i]..<end])
    }

    /// Calls `body` with the bytes of each id, in order.
    func forEachID(_ body: (Int, UnsafeRawBufferPointer) throws -> Void) rethrows {
        try bytes.withUnsafeBytes { raw in
            for i in starts.indices { try body(i, Self.id(i, starts, raw)) }
        }
    }
}
