import Foundation
import Hummingbird
import Inspection
import InspectionStore

/// One enterprise of a plan: its form, its team, each department's results (entered by the
/// department or by an inspector of its team, on the phone) and the follow-up of findings; and
/// an inspector's list of their own forms.
struct ResultsController {
    let services: WebServices

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        routes.signedIn(.coordinator, .clerk, .inspector, .auditor).get("plans/:number/enterprises/:uscc", use: enterprise)
        routes.signedIn(.coordinator, .clerk, .inspector).post("plans/:number/enterprises/:uscc/results", use: results)
        routes.signedIn(.coordinator, .clerk).post("plans/:number/enterprises/:uscc/followup", use: followUp)
        routes.signedIn(.inspector).get("my/forms", use: myForms)
        return routes
    }

    /// The plan and enterprise, if the user may see this enterprise of this plan: coordinators and
    /// auditors any, a clerk those dispatched to its department, an inspector those of its teams.
    static func access(_ number: String, _ uscc: String, user: WebUser, db: AppDatabase) throws -> (PlanFacts, String) {
        guard let record = try db.planIfExists(number) else { throw WebError.notFound("计划 \(number)") }
        if user.role != .inspector, !PlanAccess.canSee(record.plan, user) { throw WebError.forbidden("计划 \(number) 不涉及您的部门。") }
        let facts = try PlanFacts(record, db: db, of: [uscc])
        guard facts.dispatches.contains(where: { $0.uscc == uscc }) else { throw WebError.notFound("计划 \(number) 中的企业 \(uscc)") }
        switch user.role {
        case .coordinator, .auditor: break
        case .clerk:
            guard facts.activity.assignments.contains(where: { $0.uscc == uscc && $0.department == user.department }) else {
                throw WebError.forbidden("企业 \(uscc) 不是派发给您部门检查的企业。")
            }
        case .leader: throw WebError.forbidden("负责人审批检查报备，不查看检查表。")
        case .inspector:
            guard let cert = user.account.certificate, facts.isOnTeam(cert, uscc: uscc, department: user.department) else {
                throw WebError.forbidden("您不在企业 \(uscc) 的检查组中。")
            }
        }
        return (facts, uscc)
    }

    /// Whether the user may enter `department`'s results at `uscc` now.
    static func canEnter(_ facts: PlanFacts, uscc: String, department: String, user: WebUser) -> Bool {
        guard [.matched, .checking, .recorded].contains(facts.plan.state),
              facts.activity.assignments.contains(where: { $0.uscc == uscc && $0.department == department }) else { return false }
        switch user.role {
        case .coordinator, .clerk: return user.department == department
        case .inspector: return user.department == department && facts.isOnTeam(user.account.certificate ?? "", uscc: uscc, department: department)
        case .auditor, .leader: return false
        }
    }

    @Sendable func enterprise(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user, number = try context.param("number"), uscc = try context.param("uscc")
        let (facts, _) = try await services.read { db in try Self.access(number, uscc, user: user, db: db) }
        let model = EnterpriseModel(facts, uscc: uscc, user: context.user, today: services.clock.today)
        return try services.renderer.page("enterprise", title: "\(model.enterprise.name) · \(facts.plan.number)", model,
                                          request: request, context: context)
    }

    /// A department's results at one enterprise. Keys of the maps are item codes.
    struct ResultsInput: Decodable {
        var department: String?
        var checkedOn: String?
        var questions: Loose?
        var refusedToSign: Loose?
        var outcome: [String: String]?
        var description: [String: String]?
        var confidential: [String: Loose]?
    }

    @Sendable func results(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(ResultsInput.self, context: context)
        let user = context.user, number = try context.param("number"), uscc = try context.param("uscc")
        let (facts, _) = try await services.read { db in try Self.access(number, uscc, user: user, db: db) }
        let department = try PlanAccess.department(input.department, for: user, in: facts.plan)
        if user.role == .inspector, !facts.isOnTeam(user.account.certificate ?? "", uscc: uscc, department: department) {
            throw WebError.forbidden("您不在本部门检查 \(uscc) 的检查组中。")
        }
        var results: [ItemResult] = []
        for (code, text) in (input.outcome ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let text = text.nonEmpty else { continue }
            guard let outcome = ItemOutcome(rawValue: text) else { throw WebError.badInput("事项 \(code) 的结果须为「未发现问题」或「发现问题」。") }
            let description = input.description?[code]?.trimmingWhitespace ?? ""
            if outcome == .problem && description.isEmpty { throw WebError.badInput("事项 \(code) 发现问题，请填写问题描述。") }
            results.append(ItemResult(uscc: uscc, department: department, itemCode: code, outcome: outcome, description: description,
                                      confidential: input.confidential?[code]?.isTrue ?? false))
        }
        guard !results.isEmpty else { throw WebError.badInput("请至少为一项检查事项选择结果。") }
        let today = services.clock.today
        let checkedOn: LocalDate
        if let text = input.checkedOn?.nonEmpty {
            guard let day = LocalDate(text) else { throw WebError.badInput("检查日期「\(text)」不是 YYYY-MM-DD 格式。") }
            guard day <= today else { throw WebError.badInput("检查日期 \(day) 晚于今天。") }
            checkedOn = day
        } else {
            checkedOn = today
        }
        let questions = try input.questions?.text.nonEmpty.map { text -> Int in
            guard let n = Int(text), n >= 0 else { throw WebError.badInput("现场解答疑难问题数须为 0 或正整数。") }
            return n
        } ?? 0
        let visit = VisitRecord(uscc: uscc, department: department, checkedOn: checkedOn, questionsAnswered: questions,
                                refusedToSign: input.refusedToSign?.isTrue ?? false)
        let actor = services.clock.actor(user.name), plan = facts.plan.number, recorded = results
        let state = try await services.write { db in
            try db.recordResults(plan, department: department, uscc: uscc, results: recorded, visit: visit, actor: actor)
        }
        return try services.renderer.done("已保存 \(results.count) 项检查结果。计划状态：\(Labels.state(state))。",
                                          location: Paths.enterprise(facts.plan.number, uscc), request: request, context: context,
                                          data: ["state": state.rawValue])
    }

    struct FollowUpInput: Decodable {
        var department: String?
        var action: String
        var date: String?
        var note: String?
    }

    @Sendable func followUp(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(FollowUpInput.self, context: context)
        let user = context.user, number = try context.param("number"), uscc = try context.param("uscc")
        let (facts, _) = try await services.read { db in try Self.access(number, uscc, user: user, db: db) }
        let department = try PlanAccess.department(input.department, for: user, in: facts.plan)
        guard let action = FollowUpAction(rawValue: input.action) else {
            throw WebError.badInput("处置方式须为：" + FollowUpAction.allCases.map(\.rawValue).joined(separator: "、"))
        }
        let date: LocalDate
        if let text = input.date?.nonEmpty {
            guard let d = LocalDate(text) else { throw WebError.badInput("处置日期「\(text)」不是 YYYY-MM-DD 格式。") }
            date = d
        } else {
            date = services.clock.today
        }
        let followUp = FollowUp(uscc: uscc, department: department, action: action, date: date, note: input.note ?? "")
        let actor = services.clock.actor(user.name), plan = facts.plan.number
        try await services.write { db in try db.recordFollowUp(plan, followUp, actor: actor) }
        return try services.renderer.done("已录入后续处置：\(action.rawValue)。", location: Paths.enterprise(facts.plan.number, uscc) + "#followup",
                                          request: request, context: context)
    }

    // MARK: An inspector's forms

    struct MyFormsModel: Encodable {
        struct Row: Encodable {
            var planNumber: String; var planName: String; var uscc: String; var name: String; var address: String
            var department: String; var role: String; var stateLabel: String; var progress: String; var complete: Bool
            var formLink: String; var link: String; var canEnter: Bool
        }
        var certificate: String
        var rows: [Row]
    }

    @Sendable func myForms(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let cert = user.account.certificate ?? ""
        let rows = try await services.read { db in
            var rows: [MyFormsModel.Row] = []
            for record in try db.plans() where record.teamDrawID != nil {
                let teams = try db.planTeams(record.plan.number, withMember: cert)
                guard !teams.isEmpty else { continue }
                let facts = try PlanFacts(record, db: db, of: Array(Set(teams.map(\.uscc))))
                for team in teams {
                    let e = facts.enterprises[team.uscc]
                    let (recorded, expected) = facts.progress(at: team.uscc, departments: [team.department])
                    rows.append(.init(planNumber: record.plan.number, planName: record.plan.name, uscc: team.uscc, name: e?.name ?? team.uscc,
                                      address: e?.address ?? "", department: facts.name(ofDepartment: team.department),
                                      role: team.inspectors.contains(cert) ? "执法人员" : "辅助人员（协助）", stateLabel: Labels.state(record.plan.state),
                                      progress: "\(recorded)/\(expected)", complete: recorded == expected && expected > 0,
                                      formLink: Paths.form(record.plan.number, team.uscc), link: Paths.enterprise(record.plan.number, team.uscc),
                                      canEnter: Self.canEnter(facts, uscc: team.uscc, department: team.department, user: user)))
                }
            }
            return rows
        }
        return try services.renderer.page("my-forms", title: "我的检查表", MyFormsModel(certificate: cert, rows: rows),
                                          request: request, context: context)
    }
}

/// A form value that JSON may send as a string, number or boolean.
struct Loose: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) { text = s }
        else if let n = try? c.decode(Int.self) { text = String(n) }
        else if let b = try? c.decode(Bool.self) { text = b ? "true" : "false" }
        else { text = "" }
    }

    /// A ticked checkbox (`true`, `on`, `1`, `是`).
    var isTrue: Bool { ["true", "on", "1", "是", "yes"].contains(text.lowercased()) }
}
