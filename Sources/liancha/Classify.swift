import ArgumentParser
import Inspection
import InspectionStore

/// `liancha classify --policy NAME [--as-of DATE] [--explain USCC] [--output FILE]`
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Class every enterprise under a policy, or explain one enterprise's class.",
        discussion: "--as-of classes the directory as it stood on that date, using the directory history."
    )

    @Option(help: "A bundled policy name or a .yaml file.") var policy: String
    @Option(help: ArgumentHelp("Class the directory as it stood on this date (YYYY-MM-DD).", valueName: "date")) var asOf: String?
    @Option(help: ArgumentHelp("Explain the class of this enterprise.", valueName: "uscc")) var explain: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write every enterprise's class to a .csv or .xlsx file.", valueName: "file"))
    var output: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reporting {
            let p = try Policies.load(policy)
            let db = try global.open()
            let enterprises = try asOf.map { try db.enterprises(asOf: CalendarCommand.parse($0)) } ?? db.enterprises()
            if let explain {
                let code = try USCC.validate(explain)
                guard let e = enterprises.first(where: { $0.uscc == code }) else {
                    throw Failure(message: "\(code) is not in the directory\(asOf.map { " on \($0)" } ?? "")")
                }
                p.explain(e).forEach { print($0) }
                return
            }
            let results = enterprises.map { ($0, p.classify($0)) }
            var counts: [String: Int] = [:]
            var conflicts = 0
            for (_, r) in results {
                counts[r.classID ?? "", default: 0] += 1
                if r.matches.count > 1 { conflicts += 1 }
            }
            print("\(enterprises.count) enterprises under \(p.name)\(asOf.map { " as of \($0)" } ?? ""):")
            for c in p.classes { print("  \(c.name) [\(c.id)]: \(counts[c.id] ?? 0)") }
            if let none = counts[""] { print("  unclassified: \(none)") }
            print("  \(conflicts) met more than one class; the conflict rule decided (see --explain USCC)")
            if let output {
                let rows = results.map { e, r in
                    [e.uscc, e.name, r.classID.flatMap { p.supervisionClass($0)?.name } ?? "未分类", r.classID ?? "",
                     r.matches.map { p.supervisionClass($0.classID)?.name ?? $0.classID }.joined(separator: "；")]
                }
                try TableFiles.write(header: ["统一社会信用代码", "单位名称", "监管类别", "类别编码", "符合条件的类别"],
                                     rows: rows, to: output, sheetName: "分类")
                print("wrote \(output)")
            }
        }
    }
}
