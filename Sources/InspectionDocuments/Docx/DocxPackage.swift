import Foundation

/// The .docx package: the fixed parts (deflated once) and the ZIP that holds them with the document.
enum DocxPackage {
    static func data(body: [UInt8], section: DocxSection, title: String, images: [[UInt8]] = []) throws(DocxError) -> Data {
        var closing: [UInt8] = []
        // Word wants a paragraph after a table that ends the body, and at least one block in it.
        if body.isEmpty || body.suffix(8).elementsEqual("</w:tbl>".utf8) { closing.append("<w:p/>") }
        DocxXML.appendSectionProperties(section, to: &closing)
        closing.append("</w:body></w:document>")

        var zip = ZipContainer(capacity: body.count / 4 + 8 * 1024)
        // The order Word itself writes the parts in.
        try zip.add(images.isEmpty ? Fixed.contentTypes : .deflated("[Content_Types].xml", withImages(contentTypes)))
        try zip.add(Fixed.packageRelationships)
        try zip.addDeflated("word/document.xml", segments: [documentOpening, body, closing])
        try zip.add(images.isEmpty ? Fixed.documentRelationships
                        : .deflated("word/_rels/document.xml.rels", withImages(documentRelationships, count: images.count)))
        for (i, png) in images.enumerated() { try zip.add(.stored("word/media/image\(i + 1).png", png)) }
        try zip.add(Fixed.styles)
        try zip.add(Fixed.settings)
        try zip.add(Fixed.fontTable)
        // The title varies: the small part is stored rather than deflated, which costs more than it saves.
        try zip.add(title.isEmpty ? Fixed.untitledCore : .stored("docProps/core.xml", OfficePackageParts.coreProperties(title: title)))
        try zip.add(Fixed.appProperties)
        return try zip.finish()
    }

    /// The parts that are the same in every document, deflated once per process.
    private enum Fixed {
        static let contentTypes = ZipContainer.Entry.deflated("[Content_Types].xml", DocxPackage.contentTypes)
        static let packageRelationships = ZipContainer.Entry.deflated("_rels/.rels", OfficePackageParts.packageRelationships(mainPart: "word/document.xml"))
        static let documentRelationships = ZipContainer.Entry.deflated(
            "word/_rels/document.xml.rels", DocxPackage.documentRelationships
        )
        static let styles = ZipContainer.Entry.deflated("word/styles.xml", DocxPackage.styles)
        static let settings = ZipContainer.Entry.deflated("word/settings.xml", DocxPackage.settings)
        static let fontTable = ZipContainer.Entry.deflated("word/fontTable.xml", DocxPackage.fontTable)
        static let untitledCore = ZipContainer.Entry.deflated("docProps/core.xml", OfficePackageParts.coreProperties(title: ""))
        static let appProperties = ZipContainer.Entry.deflated("docProps/app.xml", OfficePackageParts.appProperties)
    }

    private static var declaration: StaticString { OfficePackageParts.declaration }

    private static func part(_ build: (inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.append(declaration)
        build(&out)
        return out
    }

    static let documentOpening = part { out in
        out.append(#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#)
        out.append(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#)
    }

    static let contentTypes = part { out in
        out.append(#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#)
        out.append(#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#)
        out.append(#"<Default Extension="xml" ContentType="application/xml"/>"#)
        out.append(#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument."#)
        out.append(#"wordprocessingml.document.main+xml"/>"#)
        out.append(#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument."#)
        out.append(#"wordprocessingml.styles+xml"/>"#)
        out.append(#"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument."#)
        out.append(#"wordprocessingml.settings+xml"/>"#)
        out.append(#"<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument."#)
        out.append(#"wordprocessingml.fontTable+xml"/>"#)
        out.append(#"<Override PartName="/docProps/core.xml" "#)
        out.append(#"ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#)
        out.append(#"<Override PartName="/docProps/app.xml" "#)
        out.append(#"ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#)
        out.append("</Types>")
    }

    static let documentRelationships = part { out in
        out.append(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#)
        out.append(#"<Relationship Id="rId1" "#)
        out.append(#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" "#)
        out.append(#"Target="styles.xml"/>"#)
        out.append(#"<Relationship Id="rId2" "#)
        out.append(#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" "#)
        out.append(#"Target="settings.xml"/>"#)
        out.append(#"<Relationship Id="rId3" "#)
        out.append(#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" "#)
        out.append(#"Target="fontTable.xml"/>"#)
        out.append("</Relationships>")
    }

    /// Defaults: 宋体 for Chinese, Times New Roman for Latin, 10.5 pt (五号), single spacing, no space after.
    /// Styles: Normal (justified, as Chinese Word has it), Title (黑体 16 pt bold centred), Subtitle (宋体 14 pt
    /// bold centred), and the default table and character styles Word expects.
    static let styles = part { out in
        out.append(#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#)
        out.append(#"<w:docDefaults><w:rPrDefault><w:rPr>"#)
        out.append(#"<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>"#)
        out.append(#"<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="21"/>"#)
        out.append(#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#)
        out.append(#"<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>"#)
        out.append("</w:docDefaults>")
        out.append(#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>"#)
        out.append(#"<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>"#)
        out.append(#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>"#)
        out.append(#"<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="120"/>"#)
        out.append(#"<w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>"#)
        out.append(#"<w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/><w:b/><w:bCs/>"#)
        out.append(#"<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>"#)
        out.append(#"<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/>"#)
        out.append(#"<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="120"/>"#)
        out.append(#"<w:jc w:val="center"/><w:outlineLvl w:val="1"/></w:pPr>"#)
        out.append(#"<w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#)
        out.append(#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">"#)
        out.append(#"<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>"#)
        out.append("</w:style>")
        out.append(#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>"#)
        out.append(#"<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#)
        out.append(#"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>"#)
        out.append(#"<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#)
        out.append("</w:styles>")
    }

    static let settings = part { out in
        out.append(#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#)
        out.append(#"<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>"#)
        out.append(#"<w:characterSpacingControl w:val="compressPunctuation"/>"#)
        out.append(#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" "#)
        out.append(#"w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#)
    }

    /// Lets Word and WPS substitute sensibly where 宋体/黑体 are missing (e.g. on a Mac).
    static let fontTable = part { out in
        out.append(#"<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#)
        out.append(#"<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>"#)
        out.append(#"<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>"#)
        out.append(#"<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/>"#)
        out.append(#"<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#)
        out.append(#"<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/>"#)
        out.append(#"<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>"#)
        out.append(#"<w:font w:name="Segoe UI Symbol"><w:panose1 w:val="020B0502040204020203"/><w:charset w:val="00"/>"#)
        out.append(#"<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>"#)
        out.append("</w:fonts>")
    }
}
