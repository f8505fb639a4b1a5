import Foundation
import Testing
import Inspection

/// The draw on packed ids (`VerifiableDraw.drawStratum`) against the String functions it replaces.
@Suite struct PackedDrawTests {
    static let lists: [[String]] = [
        [],
        ["91130111MA5LBYBN65"],
        (0..<3_000).map { String(format: "91130111MA%08dX", $0 * 7919 % 100_000) },
        (0..<3_000).map { String(format: "91130111MA%08dX", $0) },  // already in byte order
        // prefixes of one another, a NUL byte, 24 and 25 bytes (the longer take the String functions)
        ["ABC", "ABC\u{0}", "AB", "ABD", "", "ABCDEFGHIJKLMNOPQRSTUVWX", "ABCDEFGHIJKLMNOPQRSTUVW"],
        ["ABCDEFGHIJKLMNOPQRSTUVWXY", "ABC", "A"],
        // non-ASCII, decomposed and composed: NFC applies
        ["企业甲", "e\u{301}tude", "\u{e9}tude", "91130111MA5LBYBN65", "Z"],
        ["91130111MA5LBYBN65", "91130111MA5LBYBN65", "91130111066UK5484K"],  // a duplicate
        (0..<70_000).map { String(format: "91130111MA%08dY", $0 * 7919 % 1_000_000) },  // tickets on two threads
        (0..<70_000).map { String(format: "91130111MA%08dZ", $0 * 7919 % 40_000) },  // sorted in two halves, repeats across them
    ]

    @Test(arguments: 0..<lists.count, [0.01, 0.3, 1.0])
    func aPackedStratumIsTheStringStratum(list: Int, share: Double) throws {
        // Given
        let ids = Self.lists[list]
        var packed = PackedIDs()
        for id in ids { packed.append(id) }
        let scope = "2026Q2/一般监管对象"
        let quota = { (n: Int) in Int((Double(n) * share).rounded(.up)) }
        // When
        let drawn = VerifiableDraw.drawStratum(seed: seed, scope: scope, candidates: packed, quota: quota)
        // Then
        let sorted = VerifiableDraw.sortedByBytes(ids)
        #expect(drawn.candidates == sorted)
        #expect(drawn.snapshot == VerifiableDraw.snapshot(ids))
        #expect(drawn.quota == quota(ids.count))
        #expect(drawn.drawn == VerifiableDraw.draw(seed: seed, scope: scope, candidates: ids, count: quota(ids.count)))
        #expect(drawn.drawn == Array(VerifiableDraw.order(seed: seed, scope: scope, candidates: ids).prefix(quota(ids.count))))
    }

    @Test func packedIDsReadBackAsTheirStrings() {
        var packed = PackedIDs()
        let ids = ["", "企业甲", "91130111MA5LBYBN65", "e\u{301}"] + (0..<70_000).map { "id\($0)" }
        for id in ids { packed.append(id) }
        #expect(packed.count == ids.count)
        #expect(packed.strings == ids)
        #expect(packed[1] == "企业甲" && packed[0] == "")
        #expect(packed.bytes == Array(ids.map { $0 + "\n" }.joined().utf8))
    }
}
