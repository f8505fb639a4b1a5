/// One check of one enterprise, however it came about: what the quarterly report counts.
public struct CheckEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A routine random check under a supervision-class policy.
        case routine = "日常随机抽查"
        /// A cross-department joint random check (跨部门联合抽查): one visit, several departments.
        case crossDepartment = "跨部门联合抽查"
        /// An internal joint random check (内部联合抽查): offices of one bureau together.
        case internalJoint = "内部联合抽查"
        /// Triggered by a complaint, referral, incident or data alarm: not random, counted apart.
        case cause = "非随机（投诉举报等）"

        public var isRandom: Bool { self != .cause }
    }

    public var uscc: String
    public var date: LocalDate
    public var kind: Kind
    public var method: SupervisionClass.Method
    /// The departments that took part.
    public var departments: [String]
    /// The draw or plan it came from (or the cause).
    public var source: String
    public var problemFound: Bool
    /// Drawn on credit-risk classes (a plan's per-level strata, or a policy classing by credit risk).
    public var creditBased: Bool
    public var publishedOn: LocalDate?
    /// How the problems were handled (责令改正, 立案调查, 移送, …).
    public var handling: [FollowUpAction]

    public init(uscc: String, date: LocalDate, kind: Kind, method: SupervisionClass.Method = .site, departments: [String],
                source: String, problemFound: Bool, creditBased: Bool, publishedOn: LocalDate? = nil, handling: [FollowUpAction] = []) {
        self.uscc = uscc; self.date = date; self.kind = kind; self.method = method; self.departments = departments
        self.source = source; self.problemFound = problemFound; self.creditBased = creditBased
        self.publishedOn = publishedOn; self.handling = handling
    }

    /// A problem was found and something was done about it.
    public var followUpClosed: Bool { problemFound && !handling.isEmpty }
}

/// A share against a target, computed exactly (no floating point in the comparison).
public struct Indicator: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// numerator / denominator ≥ percent / 100
        case atLeastPercent(Int)
        /// numerator ≥ count
        case atLeastCount(Int)
        /// numerator / denominator ≥ quarter / 4 (on course for a yearly minimum)
        case onCourse(quarter: Int)
    }

    public var name: String
    public var numerator: Int
    public var denominator: Int
    public var target: Target
    public var note: String

    public init(name: String, numerator: Int, denominator: Int, target: Target, note: String) {
        self.name = name; self.numerator = numerator; self.denominator = denominator; self.target = target; self.note = note
    }

    public var isMet: Bool {
        switch target {
        case .atLeastPercent(let p): denominator > 0 && numerator * 100 >= p * denominator
        case .atLeastCount(let n): numerator >= n
        case .onCourse(let q): denominator == 0 || numerator * 4 >= q * denominator
        }
    }

    public var valueText: String {
        switch target {
        case .atLeastCount: "\(numerator)"
        case .atLeastPercent, .onCourse: denominator == 0 ? "—（无检查）" : "\(Self.percent(numerator, denominator))（\(numerator)/\(denominator)）"
        }
    }

    public var targetText: String {
        switch target {
        case .atLeastPercent(let p): p == 100 ? "100%" : "≥ \(p)%"
        case .atLeastCount(let n): "≥ \(n)"
        case .onCourse(let q): "≥ \(Self.percent(q, 4))（全年进度）"
        }
    }

    /// e.g. 33.3% — rounded half up to one decimal, from integers.
    public static func percent(_ a: Int, _ b: Int) -> String {
        guard b > 0 else { return "—" }
        let tenths = (a * 2000 + b) / (2 * b)   // round(a / b * 1000)
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

/// A warning before a rule is broken (国办发〔2024〕54号: no repeated, no uncoordinated inspections).
public struct InspectionWarning: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case yearlyCap = "年度检查次数上限"
        case repeated = "60日内重复检查"
        case uncoordinated = "同季度多部门分别抽中"
        case deadline = "时限即将届满"
        case visitFrequency = "入企检查过频"
    }

    public var kind: Kind
    public var subject: String
    public var message: String
    /// What to do (e.g. `liancha plan merge A B`).
    public var suggestion: String

    public init(kind: Kind, subject: String, message: String, suggestion: String = "") {
        self.kind = kind; self.subject = subject; self.message = message; self.suggestion = suggestion
    }
}

/// The rules of the warnings.
public enum WarningRules {
    /// "The same enterprise checked twice within 60 days" (cause-based checks not counted).
    public static let repeatWindowDays = 60
    /// Deadlines within this many working days are announced.
    public static let deadlineHorizonWorkdays = 3

    /// Enterprises at or over a yearly cap of random checks, and random checks of one enterprise
    /// within 60 days of each other; cause-based checks are shown beside, never counted. `capSource`
    /// cites the document that sets the cap (a policy's `source`).
    public static func repeatedChecks(_ events: [CheckEvent], yearlyCap: Int?, capSource: String = "", year: Int,
                                      asOf: LocalDate) -> [InspectionWarning] {
        var warnings: [InspectionWarning] = []
        let byEnterprise = Dictionary(grouping: events.filter { $0.date <= asOf && $0.date.year == year }, by: \.uscc)
        for (uscc, all) in byEnterprise.sorted(by: { $0.key < $1.key }) {
            let random = all.filter(\.kind.isRandom).sorted { $0.date < $1.date }
            let causes = all.filter { !$0.kind.isRandom }
            let causeNote = causes.isEmpty ? "" : "；另有非随机检查 \(causes.count) 次（" + causes.map { "\($0.date) \($0.source)" }.joined(separator: "、") + "，不计入）"
            if let cap = yearlyCap, random.count >= cap {
                warnings.append(InspectionWarning(
                    kind: .yearlyCap, subject: uscc,
                    message: "\(year)年已随机检查 \(random.count) 次，" + (random.count > cap ? "超过" : "达到") + "年度上限 \(cap) 次" + (capSource.isEmpty ? "" : "（\(capSource)）") + causeNote,
                    suggestion: "本年度不再随机抽取该企业"))
            }
            for (a, b) in zip(random, random.dropFirst()) where a.date.days(to: b.date) <= repeatWindowDays {
                warnings.append(InspectionWarning(
                    kind: .repeated, subject: uscc,
                    message: "\(a.date)（\(a.source)）与 \(b.date)（\(b.source)）两次随机检查相隔 \(a.date.days(to: b.date)) 日" + causeNote
                        + "（本系统对 \(repeatWindowDays) 日内重复随机入企作出提示，以便合并检查事项、减少重复检查）",
                    suggestion: "合并检查事项，避免重复入企"))
            }
        }
        return warnings
    }

    /// Enterprises drawn in two plans of the same quarter led by different departments.
    public static func uncoordinatedPlans(_ draws: [(plan: String, lead: String, state: PlanState, quarter: Quarter, enterprises: Set<String>)])
        -> [InspectionWarning] {
        var warnings: [InspectionWarning] = []
        for (i, a) in draws.enumerated() {
            for b in draws[(i + 1)...] where a.quarter == b.quarter && a.lead != b.lead {
                for uscc in a.enterprises.intersection(b.enterprises).sorted() {
                    let mergeable = [a.state, b.state].allSatisfy { $0 == .drawn || $0 == .dispatched }
                    warnings.append(InspectionWarning(
                        kind: .uncoordinated, subject: uscc,
                        message: "\(a.quarter) 同时被 \(a.plan)（\(a.lead)）与 \(b.plan)（\(b.lead)）抽中",
                        suggestion: mergeable ? "合并为一次联合检查（进一次门、查多项事）：liancha plan merge \(a.plan) \(b.plan)"
                                              : "两计划已开始检查，无法合并；请协调检查时间"))
                }
            }
        }
        return warnings
    }
}
