/// A calendar quarter, written `2026Q2`.
public struct Quarter: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    /// 1…4
    public let number: Int

    public init?(year: Int, number: Int) {
        guard (1...4).contains(number), (2000...2999).contains(year) else { return nil }
        self.year = year
        self.number = number
    }

    /// Parses `2026Q2` (also `2026-Q2`, `2026q2`).
    public init?(_ text: String) {
        let t = String(text.trimmingWhitespace.uppercased().filter { $0 != "-" })
        let parts = t.split(separator: "Q", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 1,
              let y = Int(parts[0]), let q = Int(parts[1]) else { return nil }
        self.init(year: y, number: q)
    }

    public init(containing date: LocalDate) {
        year = date.year
        number = date.quarter
    }

    public var first: LocalDate { LocalDate(year: year, month: number * 3 - 2, day: 1)! }
    public var last: LocalDate { LocalDate(year: year, month: number * 3, day: number == 1 || number == 4 ? 31 : 30)! }
    public var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4)! : Quarter(year: year, number: number - 1)! }

    public var description: String { "\(year)Q\(number)" }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let q = Quarter(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a quarter: \(text)"))
        }
        self = q
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// How often a class is drawn: every quarter, every half year or once a year.
public enum DrawPeriod: String, Codable, Sendable, CaseIterable {
    case quarter
    case halfYear = "half-year"
    case year

    /// The quarters of the period that contains `quarter`.
    public func quarters(containing quarter: Quarter) -> [Quarter] {
        switch self {
        case .quarter: [quarter]
        case .halfYear:
            quarter.number <= 2 ? [Quarter(year: quarter.year, number: 1)!, Quarter(year: quarter.year, number: 2)!]
                                : [Quarter(year: quarter.year, number: 3)!, Quarter(year: quarter.year, number: 4)!]
        case .year: (1...4).map { Quarter(year: quarter.year, number: $0)! }
        }
    }

    /// Chinese, as reports write it.
    public var label: String {
        switch self {
        case .quarter: "每季度"
        case .halfYear: "每半年"
        case .year: "每年"
        }
    }
}
