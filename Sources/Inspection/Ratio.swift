/// A ratio as the documents write it ("18%", "0.5%", "0.18", "100%"), kept as an exact fraction:
/// never a binary floating-point number, so 100 × 7 % is 7, not 8.
public struct Ratio: Hashable, Sendable, Codable, CustomStringConvertible {
    /// numerator / denominator, in lowest terms; denominator > 0.
    public let numerator: Int
    public let denominator: Int
    /// The text it was written as, kept for records and messages.
    public let text: String

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case notADecimal(String)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .notADecimal(let t): "'\(t)' is not a decimal ratio (write e.g. 18%, 0.5% or 0.18)"
            case .outOfRange(let t): "'\(t)' is not between 0 and 100%"
            }
        }
    }

    public init(_ text: String) throws(Problem) {
        var s = Substring(text.trimmingWhitespace)
        var scale = 1
        if s.hasSuffix("%") || s.hasSuffix("％") {
            s = s.dropLast()
            scale = 100
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard !s.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { throw .notADecimal(text) }
        let decimals = parts.count == 2 ? parts[1].count : 0
        guard decimals <= 9, parts[0].count <= 9 else { throw .notADecimal(text) }
        let digits = Int(parts[0] + (parts.count == 2 ? parts[1] : "")) ?? 0
        var den = scale
        for _ in 0..<decimals { den *= 10 }
        guard digits <= den else { throw .outOfRange(text) }
        let g = Self.gcd(digits, den)
        numerator = digits / g
        denominator = den / g
        self.text = text.trimmingWhitespace
    }

    /// ⌈n · r⌉: how many of `n` candidates a "not less than r" rule draws.
    public func quota(of n: Int) -> Int {
        (n * numerator + denominator - 1) / denominator
    }

    public var isAll: Bool { numerator == denominator }

    public var description: String { text }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? max(a, 1) : gcd(b, a % b) }
}
