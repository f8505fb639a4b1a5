/// A department (部门) taking part in inspections, e.g. `YJ` 栾城区应急管理局 (应急).
public struct Department: Hashable, Codable, Sendable {
    /// Short upper-case code used everywhere else (item codes, team scopes, CLI options).
    public var code: String
    public var name: String
    public var shortName: String

    public init(code: String, name: String, shortName: String) {
        self.code = code
        self.name = name
        self.shortName = shortName
    }
}

/// 经营状态: whether an enterprise operates.
public enum OperatingStatus: String, Codable, Sendable, CaseIterable {
    case operating = "在营"
    case stopped = "停产"
    case deregistered = "注销"
}

/// 排污许可管理类别: the pollutant-discharge permit category.
public enum PermitCategory: String, Codable, Sendable, CaseIterable {
    case key = "重点管理"
    case simplified = "简化管理"
    case registration = "登记管理"
    case none = "无"
}

/// 绩效评级: the air-pollution performance grade of heavy-pollution-weather emergency plans.
public enum AirGrade: String, Codable, Sendable, CaseIterable {
    case a = "A"
    case b = "B"
    case leading = "引领性"
    case c = "C"
    case d = "D"

    /// Grades "B or better": A, B and 引领性 (the leading grade).
    public var isBOrBetter: Bool { self == .a || self == .b || self == .leading }
}

/// 信用风险等级: the credit-risk class, A (lowest risk) to D.
public enum CreditRisk: String, Codable, Sendable, CaseIterable, Comparable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"

    public static func < (l: CreditRisk, r: CreditRisk) -> Bool { l.rawValue < r.rawValue }
}

/// 检查对象: one entry of the inspection object directory (检查对象名录库).
public struct Enterprise: Hashable, Codable, Sendable {
    /// 统一社会信用代码, validated and upper case.
    public var uscc: String
    public var name: String
    /// 行政区划代码 (GB/T 2260), six digits.
    public var division: String
    public var address: String = ""
    public var legalRepresentative: String = ""
    /// 行业代码 (GB/T 4754-2017), kept as text.
    public var industry: String = ""
    public var status: OperatingStatus = .operating
    public var permit: PermitCategory = .none
    public var keyDischargeUnit = false
    public var positiveList = false
    public var airGrade: AirGrade?
    public var creditRisk: CreditRisk?
    public var penalizedLastQuarter = false
    public var highRisk = false
    public var supervisedRectification = false
    public var nonSiteCapable = false
    /// Codes of the supervising departments, in the order given.
    public var departments: [String] = []
    /// Free labels (标识化管理) for directed draws, e.g. `乡镇=冶河镇`.
    public var labels: [String] = []

    public init(uscc: String, name: String, division: String) {
        self.uscc = uscc
        self.name = name
        self.division = division
    }
}

/// 人员类别: enforcement officer or auxiliary staff.
public enum InspectorKind: String, Codable, Sendable, CaseIterable {
    /// 执法人员: holds an enforcement certificate; counts toward the two-officer minimum.
    case officer = "执法人员"
    /// 辅助人员: monitoring staff, experts; may assist, never counts toward the minimum.
    case auxiliary = "辅助人员"
}

/// 执法检查人员: one entry of the inspector roster (执法检查人员名录库).
public struct Inspector: Hashable, Codable, Sendable {
    /// 执法证号: the enforcement certificate number (or expert id for auxiliary staff).
    public var certificate: String
    public var name: String
    public var department: String
    public var post: String = ""
    public var division: String = ""
    public var gender: String = ""
    public var years: Int?
    public var specialties: [String] = []
    public var onDuty = true
    public var kind: InspectorKind = .officer

    public init(certificate: String, name: String, department: String) {
        self.certificate = certificate
        self.name = name
        self.department = department
    }
}

/// 事项类别.
public enum ItemCategory: String, Codable, Sendable, CaseIterable {
    case general = "一般"
    case key = "重点"
}

/// 检查方式.
public enum CheckMethod: String, Codable, Sendable, CaseIterable {
    case site = "现场"
    case documents = "书面"
    case nonSite = "非现场"
}

/// 随机抽查事项: one entry of a department's random inspection item list (随机抽查事项清单).
public struct InspectionItem: Hashable, Codable, Sendable {
    public var department: String
    /// 事项编码, unique within the department.
    public var code: String
    public var name: String
    public var content: String = ""
    /// 检查对象: the kind of object the item applies to.
    public var object: String = ""
    public var category: ItemCategory = .general
    public var method: CheckMethod = .site
    /// 抽查比例及频次 as the list writes it.
    public var ratioText: String = ""
    public var basis: String = ""
    /// 所需专长: the specialty an inspector needs for this item, if any.
    public var specialty: String = ""

    public init(department: String, code: String, name: String) {
        self.department = department
        self.code = code
        self.name = name
    }
}
