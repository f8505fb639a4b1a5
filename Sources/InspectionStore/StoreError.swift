public import Inspection

/// A row of an import and the department it would write into.
public struct DepartmentRow: Equatable, Sendable {
    public let row: Int
    /// The department's name (its code when unknown).
    public let department: String

    public init(row: Int, department: String) {
        self.row = row
        self.department = department
    }
}

/// What the store refuses, in words that say what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingDatabase(path: String)
    case outdatedDatabase(path: String)
    case unreadableDatabase(path: String)
    /// A PostgreSQL server that cannot be reached (the URL without its password).
    case unreachableDatabase(String)
    /// A PostgreSQL server that refused the user name or password.
    case loginRefused(String)
    /// A PostgreSQL server without the database the URL names.
    case noServerDatabase(String)
    /// A copy into a database that already holds rows (in `table`).
    case targetNotEmpty(table: String)
    /// A command that works on PostgreSQL given another database.
    case notPostgres
    /// A PostgreSQL role that does not exist (grants are given to roles an administrator made).
    case unknownRole(String)
    /// The PostgreSQL role liancha logs in with may not make this change (its privileges withhold it).
    case notGranted
    /// A PostgreSQL URL without the `?schema=` a command needs.
    case noSchema(String)
    /// A PostgreSQL database whose schema step `number` is not one this liancha ships.
    case schemaMismatch(number: Int)
    /// A header that does not fit the table.
    case header(HeaderProblem)
    /// Rows that did not validate; nothing was written. `total` counts every problem, `problems` holds the first ones.
    case invalidRows(problems: [FieldProblem], total: Int, rows: Int)
    case unknownDepartment(String)
    /// Rows of an import restricted to `own` department that name, or would update, another
    /// department's records; nothing was written.
    case otherDepartmentRows(own: String, rows: [DepartmentRow], total: Int)
    /// An account change by someone who may not manage that account (`Account.mayManage`).
    case accountNotManaged(name: String, by: String)
    /// An import restricted to one department of a table no single department owns.
    case sharedTable(noun: String, department: String)
    case emptyCalendar
    case busy
    /// The scope was drawn already; a new draw must name the one it supersedes and say why.
    case alreadyDrawn(existing: String, created: String, operator: String)
    case supersedesOtherScope(id: String)
    case alreadySuperseded(id: String, by: String)
    case reasonRequired
    case unknownDraw(String)
    case notSealed(String)
    case alreadyRevealed(String)
    case notDrawn(uscc: String, draw: String)
    case checkRecorded(uscc: String, draw: String)
    case diskFull
    /// The database refused a write for a reason the validation should have caught (a bug to report);
    /// `code` names the database and its error code.
    case refused(code: String)

    public var description: String {
        switch self {
        case .missingDatabase(let path):
            "no database at \(path): create it with `liancha init --database \(path)`"
        case .outdatedDatabase(let path):
            "the database at \(path) was made by an older liancha: run `liancha init --database \(path)` to migrate it"
        case .unreadableDatabase(let path):
            "\(path) is not a liancha database (or cannot be opened)"
        case .unreachableDatabase(let url):
            "cannot reach the PostgreSQL server of \(url): is it running, and are the host and port right?"
        case .loginRefused(let url):
            "the PostgreSQL server refused the login for \(url): check the user name and password in the URL"
        case .noServerDatabase(let url):
            "the PostgreSQL server has no database named in \(url): create it (createdb), then run `liancha init --database URL`"
        case .targetNotEmpty(let table):
            "the database to copy into already holds rows (in \(table)): copy into a new database or a new schema (?schema=NAME)"
        case .notPostgres: "give a postgres:// URL: this works on a PostgreSQL database"
        case .unknownRole(let role): "the PostgreSQL server has no role '\(role)': create it first (CREATE ROLE … LOGIN PASSWORD '…')"
        case .notGranted:
            "the database's permissions do not let this login make the change (PostgreSQL 42501); nothing was written — see `liancha db grant`"
        case .noSchema(let url): "\(url) names no schema: add ?schema=NAME"
        case .schemaMismatch(let number):
            "the database's schema step \(number) is not the one this liancha ships: another version of liancha made it"
        case .header(let problem): "\(problem)"
        case .invalidRows(_, let total, let rows):
            "\(total) problem\(total == 1 ? "" : "s") in \(rows) row\(rows == 1 ? "" : "s"); nothing was imported"
        case .unknownDepartment(let code): "unknown department '\(code)'"
        case .otherDepartmentRows(let own, let rows, let total):
            "only rows of \(own) may be imported; "
                + rows.map { "row \($0.row) belongs to \($0.department)" }.joined(separator: ", ")
                + (total > rows.count ? " and \(total - rows.count) more" : "") + "; nothing was imported"
        case .accountNotManaged(let name, let by): "\(by) may not manage the account \(name)"
        case .sharedTable(let noun, let department):
            "\(noun) are imported by the coordinating department, not by \(department)"
        case .emptyCalendar: "the calendar file has no rows"
        case .alreadyDrawn(let id, let created, let op):
            "this scope was drawn already as \(id) (\(created), \(op)); a draw is never silently redone: to draw again, give --supersedes \(id) --reason \"why\""
        case .supersedesOtherScope(let id): "\(id) is a draw of another scope; --supersedes must name the draw of this scope"
        case .alreadySuperseded(let id, let by): "\(id) was already superseded by \(by); supersede \(by) instead"
        case .reasonRequired: "a draw that supersedes another must say why (--reason)"
        case .unknownDraw(let id): "no draw \(id) (see `liancha draw list`)"
        case .notSealed(let id): "\(id) is not sealed: its seed and lists are public already"
        case .alreadyRevealed(let id): "\(id) was revealed already"
        case .notDrawn(let uscc, let draw): "\(uscc) was not drawn in \(draw)"
        case .checkRecorded(let uscc, let draw): "the check of \(uscc) in \(draw) is recorded already"
        case .busy: "the database is busy with another write (another liancha command or the web server); try again in a moment"
        case .diskFull: "the disk is full; nothing was written"
        case .refused(let code): "the database refused the write (\(code)); nothing was written — please report this"
        }
    }
}
