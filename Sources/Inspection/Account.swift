/// Who may do what in the web application.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// Lead bureau: plans, draws, publication, statistics.
    case coordinator
    /// A department's clerk: its items, confirmations, teams, results and follow-up.
    case clerk
    /// An inspector: own forms and own results.
    case inspector
    /// Read-only, everything, including draw records.
    case auditor
    /// 负责人: a department's responsible person, who approves or refuses its visits (one or more per department).
    case leader

    public var label: String {
        switch self {
        case .coordinator: "牵头协调员"
        case .clerk: "部门管理员"
        case .inspector: "执法检查人员"
        case .auditor: "审计（只读）"
        case .leader: "负责人"
        }
    }
}

/// A user account of the web application: it belongs to a department and has a role.
public struct Account: Codable, Sendable, Hashable {
    public var name: String
    public var department: String
    public var role: Role
    /// For inspectors: their enforcement certificate (their forms and results are theirs).
    public var certificate: String?

    public init(name: String, department: String, role: Role, certificate: String? = nil) {
        self.name = name
        self.department = department
        self.role = role
        self.certificate = certificate
    }

    /// Whether this account may create, reset the password of, disable or enable `other` on the
    /// accounts page: the coordinator any account, a clerk its own department's inspectors only.
    public func mayManage(_ other: Account) -> Bool {
        switch role {
        case .coordinator: true
        case .clerk: other.role == .inspector && other.department == department
        default: false
        }
    }
}

/// What a new password must be (网络安全等级保护 2.0, level 3: 身份鉴别信息具有复杂度要求): at least 8
/// characters of at least three kinds (upper case, lower case, digits, symbols), and not the
/// account's name. One rule for the CLI and the web.
public enum PasswordPolicy {
    public static let minimumLength = 8

    /// Why `password` is not acceptable for `account`, in Chinese and English; nil when it is.
    public static func problem(with password: String, account: String) -> String? {
        if password.count < minimumLength {
            return "密码至少 \(minimumLength) 个字符 (a password needs at least \(minimumLength) characters)"
        }
        var kinds = 0
        if password.contains(where: { $0.isUppercase }) { kinds += 1 }
        if password.contains(where: { $0.isLowercase }) { kinds += 1 }
        if password.contains(where: { $0.isNumber }) { kinds += 1 }
        if password.contains(where: { !$0.isLetter && !$0.isNumber && !$0.isWhitespace }) { kinds += 1 }
        if kinds < 3 {
            return "密码须包含大写字母、小写字母、数字、符号中的至少三类 (use at least three of: upper case, lower case, digits, symbols)"
        }
        let name = account.trimmingWhitespace.lowercased()
        if !name.isEmpty, password.lowercased().contains(name) {
            return "密码不能包含账号名 (a password may not contain the account name)"
        }
        return nil
    }
}
