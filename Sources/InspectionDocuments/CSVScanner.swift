import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads RFC 4180 records one at a time from UTF-8 bytes, building `String`s only for the record asked for.
/// The bytes are either all there (`init(utf8:)`) or come a piece at a time from a `TextStream`: then only
/// the current piece and the record that straddles it are held, and one record may be at most
/// `ReadLimits.maxElementBytes` long.
///
/// Blank lines (no characters at all) are skipped but still counted, so `rowNumber` is the row a user
/// sees when the same file is opened in Excel or WPS.
struct CSVScanner: Sendable {
    private var bytes: Data
    private var position = 0
    /// No bytes follow `bytes`.
    private var atEnd: Bool
    private let source: TextStream?
    /// The row number of the record last returned (0 before the first).
    private(set) var rowNumber = 0
    /// Unescaped bytes of a quoted field containing `""`, reused between fields.
    private var scratch: [UInt8] = []

    init(utf8 bytes: Data) {
        self.bytes = bytes
        atEnd = true
        source = nil
    }

    /// Reads the UTF-8 pieces of `source` as they are needed.
    init(source: TextStream) {
        bytes = Data()
        atEnd = false
        self.source = source
    }

    private enum Outcome {
        case record
        case end
        case unterminatedQuote
        /// The bytes end inside a record (or a CR that may be followed by LF) and more may follow.
        case needMore
    }

    /// The next record's fields, or nil at the end of the data.
    mutating func next(into fields: inout [String]) throws(DocumentError) -> Bool {
        while true {
            fields.removeAll(keepingCapacity: true)
            var position = self.position
            var rowNumber = self.rowNumber
            var scratch = self.scratch
            self.scratch = []
            let atEnd = self.atEnd
            let outcome = bytes.withUnsafeBytes { raw -> Outcome in
                guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return atEnd ? .end : .needMore }
                return Self.scan(base, raw.count, atEnd, &position, &rowNumber, &fields, &scratch)
            }
            self.position = position
            self.rowNumber = rowNumber
            self.scratch = scratch
            switch outcome {
            case .record: return true
            case .end: return false
            case .unterminatedQuote: throw .unterminatedQuote(row: rowNumber)
            case .needMore: try refill()
            }
        }
    }

    /// Keeps the unread bytes and appends the next piece, or marks the end.
    private mutating func refill() throws(DocumentError) {
        guard let piece = try source?.next() else {
            atEnd = true
            return
        }
        let unread = bytes.count - position
        guard unread <= ReadLimits.maxElementBytes else {
            throw .tooLarge(part: "第 \(rowNumber + 1) 行 (row \(rowNumber + 1))", limit: ReadLimits.maxElementBytes)
        }
        var joined = Data(capacity: unread + piece.count)
        joined.append(bytes.suffix(unread))
        joined.append(piece)
        bytes = joined
        position = 0
    }

    private static let quote: UInt8 = 0x22
    private static let comma: UInt8 = 0x2C
    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D

    @inline(__always)
    private static func makeString(_ start: UnsafePointer<UInt8>, _ count: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    }

    private static func scan(
        _ base: UnsafePointer<UInt8>, _ end: Int, _ atEnd: Bool,
        _ position: inout Int, _ rowNumber: inout Int,
        _ fields: inout [String], _ scratch: inout [UInt8]
    ) -> Outcome {
        var p = position
        // Blank lines: each CR, LF or CRLF met where a record would start is one empty row.
        while p < end {
            let b = base[p]
            if b == lf {
                p += 1
            } else if b == cr {
                if p + 1 == end && !atEnd { break }
                p += 1
                if p < end && base[p] == lf { p += 1 }
            } else {
                break
            }
            rowNumber += 1
        }
        position = p
        // NB: before more bytes come, nothing of the record being read is kept: it is read again whole.
        guard p < end && !(base[p] == cr && p + 1 == end && !atEnd) else { return atEnd ? .end : .needMore }
        let recordRow = rowNumber
        rowNumber += 1
        func needMore() -> Outcome {
            rowNumber = recordRow
            fields.removeAll(keepingCapacity: true)
            return .needMore
        }

        while true {
            // At the start of a field.
            if p < end && base[p] == quote {
                p += 1
                let contentStart = p
                var hasEscapes = false
                // Find the closing quote: a quote not followed by another quote.
                while true {
                    guard let found = memchr(base + p, Int32(quote), end - p) else {
                        guard atEnd else { return needMore() }
                        position = end
                        return .unterminatedQuote
                    }
                    p = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
                    if p + 1 == end && !atEnd { return needMore() }
                    if p + 1 < end && base[p + 1] == quote {
                        hasEscapes = true
                        p += 2
                        continue
                    }
                    break
                }
                let contentEnd = p
                p += 1  // past the closing quote
                // Anything between the closing quote and the separator is kept, as Excel does.
                let tailStart = p
                while p < end {
                    let b = base[p]
                    if b == comma || b == lf || b == cr { break }
                    p += 1
                }
                if !hasEscapes && tailStart == p {
                    fields.append(makeString(base + contentStart, contentEnd - contentStart))
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    var i = contentStart
                    while i < contentEnd {
                        let b = base[i]
                        scratch.append(b)
                        i += (b == quote) ? 2 : 1
                    }
                    scratch.append(contentsOf: UnsafeBufferPointer(start: base + tailStart, count: p - tailStart))
                    fields.append(String(decoding: scratch, as: UTF8.self))
                }
            } else {
                let start = p
                while p < end {
                    let b = base[p]
                    if b == comma || b == lf || b == cr { break }
                    p += 1
                }
                fields.append(makeString(base + start, p - start))
            }
            // At a separator, a line end or the end of the data.
            if p >= end {
                guard atEnd else { return needMore() }
                position = p
                return .record
            }
            let b = base[p]
            p += 1
            if b == cr && p == end && !atEnd { return needMore() }
            if b == comma { continue }
            if b == cr && p < end && base[p] == lf { p += 1 }
            position = p
            return .record
        }
    }
}
