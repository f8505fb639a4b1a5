import ArgumentParser
import Foundation
import Inspection
import InspectionDocuments
import InspectionStore

/// `liancha plan …`: the joint inspection "一业一查", from creation to the statistics table.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Joint inspection plans (一业一查): items, draw, dispatch, teams, forms, results, publication.",
        discussion: """
            A plan moves draft → collecting items → items frozen → drawn → dispatched → teams matched →
            checking → results recorded → published → closed. A command that does not fit the plan's
            state says what state it is in and what must happen first.
            """,
        subcommands: [
            Create.self, List.self, Show.self, Collect.self, Items.self, Freeze.self, Draw.self, Dispatch.self,
            Confirm.self, Match.self, Replace.self, Assist.self, Forms.self, Result.self, FollowUpCommand.self,
            Publish.self, Close.self, Status.self, Table.self, Merge.self, ExportResults.self,
        ]
    )

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a plan (lead department), from options or a plan file (YAML with the fields of a plan).")

        @Option(help: ArgumentHelp("A plan file (.yaml); the other options are then not used.", valueName: "file")) var file: String?
        @Option(help: "抽查计划编号, e.g. 栾联2026006.") var number: String?
        @Option(help: "抽查计划名称.") var name: String?
        @Option(help: "抽查任务编号.") var taskNumber: String?
        @Option(help: "抽查任务名称.") var taskName: String?
        @Option(help: "抽查类型: 定向 or 不定向.") var type = "不定向"
        @Option(help: "跨部门 or 内部.") var kind = "跨部门"
        @Option(help: "The jurisdiction, e.g. 石家庄市栾城区.") var jurisdiction: String?
        @Option(help: "Which joint inspection of the year (6 for 第六次).") var ordinal: Int?
        @Option(help: "抽查对象范围 as printed.") var scope: String?
        @Option(help: ArgumentHelp("Only enterprises supervised by this department. Repeatable.", valueName: "code")) var scopeDepartment: [String] = []
        @Option(help: ArgumentHelp("Only enterprises whose industry code starts so. Repeatable.", valueName: "code")) var scopeIndustry: [String] = []
        @Option(help: ArgumentHelp("Only enterprises with this label (定向). Repeatable.", valueName: "label")) var scopeLabel: [String] = []
        @Option(help: ArgumentHelp("Ratio per credit-risk level, e.g. B=3%. Repeatable.", valueName: "level=ratio")) var ratio: [String] = []
        @Option(help: ArgumentHelp("The overall minimum, e.g. 3%.", valueName: "ratio")) var overall = "3%"
        @Option(help: ArgumentHelp("The lead department's code.", valueName: "code")) var lead: String?
        @Option(help: ArgumentHelp("A partner department's code. Repeatable.", valueName: "code")) var partner: [String] = []
        @Option(help: ArgumentHelp("First day of the check, YYYY-MM-DD.", valueName: "date")) var start: String?
        @Option(help: ArgumentHelp("Last day of the check.", valueName: "date")) var end: String?
        @Option(help: "At most this many enterprises per inspector.") var maxPerInspector = 5
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let plan = try file.map(Self.read) ?? fromOptions()
                try global.open().createPlan(plan, actor: global.actor())
                print("created plan \(plan.number): \(plan.title)")
                print("next: \(PlanState.draft.nextStep)")
            }
        }

        static func read(_ path: String) throws -> JointPlan {
            guard let data = FileManager.default.contents(atPath: path) else { throw Failure(message: "\(path): no such file") }
            do { return try PlanFile.parse(String(decoding: data, as: UTF8.self)) } catch { throw Failure(message: "\(path): \(error)") }
        }

        func fromOptions() throws -> JointPlan {
            func required<T>(_ value: T?, _ option: String) throws -> T {
                guard let value else { throw Failure(message: "--\(option) is required (or give --file)") }
                return value
            }
            func date(_ text: String?, _ option: String) throws -> LocalDate {
                try CalendarCommand.parse(try required(text, option))
            }
            func parseRatio(_ text: String, _ what: String) throws -> Ratio {
                do { return try Ratio(text) } catch { throw Failure(message: "\(what): \(error)") }
            }
            var ratios = CreditRatios()
            for item in ratio {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let level = CreditRisk(rawValue: parts[0].uppercased()) else {
                    throw Failure(message: "--ratio '\(item)': write LEVEL=RATIO with LEVEL one of A, B, C, D (e.g. B=3%)")
                }
                let r = try parseRatio(parts[1], "--ratio \(parts[0])")
                switch level {
                case .a: ratios.a = r
                case .b: ratios.b = r
                case .c: ratios.c = r
                case .d: ratios.d = r
                }
            }
            guard let drawType = JointPlan.DrawType(rawValue: type) else { throw Failure(message: "--type must be 定向 or 不定向") }
            guard let planKind = JointPlan.Kind(rawValue: kind) else { throw Failure(message: "--kind must be 跨部门 or 内部") }
            let first = try date(start, "start"), last = try date(end, "end")
            guard first <= last else { throw Failure(message: "--start \(first) is after --end \(last)") }
            let number = try required(self.number, "number")
            return JointPlan(
                number: number, name: try required(name, "name"), taskNumber: taskNumber ?? number, taskName: taskName ?? name ?? "",
                kind: planKind, drawType: drawType, jurisdiction: try required(jurisdiction, "jurisdiction"), year: first.year,
                ordinal: try required(ordinal, "ordinal"),
                scope: PlanScope(description: scope ?? "监管对象名录库中的企业", departments: scopeDepartment, industries: scopeIndustry,
                                 labels: scopeLabel),
                ratios: ratios, overallMinimum: try parseRatio(overall, "--overall"), lead: try required(lead, "lead"),
                partners: partner, start: first, end: last, maxPerInspector: maxPerInspector)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plans.")
        @Option(help: "Only this year's plans.") var year: Int?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                for r in try global.open().plans(year: year) {
                    print("\(r.plan.number)  \(r.plan.name)  \(r.plan.state.label)  lead \(r.plan.lead), partners \(r.plan.partners.joined(separator: ", "))  \(r.plan.windowText)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a plan: definition, state, items, draws.")
        @Argument(help: "The plan number.") var plan: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                let r = try db.plan(plan)
                let p = r.plan
                print("\(p.number)  \(p.name)")
                print("  \(p.title)")
                print("  task \(p.taskNumber) \(p.taskName); \(p.kind.rawValue), \(p.drawType.rawValue)")
                print("  scope: \(p.scope.description)")
                print("  ratio: \(p.ratioText)")
                print("  lead \(p.lead); partners \(p.partners.joined(separator: ", ")); \(p.windowText); at most \(p.maxPerInspector) enterprises per inspector")
                print("  state: \(p.state.label); next: \(p.state.nextStep)")
                if let id = r.drawID { print("  object draw: \(id)") }
                if let id = r.teamDrawID { print("  team draw: \(id)") }
                let items = try db.planItems(plan)
                print("  items (\(items.count)):")
                for i in items { print("    \(i.department) \(i.item.code) \(i.item.name)" + (i.item.specialty.isEmpty ? "" : " [专长: \(i.item.specialty)]")) }
            }
        }
    }

    struct Collect: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a draft plan to partner departments' items.")
        @Argument(help: "The plan number.") var plan: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                try global.open().openPlanForItems(plan, actor: global.actor())
                print("plan \(plan) is collecting items: each department adds its own with `liancha plan items add \(plan) --department CODE ITEM…`")
            }
        }
    }

    struct Items: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A department adds or removes items of its own list while the plan collects them.",
            subcommands: [Add.self, Remove.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add items of your department's list; --object-label/--object-industry limit them to the objects they concern.")
            @Argument(help: "The plan number.") var plan: String
            @Option(help: "Your department's code.") var department: String
            @Argument(help: "Item codes of your department's list.") var codes: [String]
            @Option(help: ArgumentHelp("The items concern enterprises with this label (e.g. 行业=机动车销售). Repeatable.", valueName: "label"))
            var objectLabel: [String] = []
            @Option(help: ArgumentHelp("…or with an industry code starting so. Repeatable.", valueName: "code"))
            var objectIndustry: [String] = []
            @OptionGroup var global: GlobalOptions

            func run() throws {
                try reporting {
                    try global.open().addPlanItems(plan, department: department, codes: codes, labels: objectLabel,
                                                   industries: objectIndustry, actor: global.actor())
                    print("added \(codes.count) item\(codes.count == 1 ? "" : "s") of \(department) to \(plan)")
                }
            }
        }

        struct Remove: ParsableCommand {
            @Argument(help: "The plan number.") var plan: String
            @Option(help: "Your department's code.") var department: String
            @Argument(help: "Item codes to take out.") var codes: [String]
            @OptionGroup var global: GlobalOptions

            func run() throws {
                try reporting {
                    try global.open().removePlanItems(plan, department: department, codes: codes, actor: global.actor())
                    print("removed \(codes.count) item\(codes.count == 1 ? "" : "s") of \(department) from \(plan)")
                }
            }
        }
    }

    struct Freeze: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Freeze the merged item list (lead department).")
        @Argument(help: "The plan number.") var plan: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                try global.open().freezePlan(plan, actor: global.actor())
                print("items of \(plan) frozen; next: liancha plan draw \(plan)")
            }
        }
    }

    struct Draw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw the plan's enterprises per credit-risk level with the verifiable draw. Prints `draw: <id>`.")
        @Argument(help: "The plan number.") var plan: String
        @Option(help: ArgumentHelp("Public text to derive the seed from.", valueName: "text")) var publicEntropy: String?
        @Flag(help: "Seal the draw until `liancha draw reveal`.") var sealed = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let seed = publicEntropy.map(VerifiableDraw.seed(fromPublicEntropy:)) ?? DrawCommand.Quarter_.randomSeed()
                let record = try global.open().drawPlan(plan, seed: seed, publicEntropy: publicEntropy, sealed: sealed, actor: global.actor())
                print("draw: \(record.id)")
                for s in record.strata {
                    print("  \(s.scope): \(s.quota) of \(s.candidates.count) at \(s.ratio)" + (s.minimum.map { _ in " (raised to meet the overall minimum)" } ?? ""))
                }
                print("next: liancha plan dispatch \(plan)")
            }
        }
    }

    struct Dispatch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Dispatch each drawn enterprise to every department whose items apply; each confirms within 2 working days.")
        @Argument(help: "The plan number.") var plan: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                let confirmations = try db.dispatchPlan(plan, calendar: try db.workCalendar(), actor: global.actor())
                let assignments = try db.assignments(plan)
                for c in confirmations {
                    let n = assignments.filter { $0.department == c.department }.count
                    print("  \(c.department): \(n) enterprises, confirm by \(c.due)")
                }
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A department confirms its dispatched enterprises, optionally rejecting some with a reason.")
        @Argument(help: "The plan number.") var plan: String
        @Option(help: "Your department's code.") var department: String
        @Option(help: ArgumentHelp("An enterprise to reject (pair each with --reason). Repeatable.", valueName: "uscc")) var reject: [String] = []
        @Option(help: ArgumentHelp("Why (one per --reject, in order).", valueName: "text")) var reason: [String] = []
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard reject.count == reason.count else { throw ValidationError("give one --reason for each --reject") }
        }

        func run() throws {
            try reporting {
                var rejections: [String: String] = [:]
                for (uscc, why) in zip(reject, reason) { rejections[try USCC.validate(uscc)] = why }
                try global.open().confirmDispatch(plan, department: department, rejections: rejections, actor: global.actor())
                print("\(department) confirmed its enterprises of \(plan)" + (rejections.isEmpty ? "" : ", rejected \(rejections.count)"))
            }
        }
    }

    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Match mixed teams of inspectors (DRAW.md Teams): at least 2 qualified per enterprise. Prints `draw: <id>`.")
        @Argument(help: "The plan number.") var plan: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let db = try global.open()
                let record: DrawRecord
                do {
                    record = try db.matchTeams(plan, seed: DrawCommand.Quarter_.randomSeed(), actor: global.actor())
                } catch let shortage as TeamShortage {
                    Console.error(shortage.description)
                    throw Failure(message: "teams cannot be filled; nothing was matched")
                }
                print("draw: \(record.id)")
                let names = Dictionary(try db.inspectors().map { ($0.certificate, $0.name) }, uniquingKeysWith: { a, _ in a })
                for t in record.teams {
                    print("  \(t.enterprise) \(t.department): " + (t.drawn ?? []).map { "\(names[$0] ?? "") (\($0))" }.joined(separator: ", "))
                }
            }
        }
    }

    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a drawn inspector for cause, with the approving leader: the next eligible in ticket order.")
        @Argument(help: "The plan number.") var plan: String
        @Option(help: ArgumentHelp("The enterprise.", valueName: "uscc")) var enterprise: String
        @Option(help: ArgumentHelp("The inspector to replace.", valueName: "certificate")) var inspector: String
        @Option(help: "Why.") var reason: String
        @Option(help: ArgumentHelp("The leader who approved it.", valueName: "name")) var approvedBy: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let by = try global.open().replaceInspector(plan, uscc: try USCC.validate(enterprise), certificate: inspector,
                                                            reason: reason, approvedBy: approvedBy, actor: global.actor())
                print("\(inspector) replaced by \(by) at \(enterprise); the original pick stays in the record")
            }
        }
    }

    struct Assist: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an auxiliary person (expert, monitoring staff) to a team as an assistant; never counts toward the minimum.")
        @Argument(help: "The plan number.") var plan: String
        @Option(help: ArgumentHelp("The enterprise.", valueName: "uscc")) var enterprise: String
        @Option(help: "The department.") var department: String
        @Option(help: ArgumentHelp("The assistant's certificate or expert id.", valueName: "id")) var inspector: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                try global.open().addAssistant(plan, uscc: try USCC.validate(enterprise), department: department,
                                               certificate: inspector, actor: global.actor())
                print("\(inspector) assists \(department) at \(enterprise)")
            }
        }
    }
}
