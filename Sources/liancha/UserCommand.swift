import ArgumentParser
import Foundation
import Inspection
import InspectionStore
import InspectionWeb
#if canImport(Glibc)
import Glibc
#endif

/// `liancha user …`: the web application's accounts (the first coordinator comes from here).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Accounts of the web application: add, list, set a password, disable, enable, change role, list and end sessions.",
        subcommands: [Add.self, List.self, Password.self, Disable.self, Enable.self, RoleCommand.self, Sessions.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account of a department with a role (coordinator, clerk, inspector, auditor).",
            discussion: """
                The password comes from --password or, without it, from the first line of standard input
                (echo 'secret' | liancha user add …). It is stored as a bcrypt hash. An inspector's account
                names the certificate (--certificate) of an inspector of its department in the roster.
                """
        )
        @Option(help: ArgumentHelp("The account's department code.", valueName: "code")) var department: String
        @Option(help: "coordinator, clerk, inspector or auditor.") var role: String
        @Option(help: ArgumentHelp("For inspectors: their enforcement certificate in the roster.", valueName: "certificate")) var certificate: String?
        @Option(help: "The password (otherwise read from standard input).") var password: String?
        @Argument(help: "The account name (what one types to sign in).") var name: String
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard !name.trimmingWhitespace.isEmpty else { throw ValidationError("the account name is empty") }
            if Role(rawValue: role) == .inspector && certificate == nil {
                throw ValidationError("an inspector account needs --certificate (the inspector's certificate in the roster)")
            }
        }

        func run() throws {
            try reporting {
                let secret = try UserCommand.readPassword(password, account: name.trimmingWhitespace)
                let db = try global.open()
                let account = Account(name: name.trimmingWhitespace, department: department, role: Role(rawValue: role)!, certificate: certificate)
                try db.addAccount(account, passwordHash: Passwords.hash(secret), actor: global.actor())
                print("added \(account.role.rawValue) \(account.name) of \(account.department)" + (certificate.map { " (certificate \($0))" } ?? ""))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                for (a, active) in try global.open().accountStates() {
                    print("\(a.name)  \(a.role.rawValue)  \(a.department)" + (a.certificate.map { "  \($0)" } ?? "") + (active ? "" : "  (disabled)"))
                }
            }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set an account's password (from --password or standard input).")
        @Option(help: "The new password (otherwise read from standard input).") var password: String?
        @Argument(help: "The account name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let secret = try UserCommand.readPassword(password, account: name)
                try global.open().setPassword(of: name, passwordHash: Passwords.hash(secret), actor: global.actor())
                print("password of \(name) set")
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its sessions end and it can no longer sign in.")
        @Argument(help: "The account name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                try global.open().setAccountActive(name, active: false, actor: global.actor())
                print("\(name) disabled; its sessions ended")
            }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")
        @Argument(help: "The account name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                try global.open().setAccountActive(name, active: true, actor: global.actor())
                print("\(name) enabled")
            }
        }
    }

    struct RoleCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "role", abstract: "Give an account another role; its sessions end, the new role applies from its next sign-in.")
        @Option(help: ArgumentHelp("The new role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")) var role: String
        @Option(help: ArgumentHelp("For inspectors: their enforcement certificate in the roster.", valueName: "certificate")) var certificate: String?
        @Argument(help: "The account name.") var name: String
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
            }
        }

        func run() throws {
            try reporting {
                try global.open().setRole(of: name, to: Role(rawValue: role)!, certificate: certificate, actor: global.actor())
                print("\(name) is now \(role); its sessions ended")
            }
        }
    }

    struct Sessions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the signed-in sessions (of one account with --account), or end them (--end ID, or --end-all).")
        @Option(help: ArgumentHelp("Only this account's sessions.", valueName: "name")) var account: String?
        @Option(help: ArgumentHelp("End the session with this id (as listed).", valueName: "id")) var end: String?
        @Flag(help: "End every listed session (with --account: that account's).") var endAll = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if end != nil && endAll { throw ValidationError("give --end ID or --end-all, not both") }
            if let end, end.count < 8 { throw ValidationError("--end needs the session id as listed (12 hex digits)") }
        }

        func run() throws {
            try reporting {
                let db = try global.open()
                if end != nil || endAll {
                    let ended: Int
                    if endAll, account == nil {
                        ended = try db.sessions().reduce(0) { n, s in n + (try db.endSessions(id: s.id, actor: global.actor())) }
                    } else {
                        ended = try db.endSessions(of: account, id: end, actor: global.actor())
                    }
                    print("\(ended) session\(ended == 1 ? "" : "s") ended")
                    return
                }
                for s in try db.sessions(of: account) {
                    print("\(s.id)  \(s.account)  signed in \(Self.format(s.createdAt))  last seen \(Self.format(s.lastSeen))")
                }
            }
        }

        static func format(_ seconds: Double) -> String {
            Clock.actor(name: "", at: Date(timeIntervalSince1970: seconds)).timestamp
        }
    }

    /// The password from the option, else one line of standard input (without echo on a terminal).
    static func readPassword(_ option: String?, account: String) throws -> String {
        var secret = option
        if secret == nil {
            if isatty(STDIN_FILENO) != 0, let typed = getpass("password: ") {
                secret = String(cString: typed)
            } else {
                secret = readLine(strippingNewline: true)
            }
        }
        guard let secret, !secret.isEmpty else {
            throw Failure(message: "no password: give --password PASSWORD or pipe it on standard input (echo 'PASSWORD' | liancha user add …)")
        }
        if let problem = Passwords.problem(with: secret, account: account) { throw Failure(message: problem) }
        return secret
    }
}
