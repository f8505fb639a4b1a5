import ArgumentParser
import Foundation
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

extension ReportCommand {
    /// `liancha report quarter --quarter 2026Q2 --policy NAME [--department CODE] --output DIR`
    struct QuarterReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quarter",
            abstract: "The quarterly report upward: statistics by class, joint inspections, directory changes, indicators, warnings.",
            discussion: "Writes every table as XLSX, DOCX, CSV and HTML under --output, and prints the indicators."
        )
        @Option(help: ArgumentHelp("The quarter, e.g. 2026Q2.", valueName: "quarter")) var quarter: String
        @Option(help: "The supervision-class policy in force (a bundled name or a .yaml file).") var policy: String
        @Option(help: ArgumentHelp("Only this department's checks and plans.", valueName: "code")) var department: String?
        @Option(help: ArgumentHelp("The day the warnings are judged on (default: the quarter's last day or today, whichever is earlier).", valueName: "date"))
        var asOf: String?
        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write to.", valueName: "dir")) var output: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                guard let q = Inspection.Quarter(quarter) else { throw Failure(message: "'\(quarter)' is not a quarter (write e.g. 2026Q2)") }
                let p = try Policies.load(policy)
                let db = try global.open()
                if let department, try !db.departments().contains(where: { $0.code == department }) {
                    throw Failure(message: "unknown department '\(department)'")
                }
                let day = try asOf.map(CalendarCommand.parse) ?? min(q.last, Clock.today)
                let report = try QuarterReport.compile(quarter: q, policy: p, department: department, in: db, asOf: day)
                try OutputFolder.create(output)
                var files: [String] = []
                for (name, table) in report.tables { files += try OutputFolder.writeTable(table, output, name) }
                print(report.statistics.title)
                for i in report.indicatorValues {
                    print("  \(i.isMet ? "达标  " : "未达标") \(i.name): \(i.valueText), 目标 \(i.targetText)")
                }
                print("  预警 \(report.warningList.count) 条；名录库调整 \(report.directoryChanges.rows.count) 条")
                print("wrote \(files.count) files to \(output)")
            }
        }
    }
}

/// `liancha warnings [--as-of DATE] [--policy NAME]`
struct WarningsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warnings",
        abstract: "Warn before the rules are broken: yearly caps, checks within 60 days, uncoordinated plans, deadlines.",
        discussion: "Exit status 0 whether or not there are warnings; they are printed one per line."
    )
    @Option(help: ArgumentHelp("The day to judge on (default today).", valueName: "date")) var asOf: String?
    @Option(help: "The policy whose yearly cap applies (a bundled name or a .yaml file).") var policy: String?
    @Option(help: ArgumentHelp("Only what concerns this department.", valueName: "code")) var department: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reporting {
            let day = try asOf.map(CalendarCommand.parse) ?? Clock.today
            let warnings = try QuarterReport.warnings(policy: try policy.map(Policies.load), year: day.year, asOf: day,
                                                      in: try global.open(), department: department)
            for w in warnings {
                print("[\(w.kind.rawValue)] \(w.subject): \(w.message)" + (w.suggestion.isEmpty ? "" : " — \(w.suggestion)"))
            }
            print(warnings.isEmpty ? "no warnings on \(day)" : "\(warnings.count) warning\(warnings.count == 1 ? "" : "s") on \(day)")
        }
    }
}

extension CheckCommand {
    struct Cause: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a check not drawn at random (complaint, referral, incident): kept apart, shown in warnings.")
        @Option(help: ArgumentHelp("The enterprise.", valueName: "uscc")) var enterprise: String
        @Option(help: "The department that checked.") var department: String
        @Option(help: ArgumentHelp("The day (default today).", valueName: "date")) var date: String?
        @Option(help: "What caused it, e.g. 投诉举报.") var cause: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let actor = global.actor()
                let uscc = try USCC.validate(enterprise)
                try global.open().recordCauseCheck(uscc: uscc, department: department, on: try date.map(CalendarCommand.parse) ?? actor.today,
                                                   cause: cause, actor: actor)
                print("recorded a \(cause) check of \(uscc) by \(department)")
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add how a routine check's problem was handled, or when its result was published.")
        @Option(help: "The draw.") var draw: String
        @Option(help: ArgumentHelp("The enterprise.", valueName: "uscc")) var enterprise: String
        @Option(help: "责令改正, 列入经营异常名录, 立案调查, 移送 or 行政处罚.") var handling: String?
        @Option(help: ArgumentHelp("When it was handled.", valueName: "date")) var handledOn: String?
        @Option(help: ArgumentHelp("When the result was published.", valueName: "date")) var published: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let action = try handling.map { try FollowUpAction.parse($0, option: "--handling") }
                try global.open().updateCheck(drawID: draw, uscc: try USCC.validate(enterprise), handling: action,
                                              handledOn: try handledOn.map(CalendarCommand.parse),
                                              publishedOn: try published.map(CalendarCommand.parse), actor: global.actor())
                print("updated the check of \(enterprise) in \(draw)")
            }
        }
    }
}

extension PlanCommand {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a second plan's visits to shared enterprises into the first (进一次门、查多项事); both before their checks.")
        @Argument(help: "The plan that keeps the visits.") var plan: String
        @Argument(help: "The plan whose departments join them.") var other: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                let shared = try db.mergePlans(plan, other, calendar: try db.workCalendar(), actor: global.actor())
                print("merged \(other) into \(plan) for \(shared.count) enterprise\(shared.count == 1 ? "" : "s"): \(shared.joined(separator: ", "))")
                print("the joining departments confirm in \(plan): liancha plan confirm \(plan) --department CODE")
            }
        }
    }
}
