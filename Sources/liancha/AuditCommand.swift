import ArgumentParser
import InspectionStore

/// `liancha audit`: the append-only log of every write.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Show the audit log, newest first.")

    @Option(help: "How many entries.") var limit = 20
    @Flag(help: "List the records each entry touched.") var records = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reporting {
            for entry in try global.open().auditLog(limit: limit) {
                print("#\(entry.id)  \(entry.at)  \(entry.operator)  \(entry.action): \(entry.detail)")
                if records && !entry.records.isEmpty {
                    entry.records.split(separator: "\n").forEach { print("    \($0)") }
                }
            }
        }
    }
}
