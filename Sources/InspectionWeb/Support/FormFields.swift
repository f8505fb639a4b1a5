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

    /// At most this many fields in one form (a results form has three per item; a confirmation
    /// one per enterprise dispatched).
    static let maxFields = 5_000
    /// At most this many bytes in one field that is not a file.
    static let maxFieldBytes = 64 * 1024
    /// The whole body of a sign-in, which anyone may send.
    static let maxLoginBodyBytes = 8 * 1024
    /// The whole body of a URL-encoded form (files come as multipart). The largest real one, a
    /// confirmation of thousands of enterprises, is a few hundred KB.
    /// NB: decoding runs at about 5 MB/s; a 32 MB body (the upload limit) took over 5 s of CPU.
    static let maxURLEncodedBytes = 1024 * 1024

    subscript(name: String) -> String? { fields.first { $0.name == name }.map(\.text) }

    func file(_ name: String) -> Field? { fields.first { $0.name == name && $0.filename != nil } }

    init(fields: [Field]) { self.fields = fields }

    /// The fields of `body`; `WebError.tooLarge` past `maxFields` fields or `maxFieldBytes` in a
    /// field other than a file. Linear in the size of the body.
    init(body: ByteBuffer, contentType: String) throws(WebError) {
        let data = Data(body.readableBytesView)
        if let boundary = Self.boundary(contentType) {
            fields = try Self.multipart(data, boundary: boundary)
        } else {
            guard data.count <= Self.maxURLEncodedBytes else { throw .tooLarge("表单超过 \(Self.maxURLEncodedBytes / 1024 / 1024) MB。") }
            let pairs = try Self.urlEncoded(String(decoding: data, as: UTF8.self), limit: Self.maxFields)
            fields = pairs.map { Field(name: $0.0, value: Data($0.1.utf8)) }
        }
        for field in fields where field.filename == nil && field.value.count + field.name.utf8.count > Self.maxFieldBytes {
            throw .tooLarge("字段「\(field.name.prefix(40))」超过 \(Self.maxFieldBytes / 1024) KB。")
        }
    }

    /// The value of one field (the CSRF token), without decoding the rest into a type.
    static func token(named name: String, in body: ByteBuffer, contentType: String) throws(WebError) -> String? {
        try FormFields(body: body, contentType: contentType)[name]
    }

    /// The fields as a JSON object, so that forms and JSON bodies decode into the same `Decodable`
    /// structs: `name[]` collects an array, `name[key]` a map (keys stay text, even when they are
    /// digits, as USCCs and item codes may be), anything else a string (the last one wins).
    func jsonObject() -> [String: Any] {
        // NB: arrays and maps are built in typed dictionaries and stored once at the end: updating
        // them inside `[String: Any]` copied each one per field, quadratic in the number of fields.
        var object: [String: Any] = [:]
        var arrays: [String: [String]] = [:]
        var maps: [String: [String: String]] = [:]
        for field in fields where field.filename == nil {
            let name = field.name
            if name.hasSuffix("[]") {
                let base = String(name.dropLast(2))
                object[base] = nil
                maps[base] = nil
                arrays[base, default: []].append(field.text)
            } else if name.hasSuffix("]"), let open = name.firstIndex(of: "["), open != name.startIndex {
                let base = String(name[..<open])
                let key = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                object[base] = nil
                arrays[base] = nil
                maps[base, default: [:]][key] = field.text
            } else {
                arrays[name] = nil
                maps[name] = nil
                object[name] = field.text
            }
        }
        for (name, array) in arrays { object[name] = array }
        for (name, map) in maps { object[name] = map }
        return object
    }

    /// The pairs of a query string or URL-encoded body; `WebError.tooLarge` past `limit` pairs.
    static func urlEncoded(_ text: String, limit: Int) throws(WebError) -> [(String, String)] {
        let pairs = text.split(separator: "&", maxSplits: limit, omittingEmptySubsequences: true)
        if pairs.count > limit { throw .tooLarge("表单字段超过 \(limit) 个。") }
        return urlEncoded(pairs)
    }

    /// The pairs of a query string or URL-encoded body.
    static func urlEncoded(_ text: String) -> [(String, String)] {
        urlEncoded(text.split(separator: "&"))
    }

    private static func urlEncoded(_ pairs: [Substring]) -> [(String, String)] {
        pairs.compactMap { pair in
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
    static func multipart(_ data: Data, boundary: String) throws(WebError) -> [Field] {
        // RFC 2046: a boundary has 1 to 70 characters.
        guard (1...70).contains(boundary.utf8.count) else { throw .badInput("multipart 边界（boundary）须为 1 到 70 个字符。") }
        let delimiter = Data("--\(boundary)".utf8)
        let bytes = [UInt8](data)
        var fields: [Field] = []
        var starts: [Int] = []
        var searchFrom = 0
        let d = [UInt8](delimiter)
        while let found = Self.find(d, in: bytes, from: searchFrom) {
            starts.append(found)
            if starts.count > Self.maxFields + 1 { throw .tooLarge("表单字段超过 \(Self.maxFields) 个。") }
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

    /// The first `needle` in `haystack` at or after `from`, by Knuth–Morris–Pratt: linear time
    /// whatever the bytes (a naive search is quadratic on a body of dashes and a boundary of dashes).
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        var failure = [Int](repeating: 0, count: needle.count)
        var k = 0
        for i in 1..<max(1, needle.count) where needle.count > 1 {
            while k > 0 && needle[i] != needle[k] { k = failure[k - 1] }
            if needle[i] == needle[k] { k += 1 }
            failure[i] = k
        }
        var matched = 0
        for i in from..<haystack.count {
            while matched > 0 && haystack[i] != needle[matched] { matched = failure[matched - 1] }
            if haystack[i] == needle[matched] { matched += 1 }
            if matched == needle.count { return i - needle.count + 1 }
        }
        return nil
    }
}
