/// 统一社会信用代码: the unified social credit code of GB 32100-2015, 18 characters ending in a
/// check character.
public enum USCC {
    /// A code's length, in characters (all ASCII).
    public static let length = 18
    /// The 31 characters a code may use: digits and capitals without I, O, Z, S, V.
    static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let values: [Character: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })
    /// 3^(i-1) mod 31 for positions 1…17.
    static let weights: [Int] = (0..<17).map { i in (0..<i).reduce(1) { acc, _ in acc * 3 % 31 } }

    /// Why a code is not a valid USCC.
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case wrongLength(Int)
        case invalidCharacter(Character, position: Int)
        case wrongCheckCharacter(expected: Character, found: Character)

        public var description: String {
            switch self {
            case .empty: "empty"
            case .wrongLength(let n): "has \(n) characters, a USCC has 18"
            case .invalidCharacter(let c, let p): "character '\(c)' at position \(p) is not allowed (only 0-9 and A-Y without I, O, Z, S, V)"
            case .wrongCheckCharacter(let e, let f): "check character is '\(f)', GB 32100 requires '\(e)'"
            }
        }
    }

    /// The code in its canonical upper-case form, or the reason it is invalid.
    public static func validate(_ text: String) throws(Problem) -> String {
        let code = text.trimmingWhitespace
        if code.isEmpty { throw .empty }
        // NB: works on unicode scalars with a lookup table (an import validates a million of these);
        // positions count scalars, so a combining mark, a joiner or a variation selector is itself
        // the invalid character, never an index into something else.
        var count = 0
        var sum = 0
        var lowercase = false
        var check = 0
        // NB: the tables are read once here, not through their lazy globals' accessors 36 times a code.
        let byteValues = Self.byteValues, weights = Self.weights
        for scalar in code.unicodeScalars {
            count += 1
            guard count <= 18 else { break }
            var b = scalar.value
            if b >= 0x61 && b <= 0x7A { b -= 0x20; lowercase = true }
            let v = b < 128 ? Int(byteValues[Int(b)]) : -1
            guard v >= 0 else {
                throw .invalidCharacter(Character(Unicode.Scalar(b) ?? scalar), position: count)
            }
            if count < 18 { sum += v * weights[count - 1] } else { check = v }
        }
        guard count == 18 else { throw .wrongLength(code.unicodeScalars.count) }
        let expected = (31 - sum % 31) % 31
        guard check == expected else {
            throw .wrongCheckCharacter(expected: alphabet[expected], found: alphabet[check])
        }
        return lowercase ? code.uppercased() : code
    }

    /// The value (0…30) of each byte of the alphabet, -1 for every other byte.
    private static let byteValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (v, c) in alphabet.enumerated() { table[Int(c.asciiValue!)] = Int8(v) }
        return table
    }()

    /// The check character for the first 17 characters of a code (nil if one is not in the alphabet).
    public static func checkCharacter(for body: String) -> Character? {
        let chars = Array(body.uppercased())
        guard chars.count == 17 else { return nil }
        var sum = 0
        for (i, c) in chars.enumerated() {
            guard let v = values[c] else { return nil }
            sum += v * weights[i]
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}
