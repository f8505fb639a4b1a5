import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inspection
import InspectionStore
import InspectionWeb
import Testing

/// The enterprise's code page and the evaluations, through the whole application.
@Suite struct VisitWebTests {
    /// The hidden `_csrf` of the first form of a page.
    static func formToken(_ page: TestResponse) throws -> String {
        let html = String(buffer: page.body)
        let range = try #require(html.range(of: #"name="_csrf" value=""#))
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static let evaluation = [("rating", "基本满意"), ("certificatesShown", "true"), ("noticeGiven", "true"), ("integrityKept", "true"),
                             ("comment", "未告知<申请回避>的权利")]

    @Test func theCodePageShowsTheVisitAndTakesOneEvaluationOnlyAfterTheCheckIn() async throws {
        let world = try World(.matched)
        let visit = try #require(world.approvedVisit)
        let token = try #require(visit.code?.token)
        try await world.test { enterprise in
            // The public page: departments, items and basis, inspectors with certificates, approver, the draw link.
            let page = try await enterprise.get("/v/\(token)")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            for expected in ["石家庄市生态环境局栾城分局", "对危险废物日常管理情况的检查", visit.filing.inspectors[0], "hbleader", "/public/draws/\(try #require(world.drawID))"] {
                #expect(html.contains(expected), "missing \(expected)")
            }
            #expect(!html.contains("评价本次检查"), "no evaluation before the visit")
            // The short code leads to the same page.
            let short = try await enterprise.get("/v?code=\(try #require(visit.code?.shortCode).lowercased())")
            #expect(short.status == .seeOther && short.headers[.location] == "/v/\(token)")
            #expect(try await enterprise.get("/v/\(String(repeating: "x", count: 27))").status == .notFound)

            // Evaluating before the check-in is refused, and without the page's token too.
            let csrf = try Self.formToken(page)
            #expect(try await enterprise.post("/v/\(token)/evaluation", Self.evaluation, csrf: csrf).status == .conflict)
            _ = try world.db.checkIn(visit.id, certificate: visit.filing.inspectors[0], actor: at("2026-06-23"))
            #expect(try await enterprise.post("/v/\(token)/evaluation", Self.evaluation, csrf: "forged").status == .forbidden)
            let evaluated = try await enterprise.post("/v/\(token)/evaluation", Self.evaluation, csrf: csrf)
            #expect(evaluated.status == .seeOther)
            // The enterprise has no session: the page it returns to says what was sent, and offers no second evaluation.
            let location = try #require(evaluated.headers[.location])
            let thanked = String(buffer: try await enterprise.get(location).body)
            #expect(thanked.contains("感谢您的评价") && thanked.contains("本次检查已评价") && !thanked.contains("评价本次检查"))
            #expect(thanked.contains("入企 2026年6月23日 09:00"), "the check-in time as people write it")
            #expect(try await enterprise.post("/v/\(token)/evaluation", Self.evaluation, csrf: csrf).status == .conflict)
            #expect(try await enterprise.post("/v/\(token)/complaint", [("text", "检查时要求停产")], csrf: csrf).status == .seeOther)
            #expect(try world.db.evaluations(excludingDepartment: nil).total == 1)
            #expect(try world.db.complaints(excludingDepartment: nil).total == 1)
            // Both are in the audit log, by the public through the visit's code, without the comment or the complaint's text
            let log = try world.db.auditLog(limit: 2)
            #expect(Set(log.map(\.action)) == ["visit evaluation", "visit complaint"])
            #expect(log.allSatisfy { $0.operator == "public（检查码 \(visit.code?.shortCode ?? "")）" && $0.records == visit.id })
            #expect(!log.contains { $0.detail.contains("申请回避") || $0.detail.contains("停产") })
        }
    }

    @Test func theInspectedDepartmentSeesCountsOnlyAndTheCoordinatorNotItsOwn() async throws {
        let world = try World(.matched)
        let visit = try #require(world.approvedVisit)
        _ = try world.db.checkIn(visit.id, certificate: visit.filing.inspectors[0], actor: at("2026-06-23"))
        _ = try world.db.evaluateVisit(token: try #require(visit.code?.token), VisitEvaluation(
            rating: .dissatisfied, certificatesShown: false, noticeGiven: true, rightsTold: true, productionDisturbed: true,
            integrityKept: true, comment: "检查人员态度粗暴"), at: "2026-06-23T18:00:00+08:00")
        try await world.test { browser in
            for (who, seesText) in [(Who.clerk, false), (.leader, false), (.coordinator, false), (.auditor, true)] {
                let b = Browser(client: browser.client)
                try await b.login(who)
                let page = try await b.get("/evaluations")
                #expect(page.status == .ok)
                let html = String(buffer: page.body)
                // HB (clerk, leader) and YJ (the coordinator's own department) took part in the visit.
                #expect(html.contains("检查人员态度粗暴") == seesText, "\(who)")
                let api = try await b.get("/api/evaluations")
                #expect(String(buffer: api.body).contains("检查人员态度粗暴") == seesText, "\(who) api")
                if who == .clerk { #expect(html.contains("不满意 1")) }
            }
        }
    }

    @Test func theInspectorChecksInWithTheLocationAndTheLeaderApproves() async throws {
        let world = try World(.matched)
        try await world.test { browser in
            try await browser.login(.inspector)
            let id = try #require(world.approvedVisit?.id)
            let page = try await browser.get("/visits/\(id)")
            #expect(String(buffer: page.body).contains("入企扫码"))
            // Scanning the code while signed in leads the inspector of the visit to it; the enterprise sees no such link
            let token = try #require(world.approvedVisit?.code?.token)
            #expect(try await browser.get("/v/\(token)").text.contains(#"href="/visits/\#(id)""#))
            #expect(!(try await Browser(client: browser.client).get("/v/\(token)").text.contains(#"href="/visits/\#(id)""#)))
            #expect(String(buffer: page.body).contains(#"<script src="/static/visit.js"></script>"#))
            let done = try await browser.post("/visits/\(id)/checkin", [("latitude", "37.912345"), ("longitude", "114.6")])
            #expect(done.status == .seeOther)
            #expect(try world.db.visit(id).presence.location == "37.91235,114.60000")
            // The pending visit has no code: the inspector cannot check in.
            let pending = try #require(world.pendingVisit)
            #expect(try await browser.post("/visits/\(pending)/checkin").status == .conflict)
            let leader = Browser(client: browser.client)
            try await leader.login(.leader)
            #expect(try await leader.post("/visits/\(pending)/approve").status == .seeOther)
            #expect(try world.db.visit(pending).code != nil)
            #expect(try await browser.post("/visits/\(pending)/checkin").status == .seeOther)
        }
    }

    @Test func theLeadDepartmentFilesInTheWebHeldToTheCapUnlessExempted() async throws {
        // Given a plan visit of the shared enterprise filed already (HB and YJ), and a yearly cap of 1
        let world = try World(.matched)
        var environment = world.environment()
        environment.visitYearlyCap = { source, _ in if case .cause = source { nil } else { 1 } }
        let app = try buildApplication(environment)
        try await app.test(.router) { client in
            let clerk = Browser(client: client)
            try await clerk.login(.clerk)
            let form = try await clerk.get("/visits/new?plan=\(p(planNumber))&uscc=\(world.shared)")
            #expect(form.status == .ok && form.text.contains(world.shared) && form.text.contains(planNumber))
            let plan = [("source", "plan"), ("plan", planNumber), ("uscc", world.shared), ("from", "2026-06-25")]
            let before = try world.db.visits(limit: 50).total

            // When the HB clerk files a second plan visit: refused at the cap, the refusal counted, nothing filed
            let refused = try await clerk.post("/visits", plan)
            #expect(refused.status == .conflict, "\(refused.text.prefix(300))")
            #expect(refused.text.contains("年度上限"))
            #expect(try world.db.visits(limit: 50).total == before)
            #expect(try world.db.visitStatistics(source: .plan(planNumber), year: 2026).refusedAtCap == 1)
            // An exemption without its reason is refused too; with it the filing passes, the plan's defaults filled in
            #expect(try await clerk.post("/visits", plan + [("exemption", "企业申请")]).status == .unprocessableContent)
            let filed = try await clerk.post("/visits", plan + [("exemption", "企业申请"), ("exemptionReason", "企业申请整改后复查")])
            #expect(filed.status == .seeOther)
            let visit = try #require(try world.db.visits(limit: 1).visits.first)
            #expect(filed.headers[.location] == "/visits/\(visit.id)")
            #expect(visit.filing.departments == ["HB", "YJ"] && visit.filing.exemption == .requested && visit.yearlyCap == 1)
            #expect(visit.filing.inspectors.count >= 2 && visit.filing.items.map(\.department).contains("YJ") && visit.code == nil)

            // A clerk cannot file for a visit another department leads, nor the SC clerk for a plan SC is not in
            let led = try await clerk.post("/visits", plan + [("departments", "YJ,HB"), ("exemption", "企业申请"), ("exemptionReason", "复查")])
            #expect(led.status == .forbidden)
            let sc = Browser(client: client)
            try await sc.login("scclerk")
            #expect(try await sc.post("/visits", plan + [("exemption", "企业申请"), ("exemptionReason", "复查")]).status == .forbidden)
            #expect(try world.db.visits(limit: 50).total == before + 1)
        }
    }

    @Test func theInspectorUploadsTheResultAWithoutCheckInOnlyWithTheReason() async throws {
        let world = try World(.matched)
        try await world.test { inspector in
            try await inspector.login(.inspector)
            let id = try #require(world.approvedVisit?.id)
            #expect(String(buffer: try await inspector.get("/visits/\(id)").body).contains("无码检查的原因"))
            // Without check-in and without a reason: refused; with the reason: 无码检查
            #expect(try await inspector.post("/visits/\(id)/result", [("outcome", "未发现问题")]).status == .unprocessableContent)
            #expect(try world.db.visit(id).outcome == nil)
            #expect(try await inspector.post("/visits/\(id)/result", [("outcome", "发现问题"), ("findings", "台账缺失"),
                                                                     ("noCodeReason", "手机故障")]).status == .seeOther)
            #expect(try world.db.visit(id).isWithoutCode && world.db.visit(id).findings == "台账缺失")
            // On site: 离企 first; then the result is an ordinary one
            let onSite = try #require(world.checkedInVisit)
            #expect(try await inspector.post("/visits/\(onSite)/result", [("outcome", "未发现问题")]).status != .seeOther)
            #expect(try await inspector.post("/visits/\(onSite)/checkout").status == .seeOther)
            #expect(try await inspector.post("/visits/\(onSite)/result", [("outcome", "未发现问题")]).status == .seeOther)
            #expect(try world.db.visit(onSite).outcome == .noProblem && !world.db.visit(onSite).isWithoutCode)
            // Once recorded, no second result
            #expect(try await inspector.post("/visits/\(onSite)/result", [("outcome", "发现问题")]).status == .conflict)
        }
    }

    @Test func theVisitsPageWarnsOfAnEnterpriseVisitedTooOften() async throws {
        // Given a second complaint visit of the pending visit's enterprise on the same day (HB both)
        let world = try World(.matched)
        let pending = try world.db.visit(try #require(world.pendingVisit))
        var again = pending.filing
        again.source = .cause(.complaint, "12345 热线 003")
        _ = try world.db.fileVisit(again, yearlyCap: nil, random: visitChance(9), actor: at("2026-06-22"))
        try await world.test { browser in
            // Then HB's clerk and the coordinator see the warning; SC's clerk, which made none of the visits, does not
            for (name, warned) in [("hbclerk", true), ("coord", true), ("scclerk", false)] {
                let b = Browser(client: browser.client)
                #expect(try await b.login(name).status == .seeOther)
                let page = try await b.get("/visits")
                #expect(page.text.contains("频次预警") == warned && page.text.contains("2026-06-23被入企检查 2 次") == warned, "\(name)")
            }
        }
    }

    @Test func thePublicFormsHaveTheirOwnLimitPerAddressNotTheSignIns() async throws {
        // Given a visited enterprise and a limit of two public submissions per address
        let world = try World(.matched)
        let visit = try #require(world.approvedVisit)
        let token = try #require(visit.code?.token)
        _ = try world.db.checkIn(visit.id, certificate: visit.filing.inspectors[0], actor: at("2026-06-23"))
        var environment = world.environment()
        environment.submissionLimit = SubmissionLimit(maxSubmissions: 2, window: 3600)
        let app = try buildApplication(environment)
        try await app.test(.router) { client in
            let enterprise = Browser(client: client)
            let csrf = try VisitWebTests.formToken(try await enterprise.get("/v/\(token)"))
            #expect(try await enterprise.post("/v/\(token)/complaint", [("text", "一")], csrf: csrf).status == .seeOther)
            #expect(try await enterprise.post("/v/\(token)/evaluation", Self.evaluation, csrf: csrf).status == .seeOther)
            // Then the third is refused, and nothing of it is kept
            let third = try await enterprise.post("/v/\(token)/complaint", [("text", "三")], csrf: csrf)
            #expect(third.status == .tooManyRequests)
            #expect(try world.db.complaints(excludingDepartment: nil).total == 1)
            // The sign-in from the same address is not held back by it
            let staff = Browser(client: client)
            #expect(try await staff.login("coord").status == .seeOther)
        }
    }

    @Test func complaintsComeAPageAtATime() async throws {
        // Given 51 complaints about one visit
        let world = try World(.matched)
        let token = try #require(world.approvedVisit?.code?.token)
        for n in 1...51 { try world.db.complainAboutVisit(token: token, text: "投诉第\(n)件", contact: "", at: "2026-06-23T10:00:00+08:00") }
        try await world.test { browser in
            try await browser.login(.auditor)
            // Then the first page has 50 and a link on; the next has the last and a link back
            let first = try await browser.get("/evaluations").text
            #expect(first.components(separatedBy: "投诉第").count - 1 == 50)
            #expect(first.contains(#"href="/evaluations?complaints=50""#) && !first.contains("evaluations?evaluations="))
            let second = try await browser.get("/evaluations?complaints=50").text
            #expect(second.components(separatedBy: "投诉第").count - 1 == 1 && second.contains(#"href="/evaluations?complaints=0""#))
        }
    }

    @Test func thePublicItemListShowsBasisObjectAndMethod() async throws {
        let world = try World(.none)
        try await world.test { browser in
            let page = try await browser.get("/public/items")
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("对危险废物日常管理情况的检查"))
        }
    }
}
