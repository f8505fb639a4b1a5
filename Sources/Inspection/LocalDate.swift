/// A calendar date without time or time zone, as the documents write it (`2026-05-15`).
///
/// Deadlines in this domain are counted in days, so a date never carries a clock time; that keeps
/// "20 working days after 2024-09-27" independent of the machine's time zone.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date, or nil if the parts do not name a real day.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (also accepts `YYYY/MM/DD` and `YYYYMMDD`, which spreadsheets produce).
    public init?(_ text: String) {
        let digits = text.trimmingWhitespace
        let parts: [Substring]
        if digits.count == 8, digits.allSatisfy(\.isASCIIDigit) {
            let s = Substring(digits)
            parts = [s.prefix(4), s.dropFirst(4).prefix(2), s.suffix(2)]
        } else {
            parts = digits.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" }
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count),
              (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(to other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// The quarter (1–4) this date falls in.
    public var quarter: Int { (month - 1) / 3 + 1 }

    public var description: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a date (YYYY-MM-DD): \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// The text without leading and trailing white space (including the full-width space U+3000).
    public var trimmingWhitespace: String {
        // NB: the common case — nothing to trim — is decided on the UTF-8 bytes and returns self
        // without copying; an import calls this for every cell of a million-row file.
        switch utf8.withContiguousStorageIfAvailable(Self.endsArePlain) {
        case .some(.some(true)): return self
        case .some(.none): if !(unicodeScalars.last?.properties.isWhitespace ?? false) { return self }
        default: break
        }
        return Substring(self).trimmingWhitespace
    }

    /// Whether `bytes` (UTF-8) is empty or neither starts nor ends with white space: true when the
    /// bytes tell, nil when only the last scalar's Unicode properties can, false when it may need trimming.
    /// NB: text usually ends in a CJK ideograph, whose three bytes start E4…E9 (U+4000…U+9FFF, where
    /// no scalar is white space): decided on the bytes, without looking up Unicode properties.
    private static func endsArePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let first = bytes.first, let last = bytes.last else { return true }
        guard isPlainByte(first) else { return false }
        if isPlainByte(last) { return true }
        guard last >= 0x80 else { return false }
        let lead = bytes.count >= 3 ? bytes[bytes.count - 3] : 0
        return lead >= 0xE4 && lead <= 0xE9 ? true : nil
    }

    /// An ASCII byte that is not white space, or the lead byte of a CJK ideograph (U+4E00…U+9FFF).
    private static func isPlainByte(_ b: UInt8) -> Bool {
        (b > 0x20 && b < 0x7F) || (b >= 0xE4 && b <= 0xE9)
    }
}

extension Substring {
    /// The text without leading and trailing white space (including the full-width space U+3000).
    public var trimmingWhitespace: String {
        var s = self
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
