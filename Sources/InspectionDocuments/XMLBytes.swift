#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A small scanner over the bytes of the XML parts of an .xlsx. It understands exactly what those parts
// use: tags with attributes (any namespace prefix), text with entities, CDATA, comments and processing
// instructions. It does not validate; damaged input yields missing values rather than a crash.

/// One start, end or empty-element tag.
struct XMLTag {
    /// Where the qualified name starts and ends, and where its local part (after any `prefix:`) starts.
    var nameStart: Int
    var nameEnd: Int
    var localStart: Int
    var attributesStart: Int
    var attributesEnd: Int
    var isEnd: Bool
    var isSelfClosing: Bool
    /// The index just past `>`.
    var end: Int
}

/// One piece of markup or text.
enum XMLToken {
    case tag(XMLTag)
    /// Character data still carrying entity references.
    case text(Range<Int>)
    /// The inside of a CDATA section, to be taken literally.
    case cdata(Range<Int>)
    /// A comment, processing instruction or declaration.
    case other
}

/// Reads tokens from a byte buffer that holds complete markup, or reports where a token is cut off.
struct XMLScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
    }

    /// The index of `byte` at or after `from`, or nil.
    @inline(__always)
    func find(_ byte: UInt8, from: Int) -> Int? {
        guard from < end, let base = bytes.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), end - from) else { return nil }
        return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
    }

    /// The index of the ASCII sequence `pattern` at or after `from`, or nil.
    func find(_ pattern: StaticString, from: Int) -> Int? {
        let first = pattern.utf8Start[0]
        var p = from
        while let hit = find(first, from: p) {
            if hit + pattern.utf8CodeUnitCount > end { return nil }
            if matches(pattern, at: hit) { return hit }
            p = hit + 1
        }
        return nil
    }

    func matches(_ pattern: StaticString, at index: Int) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard index + count <= end else { return false }
        let p = pattern.utf8Start
        for k in 0..<count where bytes[index + k] != p[k] { return false }
        return true
    }

    enum Step {
        case token(XMLToken)
        case finished
        /// The data ends inside a token that starts at `position`.
        case incomplete
    }

    /// The next token, advancing past it.
    mutating func next() -> Step {
        guard position < end else { return .finished }
        if bytes[position] != 0x3C {  // text up to the next '<'
            let start = position
            let stop = find(0x3C, from: position) ?? end
            position = stop
            return .token(.text(start..<stop))
        }
        let start = position
        if matches("<!--", at: start) {
            guard let close = find("-->", from: start + 4) else { return .incomplete }
            position = close + 3
            return .token(.other)
        }
        if matches("<![CDATA[", at: start) {
            guard let close = find("]]>", from: start + 9) else { return .incomplete }
            position = close + 3
            return .token(.cdata(start + 9..<close))
        }
        if start + 1 < end && (bytes[start + 1] == 0x3F || bytes[start + 1] == 0x21) {  // <? or <!
            guard let close = find(0x3E, from: start + 2) else { return .incomplete }
            position = close + 1
            return .token(.other)
        }
        guard let tag = readTag(at: start) else { return .incomplete }
        position = tag.end
        return .token(.tag(tag))
    }

    /// The tag starting at the `<` at `start`, or nil if its `>` is not in the buffer.
    func readTag(at start: Int) -> XMLTag? {
        var p = start + 1
        let isEnd = p < end && bytes[p] == 0x2F
        if isEnd { p += 1 }
        let nameStart = p
        var localStart = p
        while p < end {
            let b = bytes[p]
            if b == 0x3E || b == 0x2F || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { break }
            p += 1
            if b == 0x3A { localStart = p }
        }
        let nameEnd = p
        let attributesStart = p
        // Find '>' outside attribute quotes ('>' is legal inside them).
        var quote: UInt8 = 0
        while p < end {
            let b = bytes[p]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == 0x3E {
                break
            }
            p += 1
        }
        guard p < end else { return nil }
        let isSelfClosing = !isEnd && p > attributesStart && bytes[p - 1] == 0x2F
        return XMLTag(
            nameStart: nameStart, nameEnd: nameEnd, localStart: localStart,
            attributesStart: attributesStart, attributesEnd: isSelfClosing ? p - 1 : p,
            isEnd: isEnd, isSelfClosing: isSelfClosing, end: p + 1
        )
    }

    /// Whether the tag's local name (namespace prefix ignored) is `name`.
    func localName(of tag: XMLTag, is name: StaticString) -> Bool {
        tag.nameEnd - tag.localStart == name.utf8CodeUnitCount && matches(name, at: tag.localStart)
    }

    /// The raw (still entity-encoded) value of the attribute whose name is exactly `name`, or, when
    /// `prefixed` is true, whose name is `anyPrefix:name`.
    func attribute(_ name: StaticString, of tag: XMLTag, prefixed: Bool = false) -> Range<Int>? {
        var p = tag.attributesStart
        let stop = tag.attributesEnd
        while p < stop {
            while p < stop && isSpace(bytes[p]) { p += 1 }
            let nameStart = p
            var localStart = p
            while p < stop && bytes[p] != 0x3D && !isSpace(bytes[p]) {
                if bytes[p] == 0x3A { localStart = p + 1 }
                p += 1
            }
            let nameEnd = p
            while p < stop && isSpace(bytes[p]) { p += 1 }
            guard p < stop && bytes[p] == 0x3D else { return nil }
            p += 1
            while p < stop && isSpace(bytes[p]) { p += 1 }
            guard p < stop else { return nil }
            let quote = bytes[p]
            guard quote == 0x22 || quote == 0x27 else { return nil }
            let valueStart = p + 1
            p = valueStart
            while p < stop && bytes[p] != quote { p += 1 }
            let valueEnd = p
            p += 1
            let hasPrefix = localStart != nameStart
            let candidateStart = prefixed ? localStart : nameStart
            if hasPrefix == prefixed && nameEnd - candidateStart == name.utf8CodeUnitCount
                && matches(name, at: candidateStart) {
                return valueStart..<valueEnd
            }
        }
        return nil
    }

    @inline(__always)
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// The decoded text of an attribute value or character data.
    func string(_ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        appendDecoded(range, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends character data with entities resolved and line ends normalised to LF, as an XML parser does.
    func appendDecoded(_ range: Range<Int>, to out: inout [UInt8]) {
        var p = range.lowerBound
        let stop = range.upperBound
        while p < stop {
            let b = bytes[p]
            if b == 0x26, let (scalar, next) = entity(at: p, stop: stop) {
                appendUTF8(scalar, to: &out)
                p = next
            } else if b == 0x0D {
                out.append(0x0A)
                p += 1
                if p < stop && bytes[p] == 0x0A { p += 1 }
            } else {
                out.append(b)
                p += 1
            }
        }
    }

    /// The character an entity reference at `start` stands for, and the index after its `;`.
    private func entity(at start: Int, stop: Int) -> (UInt32, Int)? {
        var semicolon = start + 1
        while semicolon < stop && semicolon - start <= 12 && bytes[semicolon] != 0x3B { semicolon += 1 }
        guard semicolon < stop && bytes[semicolon] == 0x3B else { return nil }
        let nameStart = start + 1
        let length = semicolon - nameStart
        let next = semicolon + 1
        if length >= 2 && bytes[nameStart] == 0x23 {  // &#...;
            var value: UInt32 = 0
            var digits = nameStart + 1
            let radix: UInt32
            if bytes[digits] == 0x78 || bytes[digits] == 0x58 { radix = 16; digits += 1 } else { radix = 10 }
            guard digits < semicolon else { return nil }
            for k in digits..<semicolon {
                guard let d = hexValue(bytes[k]), d < radix else { return nil }
                value = value &* radix &+ d
                if value > 0x10FFFF { return nil }
            }
            guard Unicode.Scalar(value) != nil else { return nil }
            return (value, next)
        }
        switch length {
        case 2 where matches("lt", at: nameStart): return (0x3C, next)
        case 2 where matches("gt", at: nameStart): return (0x3E, next)
        case 3 where matches("amp", at: nameStart): return (0x26, next)
        case 4 where matches("quot", at: nameStart): return (0x22, next)
        case 4 where matches("apos", at: nameStart): return (0x27, next)
        default: return nil
        }
    }
}

@inline(__always)
func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: UInt32(b - 0x30)
    case 0x41...0x46: UInt32(b - 0x41 + 10)
    case 0x61...0x66: UInt32(b - 0x61 + 10)
    default: nil
    }
}

func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
        out.append(UInt8(scalar))
    case 0x80..<0x800:
        out.append(UInt8(0xC0 | (scalar >> 6)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
        out.append(UInt8(0xE0 | (scalar >> 12)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
        out.append(UInt8(0xF0 | (scalar >> 18)))
        out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        out.append(UInt8(0x80 | (scalar & 0x3F)))
    }
}

/// Resolves the `_xHHHH_` escapes Office writes in string values (e.g. `_x000D_` for a carriage return,
/// `_x005F_` for a literal underscore), in place.
func unescapeOfficeString(_ bytes: inout [UInt8]) {
    guard bytes.count >= 7 else { return }
    var hasEscape = false
    for i in 0..<(bytes.count - 6) where bytes[i] == 0x5F && bytes[i + 1] == 0x78 && bytes[i + 6] == 0x5F {
        hasEscape = true
        break
    }
    guard hasEscape else { return }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    while i < bytes.count {
        if i + 6 < bytes.count && bytes[i] == 0x5F && bytes[i + 1] == 0x78 && bytes[i + 6] == 0x5F,
           let a = hexValue(bytes[i + 2]), let b = hexValue(bytes[i + 3]),
           let c = hexValue(bytes[i + 4]), let d = hexValue(bytes[i + 5]) {
            let value = a << 12 | b << 8 | c << 4 | d
            if Unicode.Scalar(value) != nil {
                appendUTF8(value, to: &out)
                i += 7
                continue
            }
        }
        out.append(bytes[i])
        i += 1
    }
    bytes = out
}
