import Crypto
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
        var hasher = SHA256()
        for id in sortedByBytes(candidates) {
            hasher.update(data: Array(nfc(id).utf8))
            hasher.update(data: [0x0A])
        }
        return hex(hasher.finalize())
    }

    /// ticket(id) = SHA-256(seed ‖ UTF-8(scope) ‖ 0x1F ‖ UTF-8(id)), all text NFC-normalised.
    public static func ticket(seed: [UInt8], scope: String, id: String) -> [UInt8] {
        var prefix = seed
        prefix += Array(nfc(scope).utf8)
        prefix.append(0x1F)
        return ticket(prefix: prefix, id: Array(nfc(id).utf8))
    }

    /// The candidates in ticket order (ties by UTF-8 of the id): the first k are the draw.
    public static func order(seed: [UInt8], scope: String, candidates: [String]) -> [String] {
        var prefix = seed
        prefix += Array(nfc(scope).utf8)
        prefix.append(0x1F)
        var keyed = candidates.map { id -> (ticket: [UInt8], id: [UInt8], text: String) in
            let bytes = Array(nfc(id).utf8)
            return (ticket(prefix: prefix, id: bytes), bytes, id)
        }
        keyed.sort { a, b in
            a.ticket != b.ticket ? a.ticket.lexicographicallyPrecedes(b.ticket) : a.id.lexicographicallyPrecedes(b.id)
        }
        return keyed.map(\.text)
    }

    /// The first `k` candidates in ticket order.
    public static func draw(seed: [UInt8], scope: String, candidates: [String], count k: Int) -> [String] {
        Array(order(seed: seed, scope: scope, candidates: candidates).prefix(k))
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

    static func sortedByBytes(_ ids: [String]) -> [String] {
        ids.map { (Array(nfc($0).utf8), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }

    private static func ticket(prefix: [UInt8], id: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: prefix)
        hasher.update(data: id)
        return Array(hasher.finalize())
    }

    /// NFC normalisation: the same characters typed two ways give one ticket.
    static func nfc(_ text: String) -> String {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? text : text.precomposedStringWithCanonicalMapping
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
