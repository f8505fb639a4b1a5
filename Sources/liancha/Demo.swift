import ArgumentParser
import Foundation
import InspectionStore

/// `liancha demo`: the main job on the bundled Luancheng fixtures, in a fresh database.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Luancheng (栾城区) demo on the fixtures in a fresh database under --output.",
        discussion: "Creates DIR/liancha.sqlite anew, loads departments, calendar, directory, roster and item lists, and prints a summary."
    )

    @Option(help: ArgumentHelp("Where to put the demo database and documents.", valueName: "dir"))
    var output = "demo"

    @Option(help: ArgumentHelp("The fixtures folder (with luancheng/).", valueName: "dir"))
    var fixtures = "fixtures"

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who runs the demo, for the audit log.", valueName: "name"))
    var operatorName = "演示"

    func run() throws {
        try reporting {
            let fm = FileManager.default
            let dataDir = (fixtures as NSString).appendingPathComponent("luancheng")
            guard fm.fileExists(atPath: dataDir) else {
                throw Failure(message: "no fixtures at \(dataDir): run the demo from the repository root or pass --fixtures DIR")
            }
            try? fm.createDirectory(atPath: output, withIntermediateDirectories: true)
            let path = (output as NSString).appendingPathComponent("liancha.sqlite")
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: path + suffix) }
            let db = try AppDatabase.create(path: path)
            let actor = Clock.actor(name: operatorName)
            _ = try Init.loadBundled(into: db, actor: actor)
            for table in [Import.Table.enterprises, .inspectors, .items] {
                let file = (dataDir as NSString).appendingPathComponent("\(table.rawValue).csv")
                let s = try Import.importFile(table, path: file, into: db, actor: actor)
                print("imported \(file): \(s.added) \(table.rawValue)")
            }
            print("")
            print(Summary.render(try db.directorySummary()))
            print("")
            print("database: \(path)")
        }
    }
}
