import Foundation
import HTTPTypes
import Hummingbird
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

/// 扫码入企 in the web: the leader approves, the inspector checks in and out on the phone, the
/// enterprise opens the code page `/v/<token>` (no sign-in), checks the visit is genuine, evaluates
/// it once and may complain; the lead bureau's coordinators and auditors read evaluations, the
/// inspected departments only their counts.
struct VisitController {
    let services: WebServices

    /// The double-submit cookie of the public forms (no session there).
    static let publicCookie = "liancha_visit_csrf"

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        routes.get("v", use: byShortCode)
        routes.get("v/:token", use: publicPage)
        routes.get("v/:token/qr.svg", use: qrCode)
        routes.post("v/:token/evaluation", use: evaluate)
        routes.post("v/:token/complaint", use: complain)
        routes.get("public/items", use: publicItems)
        let everyone = routes.signedIn(.coordinator, .clerk, .inspector, .auditor, .leader)
        everyone.get("visits", use: list)
        everyone.get("visits/:id", use: show)
        everyone.get("visits/:id/notice.docx", use: notice)
        everyone.get("visits/:id/record.docx", use: record)
        everyone.get("visits/:id/approval.docx", use: approvalForm)
        let filers = routes.signedIn(.coordinator, .clerk)
        filers.get("visits/new", use: newVisit)
        filers.post("visits", use: file)
        let leaders = routes.signedIn(.leader)
        leaders.post("visits/:id/approve", use: approve)
        leaders.post("visits/:id/refuse", use: refuse)
        let inspectors = routes.signedIn(.inspector)
        inspectors.post("visits/:id/checkin", use: checkIn)
        inspectors.post("visits/:id/checkout", use: checkOut)
        inspectors.post("visits/:id/result", use: recordResult)
        routes.signedIn(.coordinator, .clerk, .auditor, .leader).get("evaluations", use: evaluations)
        return routes
    }

    // MARK: Access

    /// The visit, if `user` may see it: coordinators and auditors all; clerks and leaders their
    /// departments'; inspectors those they are on.
    func visit(_ context: SignedInContext) async throws -> Visit {
        let id = try context.param("id")
        let visit: Visit
        do { visit = try await services.read { db in try db.visit(id) } } catch VisitError.unknownVisit { throw WebError.notFound("检查报备 \(id)") }
        let user = context.user
        let allowed = switch user.role {
        case .coordinator, .auditor: true
        case .clerk, .leader: visit.filing.departments.contains(user.department)
        case .inspector: visit.filing.inspectors.contains(user.account.certificate ?? "")
        }
        guard allowed else { throw WebError.forbidden("检查报备 \(id) 不涉及您的部门或您本人。") }
        return visit
    }

    // MARK: Signed-in pages

    struct ListModel: Encodable {
        struct Row: Encodable {
            var id: String; var link: String; var status: String; var enterprise: String; var departments: String; var window: String
            var emergency: Bool; var overdue: Bool
        }
        var rows: [Row]
        var total: Int
        var pendingOnly: Bool
        var canApprove: Bool
        var canFile: Bool
        /// 频次预警 of this year so far (the department's enterprises for a clerk or leader).
        var warnings: [String]
        var next: String?
        var previous: String?
    }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let pending = request.query("pending") != nil
        let offset = max(0, request.query("offset").flatMap { Int($0) } ?? 0)
        let pageSize = 50
        let department: String? = (user.role == .clerk || user.role == .leader) ? user.department : nil
        let inspector = user.role == .inspector ? (user.account.certificate ?? "-") : nil
        let today = services.clock.today
        let (page, names, warnings) = try await services.read { db in
            let page = try db.visits(department: department, inspector: inspector, pending: pending, limit: pageSize, offset: offset)
            let warnings = inspector != nil ? [] : try db.visitFrequencyWarnings(from: LocalDate(year: today.year, month: 1, day: 1) ?? today,
                                                                                through: today, department: department, limit: 20)
            return (page, try db.enterpriseNames(page.visits.map(\.filing.uscc) + warnings.map(\.uscc)), warnings)
        }
        let base = "/visits" + (pending ? "?pending=1&" : "?")
        let model = ListModel(
            rows: page.visits.map { v in
                .init(id: v.id, link: "/visits/\(v.id)", status: v.status.rawValue, enterprise: names[v.filing.uscc] ?? v.filing.uscc,
                      departments: v.filing.departments.joined(separator: "、"), window: VisitDocuments.windowText(v.filing.start, v.filing.end),
                      emergency: v.filing.emergency, overdue: v.approvalOverdue(today: today))
            },
            total: page.total, pendingOnly: pending, canApprove: user.role == .leader, canFile: user.role == .coordinator || user.role == .clerk,
            warnings: warnings.map { "\(names[$0.uscc] ?? $0.uscc)（\($0.uscc)）：\($0.period)被入企检查 \($0.count) 次，\($0.span.rawValue)不超过 \($0.limit) 次" },
            next: offset + pageSize < page.total ? base + "offset=\(offset + pageSize)" : nil,
            previous: offset > 0 ? base + "offset=\(max(0, offset - pageSize))" : nil)
        return try services.renderer.page("visits", title: "检查报备", model, request: request, context: context)
    }

    struct ShowModel: Encodable {
        var id: String
        var status: String
        var enterprise: String
        var uscc: String
        var address: String
        var source: String
        var window: String
        var departments: String
        var inspectors: [VisitDocumentModel.Inspector]
        var items: [VisitDocumentModel.Item]
        var approval: String
        var emergency: Bool
        var shortCode: String?
        var codeLink: String?
        var qrLink: String?
        var checkedInAt: String?
        var checkedOutAt: String?
        var location: String?
        var lateReason: String?
        var outcome: String?
        var noCodeReason: String?
        var canApprove: Bool
        var canCheckIn: Bool
        var canCheckOut: Bool
        var approveAction: String
        var refuseAction: String
        var checkInAction: String
        var checkOutAction: String
        var noticeLink: String
        var recordLink: String
        var approvalLink: String
        /// 结果上传 by an inspector of the visit; without a check-in it needs the 无码检查 reason.
        var canRecord: Bool
        var withoutCheckIn: Bool
        var resultAction: String
        var outcomes: [String]
        /// The plan's 一企一表 of this enterprise, where the items' results are entered.
        var resultsLink: String?
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let visit = try await visit(context)
        let m = try await model(of: visit)
        let user = context.user
        let pending: Bool = if case .pending = visit.approval { true } else { false }
        let onVisit = user.role == .inspector && visit.filing.inspectors.contains(user.account.certificate ?? "")
        let base = "/visits/\(visit.id)"
        let planNumber: String? = if case .plan(let number) = visit.filing.source { number } else { nil }
        let model = ShowModel(
            id: visit.id, status: visit.status.rawValue, enterprise: m.enterpriseName, uscc: m.uscc, address: m.address, source: m.source,
            window: m.window, departments: m.departments.joined(separator: "、"), inspectors: m.inspectors, items: m.items,
            approval: m.approval, emergency: visit.filing.emergency, shortCode: visit.code?.shortCode,
            codeLink: visit.code.map { "/v/\($0.token)" }, qrLink: visit.code.map { "/v/\($0.token)/qr.svg" },
            checkedInAt: visit.presence.checkedInAt.map(VisitDocuments.timeText), checkedOutAt: visit.presence.checkedOutAt.map(VisitDocuments.timeText),
            location: visit.presence.location,
            lateReason: visit.presence.lateReason, outcome: visit.outcome?.rawValue, noCodeReason: visit.presence.noCodeReason,
            canApprove: user.role == .leader && user.department == visit.filing.lead && pending,
            canCheckIn: onVisit && visit.code != nil && visit.presence.checkedInAt == nil && visit.status != .refused && visit.outcome == nil,
            canCheckOut: onVisit && visit.presence.checkedInAt != nil && visit.presence.checkedOutAt == nil,
            approveAction: base + "/approve", refuseAction: base + "/refuse", checkInAction: base + "/checkin", checkOutAction: base + "/checkout",
            noticeLink: base + "/notice.docx", recordLink: base + "/record.docx", approvalLink: base + "/approval.docx",
            canRecord: onVisit && visit.code != nil && visit.outcome == nil && visit.status != .refused
                && (visit.presence.checkedInAt == nil || visit.presence.checkedOutAt != nil),
            withoutCheckIn: visit.presence.checkedInAt == nil, resultAction: base + "/result", outcomes: ItemOutcome.allCases.map(\.rawValue),
            resultsLink: planNumber.flatMap { number in (onVisit || user.role == .clerk) && visit.code != nil ? Paths.enterprise(number, visit.filing.uscc) : nil })
        return try services.renderer.page("visit", title: "检查报备 \(visit.id)", model, request: request, context: context)
    }

    struct DecisionForm: Decodable { var reason: String? }

    @Sendable func approve(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try await visit(context).id
        let (leader, random, actor) = (context.user.name, services.environment.randomSeed(), services.clock.actor(context.user.name))
        let visit = try await services.write { db in try db.approveVisit(id, leader: leader, random: random, actor: actor) }
        return try services.renderer.done("已批准 \(id)，检查码 \(visit.code?.shortCode ?? "")。", location: "/visits/\(id)", request: request, context: context)
    }

    @Sendable func refuse(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try await visit(context).id
        let form = try await request.input(DecisionForm.self, context: context)
        let (leader, actor) = (context.user.name, services.clock.actor(context.user.name))
        _ = try await services.write { db in try db.refuseVisit(id, leader: leader, reason: form.reason ?? "", actor: actor) }
        return try services.renderer.done("已退回 \(id)。", location: "/visits/\(id)", request: request, context: context)
    }

    struct PresenceForm: Decodable {
        var latitude: String?
        var longitude: String?
        var at: String?
        var lateReason: String?
    }

    @Sendable func checkIn(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try await visit(context).id
        let form = try await request.input(PresenceForm.self, context: context)
        let location = form.latitude?.nonEmpty.flatMap { lat in form.longitude?.nonEmpty.map { "\(lat),\($0)" } }
        let (certificate, actor) = (context.user.account.certificate ?? "", services.clock.actor(context.user.name))
        let visit = try await services.write { db in
            try db.checkIn(id, certificate: certificate, occurredAt: form.at?.nonEmpty, location: location,
                           lateReason: form.lateReason?.nonEmpty, actor: actor)
        }
        return try services.renderer.done("已入企：\(visit.presence.checkedInAt.map(VisitDocuments.timeText) ?? "")", location: "/visits/\(id)", request: request, context: context)
    }

    @Sendable func checkOut(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try await visit(context).id
        let form = try await request.input(PresenceForm.self, context: context)
        let (certificate, actor) = (context.user.account.certificate ?? "", services.clock.actor(context.user.name))
        let visit = try await services.write { db in
            try db.checkOut(id, certificate: certificate, occurredAt: form.at?.nonEmpty, lateReason: form.lateReason?.nonEmpty, actor: actor)
        }
        return try services.renderer.done("已离企：\(visit.presence.checkedOutAt.map(VisitDocuments.timeText) ?? "")", location: "/visits/\(id)", request: request, context: context)
    }

    struct ResultForm: Decodable {
        var outcome: String?
        var findings: String?
        var noCodeReason: String?
    }

    /// 结果上传 by an inspector of the visit: without 入企 it is 无码检查 and needs the reason (the store
    /// refuses it otherwise); a check-in missed for a network failure is entered late on the check-in form.
    @Sendable func recordResult(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try await visit(context).id
        let form = try await request.input(ResultForm.self, context: context)
        guard let outcome = form.outcome.flatMap(ItemOutcome.init(rawValue:)) else {
            throw WebError.badInput("请选择检查结果：" + ItemOutcome.allCases.map(\.rawValue).joined(separator: " 或 "))
        }
        let actor = services.clock.actor(context.user.name)
        let visit = try await services.write { db in
            try db.recordVisitResult(id, outcome: outcome, findings: form.findings ?? "", noCodeReason: form.noCodeReason?.nonEmpty, actor: actor)
        }
        return try services.renderer.done("已上传检查结果：\(outcome.rawValue)" + (visit.isWithoutCode ? "（无码检查）" : ""), location: "/visits/\(id)",
                                          request: request, context: context)
    }

    // MARK: 任务报备 (filing) in the web

    struct NewVisitModel: Encodable {
        struct Plan: Encodable { var number: String; var name: String; var selected: Bool }
        var plans: [Plan]
        var causes: [String]
        var exemptions: [String]
        var department: String
        var uscc: String
        var draw: String
        var isPlan: Bool
        var isRoutine: Bool
        var isCause: Bool
        var today: String
    }

    /// The filing form; `?plan=N&uscc=U` (or `?draw=ID&uscc=U`) fills it in.
    @Sendable func newVisit(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let records = try await services.read { db in try db.plans() }
        let plan = request.query("plan")
        let plans = records.filter { $0.plan.state >= .dispatched && $0.plan.departments.contains(user.department) }
            .map { NewVisitModel.Plan(number: $0.plan.number, name: $0.plan.name, selected: $0.plan.number == plan) }
        let draw = request.query("draw") ?? ""
        let source = plan != nil ? "plan" : !draw.isEmpty ? "routine" : (request.query("source") ?? "plan")
        let model = NewVisitModel(
            plans: plans, causes: VisitCause.allCases.map(\.rawValue), exemptions: VisitCause.allCases.map(\.rawValue),
            department: user.departmentName, uscc: request.query("uscc") ?? "", draw: draw,
            isPlan: source == "plan", isRoutine: source == "routine", isCause: source == "cause", today: services.clock.today.description)
        return try services.renderer.page("visit-new", title: "任务报备", model, request: request, context: context)
    }

    struct FilingForm: Decodable {
        var source: String?
        var plan: String?
        var draw: String?
        var cause: String?
        var causeNote: String?
        var uscc: String?
        var departments: String?
        var inspectors: String?
        var items: String?
        var from: String?
        var to: String?
        var emergency: String?
        var exemption: String?
        var exemptionReason: String?
    }

    /// 任务报备 by the lead department (clerk or coordinator): the same checks as `liancha visit file`
    /// (the store's), the yearly cap of the environment unless an exemption with its reason is given.
    @Sendable func file(_ request: Request, context: SignedInContext) async throws -> Response {
        let form = try await request.input(FilingForm.self, context: context)
        let user = context.user
        var filing = try Self.filing(form)
        if filing.departments.isEmpty, filing.source.kind != "plan" { filing.departments = [user.department] }
        let draft = filing
        let (random, actor, capOf) = (services.environment.randomSeed(), services.clock.actor(user.name), services.environment.visitYearlyCap)
        let filed = try await services.write { db in
            let filing = try db.completingPlanFiling(draft, lead: user.department)
            // Decided on what is filed, not on what the form says: the lead is the first department.
            guard filing.lead == user.department else {
                throw WebError.forbidden("检查由牵头部门报备：本次检查的牵头部门是 \(filing.lead.isEmpty ? "（未填）" : filing.lead)，不是您的部门（\(user.department)）。")
            }
            return try db.fileVisit(filing, yearlyCap: try capOf(filing.source, db), random: random, actor: actor)
        }
        let warnings = filed.warnings.map(\.description).joined(separator: "；")
        return try services.renderer.done("已报备 \(filed.visit.id)" + (filed.visit.code == nil ? "，待负责人审批。" : "（紧急检查，已赋码，负责人事后补批）。")
                                          + (warnings.isEmpty ? "" : " 频次预警：\(warnings)"),
                                          location: "/visits/\(filed.visit.id)", request: request, context: context)
    }

    /// The filing a form describes (what needs no database); plan defaults are filled in by the store.
    static func filing(_ form: FilingForm) throws -> VisitFiling {
        let source: VisitSource
        switch form.source {
        case "plan"?:
            guard let number = form.plan?.nonEmpty else { throw WebError.badInput("请选择抽查计划") }
            source = .plan(number)
        case "routine"?:
            guard let id = form.draw?.nonEmpty else { throw WebError.badInput("请填写日常抽查的抽取记录编号") }
            source = .routine(drawID: id)
        case "cause"?:
            guard let cause = form.cause.flatMap(VisitCause.init(rawValue:)) else {
                throw WebError.badInput("请选择检查事由：" + VisitCause.allCases.map(\.rawValue).joined(separator: "、"))
            }
            source = .cause(cause, form.causeNote ?? "")
        default:
            throw WebError.badInput("任务来源须为 抽查计划、日常抽查 或 事由")
        }
        guard let from = form.from?.nonEmpty, let start = LocalDate(from) else { throw WebError.badInput("检查开始日期须为 YYYY-MM-DD") }
        var end = start
        if let to = form.to?.nonEmpty {
            guard let day = LocalDate(to) else { throw WebError.badInput("检查结束日期「\(to)」须为 YYYY-MM-DD") }
            end = day
        }
        var exemption: VisitCause?
        if let text = form.exemption?.nonEmpty {
            guard let kind = VisitCause(rawValue: text) else { throw WebError.badInput("豁免事由「\(text)」不在清单中") }
            exemption = kind
        }
        func list(_ text: String?) -> [String] {
            (text ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" || $0.isWhitespace }).map(String.init)
        }
        let items = try list(form.items).map { text -> VisitItem in
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw WebError.badInput("检查事项「\(text)」须写作 部门编码:事项编码") }
            return VisitItem(department: parts[0], code: parts[1])
        }
        let uscc = (form.uscc ?? "").trimmingWhitespace.uppercased()
        guard !uscc.isEmpty else { throw WebError.badInput("请填写企业的统一社会信用代码") }
        return VisitFiling(source: source, uscc: uscc, departments: list(form.departments), inspectors: list(form.inspectors), items: items,
                           start: start, end: end, emergency: form.emergency == "true" || form.emergency == "on", exemption: exemption,
                           exemptionReason: form.exemptionReason ?? "")
    }

    /// What the documents and pages show of `visit`, read off the server's threads.
    private func model(of visit: Visit) async throws -> VisitDocumentModel {
        let publicURL = services.environment.publicURL
        return try await services.read { db in try VisitDocuments.model(visit, in: db, publicURL: publicURL) }
    }

    private func document(_ context: SignedInContext, _ kind: String,
                          _ render: (VisitDocumentModel) throws -> Data) async throws -> Response {
        let visit = try await visit(context)
        let m = try await model(of: visit)
        return Download.response(try render(m), filename: "\(visit.id)-\(m.enterpriseName)-\(kind).docx", contentType: Download.docx)
    }

    @Sendable func notice(_ request: Request, context: SignedInContext) async throws -> Response {
        try await document(context, "行政检查通知书", VisitDocumentRenderer.noticeDocx)
    }

    @Sendable func record(_ request: Request, context: SignedInContext) async throws -> Response {
        try await document(context, "现场检查笔录", VisitDocumentRenderer.recordDocx)
    }

    @Sendable func approvalForm(_ request: Request, context: SignedInContext) async throws -> Response {
        try await document(context, "行政检查审批表", VisitDocumentRenderer.approvalDocx)
    }

    struct EvaluationsModel: Encodable {
        struct Evaluation: Encodable {
            var visit: String; var enterprise: String; var departments: String; var at: String; var rating: String
            var certificatesShown: Bool; var noticeGiven: Bool; var rightsTold: Bool; var productionDisturbed: Bool; var integrityKept: Bool
            var comment: String
        }
        struct Complaint: Encodable { var visit: String; var enterprise: String; var departments: String; var at: String; var text: String; var contact: String? }
        var full: Bool
        var counts: EvaluationCountsModel
        var evaluations: [Evaluation]
        var complaints: [Complaint]
        var evaluationTotal: Int
        var complaintTotal: Int
        var excludedNote: String?
        /// The pages of each list (`?evaluations=OFFSET`, `?complaints=OFFSET`).
        var evaluationPages: Pages?
        var complaintPages: Pages?
    }

    struct Pages: Encodable {
        var next: String?
        var previous: String?

        /// Links to the neighbouring pages of a list shown from `offset`, `size` at a time, `total` in all.
        init?(parameter: String, offset: Int, size: Int, total: Int) {
            next = offset + size < total ? "/evaluations?\(parameter)=\(offset + size)" : nil
            previous = offset > 0 ? "/evaluations?\(parameter)=\(max(0, offset - size))" : nil
            if next == nil && previous == nil { return nil }
        }
    }

    struct EvaluationCountsModel: Encodable {
        var evaluations: Int; var satisfied: Int; var fairlySatisfied: Int; var dissatisfied: Int; var complaints: Int
        init(_ c: EvaluationCounts) {
            evaluations = c.evaluations; satisfied = c.satisfied; fairlySatisfied = c.fairlySatisfied; dissatisfied = c.dissatisfied; complaints = c.complaints
        }
    }

    @Sendable func evaluations(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        // Evaluations go to the lead bureau's coordinators and the auditors; an inspected department
        // (clerk, leader) reads only its counts. A coordinator never reads its own department's.
        let full = user.role == .coordinator || user.role == .auditor
        let excluding = user.role == .coordinator ? user.department : nil
        let department = user.department
        let counts = try await services.read { db in try db.evaluationCounts(department: full ? nil : department) }
        var model = EvaluationsModel(full: full, counts: .init(counts), evaluations: [], complaints: [], evaluationTotal: 0, complaintTotal: 0,
                                     excludedNote: excluding.map { _ in "不含本部门（\(user.departmentName)）参与的检查：被检查部门只看统计数。" })
        if full {
            let size = 50
            let from = (evaluations: max(0, request.query("evaluations").flatMap { Int($0) } ?? 0),
                        complaints: max(0, request.query("complaints").flatMap { Int($0) } ?? 0))
            let (e, c) = try await services.read { db in
                (try db.evaluations(excludingDepartment: excluding, limit: size, offset: from.evaluations),
                 try db.complaints(excludingDepartment: excluding, limit: size, offset: from.complaints))
            }
            model.evaluationPages = Pages(parameter: "evaluations", offset: from.evaluations, size: size, total: e.total)
            model.complaintPages = Pages(parameter: "complaints", offset: from.complaints, size: size, total: c.total)
            model.evaluations = e.rows.map {
                .init(visit: $0.visitID, enterprise: $0.enterpriseName, departments: $0.departments.joined(separator: "、"), at: VisitDocuments.timeText($0.at),
                      rating: $0.evaluation.rating.rawValue, certificatesShown: $0.evaluation.certificatesShown, noticeGiven: $0.evaluation.noticeGiven,
                      rightsTold: $0.evaluation.rightsTold, productionDisturbed: $0.evaluation.productionDisturbed,
                      integrityKept: $0.evaluation.integrityKept, comment: $0.evaluation.comment)
            }
            model.complaints = c.rows.map {
                .init(visit: $0.visitID, enterprise: $0.enterpriseName, departments: $0.departments.joined(separator: "、"),
                      at: VisitDocuments.timeText($0.at), text: $0.text, contact: $0.contact.nonEmpty)
            }
            model.evaluationTotal = e.total
            model.complaintTotal = c.total
        }
        return try services.renderer.page("evaluations", title: "企业评价与投诉", model, request: request, context: context)
    }

    // MARK: The enterprise's page (public)

    struct PublicModel: Encodable {
        var token: String
        var shortCode: String
        var enterprise: String
        var uscc: String
        var departments: [String]
        var items: [VisitDocumentModel.Item]
        var inspectors: [VisitDocumentModel.Inspector]
        var window: String
        var approval: String
        var source: String
        var sourceLink: String?
        var emergency: Bool
        var refused: Bool
        var visited: Bool
        var checkedInAt: String?
        var checkedOutAt: String?
        var outcome: String?
        var findings: String
        var canEvaluate: Bool
        var evaluated: Bool
        var csrf: String
        var evaluationAction: String
        var complaintAction: String
        var ratings: [String]
        /// What the form just sent says (the enterprise has no session to carry a flash).
        var sent: String?
        /// For an inspector of the visit who scanned the code while signed in: the visit's own page (入企/离企).
        var inspectorLink: String?
    }

    /// What a public form sent, named in the `sent` query of the page it returns to: the
    /// acknowledgement an enterprise sees (it has no session to carry a flash).
    enum Sent: String {
        case evaluation, complaint

        var message: String {
            switch self {
            case .evaluation: "感谢您的评价，已报送牵头部门和监督机关。"
            case .complaint: "投诉已提交，牵头部门和监督机关将处理。"
            }
        }
    }

    private func publicVisit(_ context: WebContext) async throws -> Visit {
        let token = try context.param("token")
        guard let visit = try await services.read({ db in try db.visit(token: token) }) else { throw VisitError.unknownCode }
        return visit
    }

    @Sendable func byShortCode(_ request: Request, context: WebContext) async throws -> Response {
        if let code = request.query("code")?.nonEmpty {
            guard let visit = try await services.read({ db in try db.visit(shortCode: code) }), let token = visit.code?.token else { throw VisitError.unknownCode }
            return Renderer.redirect(to: (request.isAPI ? "/api" : "") + "/v/\(token)")
        }
        return try services.renderer.page("visit-code", title: "检查码核验", ["code": ""], request: request, context: context)
    }

    @Sendable func publicPage(_ request: Request, context: WebContext) async throws -> Response {
        let visit = try await publicVisit(context)
        guard let code = visit.code else { throw VisitError.unknownCode }
        let m = try await model(of: visit)
        let refused: Bool = if case .refused = visit.approval { true } else { false }
        let visited = visit.presence.checkedInAt != nil || visit.outcome != nil
        let cookieToken = request.cookies[Self.publicCookie]?.value ?? CSRFMiddleware.newToken()
        // The draw that picked the enterprise, publicly verifiable (a plan not yet drawn: its year's plans).
        let sourceLink: String? = switch visit.filing.source {
        case .plan(let number):
            try await services.read { db in try db.planIfExists(number)?.drawID }.map(Paths.publicDraw) ?? "/public/plans?year=\(visit.filing.start.year)"
        case .routine(let id): Paths.publicDraw(id)
        case .cause: nil
        }
        let model = PublicModel(
            token: code.token, shortCode: code.shortCode, enterprise: m.enterpriseName, uscc: m.uscc, departments: m.departments, items: m.items,
            inspectors: m.inspectors, window: m.window, approval: m.approval, source: m.source, sourceLink: sourceLink,
            emergency: visit.filing.emergency, refused: refused, visited: visited, checkedInAt: visit.presence.checkedInAt.map(VisitDocuments.timeText),
            checkedOutAt: visit.presence.checkedOutAt.map(VisitDocuments.timeText), outcome: visit.outcome?.rawValue, findings: visit.findings,
            canEvaluate: visited && !visit.evaluated, evaluated: visit.evaluated, csrf: context.identity?.csrf ?? cookieToken,
            evaluationAction: "/v/\(code.token)/evaluation", complaintAction: "/v/\(code.token)/complaint",
            ratings: VisitEvaluation.Rating.allCases.map(\.rawValue), 
            sent: context.identity == nil ? request.query("sent").flatMap(Sent.init(rawValue:))?.message : nil,
            inspectorLink: context.identity.flatMap { user in
                user.role == .inspector && visit.filing.inspectors.contains(user.account.certificate ?? "") ? "/visits/\(visit.id)" : nil
            })
        var response = try services.renderer.page("visit-public", title: "检查码核验 · \(m.enterpriseName)", model, request: request, context: context)
        if context.identity == nil, request.cookies[Self.publicCookie] == nil {
            response.setCookie(.init(name: Self.publicCookie, value: cookieToken, path: "/v", secure: services.environment.secureCookies,
                                     httpOnly: true, sameSite: .strict))
        }
        return response
    }

    @Sendable func qrCode(_ request: Request, context: WebContext) async throws -> Response {
        let visit = try await publicVisit(context)
        guard let code = visit.code else { throw VisitError.unknownCode }
        let svg = try QRCode(code.url(publicURL: services.environment.publicURL)).svg(size: 200, label: "检查码 \(code.shortCode)")
        return Response(status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store"], body: .init(byteBuffer: .init(string: svg)))
    }

    struct EvaluationForm: Decodable {
        var rating: String
        var certificatesShown: String?
        var noticeGiven: String?
        var rightsTold: String?
        var productionDisturbed: String?
        var integrityKept: String?
        var comment: String?
    }

    struct ComplaintForm: Decodable {
        var text: String
        var contact: String?
    }

    /// The public forms' guard: the double-submit token when no one is signed in (a signed-in
    /// session was checked by the CSRF middleware), and their own limit per address.
    private func guardPublicForm(_ request: inout Request, context: WebContext) async throws {
        if context.identity == nil {
            let expected = request.cookies[Self.publicCookie]?.value ?? ""
            let provided: String
            if let header = request.headers[CSRFMiddleware.header] {
                provided = header
            } else {
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                provided = try FormFields.token(named: CSRFMiddleware.field, in: body, contentType: request.headers[.contentType] ?? "") ?? ""
            }
            guard !expected.isEmpty, CSRFMiddleware.constantTimeEqual(provided, expected) else { throw WebError.csrfRejected }
        }
        if let wait = await services.submissions.admit(context.remoteAddress) {
            throw VisitWebError.tooManySubmissions(retryAfter: wait)
        }
    }

    @Sendable func evaluate(_ request: Request, context: WebContext) async throws -> Response {
        let visit = try await publicVisit(context)
        var request = request
        try await guardPublicForm(&request, context: context)
        let form = try await request.input(EvaluationForm.self, context: context)
        guard let rating = VisitEvaluation.Rating(rawValue: form.rating) else { throw WebError.badInput("请选择 满意、基本满意 或 不满意") }
        func yes(_ v: String?) -> Bool { v == "true" || v == "on" || v == "是" }
        let evaluation = VisitEvaluation(rating: rating, certificatesShown: yes(form.certificatesShown), noticeGiven: yes(form.noticeGiven),
                                         rightsTold: yes(form.rightsTold), productionDisturbed: yes(form.productionDisturbed),
                                         integrityKept: yes(form.integrityKept), comment: form.comment ?? "")
        let token = visit.code?.token ?? ""
        let at = services.clock.actor("").timestamp
        _ = try await services.write { db in try db.evaluateVisit(token: token, evaluation, at: at) }
        return try services.renderer.done(Sent.evaluation.message, location: "/v/\(token)?sent=evaluation", request: request, context: context)
    }

    @Sendable func complain(_ request: Request, context: WebContext) async throws -> Response {
        let visit = try await publicVisit(context)
        var request = request
        try await guardPublicForm(&request, context: context)
        let form = try await request.input(ComplaintForm.self, context: context)
        let token = visit.code?.token ?? ""
        let at = services.clock.actor("").timestamp
        try await services.write { db in try db.complainAboutVisit(token: token, text: form.text, contact: form.contact ?? "", at: at) }
        return try services.renderer.done(Sent.complaint.message, location: "/v/\(token)?sent=complaint", request: request, context: context)
    }

    // MARK: 随机抽查事项清单 (public)

    struct ItemsModel: Encodable {
        struct Department: Encodable {
            struct Item: Encodable { var code: String; var name: String; var object: String; var method: String; var basis: String; var category: String; var ratio: String }
            var name: String
            var items: [Item]
        }
        var departments: [Department]
    }

    @Sendable func publicItems(_ request: Request, context: WebContext) async throws -> Response {
        let (all, departments) = try await services.read { db in (try db.items(), try db.departments()) }
        let items = Dictionary(grouping: all, by: \.department)
        let model = ItemsModel(departments: departments.compactMap { d in
            guard let mine = items[d.code], !mine.isEmpty else { return nil }
            return .init(name: d.name, items: mine.map {
                .init(code: $0.code, name: $0.name, object: $0.object, method: $0.method.rawValue, basis: $0.basis, category: $0.category.rawValue,
                      ratio: $0.ratioText)
            })
        })
        return try services.renderer.page("public-items", title: "随机抽查事项清单", model, request: request, context: context)
    }
}

/// What the public forms refuse beyond the domain's errors.
enum VisitWebError: WebFacingError {
    case tooManySubmissions(retryAfter: Int)

    var status: HTTPResponse.Status { .tooManyRequests }
    var message: String {
        switch self {
        case .tooManySubmissions(let seconds): "提交过于频繁，请 \(max(1, seconds / 60)) 分钟后再试。"
        }
    }
}
