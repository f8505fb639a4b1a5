import Foundation
import Hummingbird
import HummingbirdAuth
import Inspection
import InspectionStore
import NIOPosix

/// Signing in and out, the home redirect, and one's own account.
struct AuthController {
    let services: WebServices

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        routes.get("", use: home)
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        let everyone = routes.signedIn(.coordinator, .clerk, .inspector, .auditor, .leader)
        everyone.post("logout", use: logout)
        everyone.get("account", use: account)
        everyone.post("account/password", use: changePassword)
        return routes
    }

    struct LoginContent: Encodable {
        var csrf: String
        var name: String
        var error: String?
    }

    struct LoginInput: Decodable {
        var name: String
        var password: String
    }

    struct AccountContent: Encodable {
        var name: String
        var roleLabel: String
        var department: String
        var departmentName: String
        var certificate: String?
        var csrf: String
    }

    struct PasswordInput: Decodable {
        var current: String
        var new: String
        var confirm: String?
    }

    static func home(for user: WebUser?) -> String {
        switch user?.role {
        case nil: "/login"
        case .inspector?: "/my/forms"
        case .leader?: "/visits"
        default: "/plans"
        }
    }

    @Sendable func home(_ request: Request, context: WebContext) async throws -> Response {
        Renderer.redirect(to: (request.isAPI ? "/api" : "") + Self.home(for: context.identity))
    }

    @Sendable func loginPage(_ request: Request, context: WebContext) async throws -> Response {
        if context.identity != nil, !request.isAPI { return Renderer.redirect(to: Self.home(for: context.identity)) }
        let token = request.cookies[CSRFMiddleware.loginCookie]?.value ?? CSRFMiddleware.newToken()
        var response = try services.renderer.page("login", title: "登录", LoginContent(csrf: token, name: "", error: nil),
                                                  request: request, context: context)
        response.setCookie(Cookie(name: CSRFMiddleware.loginCookie, value: token, path: "/", secure: services.environment.secureCookies,
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func login(_ request: Request, context: WebContext) async throws -> Response {
        let input = try await request.input(LoginInput.self, context: context)
        let name = input.name.trimmingWhitespace
        if let wait = await services.throttle.wait(account: name, address: context.remoteAddress) {
            throw WebError.tooManyLogins(retryAfter: wait)
        }
        let stored = try await services.read { db in try db.account(named: name) }
        let password = input.password
        // NB: an unknown name costs a bcrypt check too, so timing does not tell which names exist.
        let hash = stored?.passwordHash ?? Self.decoyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Passwords.verify(password, hash: hash) }
        guard let stored, matches else {
            await services.throttle.recordFailure(account: name, address: context.remoteAddress)
            let (address, actor) = (context.remoteAddress, services.clock.actor(String(name.prefix(64))))
            try await services.write { db in try db.recordSession(.failedSignIn, account: name, address: address, actor: actor) }
            if request.isAPI { throw WebError.wrongPassword }
            let token = request.cookies[CSRFMiddleware.loginCookie]?.value ?? ""
            return try services.renderer.page("login", title: "登录", LoginContent(csrf: token, name: name, error: WebError.wrongPassword.message),
                                              request: request, context: context, status: .unauthorized)
        }
        await services.throttle.recordSuccess(account: name, address: context.remoteAddress)
        let (address, actor) = (context.remoteAddress, services.clock.actor(name))
        try await services.write { db in try db.recordSession(.signIn, account: name, address: address, actor: actor) }
        let session = WebSession(account: stored.account.name, csrf: CSRFMiddleware.newToken(), flash: nil)
        context.sessions.createSession(session)
        let location = Self.home(for: WebUser(account: stored.account, csrf: session.csrf, departmentName: ""))
        if request.isAPI {
            return try Renderer.json(ActionResult(message: "已登录", location: location, data: ["csrf": session.csrf]))
        }
        return Renderer.redirect(to: location)
    }

    /// A bcrypt hash of a random password nobody knows (cost 12, like real ones), made once.
    static let decoyHash = Passwords.hash(CSRFMiddleware.newToken())

    @Sendable func logout(_ request: Request, context: SignedInContext) async throws -> Response {
        context.sessions.clearSession()
        let name = context.user.name
        let (address, actor) = (context.remoteAddress, services.clock.actor(name))
        try await services.write { db in try db.recordSession(.signOut, account: name, address: address, actor: actor) }
        if request.isAPI { return try Renderer.json(ActionResult<String>(message: "已退出", location: "/login", data: nil)) }
        return Renderer.redirect(to: "/login")
    }

    @Sendable func account(_ request: Request, context: SignedInContext) async throws -> Response {
        let u = context.user
        return try services.renderer.page("account", title: "我的账号", AccountContent(
            name: u.name, roleLabel: Labels.role(u.role), department: u.department, departmentName: u.departmentName,
            certificate: u.account.certificate, csrf: u.csrf), request: request, context: context)
    }

    @Sendable func changePassword(_ request: Request, context: SignedInContext) async throws -> Response {
        let input = try await request.input(PasswordInput.self, context: context)
        let user = context.user
        let account = user.name
        guard let stored = try await services.read({ db in try db.account(named: account) }) else { throw WebError.notFound("账号") }
        let current = input.current
        guard try await NIOThreadPool.singleton.runIfActive({ Passwords.verify(current, hash: stored.passwordHash) }) else {
            throw WebError.forbidden("当前密码不正确。")
        }
        if let confirm = input.confirm, confirm != input.new { throw WebError.badInput("两次输入的新密码不一致。") }
        if let problem = Passwords.problem(with: input.new, account: user.name) { throw WebError.badInput(problem) }
        let (new, cost) = (input.new, services.environment.passwordCost)
        let hash = try await NIOThreadPool.singleton.runIfActive { Passwords.hash(new, cost: cost) }
        // NB: this ends every session of the account, this one included: sign in again with the new password.
        let actor = services.clock.actor(user.name)
        try await services.write { db in try db.setPassword(of: account, passwordHash: hash, actor: actor) }
        context.sessions.clearSession()
        return try services.renderer.done("密码已修改，请用新密码重新登录。", location: "/login", request: request, context: context)
    }
}
