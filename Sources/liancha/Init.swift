import ArgumentParser
import Foundation
import Inspection
import InspectionDocuments
import InspectionStore

/// `liancha init`: create or migrate the database and load the bundled departments and calendar.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or migrate the database; load the bundled departments and working-day calendar."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reporting {
            let path = global.databasePath
            let db: AppDatabase
            let done: String
            if let server = PostgresLocation(url: path) {
                // NB: the server's refusals (login, unknown database, unreachable) say what to do.
                db = try AppDatabase.create(path)
                done = "ready \(server.redacted)"
            } else {
                let existed = FileManager.default.fileExists(atPath: path)
                do { db = try AppDatabase.create(path) } catch {
                    throw Failure(message: "\(path): cannot create or open the database (\(existed ? "is it a liancha database?" : "does the folder exist?"))")
                }
                done = "\(existed ? "migrated" : "created") \(path)"
            }
            let report = try Self.loadBundled(into: db, actor: global.actor())
            print(done)
            print("departments: \(report.departments.added) added, \(report.departments.changed) changed")
            print(report.years.isEmpty ? "calendar: already loaded" : "calendar: loaded \(report.years.map(String.init).joined(separator: ", "))")
        }
    }

    /// Loads the bundled departments (new ones added, changed ones updated) and the calendar years not yet loaded.
    static func loadBundled(into db: AppDatabase, actor: Actor) throws -> (departments: ImportSummary, years: [Int]) {
        var reader = try TableReader(data: Data(Bundled.departments.utf8), format: .csv)
        let departments = try db.importDepartments(TableSchema.departments.bind(header: reader.header),
                                                   rows: TableFiles.rows(of: &reader),
                                                   options: ImportOptions(source: "bundled departments"), actor: actor)
        var calendarReader = try TableReader(data: Data(Bundled.calendar.utf8), format: .csv)
        let entries = try CalendarCommand.entries(from: &calendarReader, name: "the bundled calendar")
        let loaded = try db.workCalendar().years
        let missing = entries.filter { !loaded.contains($0.date.year) }
        let years = missing.isEmpty ? [] : try db.importCalendar(missing, source: "bundled calendar", actor: actor)
        return (departments, years)
    }
}
