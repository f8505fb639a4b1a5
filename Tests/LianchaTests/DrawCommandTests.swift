import Foundation
import Testing
import Inspection
import InspectionStore
@testable import liancha

@Suite struct DrawCommandTests {
    /// The Luancheng fixtures in a fresh database.
    func luancheng() throws -> Workspace {
        let w = try Workspace.initialised()
        #expect(w.run("import", "enterprises", fixturesDir.appendingPathComponent("luancheng/enterprises.csv").path) == 0)
        return w
    }

    func draws(_ w: Workspace) throws -> [StoredDraw] { try AppDatabase.openExisting(w.database).draws() }

    @Test func aQuarterDrawIsStoredExportedAndVerified() throws {
        let w = try luancheng()
        #expect(w.run("draw", "quarter", "--policy", "zaozhuang-2024", "--quarter", "2024Q3", "--public-entropy", "开奖 518") == 0)
        let stored = try #require(try draws(w).first)
        #expect(stored.record.id == "D2024Q3-0001" && stored.record.strata.count == 4)
        let file = w.path("d.json")
        #expect(w.run("draw", "export", stored.record.id, "--output", file) == 0)
        #expect(w.run("draw", "verify", file) == 0)
        #expect(w.run("draw", "verify", stored.record.id) == 0)
        // The file is the record.
        #expect(try DrawRecord(json: Data(contentsOf: URL(fileURLWithPath: file))) == stored.record)
    }

    @Test func aTamperedRecordFailsVerification() throws {
        let w = try luancheng()
        #expect(w.run("draw", "quarter", "--policy", "zaozhuang-2024", "--quarter", "2024Q3") == 0)
        let file = w.path("d.json")
        #expect(w.run("draw", "export", "D2024Q3-0001", "--output", file) == 0)
        var record = try DrawRecord(json: Data(contentsOf: URL(fileURLWithPath: file)))
        let stratum = try #require(record.strata.firstIndex { ($0.drawn ?? []).count > 0 && $0.drawn!.count < $0.candidates.count })
        let outsider = record.strata[stratum].candidates.first { !record.strata[stratum].drawn!.contains($0) }!
        record.strata[stratum].drawn![0] = outsider
        try record.json().write(to: URL(fileURLWithPath: w.path("t.json")))
        #expect(w.run("draw", "verify", w.path("t.json")) == 1)
        try w.write("broken.json", "{\"format\": \"liancha-draw/1\"")
        #expect(w.run("draw", "verify", w.path("broken.json")) == 1)
    }

    @Test func aSealedDrawIsPublishedWithoutSeedOrListsUntilRevealed() throws {
        let w = try luancheng()
        #expect(w.run("draw", "quarter", "--policy", "xuchang-2026", "--quarter", "2026Q2", "--sealed",
                      "--ratio", "general=3%", "--ratio", "key=25%", "--ratio", "special=30%") == 0)
        let sealedFile = w.path("sealed.json")
        #expect(w.run("draw", "export", "D2026Q2-0001", "--output", sealedFile) == 0)
        let published = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: sealedFile))) as! [String: Any]
        #expect(published["seed"] is NSNull)
        #expect((published["strata"] as! [[String: Any]]).allSatisfy { $0["drawn"] is NSNull })
        #expect(published["commitment"] as? String == (try draws(w).first?.record.commitment))
        #expect(w.run("draw", "verify", sealedFile) == 1)
        #expect(w.run("draw", "reveal", "D2026Q2-0001") == 0)
        #expect(w.run("draw", "export", "D2026Q2-0001", "--output", w.path("open.json")) == 0)
        #expect(w.run("draw", "verify", w.path("open.json")) == 0)
    }

    @Test func drawingAScopeAgainNeedsSupersedesAndAReason() throws {
        let w = try luancheng()
        let args = ["draw", "quarter", "--policy", "zaozhuang-2024", "--quarter", "2024Q3"]
        #expect(w.run(args) == 0)
        #expect(w.run(args) == 1)
        #expect(w.run(args + ["--supersedes", "D2024Q3-0001"]) != 0)
        #expect(w.run(args + ["--supersedes", "D2024Q3-0001", "--reason", "名录库更新"]) == 0)
        let all = try draws(w)
        #expect(all.count == 2)
        #expect(all.first { $0.record.id == "D2024Q3-0001" }?.supersededBy == "D2024Q3-0002")
    }

    @Test(arguments: [
        ["--policy", "nosuch-2026", "--quarter", "2026Q2"],
        ["--policy", "zaozhuang-2024", "--quarter", "2024-2"],
        ["--policy", "zaozhuang-2024", "--quarter", "2024Q5"],
        ["--policy", "zaozhuang-2024", "--quarter", "2026Q2"],                       // policy of another year
        ["--policy", "xuchang-2026", "--quarter", "2026Q2"],                         // open ratios not given
        ["--policy", "xuchang-2026", "--quarter", "2026Q2", "--ratio", "general=three%", "--ratio", "key=25%", "--ratio", "special=30%"],
        ["--policy", "xuchang-2026", "--quarter", "2026Q2", "--ratio", "nosuch=5%"],
    ])
    func badInputIsOneClearErrorAndWritesNothing(args: [String]) throws {
        let w = try luancheng()
        #expect(w.run(["draw", "quarter"] + args) != 0)
        #expect(try draws(w).isEmpty)
    }

    @Test func aMalformedPolicyFileIsRejected() throws {
        let w = try luancheng()
        let file = try w.write("bad.yaml", "format: liancha-policy/1\nname: bad\n")
        #expect(w.run("draw", "quarter", "--policy", file, "--quarter", "2026Q2") == 1)
        #expect(try draws(w).isEmpty)
    }

    @Test func checksAndCoverage() throws {
        let w = try luancheng()
        #expect(w.run("draw", "quarter", "--policy", "zaozhuang-2024", "--quarter", "2024Q3") == 0)
        let drawn = try #require(try draws(w).first?.record.strata.first { ($0.drawn ?? []).count > 0 }?.drawn?.first)
        #expect(w.run("check", "record", "--draw", "D2024Q3-0001", "--enterprise", drawn, "--problem", "否", "--date", "2024-08-01") == 0)
        #expect(w.run("check", "record", "--draw", "D2024Q3-0001", "--enterprise", drawn, "--problem", "否") == 1)
        #expect(w.run("coverage", "--policy", "zaozhuang-2024", "--year", "2024") == 0)
        #expect(w.run("classify", "--policy", "zaozhuang-2024", "--explain", drawn) == 0)
        #expect(w.run("classify", "--policy", "zaozhuang-2024", "--output", w.path("classes.xlsx")) == 0)
    }
}
