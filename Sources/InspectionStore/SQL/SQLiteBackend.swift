import Foundation
import GRDB

/// The embedded SQLite database, through GRDB: a pool in WAL mode (many readers, one writer) for a
/// file, a queue for tests in memory.
struct SQLiteBackend: StoreBackend {
    let writer: any DatabaseWriter

    var dialect: SQLDialect { .sqlite }

    /// A file's pool of reader connections (WAL); a database in memory reads one at a time.
    var concurrentReads: Int { (writer as? DatabasePool)?.configuration.maximumReaderCount ?? 1 }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try translatingErrors { try writer.read { db in try body(SQLiteConnection(db: db)) } }
    }

    func write<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try translatingErrors { try writer.write { db in try body(SQLiteConnection(db: db)) } }
    }

    private func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw Self.translated(error)
        }
    }

    /// SQLite's errors as store errors a user can act on; any other error as it is.
    static func translated(_ error: any Error) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return StoreError.busy
        case .SQLITE_FULL: return StoreError.diskFull
        // NB: a constraint failure here means the code let an invalid value through; say so without SQL.
        default: return StoreError.refused(code: "SQLite \(error.extendedResultCode.rawValue)")
        }
    }
}

/// A GRDB connection inside a read or a transaction. Statements with arguments are prepared once
/// per connection and reused.
struct SQLiteConnection: SQLConnection {
    let db: Database

    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        if arguments.isEmpty {
            // NB: may be several statements (a test's setup, a pragma), which a prepared statement cannot be.
            try db.execute(sql: sql)
        } else {
            try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        }
        return db.changesCount
    }

    func insertReturningID(sql: String, arguments: SQLArguments) throws -> Int64? {
        try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        return db.changesCount == 0 ? nil : db.lastInsertedRowID
    }

    func forEachRow(sql: String, arguments: SQLArguments, _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            try body(SQLRow(columns: columns, values: (0..<columns.count).map { Self.value(row[$0] as DatabaseValue) }))
        }
    }

    static func arguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.map { argument -> (any DatabaseValueConvertible)? in
            switch argument.sqlValue {
            case .null: nil
            case .integer(let number): number
            case .real(let number): number
            case .text(let text): text
            case .blob(let data): data
            case .boolean(let flag): flag ? 1 : 0
            }
        })
    }

    static func value(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null(.text)
        case .int64(let number): .integer(number)
        case .double(let number): .real(number)
        case .string(let text): .text(text)
        case .blob(let data): .blob(data)
        }
    }
}
