import Foundation
public import Hummingbird
public import HummingbirdAuth
public import Inspection
import NIOCore

/// What the session cookie stands for: who signed in, the CSRF token of every form of the
/// session, and a one-time notice for the next page.
public struct WebSession: Codable, Sendable {
    public var account: String
    public var csrf: String
    public var flash: String?
}

/// The signed-in account, as handlers see it.
public struct WebUser: Sendable, RoleProviding {
    public var account: Account
    /// The session's CSRF token, for the forms of the pages it renders.
    public var csrf: String
    public var departmentName: String

    public var roles: Set<Role> { [account.role] }
    public var name: String { account.name }
    public var role: Role { account.role }
    public var department: String { account.department }

    /// Coordinators act for the lead department as its clerk does (their items, confirmation, results).
    public var actsForDepartment: Bool { role == .clerk || role == .coordinator }
}

/// The request context of every route: the session, the identity once authenticated, and the
/// client's address for the login limit.
public struct WebContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: WebUser?
    public let sessions: SessionContext<WebSession>
    public let remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.sessions = .init()
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    /// Imports upload whole directories: allow 32 MiB.
    public var maxUploadSize: Int { 32 * 1024 * 1024 }
}

/// The context of routes that need a signed-in account: its `init` requires the identity, so
/// handlers never see an optional user (401 otherwise).
public struct SignedInContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let user: WebUser
    public let sessions: SessionContext<WebSession>
    /// The client's address, for the audit log.
    public let remoteAddress: String

    public init(context: WebContext) throws {
        self.coreContext = context.coreContext
        self.user = try context.requireIdentity()
        self.sessions = context.sessions
        self.remoteAddress = context.remoteAddress
    }

    public var maxUploadSize: Int { 32 * 1024 * 1024 }
}

/// Where the one-time notice and the identity are read from, for pages of either context.
protocol PageContext: RequestContext {
    var viewer: WebUser? { get }
    var sessions: SessionContext<WebSession> { get }
}

extension WebContext: PageContext {
    var viewer: WebUser? { identity }
}

extension SignedInContext: PageContext {
    var viewer: WebUser? { user }
}

extension PageContext {
    /// The notice left by the previous action, shown once.
    func takeFlash() -> String? {
        sessions.withLockedSession { data -> String? in
            guard let flash = data?.flash ?? nil else { return nil }
            data?.flash = nil
            return flash
        }
    }

    func setFlash(_ text: String) {
        sessions.withLockedSession { data in data?.flash = text }
    }
}
