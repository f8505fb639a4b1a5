/// A table file's format, chosen by the file extension.
public enum SheetFormat: String, Sendable, CaseIterable {
    case csv
    case xlsx

    /// The format for a file extension such as `"CSV"` or `"xlsx"` (case-insensitive, leading dot allowed);
    /// nil for anything else, including the old binary `.xls`.
    public init?(pathExtension: String) {
        var ext = Substring(pathExtension)
        if ext.hasPrefix(".") { ext = ext.dropFirst() }
        switch ext.lowercased() {
        case "csv": self = .csv
        case "xlsx": self = .xlsx
        default: return nil
        }
    }
}

/// Which text encoding a CSV was found to be in.
public enum DetectedEncoding: String, Sendable {
    /// UTF-8 without a byte-order mark.
    case utf8
    /// UTF-8 starting with EF BB BF, as Excel's "CSV UTF-8" writes it.
    case utf8WithBOM
    /// GB18030 (a superset of GBK/GB2312), as Excel and WPS on Chinese Windows write "CSV".
    case gb18030
}
