/// The result of checking one item at one enterprise.
public enum ItemOutcome: String, Codable, Sendable, CaseIterable {
    case noProblem = "未发现问题"
    case problem = "发现问题"
}

/// One department's result for one item at one enterprise.
public struct ItemResult: Codable, Sendable, Hashable {
    public var uscc: String
    public var department: String
    public var itemCode: String
    public var outcome: ItemOutcome
    public var description: String
    /// Touches secrecy, national or public security: kept out of publication.
    public var confidential: Bool

    public init(uscc: String, department: String, itemCode: String, outcome: ItemOutcome, description: String = "",
                confidential: Bool = false) {
        self.uscc = uscc; self.department = department; self.itemCode = itemCode; self.outcome = outcome
        self.description = description; self.confidential = confidential
    }
}

/// A department's visit record at one enterprise: when it checked, questions answered on site,
/// and whether the enterprise refused to sign the form.
public struct VisitRecord: Codable, Sendable, Hashable {
    public var uscc: String
    public var department: String
    public var checkedOn: LocalDate
    /// 现场解答疑难问题（个）
    public var questionsAnswered: Int
    public var refusedToSign: Bool

    public init(uscc: String, department: String, checkedOn: LocalDate, questionsAnswered: Int = 0, refusedToSign: Bool = false) {
        self.uscc = uscc; self.department = department; self.checkedOn = checkedOn
        self.questionsAnswered = questionsAnswered; self.refusedToSign = refusedToSign
    }
}

/// 后续处置: what a department did about a finding.
public enum FollowUpAction: String, Codable, Sendable, CaseIterable {
    case orderedRectification = "责令改正"
    case abnormalList = "列入经营异常名录"
    case caseOpened = "立案调查"
    case transferred = "移送"
    /// 行政处罚决定: sets "penalised last quarter" for the next quarter's classification.
    case penalty = "行政处罚"
}

public struct FollowUp: Codable, Sendable, Hashable {
    public var uscc: String
    public var department: String
    public var action: FollowUpAction
    public var date: LocalDate
    public var note: String

    public init(uscc: String, department: String, action: FollowUpAction, date: LocalDate, note: String = "") {
        self.uscc = uscc; self.department = department; self.action = action; self.date = date; self.note = note
    }
}

/// The fixed wording of a published result (Xuchang 2026 三(六), Luancheng 2026 五(三)).
public enum PublishedResult: String, Codable, Sendable, CaseIterable {
    case noProblem = "未发现问题"
    case rectificationOrdered = "发现问题已责令整改"
    case caseOpened = "发现违法行为已立案调查"

    /// The wording for an enterprise from its non-confidential results and its follow-ups; nil when
    /// every result is confidential (nothing is published).
    public static func wording(results: [ItemResult], followUps: [FollowUp]) -> PublishedResult? {
        let open = results.filter { !$0.confidential }
        guard !open.isEmpty else { return nil }
        guard open.contains(where: { $0.outcome == .problem }) else { return .noProblem }
        let publishableDepartments = Set(open.filter { $0.outcome == .problem }.map(\.department))
        let cased = followUps.contains { ($0.action == .caseOpened || $0.action == .penalty) && publishableDepartments.contains($0.department) }
        return cased ? .caseOpened : .rectificationOrdered
    }
}

/// A date by which something must be done, and what.
public struct Deadline: Sendable, Hashable {
    public enum Kind: String, Sendable {
        case confirmation = "确认派发"
        case publication = "结果公示"
        case followUp = "后续处置"
    }

    public var kind: Kind
    public var due: LocalDate
    /// e.g. the department or the enterprise concerned.
    public var subject: String
    public var done: Bool

    public init(kind: Kind, due: LocalDate, subject: String, done: Bool) {
        self.kind = kind; self.due = due; self.subject = subject; self.done = done
    }

    /// Overdue on `today`: not done and the due date has passed.
    public func isOverdue(on today: LocalDate) -> Bool { !done && today > due }
}

/// The working-day rules of the workflow (the Luancheng joint plan, `Citation.luancheng2026`).
public enum WorkflowDeadlines {
    /// Departments confirm dispatched enterprises within 2 working days.
    public static let confirmationWorkdays = 2
    /// Results are published within 20 working days of the end of the check.
    public static let publicationWorkdays = 20
    /// Follow-up disposal is recorded within 20 working days.
    public static let followUpWorkdays = 20

    /// The first day from which a deadline `workdays` working days on is not past on `today`: one
    /// counted from an earlier day is overdue (`Deadline.isOverdue`), so a store can select overdue
    /// rows by comparing dates. NB: `adding(workdays:to:)` never moves back, hence the walk back.
    public static func firstStartNotOverdue(workdays: Int, today: LocalDate, calendar: WorkCalendar) throws(CalendarError) -> LocalDate {
        var day = today
        while try calendar.adding(workdays: workdays, to: day.adding(days: -1)) >= today { day = day.adding(days: -1) }
        return day
    }
}

extension JointPlanActivity {
    /// The plan's deadlines in working days: each department's confirmation, each enterprise's
    /// publication (20 after its last visit; done once published, or once the plan is published
    /// when nothing of it may be), each finding's follow-up (20 after the visit that found it).
    public func deadlines(confirmations: [(department: String, due: LocalDate, confirmed: Bool)], published: Set<String>,
                          planPublished: Bool, calendar: WorkCalendar) throws(CalendarError) -> [Deadline] {
        var deadlines = confirmations.map { Deadline(kind: .confirmation, due: $0.due, subject: $0.department, done: $0.confirmed) }
        let lastVisit = Dictionary(visits.map { ($0.uscc, $0.checkedOn) }, uniquingKeysWith: max)
        for (uscc, day) in lastVisit.sorted(by: { $0.key < $1.key }) {
            let due = try calendar.adding(workdays: WorkflowDeadlines.publicationWorkdays, to: day)
            deadlines.append(Deadline(kind: .publication, due: due, subject: uscc, done: published.contains(uscc) || planPublished))
        }
        let findings = Set(results.filter { $0.outcome == .problem }.map { "\($0.uscc)/\($0.department)" })
        // NB: looked up by key, not searched per finding: a large plan has thousands of each.
        let visitOn = Dictionary(visits.map { ("\($0.uscc)/\($0.department)", $0.checkedOn) }, uniquingKeysWith: { a, _ in a })
        let followedUp = Set(followUps.map { "\($0.uscc)/\($0.department)" })
        for finding in findings.sorted() {
            guard let checkedOn = visitOn[finding] else { continue }
            let due = try calendar.adding(workdays: WorkflowDeadlines.followUpWorkdays, to: checkedOn)
            let done = followedUp.contains(finding)
            deadlines.append(Deadline(kind: .followUp, due: due, subject: finding, done: done))
        }
        return deadlines
    }
}
