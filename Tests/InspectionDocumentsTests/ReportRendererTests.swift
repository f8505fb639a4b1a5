import Foundation
import InspectionDocuments
import Testing

/// Sample view models as the CLI fills them for the Luancheng joint plan (seed 004).
enum ReportSamples {
    static func form(name: String = "石家庄栾城某某化工有限公司", uscc: String = "91130111MA0C2X3Y4Z",
                     drawID: String = "D2026Q2-0003", results: Bool = false) -> InspectionFormModel {
        InspectionFormModel(
            title: "石家庄市栾城区2026年第六次跨部门“双随机、一公开”联合抽查",
            subtitle: "随机抽查联合检查记录表（一企一表）",
            planNumber: "栾联2026006", planName: "2026年度石家庄市栾城区第六次跨部门联合抽查",
            taskNumber: "栾联2026006-01", taskName: "应急管理领域企业联合检查",
            enterpriseName: name, uscc: uscc, address: "石家庄市栾城区裕翔街168号",
            legalRepresentative: "王建国", industry: "2614 有机化学原料制造", supervisionClass: "重点监管对象",
            creditRisk: "B",
            team: [
                .init(name: "李明", department: "区应急管理局", certificate: "13011100123", role: "执法人员"),
                .init(name: "赵强", department: "区应急管理局", certificate: "13011100456", role: "执法人员"),
                .init(name: "孙丽", department: "区水利局", certificate: "13011200789", role: "执法人员"),
                .init(name: "周洁", department: "市生态环境局栾城分局", certificate: "", role: "辅助人员（协助）"),
            ],
            sections: [
                .init(department: "区应急管理局", items: [
                    .init(code: "YJ-01", name: "对工贸行业企业的安全检查", content: "安全生产责任制、隐患排查治理",
                          result: results ? "未发现问题" : ""),
                    .init(code: "YJ-02", name: "对危险化学品及相关企业的安全检查", content: "危险化学品储存、使用",
                          result: results ? "发现问题已责令整改" : "",
                          description: results ? "储罐区未设置警示标志" : ""),
                ]),
                .init(department: "区水利局", items: [
                    .init(code: "SL-12", name: "对单位/个人取用水行为的随机抽查", content: "取水许可、计量设施"),
                ]),
                .init(department: "市生态环境局栾城分局", items: [
                    .init(code: "HJ-05", name: "对危险废物日常管理情况的检查", content: "危险废物贮存、转移联单"),
                    .init(code: "HJ-06", name: "对重点管控新污染物的监督", content: "新污染物排放"),
                ]),
            ],
            drawID: drawID, window: "2026年5月15日至6月30日"
        )
    }

    static let columns: [ReportTable.Column] = [
        .init("部门", width: 16),
        .init("随机抽查企业（户）", numeric: true),
        .init("随机抽取执法检查人员（人次）", numeric: true),
        .init("涉及检查部门（个）", numeric: true),
        .init("检查项目（个）", numeric: true),
        .init("发现问题事项（项）", group: "抽查结果", numeric: true),
        .init("发现问题企业（户）", group: "抽查结果", numeric: true),
        .init("责令改正（户）", group: "抽查结果处理", numeric: true),
        .init("应列入异常（户）", group: "抽查结果处理", numeric: true),
        .init("涉嫌违法立案调查（户）", group: "抽查结果处理", numeric: true),
        .init("现场解答疑难问题（个）", numeric: true),
    ]

    static let statistics = ReportTable(
        title: "石家庄市栾城区2026年第六次跨部门“双随机、一公开”联合抽查情况统计表",
        subtitle: ["填报单位：石家庄市栾城区应急管理局　　填报日期：2026年7月10日"],
        columns: columns,
        rows: [
            ["区应急管理局", "12", "24", "3", "36", "5", "4", "4", "0", "1", "9"],
            ["区水利局", "12", "12", "3", "12", "1", "1", "1", "0", "0", "2"],
            ["市生态环境局栾城分局", "12", "12", "3", "24", "2", "2", "1", "1", "0", "3"],
            ["合计", "12", "48", "3", "72", "8", "6", "6", "1", "1", "14"],
        ],
        emphasisedRows: [3],
        landscape: true,
        notes: ["注：发现问题企业按户统计，同一企业多个部门发现问题的只计一户。"]
    )
}

@Suite struct ReportFormTests {
    @Test func aFormHoldsTheEnterpriseItsItemsByDepartmentTheTeamAndTheSignatureBlock() throws {
        let form = ReportSamples.form()
        let reader = try WordDocumentReader(try ReportRenderer.docx(forms: [form]))

        #expect(reader.paragraphTexts.prefix(2) == [form.title, form.subtitle])
        #expect(reader.sectionProperties?.child("w:pgSz")?.attributes["w:orient"] == nil)
        let tables = reader.tables
        #expect(tables.count == 5)
        let all = tables.map(\.cellTexts).flatMap { $0 }.flatMap { $0 }

        // The task and the enterprise.
        let task = tables[0].cellTexts
        #expect(task[0] == ["抽查计划编号", "栾联2026006", "抽查计划名称", form.planName])
        #expect(task[2] == ["检查时间", "2026年5月15日至6月30日"])
        let identity = tables[1].cellTexts
        #expect(identity[0] == ["单位名称", form.enterpriseName])
        #expect(identity[1] == ["统一社会信用代码", "91130111MA0C2X3Y4Z", "法定代表人", "王建国"])
        #expect(identity.contains(["行业", "2614 有机化学原料制造", "监管类别", "重点监管对象"]))
        #expect(identity.contains(["信用风险等级", "B"]))

        // The team.
        let team = tables[2].cellTexts
        #expect(team[0] == ["姓名", "部门", "执法证号", "身份"])
        #expect(team.dropFirst().map(\.[0]) == ["李明", "赵强", "孙丽", "周洁"])
        #expect(team[4] == ["周洁", "市生态环境局栾城分局", "", "辅助人员（协助）"])

        // The items, each under its own department's heading row.
        let items = tables[3]
        #expect(items.rows[0].child("w:trPr")?.child("w:tblHeader") != nil)
        #expect(items.cellTexts[0] == ["序号", "检查事项", "检查内容", "检查结果", "问题描述"])
        var department = ""
        var found: [String: [String]] = [:]
        for row in items.rows.dropFirst() {
            let texts = row.cells.map(\.wordText)
            if row.cells.count == 1 {
                #expect(row.cells[0].gridSpan == 5)
                #expect(row.cells[0].isBold)
                department = try #require(texts[0].split(separator: "：").last.map(String.init))
            } else {
                found[department, default: []].append(texts[1])
                #expect(texts[3] == "☐未发现问题\n☐发现问题")
            }
        }
        for section in form.sections {
            #expect(found[section.department] == section.items.map(\.name), "\(section.department)")
        }
        #expect(items.rows.dropFirst().compactMap { $0.cells.count == 5 ? $0.cells[0].wordText : nil }
            == ["1", "2", "3", "4", "5"])

        // The signature block and the footer.
        let signatures = tables[4].cellTexts
        #expect(signatures[0][0] == "现场解答疑难问题（个）")
        #expect(signatures[1][0] == "被检查单位意见及签字（盖章）")
        #expect(signatures[1][1].contains("法定代表人（负责人）：王建国"))
        #expect(signatures[1][1].contains("年"))
        #expect(signatures[2][1].hasPrefix("被检查单位拒绝签字的，由检查人员如实记录："))
        #expect(signatures[3][0] == "检查人员签字")
        for member in form.team { #expect(signatures[3][1].contains("\(member.name)（\(member.department)）\t签字：")) }
        #expect(signatures[3][1].contains("日期："))
        #expect(reader.paragraphTexts.last == "抽取记录：D2026Q2-0003 可在 /public/draws/D2026Q2-0003 核验")
        #expect(all.contains("91130111MA0C2X3Y4Z"))
    }

    @Test func recordedResultsTickTheirBox() throws {
        let reader = try WordDocumentReader(try ReportRenderer.docx(forms: [ReportSamples.form(results: true)]))
        let rows = reader.tables[3].cellTexts.filter { $0.count == 5 }.dropFirst()
        let first = try #require(rows.first)
        #expect(first[3] == "☑未发现问题\n☐发现问题")
        let second = try #require(rows.dropFirst().first)
        #expect(second[3] == "☐未发现问题\n☑发现问题")
        #expect(second[4] == "储罐区未设置警示标志")
    }

    @Test func eachFormStartsOnANewPage() throws {
        let forms = [ReportSamples.form(), ReportSamples.form(name: "石家庄栾城第二家公司", uscc: "91130111MA0D1234X5", drawID: "D2026Q2-0004")]
        let reader = try WordDocumentReader(try ReportRenderer.docx(forms: forms))
        #expect(reader.pageBreaks == 1)
        #expect(reader.tables.count == 10)
        let names = reader.tables.compactMap { table in
            table.cellTexts.first { $0.first == "单位名称" }?.last
        }
        #expect(names == ["石家庄栾城某某化工有限公司", "石家庄栾城第二家公司"])
        // The break sits between the first form's footer and the second form's title.
        let texts = reader.body.children.filter { $0.name == "w:p" }
        let breakIndex = try #require(texts.firstIndex { !$0.all("w:br").isEmpty })
        #expect(texts[breakIndex - 1].wordText.contains("D2026Q2-0003"))
        #expect(texts[breakIndex + 1].wordText == forms[1].title)
    }

    @Test func noFormsGiveAnEmptyButValidDocument() throws {
        let reader = try WordDocumentReader(try ReportRenderer.docx(forms: []))
        #expect(reader.tables.isEmpty)
        #expect(reader.pageBreaks == 0)
        #expect(reader.sectionProperties != nil)
    }

    @Test func textFromTheStoreIsEscaped() throws {
        let form = ReportSamples.form(name: "<script>甲&乙\"公司\"</script>")
        let reader = try WordDocumentReader(try ReportRenderer.docx(forms: [form]))
        #expect(reader.tables[1].cellTexts[0] == ["单位名称", "<script>甲&乙\"公司\"</script>"])

        let html = ReportRenderer.html(forms: [form])
        #expect(html.contains("&lt;script&gt;甲&amp;乙&quot;公司&quot;&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
    }

    @Test func theHTMLFormIsAPrintableA4Page() throws {
        let forms = [ReportSamples.form(results: true), ReportSamples.form(name: "第二家")]
        let html = ReportRenderer.html(forms: forms)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("@page { size: A4; margin: 2cm }"))
        #expect(html.contains(#""SimSun", "Songti SC", "Noto Serif CJK SC", serif"#))
        #expect(html.contains("article + article { break-before: page"))
        #expect(html.components(separatedBy: #"<article class="form">"#).count == 3)
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"))
        for item in forms[0].sections.flatMap(\.items) { #expect(html.contains(item.name)) }
        #expect(html.contains("被检查单位拒绝签字的，由检查人员如实记录："))
        #expect(html.contains(#"<span class="box">☑</span>未发现问题"#))
        // Well-formed enough for an XML parser once the doctype and void elements are set aside.
        let xhtml = html.replacingOccurrences(of: "<!DOCTYPE html>", with: "")
            .replacingOccurrences(of: "<br>", with: "<br/>")
            .replacingOccurrences(of: #"<meta charset="utf-8">"#, with: "")
            .replacingOccurrences(of: #"<meta name="viewport" content="width=device-width, initial-scale=1">"#, with: "")
            .replacingOccurrences(of: #"(<col style="[^"]*")>"#, with: "$1/>", options: .regularExpression)
        let root = try XMLNodeTree.parse(xhtml)
        #expect(root.all("article").count == 2)
    }
}

@Suite struct ReportTableTests {
    @Test func theStatisticsTableHasTwoMergedHeaderRowsOnALandscapePage() throws {
        let table = ReportSamples.statistics
        let reader = try WordDocumentReader(try ReportRenderer.docx(table: table))

        #expect(reader.paragraphTexts.first == table.title)
        #expect(reader.body.children.first?.child("w:pPr")?.child("w:pStyle")?.attributes["w:val"] == "Title")
        #expect(reader.paragraphTexts.contains(table.subtitle[0]))
        #expect(reader.paragraphTexts.last == table.notes[0])
        let page = try #require(reader.sectionProperties?.child("w:pgSz"))
        #expect(page.attributes["w:orient"] == "landscape")
        #expect(page.attributes["w:w"] == "16838")

        let grid = try #require(reader.tables.first)
        let widths = grid.child("w:tblGrid")?.children.compactMap { $0.attributes["w:w"].flatMap(Int.init) } ?? []
        #expect(widths.count == 11)
        #expect(widths.reduce(0, +) == 16838 - 2 * 1134)

        let rows = grid.rows
        #expect(rows.count == 2 + 4)
        let top = rows[0].cells
        #expect(top.map(\.wordText) == ["部门", "随机抽查企业（户）", "随机抽取执法检查人员（人次）", "涉及检查部门（个）",
                                         "检查项目（个）", "抽查结果", "抽查结果处理", "现场解答疑难问题（个）"])
        #expect(top.map(\.gridSpan) == [1, 1, 1, 1, 1, 2, 3, 1])
        #expect(top.map(\.verticalMerge) == ["restart", "restart", "restart", "restart", "restart", nil, nil, "restart"])
        let second = rows[1].cells
        #expect(second.map(\.verticalMerge) == ["continue", "continue", "continue", "continue", "continue",
                                                nil, nil, nil, nil, nil, "continue"])
        #expect(second.map(\.wordText)[5...9] == ["发现问题事项（项）", "发现问题企业（户）", "责令改正（户）",
                                                  "应列入异常（户）", "涉嫌违法立案调查（户）"])
        for header in rows[0...1] {
            #expect(header.child("w:trPr")?.child("w:tblHeader") != nil)
            #expect(header.cells.filter { !$0.wordText.isEmpty }.allSatisfy { $0.isBold })
        }

        #expect(grid.cellTexts[2...5].map { $0 } == table.rows)
        #expect(rows[2].cells[1].paragraphAlignment == "right")
        #expect(rows[2].cells[0].paragraphAlignment == "left")
        #expect(!rows[2].cells.contains { $0.isBold })
        #expect(rows[5].cells.allSatisfy { $0.isBold })
        #expect(rows[2].child("w:trPr")?.child("w:tblHeader") == nil)
    }

    @Test func aTableWithoutGroupsHasOneHeaderRowAndCanBePortrait() throws {
        let table = ReportTable(
            title: "2026年度跨部门联合抽查计划表",
            columns: [.init("序号", width: 4, numeric: true), .init("抽查计划编号"), .init("抽查计划名称", width: 30)],
            rows: [["1", "栾联2026006", "第六次联合抽查"], ["2", "栾联2026007"]],
            landscape: false
        )
        let reader = try WordDocumentReader(try ReportRenderer.docx(table: table))
        #expect(reader.sectionProperties?.child("w:pgSz")?.attributes["w:orient"] == nil)
        let grid = try #require(reader.tables.first)
        #expect(grid.cellTexts == [["序号", "抽查计划编号", "抽查计划名称"], ["1", "栾联2026006", "第六次联合抽查"],
                                   ["2", "栾联2026007", ""]])
        #expect(grid.rows[0].cells.allSatisfy { $0.verticalMerge == nil })
    }

    @Test func theXLSXReadsBackWithItsMergesAndNumbers() throws {
        let table = ReportSamples.statistics
        let data = try ReportRenderer.xlsx(table: table, sheetName: "统计表")
        var reader = try TableReader(data: data, format: .xlsx)
        #expect(reader.header == [table.title])
        #expect(try reader.next() == [table.subtitle[0]])
        let top = try #require(try reader.next())
        #expect(top == ["部门", "随机抽查企业（户）", "随机抽取执法检查人员（人次）", "涉及检查部门（个）", "检查项目（个）",
                        "抽查结果", "", "抽查结果处理", "", "", "现场解答疑难问题（个）"])
        let second = try #require(try reader.next())
        #expect(second == ["", "", "", "", "", "发现问题事项（项）", "发现问题企业（户）", "责令改正（户）",
                           "应列入异常（户）", "涉嫌违法立案调查（户）"])  // a trailing empty cell has no value
        for expected in table.rows { #expect(try reader.next() == expected) }
        #expect(try reader.next() == [table.notes[0]])
        #expect(try reader.next() == nil)

        let sheet = try XMLNodeTree.parse(try unzippedText(data, "xl/worksheets/sheet1.xml"))
        let merges = Set(sheet.all("mergeCell").compactMap { $0.attributes["ref"] })
        #expect(merges == ["A1:K1", "A2:K2", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3", "H3:J3", "K3:K4", "A9:K9"])
        #expect(sheet.all("pageSetup").first?.attributes["orientation"] == "landscape")
        // Counts are numbers, the department names text.
        let b5 = try #require(sheet.all("c").first { $0.attributes["r"] == "B5" })
        #expect(b5.attributes["t"] == nil)
        #expect(b5.child("v")?.text == "12")
        #expect(sheet.all("c").first { $0.attributes["r"] == "A5" }?.attributes["t"] == "s")
        let workbook = try unzippedText(data, "xl/workbook.xml")
        #expect(workbook.contains(#"name="统计表""#))
    }

    @Test func theCSVHasOneFlatHeaderRow() throws {
        let table = ReportSamples.statistics
        var reader = try TableReader(data: ReportRenderer.csv(table: table), format: .csv)
        #expect(reader.header[5] == "抽查结果/发现问题事项（项）")
        #expect(reader.header[9] == "抽查结果处理/涉嫌违法立案调查（户）")
        #expect(reader.header[0] == "部门")
        #expect(reader.header.count == 11)
        #expect(try reader.readAll().map(\.cells) == table.rows)
    }

    @Test func theHTMLTableMergesHeadingsAndEscapes() {
        var table = ReportSamples.statistics
        table.rows[0][0] = "A<B & C"
        let html = ReportRenderer.html(table: table)
        #expect(html.contains("@page { size: A4 landscape; margin: 2cm }"))
        #expect(html.contains(#"<th colspan="2">抽查结果</th>"#))
        #expect(html.contains(#"<th colspan="3">抽查结果处理</th>"#))
        #expect(html.contains(#"<th rowspan="2">随机抽查企业（户）</th>"#))
        #expect(html.contains("<td>A&lt;B &amp; C</td>"))
        #expect(html.contains(#"<tr class="emphasised"><td>合计</td>"#))
        #expect(html.contains(#"<td class="number">72</td>"#))
    }
}
