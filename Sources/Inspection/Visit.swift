/// Where a visit comes from: a joint plan's task, a routine draw, or a cause (not drawn at random).
public enum VisitSource: Codable, Sendable, Hashable {
    /// 抽查计划: the plan's number (its task is the plan's 抽查任务).
    case plan(String)
    /// 日常随机抽查: the draw record's id.
    case routine(drawID: String)
    /// 事由: a cause such as a complaint, with what it is about.
    case cause(VisitCause, String)

    public var kind: String {
        switch self {
        case .plan: "plan"
        case .routine: "routine"
        case .cause: "cause"
        }
    }

    /// The plan number, the draw id or the cause's kind.
    public var reference: String {
        switch self {
        case .plan(let number): number
        case .routine(let id): id
        case .cause(let cause, _): cause.rawValue
        }
    }

    public var note: String {
        if case .cause(_, let note) = self { return note }
        return ""
    }

    /// Rebuilds a source from its stored parts.
    public init?(kind: String, reference: String, note: String) {
        switch kind {
        case "plan": self = .plan(reference)
        case "routine": self = .routine(drawID: reference)
        case "cause":
            guard let cause = VisitCause(rawValue: reference) else { return nil }
            self = .cause(cause, note)
        default: return nil
        }
    }

    /// 任务来源 as a notice writes it.
    public var text: String {
        switch self {
        case .plan(let number): "“双随机、一公开”联合抽查，抽查计划编号 \(number)"
        case .routine(let id): "日常“双随机”抽查，抽取记录 \(id)"
        case .cause(let cause, let note): "\(cause.rawValue)" + (note.isEmpty ? "" : "：\(note)")
        }
    }
}

/// 事由: why an enterprise is visited when it was not drawn at random. Each of them is also an
/// exemption from the yearly cap.
public enum VisitCause: String, Codable, Sendable, CaseIterable {
    case complaint = "投诉举报"
    case transferred = "转办交办案件"
    case dataLead = "数据监测线索"
    case creditD = "信用等级D级"
    case requested = "企业申请"
    case emergency = "突发事件"
}

/// One item a visit checks, with its legal basis (检查依据).
public struct VisitItem: Codable, Sendable, Hashable {
    public var department: String
    public var code: String
    public var name: String
    public var basis: String

    public init(department: String, code: String, name: String = "", basis: String = "") {
        self.department = department; self.code = code; self.name = name; self.basis = basis
    }
}

/// 任务报备: what a department (the lead, for a joint visit) files before it visits an enterprise.
/// A joint visit is one filing for all its departments (综合查一次) and counts once.
public struct VisitFiling: Codable, Sendable, Hashable {
    public var source: VisitSource
    public var uscc: String
    /// Lead first.
    public var departments: [String]
    /// The inspectors' certificates (执法证号).
    public var inspectors: [String]
    public var items: [VisitItem]
    public var start: LocalDate
    public var end: LocalDate
    /// 紧急检查: the code is issued at once, the approval follows within `VisitRules.emergencyApprovalDays`.
    public var emergency: Bool
    /// An exemption from the yearly cap, with its reason (a cause source is its own exemption).
    public var exemption: VisitCause?
    public var exemptionReason: String

    public init(source: VisitSource, uscc: String, departments: [String], inspectors: [String], items: [VisitItem],
                start: LocalDate, end: LocalDate, emergency: Bool = false, exemption: VisitCause? = nil, exemptionReason: String = "") {
        self.source = source; self.uscc = uscc; self.departments = departments; self.inspectors = inspectors
        self.items = items; self.start = start; self.end = end; self.emergency = emergency
        self.exemption = exemption; self.exemptionReason = exemptionReason
    }

    public var lead: String { departments.first ?? "" }

    /// The exemption that applies: the one given, or the cause of a cause-based visit, or an emergency.
    public var effectiveExemption: VisitCause? {
        if let exemption { return exemption }
        if case .cause(let cause, _) = source { return cause }
        return emergency ? .emergency : nil
    }

    /// Checks what needs no database: throws what to fix.
    public func validate() throws(VisitError) {
        do { _ = try USCC.validate(uscc) } catch { throw .invalid("\(uscc): \(error)") }
        guard !departments.isEmpty else { throw .invalid("a visit needs at least one department") }
        guard Set(departments).count == departments.count else { throw .invalid("a department is named twice") }
        guard inspectors.count >= VisitRules.minimumInspectors else {
            throw .invalid("a visit needs at least \(VisitRules.minimumInspectors) inspectors with certificates (行政处罚法第四十二条)")
        }
        guard Set(inspectors).count == inspectors.count else { throw .invalid("an inspector is named twice") }
        guard !items.isEmpty else { throw .invalid("a visit needs at least one item with its legal basis") }
        for item in items where !departments.contains(item.department) {
            throw .invalid("item \(item.code) belongs to \(item.department), which is not among the visit's departments")
        }
        guard start <= end else { throw .invalid("the window ends (\(end)) before it starts (\(start))") }
        guard start.days(to: end) <= VisitRules.maximumWindowDays else {
            throw .invalid("the window is longer than \(VisitRules.maximumWindowDays) days: file one visit per trip")
        }
        if exemption != nil && exemptionReason.trimmingWhitespace.isEmpty {
            throw .invalid("an exemption from the yearly cap needs its reason")
        }
        if case .cause(_, let note) = source, note.trimmingWhitespace.isEmpty {
            throw .invalid("a cause-based visit needs what it is about (e.g. the complaint's number)")
        }
        for text in [exemptionReason, source.note] where text.count > VisitRules.maximumTextLength {
            throw .invalid("a text is longer than \(VisitRules.maximumTextLength) characters")
        }
    }
}

/// The fixed numbers of the loop.
public enum VisitRules {
    public static let minimumInspectors = 2
    public static let maximumWindowDays = 31
    /// An entry made late after a network failure is allowed within this many natural days (深府规〔2025〕6号).
    public static let lateEntryDays = 10
    /// An emergency visit is approved afterwards within this many natural days of its filing.
    public static let emergencyApprovalDays = 1
    /// Warnings when one enterprise is visited by any departments more than this often (成都 一码检查).
    public static let perDay = 1
    public static let perWeek = 2
    public static let perMonth = 3
    public static let maximumTextLength = 1000
    /// Bytes of chance a code takes: 20 for the token (160 bits), 5 for the short code (40 bits).
    public static let codeRandomBytes = 25
}

/// Where a visit is in the loop.
public enum VisitStatus: String, Codable, Sendable, CaseIterable {
    case filed = "待审批"
    case refused = "不予批准"
    case approved = "已赋码"
    case onSite = "检查中"
    case done = "已离企"
    case recorded = "结果已上传"
}

/// 审批: the leader's decision on a filing.
public enum VisitApproval: Sendable, Hashable {
    case pending
    case approved(by: String, at: String, afterwards: Bool)
    case refused(by: String, at: String, reason: String)
}

/// 检查码: the unguessable token the QR carries and the short code for typing.
public struct VisitCode: Sendable, Hashable {
    public var token: String
    public var shortCode: String

    /// Alphabet of the short code: Crockford's base 32 (no I, L, O, U: nothing to misread).
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    /// Makes a code from `VisitRules.codeRandomBytes` bytes of chance (the caller's random source).
    public init(random bytes: [UInt8]) throws(VisitError) {
        guard bytes.count >= VisitRules.codeRandomBytes else { throw .invalid("a visit code needs \(VisitRules.codeRandomBytes) random bytes") }
        token = Self.base64URL(Array(bytes.prefix(20)))
        var bits: UInt64 = 0
        for b in bytes[20..<25] { bits = bits << 8 | UInt64(b) }
        var chars: [Character] = []
        for i in (0..<8).reversed() { chars.append(Self.alphabet[Int((bits >> (UInt64(i) * 5)) & 31)]) }
        shortCode = String(chars[0..<4]) + "-" + String(chars[4..<8])
    }

    public init(token: String, shortCode: String) {
        self.token = token; self.shortCode = shortCode
    }

    /// A typed short code in canonical form (upper case, hyphen, O→0, I/L→1), or nil.
    public static func normalize(shortCode text: String) -> String? {
        var chars: [Character] = []
        for c in text.uppercased() where c != "-" && c != " " {
            let mapped: Character = c == "O" ? "0" : (c == "I" || c == "L") ? "1" : c
            guard alphabet.contains(mapped) else { return nil }
            chars.append(mapped)
            if chars.count > 8 { return nil }
        }
        guard chars.count == 8 else { return nil }
        return String(chars[0..<4]) + "-" + String(chars[4..<8])
    }

    /// Whether `text` has the shape of a token (27 URL-safe base-64 characters): checked before any lookup.
    public static func isWellFormed(token text: String) -> Bool {
        text.utf8.count == 27 && text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out: [Character] = []
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            var chunk: UInt32 = 0
            for k in 0..<3 { chunk = chunk << 8 | UInt32(k < n ? bytes[i + k] : 0) }
            for k in 0..<(n + 1) { out.append(table[Int((chunk >> UInt32(18 - 6 * k)) & 63)]) }
            i += 3
        }
        return String(out)
    }

    /// The address the QR encodes.
    public func url(publicURL: String) -> String {
        (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/v/" + token
    }
}

/// 企业评价: the enterprise's evaluation of one visit (once per visit).
public struct VisitEvaluation: Codable, Sendable, Hashable {
    public enum Rating: String, Codable, Sendable, CaseIterable {
        case satisfied = "满意"
        case fairlySatisfied = "基本满意"
        case dissatisfied = "不满意"
    }

    public var rating: Rating
    /// 出示执法证件
    public var certificatesShown: Bool
    /// 出示行政检查通知书
    public var noticeGiven: Bool
    /// 告知权利义务
    public var rightsTold: Bool
    /// 影响正常生产经营
    public var productionDisturbed: Bool
    /// 廉洁自律（无吃拿卡要）
    public var integrityKept: Bool
    public var comment: String

    public init(rating: Rating, certificatesShown: Bool, noticeGiven: Bool, rightsTold: Bool, productionDisturbed: Bool,
                integrityKept: Bool, comment: String = "") {
        self.rating = rating; self.certificatesShown = certificatesShown; self.noticeGiven = noticeGiven
        self.rightsTold = rightsTold; self.productionDisturbed = productionDisturbed; self.integrityKept = integrityKept
        self.comment = comment
    }

    public func validate() throws(VisitError) {
        guard comment.count <= VisitRules.maximumTextLength else { throw .invalid("the comment is longer than \(VisitRules.maximumTextLength) characters") }
    }
}

/// How a visit went on site: check-in and check-out.
public struct VisitPresence: Sendable, Hashable {
    /// 入企 time (ISO 8601 with offset), by whom, where (optional "lat,lon").
    public var checkedInAt: String?
    public var checkedInBy: String?
    public var location: String?
    /// 离企 time.
    public var checkedOutAt: String?
    /// Entered late after a network failure: the reason.
    public var lateReason: String?
    /// 无码检查: results recorded without check-in, and why.
    public var noCodeReason: String?

    public init(checkedInAt: String? = nil, checkedInBy: String? = nil, location: String? = nil, checkedOutAt: String? = nil,
                lateReason: String? = nil, noCodeReason: String? = nil) {
        self.checkedInAt = checkedInAt; self.checkedInBy = checkedInBy; self.location = location
        self.checkedOutAt = checkedOutAt; self.lateReason = lateReason; self.noCodeReason = noCodeReason
    }
}

/// A filed visit as the store keeps it.
public struct Visit: Sendable, Hashable {
    /// e.g. V2026-0001.
    public var id: String
    public var filing: VisitFiling
    public var filedBy: String
    public var filedAt: String
    public var filedOn: LocalDate
    public var approval: VisitApproval
    public var code: VisitCode?
    public var presence: VisitPresence
    /// 结果上传: the outcome and what was found.
    public var outcome: ItemOutcome?
    public var findings: String
    public var evaluated: Bool
    /// The yearly cap per department the filing was held to (nil: none applied).
    public var yearlyCap: Int?

    public init(id: String, filing: VisitFiling, filedBy: String, filedAt: String, filedOn: LocalDate, approval: VisitApproval,
                code: VisitCode?, presence: VisitPresence, outcome: ItemOutcome?, findings: String, evaluated: Bool, yearlyCap: Int? = nil) {
        self.id = id; self.filing = filing; self.filedBy = filedBy; self.filedAt = filedAt; self.filedOn = filedOn
        self.approval = approval; self.code = code; self.presence = presence; self.outcome = outcome
        self.findings = findings; self.evaluated = evaluated; self.yearlyCap = yearlyCap
    }

    public var status: VisitStatus {
        if case .refused = approval { return .refused }
        if outcome != nil { return .recorded }
        if presence.checkedOutAt != nil { return .done }
        if presence.checkedInAt != nil { return .onSite }
        return code == nil ? .filed : .approved
    }

    /// 无码检查: results without a check-in.
    public var isWithoutCode: Bool { outcome != nil && presence.checkedInAt == nil }

    /// An emergency visit still waiting for its approval after the time allowed.
    public func approvalOverdue(today: LocalDate) -> Bool {
        guard filing.emergency, case .pending = approval else { return false }
        return filedOn.days(to: today) > VisitRules.emergencyApprovalDays
    }
}

/// What the loop refuses, in words that say what to do.
public enum VisitError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownVisit(String)
    case unknownCode
    case notApproved(String)
    case alreadyDecided(String)
    case refusedVisit(String)
    case notCheckedIn(String)
    case alreadyCheckedIn(String)
    case alreadyCheckedOut(String)
    case notOnVisit(certificate: String, visit: String)
    case notLeader(name: String, department: String)
    case capReached(uscc: String, department: String, count: Int, cap: Int)
    case tooLate(days: Int)
    case reasonRequired(String)
    case alreadyEvaluated(String)
    case notYetVisited(String)
    case alreadyRecorded(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .unknownVisit(let id): "no visit \(id) (see liancha visit list)"
        case .unknownCode: "no visit has this code: check the code printed on the 行政检查通知书"
        case .notApproved(let id): "visit \(id) is not approved yet: its code is issued on approval (liancha visit approve)"
        case .alreadyDecided(let id): "visit \(id) was decided already"
        case .refusedVisit(let id): "visit \(id) was refused: it may not take place"
        case .notCheckedIn(let id): "visit \(id) has no 入企 check-in yet"
        case .alreadyCheckedIn(let id): "visit \(id) is checked in already"
        case .alreadyCheckedOut(let id): "visit \(id) is checked out already"
        case .notOnVisit(let cert, let id): "\(cert) is not an inspector of visit \(id)"
        case .notLeader(let name, let d): "\(name) is not a 负责人 (leader) of \(d), the department that filed the visit"
        case .capReached(let uscc, let d, let count, let cap):
            "\(uscc) was visited \(count) time\(count == 1 ? "" : "s") by \(d) this year, the yearly cap is \(cap): "
                + "file it only with an exemption and its reason (--exemption 投诉举报|转办交办案件|数据监测线索|信用等级D级|企业申请|突发事件 --exemption-reason …)"
        case .tooLate(let days): "an entry made late is allowed within \(VisitRules.lateEntryDays) natural days; this one is \(days) days late"
        case .reasonRequired(let what): "\(what) needs a reason"
        case .alreadyEvaluated(let id): "visit \(id) was evaluated already: one evaluation per visit"
        case .notYetVisited(let id): "visit \(id) has not taken place yet: evaluate it after the inspectors' check-in"
        case .alreadyRecorded(let id): "the result of visit \(id) is recorded already"
        case .invalid(let text): text
        }
    }
}

/// 频次预警: one enterprise visited too often by any departments.
public struct VisitFrequencyWarning: Sendable, Hashable, CustomStringConvertible {
    public enum Span: String, Sendable { case day = "同一天", week = "同一周", month = "同一月" }
    public var uscc: String
    public var span: Span
    public var count: Int
    public var limit: Int
    /// The day, week or month concerned (2026-05-20, 2026-05-18 起的一周, 2026年5月); empty for the
    /// warnings at filing, which concern the visit's own day.
    public var period: String = ""

    public var description: String { "\(uscc)：\(span.rawValue)内被检查 \(count) 次（超过 \(limit) 次）" }

    /// Every warning about an enterprise visited on `days`, once for each day, ISO week and calendar
    /// month (of a day in `range`) beyond its limit.
    public static func warnings(uscc: String, days: [LocalDate], within range: ClosedRange<LocalDate>) -> [VisitFrequencyWarning] {
        var seen: Set<String> = []
        var out: [VisitFrequencyWarning] = []
        for day in Set(days).sorted() where range.contains(day) {
            for var warning in warnings(uscc: uscc, days: days, on: day) {
                warning.period = switch warning.span {
                case .day: day.description
                case .week: "\(day.adding(days: 1 - day.weekday)) 起的一周"
                case .month: "\(day.year)年\(day.month)月"
                }
                if seen.insert(warning.period).inserted { out.append(warning) }
            }
        }
        return out
    }

    /// Warnings for an enterprise visited on `days` (one entry per visit, any department), looking at
    /// the day, the ISO week (Monday first) and the calendar month of `on`.
    public static func warnings(uscc: String, days: [LocalDate], on date: LocalDate) -> [VisitFrequencyWarning] {
        let monday = date.adding(days: 1 - date.weekday)
        let sameDay = days.filter { $0 == date }.count
        let sameWeek = days.filter { $0 >= monday && $0 <= monday.adding(days: 6) }.count
        let sameMonth = days.filter { $0.year == date.year && $0.month == date.month }.count
        var out: [VisitFrequencyWarning] = []
        if sameDay > VisitRules.perDay { out.append(.init(uscc: uscc, span: .day, count: sameDay, limit: VisitRules.perDay)) }
        if sameWeek > VisitRules.perWeek { out.append(.init(uscc: uscc, span: .week, count: sameWeek, limit: VisitRules.perWeek)) }
        if sameMonth > VisitRules.perMonth { out.append(.init(uscc: uscc, span: .month, count: sameMonth, limit: VisitRules.perMonth)) }
        return out
    }
}

/// 网络故障补录: whether an entry made on `today` for `occurred` is within the 10 natural days allowed.
public func lateEntryDays(occurred: LocalDate, today: LocalDate) throws(VisitError) -> Int {
    let days = occurred.days(to: today)
    guard days >= 0 else { throw .invalid("the time entered (\(occurred)) is in the future") }
    guard days <= VisitRules.lateEntryDays else { throw .tooLate(days: days) }
    return days
}
