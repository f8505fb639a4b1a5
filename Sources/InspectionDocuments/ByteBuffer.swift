/// Appends for building CSV and XML output in a `[UInt8]`, which is far faster than growing a `String`.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the decimal digits of an integer.
    mutating func appendDecimal(_ value: Int) {
        var v = value.magnitude
        if value < 0 { append(0x2D) }
        if v < 10 {
            append(UInt8(truncatingIfNeeded: v) &+ 0x30)
            return
        }
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 20 digits of UInt64.max
        Swift.withUnsafeMutableBytes(of: &scratch) { digits in
            var start = digits.count
            while v > 0 {
                start -= 1
                digits[start] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
            }
            append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends the letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA (up to XFD, Excel's last).
    @inline(__always)
    mutating func appendColumnLetters(_ column: Int) {
        if column < 26 {
            append(UInt8(truncatingIfNeeded: 0x41 + column))
        } else if column < 702 {
            append(UInt8(truncatingIfNeeded: 0x40 + column / 26))
            append(UInt8(truncatingIfNeeded: 0x41 + column % 26))
        } else {
            let rest = column - 702
            append(UInt8(truncatingIfNeeded: 0x41 + rest / 676))
            append(UInt8(truncatingIfNeeded: 0x41 + (rest / 26) % 26))
            append(UInt8(truncatingIfNeeded: 0x41 + rest % 26))
        }
    }

    /// Appends `text` as XML character data or an attribute value: markup characters escaped, CR kept as
    /// `&#13;` (a parser would turn a raw CR into LF), and characters XML 1.0 forbids dropped.
    mutating func appendXMLEscaped(_ text: String, attribute: Bool = false) {
        var text = text
        text.withUTF8 { utf8 in
            var clean = true
            for b in utf8 where b < 0x20 || b == 0x3C || b == 0x3E || b == 0x26 || b == 0x22 || b == 0xEF {
                clean = false
                break
            }
            if clean {
                append(contentsOf: utf8)
                return
            }
            var i = 0
            while i < utf8.count {
                let b = utf8[i]
                switch b {
                case 0x3C: append("&lt;")
                case 0x3E: append("&gt;")
                case 0x26: append("&amp;")
                case 0x22: append("&quot;")
                case 0x0D: append("&#13;")
                case 0x0A: if attribute { append("&#10;") } else { append(b) }
                case 0x09: if attribute { append("&#9;") } else { append(b) }
                case 0..<0x20: break  // not allowed in XML 1.0
                case 0xEF where i + 2 < utf8.count && utf8[i + 1] == 0xBF && utf8[i + 2] >= 0xBE:
                    i += 2  // U+FFFE and U+FFFF are not allowed either
                default: append(b)
                }
                i += 1
            }
        }
    }
}
