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
    /// The one department whose rows this import may write (a clerk's), or nil for any (the
    /// coordinator, the CLI). Decided on the parsed records and on the stored ones they update.
    public var department: String?

    public init(source: String, skipInvalid: Bool = false, department: String? = nil) {
        self.source = source
        self.skipInvalid = skipInvalid
        self.department = department
    }
}

/// Pulls the next data row of a file: its spreadsheet row number and cells, or nil at the end.
public typealias RowSource = () throws -> (row: Int, cells: [String])?

extension AppDatabase {
    public func importDepartments(_ table: BoundTable<Department>, rows: @escaping RowSource, options: ImportOptions,
                                  actor: Actor, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importTable(table, rows: rows, options: options, actor: actor, progress: progress)
    }

    public func importEnterprises(_ table: BoundTable<Enterprise>, rows: @escaping RowSource, options: ImportOptions,
                                  actor: Actor, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importTable(table, rows: rows, options: options, actor: actor, progress: progress)
    }

    public func importInspectors(_ table: BoundTable<Inspector>, rows: @escaping RowSource, options: ImportOptions,
                                 actor: Actor, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importTable(table, rows: rows, options: options, actor: actor, progress: progress)
    }

    public func importItems(_ table: BoundTable<InspectionItem>, rows: @escaping RowSource, options: ImportOptions,
                            actor: Actor, progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importTable(table, rows: rows, options: options, actor: actor, progress: progress)
    }

    /// One import, one transaction: either every row is written (or, with `skipInvalid`, every good
    /// row) together with its history and one audit entry, or nothing is.
    private func importTable<R: DirectoryRecord>(_ table: BoundTable<R>, rows: @escaping RowSource, options: ImportOptions,
                                                 actor: Actor, progress: ((Int) -> Void)?) throws -> ImportSummary {
        // A large import inserts into the key index in random order: give SQLite room to keep the
        // index's pages in memory (a million USCCs' index is ~40 MiB), not the whole file.
        try backend.write { db in try db.withLargerCache {
            let context = ImportContext(departments: try Department.fetchAll(db))
            if let own = options.department, !R.isOwnedByDepartment {
                throw StoreError.sharedTable(noun: R.schema.noun, department: context.name(of: own))
            }
            var foreign: [DepartmentRow] = []
            var foreignCount = 0
            let auditID = try nextAuditID(db)
            let stamp = ImportStamp(date: actor.today, auditID: auditID)
            var summary = ImportSummary(auditID: auditID)
            var problems: [FieldProblem] = []
            var problemCount = 0
            var badRows = 0
            var touched: [String] = []
            var seen = 0

            // On SQLite, a table that encodes its inserts has them encoded on the validating thread,
            // and its statement prepared once.
            let sqlite = (db as? SQLiteConnection)?.db
            let insert = try sqlite.flatMap { sqlite in try R.encodedInsertSQL.map { try sqlite.makeStatement(sql: $0) } }
            let validated = ValidatedRows(table, rows: rows, context: context,
                                          encode: insert == nil ? nil : { $0.encodeInsert(into: &$1, stamp: stamp) })
            defer { validated.close() }
            // On PostgreSQL, the directory's valid rows go by COPY and are written after the last row.
            let staging = try EnterpriseStaging.start(table, db, stamp: stamp, limit: Self.auditRecordLimit)
            defer { staging?.close() }
            while let batch = try validated.next() {
                try batch.values.withPinnedBytes { pinned in
                    // NB: rows are read in place (`batch.rows[i]`): a valid row's record is not copied
                    // unless it updates a stored one or names another department.
                    for i in batch.rows.indices {
                        if case .problems(let found) = batch.rows[i].outcome {
                            let row = batch.rows[i]
                            badRows += 1
                            problemCount += found.count
                            if problems.count < options.problemLimit { problems += found.prefix(options.problemLimit - problems.count) }
                            if options.skipInvalid { summary.rejected.append(RejectedRow(row: row.number, cells: row.cells, problems: found)) }
                            continue
                        }
                        if let own = options.department, case .record(let record) = batch.rows[i].outcome,
                           let other = try record.otherOwner(than: own, db) {
                            foreignCount += 1
                            if foreign.count < options.problemLimit {
                                foreign.append(DepartmentRow(row: batch.rows[i].number, department: context.name(of: other)))
                            }
                            continue
                        }
                        // After a problem in an all-or-nothing import, only validate: the write is rolled back anyway.
                        if foreignCount > 0 || (badRows > 0 && !options.skipInvalid) { continue }
                        if let staging, case .record(let record) = batch.rows[i].outcome, let enterprise = record as? Enterprise {
                            staging.append(enterprise)
                            continue
                        }
                        let added: Bool
                        if let insert, let sqlite, let encoded = batch.rows[i].encoded {
                            added = try R.insertEncoded(insert, batch.values, encoded, pinned: pinned, sqlite) != nil
                        } else if case .record(let record) = batch.rows[i].outcome {
                            added = try record.insertIfNew(db, stamp: stamp) != nil
                        } else {
                            continue
                        }
                        if added {
                            summary.added += 1
                            if touched.count < Self.auditRecordLimit, case .record(let record) = batch.rows[i].outcome {
                                touched.append(R.schema.key(record))
                            }
                            continue
                        }
                        guard case .record(let record) = batch.rows[i].outcome,
                              let (id, stored) = try record.fetchStored(db) else { continue }
                        let merged = table.merging(record, over: stored)
                        let before = R.schema.cells(of: stored)
                        let after = R.schema.cells(of: merged)
                        if before == after {
                            summary.unchanged += 1
                        } else {
                            try merged.update(db, id: id)
                            summary.changed += 1
                            if touched.count < Self.auditRecordLimit { touched.append(R.schema.key(record)) }
                            try EnterpriseHistory.recordChange(of: merged, id: id, before: before, after: after, stamp: stamp, db)
                        }
                    }
                }
                if let insert { RawStatement.clearBindings(insert) }  // before the batch's bytes go
                try staging?.flush()
                seen += batch.rows.count
                progress?(seen)
                validated.recycle(batch)
            }

            if foreignCount > 0 {
                throw StoreError.otherDepartmentRows(own: context.name(of: options.department ?? ""), rows: foreign, total: foreignCount)
            }
            if badRows > 0 && !options.skipInvalid {
                throw StoreError.invalidRows(problems: problems, total: problemCount, rows: badRows)
            }
            if let staging {
                let written = try staging.write(stamp: stamp)
                (summary.added, summary.changed, summary.unchanged) = (written.added, written.changed, written.unchanged)
                touched = written.touched
            }
            let written = summary.added + summary.changed
            var detail = "\(options.source): \(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged"
            if !summary.rejected.isEmpty { detail += ", \(summary.rejected.count) rejected" }
            var records = touched.joined(separator: "\n")
            if written > touched.count { records += "\n… and \(written - touched.count) more" }
            try appendAudit(db, id: auditID, actor: actor, action: "import \(R.schema.noun)", detail: detail, records: records)
            return summary
        } }
    }

    /// How many keys an audit entry lists; the rest are counted (enterprises keep every one in their history).
    static let auditRecordLimit = 1_000
}

/// Writes the directory history of enterprises (变更, 注销); other tables keep none. An enterprise's
/// 新增 is its row's `added_on`.
enum EnterpriseHistory {
    static func recordChange<R>(of record: R, id: Int64, before: [String], after: [String], stamp: ImportStamp, _ db: any SQLConnection) throws {
        guard R.self == Enterprise.self else { return }
        let columns = TableSchema<Enterprise>.enterprises.columns
        let insert = """
            INSERT INTO enterprise_change (enterprise_id, date, kind, field, old_value, new_value, audit_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """
        for i in before.indices where before[i] != after[i] {
            let deregistered = columns[i].name == "经营状态" && after[i] == OperatingStatus.deregistered.rawValue
            try db.execute(sql: insert, arguments: [id, stamp.date.description, deregistered ? "注销" : "变更", columns[i].name,
                                              before[i], after[i], stamp.auditID])
        }
    }
}
