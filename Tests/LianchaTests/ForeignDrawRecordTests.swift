import Foundation
import Testing
import Inspection
@testable import liancha

/// `draw verify` on records written by another implementation: only the fields DRAW.md defines,
/// assembled here by hand from its format and the shared vectors (`fixtures/draw-vectors.json`).
@Suite struct ForeignDrawRecordTests {
    /// SHA-256 of vector A's seed bytes, computed outside liancha:
    /// `printf 98fe…0399 | xxd -r -p | sha256sum`.
    static let commitment = "4d265fe828faa668296b1d1fb4e489fd38abca191b847a2cee62914acb1e450a"

    /// DRAW.md's example record with vectors A and B as its two strata: no `sealed`, `policy`,
    /// `period`, `directed`, `plan`, `class`, `className` or `minimum`.
    func record() throws -> [String: Any] {
        let vectors = try JSONSerialization.jsonObject(with: Data(contentsOf: fixturesDir.appendingPathComponent("draw-vectors.json")))
        let all = try #require(vectors as? [String: [String: Any]])
        let strata: [[String: Any]] = try ["A", "B"].map { name in
            let v = try #require(all[name])
            return ["scope": v["scope"]!, "ratio": v["ratio"]!, "method": "site", "candidates": v["candidates"]!,
                    "snapshot": v["snapshot"]!, "excluded": [["id": "91130111ZZZZZZZZZZ", "reason": "注销"]],
                    "quota": v["k"]!, "drawn": v["drawn"]!]
        }
        return ["format": "liancha-draw/1", "id": "D2026Q2-0001", "created": "2026-04-01T09:30:00+08:00",
                "operator": "王某", "purpose": "2026Q2 routine draw", "seed": all["A"]!["seed"]!,
                "commitment": Self.commitment, "publicEntropy": NSNull(), "supersedes": NSNull(), "reason": NSNull(),
                "strata": strata, "teams": [], "replacements": []]
    }

    func verify(_ record: [String: Any], in w: Workspace) throws -> Int32 {
        let file = try w.write("foreign.json", try JSONSerialization.data(withJSONObject: record))
        return w.run("draw", "verify", file)
    }

    @Test func aRecordWithOnlyDrawMDsFieldsVerifies() throws {
        let w = try Workspace.initialised()
        #expect(try verify(try record(), in: w) == 0)
        // Read as liancha reads it: what it adds takes its neutral value.
        let decoded = try DrawRecord(json: JSONSerialization.data(withJSONObject: try record()))
        #expect(!decoded.sealed && decoded.directed.isEmpty && decoded.policy == nil && decoded.strata[0].classID == nil)
    }

    @Test func aTamperedForeignRecordIsStillRefused() throws {
        let w = try Workspace.initialised()
        var swapped = try record()
        var strata = try #require(swapped["strata"] as? [[String: Any]])
        var drawn = try #require(strata[0]["drawn"] as? [String])
        drawn.swapAt(0, 1)
        strata[0]["drawn"] = drawn
        swapped["strata"] = strata
        #expect(try verify(swapped, in: w) == 1)

        var forged = try record()
        forged["commitment"] = String(Self.commitment.reversed())
        #expect(try verify(forged, in: w) == 1)

        var outsider = try record()
        strata = try #require(outsider["strata"] as? [[String: Any]])
        strata[1]["candidates"] = Array((strata[1]["candidates"] as! [String]).dropLast())
        outsider["strata"] = strata
        #expect(try verify(outsider, in: w) == 1)
    }

    @Test(arguments: ["id", "commitment", "strata", "teams", "replacements", "purpose"])
    func aRecordLackingADrawMDFieldIsRefused(field: String) throws {
        let w = try Workspace.initialised()
        var r = try record()
        r[field] = nil
        #expect(try verify(r, in: w) == 1)
    }

    @Test func aWithheldSeedMeansSealedUnlessTheRecordSaysOtherwise() throws {
        let w = try Workspace.initialised()
        var r = try record()
        r["seed"] = NSNull()
        var strata = try #require(r["strata"] as? [[String: Any]])
        for i in strata.indices { strata[i]["drawn"] = NSNull() }
        r["strata"] = strata
        let sealed = try DrawRecord(json: JSONSerialization.data(withJSONObject: r))
        #expect(sealed.sealed && sealed.verify().sealed && !sealed.verify().isVerified)
        #expect(try verify(r, in: w) == 1)

        r["sealed"] = false
        let contradicting = try DrawRecord(json: JSONSerialization.data(withJSONObject: r)).verify()
        #expect(!contradicting.sealed && contradicting.problems.contains { $0.contains("not sealed") })
    }
}
