import Foundation
import Inspection
import InspectionStore

/// One enterprise of a plan: who checks it, each department's items with their results (a form
/// where the user may enter them), and the follow-up of findings.
struct EnterpriseModel: Encodable {
    struct Info: Encodable {
        var uscc: String; var name: String; var address: String; var legalRepresentative: String; var industry: String; var creditRisk: String
    }
    struct Member: Encodable { var name: String; var department: String; var certificate: String; var role: String }
    struct Item: Encodable {
        var code: String; var name: String; var content: String?; var recorded: Bool; var noProblem: Bool; var problem: Bool
        var outcome: String; var description: String; var confidential: Bool
    }
    struct FollowUpRow: Encodable { var action: String; var date: String; var note: String? }
    struct Section: Encodable {
        var department: String; var departmentName: String; var editable: Bool; var checkedOn: String; var questions: Int
        var refusedToSign: Bool; var visited: Bool; var items: [Item]; var hasProblems: Bool; var followUps: [FollowUpRow]
        var canFollowUp: Bool; var resultsAction: String; var followUpAction: String; var rejected: String?
    }
    struct Option: Encodable { var value: String }

    var planNumber: String
    var planName: String
    var planLink: String?
    var stateLabel: String
    var enterprise: Info
    var team: [Member]
    var sections: [Section]
    var actions: [Option]
    var today: String
    var formLink: String
    var published: String?
    var backLink: String
    var backLabel: String

    init(_ facts: PlanFacts, uscc: String, user: WebUser, today: LocalDate) {
        let plan = facts.plan
        planNumber = plan.number
        planName = plan.name
        planLink = user.role == .inspector ? nil : Paths.plan(plan.number)
        stateLabel = Labels.state(plan.state)
        let e = facts.enterprises[uscc]
        enterprise = Info(uscc: uscc, name: e?.name ?? uscc, address: e?.address ?? "", legalRepresentative: e?.legalRepresentative ?? "",
                          industry: e?.industry ?? "", creditRisk: e?.creditRisk?.rawValue ?? "未评")
        team = facts.teams.filter { $0.uscc == uscc }.flatMap { t in
            t.inspectors.map { Member(name: facts.inspectorNames[$0] ?? $0, department: facts.name(ofDepartment: t.department), certificate: $0, role: "执法人员") }
                + t.assistants.map { Member(name: facts.inspectorNames[$0] ?? $0, department: facts.name(ofDepartment: t.department), certificate: $0, role: "辅助人员（协助）") }
        }
        let base = Paths.enterprise(plan.number, uscc)
        let visibleDepartments: [String] = user.role == .clerk ? [user.department] : facts.dispatches.filter { $0.uscc == uscc }.map(\.department)
        sections = visibleDepartments.map { code in
            let dispatch = facts.dispatches.first { $0.uscc == uscc && $0.department == code }
            let results = facts.results(of: code, at: uscc)
            let visit = facts.activity.visits.first { $0.uscc == uscc && $0.department == code }
            let items = facts.items(of: code, at: uscc).map { i -> Item in
                let r = results.first { $0.itemCode == i.item.code }
                return Item(code: i.item.code, name: i.item.name, content: i.item.content.nonEmpty, recorded: r != nil,
                            noProblem: r?.outcome == .noProblem, problem: r?.outcome == .problem, outcome: r?.outcome.rawValue ?? "未录入",
                            description: r?.description ?? "", confidential: r?.confidential ?? false)
            }
            let hasProblems = results.contains { $0.outcome == .problem }
            let mine = user.actsForDepartment && user.department == code
            return Section(
                department: code, departmentName: facts.name(ofDepartment: code),
                editable: dispatch?.rejectedReason == nil && ResultsController.canEnter(facts, uscc: uscc, department: code, user: user),
                checkedOn: visit?.checkedOn.description ?? today.description, questions: visit?.questionsAnswered ?? 0,
                refusedToSign: visit?.refusedToSign ?? false, visited: visit != nil, items: items, hasProblems: hasProblems,
                followUps: facts.activity.followUps.filter { $0.uscc == uscc && $0.department == code }
                    .map { FollowUpRow(action: $0.action.rawValue, date: $0.date.description, note: $0.note.nonEmpty) },
                canFollowUp: mine && hasProblems && [.checking, .recorded, .published].contains(plan.state),
                resultsAction: base + "/results", followUpAction: base + "/followup", rejected: dispatch?.rejectedReason)
        }
        actions = FollowUpAction.allCases.map { Option(value: $0.rawValue) }
        self.today = today.description
        formLink = Paths.form(plan.number, uscc)
        published = facts.published[uscc]?.wording
        backLink = user.role == .inspector ? "/my/forms" : Paths.plan(plan.number)
        backLabel = user.role == .inspector ? "我的检查表" : "返回计划"
    }
}
