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
        abstract: "Accounts of the web application: add, list, set a password.",
        subcommands: [Add.self, List.self, Password.self]
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
                let secret = try UserCommand.readPassword(password)
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
                for a in try global.open().accounts() {
                    print("\(a.name)  \(a.role.rawValue)  \(a.department)" + (a.certificate.map { "  \($0)" } ?? ""))
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
                let secret = try UserCommand.readPassword(password)
                try global.open().setPassword(of: name, passwordHash: Passwords.hash(secret), actor: global.actor())
                print("password of \(name) set")
            }
        }
    }

    /// The password from the option, else one line of standard input (without echo on a terminal).
    static func readPassword(_ option: String?) throws -> String {
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
        if let problem = Passwords.problem(with: secret) { throw Failure(message: problem) }
        return secret
    }
}
