extension DocxDocument {
    /// Appends a PNG image in a paragraph of its own, `width` × `height` centimetres, centred by default.
    public mutating func appendImage(png: [UInt8], widthCentimetres width: Double, heightCentimetres height: Double,
                                     alignment: DocxParagraph.Alignment = .center) {
        images.append(png)
        let n = images.count
        // 360,000 EMU per centimetre.
        let cx = Int(width * 360_000), cy = Int(height * 360_000)
        body.append("<w:p><w:pPr>")
        if alignment == .center { body.append(#"<w:jc w:val="center"/>"#) } else if alignment == .right { body.append(#"<w:jc w:val="right"/>"#) }
        body.append("</w:pPr><w:r><w:drawing>")
        body.append(#"<wp:inline distT="0" distB="0" distL="0" distR="0" "#)
        body.append(#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">"#)
        body.append(contentsOf: Array(#"<wp:extent cx="\#(cx)" cy="\#(cy)"/><wp:docPr id="\#(n)" name="image\#(n)"/>"#.utf8))
        body.append(#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">"#)
        body.append(#"<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#)
        body.append(#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">"#)
        body.append(contentsOf: Array(#"<pic:nvPicPr><pic:cNvPr id="\#(n)" name="image\#(n).png"/><pic:cNvPicPr/></pic:nvPicPr>"#.utf8))
        body.append(contentsOf: Array(#"<pic:blipFill><a:blip r:embed="rIdImage\#(n)"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#.utf8))
        body.append(contentsOf: Array(#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\#(cx)" cy="\#(cy)"/></a:xfrm>"#.utf8))
        body.append(#"<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>"#)
        body.append("</wp:inline></w:drawing></w:r></w:p>")
    }
}

extension DocxDocument {
    /// A right-aligned 第 n 页 共 m 页 line whose numbers are Word fields (PAGE, NUMPAGES): it shows the
    /// page it is printed on, however long the text before it grows.
    public mutating func appendPageOfPages() {
        body.append(#"<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">第 </w:t></w:r>"#)
        body.append(#"<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>"#)
        body.append(#"<w:r><w:t xml:space="preserve"> 页 共 </w:t></w:r>"#)
        body.append(#"<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>"#)
        body.append(#"<w:r><w:t xml:space="preserve"> 页</w:t></w:r></w:p>"#)
    }
}

extension DocxPackage {
    /// The content types with PNG declared.
    static func withImages(_ contentTypes: [UInt8]) -> [UInt8] {
        let close = Array("</Types>".utf8)
        return Array(contentTypes.dropLast(close.count)) + Array(#"<Default Extension="png" ContentType="image/png"/>"#.utf8) + close
    }

    /// The document's relationships with one per image.
    static func withImages(_ relationships: [UInt8], count: Int) -> [UInt8] {
        let close = Array("</Relationships>".utf8)
        var out = Array(relationships.dropLast(close.count))
        for i in 1...count {
            out += Array(#"<Relationship Id="rIdImage\#(i)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image\#(i).png"/>"#.utf8)
        }
        return out + close
    }
}
