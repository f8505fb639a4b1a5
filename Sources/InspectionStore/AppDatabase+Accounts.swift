import GRDB
public import Inspection

extension AppDatabase {
    /// Creates an account; `passwordHash` is a bcrypt hash made by the web module.
    public func addAccount(_ account: Account, passwordHash: String, actor: Actor) throws {
        try translatingErrors {
            try writer.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM account WHERE name = ?", arguments: [account.name]) == nil else {
                    throw PlanError.invalid("an account named \(account.name) exists already")
                }
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM department WHERE code = ?", arguments: [account.department]) != nil else {
                    throw StoreError.unknownDepartment(account.department)
                }
                if account.role == .inspector {
                    guard let cert = account.certificate,
                          try String.fetchOne(db, sql: "SELECT department FROM inspector WHERE certificate = ?", arguments: [cert]) == account.department else {
                        throw PlanError.invalid("an inspector account needs the certificate (--certificate) of an inspector of \(account.department)")
                    }
                }
                try db.execute(sql: "INSERT INTO account (name, department, role, certificate, password_hash) VALUES (?, ?, ?, ?, ?)",
                               arguments: [account.name, account.department, account.role.rawValue, account.certificate, passwordHash])
                try appendAudit(db, actor: actor, action: "user add", detail: "\(account.name): \(account.role.rawValue) of \(account.department)",
                                records: account.name)
            }
        }
    }

    /// The active account named `name` and its password hash, for login.
    public func account(named name: String) throws -> (account: Account, passwordHash: String)? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ? AND active", arguments: [name]).map {
                (Account(name: $0["name"], department: $0["department"], role: Role(rawValue: $0["role"]) ?? .auditor,
                         certificate: $0["certificate"]), $0["password_hash"])
            }
        }
    }

    public func accounts() throws -> [Account] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").map {
                Account(name: $0["name"], department: $0["department"], role: Role(rawValue: $0["role"]) ?? .auditor, certificate: $0["certificate"])
            }
        }
    }

    public func setPassword(of name: String, passwordHash: String, actor: Actor) throws {
        try translatingErrors {
            try writer.write { db in
                try db.execute(sql: "UPDATE account SET password_hash = ? WHERE name = ?", arguments: [passwordHash, name])
                guard db.changesCount == 1 else { throw PlanError.invalid("no account named \(name)") }
                try appendAudit(db, actor: actor, action: "user password", detail: name, records: name)
            }
        }
    }
}
