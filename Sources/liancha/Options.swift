import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Inspection
import InspectionStore

/// Options every subcommand takes: which database, and who is at the keyboard.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file, or a postgres://user:password@host:port/database URL (default: $LIANCHA_DATABASE, else liancha.sqlite).", valueName: "path|url"))
    var database: String?

    @Option(name: .customLong("operator"), help: ArgumentHelp("Who runs the command, for the audit log (default: the OS user).", valueName: "name"))
    var operatorName: String?

    var databasePath: String {
        database ?? ProcessInfo.processInfo.environment["LIANCHA_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "liancha.sqlite"
    }

    /// The existing database, or an error that says how to create it.
    func open() throws -> AppDatabase {
        try AppDatabase.openExisting(databasePath)
    }

    /// The person and moment of this command; the audit log also keeps the OS account beside the
    /// name `--operator` gives.
    func actor() -> Actor {
        var actor = Clock.actor(name: operatorName ?? Clock.osUser)
        actor.osUser = Clock.osUser
        return actor
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

    /// The OS account running the command: the real user id's name (not `$USER`, which anyone sets).
    static var osUser: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
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
