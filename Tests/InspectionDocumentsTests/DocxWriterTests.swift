import Foundation
import InspectionDocuments
import Testing

@Suite struct DocxWriterTests {
    @Test func writesEveryPartOfAWordPackage() throws {
        var document = DocxDocument(title: "测试文档")
        document.append(DocxParagraph("标题", style: .title))
        let data = try document.data()

        let paths = try zipPaths(data)
        for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
                     "word/styles.xml", "word/settings.xml", "docProps/core.xml", "docProps/app.xml"] {
            #expect(paths.contains(part), "missing \(part)")
        }
        // Every part is well-formed XML.
        for path in paths { _ = try XMLNodeTree.parse(try unzippedText(data, path)) }

        let types = try XMLNodeTree.parse(try unzippedText(data, "[Content_Types].xml"))
        let overrides = Dictionary(uniqueKeysWithValues: types.all("Override").map {
            ($0.attributes["PartName"] ?? "", $0.attributes["ContentType"] ?? "")
        })
        #expect(overrides["/word/document.xml"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
        #expect(overrides["/word/styles.xml"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml")

        let relationships = try XMLNodeTree.parse(try unzippedText(data, "_rels/.rels")).all("Relationship")
        #expect(relationships.contains { $0.attributes["Target"] == "word/document.xml" })

        let core = try XMLNodeTree.parse(try unzippedText(data, "docProps/core.xml"))
        #expect(core.all("dc:title").first?.text == "测试文档")
        #expect(core.all("dcterms:created").first?.text == "2020-01-01T00:00:00Z")
    }

    @Test func stylesSetSongTiTimesNewRomanFiveHaoAndAHeiTiTitle() throws {
        let data = try DocxDocument().data()
        let styles = try XMLNodeTree.parse(try unzippedText(data, "word/styles.xml"))
        let defaults = try #require(styles.all("w:rPrDefault").first)
        let fonts = try #require(defaults.all("w:rFonts").first)
        #expect(fonts.attributes["w:eastAsia"] == "宋体")
        #expect(fonts.attributes["w:ascii"] == "Times New Roman")
        #expect(defaults.all("w:sz").first?.attributes["w:val"] == "21")

        let title = try #require(styles.all("w:style").first { $0.attributes["w:styleId"] == "Title" })
        #expect(title.all("w:rFonts").first?.attributes["w:eastAsia"] == "黑体")
        #expect(title.all("w:b").count == 1)
        #expect(title.all("w:jc").first?.attributes["w:val"] == "center")
        let size = try #require(title.all("w:sz").first?.attributes["w:val"].flatMap(Int.init))
        #expect((32...36).contains(size))
    }

    @Test func paragraphsKeepTheirTextAlignmentAndFormat() throws {
        var document = DocxDocument()
        document.append(DocxParagraph("居中标题", alignment: .center, bold: true, size: 14, font: "黑体",
                                      spaceBefore: 6, spaceAfter: 3, lineSpacing: 1.5))
        document.append(DocxParagraph(runs: [DocxRun("签字："), DocxRun("　　　　", underline: true)], alignment: .right))
        let reader = try WordDocumentReader(try document.data())

        #expect(reader.paragraphTexts == ["居中标题", "签字：　　　　"])
        let first = try #require(reader.body.children.first)
        let properties = try #require(first.child("w:pPr"))
        #expect(properties.child("w:jc")?.attributes["w:val"] == "center")
        #expect(properties.child("w:spacing")?.attributes["w:before"] == "120")
        #expect(properties.child("w:spacing")?.attributes["w:after"] == "60")
        #expect(properties.child("w:spacing")?.attributes["w:line"] == "360")
        let run = try #require(first.child("w:r")?.child("w:rPr"))
        #expect(run.child("w:b") != nil)
        #expect(run.child("w:sz")?.attributes["w:val"] == "28")
        #expect(run.child("w:rFonts")?.attributes["w:eastAsia"] == "黑体")
        #expect(reader.body.children[1].all("w:u").first?.attributes["w:val"] == "single")
        #expect(reader.body.children[1].paragraphAlignment == "right")
    }

    @Test func escapesMarkupKeepsSpacesAndDropsIllegalCharacters() throws {
        var document = DocxDocument()
        let text = "A<B> & \"C\" 'd'\u{1}\u{B}  two  spaces \u{FFFE}end（全角：\u{FFFF}）￥"
        document.append(DocxParagraph(text))
        document.append(DocxParagraph("第一行\n第二行\r\n第三行\t制表"))
        let reader = try WordDocumentReader(try document.data())

        #expect(reader.paragraphTexts[0] == "A<B> & \"C\" 'd'  two  spaces end（全角：）￥")
        #expect(reader.paragraphTexts[1] == "第一行\n第二行\n第三行\t制表")
        // Text with spaces keeps them; text without needs no marking.
        for t in reader.body.all("w:t") where t.text.contains(" ") { #expect(t.attributes["xml:space"] == "preserve") }
        #expect(reader.body.all("w:t").first?.attributes["xml:space"] == "preserve")
    }

    @Test func tablesHaveBordersGridWidthsMergesAndRowFlags() throws {
        var document = DocxDocument()
        document.append(DocxTable(columnWidths: [1000, 2000, 3000], rows: [
            DocxTableRow([
                DocxTableCell("纵向", alignment: .center, bold: true, verticalMerge: .restart),
                DocxTableCell("横向", alignment: .center, bold: true, span: 2),
            ], isHeader: true),
            DocxTableRow([.mergedAbove(), DocxTableCell("甲"), DocxTableCell("乙", verticalAlignment: .top)],
                         isHeader: true),
            DocxTableRow([DocxTableCell("1", alignment: .right), DocxTableCell("2")], cantSplit: false,
                         minimumHeight: 600),
            DocxTableRow([DocxTableCell("太宽", span: 5)]),
        ]))
        let reader = try WordDocumentReader(try document.data())
        let table = try #require(reader.tables.first)

        let grid = table.child("w:tblGrid")?.children.map { $0.attributes["w:w"] }
        #expect(grid == ["1000", "2000", "3000"])
        let borders = try #require(table.child("w:tblPr")?.child("w:tblBorders"))
        for edge in ["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"] {
            #expect(borders.child(edge)?.attributes["w:val"] == "single", "\(edge)")
        }

        let rows = table.rows
        #expect(rows.count == 4)
        #expect(rows[0].cells.map(\.gridSpan) == [1, 2])
        #expect(rows[0].cells[1].child("w:tcPr")?.child("w:tcW")?.attributes["w:w"] == "5000")
        #expect(rows[0].cells.map(\.verticalMerge) == ["restart", nil])
        #expect(rows[1].cells.map(\.verticalMerge) == ["continue", nil, nil])
        #expect(rows[0].cells[0].child("w:tcPr")?.child("w:vAlign")?.attributes["w:val"] == "center")
        #expect(rows[1].cells[2].child("w:tcPr")?.child("w:vAlign") == nil)
        #expect(rows[0].cells.allSatisfy { $0.isBold })
        for header in rows[0...1] {
            #expect(header.child("w:trPr")?.child("w:tblHeader") != nil)
            #expect(header.child("w:trPr")?.child("w:cantSplit") != nil)
        }
        #expect(rows[2].child("w:trPr")?.child("w:tblHeader") == nil)
        #expect(rows[2].child("w:trPr")?.child("w:cantSplit") == nil)
        #expect(rows[2].child("w:trPr")?.child("w:trHeight")?.attributes["w:val"] == "600")
        #expect(rows[2].cells[0].paragraphAlignment == "right")
        // A short row is padded so its borders close; a span past the grid is cut to it.
        #expect(rows[2].cells.count == 3)
        #expect(rows[3].cells.map(\.gridSpan) == [3])
        #expect(table.cellTexts == [["纵向", "横向"], ["", "甲", "乙"], ["1", "2", ""], ["太宽"]])
        // Every cell holds a paragraph, as Word requires.
        for row in rows { for cell in row.cells { #expect(cell.child("w:p") != nil) } }
    }

    @Test func tabStopsAndKeepingATableTogether() throws {
        var document = DocxDocument()
        document.append(DocxParagraph(runs: [DocxRun("姓名\t签字：")], tabStops: [3600]))
        document.append(DocxTable(columnWidths: [2000, 2000], rows: [
            DocxTableRow([DocxTableCell("甲"), DocxTableCell("乙")]),
            DocxTableRow([DocxTableCell("丙"), DocxTableCell.mergedAbove()]),
            DocxTableRow([DocxTableCell("丁"), DocxTableCell("戊")]),
        ], keepTogether: true))
        let reader = try WordDocumentReader(try document.data())
        let tab = try #require(reader.body.children.first?.child("w:pPr")?.child("w:tabs")?.child("w:tab"))
        #expect(tab.attributes["w:pos"] == "3600")
        #expect(reader.paragraphTexts.first == "姓名\t签字：")
        // Every paragraph but those of the last row keeps with the next, which keeps the table on one page.
        let rows = try #require(reader.tables.first).rows
        for row in rows.dropLast() {
            for paragraph in row.all("w:p") { #expect(paragraph.child("w:pPr")?.child("w:keepNext") != nil) }
        }
        for paragraph in rows[2].all("w:p") { #expect(paragraph.child("w:pPr")?.child("w:keepNext") == nil) }
    }

    @Test func sectionsArePortraitOrLandscapeA4WithMargins() throws {
        let portrait = try WordDocumentReader(try DocxDocument().data()).sectionProperties
        #expect(portrait?.child("w:pgSz")?.attributes["w:w"] == "11906")
        #expect(portrait?.child("w:pgSz")?.attributes["w:h"] == "16838")
        #expect(portrait?.child("w:pgSz")?.attributes["w:orient"] == nil)
        #expect(portrait?.child("w:pgMar")?.attributes["w:left"] == "1134")

        var document = DocxDocument(section: DocxSection(orientation: .landscape))
        document.append(DocxParagraph("横向"))
        let landscape = try WordDocumentReader(try document.data()).sectionProperties
        #expect(landscape?.child("w:pgSz")?.attributes["w:w"] == "16838")
        #expect(landscape?.child("w:pgSz")?.attributes["w:h"] == "11906")
        #expect(landscape?.child("w:pgSz")?.attributes["w:orient"] == "landscape")
        #expect(DocxSection(orientation: .landscape).textWidth == 16838 - 2 * 1134)
    }

    @Test func startSectionEndsTheFirstSectionWithItsOwnPageSetUp() throws {
        var document = DocxDocument()
        document.append(DocxParagraph("纵向页"))
        document.startSection(DocxSection(orientation: .landscape))
        document.append(DocxParagraph("横向页"))
        let reader = try WordDocumentReader(try document.data())
        let inner = reader.body.all("w:sectPr").filter { $0 !== reader.sectionProperties }
        #expect(inner.count == 1)
        #expect(inner.first?.child("w:pgSz")?.attributes["w:orient"] == nil)
        #expect(reader.sectionProperties?.child("w:pgSz")?.attributes["w:orient"] == "landscape")
    }

    @Test func pageBreaksAreExplicit() throws {
        var document = DocxDocument()
        document.append(DocxParagraph("一"))
        document.appendPageBreak()
        document.append(DocxParagraph("二"))
        let reader = try WordDocumentReader(try document.data())
        #expect(reader.pageBreaks == 1)
        #expect(reader.paragraphTexts.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } == ["一", "二"])
    }

    @Test func theSameContentGivesTheSameBytes() throws {
        func build() throws -> Data {
            var document = DocxDocument(title: "同一")
            document.append(DocxParagraph("内容"))
            document.append(DocxTable(columnWidths: [2000], rows: [DocxTableRow([DocxTableCell("格")])]))
            return try document.data()
        }
        #expect(try build() == build())
    }

    @Test func aLargeDocumentSurvivesTheZipRoundTrip() throws {
        // Over 1 MB of XML: deflated in many output chunks, at the level for large documents.
        var document = DocxDocument()
        for index in 0..<20_000 {
            document.append(DocxParagraph("第 \(index) 段：石家庄市栾城区联合抽查记录 \(index * 7919 % 10_007)"))
        }
        let data = try document.data()
        #expect(data.count < 1_000_000)
        let texts = try WordDocumentReader(data).paragraphTexts
        #expect(texts.count == 20_000)
        #expect(texts[12_345] == "第 12345 段：石家庄市栾城区联合抽查记录 \(12_345 * 7919 % 10_007)")
        #expect(texts.last == "第 19999 段：石家庄市栾城区联合抽查记录 \(19_999 * 7919 % 10_007)")
    }

    @Test func relativeWidthsFillTheTextWidth() {
        let widths = DocxTable.widths(relative: [1, 2, 1, .nan], total: 9638)
        #expect(widths.reduce(0, +) == 9638)
        #expect(widths[1] == 2 * widths[0] || abs(widths[1] - 2 * widths[0]) <= 1)
    }
}
