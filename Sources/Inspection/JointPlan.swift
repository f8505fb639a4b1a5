/// 一业一查: a joint inspection plan of a lead department with partner departments.
public struct JointPlan: Codable, Sendable, Hashable {
    /// 抽查计划编号, e.g. 栾联2026006.
    public var number: String
    public var name: String
    /// 抽查任务编号 and 名称.
    public var taskNumber: String
    public var taskName: String
    public var kind: Kind
    public var drawType: DrawType
    /// e.g. 石家庄市栾城区
    public var jurisdiction: String
    public var year: Int
    /// Which joint inspection of the year this is (第六次): titles are generated from it.
    public var ordinal: Int
    public var scope: PlanScope
    /// The "at least" ratio per credit-risk level; enterprises without a level use `overallMinimum`.
    public var ratios: CreditRatios
    /// The whole draw is at least this share of the candidates (e.g. 3 %).
    public var overallMinimum: Ratio
    public var lead: String
    public var partners: [String]
    public var start: LocalDate
    public var end: LocalDate
    /// At most this many enterprises per inspector in this plan.
    public var maxPerInspector: Int
    public var state: PlanState

    /// 跨部门 (cross-department) or 内部 (internal: offices of one bureau).
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case crossDepartment = "跨部门"
        case `internal` = "内部"
    }

    /// 定向 (restricted in advance by labels/industries) or 不定向.
    public enum DrawType: String, Codable, Sendable, CaseIterable {
        case directed = "定向"
        case undirected = "不定向"
    }

    public init(number: String, name: String, taskNumber: String, taskName: String, kind: Kind = .crossDepartment,
                drawType: DrawType, jurisdiction: String, year: Int, ordinal: Int, scope: PlanScope, ratios: CreditRatios,
                overallMinimum: Ratio, lead: String, partners: [String], start: LocalDate, end: LocalDate,
                maxPerInspector: Int = 5, state: PlanState = .draft) {
        self.number = number; self.name = name; self.taskNumber = taskNumber; self.taskName = taskName; self.kind = kind
        self.drawType = drawType; self.jurisdiction = jurisdiction; self.year = year; self.ordinal = ordinal
        self.scope = scope; self.ratios = ratios; self.overallMinimum = overallMinimum; self.lead = lead
        self.partners = partners; self.start = start; self.end = end; self.maxPerInspector = maxPerInspector
        self.state = state
    }

    /// Every department of the plan, lead first.
    public var departments: [String] { [lead] + partners }

    /// e.g. 石家庄市栾城区2026年第六次跨部门“双随机、一公开”联合抽查 — never typed by hand.
    public var title: String {
        "\(jurisdiction)\(year)年第\(ChineseNumeral.ordinal(ordinal))次\(kind == .internal ? "内部" : "跨部门")“双随机、一公开”联合抽查"
    }

    /// 抽查比例 as the plan tables write it: 结合企业信用风险等级，A类1%、…，总体不低于3%.
    public var ratioText: String {
        let levels = CreditRisk.allCases.compactMap { level in ratios[level].map { "\(level.rawValue)类\($0.text)" } }
        return "结合企业信用风险等级" + (levels.isEmpty ? "" : "，" + levels.joined(separator: "、")) + "，总体不低于\(overallMinimum.text)"
    }

    /// 抽查时间, e.g. 2026年5月15日至6月30日.
    public var windowText: String {
        "\(start.year)年\(start.month)月\(start.day)日至" + (end.year == start.year ? "" : "\(end.year)年") + "\(end.month)月\(end.day)日"
    }
}

/// 抽查对象范围: which enterprises of the directory a plan draws from.
public struct PlanScope: Codable, Sendable, Hashable {
    /// The text the plan tables print, e.g. 监管对象名录库中应急管理领域涉及到的企业.
    public var description: String
    /// Supervised by at least one of these departments (empty: any).
    public var departments: [String]
    /// Industry code starting with one of these (empty: any).
    public var industries: [String]
    /// Having every one of these labels (定向).
    public var labels: [String]
    /// In one of these divisions (empty: any).
    public var divisions: [String]

    public init(description: String, departments: [String] = [], industries: [String] = [], labels: [String] = [],
                divisions: [String] = []) {
        self.description = description; self.departments = departments; self.industries = industries
        self.labels = labels; self.divisions = divisions
    }

    public func contains(_ e: Enterprise) -> Bool {
        (departments.isEmpty || e.departments.contains(where: departments.contains))
            && (industries.isEmpty || industries.contains(where: e.industry.hasPrefix))
            && labels.allSatisfy(e.labels.contains)
            && (divisions.isEmpty || divisions.contains(e.division))
    }
}

/// The ratio of each credit-risk level (A–D).
public struct CreditRatios: Codable, Sendable, Hashable {
    public var a: Ratio?
    public var b: Ratio?
    public var c: Ratio?
    public var d: Ratio?

    public init(a: Ratio? = nil, b: Ratio? = nil, c: Ratio? = nil, d: Ratio? = nil) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    public subscript(level: CreditRisk) -> Ratio? {
        switch level {
        case .a: a
        case .b: b
        case .c: c
        case .d: d
        }
    }
}

/// Where a plan is in its life; each step needs the one before.
public enum PlanState: String, Codable, Sendable, CaseIterable, Comparable {
    case draft
    case collecting
    case frozen
    case drawn
    case dispatched
    case matched
    case checking
    case recorded
    case published
    case closed

    public var label: String {
        switch self {
        case .draft: "草稿 (draft)"
        case .collecting: "征集事项 (collecting items)"
        case .frozen: "事项已锁定 (items frozen)"
        case .drawn: "已抽取 (drawn)"
        case .dispatched: "已派发 (dispatched)"
        case .matched: "已匹配执法人员 (teams matched)"
        case .checking: "检查中 (checking)"
        case .recorded: "结果已录入 (results recorded)"
        case .published: "已公示 (published)"
        case .closed: "已办结 (closed)"
        }
    }

    /// What moves a plan out of this state.
    public var nextStep: String {
        switch self {
        case .draft: "open it to partner departments (liancha plan collect)"
        case .collecting: "freeze its items (liancha plan freeze)"
        case .frozen: "draw the enterprises (liancha plan draw)"
        case .drawn: "dispatch them (liancha plan dispatch)"
        case .dispatched: "have every department confirm, then match teams (liancha plan confirm, liancha plan match)"
        case .matched, .checking: "record every department's results (liancha plan result)"
        case .recorded: "publish the results (liancha plan publish)"
        case .published: "record the follow-up of every finding, then close it (liancha plan followup, liancha plan close)"
        case .closed: "nothing: the plan is closed"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: PlanState, b: PlanState) -> Bool { a.order < b.order }
}

/// Why a plan command cannot be carried out now.
public enum PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownPlan(String)
    case wrongState(plan: String, state: PlanState, action: String)
    case notAPartner(plan: String, department: String)
    case itemNotInList(department: String, code: String)
    case itemNotInPlan(department: String, code: String)
    case noItems(plan: String)
    case noCandidates(plan: String)
    case notDispatched(uscc: String, department: String)
    case notDrawn(uscc: String)
    case notOnTeam(certificate: String, uscc: String)
    case noReplacement(uscc: String, department: String)
    case resultsMissing(count: Int, example: String)
    case followUpMissing(count: Int, example: String)
    /// A text longer than `Bounds` allows.
    case tooLong(field: String, limit: Int)
    /// A date outside what makes sense for `field` (between `earliest` and `latest`, where given).
    case dateOutOfRange(field: String, date: LocalDate, earliest: LocalDate?, latest: LocalDate?)
    case invalid(String)

    public var description: String {
        switch self {
        case .unknownPlan(let number): "no plan \(number) (see liancha plan list)"
        case .wrongState(let plan, let state, let action):
            "plan \(plan) is \(state.label): cannot \(action) now; next, \(state.nextStep)"
        case .notAPartner(let plan, let d): "department \(d) is not in plan \(plan)"
        case .itemNotInList(let d, let code): "\(code) is not an item of \(d)'s own list (liancha export items shows the lists)"
        case .itemNotInPlan(let d, let code): "\(d) has no item \(code) in this plan"
        case .noItems(let plan): "plan \(plan) has no items: partner departments add them with liancha plan items add"
        case .noCandidates(let plan): "no enterprise of the directory is in the scope of plan \(plan)"
        case .notDispatched(let uscc, let d): "\(uscc) was not dispatched to \(d)"
        case .notDrawn(let uscc): "\(uscc) was not drawn in this plan"
        case .notOnTeam(let cert, let uscc): "\(cert) is not on the team of \(uscc)"
        case .noReplacement(let uscc, let d): "no further eligible inspector of \(d) for \(uscc): every candidate was drawn or replaced"
        case .resultsMissing(let n, let example): "\(n) result\(n == 1 ? " is" : "s are") still missing, e.g. \(example)"
        case .followUpMissing(let n, let example): "\(n) finding\(n == 1 ? " has" : "s have") no follow-up yet, e.g. \(example)"
        case .tooLong(let field, let limit): "the \(field) is longer than \(limit) characters"
        case .dateOutOfRange(let field, let date, let earliest, let latest):
            "the \(field) \(date) is out of range: "
                + [earliest.map { "not before \($0)" }, latest.map { "not after \($0)" }].compactMap { $0 }.joined(separator: ", ")
        case .invalid(let text): text
        }
    }
}

extension PlanState {
    /// Throws unless the plan is in one of `allowed`.
    public func require(_ allowed: PlanState..., plan: String, to action: String) throws(PlanError) {
        guard allowed.contains(self) else { throw .wrongState(plan: plan, state: self, action: action) }
    }
}

/// Chinese numerals for ordinals in titles (第六次, 第十二次).
public enum ChineseNumeral {
    public static func ordinal(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0 && n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}

// Plan files may leave out what has a sensible default.
extension JointPlan {
    enum CodingKeys: String, CodingKey {
        case number, name, taskNumber, taskName, kind, drawType, jurisdiction, year, ordinal, scope, ratios, overallMinimum,
             lead, partners, start, end, maxPerInspector, state
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let start = try c.decode(LocalDate.self, forKey: .start)
        self.init(
            number: try c.decode(String.self, forKey: .number), name: try c.decode(String.self, forKey: .name),
            taskNumber: try c.decode(String.self, forKey: .taskNumber), taskName: try c.decode(String.self, forKey: .taskName),
            kind: try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .crossDepartment,
            drawType: try c.decode(DrawType.self, forKey: .drawType), jurisdiction: try c.decode(String.self, forKey: .jurisdiction),
            year: try c.decodeIfPresent(Int.self, forKey: .year) ?? start.year, ordinal: try c.decode(Int.self, forKey: .ordinal),
            scope: try c.decode(PlanScope.self, forKey: .scope), ratios: try c.decodeIfPresent(CreditRatios.self, forKey: .ratios) ?? CreditRatios(),
            overallMinimum: try c.decode(Ratio.self, forKey: .overallMinimum), lead: try c.decode(String.self, forKey: .lead),
            partners: try c.decodeIfPresent([String].self, forKey: .partners) ?? [], start: start,
            end: try c.decode(LocalDate.self, forKey: .end),
            maxPerInspector: try c.decodeIfPresent(Int.self, forKey: .maxPerInspector) ?? 5,
            state: try c.decodeIfPresent(PlanState.self, forKey: .state) ?? .draft)
    }
}

extension PlanScope {
    enum CodingKeys: String, CodingKey { case description, departments, industries, labels, divisions }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(description: try c.decode(String.self, forKey: .description),
                  departments: try c.decodeIfPresent([String].self, forKey: .departments) ?? [],
                  industries: try c.decodeIfPresent([String].self, forKey: .industries) ?? [],
                  labels: try c.decodeIfPresent([String].self, forKey: .labels) ?? [],
                  divisions: try c.decodeIfPresent([String].self, forKey: .divisions) ?? [])
    }
}
