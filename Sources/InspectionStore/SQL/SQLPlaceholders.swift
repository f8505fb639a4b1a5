/// Rewrites the placeholders of a statement: `:name` to `?N` (SQLite and PostgreSQL take numbered
/// ones, not names), and `?`/`?N` to PostgreSQL's `$N`. Quoted text, quoted names, comments and
/// PostgreSQL's `::` casts are left as they are. One pass over the bytes.
package enum SQLPlaceholders {
    /// `sql` with each distinct `:name` replaced by `?N`, and the arguments in that order. A name
    /// with no argument is a programming error.
    package static func numbering(_ sql: String, _ named: [String: any SQLBindable]) -> (sql: String, arguments: SQLArguments) {
        var numbers: [String: Int] = [:]
        var arguments: SQLArguments = []
        let rewritten = rewrite(sql) { placeholder in
            guard placeholder.first == UInt8(ascii: ":") else { return nil }
            let name = String(decoding: placeholder.dropFirst(), as: UTF8.self)
            if let number = numbers[name] { return "?\(number)" }
            guard let argument = named[name] else { preconditionFailure("no argument for :\(name) in \(sql)") }
            arguments.append(argument)
            numbers[name] = arguments.count
            return "?\(arguments.count)"
        }
        return (rewritten, arguments)
    }

    /// `sql` with `?N` as `$N` and each `?` numbered as SQLite numbers it (one more than the
    /// highest number so far), as PostgreSQL wants them, each cast to the type of its argument in
    /// `types` (so that the server need not guess the type of a NULL or of `SELECT $1`).
    package static func postgres(_ sql: String, types: [SQLType]) -> String {
        var highest = 0
        return rewrite(sql) { placeholder in
            guard placeholder.first == UInt8(ascii: "?") else { return nil }
            let number = placeholder.count == 1 ? highest + 1 : Int(String(decoding: placeholder.dropFirst(), as: UTF8.self)) ?? 0
            highest = max(highest, number)
            guard number >= 1, number <= types.count else { return "$\(number)" }
            return "$\(number)::" + types[number - 1].postgresName
        }
    }

    /// Calls `replace` with each placeholder outside quotes and comments (`?`, `?123`, `:name`) and
    /// substitutes what it returns (nil keeps the placeholder).
    private static func rewrite(_ sql: String, _ replace: (ArraySlice<UInt8>) -> String?) -> String {
        let bytes = Array(sql.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var i = 0
        while i < bytes.count {
            if let end = SQLText.endOfQuoted(bytes, at: i) {
                out += bytes[i..<end]
                i = end
                continue
            }
            let b = bytes[i]
            switch b {
            case UInt8(ascii: ":") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ":"):
                out += [b, b]
                i += 2
            case UInt8(ascii: ":") where i + 1 < bytes.count && SQLText.isNameByte(bytes[i + 1]) && !SQLText.isDigit(bytes[i + 1]):
                var j = i + 1
                while j < bytes.count, SQLText.isNameByte(bytes[j]) { j += 1 }
                out += Array((replace(bytes[i..<j]) ?? String(decoding: bytes[i..<j], as: UTF8.self)).utf8)
                i = j
            case UInt8(ascii: "?"):
                var j = i + 1
                while j < bytes.count, SQLText.isDigit(bytes[j]) { j += 1 }
                out += Array((replace(bytes[i..<j]) ?? String(decoding: bytes[i..<j], as: UTF8.self)).utf8)
                i = j
            default:
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SQLType {
    /// The PostgreSQL type the store's schema uses for values of this type.
    var postgresName: String {
        switch self {
        case .integer: "bigint"
        case .real: "double precision"
        case .text: "text"
        case .blob: "bytea"
        case .boolean: "boolean"
        }
    }
}
