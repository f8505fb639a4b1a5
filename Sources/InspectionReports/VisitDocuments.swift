public import Inspection
public import InspectionDocuments
public import InspectionStore

/// The documents of one filed visit (审批表, 通知书, 现场检查笔录), built from what the store recorded.
public enum VisitDocuments {
    /// The address QR codes point to when no `--public-url` is given (the demo server).
    public static let defaultPublicURL = "http://127.0.0.1:8080"

    /// The model of `visit`'s documents; the yearly cap (`yearlyCap`, else the one the visit was filed
    /// under) is printed beside this year's count per department.
    public static func model(_ visit: Visit, in db: AppDatabase, publicURL: String, yearlyCap: Int? = nil) throws -> VisitDocumentModel {
        let yearlyCap = yearlyCap ?? visit.yearlyCap
        let departments = Dictionary(uniqueKeysWithValues: try db.departments().map { ($0.code, $0) })
        func name(_ code: String) -> String { departments[code]?.name ?? code }
        let enterprise = try db.enterprise(uscc: visit.filing.uscc)
        var inspectors: [VisitDocumentModel.Inspector] = []
        let roster = Dictionary(try db.inspectors().map { ($0.certificate, $0) }, uniquingKeysWith: { a, _ in a })
        for cert in visit.filing.inspectors {
            let i = roster[cert]
            inspectors.append(.init(name: i?.name ?? cert, department: name(i?.department ?? ""), certificate: cert))
        }
        let counts = try db.visitCounts(uscc: visit.filing.uscc, year: visit.filing.start.year)
        let frequency = visit.filing.departments.map { code in
            "\(name(code))：本年度对你单位检查第\(counts[code] ?? 1)次" + (yearlyCap.map { "（年度上限\($0)次）" } ?? "")
        }
        let source: String
        switch visit.filing.source {
        case .plan(let number):
            let record = try db.plan(number)
            let plan = record.plan
            source = "\(plan.title)，抽查计划编号 \(plan.number)（\(plan.name)），抽查任务编号 \(plan.taskNumber)，可在公示页面 "
                + (record.drawID.map { "/public/draws/\($0)" } ?? "/public/plans") + " 核验随机抽取过程"
        case .routine(let drawID):
            source = "日常“双随机”抽查，抽取记录 \(drawID)，可在公示页面 /public/draws/\(drawID) 核验随机抽取过程"
        case .cause:
            source = visit.filing.source.text
        }
        let approval: String = switch visit.approval {
        case .pending: "待审批"
        case .approved(let by, let at, let afterwards): "同意（负责人 \(by)，\(timeText(at))\(afterwards ? "，事后补批" : "")）"
        case .refused(let by, let at, let reason): "不同意（负责人 \(by)，\(timeText(at))）：\(reason)"
        }
        let lead = visit.filing.lead
        return VisitDocumentModel(
            visitID: visit.id, departments: visit.filing.departments.map(name), enterpriseName: enterprise?.name ?? visit.filing.uscc,
            uscc: visit.filing.uscc, address: enterprise?.address ?? "", legalRepresentative: enterprise?.legalRepresentative ?? "",
            source: source, window: windowText(visit.filing.start, visit.filing.end),
            items: visit.filing.items.map { .init(department: name($0.department), name: $0.name, basis: $0.basis) },
            inspectors: inspectors, frequency: frequency, filedBy: visit.filedBy, filedAt: timeText(visit.filedAt), approval: approval,
            emergency: visit.filing.emergency,
            exemption: visit.filing.exemption.map { "\($0.rawValue)：\(visit.filing.exemptionReason)" } ?? "",
            url: visit.code.map { $0.url(publicURL: publicURL) }, shortCode: visit.code?.shortCode,
            contact: "\(name(lead))（检查组：\(inspectors.first.map { "\($0.name)，执法证号 \($0.certificate)" } ?? "")）",
            checkedInAt: visit.presence.checkedInAt.map(timeText) ?? "", checkedOutAt: visit.presence.checkedOutAt.map(timeText) ?? "",
            location: visit.presence.location ?? "", outcome: visit.outcome?.rawValue ?? "", findings: visit.findings)
    }

    /// A recorded time as documents print it: 2026-06-02T09:05:00+08:00 → 2026年6月2日 09:05 (the
    /// recorded text unchanged when it is not such a time).
    public static func timeText(_ timestamp: String) -> String {
        let parts = timestamp.split(separator: "T", maxSplits: 1)
        guard parts.count == 2, let day = LocalDate(String(parts[0])), parts[1].count >= 5, parts[1].dropFirst(2).first == ":" else { return timestamp }
        return windowText(day, day) + " " + parts[1].prefix(5)
    }

    /// e.g. 2026年5月20日, or 2026年5月20日至5月22日.
    public static func windowText(_ start: LocalDate, _ end: LocalDate) -> String {
        let first = "\(start.year)年\(start.month)月\(start.day)日"
        guard end != start else { return first }
        return first + "至" + (end.year == start.year ? "" : "\(end.year)年") + "\(end.month)月\(end.day)日"
    }
}
