/// The longest text liancha stores in each kind of field, and the dates it accepts: checked here, in
/// the domain, so that the command line, the web pages and imports refuse alike (issue 9: a 9 MB
/// plan name was stored and then served in every list).
public enum Bounds {
    /// Numbers and codes: plan and task numbers, item codes, certificates, account names.
    public static let code = 64
    /// Names: of plans, tasks, jurisdictions, leaders, labels.
    public static let name = 200
    /// Free text: descriptions of findings, reasons, notes, scopes, the public entropy of a draw.
    public static let text = 2_000
    /// Any one cell of an imported table.
    public static let cell = 2_000
    /// The earliest and latest year a plan may be for.
    public static let years = 2000...2099

    /// Throws `PlanError.tooLong` when `value` has more than `limit` characters (unicode scalars).
    public static func check(_ value: String, _ field: String, limit: Int) throws(PlanError) {
        // NB: the UTF-8 count is O(1) for native strings and bounds the scalar count from above.
        guard value.utf8.count > limit else { return }
        if value.unicodeScalars.count > limit { throw .tooLong(field: field, limit: limit) }
    }

    /// `value` cut to at most 40 characters for an error message, so that a refused value is never echoed whole.
    public static func excerpt(_ value: String) -> String {
        value.unicodeScalars.count <= 40 ? value : String(String.UnicodeScalarView(value.unicodeScalars.prefix(40))) + "…"
    }

    /// Throws `PlanError.dateOutOfRange` unless `earliest ≤ date ≤ latest`.
    public static func check(_ date: LocalDate, _ field: String, from earliest: LocalDate?, to latest: LocalDate?) throws(PlanError) {
        if let earliest, date < earliest { throw .dateOutOfRange(field: field, date: date, earliest: earliest, latest: latest) }
        if let latest, date > latest { throw .dateOutOfRange(field: field, date: date, earliest: earliest, latest: latest) }
    }
}

extension JointPlan {
    /// Throws unless every text is within `Bounds` and the window makes sense: start ≤ end, within
    /// one year, in a year of `Bounds.years`.
    public func checkBounds() throws(PlanError) {
        try Bounds.check(number, "plan number", limit: Bounds.code)
        try Bounds.check(taskNumber, "task number", limit: Bounds.code)
        try Bounds.check(name, "plan name", limit: Bounds.name)
        try Bounds.check(taskName, "task name", limit: Bounds.name)
        try Bounds.check(jurisdiction, "jurisdiction", limit: Bounds.name)
        try Bounds.check(scope.description, "scope", limit: Bounds.text)
        guard Bounds.years.contains(start.year), Bounds.years.contains(end.year) else {
            throw .dateOutOfRange(field: "plan window", date: Bounds.years.contains(start.year) ? end : start,
                                  earliest: LocalDate(year: Bounds.years.lowerBound, month: 1, day: 1)!,
                                  latest: LocalDate(year: Bounds.years.upperBound, month: 12, day: 31)!)
        }
        guard start <= end else { throw .dateOutOfRange(field: "plan end", date: end, earliest: start, latest: nil) }
        guard end.dayNumber - start.dayNumber <= 366 else {
            throw .dateOutOfRange(field: "plan end", date: end, earliest: start, latest: LocalDate(dayNumber: start.dayNumber + 366))
        }
    }
}
