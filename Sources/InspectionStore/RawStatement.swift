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

    /// A list as the store keeps it: joined by `;`.
    mutating func bind(list: [String]) {
        bind(list.count == 1 ? list[0] : list.joined(separator: ";"))
    }

    mutating func bind(_ flag: Bool) {
        index += 1
        sqlite3_bind_int(handle, index, flag ? 1 : 0)
    }

    mutating func bind(_ number: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, number)
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
}
