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

    public var label: String {
        switch self {
        case .coordinator: "牵头协调员"
        case .clerk: "部门管理员"
        case .inspector: "执法检查人员"
        case .auditor: "审计（只读）"
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
}
