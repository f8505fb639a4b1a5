import Testing
@testable import Inspection

@Suite struct USCCTests {
    @Test func acceptsValidCodesAndCanonicalisesCase() throws {
        #expect(try USCC.validate("91130111066UK5484K") == "91130111066UK5484K")
        #expect(try USCC.validate("91350100M000100Y43") == "91350100M000100Y43")
        #expect(try USCC.validate(" 911301110jx5r7r96d ") == "911301110JX5R7R96D")
    }

    @Test func checkCharacterFollowsGB32100Weights() {
        // Weights are 3^(i-1) mod 31 for positions 1…17.
        #expect(USCC.weights == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28])
        #expect(USCC.checkCharacter(for: "91130111066UK5484") == "K")
        #expect(USCC.checkCharacter(for: "91350100M000100Y4") == "3")
    }

    @Test func rejectsAWrongCheckCharacter() {
        #expect(throws: USCC.Problem.wrongCheckCharacter(expected: "K", found: "L")) {
            try USCC.validate("91130111066UK5484L")
        }
    }

    @Test func rejectsWrongLength() {
        #expect(throws: USCC.Problem.wrongLength(17)) { try USCC.validate("91130111066UK5484") }
        #expect(throws: USCC.Problem.empty) { try USCC.validate("  ") }
    }

    @Test(arguments: ["I", "O", "Z", "S", "V"])
    func rejectsLettersOutsideTheAlphabet(letter: String) {
        #expect(throws: USCC.Problem.invalidCharacter(Character(letter), position: 10)) {
            try USCC.validate("911301110\(letter)X5R7R96D")
        }
    }

    /// Issue 9: a combining mark, a joiner or a variation selector counted as one UTF-8 byte offset
    /// indexed characters and trapped; each is now the invalid character at its scalar position.
    @Test(arguments: [("0\u{301}", 2, "\u{301}"), ("91130111066UK5484\u{200D}", 18, "\u{200D}"), ("9\u{FE0F}1130111066UK5484K", 2, "\u{FE0F}"),
                      ("\u{301}\u{301}\u{301}", 1, "\u{301}"), ("é1130111066UK5484K", 1, "é")])
    func rejectsMarksJoinersAndSelectorsWithoutTrapping(input: String, position: Int, scalar: String) {
        #expect(throws: USCC.Problem.invalidCharacter(Character(scalar), position: position)) { try USCC.validate(input) }
    }

    @Test func countsLengthInScalars() {
        #expect(throws: USCC.Problem.wrongLength(19)) { try USCC.validate("91130111066UK5484K0") }
    }
}
