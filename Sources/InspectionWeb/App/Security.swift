import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import Inspection
import NIOCore

/// A route open to any of `roles` (hummingbird-auth's `RolePolicy`, for several roles at once).
struct RolesPolicy: AuthorizationPolicy {
    let roles: Set<Role>

    init(_ roles: Role...) { self.roles = Set(roles) }
    init(_ roles: Set<Role>) { self.roles = roles }

    func isAuthorized(identity: WebUser, request: Request) async throws -> Bool {
        !identity.roles.isDisjoint(with: roles)
    }
}

/// Puts the browser's protections on every response, pages, JSON, files and errors alike: a
/// Content-Security-Policy that admits only the application's own stylesheet, scripts and forms
/// (the pages carry no inline script and no inline style; the one script, the check-in page's
/// location, is `/static/visit.js`), no framing, no MIME sniffing, and no referrer sent to
/// other sites.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let headers: [(HTTPField.Name, String)] = [
        (HTTPField.Name("Content-Security-Policy")!,
         "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
        (HTTPField.Name("X-Frame-Options")!, "DENY"),
        (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPField.Name("Referrer-Policy")!, "same-origin"),
    ]

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        for (name, value) in Self.headers { response.headers[name] = value }
        return response
    }
}

/// Checks the CSRF token of every POST: the session's token, sent in the form's hidden `_csrf`
/// field or (scripts) the `X-CSRF-Token` header. Before sign-in, the login form carries a token
/// that must equal its cookie (double submit). Anonymous POSTs elsewhere pass on to be refused
/// by their route's role check (401).
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = WebContext

    static let field = "_csrf"
    static let header = HTTPField.Name("X-CSRF-Token")!
    static let loginCookie = "liancha_login_csrf"

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        let expected: String
        if let user = context.identity {
            expected = user.csrf
        } else if Self.isLogin(request.uri.path) {
            expected = request.cookies[Self.loginCookie]?.value ?? ""
        } else {
            return try await next(request, context)
        }
        var request = request
        let provided: String
        if let header = request.headers[Self.header] {
            provided = header
        } else {
            let body = try await request.collectBody(upTo: request.bodyLimit(context))
            provided = try FormFields.token(named: Self.field, in: body, contentType: request.headers[.contentType] ?? "") ?? ""
        }
        guard !expected.isEmpty, Self.constantTimeEqual(provided, expected) else { throw WebError.csrfRejected }
        return try await next(request, context)
    }

    static func isLogin(_ path: String) -> Bool { path == "/login" || path == "/api/login" }

    /// A new random token: 32 bytes, URL-safe base64.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}

/// Failed logins per account and address within a sliding window; more than the limit → 429.
actor LoginThrottle {
    private let clock: WebClock
    private var failures: RecentEvents

    init(limit: LoginLimit, clock: WebClock) {
        self.clock = clock
        self.failures = RecentEvents(window: limit.window, maxPerKey: limit.maxFailures)
    }

    /// The typed name counts by its first `Bounds.code` characters (no account name is longer), so a long
    /// made-up name costs no more memory than a real one.
    private func key(_ account: String, _ address: String) -> String { "\(account.prefix(Bounds.code))\u{1F}\(address)" }

    /// Seconds to wait before the next attempt, or nil when one may try now.
    func wait(account: String, address: String) -> Int? {
        failures.wait(key(account, address), now: clock.now())
    }

    func recordFailure(account: String, address: String) {
        failures.record(key(account, address), now: clock.now())
    }

    func recordSuccess(account: String, address: String) {
        failures.remove(key(account, address))
    }
}

/// Submissions of the public forms per address within a sliding window; one too many → 429.
actor SubmissionThrottle {
    private let clock: WebClock
    private var submissions: RecentEvents

    init(limit: SubmissionLimit, clock: WebClock) {
        self.clock = clock
        self.submissions = RecentEvents(window: limit.window, maxPerKey: limit.maxSubmissions)
    }

    /// Counts a submission from `address`, or, when it is one too many, counts nothing and returns the
    /// seconds to wait.
    func admit(_ address: String) -> Int? {
        let now = clock.now()
        if let wait = submissions.wait(address, now: now) { return wait }
        submissions.record(address, now: now)
        return nil
    }
}

/// bcrypt, as `liancha user add` and the login use it.
public enum Passwords {
    /// A bcrypt hash of `password` (cost 12 by default; tests use less).
    public static func hash(_ password: String, cost: UInt8 = 12) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// What a new password must be: `PasswordPolicy`.
    public static func problem(with password: String, account: String = "") -> String? {
        PasswordPolicy.problem(with: password, account: account)
    }
}
