import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inspection
import InspectionStore
import InspectionWeb
import Testing

/// The role × route matrix: every route of the application, asked by an anonymous visitor and by
/// an account of each role. Each gets exactly what it should — the page or the action for the roles
/// the route is for, 401 without a session, 403 for other roles — and a refused request changes
/// nothing (the audit log, which every write extends, keeps its length). Pages are checked as HTML
/// and as their JSON twins under `/api/`.
@Suite struct RoleMatrixTests {
    /// One route: how to ask it, at which stage of the plan, and who may.
    struct Route: CustomStringConvertible, Sendable {
        var method: HTTPRequest.Method
        var path: @Sendable (World) -> String
        var template: String
        var stage: Stage
        var allowed: Set<Who>
        /// The form a permitted role sends (so that the action succeeds).
        var form: @Sendable (World, Who) -> [(String, String)] = { _, _ in [] }
        var upload: (@Sendable (Who) -> Data)?

        var description: String { "\(method) \(template)" }
    }

    /// Every signed-in role.
    static let all: Set<Who> = [.coordinator, .clerk, .inspector, .auditor, .leader]
    /// The roles that work the plans (the leader approves visits only).
    static let staff: Set<Who> = [.coordinator, .clerk, .inspector, .auditor]
    static let readers: Set<Who> = [.coordinator, .clerk, .auditor]

    static let gets: [Route] = [
        Route(method: .get, path: { _ in "/account" }, template: "/account", stage: .published, allowed: all),
        Route(method: .get, path: { _ in "/plans" }, template: "/plans", stage: .published, allowed: readers),
        Route(method: .get, path: { _ in "/plans/new" }, template: "/plans/new", stage: .published, allowed: [.coordinator]),
        Route(method: .get, path: { _ in "/plans/\(p(planNumber))" }, template: "/plans/:number", stage: .published, allowed: readers),
        Route(method: .get, path: { _ in "/plans/\(p(planNumber))/teams" }, template: "/plans/:number/teams", stage: .published, allowed: readers),
        Route(method: .get, path: { _ in "/plans/\(p(planNumber))/statistics" }, template: "/plans/:number/statistics", stage: .published,
              allowed: [.coordinator, .auditor]),
        Route(method: .get, path: { "/plans/\(p(planNumber))/enterprises/\($0.shared)" }, template: "/plans/:number/enterprises/:uscc",
              stage: .published, allowed: staff),
        Route(method: .get, path: { _ in "/plans/\(p(planNumber))/forms.docx" }, template: "/plans/:number/forms.docx", stage: .published, allowed: readers),
        Route(method: .get, path: { _ in "/plans/\(p(planNumber))/forms.html" }, template: "/plans/:number/forms.html", stage: .published, allowed: readers),
        Route(method: .get, path: { _ in "/plans/\(p(planNumber))/results.xlsx" }, template: "/plans/:number/results.xlsx", stage: .published, allowed: readers),
        Route(method: .get, path: { "/plans/\(p(planNumber))/forms/\($0.shared)" }, template: "/plans/:number/forms/:uscc", stage: .published, allowed: staff),
        Route(method: .get, path: { _ in "/plans/\(p(planNumber))/statistics.docx" }, template: "/plans/:number/statistics.docx", stage: .published,
              allowed: [.coordinator, .auditor]),
        Route(method: .get, path: { _ in "/plans/\(p(planNumber))/statistics.xlsx" }, template: "/plans/:number/statistics.xlsx", stage: .published,
              allowed: [.coordinator, .auditor]),
        Route(method: .get, path: { _ in "/my/forms" }, template: "/my/forms", stage: .published, allowed: [.inspector]),
        Route(method: .get, path: { _ in "/directory/enterprises?q=%E4%BC%81%E4%B8%9A" }, template: "/directory/enterprises", stage: .published, allowed: readers),
        Route(method: .get, path: { _ in "/directory/inspectors?department=HB" }, template: "/directory/inspectors", stage: .published, allowed: readers),
        Route(method: .get, path: { _ in "/directory/import" }, template: "/directory/import", stage: .published, allowed: [.coordinator, .clerk]),
        Route(method: .get, path: { _ in "/audit" }, template: "/audit", stage: .published, allowed: [.coordinator, .auditor]),
        Route(method: .get, path: { _ in "/accounts" }, template: "/accounts", stage: .published, allowed: [.coordinator, .clerk]),
        Route(method: .get, path: { "/draws/\($0.drawID!)" }, template: "/draws/:id", stage: .published, allowed: [.coordinator, .auditor]),
        Route(method: .get, path: { _ in "/public/results" }, template: "/public/results", stage: .published, allowed: all.union([.anonymous])),
        Route(method: .get, path: { _ in "/public/plans?year=2026" }, template: "/public/plans", stage: .published, allowed: all.union([.anonymous])),
        Route(method: .get, path: { _ in "/public/draws" }, template: "/public/draws", stage: .published, allowed: all.union([.anonymous])),
        Route(method: .get, path: { "/public/draws/\($0.teamDrawID!)" }, template: "/public/draws/:id", stage: .published, allowed: all.union([.anonymous])),
        // 扫码入企
        Route(method: .get, path: { _ in "/visits" }, template: "/visits", stage: .published, allowed: all),
        Route(method: .get, path: { "/visits/\($0.approvedVisit!.id)" }, template: "/visits/:id", stage: .published, allowed: all),
        Route(method: .get, path: { "/visits/\($0.approvedVisit!.id)/notice.docx" }, template: "/visits/:id/notice.docx", stage: .published, allowed: all),
        Route(method: .get, path: { "/visits/\($0.approvedVisit!.id)/record.docx" }, template: "/visits/:id/record.docx", stage: .published, allowed: all),
        Route(method: .get, path: { "/visits/\($0.approvedVisit!.id)/approval.docx" }, template: "/visits/:id/approval.docx", stage: .published, allowed: all),
        Route(method: .get, path: { _ in "/visits/new" }, template: "/visits/new", stage: .published, allowed: [.coordinator, .clerk]),
        Route(method: .get, path: { _ in "/evaluations" }, template: "/evaluations", stage: .published, allowed: [.coordinator, .clerk, .auditor, .leader]),
        Route(method: .get, path: { "/v/\($0.approvedVisit!.code!.token)" }, template: "/v/:token", stage: .published, allowed: all.union([.anonymous])),
        Route(method: .get, path: { "/v/\($0.approvedVisit!.code!.token)/qr.svg" }, template: "/v/:token/qr.svg", stage: .published,
              allowed: all.union([.anonymous])),
        Route(method: .get, path: { _ in "/v" }, template: "/v", stage: .published, allowed: all.union([.anonymous])),
        Route(method: .get, path: { _ in "/public/items" }, template: "/public/items", stage: .published, allowed: all.union([.anonymous])),
    ]

    /// The team member of `who`'s department at the shared enterprise.
    static func member(_ w: World, _ who: Who) -> String {
        let department = who == .coordinator ? "YJ" : "HB"
        return (try? w.db.planTeams(planNumber).first { $0.uscc == w.shared && $0.department == department }?.inspectors.first) ?? nil ?? ""
    }

    static let posts: [Route] = [
        Route(method: .post, path: { _ in "/logout" }, template: "/logout", stage: .draft, allowed: all),
        Route(method: .post, path: { _ in "/account/password" }, template: "/account/password", stage: .draft, allowed: all,
              form: { _, _ in [("current", password), ("new", "new-password-2"), ("confirm", "new-password-2")] }),
        Route(method: .post, path: { _ in "/plans" }, template: "/plans", stage: .none, allowed: [.coordinator],
              form: { _, _ in [("number", "栾联2026099"), ("name", "测试计划"), ("jurisdiction", "石家庄市栾城区"), ("ordinal", "9"),
                               ("start", "2026-07-01"), ("end", "2026-07-31"), ("partners[]", "HB"), ("scopeDepartments[]", "YJ")] }),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/collect" }, template: "/plans/:number/collect", stage: .draft, allowed: [.coordinator]),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/items" }, template: "/plans/:number/items", stage: .collecting,
              allowed: [.coordinator, .clerk], form: { _, who in [("codes[]", who == .coordinator ? "YJ-002" : "HB-006")] }),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/items/remove" }, template: "/plans/:number/items/remove", stage: .collecting,
              allowed: [.coordinator, .clerk], form: { _, who in [("codes[]", who == .coordinator ? "YJ-001" : "HB-005")] }),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/freeze" }, template: "/plans/:number/freeze", stage: .collecting, allowed: [.coordinator]),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/draw" }, template: "/plans/:number/draw", stage: .frozen, allowed: [.coordinator],
              form: { _, _ in [("publicEntropy", "matrix"), ("sealed", "true")] }),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/dispatch" }, template: "/plans/:number/dispatch", stage: .drawn, allowed: [.coordinator]),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/confirm" }, template: "/plans/:number/confirm", stage: .dispatched,
              allowed: [.coordinator, .clerk]),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/match" }, template: "/plans/:number/match", stage: .confirmed, allowed: [.coordinator]),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/teams/replace" }, template: "/plans/:number/teams/replace", stage: .matched,
              allowed: [.coordinator, .clerk],
              form: { w, who in [("uscc", w.shared), ("certificate", member(w, who)), ("reason", "因病住院"), ("approvedBy", "王局长")] }),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/teams/assist" }, template: "/plans/:number/teams/assist", stage: .matched,
              allowed: [.coordinator, .clerk], form: { w, who in [("uscc", w.shared), ("certificate", who == .coordinator ? "YZ1" : "ZJ1")] }),
        Route(method: .post, path: { "/plans/\(p(planNumber))/enterprises/\($0.shared)/results" }, template: "/plans/:number/enterprises/:uscc/results",
              stage: .matched, allowed: [.coordinator, .clerk, .inspector],
              form: { _, who in [("outcome[\(who == .coordinator ? "YJ-001" : "HB-005")]", "未发现问题"), ("checkedOn", "2026-06-23"), ("questions", "2")] }),
        Route(method: .post, path: { "/plans/\(p(planNumber))/enterprises/\($0.shared)/followup" }, template: "/plans/:number/enterprises/:uscc/followup",
              stage: .recorded, allowed: [.coordinator, .clerk], form: { _, _ in [("action", "责令改正"), ("date", "2026-06-23"), ("note", "限期整改")] }),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/publish" }, template: "/plans/:number/publish", stage: .recorded, allowed: [.coordinator]),
        Route(method: .post, path: { _ in "/plans/\(p(planNumber))/close" }, template: "/plans/:number/close", stage: .published, allowed: [.coordinator]),
        Route(method: .post, path: { _ in "/accounts" }, template: "/accounts", stage: .none, allowed: [.coordinator, .clerk],
              form: { _, _ in [("name", "newinspector"), ("department", "HB"), ("role", "inspector"), ("certificate", "H2"),
                               ("password", "Strong-pass-9")] }),
        Route(method: .post, path: { _ in "/accounts/password" }, template: "/accounts/password", stage: .none, allowed: [.coordinator, .clerk],
              form: { _, _ in [("name", "hbinspector"), ("password", "Strong-pass-9")] }),
        Route(method: .post, path: { _ in "/accounts/disable" }, template: "/accounts/disable", stage: .none, allowed: [.coordinator, .clerk],
              form: { _, _ in [("name", "hbinspector")] }),
        Route(method: .post, path: { _ in "/directory/import" }, template: "/directory/import", stage: .none, allowed: [.coordinator, .clerk],
              form: { _, _ in [("table", "items")] },
              upload: { who in Data("部门,事项编码,抽查事项\n\(who == .coordinator ? "YJ" : "HB"),X-009,新增事项\n".utf8) }),
        // 扫码入企: the leader decides, the inspector checks in and out.
        Route(method: .post, path: { "/visits/\($0.pendingVisit!)/approve" }, template: "/visits/:id/approve", stage: .matched, allowed: [.leader]),
        Route(method: .post, path: { "/visits/\($0.pendingVisit!)/refuse" }, template: "/visits/:id/refuse", stage: .matched, allowed: [.leader],
              form: { _, _ in [("reason", "投诉内容不属本局职责")] }),
        Route(method: .post, path: { "/visits/\($0.approvedVisit!.id)/checkin" }, template: "/visits/:id/checkin", stage: .matched, allowed: [.inspector],
              form: { _, _ in [("latitude", "37.9"), ("longitude", "114.65")] }),
        Route(method: .post, path: { "/visits/\($0.checkedInVisit!)/checkout" }, template: "/visits/:id/checkout", stage: .matched, allowed: [.inspector]),
        // 任务报备 by a clerk or coordinator for its own department; 结果上传 by the inspector (无码检查 with its reason).
        Route(method: .post, path: { _ in "/visits" }, template: "/visits", stage: .matched, allowed: [.coordinator, .clerk],
              form: { _, who in
                  let (department, inspectors, item) = who == .coordinator ? ("YJ", "Y1,Y2", "YJ:YJ-001") : ("HB", "H3,H4", "HB:HB-005")
                  return [("source", "cause"), ("cause", "投诉举报"), ("causeNote", "12345 热线 009"), ("uscc", code(3)), ("departments", department),
                          ("inspectors", inspectors), ("items", item), ("from", "2026-06-24")]
              }),
        Route(method: .post, path: { "/visits/\($0.approvedVisit!.id)/result" }, template: "/visits/:id/result", stage: .matched, allowed: [.inspector],
              form: { _, _ in [("outcome", "未发现问题"), ("noCodeReason", "手机故障，未能扫码")] }),
    ]

    /// What a permitted request answers: pages and API answers 200; forms 303 back to a page, except
    /// the upload, whose page shows what was imported.
    static func success(_ route: Route, api: Bool) -> HTTPResponse.Status {
        route.method == .post && !api && route.upload == nil ? .seeOther : .ok
    }

    static func expected(_ route: Route, _ who: Who, api: Bool) -> HTTPResponse.Status {
        if route.allowed.contains(who) { return success(route, api: api) }
        return who == .anonymous ? .unauthorized : .forbidden
    }

    func send(_ route: Route, _ world: World, _ who: Who, api: Bool, browser: Browser) async throws -> TestResponse {
        let path = (api ? "/api" : "") + route.path(world)
        if route.method == .get { return try await browser.get(path) }
        if let upload = route.upload {
            return try await browser.upload(path, fields: route.form(world, who), file: ("file", "items.csv", upload(who)))
        }
        return try await browser.post(path, route.form(world, who))
    }

    @Test(arguments: [false, true])
    func everyPageForEveryRole(api: Bool) async throws {
        // Reading changes nothing, whoever asks: one world for all the pages.
        let world = try World(.published)
        try await world.test { browser in
            for who in Who.allCases {
                let b = Browser(client: browser.client)
                try await b.login(who)
                for route in Self.gets {
                    let before = try world.db.auditCount()
                    let response = try await send(route, world, who, api: api, browser: b)
                    #expect(response.status == Self.expected(route, who, api: api), "\(who) \(route) (api: \(api)): \(response.text.prefix(300))")
                    #expect(try world.db.auditCount() == before, "\(who) \(route) wrote")
                }
            }
        }
    }

    @Test(arguments: [false, true])
    func everyActionForEveryRole(api: Bool) async throws {
        for route in Self.posts {
            for who in Who.allCases {
                // A fresh world for each request, so that what one permitted action did never decides the next.
                let world = try World(route.stage)
                try await world.test { browser in
                    try await browser.login(who)
                    let before = try world.db.auditCount()
                    let response = try await send(route, world, who, api: api, browser: browser)
                    let expected = Self.expected(route, who, api: api)
                    #expect(response.status == expected, "\(who) \(route) (api: \(api)): \(response.text.prefix(400))")
                    if route.allowed.contains(who) {
                        if route.template != "/logout" {
                            #expect(try world.db.auditCount() > before, "\(who) \(route) wrote nothing")
                        }
                    } else {
                        #expect(try world.db.auditCount() == before, "\(who) \(route) was refused but wrote")
                    }
                }
            }
        }
    }

    /// Uploads a hostile HB clerk sends against SC's roster and items: each is refused (403) by row
    /// number naming SC, through the page and the API alike, and changes nothing.
    static let foreignUploads: [(table: String, csv: String)] = [
        ("inspectors", "执法证号,姓名,部门 *,在岗\nS1,市场1,SC,否\n"),
        ("inspectors", "执法证号,姓名,部门＊,在岗\nH1,环保1,HB,是\nS1,市场1,市场监管,否\n"),
        ("inspectors", "certificate,name,department *,on_duty\nS1,市场1,SC,否\n"),
        ("inspectors", "执法证号,姓名,部门\nS1,市场1,HB\n"),
        ("items", "部门 *,事项编码,抽查事项\nSC,SC-001,改名\n"),
        ("items", "department *,code,name\nSC,SC-001,改名\n"),
        ("items", "部门＊,事项编码,抽查事项\nSC,SC-009,新增\n"),
    ]

    @Test(arguments: [false, true])
    func aClerkCannotWriteAnotherDepartmentsRosterOrItems(api: Bool) async throws {
        let world = try World(.none)
        try await world.test { browser in
            try await browser.login(.clerk)
            let inspectors = try world.db.inspectors()
            let items = try world.db.items()
            let audit = try world.db.auditCount()
            for (table, csv) in Self.foreignUploads {
                let response = try await browser.upload((api ? "/api" : "") + "/directory/import", fields: [("table", table)],
                                                        file: ("file", "\(table).csv", Data(csv.utf8)))
                #expect(response.status == .forbidden, "\(csv): \(response.text.prefix(300))")
                let row = csv.hasPrefix("执法证号,姓名,部门＊") ? "第 3 行" : "第 2 行"
                #expect(response.text.contains(row) && response.text.contains("市场监督管理局"), "\(csv): \(response.text.prefix(300))")
            }
            #expect(try world.db.inspectors() == inspectors)
            #expect(try world.db.items() == items)
            #expect(try world.db.auditCount() == audit)
        }
    }

    @Test(arguments: [false, true])
    func aClerkManagesOnlyItsOwnDepartmentsInspectorAccounts(api: Bool) async throws {
        let world = try World(.none)
        try await world.test { browser in
            try await browser.login(.clerk)
            let before = try world.db.auditCount()
            let prefix = api ? "/api" : ""
            let refused: [(String, [(String, String)])] = [
                ("/accounts/password", [("name", "scclerk"), ("password", "Strong-pass-9")]),
                ("/accounts/password", [("name", "coord"), ("password", "Strong-pass-9")]),
                ("/accounts/disable", [("name", "coord")]),
                ("/accounts/disable", [("name", "auditor")]),
                ("/accounts", [("name", "x1"), ("department", "HB"), ("role", "clerk"), ("password", "Strong-pass-9")]),
                ("/accounts", [("name", "x2"), ("department", "SC"), ("role", "inspector"), ("certificate", "S1"), ("password", "Strong-pass-9")]),
            ]
            for (path, form) in refused {
                let response = try await browser.post(prefix + path, form)
                #expect(response.status == .forbidden, "\(path) \(form): \(response.text.prefix(200))")
            }
            #expect(try world.db.auditCount() == before)
            let page = try await browser.get(prefix + "/accounts")
            #expect(page.text.contains("hbinspector") && !page.text.contains("scclerk") && !page.text.contains("auditor"))
            // A weak password is refused by the same rule as the CLI.
            #expect(try await browser.post(prefix + "/accounts/password", [("name", "hbinspector"), ("password", "password1")]).status
                    == .unprocessableContent)
        }
    }

    @Test func unknownRoutesAreNotFoundPages() async throws {
        let world = try World(.none)
        try await world.test { browser in
            let page = try await browser.get("/no/such/page")
            #expect(page.status == .notFound)
            #expect(page.text.contains("页面不存在"))
            let api = try await browser.get("/api/no/such/page")
            #expect(api.status == .notFound)
            #expect((api.json["error"] as? [String: Any])?["status"] as? Int == 404)
        }
    }

    @Test func homeSendsEachRoleToItsPages() async throws {
        let world = try World(.none)
        try await world.test { browser in
            #expect(try await browser.get("/").headers[.location] == "/login")
            for (who, home) in [(Who.coordinator, "/plans"), (.clerk, "/plans"), (.inspector, "/my/forms"), (.auditor, "/plans"), (.leader, "/visits")] {
                let b = Browser(client: browser.client)
                try await b.login(who)
                let response = try await b.get("/")
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == home)
            }
        }
    }
}
