public import Foundation

/// The SQL the store speaks, which both of its databases run: SQLite (embedded, the default) and
/// PostgreSQL. Every store method is written once against `SQLConnection`; the few forms that differ
/// between the two are asked of `dialect`.
public enum SQLDialect: Sendable {
    case sqlite
    case postgres

    /// `INDEXED BY index` on SQLite, whose planner sometimes needs the hint; nothing on PostgreSQL.
    func indexedBy(_ index: String) -> String {
        self == .sqlite ? "INDEXED BY \(index)" : ""
    }

    /// The position of `needle` in `haystack` (1-based, 0 when absent).
    func position(of needle: String, in haystack: String) -> String {
        self == .sqlite ? "instr(\(haystack), \(needle))" : "strpos(\(haystack), \(needle))"
    }

    /// A newline as a SQL expression.
    var newline: String {
        self == .sqlite ? "char(10)" : "chr(10)"
    }

    /// `LIKE` as SQLite means it: ASCII letters match either case.
    var like: String {
        self == .sqlite ? "LIKE" : "ILIKE"
    }

    /// The text of the top-level `key` of the JSON object in `column`.
    func jsonText(_ column: String, key: String) -> String {
        self == .sqlite ? "json_extract(\(column), '$.\(key)')" : "(\(column)::jsonb ->> '\(key)')"
    }

    /// A table of one text column, `value`, with the strings of the JSON array `parameter` binds,
    /// in the array's order: a long list inserted by one statement rather than one per row.
    func elements(ofJSONArray parameter: String) -> String {
        self == .sqlite ? "json_each(\(parameter))" : "json_array_elements_text(\(parameter)::json) AS e(value)"
    }

    /// `expression`'s values of a group joined by `separator` (a string literal, quoted here).
    func joined(_ expression: String, separator: String) -> String {
        let literal = "'" + separator.replacingOccurrences(of: "'", with: "''") + "'"
        return switch self {
        case .sqlite: "group_concat(\(expression), \(literal))"
        case .postgres: "string_agg(\(expression), \(literal))"
        }
    }
}

/// The type of a bound value, so that a NULL still tells PostgreSQL what it stands for
/// (`?1 IS NULL OR year = ?1` needs it).
public enum SQLType: Sendable {
    case integer, real, text, blob, boolean
}

/// One value bound to a statement or read from a row.
public enum SQLValue: Sendable, Equatable {
    case null(SQLType)
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
    /// SQLite stores it as 0 or 1 and reads it back as an integer.
    case boolean(Bool)

    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}

/// A Swift value that can be bound to a statement.
public protocol SQLBindable: Sendable {
    static var sqlType: SQLType { get }
    var sqlValue: SQLValue { get }
}

/// A Swift value that can be read from a column.
public protocol SQLReadable {
    /// Nil when `value` is NULL or not of this type.
    init?(sqlValue value: SQLValue)
}

/// What a statement binds: `[number, uscc]`, optionals included.
public typealias SQLArguments = [any SQLBindable]
/// What a statement with `:name` placeholders binds.
public typealias SQLNamedArguments = [String: any SQLBindable]

extension String: SQLBindable, SQLReadable {
    public static var sqlType: SQLType { .text }
    public var sqlValue: SQLValue { .text(self) }
    public init?(sqlValue value: SQLValue) {
        switch value {
        case .text(let text): self = text
        case .integer(let number): self = String(number)
        case .blob(let data): self = String(decoding: data, as: UTF8.self)
        default: return nil
        }
    }
}

extension Int64: SQLBindable, SQLReadable {
    public static var sqlType: SQLType { .integer }
    public var sqlValue: SQLValue { .integer(self) }
    public init?(sqlValue value: SQLValue) {
        switch value {
        case .integer(let number): self = number
        case .boolean(let flag): self = flag ? 1 : 0
        case .real(let number) where number.rounded() == number && abs(number) < 9.2e18: self = Int64(number)
        case .text(let text): guard let number = Int64(text) else { return nil }; self = number
        default: return nil
        }
    }
}

extension Int: SQLBindable, SQLReadable {
    public static var sqlType: SQLType { .integer }
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init?(sqlValue value: SQLValue) {
        guard let number = Int64(sqlValue: value) else { return nil }
        self = Int(number)
    }
}

extension Double: SQLBindable, SQLReadable {
    public static var sqlType: SQLType { .real }
    public var sqlValue: SQLValue { .real(self) }
    public init?(sqlValue value: SQLValue) {
        switch value {
        case .real(let number): self = number
        case .integer(let number): self = Double(number)
        case .text(let text): guard let number = Double(text) else { return nil }; self = number
        default: return nil
        }
    }
}

extension Bool: SQLBindable, SQLReadable {
    public static var sqlType: SQLType { .boolean }
    public var sqlValue: SQLValue { .boolean(self) }
    public init?(sqlValue value: SQLValue) {
        switch value {
        case .boolean(let flag): self = flag
        case .integer(let number): self = number != 0
        default: return nil
        }
    }
}

extension Data: SQLBindable, SQLReadable {
    public static var sqlType: SQLType { .blob }
    public var sqlValue: SQLValue { .blob(self) }
    public init?(sqlValue value: SQLValue) {
        switch value {
        case .blob(let data): self = data
        case .text(let text): self = Data(text.utf8)
        default: return nil
        }
    }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public static var sqlType: SQLType { Wrapped.sqlType }
    public var sqlValue: SQLValue { self?.sqlValue ?? .null(Wrapped.sqlType) }
}

extension Optional: SQLReadable where Wrapped: SQLReadable {
    /// `.some(nil)` for NULL, so that reading an optional column never fails.
    public init?(sqlValue value: SQLValue) {
        if value.isNull {
            self = .none
        } else if let wrapped = Wrapped(sqlValue: value) {
            self = .some(wrapped)
        } else {
            return nil
        }
    }
}

/// One row of a result, its columns found by name (case-insensitive, as both databases treat them).
public struct SQLRow: Sendable {
    /// The column names, shared by the rows of one result.
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of column `name`; a programming error (trap) when there is no such column or its
    /// value is not a `T`, as reading a NOT NULL column as non-optional cannot be otherwise.
    public subscript<T: SQLReadable>(_ name: String) -> T {
        let value = self[value: name]
        guard let read = T(sqlValue: value) else {
            preconditionFailure("column \(name) holds \(value), not \(T.self)")
        }
        return read
    }

    /// The value of the column at `index`.
    public subscript<T: SQLReadable>(_ index: Int) -> T {
        guard let read = T(sqlValue: values[index]) else {
            preconditionFailure("column \(index) holds \(values[index]), not \(T.self)")
        }
        return read
    }

    private subscript(value name: String) -> SQLValue {
        if let i = columns.firstIndex(of: name) { return values[i] }
        if let i = columns.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return values[i] }
        preconditionFailure("no column \(name) in \(columns)")
    }
}

/// A connection inside a transaction (or a read), as the store's methods use it. Statements use `?`
/// or `?N` placeholders; the PostgreSQL connection numbers them.
public protocol SQLConnection {
    var dialect: SQLDialect { get }
    /// Runs a statement; returns how many rows it inserted, updated or deleted.
    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int
    /// Runs an INSERT into a table with an `id` column and returns the id of the row it inserted, or
    /// nil when it inserted none (`ON CONFLICT … DO NOTHING`).
    func insertReturningID(sql: String, arguments: SQLArguments) throws -> Int64?
    /// Calls `body` with each row of a query, in order, without holding them all.
    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws
    /// Every row of a query (a small result), in order.
    func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow]
}

extension SQLConnection {
    /// `body` with room for 64 MiB of SQLite's pages in memory (2 MiB otherwise): for a transaction
    /// that writes tens of megabytes. Nothing changes on PostgreSQL, whose server sizes its own cache.
    func withLargerCache<T>(_ body: () throws -> T) throws -> T {
        guard dialect == .sqlite else { return try body() }
        try execute(sql: "PRAGMA cache_size = -65536")
        defer { _ = try? execute(sql: "PRAGMA cache_size = -2000") }
        return try body()
    }

    @discardableResult
    public func execute(sql: String) throws -> Int {
        try execute(sql: sql, arguments: [])
    }

    public func rows(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEachRow(sql: sql, arguments: arguments) { rows.append($0) }
        return rows
    }

    public func rows(sql: String) throws -> [SQLRow] {
        try rows(sql: sql, arguments: [])
    }

    public func row(sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        // NB: every caller's query returns at most a few rows (a key, LIMIT 1 or an aggregate).
        try rows(sql: sql, arguments: arguments).first
    }

    /// The first column of the first row; nil when there is no row or its value is NULL.
    public func value<T: SQLReadable>(_ type: T.Type, sql: String, arguments: SQLArguments = []) throws -> T? {
        guard let row = try row(sql: sql, arguments: arguments) else { return nil }
        return Optional<T>(sqlValue: row.values[0]) ?? nil
    }

    /// The first column of every row, NULLs left out.
    public func values<T: SQLReadable>(_ type: T.Type, sql: String, arguments: SQLArguments = []) throws -> [T] {
        var values: [T] = []
        try forEachRow(sql: sql, arguments: arguments) { row in
            if let value = Optional<T>(sqlValue: row.values[0]) ?? nil { values.append(value) }
        }
        return values
    }

    // The same with `:name` placeholders.

    @discardableResult
    public func execute(sql: String, arguments: SQLNamedArguments) throws -> Int {
        let (sql, arguments) = SQLPlaceholders.numbering(sql, arguments)
        return try execute(sql: sql, arguments: arguments)
    }

    public func rows(sql: String, arguments: SQLNamedArguments) throws -> [SQLRow] {
        let (sql, arguments) = SQLPlaceholders.numbering(sql, arguments)
        return try rows(sql: sql, arguments: arguments)
    }

    public func value<T: SQLReadable>(_ type: T.Type, sql: String, arguments: SQLNamedArguments) throws -> T? {
        let (sql, arguments) = SQLPlaceholders.numbering(sql, arguments)
        return try value(type, sql: sql, arguments: arguments)
    }

    public func values<T: SQLReadable>(_ type: T.Type, sql: String, arguments: SQLNamedArguments) throws -> [T] {
        let (sql, arguments) = SQLPlaceholders.numbering(sql, arguments)
        return try values(type, sql: sql, arguments: arguments)
    }
}

/// Where the store's rows live: the embedded SQLite file or a PostgreSQL server. A read sees one
/// consistent state; a write is one transaction, rolled back when `body` throws. Database failures
/// come out as `StoreError` (busy, disk full, refused), never as the database's own message.
public protocol StoreBackend: Sendable {
    var dialect: SQLDialect { get }
    /// How many reads can run at once without one waiting for another's connection.
    var concurrentReads: Int { get }
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T
    @discardableResult
    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T
}
