public import Foundation

/// Writes a table as CSV the way Excel and WPS on Chinese Windows open it correctly: UTF-8 with a BOM,
/// CRLF line ends, RFC 4180 quoting, and no formulas: a cell that starts with `=`, `+`, `-`, `@`, a tab or
/// a carriage return, which Excel and WPS would run as a formula (CSV injection: `=HYPERLINK(…)`,
/// `+1+cmd|…`, `@SUM(…)`), is written with a leading `'`, so it shows as text. `TableReader` drops that
/// `'` again, so what liancha exports it imports unchanged.
///
/// NB: Excel still turns number-like text in a CSV (division codes, 18-digit codes) into numbers when it
/// opens the file; exports that users open in Excel should use `XLSXWorkbook`, which keeps them as text.
public enum CSVWriter {
    /// The CSV bytes of a header and rows. Fields containing a comma, a quote, CR or LF, or starting or
    /// ending with whitespace are quoted; fields that would read as formulas get a leading `'`.
    public static func write(header: [String], rows: [[String]]) -> Data {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        let estimate = (header.count + 1) * 12 * (rows.count + 1)
        out.reserveCapacity(min(estimate, 1 << 30))
        appendRecord(header, to: &out)
        for row in rows { appendRecord(row, to: &out) }
        return Data(out)
    }

    private static func appendRecord(_ fields: [String], to out: inout [UInt8]) {
        if fields.count == 1 && fields[0].isEmpty {
            out.append(contentsOf: [0x22, 0x22])  // a lone empty field, or the line would read as blank
        }
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(0x2C) }
            appendField(field, to: &out)
        }
        out.append(0x0D)
        out.append(0x0A)
    }

    private static func appendField(_ field: String, to out: inout [UInt8]) {
        var field = field
        let edgeSpace = hasEdgeWhitespace(field)
        field.withUTF8 { utf8 in
            guard !utf8.isEmpty else { return }
            let escape = isFormulaStart(utf8[0])
            var needsQuotes = edgeSpace
            if !needsQuotes {
                for b in utf8 where b == 0x2C || b == 0x22 || b == 0x0D || b == 0x0A {
                    needsQuotes = true
                    break
                }
            }
            guard needsQuotes else {
                if escape { out.append(0x27) }
                out.append(contentsOf: utf8)
                return
            }
            out.append(0x22)
            if escape { out.append(0x27) }
            for b in utf8 {
                if b == 0x22 { out.append(0x22) }
                out.append(b)
            }
            out.append(0x22)
        }
    }

    /// Whether a cell starting with `byte` is taken for a formula by Excel or WPS: `=`, `+`, `-`, `@`,
    /// tab or CR (OWASP, "CSV Injection").
    static func isFormulaStart(_ byte: UInt8) -> Bool {
        byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D
    }

    /// Whether the field starts or ends with whitespace (including the full-width space U+3000), which
    /// a reader that trims would lose unless the field is quoted.
    private static func hasEdgeWhitespace(_ field: String) -> Bool {
        let scalars = field.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        return first.properties.isWhitespace || last.properties.isWhitespace
    }
}
