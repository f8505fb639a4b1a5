import ArgumentParser
import Inspection
import InspectionStore

/// `liancha export enterprises|inspectors|items --output FILE`
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the directory, the roster or the item lists as CSV or XLSX (by extension).",
        discussion: "The headers are those the importer reads, so export → import changes nothing."
    )

    enum Table: String, ExpressibleByArgument, CaseIterable {
        case enterprises, inspectors, items, departments
    }

    @Argument(help: "What to export: enterprises, inspectors, items or departments.")
    var table: Table

    @Option(name: .shortAndLong, help: ArgumentHelp("The .csv or .xlsx file to write.", valueName: "file"))
    var output: String

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reporting {
            _ = try TableFiles.format(of: output)
            let db = try global.open()
            let (header, rows): ([String], [[String]])
            switch table {
            case .enterprises: (header, rows) = Self.table(.enterprises, try db.enterprises())
            case .inspectors: (header, rows) = Self.table(.inspectors, try db.inspectors())
            case .items: (header, rows) = Self.table(.items, try db.items())
            case .departments: (header, rows) = Self.table(.departments, try db.departments())
            }
            try TableFiles.write(header: header, rows: rows, to: output, sheetName: table.rawValue)
            print("exported \(rows.count) \(table.rawValue) to \(output)")
        }
    }

    private static func table<R>(_ schema: TableSchema<R>, _ records: [R]) -> ([String], [[String]]) {
        (schema.header, records.map(schema.cells(of:)))
    }
}
