import Foundation
import Hummingbird
import Inspection
import InspectionStore

/// The pages anyone may read without signing in: published results in the fixed wording, the
/// year's joint plans, and each draw's record re-checked by the server.
struct PublicController {
    let services: WebServices

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
            /// 抽查机关, 检查事项, 抽查完成时间: as the national enterprise-credit publicity system shows them.
            var departments: String; var items: String; var completedOn: String
        }
        struct Option: Encodable { var value: String; var label: String; var selected: Bool }
        var rows: [Row]
        var plans: [Option]
        var departments: [Option]
        var query: String
        var from: String
        var through: String
        var total: Int
        var limit: Int
        /// Where this page is and the links to its neighbours (the lists' `pager` partial).
        var pager: ListPager
    }

    /// Results per page unless `limit` says otherwise (at most `maximumLimit`).
    static let pageSize = 50
    static let maximumLimit = 200

    @Sendable func results(_ request: Request, context: WebContext) async throws -> Response {
        func date(_ name: String) throws -> LocalDate? {
            guard let text = request.query(name)?.nonEmpty else { return nil }
            guard let date = LocalDate(text) else { throw WebError.badInput("日期「\(text)」应写作 2026-06-30") }
            return date
        }
        func number(_ name: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
            guard let text = request.query(name)?.nonEmpty else { return value }
            guard let n = Int(text), range.contains(n) else {
                throw WebError.badInput("「\(name)」应为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数")
            }
            return n
        }
        let filter = PublicResultFilter(plan: request.query("plan")?.nonEmpty, department: request.query("department")?.nonEmpty,
                                        from: try date("from"), through: try date("to"),
                                        text: request.query("q")?.nonEmpty.map { String($0.prefix(100)) })
        let limit = try number("limit", default: Self.pageSize, in: 1...Self.maximumLimit)
        let page = try number("page", default: 1, in: 1...1_000_000)
        let (found, plans, departments) = try await services.read { db in
            (try db.publicResults(filter, limit: limit, offset: (page - 1) * limit),
             try db.plans().filter { $0.plan.state >= .published }.map(\.plan), try db.publicResultDepartments())
        }
        let pages = max(1, (found.total + limit - 1) / limit)
        let rows = found.rows.map {
            ResultsModel.Row(plan: $0.plan, planName: $0.planName, uscc: $0.uscc, enterprise: $0.enterprise, publishedOn: $0.publishedOn,
                             result: $0.wording, problem: $0.wording != PublishedResult.noProblem.rawValue,
                             departments: $0.departments.joined(separator: "、"), items: $0.items.joined(separator: "；"),
                             completedOn: $0.completedOn?.description ?? "—")
        }
        func link(_ page: Int) -> String {
            var fields: [(String, String)] = []
            if let plan = filter.plan { fields.append(("plan", plan)) }
            if let department = filter.department { fields.append(("department", department)) }
            if let from = filter.from { fields.append(("from", from.description)) }
            if let through = filter.through { fields.append(("to", through.description)) }
            if let text = filter.text { fields.append(("q", text)) }
            if limit != Self.pageSize { fields.append(("limit", String(limit))) }
            fields.append(("page", String(page)))
            return "/public/results?" + fields.map { "\($0.0)=\($0.1.pathEncoded)" }.joined(separator: "&")
        }
        let model = ResultsModel(
            rows: rows,
            plans: plans.map { .init(value: $0.number, label: "\($0.number) \($0.name)", selected: $0.number == filter.plan) },
            departments: departments.map { .init(value: $0.code, label: $0.name, selected: $0.code == filter.department) },
            query: filter.text ?? "", from: filter.from?.description ?? "", through: filter.through?.description ?? "",
            total: found.total, limit: limit,
            pager: ListPager(total: found.total, page: page, pages: pages, first: rows.isEmpty ? 0 : (page - 1) * limit + 1,
                             last: (page - 1) * limit + rows.count, previous: page > 1 ? link(min(page - 1, pages)) : nil,
                             next: page < pages ? link(page + 1) : nil, action: "/public/results", text: filter.text ?? "",
                             overdue: false, departments: [], progress: [], filtered: filter != PublicResultFilter()))
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
        let today = services.clock.today
        let year = request.query("year").flatMap { Int($0) } ?? today.year
        let (years, rows) = try await services.read { db in
            let all = try db.plans().filter { $0.plan.state != .draft }
            let years = Set(all.map(\.plan.year)).union([today.year]).sorted()
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
            return (years, rows)
        }
        let model = PlansModel(year: year, years: years.map { .init(year: $0, selected: $0 == year) }, rows: rows)
        return try services.renderer.page("public-plans", title: "\(year)年度联合抽查计划", model, request: request, context: context)
    }

    struct DrawsModel: Encodable {
        struct Row: Encodable { var id: String; var link: String; var created: String; var purpose: String; var kind: String; var sealed: Bool }
        var rows: [Row]
    }

    @Sendable func draws(_ request: Request, context: WebContext) async throws -> Response {
        let rows = try await services.read { db in
            try db.draws().map {
                DrawsModel.Row(id: $0.record.id, link: Paths.publicDraw($0.record.id), created: $0.record.created, purpose: $0.record.purpose,
                               kind: DrawModel.kindLabel($0.kind), sealed: !$0.isPublic)
            }
        }
        return try services.renderer.page("public-draws", title: "抽取记录核验", DrawsModel(rows: rows), request: request, context: context)
    }

    @Sendable func draw(_ request: Request, context: WebContext) async throws -> Response {
        let id = try context.param("id")
        let model = try await services.read { db in
            guard let stored = try db.draw(id: id) else { throw StoreError.unknownDraw(id) }
            return try DrawModel(stored, record: stored.publicRecord, db: db, full: false)
        }
        return try services.renderer.page("draw", title: "抽取记录 \(id)", model, request: request, context: context)
    }
}
