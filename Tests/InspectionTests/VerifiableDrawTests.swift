import Foundation
import Testing
import Inspection

/// `fixtures/draw-vectors.json`, a copy of the vectors DRAW.md ships.
struct DrawVector: Decodable {
    let seed: String
    let scope: String
    let ratio: String
    let candidates: [String]
    let k: Int
    let drawn: [String]
    let first_ticket: [String: String]
    let snapshot: String
}

func drawVectors() throws -> [String: DrawVector] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/draw-vectors.json")
    return try JSONDecoder().decode([String: DrawVector].self, from: Data(contentsOf: url))
}

@Suite struct VerifiableDrawTests {
    @Test(arguments: ["A", "B"])
    func reproducesTheSharedVectors(name: String) throws {
        let v = try #require(try drawVectors()[name])
        let seed = try #require(VerifiableDraw.seedBytes(hex: v.seed))
        let ratio = try Ratio(v.ratio)
        #expect(ratio.quota(of: v.candidates.count) == v.k)
        #expect(VerifiableDraw.snapshot(v.candidates) == v.snapshot)
        for (id, ticket) in v.first_ticket {
            #expect(VerifiableDraw.hex(VerifiableDraw.ticket(seed: seed, scope: v.scope, id: id)) == ticket)
        }
        #expect(VerifiableDraw.draw(seed: seed, scope: v.scope, candidates: v.candidates, count: v.k) == v.drawn)
        // The storage order of the directory does not matter.
        #expect(VerifiableDraw.draw(seed: seed, scope: v.scope, candidates: v.candidates.reversed(), count: v.k) == v.drawn)
    }

    @Test(arguments: [0, 1, 2, 7, 49, 50, 199, 200, 5_000])
    func drawingKIsTheFirstKOfTheFullTicketOrder(k: Int) throws {
        // Drawing k of n keeps only the k smallest tickets; it must agree with sorting all of them,
        // duplicates (equal tickets, ordered by id) and non-ASCII ids (hashed after NFC) included.
        let seed = VerifiableDraw.seed(fromPublicEntropy: "draw k \(k)")
        var candidates = (0..<800).map { String(format: "91130111MA%08dX", $0 * 7919 % 100_000) }
        candidates += ["企业甲", "e\u{301}tude", "\u{e9}tude", candidates[3], candidates[5]]
        let order = VerifiableDraw.order(seed: seed, scope: "2026Q2/重点监管对象", candidates: candidates)
        let drawn = VerifiableDraw.draw(seed: seed, scope: "2026Q2/重点监管对象", candidates: candidates, count: k)
        #expect(drawn == Array(order.prefix(k)))
        #expect(drawn.count == min(k, candidates.count))
        #expect(Set(order) == Set(candidates) && order.count == candidates.count)
    }

    @Test func aLongListHashedOnTwoThreadsDrawsAsOneTicketAtATime() throws {
        // 70,000 candidates are hashed in two halves at once; each must get its own ticket.
        let seed = VerifiableDraw.seed(fromPublicEntropy: "two halves")
        let scope = "2026Q2/一般监管对象"
        let candidates = (0..<70_000).map { String(format: "91130111MA%08dY", $0) }
        let reference = candidates.map { (VerifiableDraw.ticket(seed: seed, scope: scope, id: $0), $0) }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }.prefix(50).map(\.1)
        #expect(VerifiableDraw.draw(seed: seed, scope: scope, candidates: candidates, count: 50) == Array(reference))
        #expect(Array(VerifiableDraw.order(seed: seed, scope: scope, candidates: candidates).prefix(50)) == Array(reference))
    }

    @Test func addingACandidateMovesNoOtherTicket() throws {
        let v = try #require(try drawVectors()["A"])
        let seed = try #require(VerifiableDraw.seedBytes(hex: v.seed))
        let before = VerifiableDraw.order(seed: seed, scope: v.scope, candidates: v.candidates)
        let after = VerifiableDraw.order(seed: seed, scope: v.scope, candidates: v.candidates + ["91350100M000100Y43"])
        #expect(after.filter { $0 != "91350100M000100Y43" } == before)
    }

    @Test func textIsNFCNormalisedBeforeHashing() {
        let seed = [UInt8](repeating: 7, count: 32)
        // "é" precomposed (U+00E9) and decomposed (e + U+0301) give one ticket.
        #expect(VerifiableDraw.ticket(seed: seed, scope: "栾联/\u{E9}", id: "X")
                == VerifiableDraw.ticket(seed: seed, scope: "栾联/e\u{301}", id: "X"))
    }

    @Test func publicEntropySeedAndCommitmentAreSHA256() {
        // SHA-256("abc") is a published test vector of FIPS 180-2.
        let seed = VerifiableDraw.seed(fromPublicEntropy: "abc")
        #expect(VerifiableDraw.hex(seed) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(VerifiableDraw.commitment(seed: seed).count == 64)
        #expect(VerifiableDraw.seedBytes(hex: "zz") == nil)
    }
}

@Suite struct RatioTests {
    /// The quota vectors of DRAW.md.
    @Test(arguments: [(100, "7%", 7), (47, "3%", 2), (0, "3%", 0), (1, "0.5%", 1), (200, "0.5%", 1),
                      (201, "0.5%", 2), (33, "18%", 6), (10, "25%", 3), (40, "0.18", 8), (9, "100%", 9)])
    func quotaIsTheCeilingInExactDecimalArithmetic(n: Int, ratio: String, expected: Int) throws {
        #expect(try Ratio(ratio).quota(of: n) == expected)
    }

    @Test(arguments: ["abc", "5 percent", "1e-2", "", "%", "0.5.1", "-3%"])
    func aRatioThatIsNotADecimalIsRejected(text: String) {
        #expect(throws: Ratio.Problem.self) { try Ratio(text) }
    }

    @Test func aRatioAboveOneIsRejected() {
        #expect(throws: Ratio.Problem.outOfRange("150%")) { try Ratio("150%") }
        #expect(throws: Ratio.Problem.outOfRange("1.5")) { try Ratio("1.5") }
    }
}

