public import Inspection
public import InspectionDocuments
public import InspectionStore

/// The documents of a joint plan, built from what the store recorded.
public enum PlanDocuments {
    /// 一企一表 of every drawn enterprise the plan checks (or of those of `usccs` only), in draw order;
    /// results filled in where recorded.
    public static func forms(_ number: String, in db: AppDatabase, policy: Policy? = nil, of usccs: [String]? = nil) throws -> [InspectionFormModel] {
        let record = try db.plan(number)
        let plan = record.plan
        let items = try db.planItems(number)
        let teams = try db.planTeams(number, of: usccs)
        let activity = try db.planActivity(number, of: usccs)
        let departments = Dictionary(uniqueKeysWithValues: try db.departments().map { ($0.code, $0) })
        let inspectors = Dictionary(try db.inspectors().map { ($0.certificate, $0) }, uniquingKeysWith: { a, _ in a })
        // Indexed by enterprise: a plan may draw ten thousand.
        let classOf = policy?.classifier()
        var order: [String] = []
        var departmentsAt: [String: [String]] = [:]
        for a in activity.assignments {
            if departmentsAt[a.uscc] == nil { order.append(a.uscc) }
            departmentsAt[a.uscc, default: []].append(a.department)
        }
        let teamsAt = Dictionary(grouping: teams, by: \.uscc)
        let resultsAt = Dictionary(grouping: activity.results, by: \.uscc)
        return try order.map { uscc in
            guard let e = try db.enterprise(uscc: uscc) else { throw PlanError.notDrawn(uscc: uscc) }
            var team: [InspectionFormModel.TeamMember] = []
            for t in teamsAt[uscc] ?? [] {
                let department = departments[t.department]?.shortName ?? t.department
                for cert in t.inspectors {
                    team.append(.init(name: inspectors[cert]?.name ?? cert, department: department, certificate: cert, role: "执法人员"))
                }
                for cert in t.assistants {
                    team.append(.init(name: inspectors[cert]?.name ?? cert, department: department, certificate: cert, role: "辅助人员（协助）"))
                }
            }
            let sections = (departmentsAt[uscc] ?? []).map { code in
                InspectionFormModel.DepartmentSection(
                    department: departments[code]?.name ?? code,
                    items: plan.items(of: code, at: e, in: items).map { i in
                        let result = resultsAt[uscc]?.first { $0.department == code && $0.itemCode == i.item.code }
                        return .init(code: i.item.code, name: i.item.name, content: i.item.content,
                                     result: result?.outcome.rawValue ?? "", description: result?.description ?? "")
                    })
            }
            return InspectionFormModel(
                title: plan.title, subtitle: "随机抽查联合检查记录表（一企一表）", planNumber: plan.number, planName: plan.name,
                taskNumber: plan.taskNumber, taskName: plan.taskName, enterpriseName: e.name, uscc: e.uscc, address: e.address,
                legalRepresentative: e.legalRepresentative, industry: e.industry,
                supervisionClass: classOf?(e).flatMap { policy?.supervisionClass($0)?.name } ?? "",
                creditRisk: e.creditRisk?.rawValue ?? "未评", team: team, sections: sections,
                drawID: record.drawID ?? "", window: plan.windowText)
        }
    }

    /// The joint-inspection statistics table (annex of the Luancheng joint plan, `Citation.luancheng2026`): a row per department and a total row.
    public static func statisticsTable(_ number: String, in db: AppDatabase) throws -> ReportTable {
        try statisticsTable(db.plan(number).plan, rows: db.planStatistics(number).rows)
    }

    /// The table of statistics rows already counted (`AppDatabase.planStatistics`).
    public static func statisticsTable(_ plan: JointPlan, rows: [JointStatisticsRow]) -> ReportTable {
        return ReportTable(
            title: "\(plan.title)情况统计表",
            subtitle: ["抽查计划：\(plan.number) \(plan.name)    抽查时间：\(plan.windowText)"],
            columns: statisticsColumns,
            rows: rows.map { [$0.department] + $0.values.map(String.init) },
            emphasisedRows: [rows.count - 1],
            landscape: true)
    }

    /// The columns of the statistics table, with the annex's two header rows.
    public static let statisticsColumns: [ReportTable.Column] = [
        .init("部门", width: 26),
        .init("随机抽查企业（户）", width: 10, numeric: true),
        .init("随机抽取执法检查人员（人次）", width: 12, numeric: true),
        .init("涉及检查部门（个）", width: 10, numeric: true),
        .init("检查项目（个）", width: 9, numeric: true),
        .init("发现问题事项（项）", group: "抽查结果", width: 10, numeric: true),
        .init("发现问题企业（户）", group: "抽查结果", width: 10, numeric: true),
        .init("责令改正（户）", group: "抽查结果处理", width: 9, numeric: true),
        .init("应列入异常（户）", group: "抽查结果处理", width: 9, numeric: true),
        .init("涉嫌违法立案调查（户）", group: "抽查结果处理", width: 11, numeric: true),
        .init("现场解答疑难问题（个）", width: 11, numeric: true),
    ]

    /// The annual plan tables of `Citation.qinhuangdao2024`: annex 2 (cross-department) and annex 1 (internal).
    public static func annualPlanTables(year: Int, in db: AppDatabase, unit: String) throws -> (crossDepartment: ReportTable, internal: ReportTable) {
        let plans = try db.plans(year: year).map(\.plan)
        let names = Dictionary(uniqueKeysWithValues: try db.departments().map { ($0.code, $0.name) })
        func items(_ p: JointPlan) throws -> String {
            let list = try db.planItems(p.number)
            return p.departments.compactMap { code -> String? in
                let mine = list.filter { $0.department == code }.map(\.item.name)
                return mine.isEmpty ? nil : "\(names[code] ?? code)：" + mine.joined(separator: "；")
            }.joined(separator: "；")
        }
        let cross = plans.filter { $0.kind == .crossDepartment }
        let crossRows = try cross.enumerated().map { i, p in
            [String(i + 1), p.number, p.name, p.taskNumber, p.taskName, p.drawType.rawValue, p.ratioText, try items(p),
             p.scope.description, names[p.lead] ?? p.lead, p.partners.map { names[$0] ?? $0 }.joined(separator: "、"), p.windowText]
        }
        let internalPlans = plans.filter { $0.kind == .internal }
        let internalRows = try internalPlans.map { p in
            [unit, p.number, p.name, p.taskNumber, p.taskName, p.drawType.rawValue, p.ratioText, try items(p),
             p.scope.description, names[p.lead] ?? p.lead, p.partners.map { names[$0] ?? $0 }.joined(separator: "、"), p.windowText, ""]
        }
        let common: [ReportTable.Column] = [
            .init("抽查计划编号", width: 12), .init("抽查计划名称", width: 18), .init("抽查任务编号", width: 10),
            .init("抽查任务名称", width: 20), .init("抽查类型", width: 6), .init("抽查比例", width: 16),
            .init("抽查事项", width: 36), .init("抽查对象范围", width: 18),
        ]
        return (
            ReportTable(title: "\(year)年度跨部门联合抽查计划表", subtitle: ["填报单位：\(unit)"],
                        columns: [.init("序号", width: 5)] + common
                            + [.init("发起部门", width: 14), .init("联合部门", width: 18), .init("抽查时间", width: 14)],
                        rows: crossRows, landscape: true),
            ReportTable(title: "\(year)年度内部联合抽查计划表", subtitle: ["填报单位：\(unit)"],
                        columns: [.init("单位", width: 12)] + common
                            + [.init("发起科室", width: 12), .init("联合科室", width: 16), .init("抽查时间", width: 14), .init("备注", width: 10)],
                        rows: internalRows, landscape: true)
        )
    }
}
