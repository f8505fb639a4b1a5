@testable import InspectionDocuments
import Testing

/// Checks of internal pieces against independent references.
@Suite struct InternalsTests {
    /// SplitMix64, so a failure reproduces.
    private struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var random = Random(state: 2024)
        let pieces: [[UInt8]] = [
            Array("a,".utf8), Array("单位".utf8), Array("é".utf8), Array("𠀀".utf8), Array("€".utf8),
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8],
            [0xE4, 0xB8], [0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x9F, 0x98, 0x80], [0xC2],
        ]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.below(12) {
                if random.below(5) == 0 {
                    bytes.append(UInt8(truncatingIfNeeded: random.next()))
                } else {
                    bytes += pieces[random.below(pieces.count)]
                }
            }
            let ours = bytes.withUnsafeBytes { TextDecoding.firstInvalidUTF8(in: $0) }
            let reference = String(validating: bytes, as: UTF8.self)
            #expect((ours == nil) == (reference != nil), "bytes \(bytes)")
            if (ours == nil) != (reference != nil) { return }
        }
    }

    @Test(arguments: [
        ("130111", "130111"), ("130111.0", "130111"), ("9.1130111E+17", "911301110000000000"),
        ("0.10000000000000001", "0.1"), ("45.399999999999999", "45.4"), ("-1.5E-3", "-0.0015"),
        ("1E-5", "0.00001"), ("-0", "0"), ("0.30000000000000004", "0.30000000000000004"),
        ("1.23456789012345678E+20", "123456789012345678000"), (" 12 ", "12"), ("abc", "abc"),
        ("1E+300", "1E+300"), ("", ""), ("+7", "7"), (".5", "0.5"), ("5.", "5"),
    ])
    func numbersReadAsExcelShowsThem(raw: String, shown: String) {
        #expect(String(decoding: NumberText.normalize(Array(raw.utf8)), as: UTF8.self) == shown)
    }

    @Test func columnLettersMatchExcel() {
        func letters(_ column: Int) -> String {
            var bytes: [UInt8] = []
            bytes.appendColumnLetters(column)
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect([0, 25, 26, 51, 701, 702, 16_383].map(letters) == ["A", "Z", "AA", "AZ", "ZZ", "AAA", "XFD"])
        // And agree with the reader's parser for every column Excel has.
        for column in 0..<16_384 {
            #expect(XLSXRange("\(letters(column))1")?.firstColumn == column)
            if XLSXRange("\(letters(column))1")?.firstColumn != column { return }
        }
    }

    @Test func decimalsPrintLikeSwift() {
        for value in [0, 7, 10, 99, 1_234_567, -42, Int.max, Int.min + 1] {
            var bytes: [UInt8] = []
            bytes.appendDecimal(value)
            #expect(String(decoding: bytes, as: UTF8.self) == String(value))
        }
    }
}
