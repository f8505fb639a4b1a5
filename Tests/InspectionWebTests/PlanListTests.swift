import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inspection
import InspectionStore
import InspectionWeb
import Testing

/// A plan's lists a page at a time, counted in SQL (issue 12): they agree with what the domain
/// computes from the whole plan, and the pages filter and paginate.
@Suite struct PlanListTests {
    /// The domain's deadlines of the whole plan on `today`.
    func domainDeadlines(_ db: AppDatabase, today: LocalDate) throws -> [Deadline] {
        let plan = try db.plan(planNumber).plan
        return try db.planActivity(planNumber).deadlines(
            confirmations: try db.confirmations(planNumber).map { ($0.department, $0.due, $0.confirmedOn != nil) },
            published: Set(try db.publications(plan: planNumber).map(\.uscc)), planPublished: plan.state >= .published,
            calendar: try db.workCalendar())
    }

    @Test(arguments: [Stage.matched, .recorded, .published])
    func overdueAndMissingCountedInSQLAgreeWithTheDomain(_ stage: Stage) throws {
        // Given the plan at `stage` (visits on 06-24; the shared enterprise's findings followed up only once published)
        let world = try World(stage)
        let db = world.db
        let plan = try db.plan(planNumber).plan
        #expect(try db.missingResultCount(planNumber) == db.missingResults(planNumber).count)
        for today in ["2026-06-25", "2026-07-22", "2026-07-23", "2026-08-31"].map(day) {
            // When the deadlines are counted in SQL and by the domain
            let terms = try OverdueTerms.of(plan, today: today, calendar: try db.workCalendar())
            let counts = try db.overdueCounts(planNumber, terms: terms)
            let overdue = try domainDeadlines(db, today: today).filter { $0.isOverdue(on: today) }
            // Then they agree, kind by kind, and the overdue filter lists the enterprises concerned
            #expect(counts.publications == overdue.filter { $0.kind == .publication }.count, "\(today)")
            #expect(counts.followUps == overdue.filter { $0.kind == .followUp }.count, "\(today)")
            let listed = try db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(overdue: terms), offset: 0, limit: 1000)
            let expected = Set(overdue.filter { $0.kind != .confirmation }.map { String($0.subject.prefix(18)) })
            #expect(Set(listed.rows.map(\.uscc)) == expected, "\(today)")
            #expect(listed.total == expected.count)
        }
        if stage == .recorded {
            // Not vacuous: late in August both kinds are overdue
            let late = try db.overdueCounts(planNumber, terms: .of(plan, today: day("2026-08-31"), calendar: db.workCalendar()))
            #expect(late.publications > 0 && late.followUps > 0)
        }
    }

    @Test(arguments: [Stage.dispatched, .matched, .recorded, .published])
    func statisticsCountedInSQLAreTheDomainsTable(_ stage: Stage) throws {
        // Given the plan at `stage`, with an assistant and a replacement once teams are matched
        let world = try World(stage)
        let db = world.db
        if stage == .matched {
            try db.addAssistant(planNumber, uscc: world.shared, department: "HB", certificate: "ZJ1", actor: at("2026-06-23"))
            _ = try db.replaceInspector(planNumber, uscc: world.shared, certificate: world.inspectorCertificate, reason: "生病",
                                        approvedBy: "局长", actor: at("2026-06-23"))
        }
        // When the statistics are counted in SQL
        let statistics = try db.planStatistics(planNumber)
        let activity = try db.planActivity(planNumber)
        // Then the table is the domain's, and the chart's extra column counts the results without a problem
        #expect(statistics.rows == activity.statistics())
        #expect(statistics.noProblemItems == statistics.codes.map { code in
            activity.results.filter { $0.department == code && $0.outcome == .noProblem }.count
        })
        if stage >= .matched { #expect(statistics.rows.last!.inspectorPicks > 0) }
        if stage >= .published { #expect(statistics.rows.last!.rectificationOrdered == 1) }
    }

    @Test func theEnterpriseListIsTheAssignmentsInDrawOrderAPageAtATime() throws {
        // Given a plan with results recorded
        let world = try World(.recorded)
        let db = world.db
        let assignments = try db.assignments(planNumber)
        var order: [String] = []
        for a in assignments where !order.contains(a.uscc) { order.append(a.uscc) }
        let results = try db.planActivity(planNumber).results
        // When the whole list is read, then a page of it
        let all = try db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(), offset: 0, limit: 1000)
        let page = try db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(), offset: 2, limit: 3)
        // Then it holds every assigned enterprise in draw order, with its departments and progress
        #expect(all.rows.map(\.uscc) == order)
        #expect(all.total == order.count && page.total == order.count)
        #expect(page.rows.map(\.uscc) == Array(order[2..<min(5, order.count)]))
        for row in all.rows {
            #expect(row.departments == assignments.filter { $0.uscc == row.uscc }.map(\.department).sorted())
            #expect(row.recorded == results.filter { $0.uscc == row.uscc }.count)
            #expect(row.expected == row.recorded)
        }
        // And the filters narrow it: department, text (USCC, name, label), progress
        let hb = try db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(department: "HB"), offset: 0, limit: 1000)
        #expect(hb.rows.map(\.uscc) == order.filter { u in assignments.contains { $0.uscc == u && $0.department == "HB" } })
        let byUSCC = try db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(text: world.shared), offset: 0, limit: 1000)
        #expect(byUSCC.rows.map(\.uscc) == [world.shared])
        let byLabel = try db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(text: "危化"), offset: 0, limit: 1000)
        #expect(!byLabel.rows.isEmpty && byLabel.rows.allSatisfy { $0.departments.contains("HB") })
        #expect(try db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(progress: .incomplete), offset: 0, limit: 1000).total == 0)
        #expect(try db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(progress: .complete), offset: 0, limit: 1000).total == order.count)
        // One department's progress counts its own results only
        let hbOnly = try db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(department: "HB"), progressOf: "HB", offset: 0, limit: 1000)
        for row in hbOnly.rows {
            #expect(row.recorded == results.filter { $0.uscc == row.uscc && $0.department == "HB" }.count)
        }
    }

    @Test func recordingTheLastResultsMakesThePlanRecordedAndNotBefore() throws {
        // Given a matched plan
        let world = try World(.matched)
        let db = world.db
        let assignments = try db.assignments(planNumber)
        let items = try db.planItems(planNumber)
        // When each assignment's results are recorded in turn
        for (i, (uscc, department)) in assignments.enumerated() {
            let e = try #require(try db.enterprise(uscc: uscc))
            let codes = testPlan.items(of: department, at: e, in: items).map(\.item.code)
            let state = try db.recordResults(planNumber, department: department, uscc: uscc, results: codes.map {
                ItemResult(uscc: uscc, department: department, itemCode: $0, outcome: .noProblem, description: "", confidential: false)
            }, visit: VisitRecord(uscc: uscc, department: department, checkedOn: day("2026-06-24")), actor: at("2026-06-24"))
            // Then the plan is checking until the last one, recorded after it, as the missing count says
            #expect(state == (i == assignments.count - 1 ? .recorded : .checking), "\(i)")
            #expect((try db.missingResultCount(planNumber) == 0) == (state == .recorded))
        }
        // And a correction keeps it recorded
        let (uscc, department) = try #require(assignments.first)
        let e = try #require(try db.enterprise(uscc: uscc))
        let code = try #require(testPlan.items(of: department, at: e, in: items).first).item.code
        #expect(try db.recordResults(planNumber, department: department, uscc: uscc, results: [
            ItemResult(uscc: uscc, department: department, itemCode: code, outcome: .problem, description: "更正", confidential: false),
        ], visit: VisitRecord(uscc: uscc, department: department, checkedOn: day("2026-06-24")), actor: at("2026-06-25")) == .recorded)
    }

    @Test func thePlanAndTeamsPagesFilterAndPaginate() async throws {
        let world = try World(.recorded)
        let order = try world.db.planEnterprises(planNumber, filter: PlanEnterpriseFilter(), offset: 0, limit: 1000).rows.map(\.uscc)
        try await world.test { browser in
            try await browser.login(.coordinator)
            let base = "/api/plans/\(p(planNumber))"
            // The whole first page, then a filter by USCC, then a page past the end
            let first = try await browser.get(base).json
            #expect((first["enterprises"] as? [[String: Any]])?.compactMap { $0["uscc"] as? String } == order)
            #expect((first["pager"] as? [String: Any])?["total"] as? Int == order.count)
            let one = try await browser.get(base + "?q=\(world.shared)").json
            #expect((one["enterprises"] as? [[String: Any]])?.compactMap { $0["uscc"] as? String } == [world.shared])
            let past = try await browser.get(base + "?page=99").json
            #expect((past["enterprises"] as? [[String: Any]])?.isEmpty == true)
            #expect(((past["pager"] as? [String: Any])?["previous"] as? String)?.contains("page=") == true)
            // The HTML page keeps the filter in its form
            let html = try await browser.get("/plans/\(p(planNumber))?q=\(world.shared)&progress=complete").text
            #expect(html.contains(#"value="\#(world.shared)""#))
            #expect(html.contains(#"<option value="complete" selected>"#))
            // The teams page shows the teams of the enterprises of its page only
            let teams = try await browser.get("/api/plans/\(p(planNumber))/teams?q=\(world.shared)").json
            #expect(Set((teams["teams"] as? [[String: Any]])?.compactMap { $0["uscc"] as? String } ?? []) == [world.shared])
        }
        // A clerk's list is its department's enterprises, whatever the query asks
        try await world.test { browser in
            try await browser.login(.clerk)
            let json = try await browser.get("/api/plans/\(p(planNumber))?department=YJ").json
            let listed = (json["enterprises"] as? [[String: Any]])?.compactMap { $0["uscc"] as? String } ?? []
            let hb = try world.db.assignments(planNumber).filter { $0.department == "HB" }.map(\.uscc)
            #expect(!listed.isEmpty && Set(listed) == Set(hb))
        }
    }
}
