import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of an XML part read back with Foundation's `XMLParser`, independently of the writer under
/// test. Names and attribute keys are the qualified names as written (`w:tc`, `w:val`).
final class XMLNodeTree {
    let name: String
    let attributes: [String: String]
    var children: [XMLNodeTree] = []
    var text = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    /// Parses a whole XML document; fails the test if the XML is not well-formed.
    static func parse(_ xml: String) throws -> XMLNodeTree {
        let builder = TreeBuilder()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = builder
        let ok = parser.parse()
        try #require(ok, "not well-formed XML: \(String(describing: parser.parserError))")
        return try #require(builder.root)
    }

    /// The element's descendants (depth first, document order) with the name `name`.
    func all(_ name: String) -> [XMLNodeTree] {
        var found: [XMLNodeTree] = []
        func walk(_ node: XMLNodeTree) {
            for child in node.children {
                if child.name == name { found.append(child) }
                walk(child)
            }
        }
        walk(self)
        return found
    }

    /// The first direct child named `name`.
    func child(_ name: String) -> XMLNodeTree? {
        children.first { $0.name == name }
    }

    /// The visible text of a WordprocessingML element: `w:t` text, `w:br` as a line feed, `w:tab` as a
    /// tab, and paragraphs joined by line feeds.
    var wordText: String {
        var out = ""
        func walk(_ node: XMLNodeTree) {
            switch node.name {
            case "w:pPr", "w:rPr", "w:tcPr", "w:trPr", "w:tblPr", "w:tblGrid", "w:sectPr": break  // no text; w:tabs holds w:tab stops
            case "w:t": out += node.text
            case "w:br": out += "\n"
            case "w:tab": out += "\t"
            default:
                for (index, child) in node.children.enumerated() {
                    if child.name == "w:p", index > 0, node.children[index - 1].name == "w:p" { out += "\n" }
                    walk(child)
                }
            }
        }
        walk(self)
        return out
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var root: XMLNodeTree?
        var stack: [XMLNodeTree] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String]) {
            let node = XMLNodeTree(name: elementName, attributes: attributes)
            if let parent = stack.last { parent.children.append(node) } else { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                    qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}

/// `word/document.xml` of a .docx, unzipped with ZIPFoundation and parsed.
struct WordDocumentReader {
    let body: XMLNodeTree

    init(_ docx: Data) throws {
        let root = try XMLNodeTree.parse(try unzippedText(docx, "word/document.xml"))
        try #require(root.name == "w:document")
        body = try #require(root.child("w:body"))
    }

    /// The top-level tables in document order.
    var tables: [XMLNodeTree] { body.children.filter { $0.name == "w:tbl" } }
    /// The top-level paragraphs' texts in document order.
    var paragraphTexts: [String] { body.children.filter { $0.name == "w:p" }.map(\.wordText) }
    /// The section properties at the end of the body.
    var sectionProperties: XMLNodeTree? { body.child("w:sectPr") }
    /// The number of explicit page breaks (`<w:br w:type="page"/>`).
    var pageBreaks: Int { body.all("w:br").filter { $0.attributes["w:type"] == "page" }.count }
}

extension XMLNodeTree {
    /// A table's rows (`w:tr`) and each row's cells (`w:tc`).
    var rows: [XMLNodeTree] { children.filter { $0.name == "w:tr" } }
    var cells: [XMLNodeTree] { children.filter { $0.name == "w:tc" } }
    /// The texts of a table: one array of cell texts per row.
    var cellTexts: [[String]] { rows.map { $0.cells.map(\.wordText) } }

    /// A cell's `w:gridSpan` (1 when absent).
    var gridSpan: Int { child("w:tcPr")?.child("w:gridSpan")?.attributes["w:val"].flatMap(Int.init) ?? 1 }
    /// A cell's `w:vMerge` value: "restart", "continue" (also for a bare `<w:vMerge/>`), or nil.
    var verticalMerge: String? {
        guard let merge = child("w:tcPr")?.child("w:vMerge") else { return nil }
        return merge.attributes["w:val"] ?? "continue"
    }
    /// Whether every run with text in the element is bold.
    var isBold: Bool {
        let runs = all("w:r").filter { !$0.all("w:t").isEmpty }
        return !runs.isEmpty && runs.allSatisfy { $0.child("w:rPr")?.child("w:b") != nil }
    }
    /// The `w:jc` of the paragraph, or of the element's first paragraph.
    var paragraphAlignment: String? {
        let paragraph = name == "w:p" ? self : all("w:p").first
        return paragraph?.child("w:pPr")?.child("w:jc")?.attributes["w:val"]
    }
}
