public import Inspection

extension AppDatabase {
    /// Loads the holiday notices of the years `entries` mention, replacing what was stored for those
    /// years. One transaction, one audit entry.
    @discardableResult
    public func importCalendar(_ entries: [CalendarEntry], source: String, actor: Actor) throws -> [Int] {
        guard !entries.isEmpty else { throw StoreError.emptyCalendar }
        let years = Set(entries.map(\.date.year)).sorted()
        try backend.write { db in
            for year in years {
                try db.execute(sql: "DELETE FROM calendar_year WHERE year = ?", arguments: [year])
                try db.execute(sql: "INSERT INTO calendar_year (year, source) VALUES (?, ?)", arguments: [year, source])
            }
            for entry in entries {
                try db.execute(sql: "INSERT INTO calendar_day (date, year, kind, name) VALUES (?, ?, ?, ?)",
                               arguments: [entry.date.description, entry.date.year, entry.kind.rawValue, entry.name])
            }
            try appendAudit(db, actor: actor, action: "import calendar",
                            detail: "\(source): years \(years.map(String.init).joined(separator: ", ")), \(entries.count) days",
                            records: years.map(String.init).joined(separator: "\n"))
        }
        return years
    }

    /// The working-day calendar of every loaded year.
    public func workCalendar() throws -> WorkCalendar {
        try backend.read { db in
            let years = Set(try db.values(Int.self, sql: "SELECT year FROM calendar_year"))
            let entries = try db.rows(sql: "SELECT date, kind, name FROM calendar_day").compactMap { row -> CalendarEntry? in
                guard let date = LocalDate(row["date"] as String),
                      let kind = CalendarEntry.Kind(rawValue: row["kind"]) else { return nil }
                return CalendarEntry(date: date, kind: kind, name: row["name"])
            }
            return WorkCalendar(years: years, entries: entries)
        }
    }
}
