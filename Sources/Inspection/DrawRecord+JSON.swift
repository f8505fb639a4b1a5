public import Foundation

extension DrawRecord {
    /// Reads a record exported as JSON (`liancha-draw/1`), as `JSONDecoder` reads it.
    ///
    /// NB: a stratum's `candidates` and `drawn` of `minimumList` strings or more (a million in a
    /// large draw) are read by `StratumLists` straight from the bytes, and `JSONDecoder` reads the
    /// rest of the document with those lists emptied: Foundation's decoder spent about half of
    /// `draw verify FILE.json` on them. A list the fast reader does not take exactly as it is (an
    /// escape, a control character, bytes that are not UTF-8, a repeated or escaped key, deep
    /// nesting, anything malformed) leaves the whole document to `JSONDecoder`, so the record and
    /// every error are `JSONDecoder`'s. `minimumList: nil` is `JSONDecoder` alone.
    public init(json data: Data, minimumList: Int?) throws {
        guard let minimumList, let lists = StratumLists(data, minimum: minimumList), !lists.found.isEmpty else {
            self = try JSONDecoder().decode(DrawRecord.self, from: data)
            return
        }
        var record = try JSONDecoder().decode(DrawRecord.self, from: lists.emptied)
        for list in lists.found {
            guard record.strata.indices.contains(list.stratum) else { throw StratumLists.Mismatch() }
            if list.isDrawn { record.strata[list.stratum].drawn = list.ids } else { record.strata[list.stratum].candidates = list.ids }
        }
        self = record
    }
}

/// The long string lists of a record's strata, found in its JSON bytes, and the document with
/// each of them emptied (`[]`). Nil when the document is not one this reader takes as it is.
struct StratumLists {
    struct List {
        var stratum: Int
        var isDrawn: Bool
        var ids: [String]
    }

    struct Mismatch: Error {}

    private(set) var found: [List] = []
    private(set) var emptied = Data()

    init?(_ data: Data, minimum: Int) {
        let result: (found: [List], spans: [Range<Int>])? = data.withUnsafeBytes { raw in
            var scanner = Scanner(bytes: raw, minimum: minimum)
            guard scanner.document() else { return nil }
            return (scanner.found, scanner.spans)
        }
        guard let result else { return nil }
        found = result.found
        var emptied = Data()
        emptied.reserveCapacity(data.count - result.spans.reduce(0) { $0 + $1.count })
        var at = data.startIndex
        for span in result.spans {
            emptied.append(data[at..<data.startIndex + span.lowerBound])
            emptied.append(contentsOf: [0x5B, 0x5D])  // []
            at = data.startIndex + span.upperBound
        }
        emptied.append(data[at...])
        self.emptied = emptied
    }

    /// A recursive-descent pass over the JSON that checks only what it must to find the lists
    /// (the rest is `JSONDecoder`'s to check), and refuses (false) whatever it is not sure of.
    private struct Scanner {
        let bytes: UnsafeRawBufferPointer
        let minimum: Int
        var at = 0
        var found: [List] = []
        var spans: [Range<Int>] = []

        init(bytes: UnsafeRawBufferPointer, minimum: Int) {
            self.bytes = bytes
            self.minimum = minimum
        }

        /// Where a value sits: the record, its strata array, one stratum, one of its lists, or elsewhere.
        enum Place: Equatable {
            case root, strata, stratum(Int), list(stratum: Int, isDrawn: Bool), other
        }

        mutating func document() -> Bool {
            skipSpace()
            guard value(.root, depth: 0) else { return false }
            skipSpace()
            return at == bytes.count
        }

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        mutating func value(_ place: Place, depth: Int) -> Bool {
            guard depth < 64, at < bytes.count else { return false }
            switch bytes[at] {
            case 0x7B: return object(place, depth: depth)
            case 0x5B:
                if case .list(let stratum, let isDrawn) = place, let ids = plainStrings() {
                    if ids.ids.count >= minimum {
                        found.append(List(stratum: stratum, isDrawn: isDrawn, ids: ids.ids))
                        spans.append(ids.span)
                    }
                    return true
                }
                return array(place, depth: depth)
            case 0x22: return string() != nil
            default:
                // A number or literal: JSONDecoder checks it; it ends at a delimiter.
                let start = at
                while at < bytes.count, ![0x2C, 0x5D, 0x7D, 0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
                return at > start
            }
        }

        mutating func object(_ place: Place, depth: Int) -> Bool {
            at += 1
            skipSpace()
            if at < bytes.count, bytes[at] == 0x7D { at += 1; return true }
            var keys: Set<[UInt8]> = []
            while true {
                skipSpace()
                guard let key = string(), !key.contains(0x5C) else { return false }
                // NB: a repeated key in the record or a stratum: which one JSONDecoder keeps is its business.
                if place != .other, !keys.insert(key).inserted { return false }
                skipSpace()
                guard at < bytes.count, bytes[at] == 0x3A else { return false }
                at += 1
                skipSpace()
                let child: Place = switch (place, key) {
                case (.root, Array("strata".utf8)): .strata
                case (.stratum(let i), Array("candidates".utf8)): .list(stratum: i, isDrawn: false)
                case (.stratum(let i), Array("drawn".utf8)): .list(stratum: i, isDrawn: true)
                default: .other
                }
                guard value(child, depth: depth + 1) else { return false }
                skipSpace()
                guard at < bytes.count else { return false }
                if bytes[at] == 0x7D { at += 1; return true }
                guard bytes[at] == 0x2C else { return false }
                at += 1
            }
        }

        mutating func array(_ place: Place, depth: Int) -> Bool {
            at += 1
            skipSpace()
            if at < bytes.count, bytes[at] == 0x5D { at += 1; return true }
            var index = 0
            while true {
                skipSpace()
                guard value(place == .strata ? .stratum(index) : .other, depth: depth + 1) else { return false }
                index += 1
                skipSpace()
                guard at < bytes.count else { return false }
                if bytes[at] == 0x5D { at += 1; return true }
                guard bytes[at] == 0x2C else { return false }
                at += 1
            }
        }

        /// A string's raw bytes (escapes left as they are), after its closing quote.
        mutating func string() -> [UInt8]? {
            guard let span = stringSpan() else { return nil }
            return Array(bytes[span])
        }

        mutating func stringSpan() -> Range<Int>? {
            guard at < bytes.count, bytes[at] == 0x22 else { return nil }
            let start = at + 1
            at += 1
            while at < bytes.count {
                switch bytes[at] {
                case 0x22:
                    at += 1
                    return start..<at - 1
                case 0x5C: at += 2
                default: at += 1
                }
            }
            return nil
        }

        /// An array of strings without escapes or control characters, each valid UTF-8; nil (and
        /// back where it started) otherwise.
        mutating func plainStrings() -> (ids: [String], span: Range<Int>)? {
            let start = at
            at += 1
            var ids: [String] = []
            skipSpace()
            if at < bytes.count, bytes[at] == 0x5D {
                at += 1
                return (ids, start..<at)
            }
            while true {
                skipSpace()
                guard let span = stringSpan(), let id = Self.plain(UnsafeRawBufferPointer(rebasing: bytes[span])) else {
                    at = start
                    return nil
                }
                ids.append(id)
                skipSpace()
                guard at < bytes.count, bytes[at] == 0x2C || bytes[at] == 0x5D else {
                    at = start
                    return nil
                }
                at += 1
                if bytes[at - 1] == 0x5D { return (ids, start..<at) }
            }
        }

        static func plain(_ text: UnsafeRawBufferPointer) -> String? {
            var ascii = true
            for byte in text {
                if byte < 0x20 || byte == 0x5C { return nil }
                if byte >= 0x80 { ascii = false }
            }
            // NB: ASCII is valid UTF-8, and decoding it is not generic: `String(validating:)` looked up
            // its generic metadata for each of a million ids.
            return ascii ? String(decoding: text, as: UTF8.self) : String(validating: text, as: UTF8.self)
        }
    }
}
