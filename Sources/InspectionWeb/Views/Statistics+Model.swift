import Foundation
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

/// The joint-inspection statistics table (two header rows, as the annex prints it) and a bar chart
/// of the results by department and kind.
struct StatisticsModel: Encodable {
    struct HeaderCell: Encodable { var label: String; var rowspan: Int; var colspan: Int }
    struct Row: Encodable { var cells: [String]; var total: Bool }

    var number: String
    var title: String
    var subtitle: [String]
    var headerTop: [HeaderCell]
    var headerBottom: [HeaderCell]
    var rows: [Row]
    var chart: BarChart
    var planLink: String
    var docxLink: String
    var xlsxLink: String
    /// 扫码入企 of the plan's visits.
    var visits: VisitLoopModel?

    init(table: ReportTable, statistics: PlanStatistics, plan: JointPlan) {
        number = plan.number
        title = table.title
        subtitle = table.subtitle
        var top: [HeaderCell] = []
        var bottom: [HeaderCell] = []
        var i = 0
        let columns = table.columns
        while i < columns.count {
            if let group = columns[i].group {
                var j = i
                while j < columns.count && columns[j].group == group { bottom.append(HeaderCell(label: columns[j].heading, rowspan: 1, colspan: 1)); j += 1 }
                top.append(HeaderCell(label: group, rowspan: 1, colspan: j - i))
                i = j
            } else {
                top.append(HeaderCell(label: columns[i].heading, rowspan: table.hasTwoHeaderRows ? 2 : 1, colspan: 1))
                i += 1
            }
        }
        headerTop = top
        headerBottom = bottom
        rows = table.rows.enumerated().map { Row(cells: $1, total: table.emphasisedRows.contains($0)) }
        chart = BarChart.results(statistics)
        let base = Paths.plan(plan.number)
        planLink = base
        docxLink = base + "/statistics.docx"
        xlsxLink = base + "/statistics.xlsx"
    }
}

/// A horizontal grouped bar chart drawn as inline SVG by the server (no scripts): one group per
/// department, one bar per kind of result.
struct BarChart: Encodable {
    struct Series: Encodable { var label: String; var color: String; var x: Int; var y: Int }
    struct Bar: Encodable { var x: Int; var y: Int; var width: Int; var height: Int; var color: String; var value: Int; var textX: Int; var textY: Int; var title: String }
    struct Group: Encodable { var label: String; var labelY: Int; var bars: [Bar]; var lineY: Int }

    var width: Int
    var height: Int
    var legend: [Series]
    var groups: [Group]
    var empty: Bool
    var description: String

    static let colors = ["#4e79a7", "#e15759", "#f28e2b", "#b07aa1", "#59a14f"]

    /// Item results by outcome and findings' follow-up by action, per department.
    static func results(_ statistics: PlanStatistics) -> BarChart {
        let data = statistics.codes.indices.map { i in
            let row = statistics.rows[i]
            return (row.department, [statistics.noProblemItems[i], row.problemItems, row.rectificationOrdered, row.abnormalListed, row.casesOpened])
        }
        return BarChart(groups: data, kinds: ["未发现问题（项）", "发现问题（项）", "责令改正（户）", "列入异常（户）", "立案调查（户）"])
    }

    init(groups data: [(String, [Int])], kinds: [String]) {
        let labelWidth = 190, plotWidth = 420, barHeight = 14, gap = 3, groupGap = 18, top = 58
        width = labelWidth + plotWidth + 60
        let maxValue = max(1, data.flatMap(\.1).max() ?? 1)
        legend = kinds.enumerated().map { i, label in
            Series(label: label, color: Self.colors[i % Self.colors.count], x: 10 + (i % 3) * 200, y: 14 + (i / 3) * 16)
        }
        var y = top
        var groups: [Group] = []
        for (name, values) in data {
            let groupHeight = values.count * (barHeight + gap)
            let bars = values.enumerated().map { i, value -> Bar in
                let w = value == 0 ? 0 : max(2, value * plotWidth / maxValue)
                let barY = y + i * (barHeight + gap)
                return Bar(x: labelWidth, y: barY, width: w, height: barHeight, color: Self.colors[i % Self.colors.count], value: value,
                           textX: labelWidth + w + 4, textY: barY + barHeight - 3, title: "\(name) \(kinds[i])：\(value)")
            }
            groups.append(Group(label: name.count > 14 ? String(name.prefix(13)) + "…" : name, labelY: y + groupHeight / 2 + 4, bars: bars,
                                lineY: y + groupHeight + groupGap / 2))
            y += groupHeight + groupGap
        }
        self.groups = groups
        height = max(y, top + 20)
        empty = data.allSatisfy { $0.1.allSatisfy { $0 == 0 } }
        description = "各部门检查结果：" + data.map { name, values in
            "\(name)：" + zip(kinds, values).map { "\($0)\($1)" }.joined(separator: "，")
        }.joined(separator: "；")
    }
}

/// 亮码率, 无码检查, evaluations, refusals at the cap and exemptions of a plan's visits.
struct VisitLoopModel: Encodable {
    struct Missing: Encodable { var id: String; var uscc: String; var reason: String }
    var visits: Int
    var checkedIn: Int
    var checkInRate: String
    var withoutCode: [Missing]
    var evaluations: Int
    var satisfiedRate: String
    var dissatisfied: Int
    var complaints: Int
    var refusedAtCap: Int
    var exemptions: String

    init(_ s: VisitStatistics) {
        visits = s.visits; checkedIn = s.checkedIn; checkInRate = s.checkInRateText
        withoutCode = s.withoutCode.map { Missing(id: $0.id, uscc: $0.uscc, reason: $0.reason) }
        evaluations = s.evaluations.evaluations; satisfiedRate = s.satisfiedRateText; dissatisfied = s.evaluations.dissatisfied
        complaints = s.evaluations.complaints; refusedAtCap = s.refusedAtCap
        exemptions = s.exemptions.isEmpty ? "无" : s.exemptions.map { "\($0.exemption) \($0.count) 次" }.joined(separator: "，")
    }
}
