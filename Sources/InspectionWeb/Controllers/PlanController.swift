import Foundation
import Hummingbird
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

/// The plans: list, page, creation, and the lead bureau's steps (open for items, freeze, draw,
/// dispatch, match teams, publish, close), and the statistics page.
struct PlanController {
    let services: WebServices

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        let readers = routes.signedIn(.coordinator, .clerk, .auditor)
        readers.get("plans", use: list)
        readers.get("plans/:number", use: show)
        let coordinator = routes.signedIn(.coordinator)
        coordinator.get("plans/new", use: newPlan)
        coordinator.post("plans", use: create)
        coordinator.post("plans/:number/collect", use: step(.collect))
        coordinator.post("plans/:number/freeze", use: step(.freeze))
        coordinator.post("plans/:number/draw", use: draw)
        coordinator.post("plans/:number/dispatch", use: step(.dispatch))
        coordinator.post("plans/:number/match", use: match)
        coordinator.post("plans/:number/publish", use: step(.publish))
        coordinator.post("plans/:number/close", use: step(.close))
        let statistics = routes.signedIn(.coordinator, .auditor)
        statistics.get("plans/:number/statistics", use: self.statistics)
        return routes
    }

    // MARK: Reading

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let today = services.clock.today
        let rows = try await services.read { db in
            let names = Dictionary(uniqueKeysWithValues: try db.departments().map { ($0.code, $0.name) })
            let calendar = try db.workCalendar()
            return try db.plans().filter { PlanAccess.canSee($0.plan, user) }.map { record -> PlanListModel.Row in
                let p = record.plan
                let overdue = p.state >= .dispatched ? try Self.overdueCount(p, today: today, calendar: calendar, db: db) : 0
                return PlanListModel.Row(number: p.number, link: Paths.plan(p.number), name: p.name, stateLabel: Labels.state(p.state),
                                         window: p.windowText, lead: names[p.lead] ?? p.lead,
                                         partners: p.partners.map { names[$0] ?? $0 }.joined(separator: "、"), overdue: overdue)
            }
        }
        return try services.renderer.page("plans", title: "抽查计划", PlanListModel(plans: rows, canCreate: user.role == .coordinator),
                                          request: request, context: context)
    }

    /// The plan's overdue deadlines: its departments' confirmations, and its enterprises' publications
    /// and follow-ups counted in SQL.
    static func overdueCount(_ plan: JointPlan, today: LocalDate, calendar: WorkCalendar, db: AppDatabase) throws -> Int {
        let confirmations = try db.confirmations(plan.number).filter { $0.confirmedOn == nil && today > $0.due }.count
        return confirmations + (try db.overdueCounts(plan.number, terms: .of(plan, today: today, calendar: calendar)).total)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let number = try context.param("number"), today = services.clock.today
        // A page of the enterprises: coordinators and auditors see all, a clerk those of its department.
        let query = PlanListQuery(request)
        let (record, model) = try await services.read { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            let plan = record.plan
            let calendar = try db.workCalendar()
            let departments = try db.departments().filter { plan.departments.contains($0.code) }.map { ($0.code, $0.name) }
            let seeAll = user.role == .coordinator || user.role == .auditor
            let list = try db.planEnterprises(plan.number, filter: query.filter(terms: try .of(plan, today: today, calendar: calendar),
                                                                                onlyDepartment: seeAll ? nil : user.department),
                                              progressOf: seeAll ? nil : user.department, offset: query.offset, limit: PlanListQuery.pageSize)
            let pager = query.pager(total: list.total, base: Paths.plan(plan.number), departments: seeAll ? departments : [])
            // The department's own dispatched enterprises, while it confirms them.
            var mine: (page: SearchPage<(dispatch: PlanDispatch, name: String)>, pager: ListPager)?
            if user.actsForDepartment, plan.state >= .dispatched, plan.departments.contains(user.department) {
                let page = try db.departmentDispatches(plan.number, department: user.department, text: query.text, offset: query.offset,
                                                       limit: PlanListQuery.pageSize)
                mine = (page, query.pager(total: page.total, base: Paths.plan(plan.number), departments: []))
            }
            let facts = try PlanFacts(record, db: db, of: list.rows.map(\.uscc))
            let own = user.actsForDepartment ? try db.items().filter { $0.department == user.department } : []
            let missing = plan.state >= .matched ? try db.missingResultCount(plan.number) : 0
            let overdue = plan.state >= .dispatched ? try Self.overdueCount(plan, today: today, calendar: calendar, db: db) : 0
            var model = try PlanShowModel(facts, user: user, today: today, ownItems: own, missing: missing, overdue: overdue,
                                          list: list, pager: pager, mine: mine)
            if let id = record.drawID {
                model.strata = try db.drawStrataSummary(id: id).map {
                    .init(name: $0.name, quota: $0.quota, candidates: $0.candidates, ratio: $0.ratio, raised: $0.raised)
                }
            }
            return (record, model)
        }
        return try services.renderer.page("plan", title: "\(record.plan.number) \(record.plan.name)", model, request: request, context: context)
    }

    // MARK: Creating

    struct NewPlanModel: Encodable {
        struct Department: Encodable { var code: String; var name: String; var isLead: Bool }
        var lead: String
        var leadName: String
        var departments: [Department]
        var suggestedOrdinal: Int
        var year: Int
        var jurisdiction: String
    }

    @Sendable func newPlan(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let today = services.clock.today
        let model = try await services.read { db in
            let plans = try db.plans()
            return NewPlanModel(
                lead: user.department, leadName: user.departmentName,
                departments: try db.departments().map { .init(code: $0.code, name: $0.name, isLead: $0.code == user.department) },
                suggestedOrdinal: plans.filter { $0.plan.year == today.year }.count + 1, year: today.year,
                jurisdiction: plans.last?.plan.jurisdiction ?? "")
        }
        return try services.renderer.page("plan-new", title: "新建联合抽查计划", model, request: request, context: context)
    }

    /// The fields of the new-plan form; the lead is the coordinator's own department.
    struct CreateInput: Decodable {
        var number: String
        var name: String
        var taskNumber: String?
        var taskName: String?
        var kind: String?
        var drawType: String?
        var jurisdiction: String
        var ordinal: String
        var scope: String?
        var scopeDepartments: [String]?
        var ratioA: String?
        var ratioB: String?
        var ratioC: String?
        var ratioD: String?
        var overall: String?
        var partners: [String]?
        var start: String
        var end: String
        var maxPerInspector: String?
    }

    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(CreateInput.self, context: context)
        let user = context.user
        func ratio(_ text: String?) throws -> Ratio? { try text?.nonEmpty.map { try Ratio($0) } }
        func date(_ text: String, _ label: String) throws -> LocalDate {
            guard let d = LocalDate(text.trimmingWhitespace) else { throw WebError.badInput("\(label)「\(text)」不是 YYYY-MM-DD 格式的日期。") }
            return d
        }
        guard let number = input.number.nonEmpty, let name = input.name.nonEmpty, let jurisdiction = input.jurisdiction.nonEmpty else {
            throw WebError.badInput("计划编号、计划名称和辖区必须填写。")
        }
        guard let ordinal = Int(input.ordinal.trimmingWhitespace), ordinal > 0 else { throw WebError.badInput("第几次联合抽查须为正整数。") }
        let start = try date(input.start, "开始日期"), end = try date(input.end, "结束日期")
        guard start <= end else { throw WebError.badInput("开始日期 \(start) 晚于结束日期 \(end)。") }
        guard let kind = JointPlan.Kind(rawValue: input.kind?.nonEmpty ?? "跨部门") else { throw WebError.badInput("类型须为跨部门或内部。") }
        guard let drawType = JointPlan.DrawType(rawValue: input.drawType?.nonEmpty ?? "不定向") else { throw WebError.badInput("抽查类型须为定向或不定向。") }
        let maxPerInspector = try input.maxPerInspector?.nonEmpty.map { text -> Int in
            guard let n = Int(text), n > 0 else { throw WebError.badInput("每名执法人员最多检查企业数须为正整数。") }
            return n
        } ?? 5
        let partners = (input.partners ?? []).filter { $0 != user.department }
        let plan = JointPlan(
            number: number, name: name, taskNumber: input.taskNumber?.nonEmpty ?? number, taskName: input.taskName?.nonEmpty ?? name,
            kind: kind, drawType: drawType, jurisdiction: jurisdiction, year: start.year, ordinal: ordinal,
            scope: PlanScope(description: input.scope?.nonEmpty ?? "监管对象名录库中的企业", departments: input.scopeDepartments ?? []),
            ratios: CreditRatios(a: try ratio(input.ratioA), b: try ratio(input.ratioB), c: try ratio(input.ratioC), d: try ratio(input.ratioD)),
            overallMinimum: try ratio(input.overall) ?? Ratio("3%"), lead: user.department, partners: partners, start: start, end: end,
            maxPerInspector: maxPerInspector)
        let actor = services.clock.actor(user.name)
        try await services.write { db in try db.createPlan(plan, actor: actor) }
        return try services.renderer.done("已创建计划 \(number)。下一步：开放征集事项。", location: Paths.plan(number), request: request, context: context)
    }

    // MARK: The lead bureau's steps

    enum Step {
        case collect, freeze, dispatch, publish, close
    }

    func step(_ step: Step) -> @Sendable (Request, SignedInContext) async throws -> Response {
        { request, context in
            let user = context.user
            let number = try context.param("number")
            let actor = services.clock.actor(user.name)
            let message = try await services.write { db -> String in
                _ = try PlanAccess.plan(number, for: user, in: db)
                switch step {
                case .collect:
                    try db.openPlanForItems(number, actor: actor)
                    return "已开放征集事项：各部门现在可以提交本部门的检查事项。"
                case .freeze:
                    try db.freezePlan(number, actor: actor)
                    return "事项已锁定。下一步：抽取检查对象。"
                case .dispatch:
                    let confirmations = try db.dispatchPlan(number, calendar: try db.workCalendar(), actor: actor)
                    return "已派发给 " + confirmations.map { "\($0.department)（\($0.due) 前确认）" }.joined(separator: "、") + "。"
                case .publish:
                    let published = try db.publishPlan(number, actor: actor)
                    return "已公示 \(published.count) 户企业的检查结果。"
                case .close:
                    try db.closePlan(number, actor: actor)
                    return "计划已办结。"
                }
            }
            return try services.renderer.done(message, location: Paths.plan(number), request: request, context: context)
        }
    }

    struct DrawInput: Decodable {
        var sealed: Loose?
        var publicEntropy: String?
    }

    @Sendable func draw(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(DrawInput.self, context: context)
        let user = context.user
        let number = try context.param("number")
        let entropy = input.publicEntropy?.nonEmpty
        let seed = entropy.map(VerifiableDraw.seed(fromPublicEntropy:)) ?? services.environment.randomSeed()
        let sealed = input.sealed?.isTrue ?? false
        let actor = services.clock.actor(user.name)
        let record = try await services.write { db in
            _ = try PlanAccess.plan(number, for: user, in: db)
            return try db.drawPlan(number, seed: seed, publicEntropy: entropy, sealed: sealed, actor: actor)
        }
        let total = record.strata.reduce(0) { $0 + $1.quota }
        return try services.renderer.done("已抽取 \(total) 户企业（抽取记录 \(record.id)\(sealed ? "，已密封" : "")）。下一步：派发。",
                                          location: Paths.plan(number), request: request, context: context, data: ["draw": record.id])
    }

    @Sendable func match(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let number = try context.param("number")
        let seed = services.environment.randomSeed(), actor = services.clock.actor(user.name)
        let record = try await services.write { db in
            _ = try PlanAccess.plan(number, for: user, in: db)
            return try db.matchTeams(number, seed: seed, actor: actor)
        }
        return try services.renderer.done("已匹配检查人员（抽取记录 \(record.id)），共 \(record.teams.count) 个部门检查组。",
                                          location: Paths.plan(number), request: request, context: context, data: ["draw": record.id])
    }

    // MARK: Statistics

    @Sendable func statistics(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user, number = try context.param("number")
        let model = try await services.read { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            let statistics = try db.planStatistics(record.plan.number)
            var model = StatisticsModel(table: PlanDocuments.statisticsTable(record.plan, rows: statistics.rows), statistics: statistics,
                                        plan: record.plan)
            model.visits = VisitLoopModel(try db.visitStatistics(source: .plan(record.plan.number), year: record.plan.year))
            return model
        }
        return try services.renderer.page("statistics", title: "\(number) 统计", model, request: request, context: context)
    }
}
