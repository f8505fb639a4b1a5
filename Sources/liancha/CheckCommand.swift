import ArgumentParser
import Inspection
import InspectionStore

/// `liancha check record`: the outcome of checking a drawn enterprise.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Record the outcome of checking a drawn enterprise.",
        subcommands: [Record.self]
    )

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a drawn enterprise was checked, and whether a problem was found.")

        @Option(help: "The draw the enterprise was drawn in.") var draw: String
        @Option(help: ArgumentHelp("The enterprise's USCC.", valueName: "uscc")) var enterprise: String
        @Option(help: ArgumentHelp("The day of the check (default today).", valueName: "date")) var date: String?
        @Option(help: ArgumentHelp("Whether a problem was found: 是 or 否.", valueName: "是|否")) var problem: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                guard problem == "是" || problem == "否" else { throw Failure(message: "--problem must be 是 or 否") }
                let uscc = try USCC.validate(enterprise)
                let actor = global.actor()
                let day = try date.map(CalendarCommand.parse) ?? actor.today
                try global.open().recordCheck(drawID: draw, uscc: uscc, on: day, problemFound: problem == "是", actor: actor)
                print("recorded: \(uscc) checked on \(day) (\(draw)): \(problem == "是" ? "发现问题" : "未发现问题")")
            }
        }
    }
}
