import Foundation
import Hummingbird
import HummingbirdAuth
import Inspection
import InspectionStore
import NIOCore

extension RouteCollection where Context == WebContext {
    /// Routes for signed-in accounts of `roles`: 401 without a session, 403 for other roles
    /// (hummingbird-auth's `AuthorizationPolicyMiddleware`); handlers get a non-optional user.
    func signedIn(_ roles: Role...) -> RouterGroup<SignedInContext> {
        group()
            .add(middleware: AuthorizationPolicyMiddleware(RolesPolicy(Set(roles)),
                                                           deniedError: WebError.forbidden("此页面或操作不属于您的角色（\(roles.map(Labels.role).joined(separator: "、"))可用）。"),
                                                           context: WebContext.self))
            .group(context: SignedInContext.self)
    }
}

extension RequestContext {
    /// A path parameter, percent-decoded (plan numbers are Chinese).
    func param(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}

extension Request {
    /// The body as `T`: JSON for `application/json`, otherwise a form (URL-encoded or multipart),
    /// read by the same rules (see `FormFields.jsonObject`).
    func input<T: Decodable>(_ type: T.Type, context: some RequestContext) async throws -> T {
        var request = self
        let buffer = try await request.collectBody(upTo: bodyLimit(context))
        return try Self.decode(T.self, body: buffer, contentType: headers[.contentType] ?? "")
    }

    /// A body as `T`, by its content type (what `input` does once the body is in).
    static func decode<T: Decodable>(_ type: T.Type, body buffer: ByteBuffer, contentType: String) throws -> T {
        do {
            if contentType.lowercased().hasPrefix("application/json") {
                return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
            }
            let object = try FormFields(body: buffer, contentType: contentType).jsonObject()
            return try JSONDecoder().decode(T.self, from: try JSONSerialization.data(withJSONObject: object))
        } catch let error as DecodingError {
            throw WebError.badInput(Self.describe(error))
        }
    }

    /// The body's form fields (for file uploads).
    func formFields(context: some RequestContext) async throws -> FormFields {
        var request = self
        let buffer = try await request.collectBody(upTo: bodyLimit(context))
        return try FormFields(body: buffer, contentType: headers[.contentType] ?? "")
    }

    /// The most bytes a body may have: a sign-in, which anyone may send, is small.
    func bodyLimit(_ context: some RequestContext) -> Int {
        CSRFMiddleware.isLogin(uri.path) ? FormFields.maxLoginBodyBytes : context.maxUploadSize
    }

    /// A query parameter as a GET form sends it (`+` for spaces, percent-encoded UTF-8).
    func query(_ name: String) -> String? {
        FormFields.urlEncoded(uri.query ?? "").first { $0.0 == name }?.1
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "缺少字段「\(key.stringValue)」"
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            "字段「\(c.codingPath.map(\.stringValue).joined(separator: "."))」的值不对"
        @unknown default: "内容无法识别"
        }
    }
}

extension String {
    /// For a path segment of a link: everything but the unreserved characters percent-encoded.
    var pathEncoded: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? self
    }

    /// Nil when only whitespace.
    var nonEmpty: String? {
        let t = trimmingWhitespace
        return t.isEmpty ? nil : t
    }
}

/// The URL of a plan's pages.
enum Paths {
    static func plan(_ number: String) -> String { "/plans/\(number.pathEncoded)" }
    static func enterprise(_ number: String, _ uscc: String) -> String { "/plans/\(number.pathEncoded)/enterprises/\(uscc)" }
    static func form(_ number: String, _ uscc: String) -> String { "/plans/\(number.pathEncoded)/forms/\(uscc)" }
    static func teams(_ number: String) -> String { "/plans/\(number.pathEncoded)/teams" }
    static func publicDraw(_ id: String) -> String { "/public/draws/\(id.pathEncoded)" }
}

/// Who may see and do what with a plan, beyond the role of the route.
enum PlanAccess {
    /// Coordinators and auditors see every plan; a clerk sees the plans its department is in,
    /// but not another department's draft.
    static func canSee(_ plan: JointPlan, _ user: WebUser) -> Bool {
        switch user.role {
        case .coordinator, .auditor: true
        case .clerk: plan.departments.contains(user.department) && (plan.state != .draft || plan.lead == user.department)
        case .inspector, .leader: false
        }
    }

    /// The plan, 404 when there is none, 403 when the user may not see it.
    static func plan(_ number: String, for user: WebUser, in db: AppDatabase) throws -> PlanRecord {
        guard let record = try db.planIfExists(number) else { throw WebError.notFound("计划 \(number)") }
        guard canSee(record.plan, user) else { throw WebError.forbidden("计划 \(number) 不涉及您的部门。") }
        return record
    }

    /// A department-scoped write (items, confirmation, results, follow-up, teams) for the user's own
    /// department: a body naming another department is refused with 403 before anything is written.
    static func department(_ named: String?, for user: WebUser, in plan: JointPlan) throws -> String {
        if let named = named?.nonEmpty, named != user.department {
            throw WebError.forbidden("只能为本部门（\(user.department)）操作，不能代 \(named) 提交或修改。")
        }
        guard plan.departments.contains(user.department) else {
            throw WebError.forbidden("您的部门（\(user.department)）不在计划 \(plan.number) 中。")
        }
        return user.department
    }
}
