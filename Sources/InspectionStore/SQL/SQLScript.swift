import Foundation

/// The statements of a SQL script, split at the semicolons that end them: not those inside quoted
/// text or names, comments, or PostgreSQL's dollar-quoted bodies (`$$ … $$`, `$tag$ … $tag$`).
package enum SQLScript {
    package static func statements(_ script: String) -> [String] {
        let bytes = Array(script.utf8)
        var statements: [String] = []
        var start = 0
        var i = 0
        func flush(_ end: Int) {
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
            if !code.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                statements.append(text.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
        while i < bytes.count {
            if let end = SQLText.endOfQuoted(bytes, at: i) {
                i = end
            } else if bytes[i] == UInt8(ascii: ";") {
                flush(i)
                i += 1
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.count { flush(bytes.count) }
        return statements
    }
}

/// What a scanner of SQL text steps over whole.
enum SQLText {
    /// The end (exclusive) of the quoted text or name, comment or dollar-quoted body that starts at
    /// `i`; nil when none starts there. An unterminated one runs to the end.
    static func endOfQuoted(_ bytes: [UInt8], at i: Int) -> Int? {
        let b = bytes[i]
        let next = i + 1 < bytes.count ? bytes[i + 1] : 0
        switch b {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            // To the next unpaired quote ('' and "" are escapes).
            var j = i + 1
            while j < bytes.count {
                if bytes[j] == b {
                    if j + 1 < bytes.count, bytes[j + 1] == b { j += 2; continue }
                    return j + 1
                }
                j += 1
            }
            return bytes.count
        case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
            return bytes[i...].firstIndex(of: 0x0A) ?? bytes.count
        case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
            var j = i + 2
            while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "*") && bytes[j + 1] == UInt8(ascii: "/")) { j += 1 }
            return min(j + 2, bytes.count)
        case UInt8(ascii: "$"):
            // `$tag$`: the tag is empty or a name (not `$1`, a parameter).
            var j = i + 1
            while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "$"), j == i + 1 || !isDigit(bytes[i + 1]) else { return nil }
            let tag = bytes[i...j]
            var k = j + 1
            while k + tag.count <= bytes.count, !bytes[k..<(k + tag.count)].elementsEqual(tag) { k += 1 }
            return min(k + tag.count, bytes.count)
        default:
            return nil
        }
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
