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
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty, !trimmed.split(separator: "\n").allSatisfy({ $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") || $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                statements.append(trimmed)
            }
        }
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                var j = i + 1
                while j < bytes.count {
                    if bytes[j] == b {
                        if j + 1 < bytes.count, bytes[j + 1] == b { j += 2; continue }
                        break
                    }
                    j += 1
                }
                i = j + 1
            case UInt8(ascii: "-") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "-"):
                i = bytes[i...].firstIndex(of: 0x0A) ?? bytes.count
            case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "*"):
                var j = i + 2
                while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "*") && bytes[j + 1] == UInt8(ascii: "/")) { j += 1 }
                i = j + 2
            case UInt8(ascii: "$"):
                // A dollar quote's tag: `$`, letters, digits or `_`, `$`.
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x5F || (bytes[j] | 0x20 >= 0x61 && bytes[j] | 0x20 <= 0x7A) || (bytes[j] >= 0x30 && bytes[j] <= 0x39) { j += 1 }
                guard j < bytes.count, bytes[j] == UInt8(ascii: "$") else { i += 1; continue }
                let tag = Array(bytes[i...j])
                var k = j + 1
                while k + tag.count <= bytes.count, !bytes[k..<(k + tag.count)].elementsEqual(tag) { k += 1 }
                i = k + tag.count
            case UInt8(ascii: ";"):
                flush(i)
                i += 1
                start = i
            default:
                i += 1
            }
        }
        if start < bytes.count { flush(bytes.count) }
        return statements
    }
}
