import ArgumentParser
import Foundation
import Inspection
import InspectionDocuments
import InspectionStore

/// `liancha import enterprises|inspectors|items|departments FILE`
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import the directory, the roster, item lists or departments from CSV or XLSX.",
        discussion: """
            The first row is the header: the Chinese column names (or their English aliases).
            CSV may be UTF-8 (with or without BOM) or GB18030 as Excel/WPS save it; XLSX uses the
            first sheet. One transaction: if any row is invalid nothing is written and every problem
            is listed, unless --skip-invalid --rejects FILE writes the good rows and the bad ones to FILE.
            A row whose key exists updates the stored record.
            """
    )

    enum Table: String, ExpressibleByArgument, CaseIterable {
        case enterprises, inspectors, items, departments, conflicts
    }

    @Argument(help: "What to import: enterprises, inspectors, items, departments or conflicts (回避: 执法证号, 统一社会信用代码, 回避原因).")
    var table: Table

    @Argument(help: "The .csv or .xlsx file.")
    var file: String

    @Flag(help: "Write the valid rows and put the invalid ones, with their reasons, into --rejects.")
    var skipInvalid = false

    @Option(help: ArgumentHelp("Where --skip-invalid writes the rejected rows (.csv or .xlsx).", valueName: "file"))
    var rejects: String?

    @Option(help: "Refuse a file with more data rows than this (nothing is imported).")
    var maxRows = ReadLimits.cli.maxRows

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard maxRows > 0 else { throw ValidationError("--max-rows must be positive") }
        if skipInvalid && rejects == nil { throw ValidationError("--skip-invalid needs --rejects FILE, so that no row is lost silently") }
        if rejects != nil && !skipInvalid { throw ValidationError("--rejects goes with --skip-invalid") }
    }

    func run() throws {
        try reporting {
            let db = try global.open()
            if table == .conflicts {
                let conflicts = try Self.readConflicts(file, maxRows: maxRows)
                try db.addConflicts(conflicts, source: (file as NSString).lastPathComponent, actor: global.actor())
                print("imported \(conflicts.count) conflicts of interest from \(file)")
                return
            }
            let summary = try Self.importFile(table, path: file, into: db, actor: global.actor(),
                                              skipInvalid: skipInvalid, rejectsPath: rejects, maxRows: maxRows)
            var line = "imported \(table.rawValue) from \(file): \(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged"
            if skipInvalid { line += ", \(summary.rejected.count) rejected" + (summary.rejected.isEmpty ? "" : " (written to \(rejects!))") }
            print(line)
        }
    }

    /// Imports one file; prints every problem and throws when the import wrote nothing.
    static func importFile(_ table: Table, path: String, into db: AppDatabase, actor: Actor,
                           skipInvalid: Bool = false, rejectsPath: String? = nil, maxRows: Int = ReadLimits.cli.maxRows) throws -> ImportSummary {
        var limits = ReadLimits.cli
        limits.maxRows = maxRows
        let read = TableFiles.ByteCount()
        var reader = try TableFiles.open(path, limits: limits, read: read)
        let header = reader.header
        let rows = TableFiles.rows(of: &reader)
        let options = ImportOptions(source: (path as NSString).lastPathComponent, skipInvalid: skipInvalid)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let csv = (try? TableFiles.format(of: path)) == .csv
        let progress = Console.Progress(fraction: { csv && size > 0 ? Double(read.value) / Double(size) : nil })
        defer { progress.finish() }
        let summary: ImportSummary
        do {
            switch table {
            case .enterprises:
                summary = try db.importEnterprises(bind(.enterprises, header, path), rows: rows, options: options, actor: actor, progress: progress.update)
            case .inspectors:
                summary = try db.importInspectors(bind(.inspectors, header, path), rows: rows, options: options, actor: actor, progress: progress.update)
            case .items:
                summary = try db.importItems(bind(.items, header, path), rows: rows, options: options, actor: actor, progress: progress.update)
            case .departments:
                summary = try db.importDepartments(bind(.departments, header, path), rows: rows, options: options, actor: actor, progress: progress.update)
            case .conflicts:
                throw Failure(message: "conflicts are imported with `liancha import conflicts FILE`")
            }
        } catch StoreError.invalidRows(let problems, let total, let badRows) {
            progress.finish()
            for problem in problems { Console.error(problem.description) }
            if total > problems.count { Console.error("… and \(total - problems.count) more problems") }
            throw Failure(message: "\(path): \(total) problem\(total == 1 ? "" : "s") in \(badRows) row\(badRows == 1 ? "" : "s"); nothing was imported")
        } catch let error as Failure {
            throw error
        } catch let error as StoreError {
            throw Failure(message: "\(path): \(error)")
        } catch {
            throw Failure(message: "\(path): \(error); nothing was imported")
        }
        if let rejectsPath, !summary.rejected.isEmpty {
            let rows = summary.rejected.map { rejected -> [String] in
                let cells = rejected.cells + Array(repeating: "", count: max(0, header.count - rejected.cells.count))
                return [String(rejected.row)] + cells.prefix(header.count)
                    + [rejected.problems.map { "\($0.column): '\($0.value)' \($0.reason)" }.joined(separator: "；")]
            }
            try TableFiles.write(header: ["原行号"] + header + ["错误原因"], rows: rows, to: rejectsPath, sheetName: "rejects")
        }
        return summary
    }

    /// Reads a conflicts file whole; any bad row is reported and nothing is imported.
    static func readConflicts(_ path: String, maxRows: Int = ReadLimits.cli.maxRows) throws -> [ConflictOfInterest] {
        var limits = ReadLimits.cli
        limits.maxRows = maxRows
        var reader = try TableFiles.open(path, limits: limits)
        var table = try bind(.conflicts, reader.header, path)
        var conflicts: [ConflictOfInterest] = []
        var problems: [FieldProblem] = []
        var problemCount = 0
        do {
            while let cells = try reader.next() {
                switch table.read(cells, row: reader.rowNumber, context: ImportContext(departments: [])) {
                case .record(let c): conflicts.append(c)
                case .problems(let found):
                    // NB: the first 200 problems are kept and the rest only counted, whatever the file's size.
                    problemCount += found.count
                    problems += found.prefix(max(0, 200 - problems.count))
                }
            }
        } catch {
            throw Failure(message: "\(path): \(error)")
        }
        guard problemCount == 0 else {
            problems.forEach { Console.error($0.description) }
            if problemCount > problems.count { Console.error("… and \(problemCount - problems.count) more problems") }
            throw Failure(message: "\(path): \(problemCount) problem\(problemCount == 1 ? "" : "s"); nothing was imported")
        }
        return conflicts
    }

    private static func bind<R>(_ schema: TableSchema<R>, _ header: [String], _ path: String) throws -> BoundTable<R> {
        do {
            let bound = try schema.bind(header: header)
            if !bound.ignoredHeaders.isEmpty {
                Console.error("note: \(path): column\(bound.ignoredHeaders.count > 1 ? "s" : "") \(bound.ignoredHeaders.joined(separator: ", ")) not imported (not a column of \(schema.noun))")
            }
            return bound
        } catch {
            let expected = schema.columns.map(\.templateHeader).joined(separator: ", ")
            throw Failure(message: "\(path): \(error) (\(schema.noun) columns: \(expected))")
        }
    }
}
