import ArgumentParser
import Foundation
import Testing
import Inspection
import InspectionDocuments
import InspectionStore
@testable import liancha

@Suite struct DemoTests {
    @Test func theLuanchengDemoRunsEndToEndAndItsFilesReadBack() throws {
        let w = try Workspace()
        let out = w.path("demo")
        var demo = try Liancha.parseAsRoot(["demo", "--output", out, "--fixtures", fixturesDir.path])
        try demo.run()

        let db = try AppDatabase.openExisting(out + "/liancha.sqlite")
        let plan = try db.plan("栾联2026006")
        #expect(plan.plan.state == .closed)
        // Every draw verifies, from the exported JSON.
        for id in [plan.drawID, plan.teamDrawID].compactMap({ $0 }) {
            let record = try DrawRecord(json: Data(contentsOf: URL(fileURLWithPath: "\(out)/draws/\(id).json")))
            #expect(record.verify().isVerified)
        }
        // One form per enterprise checked, plus the combined document and the HTML.
        let forms = try FileManager.default.contentsOfDirectory(atPath: out + "/forms")
        let enterprises = Set(try db.assignments("栾联2026006").map(\.uscc)).count
        #expect(forms.filter { $0.hasSuffix(".docx") }.count == enterprises + 1)
        #expect(forms.contains("栾联2026006-一企一表.html"))
        // The statistics table in the XLSX is the one computed from the records.
        let xlsx = try Data(contentsOf: URL(fileURLWithPath: out + "/tables/栾联2026006-联合抽查情况统计表.xlsx"))
        var reader = try TableReader(data: xlsx, format: .xlsx)
        var cells: [[String]] = [reader.header]
        while let row = try reader.next() { cells.append(row) }
        for row in try db.planActivity("栾联2026006").statistics() {
            #expect(cells.contains { $0.prefix(11) == ([row.department] + row.values.map(String.init))[...] }, "\(row.department)")
        }
        // Published results use the fixed wording.
        let published = try db.publications(plan: "栾联2026006")
        #expect(!published.isEmpty && published.allSatisfy { PublishedResult(rawValue: $0.wording) != nil })
    }

    @Test func aPlanCommandOutOfOrderSaysTheStateAndWritesNothing() throws {
        let w = try Workspace.initialised()
        let file = fixturesDir.appendingPathComponent("luancheng/plan-2026-06.yaml").path
        #expect(w.run("plan", "create", "--file", file) == 0)
        let before = try AppDatabase.openExisting(w.database).auditLog(limit: 100).count
        #expect(w.run("plan", "draw", "栾联2026006") == 1)
        #expect(w.run("plan", "freeze", "栾联2026006") == 1)
        #expect(w.run("plan", "create", "--file", file) == 1)             // the number exists
        #expect(w.run("plan", "show", "nosuch") == 1)
        #expect(try AppDatabase.openExisting(w.database).auditLog(limit: 100).count == before)
    }
}
