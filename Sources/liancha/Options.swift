import ArgumentParser
import Foundation
import Inspection
import InspectionStore

/// Options every subcommand takes: which database, and who is at the keyboard.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (default: $LIANCHA_DATABASE, else liancha.sqlite).", valueName: "path"))
    var database: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who runs the command, for the audit log (default: the OS user).", valueName: "name"))
    var operatorName: String?

    var databasePath: String {
        database ?? ProcessInfo.processInfo.environment["LIANCHA_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "liancha.sqlite"
    }

    /// The existing database, or an error that says how to create it.
    func open() throws -> AppDatabase {
        try AppDatabase.openExisting(path: databasePath)
    }

    /// The person and moment of this command.
    func actor() -> Actor {
        Clock.actor(name: operatorName ?? Clock.osUser)
    }
}

/// The one place that reads the clock. China keeps one time zone, UTC+8, without daylight saving.
enum Clock {
    static let chinaOffset = 8 * 3600

    static func actor(name: String, at date: Date = Date()) -> Actor {
        let local = date.addingTimeInterval(TimeInterval(chinaOffset))
        let secs = Int(local.timeIntervalSince1970.rounded(.down))
        let day = LocalDate(dayNumber: Int((Double(secs) / 86_400).rounded(.down)))
        let t = ((secs % 86_400) + 86_400) % 86_400
        let time = String(format: "%02d:%02d:%02d", t / 3600, t / 60 % 60, t % 60)
        return Actor(name: name, timestamp: "\(day)T\(time)+08:00", today: day)
    }

    static var today: LocalDate { actor(name: "").today }

    static var osUser: String {
        let env = ProcessInfo.processInfo.environment
        return env["USER"] ?? env["LOGNAME"] ?? ProcessInfo.processInfo.userName
    }
}

extension FollowUpAction {
    /// The action named on the command line, or an error listing the ones there are.
    static func parse(_ text: String, option: String) throws -> FollowUpAction {
        guard let action = FollowUpAction(rawValue: text) else {
            throw Failure(message: "\(option) must be one of " + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return action
    }
}
