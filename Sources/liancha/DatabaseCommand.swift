import ArgumentParser
import Foundation
import Inspection
import InspectionStore

/// `liancha db copy|compare`: a district's embedded database carried into PostgreSQL, and checked.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Move a SQLite database into PostgreSQL, check that the two hold the same, and grant the application's role.",
        subcommands: [Copy.self, Compare.self, Grant.self]
    )

    struct Endpoints: ParsableArguments {
        @Option(help: ArgumentHelp("The SQLite database file to copy from.", valueName: "file"))
        var from: String

        @Option(help: ArgumentHelp("The PostgreSQL database to copy into (postgres://…, ?schema=NAME for a schema).", valueName: "url"))
        var to: String

        func validate() throws {
            guard PostgresLocation(url: from) == nil else { throw ValidationError("--from takes the SQLite file") }
            guard PostgresLocation(url: to) != nil else { throw ValidationError("--to takes a postgres:// URL") }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every table (directory, history, plans, draws, results, accounts, sessions, audit log) into an empty PostgreSQL database.",
            discussion: "One transaction: all or nothing. The target is made (liancha init's tables) when new; it must hold no rows. Ids are kept."
        )

        @OptionGroup var endpoints: Endpoints

        func run() throws {
            try reporting {
                let source = try AppDatabase.openExisting(endpoints.from)
                let target = try AppDatabase.create(endpoints.to)
                let copied = try source.copy(into: target) { table, rows in
                    if Console.isWatched { Console.error("  \(table): \(rows) rows") }
                }
                for (table, rows) in copied where rows > 0 { print("\(table): \(rows)") }
                print("copied \(copied.reduce(0) { $0 + $1.rows }) rows of \(copied.count) tables into \(PostgresLocation(url: endpoints.to)?.redacted ?? "")")
                print("check: liancha db compare --from \(endpoints.from) --to URL")
            }
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show that a SQLite database and a PostgreSQL one hold the same: rows and a content hash per table, the audit chain verified on both.",
            discussion: "Exit 1 when any table differs or either audit chain does not verify."
        )

        @OptionGroup var endpoints: Endpoints

        func run() throws {
            try reporting {
                let source = try AppDatabase.openExisting(endpoints.from)
                let target = try AppDatabase.openExisting(endpoints.to)
                var same = true
                print("table                          rows (file)   rows (server)  content")
                for t in try source.compare(with: target) {
                    same = same && t.same
                    let name = t.table.padding(toLength: 30, withPad: " ", startingAt: 0)
                    print("\(name) \(String(t.rows.source).leftPadded(11))   \(String(t.rows.target).leftPadded(13))  \(t.same ? "same " + t.hash.source.prefix(12) : "DIFFERENT")")
                }
                for (name, db) in [("file", source), ("server", target)] {
                    let audit = try db.verifyAuditLog()
                    same = same && audit.problem == nil
                    print("audit chain (\(name)): \(audit.count) entries, " + (audit.problem.map { "BROKEN: \($0)" } ?? "verified, head \(audit.head.map { "#\($0.id) \($0.hash.prefix(12))" } ?? "none")"))
                }
                print(same ? "the two databases hold the same" : "the two databases DIFFER")
                if !same { throw ExitCode(1) }
            }
        }
    }
}

extension DatabaseCommand {
    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a PostgreSQL role what liancha needs and no more (run as the schema's owner, after `liancha init`).",
            discussion: """
                Reading and writing the tables, never UPDATE or DELETE where the schema refuses them (the audit log, \
                stored draws, …), never a change of the migrations' record. Create the role first, with its password; \
                serve with that role in the URL; keep the owner's login for `liancha init`. Run again after an upgrade.
                """
        )

        @Argument(help: "The role the application logs in with, e.g. liancha_app.") var role: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                guard PostgresLocation(url: global.databasePath) != nil else { throw StoreError.notPostgres }
                let grants = try global.open().grantApplicationRole(role, actor: global.actor())
                let full = grants.filter { $0.privileges == ["SELECT", "INSERT", "UPDATE", "DELETE"] }
                print("\(role): SELECT, INSERT, UPDATE, DELETE on \(full.count) tables")
                for g in grants where g.privileges != ["SELECT", "INSERT", "UPDATE", "DELETE"] {
                    print("  \(g.table): \(g.privileges.joined(separator: ", ")) only")
                }
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
