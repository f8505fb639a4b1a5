import Foundation
import HTTPTypes
import Hummingbird
import Inspection
import Mustache
import NIOCore

/// The frame around every page: title, who is signed in, the menu for their role, the CSRF token
/// for the page's forms, and the notice left by the previous action.
struct Chrome: Encodable {
    struct Link: Encodable {
        var href: String
        var label: String
        var current: Bool
    }

    var title: String
    var signedIn: Bool
    var userName: String
    var roleLabel: String
    var departmentName: String
    var nav: [Link]
    var csrf: String
    var flash: String?

    init(title: String, user: WebUser?, path: String, flash: String?) {
        self.title = title
        self.signedIn = user != nil
        self.userName = user?.name ?? ""
        self.roleLabel = user.map { Labels.role($0.role) } ?? ""
        self.departmentName = user?.departmentName ?? ""
        self.csrf = user?.csrf ?? ""
        self.flash = flash
        let links: [(String, String)]
        switch user?.role {
        case nil: links = [("/public/results", "结果公示"), ("/public/plans", "年度计划"), ("/public/draws", "抽取核验"), ("/login", "登录")]
        case .coordinator?:
            links = [("/plans", "抽查计划"), ("/plans/new", "新建计划"), ("/directory/enterprises", "企业名录"),
                     ("/directory/inspectors", "执法人员"), ("/directory/import", "导入"), ("/visits", "检查报备"), ("/evaluations", "企业评价"),
                     ("/accounts", "账号"), ("/audit", "审计日志"), ("/public/results", "公示")]
        case .clerk?:
            links = [("/plans", "抽查计划"), ("/directory/enterprises", "企业名录"), ("/directory/inspectors", "执法人员"),
                     ("/directory/import", "导入"), ("/visits", "检查报备"), ("/accounts", "账号"), ("/public/results", "公示")]
        case .inspector?: links = [("/my/forms", "我的检查表"), ("/visits", "扫码入企"), ("/public/results", "公示")]
        case .leader?: links = [("/visits", "检查报备"), ("/evaluations", "企业评价"), ("/public/results", "公示")]
        case .auditor?:
            links = [("/plans", "抽查计划"), ("/directory/enterprises", "企业名录"), ("/directory/inspectors", "执法人员"),
                     ("/visits", "检查报备"), ("/evaluations", "企业评价"), ("/audit", "审计日志"), ("/public/results", "公示")]
        }
        self.nav = links.map { Link(href: $0.0, label: $0.1, current: path == $0.0 || (path.hasPrefix($0.0 + "/") && $0.0 != "/plans/new")) }
    }
}

/// What a template sees: the frame and the page's view model.
struct PageView<Content: Encodable>: Encodable {
    var chrome: Chrome
    var content: Content
}

/// Renders view models as HTML pages (Mustache, escaped) or, under `/api/`, as JSON.
struct Renderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, text) in Templates.all {
            try library.register(text, named: name)
        }
        self.library = library
    }

    /// The page, or its view model as JSON for `/api/` requests.
    func page<Content: Encodable>(_ template: String, title: String, _ content: Content, request: Request,
                                  context: some PageContext, status: HTTPResponse.Status = .ok) throws -> Response {
        if request.isAPI { return try Self.json(content, status: status) }
        let chrome = Chrome(title: title, user: context.viewer, path: request.uri.path, flash: context.takeFlash())
        return html(template, PageView(chrome: chrome, content: content), status: status)
    }

    func html(_ template: String, _ view: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let text = library.render(view, withTemplate: template) ?? "template \(template) is missing"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The error page, keeping the error's status.
    func errorPage(_ error: ShownError, request: Request, user: WebUser?) -> Response {
        let content = ErrorContent(status: Int(error.status.code), message: error.message, details: error.details,
                                   signIn: error.status == .unauthorized && user == nil)
        let chrome = Chrome(title: "出错了（\(error.status.code)）", user: user, path: request.uri.path, flash: nil)
        return html("error", PageView(chrome: chrome, content: content), status: error.status)
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The answer to a form: back to a page with a notice (303), or `{"message", "location"}` for the API.
    func done(_ message: String, location: String, request: Request, context: some PageContext,
              data: (some Encodable)? = Optional<String>.none) throws -> Response {
        if request.isAPI { return try Self.json(ActionResult(message: message, location: location, data: data)) }
        context.setFlash(message)
        return Self.redirect(to: location)
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

struct ErrorContent: Encodable {
    var status: Int
    var message: String
    var details: [String]
    var signIn: Bool
}

struct ActionResult<Data: Encodable>: Encodable {
    var message: String
    var location: String
    var data: Data?
}

extension Request {
    /// JSON twins of the pages live under `/api/`.
    var isAPI: Bool { uri.path.hasPrefix("/api/") }
}

/// A file to download, with its type and a UTF-8 file name (RFC 6266/5987).
struct Download {
    static func response(_ data: Data, filename: String, contentType: String) -> Response {
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 ? Character($0) : "_" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .rfc5987) ?? ascii
        return Response(status: .ok, headers: [
            .contentType: contentType,
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static let docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    static let html = "text/html; charset=utf-8"
}

extension CharacterSet {
    /// attr-char of RFC 5987.
    static let rfc5987 = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")
}
