import ArgumentParser
import Inspection
import InspectionStore

/// `liancha audit`: the append-only, hash-chained log of every write.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show, verify or anchor the audit log.",
        subcommands: [Show.self, Verify.self, Anchor.self], defaultSubcommand: Show.self)

    /// `liancha audit [show]`: the newest entries.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the audit log, newest first.")

        @Option(help: "How many entries.") var limit = 20
        @Flag(help: "List the records each entry touched.") var records = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                for entry in try global.open().auditLog(limit: limit) {
                    let os = entry.osUser.isEmpty || entry.osUser == entry.operator ? "" : " (OS user \(entry.osUser))"
                    print("#\(entry.id)  \(entry.at)  \(entry.operator)\(os)  \(entry.action): \(entry.detail)")
                    if records && !entry.records.isEmpty {
                        entry.records.split(separator: "\n").forEach { print("    \($0)") }
                    }
                }
            }
        }
    }

    /// `liancha audit verify [--anchor ID:HASH]`: recomputes the chain; exit 1 at the first break.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit log's hash chain and name the first entry changed, removed, inserted or reordered.",
            discussion: """
                The chain shows any rewrite by someone who has the database file but did not also recompute \
                every later hash. Give an anchor printed earlier (`liancha audit anchor`, the quarterly report, \
                the audit page) to also catch a rewrite that recomputed the chain, or removed the newest entries.
                """)

        @Option(help: ArgumentHelp("An anchor printed earlier: ID:HASH (or \"#ID HASH\").", valueName: "anchor"))
        var anchor: String?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let anchor, AuditChain.Anchor(anchor) == nil {
                throw ValidationError("--anchor must be ID:HASH, e.g. 42:\(String(repeating: "0", count: 64))")
            }
        }

        func run() throws {
            try reporting {
                let result = try global.open().verifyAuditLog(anchor: anchor.flatMap(AuditChain.Anchor.init))
                if let problem = result.problem {
                    throw Failure(message: "the audit log was tampered with: \(problem)")
                }
                print("the audit log is intact: \(result.count) entries" + (result.head.map { ", head \($0)" } ?? ""))
                if let anchor { print("the anchor \(anchor) is in the chain") }
            }
        }
    }

    /// `liancha audit anchor`: the head of the chain, to print and keep.
    struct Anchor: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the head of the audit chain (id and hash) to keep on paper.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                guard let head = try global.open().auditAnchor() else { throw Failure(message: "the audit log is empty") }
                print(head)
            }
        }
    }
}
