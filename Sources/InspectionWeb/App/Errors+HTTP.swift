import Foundation
public import HTTPTypes
public import Hummingbird
public import Inspection
public import InspectionDocuments
public import InspectionStore

// The one place where what the domain and the store refuse becomes an HTTP status and a message
// in Chinese (STYLE 4). Pages render these on the error page with the same status; the JSON API
// answers `{"error": {"status": 409, "message": "…", "details": […]}}`. Never a stack trace or SQL.

/// An error the web application can show: its status, a message, and detail lines.
public protocol WebFacingError: HTTPResponseError {
    /// What went wrong and what to do, in Chinese.
    var message: String { get }
    /// Lines that say more (each bad row of an import, each excluded inspector).
    var details: [String] { get }
    /// Seconds after which trying again may succeed (the `Retry-After` header), if any.
    var retryAfter: Int? { get }
}

extension WebFacingError {
    public var details: [String] { [] }
    public var retryAfter: Int? { nil }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try ErrorBody(status: Int(status.code), message: message, details: details).json(status: status)
        if let seconds = retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }
}

/// The JSON form of an error.
struct ErrorBody: Encodable {
    struct Content: Encodable {
        var status: Int
        var message: String
        var details: [String]
    }

    var error: Content

    init(status: Int, message: String, details: [String]) {
        error = Content(status: status, message: message, details: details)
    }

    func json(status: HTTPResponse.Status) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// What the web layer itself refuses.
enum WebError: WebFacingError, Equatable {
    case notFound(String)
    case forbidden(String)
    case csrfRejected
    case badInput(String)
    /// A body, a form or a field over its limit (413).
    case tooLarge(String)
    case tooManyLogins(retryAfter: Int)
    case wrongPassword
    /// Another upload is being imported (503).
    case importBusy

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .forbidden, .csrfRejected: .forbidden
        case .badInput: .unprocessableContent
        case .tooLarge: .contentTooLarge
        case .tooManyLogins: .tooManyRequests
        case .wrongPassword: .unauthorized
        case .importBusy: .serviceUnavailable
        }
    }

    public var message: String {
        switch self {
        case .notFound(let what): "找不到\(what)。"
        case .forbidden(let why): "无权操作：\(why)"
        case .csrfRejected: "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重新提交。"
        case .badInput(let why): "提交的内容有误：\(why)"
        case .tooLarge(let why): "提交的内容过大：\(why)"
        case .tooManyLogins(let seconds): "登录失败次数过多，请 \(max(1, seconds / 60)) 分钟后再试。"
        case .wrongPassword: "用户名或密码不正确。"
        case .importBusy: "另一个文件正在导入，请稍后再试。"
        }
    }

    var retryAfter: Int? {
        switch self {
        case .tooManyLogins(let seconds): seconds
        case .importBusy: 5
        default: nil
        }
    }
}

extension PlanError: WebFacingError {
    public var status: HTTPResponse.Status {
        switch self {
        case .unknownPlan: .notFound
        case .wrongState: .conflict
        case .notAPartner: .forbidden
        case .resultsMissing, .followUpMissing: .conflict
        case .invalid(let text) where text.hasPrefix("waiting for confirmation"): .conflict
        default: .unprocessableContent
        }
    }

    public var message: String {
        switch self {
        case .unknownPlan(let number): "没有计划 \(number)。"
        case .wrongState(let plan, let state, let action):
            "计划 \(plan) 当前为「\(Labels.state(state))」，现在不能\(Labels.action(action))。下一步：\(Labels.nextStep(state))。"
        case .notAPartner(let plan, let d): "部门 \(d) 不在计划 \(plan) 中。"
        case .itemNotInList(let d, let code): "\(code) 不是 \(d) 本部门抽查事项清单中的事项。"
        case .itemNotInPlan(let d, let code): "本计划中 \(d) 没有事项 \(code)。"
        case .noItems(let plan): "计划 \(plan) 还没有任何检查事项，请各部门先提交事项。"
        case .noCandidates(let plan): "名录库中没有属于计划 \(plan) 抽查范围的企业。"
        case .notDispatched(let uscc, let d): "企业 \(uscc) 未派发给 \(d)（或已被退回）。"
        case .notDrawn(let uscc): "企业 \(uscc) 不是本计划抽中的企业。"
        case .notOnTeam(let cert, let uscc): "\(cert) 不在企业 \(uscc) 的检查组中。"
        case .noReplacement(let uscc, let d): "\(d) 已没有可替换的执法人员来检查 \(uscc)：所有符合条件的人员都已抽中或替换过。"
        case .resultsMissing(let n, let example): "还有 \(n) 项检查结果未录入，例如 \(example)。"
        case .followUpMissing(let n, let example): "还有 \(n) 项问题未录入后续处置，例如 \(example)。"
        case .tooLong(let field, let limit): "\(Labels.field(field))超过 \(limit) 个字，请精简后再提交。"
        case .dateOutOfRange(let field, let date, let earliest, let latest):
            "\(Labels.field(field)) \(date) 不在合理范围内："
                + [earliest.map { "不得早于 \($0)" }, latest.map { "不得晚于 \($0)" }].compactMap { $0 }.joined(separator: "，") + "。"
        case .invalid(let text): Labels.invalid(text)
        }
    }

    public var details: [String] { [description] }
}

extension StoreError: WebFacingError {
    public var status: HTTPResponse.Status {
        switch self {
        case .header, .invalidRows, .unknownDepartment, .emptyCalendar, .reasonRequired, .supersedesOtherScope,
             .notDrawn, .notSealed:
            .unprocessableContent
        case .alreadyDrawn, .alreadySuperseded, .alreadyRevealed, .checkRecorded: .conflict
        case .otherDepartmentRows, .sharedTable, .accountNotManaged: .forbidden
        case .unknownDraw: .notFound
        case .busy: .serviceUnavailable
        case .diskFull: .init(code: 507, reasonPhrase: "Insufficient Storage")
        case .missingDatabase, .outdatedDatabase, .unreadableDatabase, .refused, .schemaMismatch, .noSchema, .targetNotEmpty, .notPostgres,
             .unknownRole, .notGranted:
            .internalServerError
        case .unreachableDatabase, .loginRefused, .noServerDatabase: .serviceUnavailable
        }
    }

    public var message: String {
        switch self {
        case .header(let problem): "表头不符合要求：\(problem)。"
        case .invalidRows(_, let total, let rows): "文件中 \(rows) 行共有 \(total) 处错误，未导入任何数据。"
        case .unknownDepartment(let code): "未知部门「\(code)」。"
        case .otherDepartmentRows(let own, let rows, let total):
            "只能导入本部门（\(own)）的数据；"
                + rows.prefix(10).map { "第 \($0.row) 行属于\($0.department)" }.joined(separator: "，")
                + (total > min(rows.count, 10) ? "，另有 \(total - min(rows.count, 10)) 行属于其他部门" : "") + "。未导入任何数据。"
        case .accountNotManaged(let name, _): "无权管理账号「\(name)」：部门管理员只能管理本部门的执法检查人员账号。"
        case .sharedTable(let noun, _):
            noun == "enterprises" ? "企业名录由牵头部门导入；部门管理员可导入本部门的执法人员和抽查事项。" : "该表由牵头部门导入。"
        case .busy: "数据库正忙（另一项写入正在进行），请稍后重试。"
        case .diskFull: "磁盘已满，未写入任何数据。"
        case .unknownDraw(let id): "找不到抽取记录 \(id)。"
        case .alreadyDrawn(let id, _, _): "该范围已经抽取过（\(id)），不能重复抽取。"
        case .refused: "数据库拒绝了这次写入，未写入任何数据。请联系管理员。"
        case .notGranted: "数据库权限不允许这次修改，未写入任何数据。请联系管理员。"
        case .unreachableDatabase, .loginRefused, .noServerDatabase: "暂时无法连接数据库，请稍后重试或联系管理员。"
        default: "无法完成操作：\(description)"
        }
    }

    public var retryAfter: Int? {
        if case .busy = self { 2 } else { nil }
    }

    public var details: [String] {
        switch self {
        case .invalidRows(let problems, let total, _):
            problems.map(Labels.problem) + (total > problems.count ? ["…… 另有 \(total - problems.count) 处错误"] : [])
        case .otherDepartmentRows(_, let rows, _): rows.map { "第 \($0.row) 行：属于\($0.department)" }
        case .refused, .notGranted, .missingDatabase, .outdatedDatabase, .unreadableDatabase, .sharedTable: []
        default: [description]
        }
    }
}

extension TeamShortage: WebFacingError {
    public var status: HTTPResponse.Status { .conflict }

    public var message: String {
        "无法组成检查组，未匹配任何人员：\(department) 检查企业 \(uscc) 需要 \(needed) 名符合条件的执法人员，只有 \(eligible.count) 名。"
    }

    public var details: [String] { excluded.map { "\($0.id)：\($0.reason)" } }
}

extension FieldProblem: WebFacingError {
    public var status: HTTPResponse.Status { .unprocessableContent }
    public var message: String { Labels.problem(self) }
}

extension DocumentError: WebFacingError {
    public var status: HTTPResponse.Status {
        switch self {
        case .cannotWriteXLSX: .internalServerError
        default: .unprocessableContent
        }
    }

    public var message: String { description }
}

extension DocxError: WebFacingError {
    public var status: HTTPResponse.Status { .internalServerError }
    public var message: String { description }
}

extension CalendarError: WebFacingError {
    public var status: HTTPResponse.Status { .unprocessableContent }

    public var message: String {
        switch self {
        case .yearNotLoaded(let year): "工作日历缺少 \(year) 年的数据：请先导入国务院办公厅 \(year) 年节假日安排（liancha calendar import）。"
        case .negativeCount(let n): "工作日数不能为负数（\(n)）。"
        }
    }
}

extension Ratio.Problem: WebFacingError {
    public var status: HTTPResponse.Status { .unprocessableContent }
    public var message: String { "比例写法不对：\(description)" }
}

extension USCC.Problem: WebFacingError {
    public var status: HTTPResponse.Status { .unprocessableContent }
    public var message: String { "统一社会信用代码有误：\(description)" }
}

extension VisitError: WebFacingError {
    public var status: HTTPResponse.Status {
        switch self {
        case .unknownVisit, .unknownCode: .notFound
        case .notOnVisit, .notLeader: .forbidden
        case .notApproved, .alreadyDecided, .refusedVisit, .notCheckedIn, .alreadyCheckedIn, .alreadyCheckedOut, .alreadyEvaluated,
             .notYetVisited, .alreadyRecorded, .capReached:
            .conflict
        case .tooLate, .reasonRequired, .invalid: .unprocessableContent
        }
    }

    public var message: String {
        switch self {
        case .unknownVisit(let id): "没有检查报备 \(id)。"
        case .unknownCode: "检查码无效：没有与之对应的已批准检查。请核对通知书上的检查码。"
        case .notApproved(let id): "\(id) 尚未批准：检查码在负责人批准后生成，批准前不能入企。"
        case .alreadyDecided(let id): "\(id) 已审批过。"
        case .refusedVisit(let id): "\(id) 未获批准，不得实施检查。"
        case .notCheckedIn(let id): "\(id) 尚未入企扫码。"
        case .alreadyCheckedIn(let id): "\(id) 已入企扫码。"
        case .alreadyCheckedOut(let id): "\(id) 已离企。"
        case .notOnVisit(let cert, let id): "\(cert) 不是 \(id) 的检查人员。"
        case .notLeader(_, let d): "只有报备部门（\(d)）的负责人可以审批。"
        case .capReached(let uscc, let d, let count, let cap): "\(d) 今年已检查 \(uscc) \(count) 次，达到年度上限 \(cap) 次：如确需检查，请注明豁免事由。"
        case .tooLate(let days): "网络故障补录须在 \(VisitRules.lateEntryDays) 个自然日内，本次已过 \(days) 日。"
        case .reasonRequired(let what): "请填写理由（\(what)）。"
        case .alreadyEvaluated: "本次检查已评价过，每次检查只能评价一次。"
        case .notYetVisited: "检查尚未开始（检查人员尚未入企扫码），检查后再评价。"
        case .alreadyRecorded(let id): "\(id) 的检查结果已上传。"
        case .invalid(let text): Labels.invalid(text)
        }
    }

    public var details: [String] { [description] }
}

/// The error as the user sees it: any error becomes a status, a message and details; unknown
/// errors become a plain 500 whose cause goes to the log only.
struct ShownError {
    var status: HTTPResponse.Status
    public var message: String
    public var details: [String]
    var retryAfter: Int?

    init(_ error: any Error) {
        switch error {
        case let e as any WebFacingError:
            self.init(status: e.status, message: e.message, details: e.details)
            retryAfter = e.retryAfter
        case let e as HTTPError:
            self.init(status: e.status, message: Labels.httpStatus(e.status), details: [])
        case let e as any HTTPResponseError:
            self.init(status: e.status, message: Labels.httpStatus(e.status), details: [])
        default:
            self.init(status: .internalServerError, message: "服务器内部错误，操作未完成。请联系管理员查看服务器日志。", details: [])
        }
    }

    init(status: HTTPResponse.Status, message: String, details: [String], retryAfter: Int? = nil) {
        self.retryAfter = retryAfter
        self.status = status
        self.message = message
        self.details = details
    }
}
