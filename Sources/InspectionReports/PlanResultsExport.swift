import Inspection
public import InspectionDocuments
public import InspectionStore
public import Foundation

extension PlanDocuments {
    /// The national publicity system's columns for a random check (国家“双随机、一公开”监管工作平台).
    public static let publicationColumns: [ReportTable.Column] = [
        .init("抽查计划编号", width: 16), .init("抽查计划名称", width: 28), .init("抽查任务编号", width: 16), .init("抽查任务名称", width: 28),
        .init("抽查类型", width: 12), .init("抽查机关", width: 28), .init("抽查完成时间", width: 14), .init("检查事项", width: 40),
        .init("检查结果", width: 22), .init("统一社会信用代码", width: 22), .init("检查对象名称", width: 28),
    ]

    /// One row per enterprise and department that checked it, in draw order, as the national system
    /// takes them. 检查结果 is the fixed published wording of that department's non-confidential results;
    /// a department whose results are all confidential, or not recorded yet, has no row.
    public static func resultsForPublication(_ number: String, in db: AppDatabase) throws -> ReportTable {
        let plan = try db.plan(number).plan
        let activity = try db.planActivity(number)
        let names = try db.enterpriseNames(Set(activity.assignments.map(\.uscc)))
        let itemNames = Dictionary(activity.items.map { ("\($0.department)/\($0.item.code)", $0.item.name) }, uniquingKeysWith: { a, _ in a })
        let results = Dictionary(grouping: activity.results) { "\($0.uscc)/\($0.department)" }
        let followUps = Dictionary(grouping: activity.followUps) { "\($0.uscc)/\($0.department)" }
        let visits = Dictionary(activity.visits.map { ("\($0.uscc)/\($0.department)", $0.checkedOn) }, uniquingKeysWith: max)
        var rows: [[String]] = []
        for a in activity.assignments {
            let key = "\(a.uscc)/\(a.department)"
            let mine = results[key] ?? []
            guard let wording = PublishedResult.wording(results: mine, followUps: followUps[key] ?? []) else { continue }
            rows.append([plan.number, plan.name, plan.taskNumber, plan.taskName, "\(plan.drawType.rawValue)抽查",
                         activity.departmentNames[a.department] ?? a.department, visits[key]?.description ?? "",
                         mine.filter { !$0.confidential }.map { itemNames["\(a.department)/\($0.itemCode)"] ?? $0.itemCode }.joined(separator: "；"),
                         wording.rawValue, a.uscc, names[a.uscc] ?? ""])
        }
        return ReportTable(title: "\(plan.title)抽查结果", subtitle: ["抽查计划：\(plan.number) \(plan.name)"], columns: publicationColumns, rows: rows)
    }

    /// The table as an .xlsx the national system imports: the header in row 1, one row per record, no title.
    public static func publicationWorkbook(_ table: ReportTable) throws -> Data {
        let header = table.columns.map { XLSXCell.header($0.heading) }
        let body = table.rows.map { $0.map { XLSXCell.body($0) } }
        return try XLSXWorkbook(sheets: [XLSXSheet(name: "抽查结果", rows: [header] + body, columnWidths: table.columns.map(\.width),
                                                   frozenRows: 1)]).data()
    }
}
