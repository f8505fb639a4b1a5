import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inspection
import InspectionStore
import InspectionWeb
import Testing

/// What the pages show: deadlines, downloads, the public pages, imports, escaping.
@Suite struct PagesTests {
    @Test func overdueConfirmationsAreShown() async throws {
        // Given a plan dispatched on Thursday 06-18 (Friday is 端午节): confirm by Tuesday 06-23
        let world = try World(.dispatched)
        try await world.test(clock: .fixed("2026-06-24")) { browser in
            try await browser.login(.coordinator)
            let page = try await browser.get("/plans/\(p(planNumber))").text
            #expect(page.contains("2026-06-23"))
            #expect(page.contains("已逾期"))
            #expect(page.contains("逾期未确认"))
            #expect(try await browser.get("/plans").text.contains("项逾期"))
            let json = try await browser.get("/api/plans/\(p(planNumber))").json
            #expect(json["overdueCount"] as? Int == 2)
        }
        try await world.test(clock: .fixed("2026-06-22")) { browser in
            try await browser.login(.clerk)
            let page = try await browser.get("/plans/\(p(planNumber))").text
            #expect(page.contains("剩 1 个工作日"))
            #expect(page.contains(#"name="reject["#))
        }
    }

    @Test func formsAndTablesDownloadWithTheirTypeAndAChineseFileName() async throws {
        let world = try World(.published)
        try await world.test { browser in
            try await browser.login(.coordinator)
            let base = "/plans/\(p(planNumber))"
            for (path, type) in [("\(base)/forms.docx", "wordprocessingml"), ("\(base)/forms/\(world.shared)", "wordprocessingml"),
                                 ("\(base)/statistics.docx", "wordprocessingml"), ("\(base)/statistics.xlsx", "spreadsheetml")] {
                let r = try await browser.get(path)
                #expect(r.status == .ok, "\(path)")
                #expect(r.headers[.contentType]?.contains(type) == true)
                let disposition = try #require(r.headers[.contentDisposition])
                #expect(disposition.hasPrefix("attachment; filename=\""))
                #expect(disposition.contains("filename*=UTF-8''%E6%A0%BE%E8%81%94"))  // 栾联
                let bytes = Array(r.body.readableBytesView)
                #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "\(path) is a ZIP package")
                let entries = String(decoding: bytes, as: UTF8.self)
                #expect(entries.contains(type == "spreadsheetml" ? "xl/workbook.xml" : "word/document.xml"))
            }
            let html = try await browser.get("\(base)/forms.html")
            #expect(html.headers[.contentType] == "text/html; charset=utf-8")
            #expect(html.text.contains("一企一表"))
            #expect(!html.text.contains("<script"))
        }
    }

    @Test func thePublicDrawPageRechecksTheDraw() async throws {
        let world = try World(.matched)
        try await world.test { browser in
            for id in [world.drawID!, world.teamDrawID!] {
                let page = try await browser.get("/public/draws/\(id)")
                #expect(page.status == .ok)
                #expect(page.text.contains("核验通过"))
                let json = try await browser.get("/api/public/draws/\(id)").json
                #expect((json["verification"] as? [String: Any])?["verified"] as? Bool == true)
                #expect((json["record"] as? [String: Any])?["format"] as? String == "liancha-draw/1")
            }
            #expect(try await browser.get("/public/draws/D2099-0001").status == .notFound)
        }
    }

    @Test func aSealedDrawShowsOnlyItsCommitmentInPublic() async throws {
        let world = try World(.frozen)
        try await world.test { browser in
            try await browser.login(.coordinator)
            let r = try await browser.postJSON("/api/plans/\(p(planNumber))/draw", #"{"sealed": true}"#)
            #expect(r.status == .ok)
            let id = try #require((r.json["data"] as? [String: Any])?["draw"] as? String)
            let visitor = Browser(client: browser.client)
            let page = try await visitor.get("/public/draws/\(id)")
            #expect(page.text.contains("已密封"))
            let json = try await visitor.get("/api/public/draws/\(id)").json
            let record = try #require(json["record"] as? [String: Any])
            #expect(record["seed"] is NSNull)
            #expect(((record["strata"] as? [[String: Any]])?.first?["drawn"]) is NSNull)
            // the auditor's full record has it
            let auditor = Browser(client: browser.client)
            try await auditor.login(.auditor)
            let full = try await auditor.get("/api/draws/\(id)").json
            #expect((full["record"] as? [String: Any])?["seed"] as? String == VerifiableDraw.hex(testSeed))
        }
    }

    @Test func publishedResultsAreFixedWordingOnly() async throws {
        let world = try World(.published)
        try await world.test { browser in
            let page = try await browser.get("/public/results")
            #expect(page.status == .ok)
            #expect(page.text.contains("发现问题已责令整改"))
            #expect(!page.text.contains("台账记录不完整"))  // the finding's description is not published
            let json = try await browser.get("/api/public/results?q=%E4%BC%81%E4%B8%9A").json
            let rows = try #require(json["rows"] as? [[String: Any]])
            #expect(!rows.isEmpty)
            #expect(Set(rows.compactMap { $0["result"] as? String }).isSubset(of: Set(PublishedResult.allCases.map(\.rawValue))))
            let plans = try await browser.get("/public/plans?year=2026")
            #expect(plans.text.contains(planNumber))
            #expect(plans.text.contains("对工贸行业企业的安全检查"))
        }
    }

    @Test func draftsAreNotInTheAnnualPlans() async throws {
        let world = try World(.draft)
        try await world.test { browser in
            let page = try await browser.get("/public/plans?year=2026").text
            #expect(!page.contains(planNumber))
        }
    }

    @Test func enterpriseNamesAreEscaped() async throws {
        let world = try World(.published)
        try await world.test { browser in
            try await browser.login(.coordinator)
            let page = try await browser.get("/plans/\(p(planNumber))").text
            #expect(page.contains("企业&lt;"))
            #expect(page.range(of: #"企业<\d"#, options: .regularExpression) == nil)
            let search = try await browser.get("/directory/enterprises?q=%3C1%3E").text
            #expect(search.contains("企业&lt;1&gt;&amp;"))
            #expect(search.contains("value=\"&lt;1&gt;\""))
        }
    }

    @Test func theStatisticsPageHasTheTableAndAChart() async throws {
        let world = try World(.published)
        try await world.test { browser in
            try await browser.login(.auditor)
            let page = try await browser.get("/plans/\(p(planNumber))/statistics").text
            #expect(page.contains("抽查结果处理"))
            #expect(page.contains(#"colspan="3""#))
            #expect(page.contains("<svg"))
            #expect(page.contains("发现问题（项）"))
            let json = try await browser.get("/api/plans/\(p(planNumber))/statistics").json
            let rows = try #require(json["rows"] as? [[String: Any]])
            #expect((rows.last?["cells"] as? [String])?.first == "合计")
        }
    }

    @Test func importsReportEveryBadRowAndWriteNothing() async throws {
        let world = try World(.none)
        try await world.test { browser in
            try await browser.login(.coordinator)
            let before = try world.db.auditCount()
            let bad = Data("统一社会信用代码,单位名称,行政区划代码\n\(code(100)),新企业,130111\n91130111XXXXXXXXX1,坏代码,130111\n\(code(101)),区划错,13011\n".utf8)
            let r = try await browser.upload("/directory/import", fields: [("table", "enterprises")], file: ("file", "bad.csv", bad))
            #expect(r.status == .unprocessableContent)
            #expect(r.text.contains("第 3 行"))
            #expect(r.text.contains("第 4 行"))
            #expect(r.text.contains("未导入任何数据"))
            #expect(try world.db.auditCount() == before)
            #expect(try world.db.enterprise(uscc: code(100)) == nil)
            let api = try await browser.upload("/api/directory/import", fields: [("table", "enterprises")], file: ("file", "bad.csv", bad))
            #expect(api.status == .unprocessableContent)
            #expect(((api.json["error"] as? [String: Any])?["details"] as? [String])?.count == 2)
            // the good rows alone, with skip-invalid
            let skip = try await browser.upload("/directory/import", fields: [("table", "enterprises"), ("skipInvalid", "true")], file: ("file", "bad.csv", bad))
            #expect(skip.status == .ok)
            #expect(skip.text.contains("新增 1 条"))
            #expect(try world.db.enterprise(uscc: code(100)) != nil)
            // a header that does not fit
            let header = try await browser.upload("/directory/import", fields: [("table", "items")], file: ("file", "x.csv", Data("a,b\n1,2\n".utf8)))
            #expect(header.status == .unprocessableContent)
            #expect(header.text.contains("表头"))
        }
    }

    @Test func aClerkImportsOnlyItsOwnDepartmentsRows() async throws {
        let world = try World(.none)
        try await world.test { browser in
            try await browser.login(.clerk)
            let before = try world.db.auditCount()
            let mixed = Data("部门,事项编码,抽查事项\nHB,HB-100,新事项\n应急,YJ-100,别人的事项\n".utf8)
            let r = try await browser.upload("/directory/import", fields: [("table", "items")], file: ("file", "items.csv", mixed))
            #expect(r.status == .forbidden)
            #expect(r.text.contains("第 3 行"))
            #expect(try await browser.upload("/directory/import", fields: [("table", "enterprises")],
                                             file: ("file", "e.csv", Data("统一社会信用代码,单位名称,行政区划代码\n".utf8))).status == .forbidden)
            #expect(try world.db.auditCount() == before)
            let own = Data("部门,事项编码,抽查事项\n生态环境,HB-100,新事项\n".utf8)
            #expect(try await browser.upload("/directory/import", fields: [("table", "items")], file: ("file", "items.csv", own)).status == .ok)
            #expect(try world.db.items().contains { $0.code == "HB-100" && $0.department == "HB" })
        }
    }

    @Test func theStylesheetIsServedAndPagesNeedNothingExternal() async throws {
        let world = try World(.published)
        try await world.test { browser in
            let css = try await browser.get("/static/app.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            try await browser.login(.coordinator)
            for path in ["/plans", "/plans/\(p(planNumber))", "/public/results", "/plans/\(p(planNumber))/statistics"] {
                let html = try await browser.get(path).text
                #expect(!html.contains("src=\"http") && !html.contains("href=\"http"), "\(path) loads something from elsewhere")
                #expect(html.contains(#"<meta name="viewport""#))
            }
        }
    }
}

/// Forms and JSON bodies decode alike.
@Suite struct FormInputTests {
    @Test func aDepartmentRejectsAnEnterpriseWhoseCodeIsAllDigits() async throws {
        let world = try World(.dispatched)
        let digits = try #require(try world.db.assignments(planNumber).first { $0.department == "HB" && $0.uscc.allSatisfy(\.isNumber) }).uscc
        try await world.test { browser in
            try await browser.login(.clerk)
            let others = try world.db.assignments(planNumber).filter { $0.department == "HB" && $0.uscc != digits }
            let r = try await browser.post("/plans/\(p(planNumber))/confirm",
                                           [("reject[\(digits)]", "不属本局监管")] + others.map { ("reject[\($0.uscc)]", "") })
            #expect(r.status == .seeOther)
            let rejected = try world.db.dispatches(planNumber).first { $0.uscc == digits && $0.department == "HB" }
            #expect(rejected?.rejectedReason == "不属本局监管")
            #expect(try world.db.assignments(planNumber).filter { $0.department == "HB" }.count == others.count)
        }
    }

    @Test func badJSONIsABadRequestNotACrash() async throws {
        let world = try World(.collecting)
        try await world.test { browser in
            try await browser.login(.clerk)
            let r = try await browser.postJSON("/api/plans/\(p(planNumber))/items", "{not json")
            #expect(r.status == .unprocessableContent)
            #expect(((r.json["error"] as? [String: Any])?["message"] as? String)?.contains("提交的内容有误") == true)
        }
    }
}
