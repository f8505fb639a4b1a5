import Foundation

/// The small fixed parts of an .xlsx package.
enum WorkbookParts {
    private static var declaration: StaticString { OfficePackageParts.declaration }

    static func contentTypes(sheetCount: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.append(declaration)
        out.append(#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#)
        out.append(#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#)
        out.append(#"<Default Extension="xml" ContentType="application/xml"/>"#)
        out.append(#"<Override PartName="/xl/workbook.xml" "#)
        out.append(#"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#)
        for index in 1...max(sheetCount, 1) {
            out.append(#"<Override PartName="/xl/worksheets/sheet"#)
            out.appendDecimal(index)
            out.append(#".xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#)
        }
        out.append(#"<Override PartName="/xl/styles.xml" "#)
        out.append(#"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#)
        out.append(#"<Override PartName="/xl/sharedStrings.xml" "#)
        out.append(#"ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#)
        out.append(#"<Override PartName="/docProps/core.xml" "#)
        out.append(#"ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#)
        out.append(#"<Override PartName="/docProps/app.xml" "#)
        out.append(#"ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#)
        out.append("</Types>")
        return out
    }

    static func workbook(names: [String], sheets: [XLSXSheet]) -> [UInt8] {
        var out: [UInt8] = []
        out.append(declaration)
        out.append(#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#)
        out.append(#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        out.append(#"<bookViews><workbookView activeTab="0"/></bookViews><sheets>"#)
        for (index, name) in names.enumerated() {
            out.append(#"<sheet name=""#)
            out.appendXMLEscaped(name, attribute: true)
            out.append(#"" sheetId=""#)
            out.appendDecimal(index + 1)
            out.append(#"" r:id="rId"#)
            out.appendDecimal(index + 1)
            out.append(#""/>"#)
        }
        out.append("</sheets>")
        // Frozen header rows also repeat at the top of every printed page.
        let titled = sheets.enumerated().filter { $0.element.frozenRows > 0 }
        if !titled.isEmpty {
            out.append("<definedNames>")
            for (index, sheet) in titled {
                out.append(#"<definedName name="_xlnm.Print_Titles" localSheetId=""#)
                out.appendDecimal(index)
                out.append(#"">"#)
                let quoted = "'" + names[index].replacingOccurrences(of: "'", with: "''") + "'"
                out.appendXMLEscaped(quoted)
                out.append("!$1:$")
                out.appendDecimal(sheet.frozenRows)
                out.append("</definedName>")
            }
            out.append("</definedNames>")
        }
        out.append("</workbook>")
        return out
    }

    static func workbookRelationships(sheetCount: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.append(declaration)
        out.append(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#)
        let count = max(sheetCount, 1)
        for index in 1...count {
            out.append(#"<Relationship Id="rId"#)
            out.appendDecimal(index)
            out.append(#"" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" "#)
            out.append(#"Target="worksheets/sheet"#)
            out.appendDecimal(index)
            out.append(#".xml"/>"#)
        }
        out.append(#"<Relationship Id="rId"#)
        out.appendDecimal(count + 1)
        out.append(#"" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" "#)
        out.append(#"Target="styles.xml"/>"#)
        out.append(#"<Relationship Id="rId"#)
        out.appendDecimal(count + 2)
        out.append(#"" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" "#)
        out.append(#"Target="sharedStrings.xml"/>"#)
        out.append("</Relationships>")
        return out
    }

    /// Fonts: 0 宋体 11, 1 宋体 11 bold, 2 宋体 16 bold. Borders: 0 none, 1 thin all round.
    /// cellXfs (see `StyleIndex`): 0 number plain, 1 text plain, 2 text body, 3 text header, 4 text title,
    /// 5 number body, 6 number header, 7 number title, 8 text note, 9 number note. Text styles use
    /// numFmtId 49 ("@").
    static var styles: [UInt8] {
        var out: [UInt8] = []
        out.append(declaration)
        out.append(#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#)
        out.append(#"<fonts count="3">"#)
        out.append(#"<font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"#)
        out.append(#"<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"#)
        out.append(#"<font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font>"#)
        out.append("</fonts>")
        out.append(#"<fills count="2"><fill><patternFill patternType="none"/></fill>"#)
        out.append(#"<fill><patternFill patternType="gray125"/></fill></fills>"#)
        out.append(#"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#)
        out.append(#"<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>"#)
        out.append(#"<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom>"#)
        out.append("<diagonal/></border></borders>")
        out.append(#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#)
        out.append(#"<cellXfs count="10">"#)
        let body: StaticString = #"<alignment vertical="center" wrapText="1"/>"#
        let heading: StaticString = #"<alignment horizontal="center" vertical="center" wrapText="1"/>"#
        let title: StaticString = #"<alignment horizontal="center" vertical="center" wrapText="1"/>"#
        let note: StaticString = #"<alignment horizontal="left" vertical="center" wrapText="1"/>"#
        func xf(_ numFmt: Int, font: Int, border: Int, alignment: StaticString?) {
            out.append(#"<xf numFmtId=""#)
            out.appendDecimal(numFmt)
            out.append(#"" fontId=""#)
            out.appendDecimal(font)
            out.append(#"" fillId="0" borderId=""#)
            out.appendDecimal(border)
            out.append(#"" xfId="0""#)
            if numFmt != 0 { out.append(#" applyNumberFormat="1""#) }
            if font != 0 { out.append(#" applyFont="1""#) }
            if border != 0 { out.append(#" applyBorder="1""#) }
            if let alignment {
                out.append(#" applyAlignment="1">"#)
                out.append(alignment)
                out.append("</xf>")
            } else {
                out.append("/>")
            }
        }
        xf(0, font: 0, border: 0, alignment: nil)
        xf(49, font: 0, border: 0, alignment: nil)
        xf(49, font: 0, border: 1, alignment: body)
        xf(49, font: 1, border: 1, alignment: heading)
        xf(49, font: 2, border: 0, alignment: title)
        xf(0, font: 0, border: 1, alignment: body)
        xf(0, font: 1, border: 1, alignment: heading)
        xf(0, font: 2, border: 0, alignment: title)
        xf(49, font: 0, border: 0, alignment: note)
        xf(0, font: 0, border: 0, alignment: note)
        out.append("</cellXfs>")
        out.append(#"<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>"#)
        out.append("</styleSheet>")
        return out
    }
}
