import ArgumentParser
import Foundation
import Inspection
import InspectionDocuments
import InspectionStore

/// `liancha calendar import|add-workdays|is-workday`
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The Chinese working-day calendar (State Council holiday notices).",
        subcommands: [ImportNotice.self, AddWorkdays.self, IsWorkday.self]
    )

    struct ImportNotice: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Load a year's holiday notice: a CSV/XLSX with columns date, kind (holiday/workday), name.",
            discussion: "The years in the file replace what was stored for them. Load only the official notice, never an unofficial schedule."
        )

        @Argument(help: "The .csv or .xlsx file.")
        var file: String

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                let entries = try CalendarCommand.read(file)
                let years = try db.importCalendar(entries, source: (file as NSString).lastPathComponent, actor: global.actor())
                print("loaded \(entries.count) days for \(years.map(String.init).joined(separator: ", "))")
            }
        }
    }

    struct AddWorkdays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-workdays",
            abstract: "Print the date N working days after DATE (DATE itself not counted)."
        )

        @Argument(help: "The start date, YYYY-MM-DD.") var date: String
        @Argument(help: "How many working days.") var count: Int
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let start = try CalendarCommand.parse(date)
                print(try global.open().workCalendar().adding(workdays: count, to: start))
            }
        }
    }

    struct IsWorkday: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "is-workday",
            abstract: "Print 是 for a working day (exit 0) or 否 for a day off (exit 1); exit 2 on error."
        )

        @Argument(help: "The date, YYYY-MM-DD.") var date: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let working: Bool
            do {
                let day = try CalendarCommand.parse(date)
                working = try global.open().workCalendar().isWorkday(day)
            } catch {
                Console.error("error: \(error)")
                throw ExitCode(2)
            }
            print(working ? "是" : "否")
            if !working { throw ExitCode(1) }
        }
    }

    static func parse(_ text: String) throws -> LocalDate {
        guard let date = LocalDate(text) else { throw Failure(message: "'\(text)' is not a date (YYYY-MM-DD)") }
        return date
    }

    /// Reads a holiday notice file; every problem is listed and nothing is loaded if there is one.
    static func read(_ path: String) throws -> [CalendarEntry] {
        var reader = try TableFiles.open(path)
        return try entries(from: &reader, name: path)
    }

    /// The entries of an opened holiday notice (`name` for messages).
    static func entries(from reader: inout TableReader, name path: String) throws -> [CalendarEntry] {
        var table: BoundTable<CalendarEntry>
        do { table = try TableSchema.calendar.bind(header: reader.header) } catch {
            throw Failure(message: "\(path): \(error) (columns: date, kind, name)")
        }
        var entries: [CalendarEntry] = []
        var problems: [FieldProblem] = []
        let context = ImportContext(departments: [])
        do {
            while let cells = try reader.next() {
                switch table.read(cells, row: reader.rowNumber, context: context) {
                case .problems(let found): problems += found
                case .record(let entry) where entry.kind == .workday && !entry.date.isWeekend:
                    problems.append(FieldProblem(row: reader.rowNumber, column: "类型", value: entry.kind.rawValue,
                                                 reason: "\(entry.date) is a weekday; an adjusted working day (调休) is a Saturday or Sunday"))
                case .record(let entry): entries.append(entry)
                }
            }
        } catch {
            throw Failure(message: "\(path): \(error)")
        }
        if !problems.isEmpty {
            problems.prefix(200).forEach { Console.error($0.description) }
            throw Failure(message: "\(path): \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was loaded")
        }
        return entries
    }
}
