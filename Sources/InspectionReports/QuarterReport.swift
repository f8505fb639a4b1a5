public import Inspection
public import InspectionDocuments
public import InspectionStore

/// The quarterly report upward (Gaocheng 2026 四(四), Qinhuangdao 2024 三(四), Zaozhuang 2024 三(三); see `Citation`), compiled from what
/// liancha recorded.
public struct QuarterReport: Sendable {
    public var statistics: ReportTable
    public var jointInspections: ReportTable
    public var directoryChanges: ReportTable
    public var indicators: ReportTable
    public var warnings: ReportTable
    /// 扫码入企: 亮码率, 无码检查, evaluations, refusals at the cap, exemptions.
    public var visits: ReportTable
    /// The indicators themselves, for checks and the web page.
    public var indicatorValues: [Indicator]
    public var warningList: [InspectionWarning]

    /// Every table with the file name it is written under.
    public var tables: [(name: String, table: ReportTable)] {
        [("1-随机抽查情况统计表", statistics), ("2-联合抽查情况统计表", jointInspections), ("3-名录库调整情况表", directoryChanges),
         ("4-指标完成情况表", indicators), ("5-预警清单", warnings), ("6-扫码入企情况表", visits)]
    }

    /// Compiles the report of `quarter` under `policy` (the policy in force), optionally for one department.
    public static func compile(quarter: Quarter, policy: Policy, department: String? = nil, in db: AppDatabase,
                               asOf: LocalDate) throws -> QuarterReport {
        let names = Dictionary(uniqueKeysWithValues: try db.departments().map { ($0.code, $0.name) })
        let unit = department.map { names[$0] ?? $0 } ?? policy.jurisdiction
        let credit = policy.usesCreditRisk ? Set([policy.name]) : []
        let departments = policy.department.map { [policy.name: $0] } ?? [:]
        func mine(_ e: CheckEvent) -> Bool { department.map(e.departments.contains) ?? true }
        let quarterEvents = try db.checkEvents(from: quarter.first, through: quarter.last, creditBasedPolicies: credit,
                                               policyDepartments: departments).filter(mine)
        let random = quarterEvents.filter(\.kind.isRandom)
        // The directory as it stood at the end of the quarter, classed as that quarter's draws class it.
        let penalized = try db.penalizedEnterprises(in: quarter.previous)
        let directory = try db.enterprises(asOf: quarter.last).map { e in
            var e = e
            if penalized.contains(e.uscc) { e.penalizedLastQuarter = true }
            return e
        }
        let classify = policy.classifier()
        let classOf = Dictionary(uniqueKeysWithValues: directory.map { ($0.uscc, classify($0)) })
        let calendar = try db.workCalendar()

        // 1. Random-check statistics, per class.
        let inspectors = try db.inspectors().filter { department == nil || $0.department == department }
        let officers = inspectors.filter { $0.kind == .officer }
        var rows: [[String]] = []
        let classes: [(id: String?, name: String)] = policy.classes.map { ($0.id, $0.name) } + [(nil, "未分类")]
        func line(_ name: String, _ objects: Int, _ events: [CheckEvent]) -> [String] {
            let problems = events.filter(\.problemFound)
            func handled(_ a: FollowUpAction) -> Int { events.filter { $0.handling.contains(a) }.count }
            return [name, String(objects), String(events.count), String(events.filter { $0.method == .site }.count),
                    String(events.filter { $0.method == .nonSite }.count), String(events.filter { $0.publishedOn != nil }.count),
                    String(problems.count), String(handled(.orderedRectification)), String(handled(.caseOpened)),
                    String(handled(.transferred)), String(events.filter(\.followUpClosed).count)]
        }
        for c in classes {
            let objects = directory.filter { classOf[$0.uscc] == c.id && $0.status != .deregistered }.count
            let events = random.filter { (classOf[$0.uscc] ?? nil) == c.id }
            if c.id == nil && objects == 0 && events.isEmpty { continue }
            rows.append(line(c.name, objects, events))
        }
        rows.append(line("合计", directory.filter { $0.status != .deregistered }.count, random))
        let statistics = ReportTable(
            title: "\(unit)\(quarter.year)年第\(ChineseNumeral.ordinal(quarter.number))季度“双随机、一公开”监管工作统计表",
            subtitle: ["分类依据：\(policy.source)（本系统政策 \(policy.name)）",
                       "执法检查人员名录库：执法人员 \(officers.count) 人（在岗 \(officers.filter(\.onDuty).count) 人），辅助检查人员 \(inspectors.count - officers.count) 人"],
            columns: [
                .init("监管类别", width: 24), .init("名录库对象（户）", width: 10, numeric: true),
                .init("合计", group: "随机抽查（户次）", width: 8, numeric: true), .init("现场检查", group: "随机抽查（户次）", width: 8, numeric: true),
                .init("非现场检查", group: "随机抽查（户次）", width: 8, numeric: true), .init("结果已公示（户次）", width: 10, numeric: true),
                .init("发现问题（户次）", width: 9, numeric: true),
                .init("责令改正", group: "问题处理（户次）", width: 8, numeric: true), .init("立案调查", group: "问题处理（户次）", width: 8, numeric: true),
                .init("移送", group: "问题处理（户次）", width: 7, numeric: true), .init("后续处置办结（户次）", width: 10, numeric: true),
            ],
            rows: rows, emphasisedRows: [rows.count - 1],
            notes: ["随机抽查含日常随机抽查与联合抽查（一户一次入企计一户次）；投诉举报等非随机检查 \(quarterEvents.count - random.count) 户次不计入。"])

        // 2. Joint inspections of the quarter: a row per plan, and a total.
        var planRows: [[String]] = []
        var total = JointStatisticsRow(department: "合计")
        var totalDepartments = Set<String>()
        var totalEnterprises = Set<String>()
        for record in try db.plans(year: quarter.year) where record.plan.start <= quarter.last && record.plan.end >= quarter.first {
            if let department, !record.plan.departments.contains(department) { continue }
            let activity = try db.planActivity(record.plan.number)
            guard let sum = activity.statistics().last else { continue }
            planRows.append(["\(record.plan.number) \(record.plan.name)"] + sum.values.map(String.init))
            totalDepartments.formUnion(activity.assignments.map(\.department))
            totalEnterprises.formUnion(activity.assignments.map(\.uscc))
            total.inspectorPicks += sum.inspectorPicks; total.items += sum.items; total.problemItems += sum.problemItems
            total.problemEnterprises += sum.problemEnterprises; total.rectificationOrdered += sum.rectificationOrdered
            total.abnormalListed += sum.abnormalListed; total.casesOpened += sum.casesOpened; total.questionsAnswered += sum.questionsAnswered
            total.enterprises += sum.enterprises
        }
        total.departments = totalDepartments.count
        planRows.append(["合计"] + total.values.map(String.init))
        var jointColumns = PlanDocuments.statisticsColumns
        jointColumns[0] = .init("联合抽查计划", width: 34)
        let joint = ReportTable(
            title: "\(unit)\(quarter.year)年第\(ChineseNumeral.ordinal(quarter.number))季度跨部门联合抽查情况统计表",
            columns: jointColumns, rows: planRows, emphasisedRows: [planRows.count - 1],
            notes: ["合计行“随机抽查企业”为各计划户数之和；“涉及检查部门”为不重复部门数。"])

        // 3. Directory changes (Qinhuangdao 2024 三(四)).
        let before = Dictionary(uniqueKeysWithValues: try db.enterprises(asOf: quarter.first.adding(days: -1)).map { ($0.uscc, $0) })
        let after = try db.enterprises(asOf: quarter.last)
        let byCode = Dictionary(uniqueKeysWithValues: after.map { ($0.uscc, $0) })
        func className(_ e: Enterprise) -> String { classify(e).flatMap { policy.supervisionClass($0)?.name } ?? "未分类" }
        var changes: [[String]] = []
        for c in try db.enterpriseChanges(from: quarter.first, through: quarter.last) {
            let name = byCode[c.uscc]?.name ?? ""
            switch (c.kind, c.field) {
            case ("新增", _): changes.append(["新增企业", c.uscc, name, "纳入名录库", c.date.description])
            case ("注销", _): changes.append(["消亡企业", c.uscc, name, "经营状态：\(c.oldValue ?? "") → 注销", c.date.description])
            case (_, "正面清单"?):
                changes.append(["正面清单企业调整", c.uscc, name, c.newValue == "是" ? "纳入正面清单" : "移出正面清单", c.date.description])
            default: break
            }
        }
        for e in after {
            guard let old = before[e.uscc] else { continue }
            let was = className(old), now = className(e)
            if was != now { changes.append(["企业抽查类型变更", e.uscc, e.name, "\(was) → \(now)", quarter.last.description]) }
        }
        for ev in quarterEvents where ev.handling.contains(.caseOpened) || ev.handling.contains(.penalty) {
            changes.append(["查处情况", ev.uscc, byCode[ev.uscc]?.name ?? "",
                            ev.handling.map(\.rawValue).joined(separator: "、") + "（\(ev.source)）", ev.date.description])
        }
        let kindsOrder = ["新增企业", "企业抽查类型变更", "消亡企业", "正面清单企业调整", "查处情况"]
        changes.sort { (kindsOrder.firstIndex(of: $0[0])!, $0[4], $0[1]) < (kindsOrder.firstIndex(of: $1[0])!, $1[4], $1[1]) }
        let counts = kindsOrder.map { k in "\(k) \(changes.filter { $0[0] == k }.count)" }.joined(separator: "，")
        let directoryTable = ReportTable(
            title: "\(unit)\(quarter.year)年第\(ChineseNumeral.ordinal(quarter.number))季度检查对象名录库调整情况表",
            subtitle: [counts],
            columns: [.init("序号", width: 5), .init("调整类型", width: 16), .init("统一社会信用代码", width: 22), .init("单位名称", width: 32),
                      .init("调整内容", width: 36), .init("日期", width: 12)],
            rows: changes.enumerated().map { [String($0 + 1)] + $1 })

        // 4. Indicators against the documents' targets.
        var indicators = [
            Indicator(name: "内部联合抽查占抽查总数比例", numerator: random.filter { $0.kind == .internalJoint }.count, denominator: random.count,
                      target: .atLeastPercent(30), note: "\(Citation.qinhuangdao2024)二(二)：“市县两级每季度内部联合抽查数量不低于抽查总数量的30%”"),
            Indicator(name: "跨部门联合抽查次数", numerator: Set(random.filter { $0.kind == .crossDepartment }.map(\.source)).count, denominator: 1,
                      target: .atLeastCount(1), note: "\(Citation.qinhuangdao2024)二(二)：“部门联合抽查每季度至少开展1次”"),
            Indicator(name: "运用信用风险分级分类开展的抽查占比", numerator: random.filter(\.creditBased).count, denominator: random.count,
                      target: .atLeastPercent(85), note: "\(Citation.qinhuangdao2024)二(三)：“运用信用风险分级分类开展的抽查次数占抽查企业总次数的比例不低于85%”。本系统将按信用风险等级抽取的联合抽查、按含信用条件的分类抽取的日常抽查计为运用信用风险分级分类开展的抽查"),
            Indicator(name: "抽查结果公示率", numerator: random.filter { $0.publishedOn != nil }.count, denominator: random.count,
                      target: .atLeastPercent(100), note: "\(Citation.xuchang2026)二：“年度抽查结果公开率达到100%”；\(Citation.zaozhuang2024)二(六)：“检查情况和查处结果应实现 100% 公开”"),
            Indicator(name: "20个工作日内公示率", numerator: try random.filter { e in
                          guard let p = e.publishedOn else { return false }
                          return p <= (try calendar.adding(workdays: WorkflowDeadlines.publicationWorkdays, to: e.date))
                      }.count, denominator: random.count, target: .atLeastPercent(100), note: "\(Citation.xuchang2026)三(六)：“在随机抽查任务完成后的20个工作日内”公开；\(Citation.luancheng2026)五(三)：“自完成……联合抽查工作结束之日起20个工作日内”录入公示。本系统从检查日期起按工作日历计算"),
        ]
        if !policy.rules.minimumCoverage.isEmpty {
            let yearEvents = try db.checkEvents(from: LocalDate(year: quarter.year, month: 1, day: 1)!, through: quarter.last,
                                                creditBasedPolicies: credit, policyDepartments: departments).filter { $0.kind.isRandom && mine($0) }
            let checkedThisYear = Dictionary(grouping: yearEvents, by: \.uscc).mapValues(\.count)
            for rule in policy.rules.minimumCoverage where rule.per == .year {
                let members = directory.filter { e in e.status == .operating && rule.classes.contains { classOf[e.uscc] == $0 } }
                let done = members.filter { (checkedThisYear[$0.uscc] ?? 0) >= rule.times }.count
                let names = rule.classes.compactMap { policy.supervisionClass($0)?.name }.joined(separator: "、")
                indicators.append(Indicator(name: "\(names)年度检查覆盖进度", numerator: done, denominator: members.count,
                                            target: .onCourse(quarter: quarter.number),
                                            note: "\(policy.source)：每年至少检查\(rule.times)次。本系统按季度进度核算（第N季度末应完成N/4）"))
            }
        }
        let indicatorTable = ReportTable(
            title: "\(unit)\(quarter.year)年第\(ChineseNumeral.ordinal(quarter.number))季度“双随机、一公开”指标完成情况",
            columns: [.init("指标", width: 30), .init("完成值", width: 18), .init("目标", width: 14), .init("是否达标", width: 8), .init("依据", width: 48)],
            rows: indicators.map { [$0.name, $0.valueText, $0.targetText, $0.isMet ? "达标" : "未达标", $0.note] })

        // 5. Warnings.
        let warningList = try Self.warnings(policy: policy, year: quarter.year, asOf: asOf, in: db, department: department)
        var warningTable = ReportTable(
            title: "预警清单（截至\(asOf)）",
            columns: [.init("预警类型", width: 18), .init("对象", width: 22), .init("情况", width: 56), .init("建议", width: 40)],
            rows: warningList.map { [$0.kind.rawValue, $0.subject, $0.message, $0.suggestion] })
        // The audit chain's head when the report was compiled: a later rewrite of the log contradicts it.
        if let anchor = try db.auditAnchor() {
            warningTable.notes.append("编制时审计日志锚点：\(anchor)（可用 liancha audit verify --anchor \(anchor.id):\(anchor.hash) 核对）")
        }

        // 6. 扫码入企 of the visits whose window starts in the quarter (with `department`: those it took part in).
        let loop = try db.visitStatistics(source: nil, year: quarter.year, within: quarter.first...quarter.last, department: department)
        var loopRows: [[String]] = [
            ["实施检查（次）", String(loop.visits), "入企扫码或上传结果的检查；联合检查计一次"],
            ["亮码率", loop.checkInRateText, "入企扫码 \(loop.checkedIn) 次 ÷ 实施检查 \(loop.visits) 次，目标 100%"],
            ["无码检查（次）", String(loop.withoutCode.count), loop.withoutCode.prefix(20).map { "\($0.id) \($0.uscc)：\($0.reason)" }.joined(separator: "；")],
            ["企业评价（条）", String(loop.evaluations.evaluations),
             "满意 \(loop.evaluations.satisfied)、基本满意 \(loop.evaluations.fairlySatisfied)、不满意 \(loop.evaluations.dissatisfied)，满意率 \(loop.satisfiedRateText)"],
            ["投诉（件）", String(loop.evaluations.complaints), ""],
            ["超出年度上限被拒报备（次）", String(loop.refusedAtCap), ""],
        ]
        loopRows.append(["使用豁免（次）", String(loop.exemptions.reduce(0) { $0 + $1.count }),
                         loop.exemptions.map { "\($0.exemption) \($0.count)" }.joined(separator: "，")])
        loopRows = loopRows.map { row in row.map { $0.isEmpty ? "—" : $0 } }
        let visitTable = ReportTable(
            title: "\(unit)\(quarter.year)年第\(ChineseNumeral.ordinal(quarter.number))季度扫码入企情况表",
            columns: [.init("项目", width: 28), .init("数值", width: 12), .init("说明", width: 80)], rows: loopRows)

        return QuarterReport(statistics: statistics, jointInspections: joint, directoryChanges: directoryTable,
                             indicators: indicatorTable, warnings: warningTable, visits: visitTable, indicatorValues: indicators,
                             warningList: warningList)
    }

    /// Warnings on `asOf`: yearly caps and repeated checks, uncoordinated plans, deadlines about to pass.
    public static func warnings(policy: Policy?, year: Int, asOf: LocalDate, in db: AppDatabase, department: String? = nil) throws -> [InspectionWarning] {
        let credit: Set<String> = []
        let events = try db.checkEvents(from: LocalDate(year: year, month: 1, day: 1)!, through: asOf, creditBasedPolicies: credit)
            .filter { department == nil || $0.departments.isEmpty || $0.departments.contains(department!) }
        var warnings = WarningRules.repeatedChecks(events, yearlyCap: policy?.rules.yearlyCap, capSource: policy?.source ?? "", year: year, asOf: asOf)
        // 国办发〔2024〕54号: an enterprise visited, by any departments, more than once a day, twice a week or three times a month.
        for w in try db.visitFrequencyWarnings(from: LocalDate(year: year, month: 1, day: 1) ?? asOf, through: asOf, department: department) {
            warnings.append(InspectionWarning(kind: .visitFrequency, subject: w.uscc,
                                              message: "\(w.period)被入企检查 \(w.count) 次（\(w.span.rawValue)不超过 \(w.limit) 次）",
                                              suggestion: "合并为联合检查（综合查一次），核实有无重复检查"))
        }
        warnings += WarningRules.uncoordinatedPlans(try db.planDraws())
        let calendar = try db.workCalendar()
        for record in try db.plans() where record.plan.state < .closed {
            if let department, !record.plan.departments.contains(department) { continue }
            for d in try PlanDeadlines.of(record.plan.number, in: db) where !d.done {
                let left = try calendar.workdays(from: asOf, through: d.due)
                if d.isOverdue(on: asOf) {
                    warnings.append(InspectionWarning(kind: .deadline, subject: "\(record.plan.number) \(d.subject)",
                                                      message: "\(d.kind.rawValue)已逾期（应于\(d.due)前完成）", suggestion: "立即办理并说明原因"))
                } else if left <= WarningRules.deadlineHorizonWorkdays {
                    warnings.append(InspectionWarning(kind: .deadline, subject: "\(record.plan.number) \(d.subject)",
                                                      message: "\(d.kind.rawValue)将于\(d.due)到期，剩余 \(left) 个工作日", suggestion: ""))
                }
            }
        }
        return warnings
    }
}

/// The deadlines of a plan: confirmation by each department, publication per enterprise, follow-up per finding.
public enum PlanDeadlines {
    /// The deadlines of the plan, or only those of its departments' confirmations and of the enterprises `usccs`.
    public static func of(_ number: String, in db: AppDatabase, of usccs: [String]? = nil) throws -> [Deadline] {
        let state = try db.plan(number).plan.state
        return try db.planActivity(number, of: usccs).deadlines(
            confirmations: try db.confirmations(number).map { ($0.department, $0.due, $0.confirmedOn != nil) },
            published: Set(try db.publications(plan: number, of: usccs).map(\.uscc)), planPublished: state >= .published,
            calendar: try db.workCalendar())
    }
}
