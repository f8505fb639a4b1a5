import Foundation
import Hummingbird
import Inspection
import InspectionStore

/// What a department does in a plan, each for its own department only: its items while the plan
/// collects them, the confirmation of the enterprises dispatched to it, and its teams
/// (replacement for cause, assistants). Coordinators act so for the lead department.
struct DepartmentController {
    let services: WebServices

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        let department = routes.signedIn(.coordinator, .clerk)
        department.post("plans/:number/items", use: addItems)
        department.post("plans/:number/items/remove", use: removeItems)
        department.post("plans/:number/confirm", use: confirm)
        department.post("plans/:number/teams/replace", use: replace)
        department.post("plans/:number/teams/assist", use: assist)
        let readers = routes.signedIn(.coordinator, .clerk, .auditor)
        readers.get("plans/:number/teams", use: teams)
        return routes
    }

    struct ItemsInput: Decodable {
        var department: String?
        var codes: [String]?
        /// 适用对象: labels such as 行业=危化, separated by ；/;/、
        var labels: String?
        var industries: String?
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { ";；、,，\n".contains($0) }).map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
    }

    @Sendable func addItems(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(ItemsInput.self, context: context)
        let user = context.user, number = try context.param("number"), actor = services.clock.actor(user.name)
        let codes = (input.codes ?? []).compactMap(\.nonEmpty)
        let plan = try await services.write { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            let department = try PlanAccess.department(input.department, for: user, in: record.plan)
            guard !codes.isEmpty else { throw WebError.badInput("请至少选择一项检查事项。") }
            try db.addPlanItems(record.plan.number, department: department, codes: codes, labels: Self.list(input.labels),
                                industries: Self.list(input.industries), actor: actor)
            return record.plan.number
        }
        return try services.renderer.done("已提交 \(codes.count) 项检查事项。", location: Paths.plan(plan) + "#items",
                                          request: request, context: context)
    }

    @Sendable func removeItems(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(ItemsInput.self, context: context)
        let user = context.user, number = try context.param("number"), actor = services.clock.actor(user.name)
        let codes = (input.codes ?? []).compactMap(\.nonEmpty)
        let plan = try await services.write { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            let department = try PlanAccess.department(input.department, for: user, in: record.plan)
            guard !codes.isEmpty else { throw WebError.badInput("没有选择要移除的事项。") }
            try db.removePlanItems(record.plan.number, department: department, codes: codes, actor: actor)
            return record.plan.number
        }
        return try services.renderer.done("已移除 \(codes.joined(separator: "、"))。", location: Paths.plan(plan) + "#items",
                                          request: request, context: context)
    }

    struct ConfirmInput: Decodable {
        var department: String?
        /// USCC → why the department does not check it; empty reasons confirm.
        var reject: [String: String]?
    }

    @Sendable func confirm(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(ConfirmInput.self, context: context)
        let user = context.user, number = try context.param("number"), actor = services.clock.actor(user.name)
        let rejections = (input.reject ?? [:]).compactMapValues(\.nonEmpty)
        let plan = try await services.write { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            let department = try PlanAccess.department(input.department, for: user, in: record.plan)
            try db.confirmDispatch(record.plan.number, department: department, rejections: rejections, actor: actor)
            return record.plan.number
        }
        let message = rejections.isEmpty ? "已确认派发的全部企业。" : "已确认派发企业，退回 \(rejections.count) 户。"
        return try services.renderer.done(message, location: Paths.plan(plan) + "#confirm", request: request, context: context)
    }

    // MARK: Teams

    struct TeamsModel: Encodable {
        struct Member: Encodable { var certificate: String; var name: String; var role: String; var canReplace: Bool }
        struct ReplacementRow: Encodable { var replaced: String; var by: String; var reason: String; var approvedBy: String }
        struct Team: Encodable {
            var uscc: String; var enterpriseName: String; var enterpriseLink: String; var department: String; var departmentName: String
            var members: [Member]; var replacements: [ReplacementRow]; var canEdit: Bool
        }
        struct Candidate: Encodable { var certificate: String; var name: String }
        var number: String
        var name: String
        var planLink: String
        var stateLabel: String
        var teams: [Team]
        var pager: ListPager
        var assistants: [Candidate]
        var teamDrawLink: String?
    }

    @Sendable func teams(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user, number = try context.param("number"), today = services.clock.today
        // A page of the enterprises (a clerk's: those of its department), then their teams only.
        let query = PlanListQuery(request)
        let model = try await services.read { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            let plan = record.plan
            let seeAll = user.role != .clerk
            let terms = try OverdueTerms.of(plan, today: today, calendar: try db.workCalendar())
            let list = try db.planEnterprises(plan.number, filter: query.filter(terms: terms, onlyDepartment: seeAll ? nil : user.department),
                                              progressOf: seeAll ? nil : user.department, offset: query.offset, limit: PlanListQuery.pageSize)
            let departments = seeAll ? try db.departments().filter { plan.departments.contains($0.code) }.map { ($0.code, $0.name) } : []
            let facts = try PlanFacts(record, db: db, of: list.rows.map(\.uscc))
            let editable = (record.plan.state == .matched || record.plan.state == .checking) && user.actsForDepartment
            let roster = Dictionary(try db.inspectors().map { ($0.certificate, $0) }, uniquingKeysWith: { a, _ in a })
            func name(_ cert: String) -> String { roster[cert]?.name ?? cert }
            let teams = facts.teams.filter { seeAll || $0.department == user.department }.map { t in
                let canEdit = editable && t.department == user.department
                return TeamsModel.Team(
                    uscc: t.uscc, enterpriseName: facts.enterprises[t.uscc]?.name ?? t.uscc, enterpriseLink: Paths.enterprise(record.plan.number, t.uscc),
                    department: t.department, departmentName: facts.name(ofDepartment: t.department),
                    members: t.inspectors.map { .init(certificate: $0, name: name($0), role: "执法人员", canReplace: canEdit) }
                        + t.assistants.map { .init(certificate: $0, name: name($0), role: "辅助人员（协助）", canReplace: false) },
                    replacements: t.replacements.map { .init(replaced: "\(name($0.replaced))（\($0.replaced)）", by: "\(name($0.by))（\($0.by)）",
                                                             reason: $0.reason, approvedBy: $0.approvedBy) },
                    canEdit: canEdit)
            }
            let assistants = editable ? roster.values.filter { $0.department == user.department && $0.kind == .auxiliary }
                .sorted { $0.certificate < $1.certificate }.map { TeamsModel.Candidate(certificate: $0.certificate, name: $0.name) } : []
            let model = TeamsModel(number: record.plan.number, name: record.plan.name, planLink: Paths.plan(record.plan.number),
                                   stateLabel: Labels.state(record.plan.state), teams: teams,
                                   pager: query.pager(total: list.total, base: Paths.teams(plan.number), departments: departments), assistants: assistants,
                                   teamDrawLink: record.teamDrawID.map(Paths.publicDraw))
            return model
        }
        return try services.renderer.page("teams", title: "\(model.number) 检查组", model, request: request, context: context)
    }

    struct ReplaceInput: Decodable {
        var department: String?
        var uscc: String
        var certificate: String
        var reason: String
        var approvedBy: String
    }

    /// The team of the user's department at `uscc` that `certificate` belongs to; 403 for another department's team.
    private static func ownTeam(_ number: String, uscc: String, certificate: String?, user: WebUser, db: AppDatabase) throws -> PlanTeam {
        let teams = try db.planTeams(number, of: [uscc])
        guard !teams.isEmpty else { throw WebError.notFound("企业 \(uscc) 的检查组") }
        if let certificate, let team = teams.first(where: { $0.inspectors.contains(certificate) }), team.department != user.department {
            throw WebError.forbidden("\(certificate) 属于 \(team.department) 的检查组，只能由该部门申请替换。")
        }
        guard let mine = teams.first(where: { $0.department == user.department }) else {
            throw WebError.forbidden("企业 \(uscc) 没有您部门的检查组。")
        }
        return mine
    }

    @Sendable func replace(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(ReplaceInput.self, context: context)
        let user = context.user, number = try context.param("number"), actor = services.clock.actor(user.name)
        let (plan, by) = try await services.write { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            _ = try PlanAccess.department(input.department, for: user, in: record.plan)
            let uscc = try USCC.validate(input.uscc)
            _ = try Self.ownTeam(record.plan.number, uscc: uscc, certificate: input.certificate, user: user, db: db)
            let by = try db.replaceInspector(record.plan.number, uscc: uscc, certificate: input.certificate, reason: input.reason,
                                             approvedBy: input.approvedBy, actor: actor)
            return (record.plan.number, by)
        }
        return try services.renderer.done("已替换 \(input.certificate)，由 \(by) 接替（原抽取记录保留）。", location: Paths.teams(plan),
                                          request: request, context: context, data: ["by": by])
    }

    struct AssistInput: Decodable {
        var department: String?
        var uscc: String
        var certificate: String
    }

    @Sendable func assist(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(AssistInput.self, context: context)
        let user = context.user, number = try context.param("number"), actor = services.clock.actor(user.name)
        let plan = try await services.write { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            let department = try PlanAccess.department(input.department, for: user, in: record.plan)
            let uscc = try USCC.validate(input.uscc)
            _ = try Self.ownTeam(record.plan.number, uscc: uscc, certificate: nil, user: user, db: db)
            try db.addAssistant(record.plan.number, uscc: uscc, department: department, certificate: input.certificate, actor: actor)
            return record.plan.number
        }
        return try services.renderer.done("已增加协助人员 \(input.certificate)。", location: Paths.teams(plan),
                                          request: request, context: context)
    }
}
