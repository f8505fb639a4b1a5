import Foundation
public import Hummingbird
import HummingbirdAuth
public import Inspection
public import InspectionDocuments
public import InspectionStore
public import Logging
import NIOCore
import NIOPosix

/// What the controllers share: the environment, the templates, the login limit, and the one way to
/// reach the store.
///
/// The store's methods block, so handlers reach it only through `read` and `write`, which run them
/// on `DatabaseThreads`, never on the server's own threads.
struct WebServices: Sendable {
    let environment: WebEnvironment
    let renderer: Renderer
    let throttle: LoginThrottle
    let submissions: SubmissionThrottle
    let threads: DatabaseThreads
    private let imports = ImportGate()

    var clock: WebClock { environment.clock }

    init(_ environment: WebEnvironment) throws {
        self.environment = environment
        self.renderer = try Renderer()
        self.throttle = LoginThrottle(limit: environment.loginLimit, clock: environment.clock)
        self.submissions = SubmissionThrottle(limit: environment.submissionLimit, clock: environment.clock)
        self.threads = DatabaseThreads(database: environment.database, writeTimeout: environment.writeTimeout)
    }

    /// Runs `body` (reads only) off the event loops and the cooperative pool, its reads in one
    /// transaction (`AppDatabase.reading`): a page is one snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        try await threads.read { db in try db.reading(body) }
    }

    /// Runs `body` (a write, and the reads that check it) one at a time, off the server's threads;
    /// `StoreError.busy` when it could not start within the write timeout.
    func write<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) throws -> T) async throws -> T {
        try await threads.write(body)
    }

    /// Runs an import of an uploaded table (reading the file, then writing its rows) when no other is
    /// running, else throws `WebError.importBusy` (503 + Retry-After).
    /// NB: reading a file holds up to the import limits in memory (a sheet of 128 MiB inflated keeps
    /// about 200 MB of rows); one at a time keeps the server's memory bounded whatever is uploaded.
    func importing<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard await imports.enter() else { throw WebError.importBusy }
        do {
            let value = try await body()
            await imports.leave()
            return value
        } catch {
            await imports.leave()
            throw error
        }
    }

    /// The account a session stands for, if it is still active.
    func user(for session: WebSession) async throws -> WebUser? {
        try await read { db in
            guard let (account, _) = try db.account(named: session.account) else { return nil }
            let name = try db.departments().first { $0.code == account.department }?.name ?? account.department
            return WebUser(account: account, csrf: session.csrf, departmentName: name)
        }
    }
}

/// Whether an import is running (see `WebServices.importing`).
actor ImportGate {
    private var busy = false

    func enter() -> Bool {
        if busy { return false }
        busy = true
        return true
    }

    func leave() { busy = false }
}

/// The router with every page, its JSON twin under `/api/`, and the middleware in front of them:
/// sessions, authentication, error pages, CSRF.
public func buildRouter(_ environment: WebEnvironment) throws -> Router<WebContext> {
    let services = try WebServices(environment)
    let sessions = environment.sessionStorage
        ?? DatabasePersistDriver(threads: services.threads, clock: environment.clock, limits: environment.sessionLimits)
    let router = Router(context: WebContext.self)
    // NB: router middleware wraps only the routes added after it; add it all first.
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: LastResortMiddleware())
    router.add(middleware: SessionMiddleware<WebContext>(
        storage: sessions,
        configuration: SessionMiddlewareConfiguration(
            sessionCookieParameters: SessionCookieParameters(name: "liancha_session", path: "/", secure: environment.secureCookies,
                                                             sameSite: .lax),
            keyPrefix: "liancha.session.",
            defaultSessionExpiration: .seconds(Int64(environment.sessionLimits.lifetime)))))
    router.add(middleware: SessionAuthenticator(context: WebContext.self) { (session: WebSession, _) in try await services.user(for: session) })
    router.add(middleware: ErrorPageMiddleware(renderer: services.renderer))
    router.add(middleware: CSRFMiddleware())

    router.get("/static/app.css") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }
    router.get("/static/visit.js") { _, _ in
        Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
                 body: .init(byteBuffer: ByteBuffer(string: Templates.visitScript)))
    }
    let collections = [
        AuthController(services: services).routes(),
        PublicController(services: services).routes(),
        PlanController(services: services).routes(),
        DepartmentController(services: services).routes(),
        ResultsController(services: services).routes(),
        DownloadController(services: services).routes(),
        DirectoryController(services: services).routes(),
        AuditController(services: services).routes(),
        AccountsController(services: services).routes(),
        VisitController(services: services).routes(),
    ]
    for collection in collections {
        router.addRoutes(collection, atPath: "/")
        router.addRoutes(collection, atPath: "/api")
    }
    return router
}

/// The whole application on `host:port`.
public func buildApplication(_ environment: WebEnvironment, host: String = "127.0.0.1", port: Int = 8080,
                             logger: Logger? = nil, connections: ConnectionLimits = ConnectionLimits()) throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "liancha.web")
    if logger.logLevel > .info { logger.logLevel = .info }
    var app = Application(
        router: try buildRouter(environment),
        server: .guardedHTTP1(connections),
        configuration: .init(address: .hostname(host, port: port), serverName: "liancha"),
        logger: logger)
    // NB: the database driver has no background work; a memory store tidies itself as a service.
    if let sessions = environment.sessionStorage { app.addServices(sessions) }
    return app
}

/// `liancha serve`: opens the database and serves the web application until interrupted.
public func runServer(databasePath: String, host: String, port: Int, secureCookies: Bool = false,
                      sessionLimits: SessionLimits = SessionLimits(), publicURL: String? = nil, writeTimeout: Double = 2,
                      maxImportRows: Int = ReadLimits.web.maxRows, connections: ConnectionLimits = ConnectionLimits(),
                      visitYearlyCap: @escaping @Sendable (VisitSource, AppDatabase) throws -> Int? = { _, _ in nil }) async throws {
    let database = try AppDatabase.openExisting(databasePath, busyTimeout: writeTimeout)
    var importLimits = ReadLimits.web
    importLimits.maxRows = maxImportRows
    let environment = WebEnvironment(database: database, sessionLimits: sessionLimits, secureCookies: secureCookies,
                                     publicURL: publicURL ?? "http://\(host):\(port)", writeTimeout: writeTimeout, importLimits: importLimits,
                                     visitYearlyCap: visitYearlyCap)
    let app = try buildApplication(environment, host: host, port: port, connections: connections)
    app.logger.notice("liancha: serving \(PostgresLocation(url: databasePath)?.redacted ?? databasePath) on http://\(host):\(port)/ (Ctrl-C stops)")
    try await app.runService()
}

/// Renders every error thrown below it as the error page (or JSON under `/api/`), keeping its status.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let renderer: Renderer

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let shown = ShownError(error)
            if shown.status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path): \(String(reflecting: error))")
            }
            var response: Response
            if request.isAPI {
                response = try ErrorBody(status: Int(shown.status.code), message: shown.message, details: shown.details).json(status: shown.status)
            } else {
                response = renderer.errorPage(shown, request: request, user: context.identity)
            }
            if let seconds = shown.retryAfter { response.headers[.retryAfter] = String(seconds) }
            return response
        }
    }
}

/// Catches what escapes everything else (the session store failing): a plain 500, never details.
struct LastResortMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error("\(request.method) \(request.uri.path): \(String(reflecting: error))")
            return Response(status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: "服务器内部错误 (500)")))
        }
    }
}
