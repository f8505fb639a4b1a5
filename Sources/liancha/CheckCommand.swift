import ArgumentParser
import Inspection
import InspectionStore

/// `liancha check record`: the outcome of checking a drawn enterprise.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Record checks: the outcome of a drawn enterprise's check, its handling and publication; cause-based checks.",
        subcommands: [Record.self, Update.self, Cause.self]
    )

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that a drawn enterprise was checked, and whether a problem was found.")

        @Option(help: "The draw the enterprise was drawn in.") var draw: String
        @Option(help: ArgumentHelp("The enterprise's USCC.", valueName: "uscc")) var enterprise: String
        @Option(help: ArgumentHelp("The day of the check (default today).", valueName: "date")) var date: String?
        @Option(help: ArgumentHelp("Whether a problem was found: 是 or 否.", valueName: "是|否")) var problem: String
        @Option(help: "How a problem was handled: 责令改正, 列入经营异常名录, 立案调查, 移送 or 行政处罚.") var handling: String?
        @Option(help: ArgumentHelp("When the result was published.", valueName: "date")) var published: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                guard problem == "是" || problem == "否" else { throw Failure(message: "--problem must be 是 or 否") }
                let uscc = try USCC.validate(enterprise)
                let actor = global.actor()
                let day = try date.map(CalendarCommand.parse) ?? actor.today
                let action = try handling.map { try FollowUpAction.parse($0, option: "--handling") }
                try global.open().recordCheck(drawID: draw, uscc: uscc, on: day, problemFound: problem == "是", handling: action,
                                              handledOn: action == nil ? nil : day, publishedOn: try published.map(CalendarCommand.parse),
                                              actor: actor)
                print("recorded: \(uscc) checked on \(day) (\(draw)): \(problem == "是" ? "发现问题" : "未发现问题")")
            }
        }
    }
}
