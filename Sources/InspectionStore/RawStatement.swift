import GRDB
import GRDBSQLite

/// Binds values to a GRDB-prepared statement by position and runs it, without the boxing of
/// `StatementArguments`. Used only on the hot path of large imports.
struct RawStatement {
    private let handle: OpaquePointer
    private let db: Database
    private var index: Int32 = 0

    init(_ statement: Statement, _ db: Database) {
        handle = statement.sqliteStatement
        self.db = db
        sqlite3_reset(handle)
    }

    mutating func bind(_ text: String) {
        index += 1
        var text = text
        // SQLITE_TRANSIENT: SQLite copies the bytes before this call returns.
        _ = text.withUTF8 { sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
    }

    mutating func bind(_ text: String?) {
        guard let text else {
            index += 1
            sqlite3_bind_null(handle, index)
            return
        }
        bind(text)
    }

    mutating func bind(_ flag: Bool) {
        index += 1
        sqlite3_bind_int(handle, index, flag ? 1 : 0)
    }

    mutating func bind(_ number: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, number)
    }

    /// Binds values `range` of `values`. SQLite reads their bytes in place (no copy): they must not
    /// change before the statement is stepped, so call this inside `values.withPinnedBytes`.
    mutating func bind(_ values: EncodedValues, _ range: Range<Int>, pinned bytes: UnsafeBufferPointer<UInt8>) {
        for slot in values.slots[range] {
            index += 1
            switch slot {
            case .text(let start, let count):
                precondition(start + Int(count) <= bytes.count, "values bound with another buffer")
                let text = (bytes.baseAddress.map { UnsafeRawPointer($0 + start) } ?? Self.empty).assumingMemoryBound(to: CChar.self)
                sqlite3_bind_text(handle, index, text, count, nil)  // nil: SQLITE_STATIC
            case .integer(let number):
                sqlite3_bind_int64(handle, index, number)
            case .null:
                sqlite3_bind_null(handle, index)
            }
        }
    }

    /// Makes `statement` forget its bound values, so that no pointer into bytes about to be freed stays bound.
    static func clearBindings(_ statement: Statement) {
        sqlite3_clear_bindings(statement.sqliteStatement)
    }

    /// After an insert was stepped: the new row's id, or nil when it inserted nothing (`ON CONFLICT DO NOTHING`).
    var insertedRowID: Int64? {
        guard let connection = db.sqliteConnection, sqlite3_changes(connection) > 0 else { return nil }
        return sqlite3_last_insert_rowid(connection)
    }

    func step() throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: String(cString: sqlite3_sql(handle)))
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// A valid address for an empty text (a nil one would bind NULL).
    private static var empty: UnsafeRawPointer { UnsafeRawPointer(("" as StaticString).utf8Start) }
}

/// The values of statements to run later, encoded in one byte buffer: the validating thread of a
/// large import encodes each row's insert here, and the writer binds them without copying any text
/// (`RawStatement.bind(_:_:pinned:)`), instead of SQLite copying each cell into a buffer of its own.
struct EncodedValues {
    enum Slot {
        case text(start: Int, count: Int32)
        case integer(Int64)
        case null
    }

    private(set) var bytes: [UInt8] = []
    private(set) var slots: [Slot] = []

    var count: Int { slots.count }

    mutating func append(_ text: String) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        slots.append(.text(start: start, count: Int32(bytes.count - start)))
    }

    mutating func append(_ text: String?) {
        if let text { append(text) } else { slots.append(.null) }
    }

    /// A list as the store keeps it: joined by `;`.
    mutating func append(list: [String]) {
        let start = bytes.count
        for (i, item) in list.enumerated() {
            if i > 0 { bytes.append(0x3B) }
            bytes.append(contentsOf: item.utf8)
        }
        slots.append(.text(start: start, count: Int32(bytes.count - start)))
    }

    mutating func append(_ flag: Bool) {
        slots.append(.integer(flag ? 1 : 0))
    }

    mutating func append(_ number: Int64) {
        slots.append(.integer(number))
    }

    /// Makes room for values like `other`'s, so that filling a batch does not grow the buffers step by step.
    mutating func reserveCapacity(like other: EncodedValues) {
        bytes.reserveCapacity(other.bytes.count)
        slots.reserveCapacity(other.slots.count)
    }

    /// Runs `body` with the bytes fixed in memory, for binding.
    func withPinnedBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer(body)
    }
}

/// A row's columns read by position, as the draw's read of the directory does.
protocol PositionalRow {
    func text(_ i: Int32) -> String
    func optionalText(_ i: Int32) -> String?
    func bool(_ i: Int32) -> Bool
    /// A stored `;`-joined list.
    func list(_ i: Int32) -> [String]
}

extension SQLRow: PositionalRow {
    func text(_ i: Int32) -> String { self[Int(i)] }
    func optionalText(_ i: Int32) -> String? { self[Int(i)] }
    func bool(_ i: Int32) -> Bool { self[Int(i)] }
    func list(_ i: Int32) -> [String] { StoredList.split(self[Int(i)]) }
}

/// A row's columns as the database holds them, by position: what the draw classes its directory on.
protocol RawColumns {
    /// The column's stored bytes (empty for NULL), valid only while the row is being read.
    func bytes(_ i: Int32) -> UnsafeRawBufferPointer
    func bool(_ i: Int32) -> Bool
}

/// Reads the columns of a row of a raw statement by position.
struct RawRow: PositionalRow, RawColumns {
    let handle: OpaquePointer

    func text(_ i: Int32) -> String {
        guard let p = sqlite3_column_text(handle, i) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, i))), as: UTF8.self)
    }

    /// The column's stored bytes (empty for NULL), valid until the next step.
    func bytes(_ i: Int32) -> UnsafeRawBufferPointer {
        guard let p = sqlite3_column_text(handle, i) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, i)))
    }

    func optionalText(_ i: Int32) -> String? {
        sqlite3_column_type(handle, i) == SQLITE_NULL ? nil : text(i)
    }

    func bool(_ i: Int32) -> Bool { sqlite3_column_int(handle, i) != 0 }

    /// A stored `;`-joined list (see `StoredList.split`), split on the column's bytes without first
    /// making the whole text a String.
    func list(_ i: Int32) -> [String] {
        guard let p = sqlite3_column_text(handle, i) else { return [] }
        let count = Int(sqlite3_column_bytes(handle, i))
        var parts: [String] = []
        var start = 0
        for end in 0...count where end == count || p[end] == 0x3B {
            if end > start { parts.append(String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)) }
            start = end + 1
        }
        return parts
    }
}

extension Database {
    /// Steps through `sql`'s rows with positional access, without GRDB's row copies: for reading a
    /// million-row directory in a draw.
    func forEachRawRow(_ sql: String, _ body: (RawRow) throws -> Void) throws {
        let statement = try makeStatement(sql: sql)
        let handle = statement.sqliteStatement
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)), sql: sql)
            }
            try body(RawRow(handle: handle))
        }
    }
}
