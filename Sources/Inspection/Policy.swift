/// A jurisdiction's supervision-class policy (分类监管): which classes it has, who falls into each,
/// how conflicts resolve, and at which ratio each class is drawn. Policies are data, read from
/// `fixtures/policies/*.yaml`; rules that differ between jurisdictions never live in code.
public struct Policy: Sendable, Hashable {
    public enum Level: String, Sendable, CaseIterable { case city, county }

    public var name: String
    public var title: String
    public var jurisdiction: String
    public var level: Level
    public var year: Int
    /// Where in the source document the rules are.
    public var source: String
    /// In the order reports list them.
    public var classes: [SupervisionClass]
    /// When an enterprise meets several classes' conditions, the first of these ids wins.
    public var precedence: [String]
    /// The source document's conflict rule, in its own words.
    public var precedenceNote: String
    /// The class of enterprises that meet no condition; nil leaves them unclassified.
    public var fallback: String?
    public var rules: PolicyRules
    /// What the operator must supply (e.g. ratios the document leaves open).
    public var inputs: [String]
    /// The department whose routine checks this policy governs (e.g. HB), for reports by department.
    public var department: String?

    public init(name: String, title: String, jurisdiction: String, level: Level, year: Int, source: String,
                classes: [SupervisionClass], precedence: [String], precedenceNote: String, fallback: String?,
                rules: PolicyRules, inputs: [String], department: String? = nil) {
        self.name = name
        self.title = title
        self.jurisdiction = jurisdiction
        self.level = level
        self.year = year
        self.source = source
        self.classes = classes
        self.precedence = precedence
        self.precedenceNote = precedenceNote
        self.fallback = fallback
        self.rules = rules
        self.inputs = inputs
        self.department = department
    }

    /// Whether any class is defined by credit risk: its routine checks then count as drawn on
    /// credit-risk classes (the Qinhuangdao 2024 plan's 85 % indicator).
    public var usesCreditRisk: Bool {
        classes.contains { $0.condition.tests(.creditRisk) }
    }

    public func supervisionClass(_ id: String) -> SupervisionClass? { classes.first { $0.id == id } }
}

/// One supervision class (监管对象类别) of a policy, e.g. 重点监管对象.
public struct SupervisionClass: Sendable, Hashable {
    public enum Method: String, Sendable, Codable, CaseIterable {
        case site
        /// 非现场: online monitoring and other remote checks, not a site visit.
        case nonSite = "non-site"

        public var label: String { self == .site ? "现场检查" : "非现场检查" }
    }

    public var id: String
    public var name: String
    public var condition: Condition
    public var period: DrawPeriod
    /// The "at least" ratio; nil where the document leaves it open (the operator must give it).
    public var ratio: Ratio?
    public var method: Method
    /// False where the class is drawn by another level (classified here, not drawn).
    public var isDrawn: Bool
    public var note: String

    public init(id: String, name: String, condition: Condition, period: DrawPeriod = .quarter, ratio: Ratio?,
                method: Method = .site, isDrawn: Bool = true, note: String = "") {
        self.id = id
        self.name = name
        self.condition = condition
        self.period = period
        self.ratio = ratio
        self.method = method
        self.isDrawn = isDrawn
        self.note = note
    }
}

/// Rules over the whole policy.
public struct PolicyRules: Sendable, Hashable {
    /// At most this many routine random checks per enterprise a year (国办发〔2024〕54号 asks each department to set one).
    public var yearlyCap: Int?
    /// Statuses never drawn (production stopped, deregistered).
    public var excludeStatus: [OperatingStatus]
    /// Drop enterprises drawn earlier this year whose check found no problem.
    public var excludeInspectedWithoutProblem: Bool
    public var minimumCoverage: [CoverageRule]

    public init(yearlyCap: Int? = nil, excludeStatus: [OperatingStatus] = [.stopped, .deregistered],
                excludeInspectedWithoutProblem: Bool = false, minimumCoverage: [CoverageRule] = []) {
        self.yearlyCap = yearlyCap
        self.excludeStatus = excludeStatus
        self.excludeInspectedWithoutProblem = excludeInspectedWithoutProblem
        self.minimumCoverage = minimumCoverage
    }
}

/// "Key and special objects at least once a year": every enterprise of `classes` checked `times` per period.
public struct CoverageRule: Sendable, Hashable {
    public var classes: [String]
    public var times: Int
    public var per: DrawPeriod

    public init(classes: [String], times: Int, per: DrawPeriod) {
        self.classes = classes
        self.times = times
        self.per = per
    }
}

/// A condition over directory fields that puts an enterprise into a class.
public indirect enum Condition: Sendable, Hashable {
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// The field's value is one of `values`.
    case test(ConditionField, [String])
}

extension Condition {
    /// Whether the condition tests `field` anywhere.
    public func tests(_ field: ConditionField) -> Bool {
        switch self {
        case .all(let parts), .any(let parts): parts.contains { $0.tests(field) }
        case .not(let inner): inner.tests(field)
        case .test(let f, _): f == field
        }
    }
}

/// The directory fields a policy condition may test, named as policy files write them.
public enum ConditionField: String, Sendable, CaseIterable {
    case permit, status, division, industry, label
    case keyDischargeUnit = "key_discharge_unit"
    case positiveList = "positive_list"
    case penalizedLastQuarter = "penalized_last_quarter"
    case highRisk = "high_risk"
    case supervisedRectification = "supervised_rectification"
    case nonSiteCapable = "non_site_capable"
    case airGrade = "air_grade"
    case creditRisk = "credit_risk"

    /// The Chinese column name of the directory.
    public var columnName: String {
        switch self {
        case .permit: "排污许可管理类别"
        case .status: "经营状态"
        case .division: "行政区划代码"
        case .industry: "行业代码"
        case .label: "标签"
        case .keyDischargeUnit: "重点排污单位"
        case .positiveList: "正面清单"
        case .penalizedLastQuarter: "上季度受处罚"
        case .highRisk: "高环境风险"
        case .supervisedRectification: "挂牌督办"
        case .nonSiteCapable: "具备非现场检查条件"
        case .airGrade: "绩效评级"
        case .creditRisk: "信用风险等级"
        }
    }

    /// The values a test on this field may name; nil where any text is allowed.
    public var allowedValues: [String]? {
        switch self {
        case .permit: PermitCategory.allCases.map(\.rawValue)
        case .status: OperatingStatus.allCases.map(\.rawValue)
        case .airGrade: AirGrade.allCases.map(\.rawValue) + [Self.unrated]
        case .creditRisk: CreditRisk.allCases.map(\.rawValue) + [Self.unrated]
        case .keyDischargeUnit, .positiveList, .penalizedLastQuarter, .highRisk, .supervisedRectification, .nonSiteCapable:
            ["是", "否"]
        case .division, .industry, .label: nil
        }
    }

    /// The value of a grade that was never recorded.
    public static let unrated = "未评"
}
