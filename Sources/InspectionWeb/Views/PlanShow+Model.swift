import Foundation
import Inspection
import InspectionStore

/// The plan page: state and deadlines, the items, the coordinator's next action, a department's
/// confirmation, and the enterprises with their results.
struct PlanShowModel: Encodable {
    struct Step: Encodable { var label: String; var done: Bool; var current: Bool }
    struct DeadlineRow: Encodable {
        var kind: String; var subject: String; var due: String; var status: String; var overdue: Bool; var done: Bool
    }
    struct ItemRow: Encodable { var code: String; var name: String; var content: String; var objects: String?; var canRemove: Bool }
    struct DepartmentItems: Encodable { var department: String; var departmentName: String; var items: [ItemRow]; var mine: Bool }
    struct Option: Encodable { var code: String; var name: String; var specialty: String }
    struct ConfirmationRow: Encodable {
        var department: String; var departmentName: String; var due: String; var confirmedOn: String?; var overdue: Bool
    }
    struct DispatchRow: Encodable { var uscc: String; var name: String; var rejectedReason: String? }
    struct MyConfirmation: Encodable {
        var due: String; var overdue: Bool; var confirmedOn: String?; var canConfirm: Bool; var enterprises: [DispatchRow]; var pager: ListPager
    }
    struct EnterpriseRow: Encodable {
        var uscc: String; var name: String; var link: String; var departments: String; var progress: String
        var complete: Bool; var published: String?; var mine: Bool
    }
    struct Stratum: Encodable { var name: String; var quota: Int; var candidates: Int; var ratio: String; var raised: Bool }
    struct Actions: Encodable {
        var open = false, freeze = false, draw = false, dispatch = false, match = false, publish = false, close = false
        var any: Bool { open || freeze || draw || dispatch || match || publish || close }
    }

    var number: String
    var link: String
    var name: String
    var title: String
    var taskNumber: String
    var taskName: String
    var kind: String
    var drawType: String
    var scope: String
    var ratioText: String
    var window: String
    var lead: String
    var partners: String
    var maxPerInspector: Int
    var state: String
    var stateLabel: String
    var nextStep: String
    var steps: [Step]
    var deadlines: [DeadlineRow]
    var overdueCount: Int
    var overdueLink: String
    var departments: [DepartmentItems]
    var itemsOfOthersHidden: Bool
    var canEditItems: Bool
    var addable: [Option]
    var actions: Actions
    var hasActions: Bool
    var confirmations: [ConfirmationRow]
    var myConfirmation: MyConfirmation?
    var enterprises: [EnterpriseRow]
    var pager: ListPager
    var showEnterprises: Bool
    var missingResults: Int
    var strata: [Stratum] { didSet { anyRaised = strata.contains(where: \.raised) } }
    var anyRaised = false
    var drawID: String?
    var drawLink: String?
    var teamDrawID: String?
    var teamDrawLink: String?
    var canDownloadForms: Bool
    var canSeeStatistics: Bool
    var canSeeTeams: Bool
    var formsDocx: String
    var formsHTML: String
    /// 检查结果 for the national system (one row per enterprise and department).
    var resultsXlsx: String
    var statisticsLink: String
    var teamsLink: String

    /// `facts` are those of the page's enterprises (`list`) and of the department's dispatched ones
    /// (`mine`); `overdue` counts the whole plan's overdue deadlines.
    init(_ facts: PlanFacts, user: WebUser, today: LocalDate, ownItems: [InspectionItem], missing: Int, overdue: Int,
         list: SearchPage<PlanEnterpriseRow>, pager: ListPager, mine: (page: SearchPage<(dispatch: PlanDispatch, name: String)>, pager: ListPager)?) throws {
        let plan = facts.plan
        let base = Paths.plan(plan.number)
        number = plan.number
        link = base
        name = plan.name
        title = plan.title
        taskNumber = plan.taskNumber
        taskName = plan.taskName
        kind = plan.kind.rawValue
        drawType = plan.drawType.rawValue
        scope = plan.scope.description
        ratioText = plan.ratioText
        window = plan.windowText
        lead = facts.name(ofDepartment: plan.lead)
        partners = plan.partners.map(facts.name(ofDepartment:)).joined(separator: "、")
        maxPerInspector = plan.maxPerInspector
        state = plan.state.rawValue
        stateLabel = Labels.state(plan.state)
        nextStep = Labels.nextStep(plan.state)
        let shownStates: [PlanState] = [.draft, .collecting, .frozen, .drawn, .dispatched, .matched, .recorded, .published, .closed]
        steps = shownStates.map { s in
            let current = s == plan.state || (s == .matched && plan.state == .checking)
            return Step(label: Labels.state(s), done: s < plan.state && !current, current: current)
        }

        let calendar = facts.calendar
        deadlines = try facts.deadlines().map { d in
            let overdue = d.isOverdue(on: today)
            let left = (try? calendar.workdays(from: today, through: d.due)) ?? 0
            let subject = d.kind == .confirmation ? facts.name(ofDepartment: d.subject)
                : d.subject.split(separator: "/").enumerated().map { i, part in
                    i == 0 ? (facts.enterprises[String(part)]?.name ?? String(part)) : facts.name(ofDepartment: String(part))
                }.joined(separator: " / ")
            let status = d.done ? "已完成" : overdue ? "已逾期" : d.due == today ? "今天到期" : "剩 \(left) 个工作日"
            return DeadlineRow(kind: d.kind.rawValue, subject: subject, due: d.due.description, status: status, overdue: overdue, done: d.done)
        }
        overdueCount = overdue
        overdueLink = base + "?overdue=1#enterprises"

        // Items: a clerk sees only its own department's items until the list is frozen (others are drafts).
        let mineCode = user.actsForDepartment && plan.departments.contains(user.department) ? user.department : nil
        let collecting = plan.state <= .collecting
        let othersHidden = user.role == .clerk && collecting
        let editable = mineCode != nil && collecting
        itemsOfOthersHidden = othersHidden
        canEditItems = editable
        var groups: [DepartmentItems] = []
        for code in plan.departments {
            if othersHidden && code != user.department { continue }
            let rows = facts.items.filter { $0.department == code }.map {
                ItemRow(code: $0.item.code, name: $0.item.name, content: $0.item.content,
                        objects: ($0.labels + $0.industries.map { "行业代码 \($0)*" }).joined(separator: "；").nonEmpty,
                        canRemove: editable && code == mineCode)
            }
            groups.append(DepartmentItems(department: code, departmentName: facts.name(ofDepartment: code), items: rows, mine: code == mineCode))
        }
        departments = groups
        let inPlan = Set(facts.items.filter { $0.department == mineCode }.map(\.item.code))
        addable = editable ? ownItems.filter { !inPlan.contains($0.code) }.map { Option(code: $0.code, name: $0.name, specialty: $0.specialty) } : []

        var actions = Actions()
        if user.role == .coordinator {
            actions.open = plan.state == .draft
            actions.freeze = plan.state == .collecting
            actions.draw = plan.state == .frozen
            actions.dispatch = plan.state == .drawn
            actions.match = plan.state == .dispatched
            actions.publish = plan.state == .recorded
            actions.close = plan.state == .published
        }
        self.actions = actions
        hasActions = actions.any

        confirmations = facts.confirmations.map {
            ConfirmationRow(department: $0.department, departmentName: facts.name(ofDepartment: $0.department), due: $0.due.description,
                            confirmedOn: $0.confirmedOn?.description, overdue: $0.confirmedOn == nil && today > $0.due)
        }
        if let mineCode, let c = facts.confirmations.first(where: { $0.department == mineCode }) {
            myConfirmation = MyConfirmation(
                due: c.due.description, overdue: c.confirmedOn == nil && today > c.due, confirmedOn: c.confirmedOn?.description,
                canConfirm: plan.state == .dispatched && c.confirmedOn == nil,
                enterprises: (mine?.page.rows ?? []).map {
                    DispatchRow(uscc: $0.dispatch.uscc, name: $0.name, rejectedReason: $0.dispatch.rejectedReason)
                }, pager: mine?.pager ?? pager)
        } else {
            myConfirmation = nil
        }

        // Enterprises: a page of those the user sees (a clerk those of its department), counted in SQL.
        enterprises = list.rows.map { row in
            EnterpriseRow(uscc: row.uscc, name: row.name, link: Paths.enterprise(plan.number, row.uscc),
                          departments: row.departments.map(facts.name(ofDepartment:)).joined(separator: "、"),
                          progress: "\(row.recorded)/\(row.expected)", complete: row.recorded >= row.expected,
                          published: row.published, mine: mineCode.map(row.departments.contains) ?? false)
        }
        self.pager = pager
        showEnterprises = !enterprises.isEmpty || pager.filtered
        missingResults = missing

        strata = []
        drawID = facts.record.drawID
        drawLink = facts.record.drawID.map(Paths.publicDraw)
        teamDrawID = facts.record.teamDrawID
        teamDrawLink = facts.record.teamDrawID.map(Paths.publicDraw)
        canDownloadForms = plan.state >= .matched && user.role != .inspector
        canSeeStatistics = user.role == .coordinator || user.role == .auditor
        canSeeTeams = plan.state >= .matched
        formsDocx = base + "/forms.docx"
        formsHTML = base + "/forms.html"
        resultsXlsx = base + "/results.xlsx"
        statisticsLink = base + "/statistics"
        teamsLink = base + "/teams"
    }
}

/// The plan list.
struct PlanListModel: Encodable {
    struct Row: Encodable {
        var number: String; var link: String; var name: String; var stateLabel: String; var window: String
        var lead: String; var partners: String; var overdue: Int
    }

    var plans: [Row]
    var canCreate: Bool
}
