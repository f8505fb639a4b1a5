public import Foundation

/// Turns the report view models (`InspectionFormModel`, `ReportTable`) into printable files: DOCX, XLSX,
/// CSV and self-contained HTML. Works on values and returns bytes or text; it writes no files.
///
/// ```swift
/// let combined = try ReportRenderer.docx(forms: forms)            // one form per page
/// let single = try ReportRenderer.docx(forms: [forms[0]])         // the per-enterprise file
/// let statistics = try ReportRenderer.xlsx(table: table)
/// ```
public enum ReportRenderer {
    /// 一企一表 as one .docx on A4 portrait, each form starting on a new page; one form gives the
    /// per-enterprise file, all of a plan's forms the combined document.
    public static func docx(forms: [InspectionFormModel]) throws(DocxError) -> Data {
        var document = DocxDocument(section: FormDocxLayout.section, title: FormDocxLayout.documentTitle(forms))
        for (index, form) in forms.enumerated() {
            if index > 0 { document.appendPageBreak() }
            FormDocxLayout.append(form, to: &document)
        }
        return try document.data()
    }

    /// A statistics or plan table as a .docx: the title, subtitle lines, the table with its one or two
    /// header rows repeated on every page, and the notes; A4 landscape when `table.landscape`.
    public static func docx(table: ReportTable) throws(DocxError) -> Data {
        var document = DocxDocument(
            section: DocxSection(orientation: table.landscape ? .landscape : .portrait), title: table.title
        )
        ReportTableDocxLayout.append(table, to: &document)
        return try document.data()
    }
}

/// Where the pieces of a 一企一表 go: label/value grids, the team, the items per department with tick boxes,
/// and the signature block the enterprise and the inspectors sign on paper.
enum FormDocxLayout {
    static let section = DocxSection(orientation: .portrait)
    /// 9638 twips between 2 cm margins on A4 portrait.
    static let width = section.textWidth
    static let infoColumns = [1900, 2919, 1900, width - 1900 - 2919 - 1900]
    static let teamColumns = [1600, 3338, 2700, width - 1600 - 3338 - 2700]
    static let itemColumns = [650, 2450, 3038, 1750, width - 650 - 2450 - 3038 - 1750]
    static let signatureColumns = [2200, width - 2200]

    /// Label columns are wide enough for 统一社会信用代码 on one line; rows leave room to write by hand.
    static let rowHeight = 397  // 0.7 cm

    static func documentTitle(_ forms: [InspectionFormModel]) -> String {
        guard let first = forms.first else { return "" }
        return forms.count == 1 ? "\(first.enterpriseName) \(first.subtitle)" : "\(first.title) \(first.subtitle)"
    }

    static func append(_ form: InspectionFormModel, to document: inout DocxDocument) {
        document.append(DocxParagraph(form.title, size: fittedTitleSize(form.title, width: width), style: .title))
        if !form.subtitle.isEmpty { document.append(DocxParagraph(form.subtitle, style: .subtitle)) }

        document.append(heading("一、抽查任务"))
        document.append(DocxTable(columnWidths: infoColumns, rows: [
            DocxTableRow([label("抽查计划编号"), value(form.planNumber), label("抽查计划名称"), value(form.planName)],
                         minimumHeight: rowHeight),
            DocxTableRow([label("抽查任务编号"), value(form.taskNumber), label("抽查任务名称"), value(form.taskName)],
                         minimumHeight: rowHeight),
            DocxTableRow([label("检查时间"), value(form.window, span: 3)], minimumHeight: rowHeight),
        ], keepTogether: true))

        document.append(heading("二、被检查单位"))
        document.append(DocxTable(columnWidths: infoColumns, rows: [
            DocxTableRow([label("单位名称"), value(form.enterpriseName, span: 3)], minimumHeight: rowHeight),
            DocxTableRow([label("统一社会信用代码"), value(form.uscc), label("法定代表人"), value(form.legalRepresentative)],
                         minimumHeight: rowHeight),
            DocxTableRow([label("地址"), value(form.address, span: 3)], minimumHeight: rowHeight),
            DocxTableRow([label("行业"), value(form.industry), label("监管类别"), value(form.supervisionClass)],
                         minimumHeight: rowHeight),
            DocxTableRow([label("信用风险等级"), value(form.creditRisk, span: 3)], minimumHeight: rowHeight),
        ], keepTogether: true))

        document.append(heading("三、检查人员"))
        var team = [DocxTableRow(["姓名", "部门", "执法证号", "身份"].map(columnHeading), isHeader: true)]
        for member in form.team {
            team.append(DocxTableRow([
                DocxTableCell(member.name, alignment: .center), value(member.department),
                DocxTableCell(member.certificate, alignment: .center), DocxTableCell(member.role, alignment: .center),
            ], minimumHeight: rowHeight))
        }
        if form.team.isEmpty {
            team.append(DocxTableRow([DocxTableCell("（尚未匹配检查人员）", alignment: .center, span: 4)],
                                     minimumHeight: rowHeight))
        }
        document.append(DocxTable(columnWidths: teamColumns, rows: team, keepTogether: team.count <= 12))

        document.append(heading("四、检查事项及结果"))
        var items = [DocxTableRow(["序号", "检查事项", "检查内容", "检查结果", "问题描述"].map(columnHeading), isHeader: true)]
        var number = 0
        for section in form.sections {
            items.append(DocxTableRow([
                DocxTableCell("部门：\(section.department)", alignment: .left, bold: true, span: 5),
            ], minimumHeight: rowHeight))
            for item in section.items {
                number += 1
                items.append(DocxTableRow([
                    DocxTableCell(String(number), alignment: .center), value(item.name), value(item.content),
                    DocxTableCell(paragraphs: resultBoxes(item.result)), value(item.description),
                ], minimumHeight: rowHeight))
            }
        }
        if form.sections.isEmpty {
            items.append(DocxTableRow([DocxTableCell("（无检查事项）", alignment: .center, span: 5)],
                                      minimumHeight: rowHeight))
        }
        document.append(DocxTable(columnWidths: itemColumns, rows: items))

        document.append(heading("五、现场答疑及签字确认"))
        // The block the enterprise and the inspectors sign stays on one page.
        document.append(DocxTable(columnWidths: signatureColumns, rows: signatureRows(form), keepTogether: true))

        if !form.drawID.isEmpty {
            document.append(DocxParagraph(
                "抽取记录：\(form.drawID) 可在 /public/draws/\(form.drawID) 核验", alignment: .left, size: 9,
                spaceBefore: 6
            ))
        }
    }

    private static func signatureRows(_ form: InspectionFormModel) -> [DocxTableRow] {
        let date = "日期：　　　　年　　月　　日"
        var enterprise: [DocxParagraph] = [
            DocxParagraph("", spaceAfter: 12),
            DocxParagraph(runs: [
                DocxRun("法定代表人（负责人）：\(form.legalRepresentative)　　签字（盖章）："),
                DocxRun("　　　　　　　　　　", underline: true),
            ], alignment: .left, spaceAfter: 6),
            DocxParagraph(date, alignment: .right),
        ]
        if form.legalRepresentative.isEmpty {
            enterprise[1].runs[0].text = "法定代表人（负责人）签字（盖章）："
        }
        var inspectors: [DocxParagraph] = []
        // The signature blanks line up at a tab stop after the longest name and department.
        let tab = signatureTab(form.team)
        for member in form.team {
            inspectors.append(DocxParagraph(runs: [
                DocxRun("\(member.name)（\(member.department)）\t签字："),
                DocxRun("　　　　　　　　　　", underline: true),
            ], alignment: .left, spaceBefore: 4, spaceAfter: 4, tabStops: [tab]))
        }
        if form.team.isEmpty {
            inspectors.append(DocxParagraph(runs: [
                DocxRun("签字："), DocxRun("　　　　　　　　　　　　　　　　　　　　", underline: true),
            ], alignment: .left, spaceBefore: 4, spaceAfter: 4))
        }
        inspectors.append(DocxParagraph(date, alignment: .right, spaceBefore: 4))

        return [
            DocxTableRow([label("现场解答疑难问题（个）"), value("")], minimumHeight: 510),
            DocxTableRow([
                label("被检查单位意见及签字（盖章）"),
                DocxTableCell(paragraphs: enterprise, verticalAlignment: .bottom),
            ], minimumHeight: 1417),
            DocxTableRow([
                label("拒绝签字情况"),
                DocxTableCell(paragraphs: [
                    DocxParagraph(runs: [
                        DocxRun("被检查单位拒绝签字的，由检查人员如实记录："),
                        DocxRun("　　　　　　　　　　　　", underline: true),
                    ], alignment: .left),
                ], verticalAlignment: .top),
            ], minimumHeight: 850),
            DocxTableRow([label("检查人员签字"), DocxTableCell(paragraphs: inspectors)], minimumHeight: 1134),
        ]
    }

    /// Where the inspectors' 签字 blanks start: past the longest "name（department）" at 10.5 pt, within the cell.
    static func signatureTab(_ team: [InspectionFormModel.TeamMember]) -> Int {
        var widest = 0.0
        for member in team {
            var ems = 2.0  // the brackets
            for scalar in (member.name + member.department).unicodeScalars { ems += scalar.value < 0x2000 ? 0.6 : 1 }
            widest = max(widest, ems)
        }
        let cell = signatureColumns[1] - 170
        return min(max(Int((widest + 1) * 210), 2520), cell - 3400)
    }

    /// ☐未发现问题 / ☐发现问题, with the box of a recorded result ticked (☑). A result in other words is
    /// printed under the boxes as it is.
    static func resultBoxes(_ result: String) -> [DocxParagraph] {
        let outcome = FormResultOutcome(result)
        var paragraphs = [
            DocxParagraph(runs: [box(outcome == .noProblem), DocxRun("未发现问题")], alignment: .left),
            DocxParagraph(runs: [box(outcome == .problem), DocxRun("发现问题")], alignment: .left),
        ]
        if outcome == .other { paragraphs.append(DocxParagraph(result, alignment: .left)) }
        return paragraphs
    }

    /// NB: 宋体 has no ☐/☑, and Word would otherwise pick a font without them; Segoe UI Symbol ships with
    /// Windows, and LibreOffice falls back to a font that has them.
    private static func box(_ ticked: Bool) -> DocxRun {
        DocxRun(ticked ? "☑" : "☐", font: "Segoe UI Symbol")
    }

    private static func heading(_ text: String) -> DocxParagraph {
        DocxParagraph(text, alignment: .left, bold: true, spaceBefore: 6, spaceAfter: 3, keepWithNext: true)
    }

    /// The largest size from `preferred` down to `minimum` points at which a title fits on one line of
    /// `width` twips, so a long title does not leave a last character alone on a second line; `preferred`
    /// when even `minimum` does not fit (it wraps anyway). Latin letters and digits are counted as 0.6 of
    /// a Chinese character, as substitute fonts draw them wider than 宋体/黑体 do.
    static func fittedTitleSize(_ text: String, width: Int, preferred: Double = 16, minimum: Double = 14) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += scalar.value < 0x2000 ? 0.6 : 1 }
        let usable = Double(width) * 0.97
        var size = preferred
        while size >= minimum {
            if ems * size * 20 <= usable { return size }
            size -= 0.5
        }
        return preferred
    }

    private static func label(_ text: String) -> DocxTableCell {
        DocxTableCell(text, alignment: .center)
    }

    private static func value(_ text: String, span: Int = 1) -> DocxTableCell {
        DocxTableCell(text, alignment: .left, span: span)
    }

    private static func columnHeading(_ text: String) -> DocxTableCell {
        DocxTableCell(text, alignment: .center, bold: true)
    }
}

/// How a recorded result reads on the form's tick boxes.
enum FormResultOutcome: Equatable {
    case blank
    case noProblem
    case problem
    case other

    /// 未发现问题 ticks the first box; 发现问题 and the published wordings that start with 发现
    /// (发现问题已责令整改, 发现违法行为已立案调查) the second.
    init(_ result: String) {
        let text = result.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            self = .blank
        } else if text.hasPrefix("未发现") {
            self = .noProblem
        } else if text.hasPrefix("发现") {
            self = .problem
        } else {
            self = .other
        }
    }
}
