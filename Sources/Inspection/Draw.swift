import Crypto
import Dispatch
import Foundation

/// The verifiable draw of DRAW.md (version 1): a pure function of the seed, the scope and the
/// candidates, which anyone can recompute with SHA-256.
public enum VerifiableDraw {
    /// 32 bytes from hex, or nil.
    public static func seedBytes(hex: String) -> [UInt8]? {
        guard hex.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var it = hex.utf8.makeIterator()
        while let hi = it.next(), let lo = it.next() {
            guard let h = nibble(hi), let l = nibble(lo) else { return nil }
            bytes.append(h << 4 | l)
        }
        return bytes
    }

    /// seed = SHA-256(UTF-8 of the public entropy text), for draws seeded by a public event.
    public static func seed(fromPublicEntropy text: String) -> [UInt8] {
        Array(SHA256.hash(data: Array(nfc(text).utf8)))
    }

    /// The commitment published before the result: SHA-256 of the seed bytes, lower-case hex.
    public static func commitment(seed: [UInt8]) -> String {
        hex(SHA256.hash(data: seed))
    }

    /// SHA-256 over the candidates sorted by their UTF-8 bytes, each followed by `\n`.
    public static func snapshot(_ candidates: [String]) -> String {
        snapshot(sorted: sortedByBytes(candidates))
    }

    /// The snapshot of candidates already in UTF-8 byte order.
    static func snapshot(sorted candidates: [String]) -> String {
        var hasher = SHA256()
        // NB: the ids are gathered into a buffer hashed 64 KiB at a time, not two updates per id.
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 16 + 256)
        for id in candidates {
            buffer.append(contentsOf: nfc(id).utf8)
            buffer.append(0x0A)
            if buffer.count >= 1 << 16 {
                hasher.update(data: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        hasher.update(data: buffer)
        return hex(hasher.finalize())
    }

    /// ticket(id) = SHA-256(seed ‖ UTF-8(scope) ‖ 0x1F ‖ UTF-8(id)), all text NFC-normalised.
    public static func ticket(seed: [UInt8], scope: String, id: String) -> [UInt8] {
        var hasher = prefixHasher(seed: seed, scope: scope)
        hasher.update(data: Array(nfc(id).utf8))
        return Array(hasher.finalize())
    }

    /// The candidates in ticket order (ties by UTF-8 of the id): the first k are the draw.
    public static func order(seed: [UInt8], scope: String, candidates: [String]) -> [String] {
        var keyed = tickets(seed: seed, scope: scope, candidates: candidates)
        keyed.sort { precedes($0, $1, candidates) }
        return keyed.map { candidates[Int($0.index)] }
    }

    /// The first `k` candidates in ticket order.
    ///
    /// NB: every candidate's ticket is computed, but only the first k are kept in order (a bounded
    /// heap): drawing 1 % of a million sorts ten thousand tickets, not a million.
    public static func draw(seed: [UInt8], scope: String, candidates: [String], count k: Int) -> [String] {
        firstK(tickets(seed: seed, scope: scope, candidates: candidates), k) { precedes($0, $1, candidates) }
            .map { candidates[$0.index] }
    }

    /// A candidate's ticket and its position in the candidate list.
    struct Keyed {
        let ticket: Ticket
        let index: Int
    }

    /// Every candidate's ticket, in candidate order.
    static func tickets(seed: [UInt8], scope: String, candidates: [String]) -> [Keyed] {
        // NB: the hash state after seed ‖ scope ‖ 0x1F is computed once per thread and copied per candidate.
        inParallel(count: candidates.count) {
            let prefix = prefixHasher(seed: seed, scope: scope)
            return { index in
                var hasher = prefix
                hasher.update(utf8Of: candidates[index])
                return Keyed(ticket: Ticket(hasher.finalize()), index: index)
            }
        }
    }

    /// Ticket order, ties by the UTF-8 of the ids.
    @inline(__always)
    static func precedes(_ a: Keyed, _ b: Keyed, _ candidates: [String]) -> Bool {
        if a.ticket != b.ticket { return a.ticket < b.ticket }
        return Array(nfc(candidates[a.index]).utf8).lexicographicallyPrecedes(Array(nfc(candidates[b.index]).utf8))
    }

    static func prefixHasher(seed: [UInt8], scope: String) -> SHA256 {
        var hasher = SHA256()
        hasher.update(data: seed)
        hasher.update(data: Array(nfc(scope).utf8))
        hasher.update(data: [0x1F])
        return hasher
    }

    /// A SHA-256 digest as four big-endian words, which order like its bytes.
    struct Ticket: Comparable {
        let w0, w1, w2, w3: UInt64

        init(_ digest: SHA256.Digest) {
            var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            digest.withUnsafeBytes { raw in
                func word(_ i: Int) -> UInt64 { UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
                words = (word(0), word(1), word(2), word(3))
            }
            (w0, w1, w2, w3) = words
        }

        static func < (a: Ticket, b: Ticket) -> Bool { (a.w0, a.w1, a.w2, a.w3) < (b.w0, b.w1, b.w2, b.w3) }
    }

    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `ids` sorted by their (NFC) UTF-8 bytes, as the snapshot orders candidates.
    public static func sortedByBytes(_ ids: [String]) -> [String] {
        // NB: ids of at most 24 ASCII bytes (USCCs, certificate numbers) sort on their words
        // (`ASCIIKey`) — byte order, without a million string comparisons.
        var keys: [ASCIIKey] = []
        keys.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            var id = id
            guard let key = id.withUTF8({ asciiKey(UnsafeRawBufferPointer($0), index: index) }) else {
                return ids.map { (Array(nfc($0).utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
            }
            keys.append(key)
        }
        // NB: a record's candidates are stored sorted: verifying it then costs one pass, not a sort.
        if keys.indices.dropFirst().allSatisfy({ !keys[$0].precedes(keys[$0 - 1]) }) { return ids }
        keys.sort { $0.precedes($1) }
        return keys.map { ids[$0.index] }
    }

    /// NFC normalisation: the same characters typed two ways give one ticket.
    static func nfc(_ text: String) -> String {
        isASCII(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether `text` is ASCII (which NFC leaves as it is), eight bytes at a time where it is contiguous.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            while i + 8 <= bytes.count {
                if UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < bytes.count {
                if bytes[i] >= 0x80 { return false }
                i += 1
            }
            return true
        } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }
}

extension SHA256 {
    /// Hashes the NFC UTF-8 of `text` without copying it when it is already contiguous.
    mutating func update(utf8Of text: String) {
        if VerifiableDraw.isASCII(text),
           text.utf8.withContiguousStorageIfAvailable({ update(bufferPointer: UnsafeRawBufferPointer($0)) }) != nil {
            return
        }
        var text = VerifiableDraw.nfc(text)
        text.withUTF8 { update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }
}
