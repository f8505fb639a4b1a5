import Foundation
import InspectionDocuments
import Testing
import ZIPFoundation

func visitModel(url: String? = "https://jc.example.gov.cn/v/AAAAAAAAAAAAAAAAAAAAAAAAAAA") -> VisitDocumentModel {
    VisitDocumentModel(
        visitID: "V2026-0001", departments: ["石家庄市栾城区应急管理局", "石家庄市生态环境局栾城分局"], enterpriseName: "甲化工<有限>&公司",
        uscc: "91130111066UK5484K", address: "栾城镇1号", legalRepresentative: "张三",
        source: "石家庄市栾城区2026年第六次跨部门“双随机、一公开”联合抽查，抽查计划编号 栾联2026006", window: "2026年6月2日",
        items: [.init(department: "石家庄市栾城区应急管理局", name: "安全生产检查", basis: "《中华人民共和国安全生产法》第六十五条"),
                .init(department: "石家庄市生态环境局栾城分局", name: "排污许可检查", basis: "《排污许可管理条例》第三十条")],
        inspectors: [.init(name: "张一", department: "石家庄市栾城区应急管理局", certificate: "13010001"),
                     .init(name: "李一", department: "石家庄市生态环境局栾城分局", certificate: "13020001")],
        frequency: ["石家庄市栾城区应急管理局：本年度对你单位检查第1次（年度上限2次）"], filedBy: "王某", filedAt: "2026-05-28T09:00:00+08:00",
        approval: "同意（负责人 赵局长，2026-05-28T10:00:00+08:00）", emergency: false, exemption: "",
        url: url, shortCode: url == nil ? nil : "ABCD-1234", contact: "石家庄市栾城区应急管理局",
        checkedInAt: "", checkedOutAt: "", location: "", outcome: "", findings: "")
}

/// The visible text of a .docx body, read back with an independent XML parser.
func docxText(_ data: Data) throws -> String {
    try XMLNodeTree.parse(try unzippedText(data, "word/document.xml")).all("w:t").map(\.text).joined()
}

@Suite struct VisitDocumentTests {
    @Test func theNoticeStatesBasisSourceInspectorsRightsAndCarriesTheQR() throws {
        let model = visitModel()
        let docx = try VisitDocumentRenderer.noticeDocx(model)
        let text = try docxText(docx)
        for expected in ["行政检查通知书", "《中华人民共和国安全生产法》第六十五条", "栾联2026006", "13010001", "13020001", "申请回避", "陈述、申辩",
                         "年度上限2次", "ABCD-1234", "甲化工<有限>&公司", "联合检查"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        // The QR: a PNG part, related and typed, printed at least 2.5 cm wide, showing the code of the URL.
        #expect(try zipPaths(docx).contains("word/media/image1.png"))
        #expect(try unzippedText(docx, "[Content_Types].xml").contains(#"Extension="png""#))
        let rels = try XMLNodeTree.parse(try unzippedText(docx, "word/_rels/document.xml.rels"))
        #expect(rels.all("Relationship").contains { $0.attributes["Id"] == "rIdImage1" && $0.attributes["Target"] == "media/image1.png" })
        let body = try XMLNodeTree.parse(try unzippedText(docx, "word/document.xml"))
        let extent = try #require(body.all("wp:extent").first)
        #expect(Int(extent.attributes["cx"] ?? "") ?? 0 >= 900_000, "at least 2.5 cm (900,000 EMU)")
        #expect(body.all("a:blip").first?.attributes["r:embed"] == "rIdImage1")
        let archive = try Archive(data: docx, accessMode: .read)
        var png = Data()
        _ = try archive.extract(try #require(archive["word/media/image1.png"])) { png.append($0) }
        let image = try decodePNG(Array(png))
        let qr = try QRCode(try #require(model.url))
        let scale = image.width / (qr.width + 2 * QRCode.quietZone)
        for r in 0..<qr.width {
            for c in 0..<qr.width {
                #expect(image.dark((c + QRCode.quietZone) * scale + scale / 2, (r + QRCode.quietZone) * scale + scale / 2) == qr[r, c])
            }
        }
    }

    @Test func anUnapprovedNoticeHasNoCode() throws {
        let docx = try VisitDocumentRenderer.noticeDocx(visitModel(url: nil))
        #expect(try !zipPaths(docx).contains("word/media/image1.png"))
        #expect(try docxText(docx).contains("检查码在审批后生成"))
    }

    @Test func theRecordHasTimesPartySignaturesAndPageNumbers() throws {
        var model = visitModel()
        model.checkedInAt = "2026-06-02T09:05:00+08:00"; model.checkedOutAt = "2026-06-02T11:40:00+08:00"
        model.outcome = "发现问题"; model.findings = "应急预案未按期演练"
        let docx = try VisitDocumentRenderer.recordDocx(model)
        let text = try docxText(docx)
        for expected in ["现场检查笔录", "2026-06-02T09:05:00+08:00", "2026-06-02T11:40:00+08:00", "当事人签名", "见证人签名", "检查人员签名",
                         "记录人", "张一（13010001）", "应急预案未按期演练"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
        let fields = try XMLNodeTree.parse(try unzippedText(docx, "word/document.xml")).all("w:fldSimple").compactMap { $0.attributes["w:instr"] }
        #expect(fields.filter { $0.contains("NUMPAGES") }.count == 2 && fields.filter { $0 == " PAGE " }.count == 2)
    }

    @Test func theApprovalFormAndTheHTMLPageReadBack() throws {
        let model = visitModel()
        #expect(try docxText(try VisitDocumentRenderer.approvalDocx(model)).contains("负责人审批意见"))
        let html = VisitDocumentRenderer.html(model)
        #expect(html.contains("甲化工&lt;有限&gt;&amp;公司") && !html.contains("甲化工<有限>"))
        #expect(html.contains("<svg") && html.contains("现场检查笔录"))
    }
}
