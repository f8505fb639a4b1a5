import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inspection
import InspectionStore
import InspectionWeb
import Testing

/// A whole joint plan run through the pages only: a coordinator, two partner clerks and an inspector.
@Suite struct PlanFlowWebTests {
    @Test func aPlanFromCreationToPublicationInTheBrowser() async throws {
        // Given a district and the accounts (a second partner clerk, of SC, joins this plan)
        let world = try World(.none)
        let db = world.db
        let number = "栾联2026007"
        let plan = "/plans/\(p(number))"
        try await world.test(clock: .fixed("2026-06-23")) { browser in
            let coord = browser, hb = Browser(client: browser.client), sc = Browser(client: browser.client)
            try await coord.login(.coordinator)
            try await hb.login(.clerk)
            #expect(try await sc.login("scclerk").status == .seeOther)
            try await sc.refreshToken()

            // When the coordinator creates the plan and opens it
            var r = try await coord.post("/plans", [
                ("number", number), ("name", "第七次联合抽查"), ("jurisdiction", "石家庄市栾城区"), ("ordinal", "7"), ("start", "2026-06-22"),
                ("end", "2026-07-31"), ("partners[]", "HB"), ("partners[]", "SC"), ("scopeDepartments[]", "YJ"), ("ratioA", "10%"),
                ("ratioB", "10%"), ("ratioC", "20%"), ("ratioD", "20%"), ("overall", "3%"), ("maxPerInspector", "3"),
            ])
            #expect(r.status == .seeOther)
            #expect(r.headers[.location] == plan)
            // …a partner does not see the lead's draft
            #expect(try await hb.get(plan).status == .forbidden)
            #expect(!(try await hb.get("/plans").text.contains(number)))
            #expect(try await coord.post("\(plan)/collect").status == .seeOther)

            // …each department submits its own items
            #expect(try await hb.post("\(plan)/items", [("codes[]", "HB-005"), ("labels", "行业=危化")]).status == .seeOther)
            #expect(try await sc.post("\(plan)/items", [("codes[]", "SC-001"), ("labels", "行业=食品")]).status == .seeOther)
            #expect(try await coord.post("\(plan)/items", [("codes[]", "YJ-001")]).status == .seeOther)
            // …and a department cannot submit another's items
            #expect(try await hb.post("\(plan)/items", [("codes[]", "YJ-002"), ("department", "YJ")]).status == .forbidden)
            #expect(try await hb.post("\(plan)/items", [("codes[]", "YJ-002")]).status == .unprocessableContent)
            // …nor sees the others' items before they are frozen
            let hbPage = try await hb.get(plan).text
            #expect(hbPage.contains("HB-005"))
            #expect(!hbPage.contains("YJ-001") && !hbPage.contains("SC-001"))

            // …the coordinator freezes, draws and dispatches
            #expect(try await coord.post("\(plan)/freeze").status == .seeOther)
            #expect(try await coord.post("\(plan)/draw", [("publicEntropy", "flow test")]).status == .seeOther)
            #expect(try await coord.post("\(plan)/dispatch").status == .seeOther)
            #expect(try await coord.get(plan).text.contains("2026-06-25"))  // 2 working days after 06-23

            // …the departments confirm within 2 working days; SC was sent nothing to confirm
            let hbEnterprises = try db.assignments(number).filter { $0.department == "HB" }.map(\.uscc)
            #expect(!hbEnterprises.isEmpty)
            #expect(try await hb.post("\(plan)/confirm").status == .seeOther)
            #expect(try await sc.post("\(plan)/confirm").status == .unprocessableContent)
            #expect(try await coord.post("\(plan)/match").status == .conflict)  // YJ has not confirmed yet
            #expect(try await coord.post("\(plan)/confirm").status == .seeOther)
            #expect(try await coord.post("\(plan)/match").status == .seeOther)

            // …an inspector of an HB team signs in and records results on the phone
            let team = try #require(try db.planTeams(number).first { $0.department == "HB" })
            try db.addAccount(Account(name: "inspector2", department: "HB", role: .inspector, certificate: team.inspectors[0]),
                              passwordHash: Passwords.hash(password, cost: 4), actor: at("2026-06-23"))
            let inspector = Browser(client: browser.client)
            #expect(try await inspector.login("inspector2").status == .seeOther)
            try await inspector.refreshToken()
            let forms = try await inspector.get("/my/forms")
            #expect(forms.text.contains(team.uscc))
            let form = try await inspector.get("\(plan)/forms/\(team.uscc)")
            #expect(form.status == .ok)
            #expect(form.headers[.contentType] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
            r = try await inspector.post("\(plan)/enterprises/\(team.uscc)/results", [
                ("outcome[HB-005]", "发现问题"), ("description[HB-005]", "危废台账缺失<script>"), ("checkedOn", "2026-06-23"), ("questions", "1"),
            ])
            #expect(r.status == .seeOther)
            let page = try await inspector.get("\(plan)/enterprises/\(team.uscc)").text
            #expect(page.contains("危废台账缺失&lt;script&gt;"))
            #expect(!page.contains("<script>"))

            // …the HB clerk records the other HB results, the coordinator YJ's
            for uscc in hbEnterprises where uscc != team.uscc {
                #expect(try await hb.post("\(plan)/enterprises/\(uscc)/results", [("outcome[HB-005]", "未发现问题")]).status == .seeOther)
            }
            #expect(try await coord.post("\(plan)/publish").status == .conflict)  // results missing
            for (uscc, department) in try db.assignments(number) where department == "YJ" {
                #expect(try await coord.post("\(plan)/enterprises/\(uscc)/results", [("outcome[YJ-001]", "未发现问题")]).status == .seeOther)
            }
            #expect(try db.plan(number).plan.state == .recorded)

            // …the clerk records the follow-up, the coordinator publishes and closes
            #expect(try await hb.post("\(plan)/enterprises/\(team.uscc)/followup", [("action", "责令改正"), ("note", "限期15日整改")]).status == .seeOther)
            #expect(try await coord.post("\(plan)/publish").status == .seeOther)
            #expect(try await coord.post("\(plan)/close").status == .seeOther)

            // Then the public sees the results in the fixed wording, and nothing recorded beyond it
            let visitor = Browser(client: browser.client)
            let results = try await visitor.get("/public/results?plan=\(p(number))")
            #expect(results.status == .ok)
            #expect(results.text.contains("发现问题已责令整改"))
            #expect(results.text.contains("未发现问题"))
            #expect(!results.text.contains("危废台账缺失"))
            let stats = try await coord.get("\(plan)/statistics")
            #expect(stats.text.contains("<svg"))
            #expect(stats.text.contains("合计"))
            #expect(try db.plan(number).plan.state == .closed)
        }
    }

    @Test func aClerkWritesOnlyForItsOwnDepartment() async throws {
        let world = try World(.matched)
        let plan = "/plans/\(p(planNumber))"
        try await world.test { browser in
            try await browser.login(.clerk)
            let before = try world.db.auditCount()
            // HB's clerk posting YJ's results at an enterprise both check: refused, nothing written
            var r = try await browser.post("\(plan)/enterprises/\(world.shared)/results", [("department", "YJ"), ("outcome[YJ-001]", "未发现问题")])
            #expect(r.status == .forbidden)
            r = try await browser.postJSON("/api\(plan)/enterprises/\(world.shared)/results", #"{"department":"YJ","outcome":{"YJ-001":"发现问题"},"description":{"YJ-001":"x"}}"#)
            #expect(r.status == .forbidden)
            // …nor replacing YJ's inspector, nor confirming for YJ
            let yj = try #require(try world.db.planTeams(planNumber).first { $0.uscc == world.shared && $0.department == "YJ" })
            r = try await browser.post("\(plan)/teams/replace", [("uscc", world.shared), ("certificate", yj.inspectors[0]), ("reason", "x"), ("approvedBy", "y")])
            #expect(r.status == .forbidden)
            #expect(try world.db.auditCount() == before)
            #expect(try world.db.planActivity(planNumber).results.isEmpty)
            // An enterprise HB does not check is not HB's to see
            let yjOnly = try #require(try world.db.assignments(planNumber).first { a in a.department == "YJ" && a.uscc != world.shared }).uscc
            #expect(try await browser.get("\(plan)/enterprises/\(yjOnly)").status == .forbidden)
            // Its own results go through (JSON API, numbers as numbers)
            r = try await browser.postJSON("/api\(plan)/enterprises/\(world.shared)/results",
                                           #"{"outcome":{"HB-005":"未发现问题"},"questions":3,"refusedToSign":true}"#)
            #expect(r.status == .ok, "\(r.text)")
            #expect(try world.db.planActivity(planNumber).visits.first?.questionsAnswered == 3)
        }
    }

    @Test func aDepartmentOutsideThePlanSeesNothingOfIt() async throws {
        let world = try World(.matched)
        try await world.test { browser in
            #expect(try await browser.login("scclerk").status == .seeOther)
            try await browser.refreshToken()
            #expect(try await browser.get("/plans/\(p(planNumber))").status == .forbidden)
            #expect(try await browser.get("/plans/\(p(planNumber))/enterprises/\(world.shared)").status == .forbidden)
            #expect(!(try await browser.get("/plans").text.contains(planNumber)))
            let before = try world.db.auditCount()
            #expect(try await browser.post("/plans/\(p(planNumber))/confirm").status == .forbidden)
            #expect(try world.db.auditCount() == before)
        }
    }

    @Test func anInspectorEntersOnlyTheResultsOfItsOwnTeams() async throws {
        let world = try World(.matched)
        try await world.test { browser in
            try await browser.login(.inspector)
            let other = try #require(try world.db.assignments(planNumber).first { $0.uscc != world.shared }).uscc
            let before = try world.db.auditCount()
            #expect(try await browser.post("/plans/\(p(planNumber))/enterprises/\(other)/results", [("outcome[YJ-001]", "未发现问题")]).status == .forbidden)
            #expect(try await browser.get("/plans/\(p(planNumber))/forms/\(other)").status == .forbidden)
            #expect(try world.db.auditCount() == before)
            let page = try await browser.get("/plans/\(p(planNumber))/enterprises/\(world.shared)")
            #expect(page.text.contains(#"name="outcome[HB-005]""#))
            #expect(!page.text.contains(#"name="outcome[YJ-001]""#))
        }
    }

    @Test func stepsOutOfOrderAreRefusedWithTheRealStatus() async throws {
        let world = try World(.collecting)
        try await world.test { browser in
            try await browser.login(.coordinator)
            let before = try world.db.auditCount()
            let draw = try await browser.post("/plans/\(p(planNumber))/draw")
            #expect(draw.status == .conflict)
            #expect(draw.text.contains("征集事项"))
            #expect(draw.text.contains("现在不能抽取企业"))
            #expect(!draw.text.contains("SQLITE") && !draw.text.contains("Error("))
            let api = try await browser.post("/api/plans/\(p(planNumber))/publish")
            #expect(api.status == .conflict)
            #expect(((api.json["error"] as? [String: Any])?["message"] as? String)?.contains("公示结果") == true)
            #expect(try world.db.auditCount() == before)
            #expect(try await browser.get("/plans/\(p("栾联1999001"))").status == .notFound)
        }
    }

    @Test func teamShortageExplainsWhoWasExcluded() async throws {
        // Given HB's roster emptied of officers (all off duty) after confirmation
        let world = try World(.confirmed)
        _ = try world.db.importInspectors(TableSchema.inspectors.bind(header: ["certificate", "name", "department", "on_duty"]),
                                          rows: rows((1...4).map { ["H\($0)", "环保\($0)", "HB", "否"] }),
                                          options: ImportOptions(source: "duty"), actor: at("2026-06-22"))
        try await world.test { browser in
            try await browser.login(.coordinator)
            let r = try await browser.post("/plans/\(p(planNumber))/match")
            #expect(r.status == .conflict)
            #expect(r.text.contains("无法组成检查组"))
            #expect(r.text.contains("not on duty"))
            #expect(try world.db.plan(planNumber).plan.state == .dispatched)
        }
    }
}
