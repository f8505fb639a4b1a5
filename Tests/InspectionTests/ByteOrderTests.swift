import Testing
@testable import Inspection

@Suite struct ByteOrderTests {
    /// The snapshot and ties use UTF-8 byte order; the fast path for short ASCII ids must agree with it.
    @Test func candidatesSortByTheirUTF8Bytes() {
        let ascii = ["91130111B", "9113011", "91130111A", "Z", "a", "91130111ABCDEFGHJKLMNPQRTU", "91130111ABCDEFGHJKLMNPQR", "1", "13011101001"]
        let byBytes = { (ids: [String]) in ids.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }
        #expect(VerifiableDraw.sortedByBytes(ascii) == byBytes(ascii))
        let mixed = ascii + ["执法01", "ZJ-HB-001", String(repeating: "9", count: 30)]
        #expect(VerifiableDraw.sortedByBytes(mixed.reversed()) == byBytes(mixed))
    }
}
