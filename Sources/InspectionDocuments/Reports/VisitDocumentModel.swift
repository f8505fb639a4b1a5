public import Foundation

/// What the documents of one enterprise visit print: the 行政检查审批表, the 行政检查通知书 and the
/// 现场检查笔录 (司法部《行政检查文书基本格式文本（试行）》, 2025).
public struct VisitDocumentModel: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var department: String
        public var name: String
        public var basis: String
        public init(department: String, name: String, basis: String) { self.department = department; self.name = name; self.basis = basis }
    }

    public struct Inspector: Sendable, Hashable, Codable {
        public var name: String
        public var department: String
        public var certificate: String
        public init(name: String, department: String, certificate: String) { self.name = name; self.department = department; self.certificate = certificate }
    }

    public var visitID: String
    /// The inspecting bodies, lead first (full names).
    public var departments: [String]
    public var enterpriseName: String
    public var uscc: String
    public var address: String
    public var legalRepresentative: String
    /// 任务来源: plan number and name, draw record id, or the cause.
    public var source: String
    /// e.g. 2026年5月20日至5月20日
    public var window: String
    public var items: [Item]
    public var inspectors: [Inspector]
    /// 检查频次: one line per department, e.g. 区应急管理局：本年度第1次（年度上限2次）
    public var frequency: [String]
    /// Who filed, who approved and when; "待审批" until then.
    public var filedBy: String
    public var filedAt: String
    public var approval: String
    public var emergency: Bool
    public var exemption: String
    /// The code page's address (what the QR encodes) and the short code, nil before approval.
    public var url: String?
    public var shortCode: String?
    /// 联系人/联系方式: the lead department's.
    public var contact: String
    /// On-site facts as recorded (empty before the visit).
    public var checkedInAt: String
    public var checkedOutAt: String
    public var location: String
    public var outcome: String
    public var findings: String

    public init(visitID: String, departments: [String], enterpriseName: String, uscc: String, address: String, legalRepresentative: String,
                source: String, window: String, items: [Item], inspectors: [Inspector], frequency: [String], filedBy: String, filedAt: String,
                approval: String, emergency: Bool, exemption: String, url: String?, shortCode: String?, contact: String,
                checkedInAt: String, checkedOutAt: String, location: String, outcome: String, findings: String) {
        self.visitID = visitID; self.departments = departments; self.enterpriseName = enterpriseName; self.uscc = uscc
        self.address = address; self.legalRepresentative = legalRepresentative; self.source = source; self.window = window
        self.items = items; self.inspectors = inspectors; self.frequency = frequency; self.filedBy = filedBy; self.filedAt = filedAt
        self.approval = approval; self.emergency = emergency; self.exemption = exemption; self.url = url; self.shortCode = shortCode
        self.contact = contact; self.checkedInAt = checkedInAt; self.checkedOutAt = checkedOutAt; self.location = location
        self.outcome = outcome; self.findings = findings
    }

    /// The rights the notice tells the enterprise (行政处罚法, 行政检查 rules of 2025).
    public static let rights = [
        "对检查事项有陈述、申辩的权利；",
        "认为检查人员与本单位有直接利害关系或者其他关系可能影响公正检查的，有申请回避的权利；",
        "检查人员少于两人、未出示执法证件或者未出示本通知书及检查码的，有权拒绝检查；",
        "对检查中的违法行为有投诉、举报的权利，对依法作出的行政行为不服的，可以依法申请行政复议或者提起行政诉讼。",
    ]

    /// What the enterprise is asked to cooperate with.
    public static let duties = "请贵单位指派熟悉情况的人员配合检查，如实提供有关资料，不得拒绝、阻挠。"
}

/// Renders the visit documents.
public enum VisitDocumentRenderer {
    /// The QR code is printed this wide (at least 2.5 cm so a phone reads it from paper).
    public static let qrWidthCentimetres = 3.0

    /// 行政检查通知书 as DOCX, with the QR code when the visit is coded.
    public static func noticeDocx(_ m: VisitDocumentModel) throws -> Data {
        var d = DocxDocument(title: "行政检查通知书 \(m.visitID)")
        d.append(DocxParagraph(m.departments.joined(separator: "、"), style: .subtitle))
        d.append(DocxParagraph("行政检查通知书", style: .title))
        d.append(DocxParagraph(runs: [DocxRun("编号：\(m.visitID)")], alignment: .right))
        d.append(DocxParagraph("\(m.enterpriseName)（统一社会信用代码：\(m.uscc)）：", spaceBefore: 6))
        let body = "根据\(m.items.map(\.basis).filter { !$0.isEmpty }.uniqued().joined(separator: "、"))的规定，本机关决定于\(m.window)"
            + "对你单位进行行政检查。任务来源：\(m.source)。" + (m.departments.count > 1 ? "本次为\(m.departments.count)个部门联合检查（综合查一次），只计一次入企。" : "")
        d.append(DocxParagraph(runs: [DocxRun(body)], firstLineIndentCharacters: 2))
        d.append(DocxParagraph("一、检查事项及依据", bold: true, spaceBefore: 6))
        d.append(DocxTable(columnWidths: DocxTable.widths(relative: [2.2, 3, 4.8], total: 9638), rows:
            [DocxTableRow([DocxTableCell("检查机关", bold: true), DocxTableCell("检查事项", bold: true), DocxTableCell("检查依据", bold: true)], isHeader: true)]
            + m.items.map { DocxTableRow([DocxTableCell($0.department), DocxTableCell($0.name), DocxTableCell($0.basis)]) }))
        d.append(DocxParagraph("二、检查人员", bold: true, spaceBefore: 6))
        d.append(DocxTable(columnWidths: DocxTable.widths(relative: [2, 4, 4], total: 9638), rows:
            [DocxTableRow([DocxTableCell("姓名", bold: true), DocxTableCell("单位", bold: true), DocxTableCell("执法证号", bold: true)], isHeader: true)]
            + m.inspectors.map { DocxTableRow([DocxTableCell($0.name), DocxTableCell($0.department), DocxTableCell($0.certificate)]) }))
        d.append(DocxParagraph("三、检查频次", bold: true, spaceBefore: 6))
        for line in m.frequency { d.append(DocxParagraph(runs: [DocxRun(line)], firstLineIndentCharacters: 2)) }
        if !m.exemption.isEmpty { d.append(DocxParagraph(runs: [DocxRun("超出年度检查上限的事由：\(m.exemption)")], firstLineIndentCharacters: 2)) }
        d.append(DocxParagraph("四、你单位的权利", bold: true, spaceBefore: 6))
        for (i, r) in VisitDocumentModel.rights.enumerated() { d.append(DocxParagraph(runs: [DocxRun("\(i + 1). \(r)")], firstLineIndentCharacters: 2)) }
        d.append(DocxParagraph(runs: [DocxRun(VisitDocumentModel.duties)], firstLineIndentCharacters: 2))
        d.append(DocxParagraph("五、核验与评价", bold: true, spaceBefore: 6))
        if let url = m.url, let code = m.shortCode {
            d.append(DocxParagraph(runs: [DocxRun("请扫描下方检查码或访问 \(url)，也可在公示页面输入检查码 \(code)，核验本次检查是否依法报备、检查人员是否具备执法资格；检查结束后可对本次检查作出评价或投诉，评价直接报送牵头部门和监督机关，被检查部门只能看到统计数。")],
                                   firstLineIndentCharacters: 2))
            if let qr = try? QRCode(url) {
                d.appendImage(png: qr.png(), widthCentimetres: qrWidthCentimetres, heightCentimetres: qrWidthCentimetres)
            }
            d.append(DocxParagraph(runs: [DocxRun("检查码 \(code)", bold: true)], alignment: .center))
        } else {
            d.append(DocxParagraph(runs: [DocxRun("本次检查尚未审批，检查码在审批后生成。")], firstLineIndentCharacters: 2))
        }
        d.append(DocxParagraph("联系人及联系方式：\(m.contact)", spaceBefore: 6))
        d.append(DocxParagraph("审批：\(m.approval)" + (m.emergency ? "（紧急检查，事后补批）" : "")))
        d.append(DocxParagraph(runs: [DocxRun(m.departments.first ?? "")], alignment: .right, spaceBefore: 12))
        d.append(DocxParagraph(runs: [DocxRun("（印章）    年  月  日")], alignment: .right))
        d.append(DocxParagraph("本通知书一式两份，一份送达被检查单位，一份存档。被检查单位签收：____________    日期：__________", spaceBefore: 12))
        return try d.data()
    }

    /// 现场检查笔录 as DOCX: time from–to, place, party, inspectors with certificates, recorder, findings,
    /// signatures of the party, a witness and the officers, with 第 n 页 共 m 页 on each page.
    public static func recordDocx(_ m: VisitDocumentModel) throws -> Data {
        var d = DocxDocument(title: "现场检查笔录 \(m.visitID)")
        d.append(DocxParagraph("现场检查笔录", style: .title))
        d.append(DocxParagraph(runs: [DocxRun("编号：\(m.visitID)")], alignment: .right))
        let rows: [(String, String)] = [
            ("检查时间", "自 \(m.checkedInAt.isEmpty ? "____年__月__日__时__分" : m.checkedInAt) 至 \(m.checkedOutAt.isEmpty ? "____年__月__日__时__分" : m.checkedOutAt)"),
            ("检查地点", m.address + (m.location.isEmpty ? "" : "（定位 \(m.location)）")),
            ("当事人", "\(m.enterpriseName)（统一社会信用代码 \(m.uscc)）"),
            ("法定代表人（负责人）", m.legalRepresentative),
            ("检查机关", m.departments.joined(separator: "、")),
            ("检查人员及执法证号", m.inspectors.map { "\($0.name)（\($0.certificate)）" }.joined(separator: "、")),
            ("记录人", m.inspectors.last?.name ?? ""),
            ("任务来源", m.source),
            ("检查码", m.shortCode ?? "未赋码"),
        ]
        d.append(DocxTable(columnWidths: DocxTable.widths(relative: [2.5, 7.5], total: 9638),
                           rows: rows.map { DocxTableRow([DocxTableCell($0.0, bold: true), DocxTableCell($0.1)]) }))
        d.append(DocxParagraph("检查人员已向当事人出示执法证件和行政检查通知书，告知了陈述、申辩和申请回避的权利。当事人是否申请回避：□是 □否", spaceBefore: 6))
        d.append(DocxParagraph("检查事项：", bold: true, spaceBefore: 6))
        for (i, item) in m.items.enumerated() { d.append(DocxParagraph("\(i + 1). \(item.name)（\(item.department)；依据：\(item.basis)）")) }
        d.append(DocxParagraph("检查情况：", bold: true, spaceBefore: 6))
        if m.findings.isEmpty && m.outcome.isEmpty {
            for _ in 0..<8 { d.append(DocxParagraph("________________________________________________________________________________")) }
        } else {
            d.append(DocxParagraph(runs: [DocxRun("\(m.outcome)。\(m.findings)")], firstLineIndentCharacters: 2))
        }
        d.appendPageOfPages()
        d.appendPageBreak()
        d.append(DocxParagraph("当事人意见：", bold: true))
        for _ in 0..<3 { d.append(DocxParagraph("________________________________________________________________________________")) }
        d.append(DocxParagraph("以上笔录经当事人核对无误。", spaceBefore: 12))
        d.append(DocxParagraph("当事人签名（盖章）：______________    日期：__________", spaceBefore: 12))
        d.append(DocxParagraph("见证人签名：______________    日期：__________", spaceBefore: 12))
        d.append(DocxParagraph("检查人员签名：" + m.inspectors.map { _ in "__________" }.joined(separator: "  ") + "    日期：__________", spaceBefore: 12))
        d.append(DocxParagraph("记录人签名：______________", spaceBefore: 12))
        d.appendPageOfPages()
        return try d.data()
    }

    /// 行政检查审批表 as DOCX.
    public static func approvalDocx(_ m: VisitDocumentModel) throws -> Data {
        var d = DocxDocument(title: "行政检查审批表 \(m.visitID)")
        d.append(DocxParagraph("行政检查审批表", style: .title))
        d.append(DocxParagraph(runs: [DocxRun("编号：\(m.visitID)")], alignment: .right))
        let rows: [(String, String)] = [
            ("检查对象", "\(m.enterpriseName)（\(m.uscc)）"),
            ("地址", m.address),
            ("检查机关", m.departments.joined(separator: "、")),
            ("任务来源", m.source),
            ("检查时间", m.window),
            ("检查事项及依据", m.items.map { "\($0.name)（\($0.basis)）" }.joined(separator: "；")),
            ("检查人员及执法证号", m.inspectors.map { "\($0.name)（\($0.certificate)）" }.joined(separator: "、")),
            ("检查频次", m.frequency.joined(separator: "；")),
            ("超出上限事由", m.exemption.isEmpty ? "无" : m.exemption),
            ("紧急检查", m.emergency ? "是（事后补批）" : "否"),
            ("报备人及时间", "\(m.filedBy)  \(m.filedAt)"),
            ("负责人审批意见", m.approval),
        ]
        d.append(DocxTable(columnWidths: DocxTable.widths(relative: [2.5, 7.5], total: 9638),
                           rows: rows.map { DocxTableRow([DocxTableCell($0.0, bold: true), DocxTableCell($0.1)]) }))
        d.append(DocxParagraph("负责人签名：______________    日期：__________", spaceBefore: 18))
        return try d.data()
    }

    /// The notice and the record as one printable HTML page (each on its own sheet), the QR as inline SVG.
    public static func html(_ m: VisitDocumentModel) -> String {
        var out = ReportHTMLPage.opening(title: "行政检查通知书 · 现场检查笔录 \(m.visitID)", landscape: false)
        func p(_ text: String, _ cls: String = "") {
            out.append(contentsOf: Array((cls.isEmpty ? "<p>" : "<p class=\"\(cls)\">").utf8))
            out.appendXMLEscaped(text)
            out.append("</p>")
        }
        func table(_ header: [String]?, _ rows: [[String]]) {
            out.append("<table>")
            if let header {
                out.append("<thead><tr>")
                for h in header { out.append("<th>"); out.appendXMLEscaped(h); out.append("</th>") }
                out.append("</tr></thead>")
            }
            out.append("<tbody>")
            for row in rows {
                out.append("<tr>")
                for cell in row { out.append("<td>"); out.appendXMLEscaped(cell); out.append("</td>") }
                out.append("</tr>")
            }
            out.append("</tbody></table>")
        }
        out.append(#"<article class="report">"#)
        p(m.departments.joined(separator: "、"), "subtitle")
        out.append("<h1>行政检查通知书</h1>")
        p("编号：\(m.visitID)", "subtitle")
        p("\(m.enterpriseName)（统一社会信用代码：\(m.uscc)）：")
        p("本机关决定于\(m.window)对你单位进行行政检查。任务来源：\(m.source)。")
        table(["检查机关", "检查事项", "检查依据"], m.items.map { [$0.department, $0.name, $0.basis] })
        table(["姓名", "单位", "执法证号"], m.inspectors.map { [$0.name, $0.department, $0.certificate] })
        for line in m.frequency { p("检查频次：" + line) }
        for r in VisitDocumentModel.rights { p(r) }
        p(VisitDocumentModel.duties)
        if let url = m.url, let code = m.shortCode {
            p("扫码或访问 \(url) 核验并评价；检查码 \(code)。")
            if let qr = try? QRCode(url) { out.append(contentsOf: Array(qr.svg(size: 113, label: "检查码 \(code)").utf8)) }
        }
        p("联系人及联系方式：\(m.contact)")
        out.append("</article>")
        out.append(#"<article class="report">"#)
        out.append("<h1>现场检查笔录</h1>")
        table(nil, [["检查时间", "自 \(m.checkedInAt) 至 \(m.checkedOutAt)"], ["检查地点", m.address], ["当事人", "\(m.enterpriseName)（\(m.uscc)）"],
                    ["检查人员及执法证号", m.inspectors.map { "\($0.name)（\($0.certificate)）" }.joined(separator: "、")],
                    ["记录人", m.inspectors.last?.name ?? ""], ["检查情况", m.outcome.isEmpty ? "" : "\(m.outcome)。\(m.findings)"]])
        p("当事人签名（盖章）：______________  见证人签名：______________  检查人员签名：______________")
        out.append("</article></body></html>\n")
        return String(decoding: out, as: UTF8.self)
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
