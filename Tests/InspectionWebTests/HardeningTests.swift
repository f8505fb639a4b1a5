import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inspection
import InspectionStore
import InspectionWeb
import Testing

// Issue 9: no request, upload or field can crash, stall or exhaust the server.

@Suite struct HardeningTests {
    /// A USCC with a combining mark, a joiner or a variation selector trapped in `USCC.validate` and
    /// killed the server; now it is a 422 and the server goes on answering.
    @Test(arguments: ["0\u{301}", "9113011106\u{200D}6UK5484K", "91130111066UK5484\u{FE0F}"])
    func teamFormsRefuseMarksAndJoinersInACode(code: String) async throws {
        let world = try World(.matched)
        try await world.test { browser in
            try await browser.login(.clerk)
            let plan = "/plans/\(p(planNumber))"
            let assist = try await browser.post("\(plan)/teams/assist", [("uscc", code), ("certificate", "ZJ1")])
            #expect(assist.status == .unprocessableContent)
            #expect(assist.text.contains("统一社会信用代码有误"))
            let replace = try await browser.post("\(plan)/teams/replace", [("uscc", code), ("certificate", "H1"), ("reason", "回避"), ("approvedBy", "局长")])
            #expect(replace.status == .unprocessableContent)
            #expect(try await browser.get("/public/results").status == .ok)
        }
    }

    /// While another connection holds SQLite's write lock, an anonymous public page still answers
    /// (reads never wait for the writer) and a web write gives up quickly with 503 + Retry-After,
    /// in words, never SQLite's message.
    @Test func aHeldWriteLockLeavesReadsAnsweringAndWritesGet503() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("liancha-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("liancha.sqlite").path
        _ = try AppDatabase.create(path)
        let world = try World(.published, database: try AppDatabase.openExisting(path, busyTimeout: 0.2))
        var environment = world.environment()
        environment.writeTimeout = 0.2
        let app = try buildApplication(environment)

        var holder = Configuration()
        holder.allowsUnsafeTransactions = true  // NB: the lock is held across accesses on purpose
        let other = try DatabaseQueue(path: path, configuration: holder)
        try await app.test(.router) { client in
            let browser = Browser(client: client)
            _ = try await browser.get("/login")
            let token = try #require(browser.cookies["liancha_login_csrf"])
            try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
            let page = try await browser.get("/public/results")
            #expect(page.status == .ok)
            #expect(page.text.contains(world.shared))
            // A sign-in writes (its audit entry, its session): the web write that meets the lock.
            let write = try await browser.post("/login", [("name", "coord"), ("password", password)], csrf: token)
            #expect(write.status == .serviceUnavailable)
            #expect(write.headers[.retryAfter] == "2")
            #expect(write.text.contains("数据库正忙"))
            #expect(!write.text.lowercased().contains("sqlite") && !write.text.contains("database is locked"))
        }
        try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        #expect(try world.db.plan(planNumber).plan.state == .published)
    }

    /// Reading an uploaded table holds up to the import limits in memory (two 8 MB zip bombs at once
    /// took the server past 500 MB), so imports run one at a time: one that arrives while another runs
    /// is refused at once with 503 + Retry-After, in words, and the running one completes.
    @Test func aSecondImportWhileOneRunsIsRefusedWith503() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("liancha-imports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("liancha.sqlite").path
        _ = try AppDatabase.create(path)
        // NB: the running import waits for the lock another connection holds, for as long as the test needs.
        let world = try World(.none, database: try AppDatabase.openExisting(path, busyTimeout: 30))
        var environment = world.environment()
        environment.writeTimeout = 30
        let app = try buildApplication(environment)

        var holder = Configuration()
        holder.allowsUnsafeTransactions = true  // NB: the lock is held across accesses on purpose
        let other = try DatabaseQueue(path: path, configuration: holder)
        let csv = Data("统一社会信用代码,单位名称,行政区划代码\n\(code(100)),新企业,130111\n".utf8)
        try await app.test(.router) { client in
            let first = Browser(client: client), second = Browser(client: client)
            try await first.login(.coordinator)
            try await second.login(.coordinator)
            try await other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
            let statuses = try await withThrowingTaskGroup(of: TestResponse.self) { group in
                for browser in [first, second] {
                    group.addTask { try await browser.upload("/api/directory/import", fields: [("table", "enterprises")], file: ("file", "e.csv", csv)) }
                }
                // The one refused answers while the other still waits for the lock.
                let refused = try #require(try await group.next())
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.headers[.retryAfter] == "5")
                #expect(refused.text.contains("另一个文件正在导入"))
                try await other.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
                let done = try #require(try await group.next())
                return [refused.status, done.status]
            }
            #expect(statuses == [.serviceUnavailable, .ok])
            // The gate is open again.
            let again = try await first.upload("/api/directory/import", fields: [("table", "enterprises")], file: ("file", "e.csv", csv))
            #expect(again.status == .ok)
        }
        #expect(try world.db.enterprise(uscc: code(100))?.name == "新企业")
    }

    /// A 1.2 MB sign-in body with bracketed fields kept a core busy for over a minute: now the
    /// sign-in body is bounded (413) and forms parse in linear time.
    @Test func aHugeSignInBodyIsRefusedBeforeParsing() async throws {
        let world = try World(.none)
        try await world.test { browser in
            _ = try await browser.get("/login")
            let token = try #require(browser.cookies["liancha_login_csrf"])
            let fields = (0..<60_000).map { ("a[k\($0)]", "1") }
            let response = try await browser.post("/login", [("name", "coord"), ("password", password)] + fields, csrf: token)
            #expect(response.status == .contentTooLarge)
            #expect(try await browser.login("coord").status == .seeOther)
        }
    }

    @Test func formsBoundTheirFieldsAndFieldSizes() async throws {
        let world = try World(.dispatched)
        try await world.test { browser in
            try await browser.login(.clerk)
            let plan = "/plans/\(p(planNumber))"
            let many = try await browser.post("\(plan)/confirm", (0..<5_001).map { ("reject[k\($0)]", "") })
            #expect(many.status == .contentTooLarge)
            #expect(many.text.contains("表单字段超过 5000 个"))
            let long = try await browser.post("\(plan)/confirm", [("reject[\(world.shared)]", String(repeating: "长", count: 30_000))])
            #expect(long.status == .contentTooLarge)
            // A URL-encoded body past 1 MB is refused before it is decoded, whatever its fields.
            let big = try await browser.post("\(plan)/confirm", (0..<40).map { ("reject[k\($0)]", String(repeating: "x", count: 30_000)) })
            #expect(big.status == .contentTooLarge)
            #expect(big.text.contains("表单超过 1 MB"))
            // Within the limits, 4,000 bracketed fields are read (and refused by the store, not by the parser).
            let within = try await browser.post("\(plan)/confirm", (0..<4_000).map { ("reject[k\($0)]", "理由") })
            #expect(within.status != .contentTooLarge)
            #expect(try world.db.confirmations(planNumber).allSatisfy { $0.confirmedOn == nil })
        }
    }

    @Test func bracketedFieldsBecomeOneMapInLinearTime() throws {
        let body = (0..<4_990).map { "a[k\($0)]=\($0)" }.joined(separator: "&") + "&b[]=1&b[]=2&c=3"
        let count = try BodyParsers.formObject(Array(body.utf8), contentType: "application/x-www-form-urlencoded")
        #expect(count == 3)
    }

    /// A 9 MB plan name was stored and served in every list; now the domain refuses names past
    /// 200 characters, for the web and the CLI alike.
    @Test func overlongTextsAndSenselessDatesAreRefusedByTheDomain() async throws {
        let world = try World(.recorded)
        try await world.test(clock: .fixed("2026-06-27")) { browser in
            try await browser.login(.coordinator)
            let form: [(String, String)] = [("number", "栾联2026099"), ("jurisdiction", "栾城区"), ("ordinal", "9"),
                                            ("start", "2026-07-01"), ("end", "2026-07-31")]
            let long = try await browser.post("/plans", form + [("name", String(repeating: "名", count: 201))])
            #expect(long.status == .unprocessableContent)
            #expect(long.text.contains("计划名称超过 200 个字"))
            let window = try await browser.post("/plans", form.filter { $0.0 != "end" } + [("name", "x"), ("end", "2099-12-31")])
            #expect(window.status == .unprocessableContent)
            #expect(try world.db.plans().count == 1)
            let enterprise = "/plans/\(p(planNumber))/enterprises/\(world.shared)/followup"
            for date in ["1900-01-01", "2099-12-31", "2026-06-21"] {
                let r = try await browser.post(enterprise, [("action", FollowUpAction.orderedRectification.rawValue), ("date", date)])
                #expect(r.status == .unprocessableContent, "follow-up on \(date)")
                #expect(r.text.contains("不在合理范围内"))
            }
            let ok = try await browser.post(enterprise, [("action", FollowUpAction.orderedRectification.rawValue), ("date", "2026-06-26")])
            #expect(ok.status == .seeOther)
        }
        #expect(throws: PlanError.tooLong(field: "plan name", limit: Bounds.name)) {
            var plan = testPlan
            plan.number = "栾联2026100"
            plan.name = String(repeating: "名", count: 9_000_000 / 3)
            try world.db.createPlan(plan, actor: at("2026-06-27"))
        }
    }
}
