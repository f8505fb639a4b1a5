import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inspection
import InspectionStore
import InspectionWeb
import Testing

/// The public results show what the national enterprise-credit publicity system shows beside each
/// result — 抽查机关, 检查事项, 抽查完成时间 — and filter by department and completion date, a page at a time.
@Suite struct PublicResultsTests {
    func rows(_ json: [String: Any]) throws -> [[String: Any]] { try #require(json["rows"] as? [[String: Any]]) }

    @Test func eachResultShowsTheInspectingBodiesTheItemsAndTheCompletionDate() async throws {
        let world = try World(.published)
        let names = Dictionary(uniqueKeysWithValues: try world.db.departments().map { ($0.code, $0.name) })
        let items = Dictionary(try world.db.planItems(planNumber).map { ($0.item.code, $0.item.name) }, uniquingKeysWith: { a, _ in a })
        let assignments = try world.db.assignments(planNumber)
        try await world.test { browser in
            let all = try rows(try await browser.get("/api/public/results?limit=200").json)
            #expect(all.count == Set(assignments.map(\.uscc)).count)
            for row in all {
                let uscc = try #require(row["uscc"] as? String)
                let departments = assignments.filter { $0.uscc == uscc }.map(\.department).sorted()
                #expect(row["departments"] as? String == departments.map { names[$0]! }.joined(separator: "、"))
                #expect(row["completedOn"] as? String == "2026-06-22")  // the visit the fixture records
                let checked = try #require(row["items"] as? String)
                #expect(!checked.isEmpty)
                for part in checked.split(separator: "；") { #expect(items.values.contains(String(part))) }
            }
            // The enterprise checked by both departments shows both, and the items of both.
            let shared = try #require(all.first { $0["uscc"] as? String == world.shared })
            #expect((shared["departments"] as? String)?.contains(names["HB"]!) == true)
            #expect((shared["items"] as? String)?.contains(items["HB-005"]!) == true)
            #expect((shared["items"] as? String)?.contains(items["YJ-001"]!) == true)

            let page = try await browser.get("/public/results").text
            for heading in ["抽查机关", "检查事项", "抽查完成时间"] { #expect(page.contains("<th>\(heading)</th>")) }
            #expect(page.contains(names["HB"]!) && page.contains("2026-06-22"))
        }
    }

    @Test func resultsFilterByDepartmentAndCompletionDate() async throws {
        let world = try World(.published)
        let hbName = try #require(try world.db.departments().first { $0.code == "HB" }).name
        let checkedByHB = Set(try world.db.assignments(planNumber).filter { $0.department == "HB" }.map(\.uscc))
        let everyone = Set(try world.db.assignments(planNumber).map(\.uscc))
        #expect(!checkedByHB.isEmpty && checkedByHB.count < everyone.count)
        try await world.test { browser in
            let hb = try await browser.get("/api/public/results?department=HB&limit=200").json
            #expect(hb["total"] as? Int == checkedByHB.count)
            #expect(Set(try rows(hb).compactMap { $0["uscc"] as? String }) == checkedByHB)
            #expect(try rows(hb).allSatisfy { ($0["departments"] as? String)?.contains(hbName) == true })
            #expect(try await browser.get("/api/public/results?department=SC").json["total"] as? Int == 0)

            func total(_ query: String) async throws -> Int? { try await browser.get("/api/public/results?\(query)").json["total"] as? Int }
            #expect(try await total("from=2026-06-22&to=2026-06-22") == everyone.count)
            #expect(try await total("to=2026-06-21") == 0)
            #expect(try await total("from=2026-06-23") == 0)
            #expect(try await total("from=2026-06-01&department=HB") == checkedByHB.count)
            // The page keeps the filter in its form.
            let page = try await browser.get("/public/results?department=HB&from=2026-06-01").text
            #expect(page.contains(#"<option value="HB" selected>"#) && page.contains(#"value="2026-06-01""#))

            for bad in ["from=2026-13-01", "to=yesterday", "limit=0", "limit=100000", "page=0", "page=x"] {
                let response = try await browser.get("/api/public/results?\(bad)")
                #expect(response.status == .unprocessableContent, "\(bad)")
                #expect((response.json["error"] as? [String: Any])?["message"] as? String != nil)
            }
        }
    }

    @Test func resultsComeAPageAtATime() async throws {
        let world = try World(.published)
        let everyone = Set(try world.db.assignments(planNumber).map(\.uscc))
        #expect(everyone.count > 3)
        try await world.test { browser in
            var seen: [String] = []
            var page = 1
            while true {
                let json = try await browser.get("/api/public/results?limit=3&page=\(page)").json
                #expect(json["total"] as? Int == everyone.count)
                let batch = try rows(json).compactMap { $0["uscc"] as? String }
                #expect(batch.count <= 3)
                seen += batch
                let pager = try #require(json["pager"] as? [String: Any])
                #expect(pager["page"] as? Int == page)
                guard let next = pager["next"] as? String else { break }
                #expect(next.contains("page=\(page + 1)") && next.contains("limit=3"))
                page += 1
            }
            #expect(seen.count == everyone.count && Set(seen) == everyone)
            #expect(page == (everyone.count + 2) / 3)
            // Past the last page: an empty page, not an error.
            #expect(try rows(try await browser.get("/api/public/results?limit=3&page=99").json).isEmpty)
            let html = try await browser.get("/public/results?limit=3").text
            #expect(html.contains("下一页") && !html.contains("上一页") && html.contains("第 1/"))
        }
    }

    @Test func noPublicPageNamesASourceFile() async throws {
        let world = try World(.published)
        let drawID = try #require(world.drawID)
        try await world.test { browser in
            for path in ["/public/results", "/public/plans?year=2026", "/public/draws", "/public/draws/\(p(drawID))",
                         "/api/public/results", "/api/public/plans?year=2026", "/api/public/draws/\(p(drawID))"] {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.text.range(of: #"种子|seeds?\s*0[0-9]{2}"#, options: [.regularExpression, .caseInsensitive]) == nil, "\(path)")
            }
        }
    }
}
