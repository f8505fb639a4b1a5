import ArgumentParser
import Inspection
import InspectionStore

/// `liancha summary`: what the directory, roster and item lists hold.
struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Summarise the directory, the roster and the item lists.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reporting { print(Self.render(try global.open().directorySummary())) }
    }

    static func render(_ s: DirectorySummary) -> String {
        func counts<K: Hashable>(_ keys: [K], _ map: [K: Int], _ name: (K) -> String) -> String {
            keys.compactMap { k in map[k].map { "\(name(k)) \($0)" } }.joined(separator: ", ")
        }
        var lines = [
            "检查对象名录库 enterprises: \(s.enterprises)",
            "  经营状态: " + counts(OperatingStatus.allCases, s.enterprisesByStatus, \.rawValue),
            "  排污许可: " + counts(PermitCategory.allCases, s.enterprisesByPermit, \.rawValue),
            "  信用风险: " + counts(["A", "B", "C", "D", "未评"], s.enterprisesByCreditRisk, { $0 }),
            "执法检查人员名录库 inspectors: \(s.inspectors)",
            "随机抽查事项清单 items: \(s.items)",
            "departments:",
        ]
        for d in s.departments {
            let p = s.perDepartment[d.code] ?? (0, 0, 0, 0)
            lines.append("  \(d.code)  \(d.name): \(p.enterprises) enterprises, \(p.officers) officers on duty, \(p.auxiliary) auxiliary, \(p.items) items")
        }
        lines.append("calendar years: " + (s.calendarYears.isEmpty ? "none" : s.calendarYears.map(String.init).joined(separator: ", ")))
        return lines.joined(separator: "\n")
    }
}
