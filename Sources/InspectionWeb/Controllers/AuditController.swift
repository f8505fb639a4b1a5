import Foundation
import Hummingbird
import Inspection
import InspectionStore

/// What auditors (and the lead bureau) read: the append-only audit log and every draw record in
/// full, sealed ones included.
struct AuditController {
    let services: WebServices

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        let readers = routes.signedIn(.coordinator, .auditor)
        readers.get("audit", use: audit)
        readers.get("draws/:id", use: draw)
        return routes
    }

    struct AuditModel: Encodable {
        struct Row: Encodable { var id: Int64; var at: String; var operatorName: String; var action: String; var detail: String }
        var rows: [Row]
        var total: Int
        var limit: Int
        /// The head of the hash chain (`#id hash`), to print and keep: `liancha audit verify --anchor` checks it.
        var anchor: String?
    }

    @Sendable func audit(_ request: Request, context: SignedInContext) async throws -> Response {
        let limit = min(max(request.query("limit").flatMap { Int($0) } ?? 200, 1), 5_000)
        let model = try await services.read { db in
            let rows = try db.auditLog(limit: limit).map {
                AuditModel.Row(id: $0.id, at: $0.at,
                               operatorName: $0.osUser.isEmpty || $0.osUser == $0.operator ? $0.operator : "\($0.operator)（系统用户 \($0.osUser)）",
                               action: $0.action, detail: $0.detail)
            }
            return AuditModel(rows: rows, total: try db.auditCount(), limit: limit, anchor: try db.auditAnchor()?.description)
        }
        return try services.renderer.page("audit", title: "审计日志", model, request: request, context: context)
    }

    @Sendable func draw(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try context.param("id")
        let model = try await services.read { db in
            guard let stored = try db.draw(id: id) else { throw StoreError.unknownDraw(id) }
            return try DrawModel(stored, record: stored.record, db: db, full: true)
        }
        return try services.renderer.page("draw", title: "抽取记录 \(id)（完整）", model, request: request, context: context)
    }
}
