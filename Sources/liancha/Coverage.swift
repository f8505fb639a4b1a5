import ArgumentParser
import Inspection
import InspectionStore

/// `liancha coverage --policy NAME --year 2026`
struct Coverage: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Per class: enterprises drawn and checked this year against the policy's yearly minimums; who is at the yearly cap."
    )

    @Option(help: "A bundled policy name or a .yaml file.") var policy: String
    @Option(help: "The year.") var year: Int
    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reporting {
            let p = try Policies.load(policy)
            let db = try global.open()
            let activity = try db.yearActivity(policy: p.name, year: year)
            let classOf = p.classifier()
            var members: [String: [String]] = [:]
            for e in try db.enterprisesForClassification() where !p.rules.excludeStatus.contains(e.status) {
                if let id = classOf(e) { members[id, default: []].append(e.uscc) }
            }
            print("\(p.name), \(year): enterprises drawn / checked so far")
            for c in p.classes {
                let ids = members[c.id] ?? []
                let drawn = ids.filter { (activity[$0]?.drawn ?? 0) > 0 }.count
                let checked = ids.filter { (activity[$0]?.checked ?? 0) > 0 }.count
                var line = "  \(c.name) [\(c.id)]: \(ids.count) in class, \(drawn) drawn, \(checked) checked"
                for rule in p.rules.minimumCoverage where rule.classes.contains(c.id) && rule.per == .year {
                    let due = ids.filter { (activity[$0]?.checked ?? 0) < rule.times }.count
                    line += "; minimum \(rule.times)× a year: \(due == 0 ? "met" : "\(due) still to check")"
                }
                print(line)
            }
            if let cap = p.rules.yearlyCap {
                let capped = activity.filter { $0.value.drawn >= cap }.map(\.key).sorted()
                print("at the yearly cap of \(cap): \(capped.isEmpty ? "none" : capped.joined(separator: ", "))")
            }
        }
    }
}
