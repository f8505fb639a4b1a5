import ArgumentParser
import Foundation
import Testing
import Inspection
import InspectionDocuments
import InspectionStore
import InspectionWeb
import ZIPFoundation
@testable import liancha

@Suite struct VisitCommandTests {
    @Test func theDemoRunsTheLoopAndTheVisitCommandsWorkOnIt() throws {
        // Given the demo's database
        let w = try Workspace()
        let out = w.path("demo")
        var demo = try Liancha.parseAsRoot(["demo", "--output", out, "--fixtures", fixturesDir.path])
        try demo.run()
        let path = out + "/liancha.sqlite"
        let db = try AppDatabase.openExisting(path)
        let enterprises = Set(try db.assignments("栾联2026006").map(\.uscc)).count
        // Then every enterprise had one joint visit, coded; two evaluations, one complaint, one 无码检查.
        let visits = try db.visits(source: .plan("栾联2026006"), limit: 500)
        #expect(visits.total == enterprises)
        #expect(visits.visits.allSatisfy { $0.code != nil && $0.status == .recorded })
        let stats = try db.visitStatistics(source: .plan("栾联2026006"), year: 2026)
        #expect(stats.evaluations.evaluations == 2 && stats.evaluations.complaints == 1)
        #expect(stats.withoutCode.count == 1 && stats.checkedIn == enterprises - 1)
        #expect(visits.visits.contains { $0.presence.lateReason != nil })
        // Each visit's notice, record and approval form were written, and the notice carries its QR image.
        let files = try FileManager.default.contentsOfDirectory(atPath: out + "/visits")
        #expect(files.filter { $0.hasSuffix("-行政检查通知书.docx") }.count == enterprises)
        #expect(files.filter { $0.hasSuffix("-现场检查笔录.docx") }.count == enterprises)
        #expect(files.filter { $0.hasSuffix("-行政检查审批表.docx") }.count == enterprises)
        let notice = try #require(files.first { $0.hasSuffix("-行政检查通知书.docx") })
        let archive = try Archive(url: URL(fileURLWithPath: out + "/visits/" + notice), accessMode: .read)
        #expect(archive["word/media/image1.png"] != nil)
        // It prints this year's count against the cap the filing was held to (seed 002: twice a year).
        var xml = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { xml.append($0) }
        #expect(String(decoding: xml, as: UTF8.self).contains("本年度对你单位检查第1次（年度上限\(DemoVisits.yearlyCap)次）"))
        // The leaders' accounts take the password the demo prints, which meets the password policy.
        for code in ["YJ", "SL", "HB"] {
            let leader = try #require(try db.account(named: DemoVisits.leader(code)))
            #expect(leader.account.role == .leader && Passwords.verify(DemoVisits.leaderPassword(code), hash: leader.passwordHash))
            #expect(Passwords.problem(with: DemoVisits.leaderPassword(code), account: DemoVisits.leader(code)) == nil)
        }

        // When a complaint visit is filed, approved, checked in and out, and its result recorded by the CLI
        let uscc = try #require(visits.visits.first?.filing.uscc)
        let inspectors = try db.inspectors().filter { $0.department == "YJ" && $0.kind == .officer && $0.onDuty }.prefix(2).map(\.certificate)
        let run = { (args: [String]) -> Int32 in
            do {
                var command = try Liancha.parseAsRoot(args + ["--database", path])
                try command.run()
                return 0
            } catch {
                return Liancha.exitCode(for: error).rawValue
            }
        }
        #expect(run(["visit", "file", "--source", "cause:投诉举报", "--cause-note", "12345热线工单 2026-0815", "--uscc", uscc,
                     "--departments", "YJ", "--inspectors", inspectors.joined(separator: ","), "--items", "YJ:YJ-001", "--from", "2026-08-20"]) == 0)
        let id = try #require(try db.visits(pending: true).visits.first?.id)
        #expect(run(["visit", "checkin", id, "--certificate", inspectors[0]]) == 1)  // no code before approval
        #expect(run(["visit", "refuse", id, "--leader", "HB-负责人", "--reason", "x"]) == 1)  // not the lead's leader
        #expect(run(["visit", "approve", id, "--leader", "YJ-负责人"]) == 0)
        #expect(run(["visit", "checkin", id, "--certificate", inspectors[0], "--location", "37.9,114.6"]) == 0)
        #expect(run(["visit", "checkout", id, "--certificate", inspectors[1]]) == 0)
        #expect(run(["visit", "result", id, "--outcome", "未发现问题"]) == 0)
        #expect(run(["visit", "show", id]) == 0)
        #expect(run(["visit", "documents", id, "--output", w.path("docs"), "--public-url", "https://jc.example.gov.cn"]) == 0)
        // Then
        #expect(try db.visit(id).status == .recorded)
        #expect(try FileManager.default.contentsOfDirectory(atPath: w.path("docs")).count == 4)

        // The results as the national system takes them.
        #expect(run(["plan", "export-results", "栾联2026006", "--output", w.path("results.csv")]) == 0)
        var reader = try TableReader(data: try Data(contentsOf: URL(fileURLWithPath: w.path("results.csv"))), format: .csv)
        #expect(Array(reader.header.prefix(9)) == ["抽查计划编号", "抽查计划名称", "抽查任务编号", "抽查任务名称", "抽查类型", "抽查机关", "抽查完成时间", "检查事项", "检查结果"])
        var rows = 0
        while let row = try reader.next() {
            #expect(row[0] == "栾联2026006" && PublishedResult(rawValue: row[8]) != nil)
            rows += 1
        }
        let assignments = try db.assignments("栾联2026006").count
        #expect(rows > 0 && rows <= assignments)
    }
}
