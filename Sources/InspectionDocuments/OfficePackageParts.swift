/// The parts every Office Open XML package (.docx, .xlsx) has in common.
enum OfficePackageParts {
    static let declaration: StaticString = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"

    /// `_rels/.rels`: the main part (`word/document.xml`, `xl/workbook.xml`) and the properties.
    static func packageRelationships(mainPart: String) -> [UInt8] {
        var out: [UInt8] = []
        out.append(declaration)
        out.append(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#)
        out.append(#"<Relationship Id="rId1" "#)
        out.append(#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" "#)
        out.append(#"Target=""#)
        out.append(contentsOf: mainPart.utf8)
        out.append(#""/>"#)
        out.append(#"<Relationship Id="rId2" "#)
        out.append(#"Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" "#)
        out.append(#"Target="docProps/core.xml"/>"#)
        out.append(#"<Relationship Id="rId3" "#)
        out.append(#"Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" "#)
        out.append(#"Target="docProps/app.xml"/>"#)
        out.append("</Relationships>")
        return out
    }

    /// `docProps/app.xml`.
    static let appProperties: [UInt8] = {
        var out: [UInt8] = []
        out.append(declaration)
        out.append(#"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" "#)
        out.append(#"xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">"#)
        out.append("<Application>liancha</Application><DocSecurity>0</DocSecurity></Properties>")
        return out
    }()

    /// `docProps/core.xml`. NB: fixed dates, as for the ZIP entries, so the bytes do not depend on the clock.
    static func coreProperties(title: String) -> [UInt8] {
        var out: [UInt8] = []
        out.append(declaration)
        out.append(#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#)
        out.append(#"xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" "#)
        out.append(#"xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#)
        if !title.isEmpty {
            out.append("<dc:title>")
            out.appendXMLEscaped(title)
            out.append("</dc:title>")
        }
        out.append("<dc:creator>liancha</dc:creator><cp:lastModifiedBy>liancha</cp:lastModifiedBy>")
        out.append(#"<dcterms:created xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:created>"#)
        out.append(#"<dcterms:modified xsi:type="dcterms:W3CDTF">2020-01-01T00:00:00Z</dcterms:modified>"#)
        out.append("</cp:coreProperties>")
        return out
    }
}
