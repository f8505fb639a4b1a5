import ArgumentParser
import Foundation
import Inspection
import InspectionReports
import InspectionStore

extension PlanCommand {
    struct Result: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A department records its items' results at one enterprise, with the visit.",
            discussion: """
                --item CODE=未发现问题 or --item CODE=发现问题:description, repeatable; --all-clear marks every
                other item of the department 未发现问题. --confidential CODE keeps an item's result out of publication.
                """
        )
        @Argument(help: "The plan number.") var plan: String
        @Option(help: "Your department's code.") var department: String
        @Option(help: ArgumentHelp("The enterprise.", valueName: "uscc")) var enterprise: String
        @Option(help: ArgumentHelp("CODE=RESULT[:description]. Repeatable.", valueName: "item")) var item: [String] = []
        @Flag(help: "Every item not given with --item: 未发现问题.") var allClear = false
        @Option(help: ArgumentHelp("An item whose result is confidential (not published). Repeatable.", valueName: "code")) var confidential: [String] = []
        @Option(help: ArgumentHelp("The day of the check (default today).", valueName: "date")) var checkedOn: String?
        @Option(help: "现场解答疑难问题: questions answered on site.") var qa = 0
        @Flag(help: "The enterprise refused to sign the form (recorded on it).") var refusedToSign = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                let actor = global.actor()
                let uscc = try USCC.validate(enterprise)
                var results: [ItemResult] = []
                for entry in item {
                    let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                    guard parts.count == 2 else { throw Failure(message: "--item '\(entry)': write CODE=未发现问题 or CODE=发现问题:description") }
                    let outcome = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
                    guard let o = ItemOutcome(rawValue: outcome[0]) else { throw Failure(message: "--item \(parts[0]): the result is 未发现问题 or 发现问题") }
                    results.append(ItemResult(uscc: uscc, department: department, itemCode: parts[0], outcome: o,
                                              description: outcome.count > 1 ? outcome[1] : "", confidential: confidential.contains(parts[0])))
                }
                if allClear {
                    for i in try db.planItems(plan) where i.department == department && !results.contains(where: { $0.itemCode == i.item.code }) {
                        results.append(ItemResult(uscc: uscc, department: department, itemCode: i.item.code, outcome: .noProblem,
                                                  confidential: confidential.contains(i.item.code)))
                    }
                }
                guard !results.isEmpty else { throw Failure(message: "give results with --item CODE=RESULT or --all-clear") }
                let visit = VisitRecord(uscc: uscc, department: department, checkedOn: try checkedOn.map(CalendarCommand.parse) ?? actor.today,
                                        questionsAnswered: qa, refusedToSign: refusedToSign)
                let state = try db.recordResults(plan, department: department, uscc: uscc, results: results, visit: visit, actor: actor)
                print("recorded \(results.count) result\(results.count == 1 ? "" : "s") of \(department) at \(uscc); plan is \(state.label)")
            }
        }
    }

    struct FollowUpCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "followup",
            abstract: "Record the follow-up (后续处置) of a finding: 责令改正, 列入经营异常名录, 立案调查, 移送 or 行政处罚.")
        @Argument(help: "The plan number.") var plan: String
        @Option(help: "Your department's code.") var department: String
        @Option(help: ArgumentHelp("The enterprise.", valueName: "uscc")) var enterprise: String
        @Option(help: "责令改正, 列入经营异常名录, 立案调查, 移送 or 行政处罚.") var action: String
        @Option(help: ArgumentHelp("The day (default today).", valueName: "date")) var date: String?
        @Option(help: "A note.") var note = ""
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let a = try FollowUpAction.parse(action, option: "--action")
                let actor = global.actor()
                let followUp = FollowUp(uscc: try USCC.validate(enterprise), department: department, action: a,
                                        date: try date.map(CalendarCommand.parse) ?? actor.today, note: note)
                try global.open().recordFollowUp(plan, followUp, actor: actor)
                print("recorded \(a.rawValue) by \(department) at \(followUp.uscc)")
            }
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Publish each enterprise's result in the fixed wording (confidential results stay out).")
        @Argument(help: "The plan number.") var plan: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let published = try global.open().publishPlan(plan, actor: global.actor())
                var counts: [PublishedResult: Int] = [:]
                for p in published { counts[p.wording, default: 0] += 1 }
                print("published \(published.count) results of \(plan): " + PublishedResult.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", "))
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a published plan once every finding has its follow-up.")
        @Argument(help: "The plan number.") var plan: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                try global.open().closePlan(plan, actor: global.actor())
                print("plan \(plan) closed")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A plan's state and deadlines in working days: confirmations (2), publication (20), follow-up (20); what is overdue.",
            discussion: """
                Lists the departments' confirmations and the deadlines of (at most --limit) enterprises with an overdue \
                deadline, and counts the rest, so that a plan of ten thousand enterprises answers at once; --all lists every deadline.
                """)
        @Argument(help: "The plan number.") var plan: String
        @Option(help: ArgumentHelp("The day to judge deadlines on (default today).", valueName: "date")) var asOf: String?
        @Option(help: "At most this many enterprises with an overdue deadline are listed.") var limit = 20
        @Flag(help: "List every deadline of the plan (reads the whole plan).") var all = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                let record = try db.plan(plan)
                let today = try asOf.map(CalendarCommand.parse) ?? Clock.today
                let calendar = try db.workCalendar()
                print("\(plan) \(record.plan.name): \(record.plan.state.label)")
                print("next: \(record.plan.state.nextStep)")
                let missing = try db.missingResultCount(plan)
                if record.plan.state >= .matched && missing > 0 { print("results still missing: \(missing)") }
                let terms = try OverdueTerms.of(record.plan, today: today, calendar: calendar)
                let counts = try db.overdueCounts(plan, terms: terms)
                let listed: [String]?
                var more = 0
                if all {
                    listed = nil
                } else {
                    let page = try db.planEnterprises(plan, filter: PlanEnterpriseFilter(overdue: terms), offset: 0, limit: max(limit, 0))
                    listed = page.rows.map(\.uscc)
                    more = page.total - page.rows.count
                }
                var overdue = 0
                for d in try PlanDeadlines.of(plan, in: db, of: listed) {
                    let left = (try? calendar.workdays(from: today, through: d.due)) ?? 0
                    let mark = d.done ? "done" : d.isOverdue(on: today) ? "OVERDUE" : "\(left) working day\(left == 1 ? "" : "s") left"
                    if d.isOverdue(on: today), d.kind == .confirmation { overdue += 1 }
                    print("  \(d.kind.rawValue)  \(d.subject)  due \(d.due)  \(mark)")
                }
                if more > 0 { print("  … and \(more) more enterprises with an overdue deadline (--limit, --all)") }
                overdue += counts.total
                print(overdue == 0 ? "nothing overdue on \(today)"
                      : "\(overdue) overdue on \(today) (publication \(counts.publications), follow-up \(counts.followUps))")
            }
        }
    }
}
