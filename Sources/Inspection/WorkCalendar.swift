/// One row of a State Council holiday notice: a day off, or a weekend day worked instead (调休).
public struct CalendarEntry: Hashable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A public holiday (a day off that would otherwise be a working day, or part of the break).
        case holiday
        /// An adjusted working weekend day (调休).
        case workday
    }

    public var date: LocalDate
    public var kind: Kind
    public var name: String

    public init(date: LocalDate, kind: Kind, name: String) {
        self.date = date
        self.kind = kind
        self.name = name
    }
}

/// Why a calendar question cannot be answered.
public enum CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The year's holiday notice has not been loaded: a weekends-only guess would be wrong.
    case yearNotLoaded(Int)
    case negativeCount(Int)

    public var description: String {
        switch self {
        case .yearNotLoaded(let year):
            "the working-day calendar has no data for \(year): import the State Council's holiday notice for \(year) with `liancha calendar import FILE`"
        case .negativeCount(let n):
            "the number of working days must be 0 or more, not \(n)"
        }
    }
}

/// 工作日历: Chinese working days — Monday to Friday except public holidays, plus adjusted
/// working weekends — for the years whose State Council notice has been loaded.
public struct WorkCalendar: Sendable {
    public let years: Set<Int>
    private let entries: [LocalDate: CalendarEntry.Kind]

    /// A calendar covering `years`; `entries` are the notices' rows for those years.
    public init(years: Set<Int>, entries: [CalendarEntry]) {
        self.years = years
        self.entries = Dictionary(entries.map { ($0.date, $0.kind) }, uniquingKeysWith: { _, last in last })
    }

    /// A calendar of the years that `entries` mention.
    public init(entries: [CalendarEntry]) {
        self.init(years: Set(entries.map(\.date.year)), entries: entries)
    }

    public func isWorkday(_ date: LocalDate) throws(CalendarError) -> Bool {
        guard years.contains(date.year) else { throw .yearNotLoaded(date.year) }
        switch entries[date] {
        case .holiday: return false
        case .workday: return true
        case nil: return !date.isWeekend
        }
    }

    /// The date `count` working days after `date`; `date` itself is not counted (民法典 art. 201).
    public func adding(workdays count: Int, to date: LocalDate) throws(CalendarError) -> LocalDate {
        guard count >= 0 else { throw .negativeCount(count) }
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if try isWorkday(day) { left -= 1 }
        }
        return day
    }

    /// Working days after `from` up to and including `to` (0 when `to` is not after `from`).
    public func workdays(from: LocalDate, through to: LocalDate) throws(CalendarError) -> Int {
        var n = 0
        var day = from
        while day < to {
            day = day.adding(days: 1)
            if try isWorkday(day) { n += 1 }
        }
        return n
    }
}
