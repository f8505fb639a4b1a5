extension ReportRenderer {
    /// 一企一表 as one self-contained, printable HTML page (A4 portrait, 2 cm margins, each form on its own
    /// page when printed). No scripts or external resources; all text is escaped.
    public static func html(forms: [InspectionFormModel]) -> String {
        var out = ReportHTMLPage.opening(title: FormDocxLayout.documentTitle(forms), landscape: false)
        for form in forms { FormHTMLLayout.append(form, to: &out) }
        out.append("</body></html>\n")
        return String(decoding: out, as: UTF8.self)
    }

    /// A statistics or plan table as a self-contained, printable HTML page (A4, landscape when
    /// `table.landscape`), with the same merged header cells as the printed table.
    public static func html(table: ReportTable) -> String {
        var out = ReportHTMLPage.opening(title: table.title, landscape: table.landscape)
        out.append(table.landscape ? #"<article class="report landscape">"# : #"<article class="report">"#)
        out.append("<h1>")
        out.appendXMLEscaped(table.title)
        out.append("</h1>")
        for line in table.subtitle {
            out.append(#"<p class="subtitle">"#)
            out.appendXMLEscaped(line)
            out.append("</p>")
        }
        if !table.columns.isEmpty {
            out.append("<table><colgroup>")
            let total = table.columns.reduce(0.0) { $0 + ($1.width.isFinite && $1.width > 0 ? $1.width : 1) }
            for column in table.columns {
                let width = column.width.isFinite && column.width > 0 ? column.width : 1
                out.append(#"<col style="width:"#)
                let hundredths = Int((width / total * 10_000).rounded())  // a percentage with two decimals
                out.appendDecimal(hundredths / 100)
                out.append(".")
                if hundredths % 100 < 10 { out.append("0") }
                out.appendDecimal(hundredths % 100)
                out.append(#"%">"#)
            }
            out.append("</colgroup><thead>")
            let header = ReportHeaderLayout(table.columns)
            if header.twoRows {
                var second: [UInt8] = []
                out.append("<tr>")
                for block in header.blocks {
                    if let group = block.group {
                        out.append(#"<th colspan=""#)
                        out.appendDecimal(block.columns.count)
                        out.append(#"">"#)
                        out.appendXMLEscaped(group)
                        out.append("</th>")
                        for index in block.columns {
                            second.append("<th>")
                            second.appendXMLEscaped(table.columns[index].heading)
                            second.append("</th>")
                        }
                    } else {
                        out.append(#"<th rowspan="2">"#)
                        out.appendXMLEscaped(table.columns[block.columns.lowerBound].heading)
                        out.append("</th>")
                    }
                }
                out.append("</tr><tr>")
                out.append(contentsOf: second)
                out.append("</tr>")
            } else {
                out.append("<tr>")
                for column in table.columns {
                    out.append("<th>")
                    out.appendXMLEscaped(column.heading)
                    out.append("</th>")
                }
                out.append("</tr>")
            }
            out.append("</thead><tbody>")
            for index in table.rows.indices {
                out.append(table.emphasisedRows.contains(index) ? #"<tr class="emphasised">"# : "<tr>")
                for (text, column) in zip(table.cells(ofRow: index), table.columns) {
                    out.append(column.numeric ? #"<td class="number">"# : "<td>")
                    out.appendXMLEscaped(text)
                    out.append("</td>")
                }
                out.append("</tr>")
            }
            out.append("</tbody></table>")
        }
        for note in table.notes {
            out.append(#"<p class="note">"#)
            out.appendXMLEscaped(note)
            out.append("</p>")
        }
        out.append("</article></body></html>\n")
        return String(decoding: out, as: UTF8.self)
    }
}

/// The page frame and print style sheet shared by the HTML documents.
enum ReportHTMLPage {
    static func opening(title: String, landscape: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 * 1024)
        out.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
        out.append(#"<meta name="viewport" content="width=device-width, initial-scale=1">"#)
        out.append("<title>")
        out.appendXMLEscaped(title)
        out.append("</title><style>\n")
        out.append(landscape ? "@page { size: A4 landscape; margin: 2cm }\n" : "@page { size: A4; margin: 2cm }\n")
        out.append(styleSheet)
        out.append("</style></head><body>\n")
        return out
    }

    private static let styleSheet: StaticString = """
        body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 10.5pt; line-height: 1.25;
          color: #000; margin: 0 }
        article + article { break-before: page; page-break-before: always }
        h1 { font-family: "SimHei", "Heiti SC", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: bold;
          text-align: center; margin: 0 0 6pt }
        h2 { font-size: 14pt; font-weight: bold; text-align: center; margin: 0 0 6pt }
        h3 { font-size: 10.5pt; font-weight: bold; margin: 6pt 0 3pt; break-after: avoid; page-break-after: avoid }
        p { margin: 0 }
        p.subtitle { text-align: center; margin-bottom: 3pt }
        p.note { margin-top: 4pt }
        p.footer { font-size: 9pt; margin-top: 6pt }
        table { width: 100%; border-collapse: collapse; table-layout: fixed }
        th, td { border: 0.75pt solid #000; padding: 1.5pt 4pt; vertical-align: middle; overflow-wrap: anywhere;
          height: 15pt }
        th { font-weight: bold; text-align: center }
        thead { display: table-header-group }
        tr, table.keep { break-inside: avoid; page-break-inside: avoid }
        td.label, td.center { text-align: center }
        td.number { text-align: right }
        td.department { font-weight: bold }
        td.tall { height: 44pt; vertical-align: bottom }
        td.write { height: 28pt; vertical-align: top }
        tr.emphasised td { font-weight: bold }
        .box { font-family: "Segoe UI Symbol", "DejaVu Sans", sans-serif }
        .blank { display: inline-block; min-width: 8em; border-bottom: 0.75pt solid #000 }
        .date { text-align: right }
        .signer { margin: 3pt 0 }
        .who { display: inline-block; min-width: 18em }
        @media screen {
          body { background: #e8e8e8; padding: 1cm 0 }
          article { background: #fff; width: 21cm; box-sizing: border-box; padding: 2cm; margin: 0 auto 1cm;
            box-shadow: 0 1px 4px rgba(0, 0, 0, .3) }
          article.landscape { width: 29.7cm }
        }

        """
}

/// A 一企一表 as HTML, laid out as in the .docx.
enum FormHTMLLayout {
    static func append(_ form: InspectionFormModel, to out: inout [UInt8]) {
        out.append(#"<article class="form"><h1>"#)
        out.appendXMLEscaped(form.title)
        out.append("</h1>")
        if !form.subtitle.isEmpty {
            out.append("<h2>")
            out.appendXMLEscaped(form.subtitle)
            out.append("</h2>")
        }

        out.append("<h3>一、抽查任务</h3>")
        out.append(infoColumns)
        row(("抽查计划编号", form.planNumber), ("抽查计划名称", form.planName), into: &out)
        row(("抽查任务编号", form.taskNumber), ("抽查任务名称", form.taskName), into: &out)
        wideRow("检查时间", form.window, into: &out)
        out.append("</tbody></table>")

        out.append("<h3>二、被检查单位</h3>")
        out.append(infoColumns)
        wideRow("单位名称", form.enterpriseName, into: &out)
        row(("统一社会信用代码", form.uscc), ("法定代表人", form.legalRepresentative), into: &out)
        wideRow("地址", form.address, into: &out)
        row(("行业", form.industry), ("监管类别", form.supervisionClass), into: &out)
        wideRow("信用风险等级", form.creditRisk, into: &out)
        out.append("</tbody></table>")

        out.append("<h3>三、检查人员</h3>")
        out.append(#"<table><colgroup><col style="width:17%"><col style="width:34%"><col style="width:28%">"#)
        out.append(#"<col style="width:21%"></colgroup><thead><tr><th>姓名</th><th>部门</th><th>执法证号</th>"#)
        out.append("<th>身份</th></tr></thead><tbody>")
        for member in form.team {
            out.append(#"<tr><td class="center">"#)
            out.appendXMLEscaped(member.name)
            out.append("</td><td>")
            out.appendXMLEscaped(member.department)
            out.append(#"</td><td class="center">"#)
            out.appendXMLEscaped(member.certificate)
            out.append(#"</td><td class="center">"#)
            out.appendXMLEscaped(member.role)
            out.append("</td></tr>")
        }
        if form.team.isEmpty { out.append(#"<tr><td class="center" colspan="4">（尚未匹配检查人员）</td></tr>"#) }
        out.append("</tbody></table>")

        out.append("<h3>四、检查事项及结果</h3>")
        out.append(#"<table><colgroup><col style="width:7%"><col style="width:25%"><col style="width:31%">"#)
        out.append(#"<col style="width:18%"><col style="width:19%"></colgroup><thead><tr><th>序号</th><th>检查事项</th>"#)
        out.append("<th>检查内容</th><th>检查结果</th><th>问题描述</th></tr></thead><tbody>")
        var number = 0
        for section in form.sections {
            out.append(#"<tr><td class="department" colspan="5">部门："#)
            out.appendXMLEscaped(section.department)
            out.append("</td></tr>")
            for item in section.items {
                number += 1
                out.append(#"<tr><td class="center">"#)
                out.appendDecimal(number)
                out.append("</td><td>")
                out.appendXMLEscaped(item.name)
                out.append("</td><td>")
                out.appendXMLEscaped(item.content)
                out.append("</td><td>")
                let outcome = FormResultOutcome(item.result)
                out.append(outcome == .noProblem ? #"<span class="box">☑</span>"# : #"<span class="box">☐</span>"#)
                out.append("未发现问题<br>")
                out.append(outcome == .problem ? #"<span class="box">☑</span>"# : #"<span class="box">☐</span>"#)
                out.append("发现问题")
                if outcome == .other {
                    out.append("<br>")
                    out.appendXMLEscaped(item.result)
                }
                out.append("</td><td>")
                out.appendXMLEscaped(item.description)
                out.append("</td></tr>")
            }
        }
        if form.sections.isEmpty { out.append(#"<tr><td class="center" colspan="5">（无检查事项）</td></tr>"#) }
        out.append("</tbody></table>")

        out.append("<h3>五、现场答疑及签字确认</h3>")
        // The block the enterprise and the inspectors sign stays on one page.
        out.append(#"<table class="keep"><colgroup><col style="width:23%"><col style="width:77%"></colgroup><tbody>"#)
        out.append(#"<tr><td class="label">现场解答疑难问题（个）</td><td></td></tr>"#)
        out.append(#"<tr><td class="label">被检查单位意见及签字（盖章）</td><td class="tall"><p class="signer">"#)
        if form.legalRepresentative.isEmpty {
            out.append("法定代表人（负责人）签字（盖章）：")
        } else {
            out.append("法定代表人（负责人）：")
            out.appendXMLEscaped(form.legalRepresentative)
            out.append("　　签字（盖章）：")
        }
        out.append(#"<span class="blank"></span></p><p class="date">日期：　　　　年　　月　　日</p></td></tr>"#)
        out.append(#"<tr><td class="label">拒绝签字情况</td><td class="write">被检查单位拒绝签字的，由检查人员如实记录："#)
        out.append(#"<span class="blank"></span></td></tr>"#)
        out.append(#"<tr><td class="label">检查人员签字</td><td>"#)
        for member in form.team {
            out.append(#"<p class="signer"><span class="who">"#)
            out.appendXMLEscaped(member.name)
            out.append("（")
            out.appendXMLEscaped(member.department)
            out.append(#"）</span>签字：<span class="blank"></span></p>"#)
        }
        if form.team.isEmpty { out.append(#"<p class="signer">签字：<span class="blank"></span></p>"#) }
        out.append(#"<p class="date">日期：　　　　年　　月　　日</p></td></tr></tbody></table>"#)

        if !form.drawID.isEmpty {
            out.append(#"<p class="footer">抽取记录："#)
            out.appendXMLEscaped(form.drawID)
            out.append(" 可在 /public/draws/")
            out.appendXMLEscaped(form.drawID)
            out.append(" 核验</p>")
        }
        out.append("</article>\n")
    }

    private static let infoColumns: StaticString =
        #"<table class="keep"><colgroup><col style="width:20%"><col style="width:30%"><col style="width:20%"><col style="width:30%"></colgroup><tbody>"#

    private static func row(_ left: (String, String), _ right: (String, String), into out: inout [UInt8]) {
        out.append(#"<tr><td class="label">"#)
        out.appendXMLEscaped(left.0)
        out.append("</td><td>")
        out.appendXMLEscaped(left.1)
        out.append(#"</td><td class="label">"#)
        out.appendXMLEscaped(right.0)
        out.append("</td><td>")
        out.appendXMLEscaped(right.1)
        out.append("</td></tr>")
    }

    private static func wideRow(_ label: String, _ value: String, into out: inout [UInt8]) {
        out.append(#"<tr><td class="label">"#)
        out.appendXMLEscaped(label)
        out.append(#"</td><td colspan="3">"#)
        out.appendXMLEscaped(value)
        out.append("</td></tr>")
    }
}
