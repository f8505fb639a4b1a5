public import Inspection

/// What the audit log records of a session (登录审计).
public enum SessionEvent: String, Sendable {
    case signIn = "sign in"
    case failedSignIn = "sign in failed"
    case signOut = "sign out"
}

extension AppDatabase {
    /// Records a sign-in, a failed sign-in (under the name that was typed, cut to 64 characters) or
    /// a sign-out, with the client's address.
    public func recordSession(_ event: SessionEvent, account: String, address: String, actor: Actor) throws {
        let name = String(account.prefix(64))
        _ = try backend.write { db in
            try appendAudit(db, actor: actor, action: event.rawValue, detail: "\(name) from \(address)", records: name)
        }
    }

    /// Creates an account; `passwordHash` is a bcrypt hash made by the web module.
    public func addAccount(_ account: Account, passwordHash: String, actor: Actor, managedBy manager: Account? = nil) throws {
        try Bounds.check(account.name, "account name", limit: Bounds.code)
        try backend.write { db in
            if let manager, !manager.mayManage(account) { throw StoreError.accountNotManaged(name: account.name, by: manager.name) }
            guard try db.value(Bool.self, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [account.name]) == nil else {
                throw PlanError.invalid("an account named \(account.name) exists already")
            }
            guard try db.value(Bool.self, sql: "SELECT 1 FROM department WHERE code = ?", arguments: [account.department]) != nil else {
                throw StoreError.unknownDepartment(account.department)
            }
            if account.role == .inspector {
                guard let cert = account.certificate,
                      try db.value(String.self, sql: "SELECT department FROM inspector WHERE certificate = ?", arguments: [cert]) == account.department else {
                    throw PlanError.invalid("an inspector account needs the certificate (--certificate) of an inspector of \(account.department)")
                }
            }
            try db.execute(sql: "INSERT INTO account (name, department, role, certificate, password_hash) VALUES (?, ?, ?, ?, ?)",
                           arguments: [account.name, account.department, account.role.rawValue, account.certificate, passwordHash])
            try appendAudit(db, actor: actor, action: "user add", detail: "\(account.name): \(account.role.rawValue) of \(account.department)",
                            records: account.name)
        }
    }

    /// The active account named `name` and its password hash, for login.
    public func account(named name: String) throws -> (account: Account, passwordHash: String)? {
        try backend.read { db in
            try db.row(sql: "SELECT * FROM account WHERE name = ? AND active", arguments: [name]).map {
                (Account(name: $0["name"], department: $0["department"], role: Role(rawValue: $0["role"]) ?? .auditor,
                         certificate: $0["certificate"]), $0["password_hash"])
            }
        }
    }

    public func accounts() throws -> [Account] {
        try backend.read { db in
            try db.rows(sql: "SELECT * FROM account ORDER BY name").map {
                Account(name: $0["name"], department: $0["department"], role: Role(rawValue: $0["role"]) ?? .auditor, certificate: $0["certificate"])
            }
        }
    }

    public func setPassword(of name: String, passwordHash: String, actor: Actor, managedBy manager: Account? = nil) throws {
        try backend.write { db in
            try Self.requireManaged(db, name, by: manager)
            let changed = try db.execute(sql: "UPDATE account SET password_hash = ? WHERE name = ?", arguments: [passwordHash, name])
            guard changed == 1 else { throw PlanError.invalid("no account named \(name)") }
            try endSessions(db, of: name)
            try appendAudit(db, actor: actor, action: "user password", detail: "\(name); its sessions ended", records: name)
        }
    }

    /// Disables or enables an account; disabling ends its sessions and refuses its sign-ins.
    public func setAccountActive(_ name: String, active: Bool, actor: Actor, managedBy manager: Account? = nil) throws {
        try backend.write { db in
            try Self.requireManaged(db, name, by: manager)
            let changed = try db.execute(sql: "UPDATE account SET active = ? WHERE name = ?", arguments: [active, name])
            guard changed == 1 else { throw PlanError.invalid("no account named \(name)") }
            if !active { try endSessions(db, of: name) }
            try appendAudit(db, actor: actor, action: active ? "user enable" : "user disable",
                            detail: active ? name : "\(name); its sessions ended", records: name)
        }
    }

    /// Gives an account another role; its sessions end, so the new role applies from its next sign-in.
    public func setRole(of name: String, to role: Role, certificate: String?, actor: Actor) throws {
        try backend.write { db in
            guard let department = try db.value(String.self, sql: "SELECT department FROM account WHERE name = ?", arguments: [name]) else {
                throw PlanError.invalid("no account named \(name)")
            }
            let certificate = role == .inspector ? certificate : nil
            if role == .inspector {
                guard let certificate,
                      try db.value(String.self, sql: "SELECT department FROM inspector WHERE certificate = ?", arguments: [certificate]) == department else {
                    throw PlanError.invalid("an inspector account needs the certificate (--certificate) of an inspector of \(department)")
                }
            }
            try db.execute(sql: "UPDATE account SET role = ?, certificate = ? WHERE name = ?", arguments: [role.rawValue, certificate, name])
            try endSessions(db, of: name)
            try appendAudit(db, actor: actor, action: "user role", detail: "\(name): \(role.rawValue); its sessions ended", records: name)
        }
    }

    /// Every account with whether it is active, for `liancha user list` and the accounts page.
    public func accountStates() throws -> [(account: Account, active: Bool)] {
        try backend.read { db in
            try db.rows(sql: "SELECT * FROM account ORDER BY name").map {
                (Account(name: $0["name"], department: $0["department"], role: Role(rawValue: $0["role"]) ?? .auditor,
                         certificate: $0["certificate"]), $0["active"])
            }
        }
    }

    /// Refuses a change to `name` by a `manager` who may not manage the stored account (nil: the CLI).
    static func requireManaged(_ db: any SQLConnection, _ name: String, by manager: Account?) throws {
        guard let manager else { return }
        guard let row = try db.row(sql: "SELECT * FROM account WHERE name = ?", arguments: [name]) else {
            throw PlanError.invalid("no account named \(name)")
        }
        let stored = Account(name: row["name"], department: row["department"], role: Role(rawValue: row["role"]) ?? .auditor,
                             certificate: row["certificate"])
        guard manager.mayManage(stored) else { throw StoreError.accountNotManaged(name: name, by: manager.name) }
    }
}
