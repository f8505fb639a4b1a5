/// Renders the `<v>` text of a numeric cell the way a user reads it in Excel: `130111` not `130111.0`,
/// `911301110000000000` not `9.1130111E+17`, `0.1` not `0.10000000000000001`.
enum NumberText {
    static func normalize(_ text: [UInt8]) -> [UInt8] {
        if let plain = plainDecimal(text) {
            // More than 15 significant digits with a fraction means binary noise from the writer
            // (Excel itself shows 15): use the shortest text that reads back as the same Double.
            if plain.significantDigits > 15 && plain.hasFraction,
               let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite,
               let shortest = plainDecimal(Array("\(value)".utf8)) {
                return shortest.text
            }
            return plain.text
        }
        return text
    }

    private struct Plain {
        var text: [UInt8]
        var significantDigits: Int
        var hasFraction: Bool
    }

    /// `text` as a plain decimal numeral, or nil if it is not a number or would be absurdly long.
    private static func plainDecimal(_ text: [UInt8]) -> Plain? {
        var start = 0
        var end = text.count
        while start < end && (text[start] == 0x20 || text[start] == 0x09) { start += 1 }
        while end > start && (text[end - 1] == 0x20 || text[end - 1] == 0x09) { end -= 1 }
        guard start < end else { return nil }

        var p = start
        var negative = false
        if text[p] == 0x2D || text[p] == 0x2B {
            negative = text[p] == 0x2D
            p += 1
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(end - p)
        var integerDigits = 0
        while p < end, text[p] >= 0x30 && text[p] <= 0x39 {
            digits.append(text[p])
            integerDigits += 1
            p += 1
        }
        if p < end && text[p] == 0x2E {
            p += 1
            while p < end, text[p] >= 0x30 && text[p] <= 0x39 {
                digits.append(text[p])
                p += 1
            }
        }
        guard !digits.isEmpty else { return nil }
        var exponent = 0
        if p < end && (text[p] == 0x45 || text[p] == 0x65) {
            p += 1
            var exponentNegative = false
            if p < end && (text[p] == 0x2D || text[p] == 0x2B) {
                exponentNegative = text[p] == 0x2D
                p += 1
            }
            let exponentStart = p
            while p < end, text[p] >= 0x30 && text[p] <= 0x39, p - exponentStart < 6 {
                exponent = exponent * 10 + Int(text[p] - 0x30)
                p += 1
            }
            guard p > exponentStart else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard p == end else { return nil }

        // value = 0.d1d2d3... × 10^point
        var point = integerDigits + exponent
        var first = 0
        while first < digits.count && digits[first] == 0x30 {
            first += 1
            point -= 1
        }
        var last = digits.count
        while last > first && digits[last - 1] == 0x30 { last -= 1 }
        guard first < last else { return Plain(text: [0x30], significantDigits: 1, hasFraction: false) }
        let significant = digits[first..<last]
        guard point <= 40 && point >= -40 else { return nil }

        var out: [UInt8] = []
        out.reserveCapacity(significant.count + 44)
        if negative { out.append(0x2D) }
        if point <= 0 {
            out.append(0x30)
            out.append(0x2E)
            out.append(contentsOf: repeatElement(0x30, count: -point))
            out.append(contentsOf: significant)
        } else if significant.count <= point {
            out.append(contentsOf: significant)
            out.append(contentsOf: repeatElement(0x30, count: point - significant.count))
        } else {
            out.append(contentsOf: significant.prefix(point))
            out.append(0x2E)
            out.append(contentsOf: significant.dropFirst(point))
        }
        return Plain(text: out, significantDigits: significant.count, hasFraction: significant.count > point)
    }
}
