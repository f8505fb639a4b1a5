import Foundation
import Hummingbird
import Inspection
import InspectionStore

/// The pages anyone may read without signing in: published results in the fixed wording, the
/// year's joint plans, and each draw's record re-checked by the server.
struct PublicController {
    let services: WebServices
    var db: AppDatabase { services.db }

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        routes.get("public/results", use: results)
        routes.get("public/plans", use: plans)
        routes.get("public/draws", use: draws)
        routes.get("public/draws/:id", use: draw)
        return routes
    }

    struct ResultsModel: Encodable {
        struct Row: Encodable {
            var plan: String; var planName: String; var uscc: String; var enterprise: String; var publishedOn: String; var result: String
            var problem: Bool
        }
        struct PlanOption: Encodable { var number: String; var name: String; var selected: Bool }
        var rows: [Row]
        var plans: [PlanOption]
        var query: String
        var total: Int
    }

    @Sendable func results(_ request: Request, context: WebContext) async throws -> Response {
        let plan = request.query("plan")?.nonEmpty
        let query = request.query("q")?.nonEmpty ?? ""
        let names = Dictionary(try db.plans().map { ($0.plan.number, $0.plan.name) }, uniquingKeysWith: { a, _ in a })
        let all = try db.publications()
        let rows = all.filter { (plan == nil || $0.plan == plan) && (query.isEmpty || $0.name.contains(query) || $0.uscc.contains(query.uppercased())) }
            .map { ResultsModel.Row(plan: $0.plan, planName: names[$0.plan] ?? "", uscc: $0.uscc, enterprise: $0.name, publishedOn: $0.publishedOn,
                                    result: $0.wording, problem: $0.wording != PublishedResult.noProblem.rawValue) }
        let published = Array(Set(all.map(\.plan))).sorted()
        let model = ResultsModel(rows: rows, plans: published.map { .init(number: $0, name: names[$0] ?? "", selected: $0 == plan) },
                                 query: query, total: rows.count)
        return try services.renderer.page("public-results", title: "抽查结果公示", model, request: request, context: context)
    }

    struct PlansModel: Encodable {
        struct Row: Encodable {
            var index: Int; var number: String; var name: String; var taskNumber: String; var taskName: String; var drawType: String
            var ratio: String; var items: String; var scope: String; var lead: String; var partners: String; var window: String
            var state: String; var kind: String
        }
        struct Year: Encodable { var year: Int; var selected: Bool }
        var year: Int
        var years: [Year]
        var rows: [Row]
    }

    @Sendable func plans(_ request: Request, context: WebContext) async throws -> Response {
        // Drafts are the lead bureau's work in progress: plans appear once opened to the partners.
        let all = try db.plans().filter { $0.plan.state != .draft }
        let years = Set(all.map(\.plan.year)).union([services.clock.today.year]).sorted()
        let year = request.query("year").flatMap { Int($0) } ?? services.clock.today.year
        let names = Dictionary(uniqueKeysWithValues: try db.departments().map { ($0.code, $0.name) })
        let rows = try all.filter { $0.plan.year == year }.enumerated().map { i, record -> PlansModel.Row in
            let p = record.plan
            let items = try db.planItems(p.number)
            let itemText = p.departments.compactMap { code -> String? in
                let mine = items.filter { $0.department == code }.map(\.item.name)
                return mine.isEmpty ? nil : "\(names[code] ?? code)：" + mine.joined(separator: "；")
            }.joined(separator: "；")
            return PlansModel.Row(index: i + 1, number: p.number, name: p.name, taskNumber: p.taskNumber, taskName: p.taskName,
                                  drawType: p.drawType.rawValue, ratio: p.ratioText, items: itemText, scope: p.scope.description,
                                  lead: names[p.lead] ?? p.lead, partners: p.partners.map { names[$0] ?? $0 }.joined(separator: "、"),
                                  window: p.windowText, state: Labels.state(p.state), kind: p.kind.rawValue)
        }
        let model = PlansModel(year: year, years: years.map { .init(year: $0, selected: $0 == year) }, rows: rows)
        return try services.renderer.page("public-plans", title: "\(year)年度联合抽查计划", model, request: request, context: context)
    }

    struct DrawsModel: Encodable {
        struct Row: Encodable { var id: String; var link: String; var created: String; var purpose: String; var kind: String; var sealed: Bool }
        var rows: [Row]
    }

    @Sendable func draws(_ request: Request, context: WebContext) async throws -> Response {
        let rows = try db.draws().map {
            DrawsModel.Row(id: $0.record.id, link: Paths.publicDraw($0.record.id), created: $0.record.created, purpose: $0.record.purpose,
                           kind: DrawModel.kindLabel($0.kind), sealed: !$0.isPublic)
        }
        return try services.renderer.page("public-draws", title: "抽取记录核验", DrawsModel(rows: rows), request: request, context: context)
    }

    @Sendable func draw(_ request: Request, context: WebContext) async throws -> Response {
        let id = try context.param("id")
        guard let stored = try db.draw(id: id) else { throw StoreError.unknownDraw(id) }
        let model = try DrawModel(stored, record: stored.publicRecord, db: db, full: false)
        return try services.renderer.page("draw", title: "抽取记录 \(id)", model, request: request, context: context)
    }
}
