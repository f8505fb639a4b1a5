import Foundation
import Inspection
import InspectionStore

/// What one plan's page shows of the plan and of some of its enterprises (one enterprise's page, a
/// page of a list), read once per request through indexed reads: never the plan's whole records.
struct PlanFacts {
    var record: PlanRecord
    var items: [PlanItem]
    var dispatches: [PlanDispatch]
    var confirmations: [PlanConfirmation]
    var teams: [PlanTeam]
    var activity: JointPlanActivity
    var published: [String: (wording: String, on: String)]
    var enterprises: [String: Enterprise]
    var departmentNames: [String: String]
    var inspectorNames: [String: String]
    var calendar: WorkCalendar

    var plan: JointPlan { record.plan }

    init(_ record: PlanRecord, db: AppDatabase, of usccs: [String]) throws {
        let number = record.plan.number
        self.record = record
        items = try db.planItems(number)
        dispatches = try db.dispatches(number, of: usccs)
        confirmations = try db.confirmations(number)
        teams = try db.planTeams(number, of: usccs)
        activity = try db.planActivity(number, of: usccs)
        published = Dictionary(try db.publications(plan: number, of: usccs).map { ($0.uscc, ($0.wording, $0.publishedOn)) },
                               uniquingKeysWith: { a, _ in a })
        enterprises = try db.enterprises(usccs: Set(dispatches.map(\.uscc)))
        departmentNames = Dictionary(uniqueKeysWithValues: try db.departments().map { ($0.code, $0.name) })
        let certificates = Set(teams.flatMap { $0.inspectors + $0.assistants + $0.replacements.flatMap { [$0.replaced, $0.by] } })
        inspectorNames = try db.inspectorNames(certificates)
        calendar = try db.workCalendar()
    }

    func name(ofDepartment code: String) -> String { departmentNames[code] ?? code }

    /// The items department `code` checks at `uscc`.
    func items(of code: String, at uscc: String) -> [PlanItem] {
        guard let e = enterprises[uscc] else { return [] }
        return plan.items(of: code, at: e, in: items)
    }

    func results(of code: String, at uscc: String) -> [ItemResult] {
        activity.results.filter { $0.uscc == uscc && $0.department == code }
    }

    /// (recorded, expected) results at `uscc`, for the departments given (all when nil).
    func progress(at uscc: String, departments: [String]) -> (recorded: Int, expected: Int) {
        var recorded = 0, expected = 0
        for code in departments {
            let codes = Set(items(of: code, at: uscc).map(\.item.code))
            expected += codes.count
            recorded += results(of: code, at: uscc).filter { codes.contains($0.itemCode) }.count
        }
        return (recorded, expected)
    }

    /// Whether `certificate` is on the team of `department` at `uscc` (drawn, replacing, or assisting).
    func isOnTeam(_ certificate: String, uscc: String, department: String) -> Bool {
        teams.contains { $0.uscc == uscc && $0.department == department && ($0.inspectors.contains(certificate) || $0.assistants.contains(certificate)) }
    }

    /// The deadlines in working days: confirmation (2), publication (20 after the last visit),
    /// follow-up (20 after the visit that found the problem).
    func deadlines() throws -> [Deadline] {
        try activity.deadlines(confirmations: confirmations.map { ($0.department, $0.due, $0.confirmedOn != nil) },
                               published: Set(published.keys), planPublished: plan.state >= .published, calendar: calendar)
    }
}
