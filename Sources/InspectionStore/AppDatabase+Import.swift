import GRDB
public import Inspection

/// A row an import could not take, kept for the rejects file.
public struct RejectedRow: Sendable {
    public let row: Int
    public let cells: [String]
    public let problems: [FieldProblem]
}

/// What an import did.
public struct ImportSummary: Sendable {
    public var added = 0
    public var changed = 0
    public var unchanged = 0
    /// Rows left out under `skipInvalid` (empty otherwise: any invalid row aborts the import).
    public var rejected: [RejectedRow] = []
    public var auditID: Int64 = 0
}

/// How an import treats the file.
public struct ImportOptions: Sendable {
    /// The file's name, for the audit log.
    public var source: String
    /// Write the good rows and return the bad ones, instead of writing nothing.
    public var skipInvalid = false
    /// At most this many problems are kept for the message; all are counted.
    public var problemLimit = 200

    public init(source: String, skipInvalid: Bool = false) {
        self.source = source
        self.skipInvalid = skipInvalid
    }
}

/// Pulls the next data row of a file: its spreadsheet row number and cells, or nil at the end.
public typealias RowSource = () throws -> (row: Int, cells: [String])?

extension AppDatabase {
    public func importDepartments(_ table: BoundTable<Department>, rows: RowSource, options: ImportOptions,
                                  actor: Actor, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importTable(table, rows: rows, options: options, actor: actor, progress: progress)
    }

    public func importEnterprises(_ table: BoundTable<Enterprise>, rows: RowSource, options: ImportOptions,
                                  actor: Actor, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importTable(table, rows: rows, options: options, actor: actor, progress: progress)
    }

    public func importInspectors(_ table: BoundTable<Inspector>, rows: RowSource, options: ImportOptions,
                                 actor: Actor, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importTable(table, rows: rows, options: options, actor: actor, progress: progress)
    }

    public func importItems(_ table: BoundTable<InspectionItem>, rows: RowSource, options: ImportOptions,
                            actor: Actor, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importTable(table, rows: rows, options: options, actor: actor, progress: progress)
    }

    /// One import, one transaction: either every row is written (or, with `skipInvalid`, every good
    /// row) together with its history and one audit entry, or nothing is.
    private func importTable<R: DirectoryRecord>(_ table: BoundTable<R>, rows: RowSource, options: ImportOptions,
                                                 actor: Actor, progress: ((Int) -> Void)?) throws -> ImportSummary {
        try translatingErrors {
            try writer.write { db in
                var table = table
                let context = ImportContext(departments: try Department.fetchAll(db))
                let auditID = try nextAuditID(db)
                let history = EnterpriseHistory(auditID: auditID, date: actor.today)
                var summary = ImportSummary(auditID: auditID)
                var problems: [FieldProblem] = []
                var problemCount = 0
                var badRows = 0
                var touched: [String] = []
                var seen = 0

                while let (number, cells) = try rows() {
                    seen += 1
                    if seen % 10_000 == 0 { progress?(seen) }
                    let record: R
                    switch table.read(cells, row: number, context: context) {
                    case .problems(let found):
                        badRows += 1
                        problemCount += found.count
                        if problems.count < options.problemLimit { problems += found.prefix(options.problemLimit - problems.count) }
                        if options.skipInvalid { summary.rejected.append(RejectedRow(row: number, cells: cells, problems: found)) }
                        continue
                    case .record(let r):
                        record = r
                    }
                    // After a problem in an all-or-nothing import, only validate: the write is rolled back anyway.
                    if badRows > 0 && !options.skipInvalid { continue }

                    if let id = try record.insertIfNew(db) {
                        summary.added += 1
                        if touched.count < Self.auditRecordLimit { touched.append(R.schema.key(record)) }
                        try history.recordInsert(of: record, id: id, db)
                    } else if let (id, stored) = try record.fetchStored(db) {
                        let merged = table.merging(record, over: stored)
                        let before = R.schema.cells(of: stored)
                        let after = R.schema.cells(of: merged)
                        if before == after {
                            summary.unchanged += 1
                        } else {
                            try merged.update(db, id: id)
                            summary.changed += 1
                            if touched.count < Self.auditRecordLimit { touched.append(R.schema.key(record)) }
                            try history.recordChange(of: merged, id: id, before: before, after: after, db)
                        }
                    }
                }
                progress?(seen)

                if badRows > 0 && !options.skipInvalid {
                    throw StoreError.invalidRows(problems: problems, total: problemCount, rows: badRows)
                }
                let written = summary.added + summary.changed
                var detail = "\(options.source): \(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged"
                if !summary.rejected.isEmpty { detail += ", \(summary.rejected.count) rejected" }
                var records = touched.joined(separator: "\n")
                if written > touched.count { records += "\n… and \(written - touched.count) more" }
                try appendAudit(db, id: auditID, actor: actor, action: "import \(R.schema.noun)", detail: detail, records: records)
                return summary
            }
        }
    }

    /// How many keys an audit entry lists; the rest are counted (enterprises keep every one in their history).
    static let auditRecordLimit = 1_000
}

/// Writes the directory history (新增, 变更, 注销) of enterprises; other tables keep none.
struct EnterpriseHistory {
    let auditID: Int64
    let date: LocalDate

    func recordInsert<R>(of record: R, id: Int64, _ db: Database) throws {
        guard R.self == Enterprise.self else { return }
        try insert(db, id: id, kind: "新增", field: nil, old: nil, new: nil)
    }

    func recordChange<R>(of record: R, id: Int64, before: [String], after: [String], _ db: Database) throws {
        guard R.self == Enterprise.self else { return }
        let columns = TableSchema<Enterprise>.enterprises.columns
        for i in before.indices where before[i] != after[i] {
            let deregistered = columns[i].name == "经营状态" && after[i] == OperatingStatus.deregistered.rawValue
            try insert(db, id: id, kind: deregistered ? "注销" : "变更", field: columns[i].name, old: before[i], new: after[i])
        }
    }

    private func insert(_ db: Database, id: Int64, kind: String, field: String?, old: String?, new: String?) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO enterprise_change (enterprise_id, date, kind, field, old_value, new_value, audit_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        statement.setUncheckedArguments([id, date.description, kind, field, old, new, auditID])
        try statement.execute()
    }
}
