import Foundation
import Hummingbird
import Inspection
import InspectionStore
import NIOPosix

/// 账号管理: the coordinator creates accounts for any department, resets passwords and disables
/// accounts; a clerk does the same for its own department's inspectors. The store decides, on the
/// stored account, who may manage whom (`Account.mayManage`).
struct AccountsController {
    let services: WebServices

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        let managers = routes.signedIn(.coordinator, .clerk)
        managers.get("accounts", use: list)
        managers.post("accounts", use: create)
        managers.post("accounts/password", use: resetPassword)
        managers.post("accounts/disable", use: disable)
        managers.post("accounts/enable", use: enable)
        return routes
    }

    struct ListModel: Encodable {
        struct Row: Encodable {
            var name: String; var role: String; var department: String; var certificate: String?; var active: Bool
        }
        struct Option: Encodable { var value: String; var label: String }
        var rows: [Row]
        var departments: [Option]
        var roles: [Option]
        var coordinator: Bool
    }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let (departments, rows) = try await services.read { db in
            let departments = try db.departments()
            let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.code, $0.name) })
            return (departments, try db.accountStates().filter { user.account.mayManage($0.account) }.map {
                ListModel.Row(name: $0.account.name, role: Labels.role($0.account.role), department: names[$0.account.department] ?? $0.account.department,
                              certificate: $0.account.certificate, active: $0.active)
            })
        }
        let coordinator = user.role == .coordinator
        let model = ListModel(
            rows: rows,
            departments: departments.filter { coordinator || $0.code == user.department }.map { .init(value: $0.code, label: $0.name) },
            roles: Role.allCases.filter { coordinator || $0 == .inspector }.map { .init(value: $0.rawValue, label: Labels.role($0)) },
            coordinator: coordinator)
        return try services.renderer.page("accounts", title: "账号管理", model, request: request, context: context)
    }

    struct CreateInput: Decodable {
        var name: String
        var department: String?
        var role: String
        var certificate: String?
        var password: String
    }

    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(CreateInput.self, context: context)
        let user = context.user
        let name = input.name.trimmingWhitespace
        guard !name.isEmpty, name.count <= 64 else { throw WebError.badInput("账号名不能为空，且不超过 64 个字符。") }
        guard let role = Role(rawValue: input.role) else { throw WebError.badInput("未知角色「\(input.role)」。") }
        let account = Account(name: name, department: input.department?.nonEmpty ?? user.department, role: role,
                              certificate: input.certificate?.trimmingWhitespace.nonEmpty)
        let hash = try await hashed(input.password, account: name)
        let actor = services.clock.actor(user.name)
        try await services.write { db in try db.addAccount(account, passwordHash: hash, actor: actor, managedBy: user.account) }
        return try services.renderer.done("已创建账号 \(name)。", location: "/accounts", request: request, context: context)
    }

    struct PasswordInput: Decodable {
        var name: String
        var password: String
    }

    @Sendable func resetPassword(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(PasswordInput.self, context: context)
        let hash = try await hashed(input.password, account: input.name)
        let actor = services.clock.actor(context.user.name), manager = context.user.account
        try await services.write { db in try db.setPassword(of: input.name, passwordHash: hash, actor: actor, managedBy: manager) }
        return try services.renderer.done("已重置 \(input.name) 的密码，其登录会话已全部结束。", location: "/accounts", request: request, context: context)
    }

    struct NameInput: Decodable { var name: String }

    @Sendable func disable(_ request: Request, context: SignedInContext) async throws -> Response {
        try await setActive(false, request, context)
    }

    @Sendable func enable(_ request: Request, context: SignedInContext) async throws -> Response {
        try await setActive(true, request, context)
    }

    private func setActive(_ active: Bool, _ request: Request, _ context: SignedInContext) async throws -> Response {
        let input = try await request.input(NameInput.self, context: context)
        if input.name == context.user.name { throw WebError.badInput("不能停用自己的账号。") }
        let actor = services.clock.actor(context.user.name), manager = context.user.account
        try await services.write { db in try db.setAccountActive(input.name, active: active, actor: actor, managedBy: manager) }
        return try services.renderer.done(active ? "已启用 \(input.name)。" : "已停用 \(input.name)，其登录会话已全部结束。", location: "/accounts",
                                          request: request, context: context)
    }

    /// The bcrypt hash of a new password that meets `PasswordPolicy`.
    private func hashed(_ password: String, account: String) async throws -> String {
        if let problem = Passwords.problem(with: password, account: account) { throw WebError.badInput(problem) }
        let cost = services.environment.passwordCost
        return try await NIOThreadPool.singleton.runIfActive { Passwords.hash(password, cost: cost) }
    }
}
