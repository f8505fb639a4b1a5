import Testing
import Inspection

@Suite struct WorkCalendarTests {
    /// The 2024 National Day notice: 10-01…10-07 off, Sunday 09-29 and Saturday 10-12 worked.
    let calendar = WorkCalendar(years: [2024], entries: [
        CalendarEntry(date: LocalDate("2024-09-29")!, kind: .workday, name: "国庆节"),
        CalendarEntry(date: LocalDate("2024-10-12")!, kind: .workday, name: "国庆节"),
    ] + (1...7).map { CalendarEntry(date: LocalDate(year: 2024, month: 10, day: $0)!, kind: .holiday, name: "国庆节") })

    @Test func weekdaysAreWorkingAndWeekendsAreNot() throws {
        #expect(try calendar.isWorkday(LocalDate("2024-09-27")!))   // Friday
        #expect(try !calendar.isWorkday(LocalDate("2024-09-28")!))  // Saturday
    }

    @Test func adjustedWeekendsAreWorkingAndHolidaysAreNot() throws {
        #expect(try calendar.isWorkday(LocalDate("2024-09-29")!))   // Sunday, 调休
        #expect(try !calendar.isWorkday(LocalDate("2024-10-02")!))  // Wednesday, holiday
        #expect(try calendar.isWorkday(LocalDate("2024-10-12")!))   // Saturday, 调休
    }

    @Test func twentyWorkingDaysAfterTheReferenceExample() throws {
        // shared/reference/README.md: 20 working days after 2024-09-27 is 2024-10-30.
        #expect(try calendar.adding(workdays: 20, to: LocalDate("2024-09-27")!) == LocalDate("2024-10-30")!)
    }

    @Test func theStartDayIsNotCounted() throws {
        #expect(try calendar.adding(workdays: 1, to: LocalDate("2024-09-27")!) == LocalDate("2024-09-29")!)
        #expect(try calendar.adding(workdays: 0, to: LocalDate("2024-09-28")!) == LocalDate("2024-09-28")!)
    }

    @Test func aYearWithoutItsNoticeIsAnErrorNotAGuess() {
        #expect(throws: CalendarError.yearNotLoaded(2025)) { try calendar.isWorkday(LocalDate("2025-01-02")!) }
        // Counting across the year boundary needs the next year's notice too.
        #expect(throws: CalendarError.yearNotLoaded(2025)) {
            try calendar.adding(workdays: 5, to: LocalDate("2024-12-27")!)
        }
    }

    @Test func workdaysBetweenDates() throws {
        #expect(try calendar.workdays(from: LocalDate("2024-09-27")!, through: LocalDate("2024-10-30")!) == 20)
    }
}

@Suite struct LocalDateTests {
    @Test func parsesTheFormatsSpreadsheetsWrite() {
        #expect(LocalDate("2026-05-15") == LocalDate(year: 2026, month: 5, day: 15))
        #expect(LocalDate("2026/5/15") == LocalDate(year: 2026, month: 5, day: 15))
        #expect(LocalDate("20260515") == LocalDate(year: 2026, month: 5, day: 15))
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("15/05/2026") == nil)
    }

    @Test func dayNumbersRoundTripAndWeekdaysAreRight() {
        for n in stride(from: -1000, through: 30000, by: 37) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
        #expect(LocalDate("1970-01-01")!.dayNumber == 0)
        #expect(LocalDate("2026-11-21")!.weekday == 6)  // a Saturday
        #expect(LocalDate("2024-12-31")!.adding(days: 1) == LocalDate("2025-01-01"))
    }
}
