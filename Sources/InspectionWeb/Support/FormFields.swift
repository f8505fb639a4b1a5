import Foundation
import NIOCore

/// The fields of a submitted form, `application/x-www-form-urlencoded` or `multipart/form-data`
/// (file uploads), in the order sent.
struct FormFields {
    struct Field {
        var name: String
        var value: Data
        /// The uploaded file's name, for file fields.
        var filename: String?

        var text: String { String(decoding: value, as: UTF8.self) }
    }

    var fields: [Field] = []

    subscript(name: String) -> String? { fields.first { $0.name == name }.map(\.text) }

    func file(_ name: String) -> Field? { fields.first { $0.name == name && $0.filename != nil } }

    init(fields: [Field]) { self.fields = fields }

    init(body: ByteBuffer, contentType: String) {
        let data = Data(body.readableBytesView)
        if let boundary = Self.boundary(contentType) {
            fields = Self.multipart(data, boundary: boundary)
        } else {
            fields = Self.urlEncoded(String(decoding: data, as: UTF8.self)).map { Field(name: $0.0, value: Data($0.1.utf8)) }
        }
    }

    /// The value of one field (the CSRF token), without decoding the rest into a type.
    static func token(named name: String, in body: ByteBuffer, contentType: String) -> String? {
        FormFields(body: body, contentType: contentType)[name]
    }

    /// The fields as a JSON object, so that forms and JSON bodies decode into the same `Decodable`
    /// structs: `name[]` collects an array, `name[key]` a map (keys stay text, even when they are
    /// digits, as USCCs and item codes may be), anything else a string (the last one wins).
    func jsonObject() -> [String: Any] {
        var object: [String: Any] = [:]
        for field in fields where field.filename == nil {
            let name = field.name
            if name.hasSuffix("[]") {
                let base = String(name.dropLast(2))
                object[base] = ((object[base] as? [String]) ?? []) + [field.text]
            } else if name.hasSuffix("]"), let open = name.firstIndex(of: "["), open != name.startIndex {
                let base = String(name[..<open])
                let key = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                var map = (object[base] as? [String: String]) ?? [:]
                map[key] = field.text
                object[base] = map
            } else {
                object[name] = field.text
            }
        }
        return object
    }

    static func urlEncoded(_ text: String) -> [(String, String)] {
        text.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            guard let first = parts.first else { return nil }
            return (decode(first), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func boundary(_ contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let kv = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                return kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// RFC 7578: parts separated by `--boundary`, each with headers, a blank line and the content.
    static func multipart(_ data: Data, boundary: String) -> [Field] {
        let delimiter = Data("--\(boundary)".utf8)
        let bytes = [UInt8](data)
        var fields: [Field] = []
        var starts: [Int] = []
        var searchFrom = 0
        let d = [UInt8](delimiter)
        while let found = Self.find(d, in: bytes, from: searchFrom) {
            starts.append(found)
            searchFrom = found + d.count
        }
        for (i, start) in starts.enumerated() where i + 1 < starts.count {
            var partStart = start + d.count
            // skip the CRLF after the delimiter
            if partStart + 1 < bytes.count, bytes[partStart] == 13, bytes[partStart + 1] == 10 { partStart += 2 }
            var partEnd = starts[i + 1]
            // the CRLF before the next delimiter belongs to it
            if partEnd >= 2, bytes[partEnd - 2] == 13, bytes[partEnd - 1] == 10 { partEnd -= 2 }
            guard partStart <= partEnd, let headerEnd = Self.find([13, 10, 13, 10], in: bytes, from: partStart), headerEnd <= partEnd else { continue }
            let headers = String(decoding: bytes[partStart..<headerEnd], as: UTF8.self)
            let content = Data(bytes[(headerEnd + 4)..<max(headerEnd + 4, partEnd)])
            var name: String?
            var filename: String?
            for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                name = Self.parameter("name", in: line)
                filename = Self.parameter("filename", in: line)
            }
            if let name { fields.append(Field(name: name, value: content, filename: filename)) }
        }
        return fields
    }

    private static func parameter(_ key: String, in line: String) -> String? {
        for piece in line.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, kv[0].lowercased() == key else { continue }
            var value = kv[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var i = from
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0] {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
