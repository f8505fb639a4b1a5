public import Foundation

/// What is wrong with a table file, in words a clerk can act on (Chinese first, English after).
///
/// The cases never carry a raw system or library message: ZIP and XML failures are reduced to a
/// short reason written here.
public enum DocumentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file has no bytes, or only blank lines / empty rows.
    case emptyFile
    /// The bytes are neither UTF-8 nor GB18030; `byteOffset` is 0-based, `line` 1-based.
    case notText(byteOffset: Int, line: Int)
    /// The CSV was saved as UTF-16 ("Unicode 文本"), which is not accepted.
    case utf16NotSupported
    /// A CSV was expected but the file is an Excel workbook (a ZIP archive).
    case workbookGivenAsCSV
    /// A quoted CSV field that starts on `row` never ends.
    case unterminatedQuote(row: Int)
    /// The file is not an .xlsx workbook at all; `reason` says what it looks like instead.
    case notAnXLSX(reason: String)
    /// The workbook has no worksheet to read.
    case missingSheet
    /// The workbook is an .xlsx but part of it is damaged; `reason` names the part.
    case malformedXLSX(reason: String)
    /// A part of the file is bigger than `limit` bytes (inflated, for an .xlsx); `part` names it.
    case tooLarge(part: String, limit: Int)
    /// The file could not be read to its end (a disk or network error while streaming it).
    case unreadable
    /// The file has more than `limit` data rows.
    case tooManyRows(limit: Int)
    /// Writing a workbook failed (the ZIP container could not be built).
    case cannotWriteXLSX(reason: String)

    public var description: String {
        switch self {
        case .emptyFile:
            "文件是空的，没有表头和数据。(The file is empty: no header and no rows.)"
        case let .notText(byteOffset, line):
            "文件第 \(line) 行附近（第 \(byteOffset + 1) 字节）的内容既不是 UTF-8 也不是 GB18030 编码的文字，"
                + "请用 Excel/WPS 重新“另存为 CSV”。"
                + " (Near line \(line), byte \(byteOffset + 1), the file is neither UTF-8 nor GB18030 text.)"
        case .utf16NotSupported:
            "文件是 UTF-16（“Unicode 文本”）编码，请在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”。"
                + " (The file is UTF-16 text; save it as CSV instead.)"
        case .workbookGivenAsCSV:
            "这是一个 Excel 工作簿（.xlsx），不是 CSV 文件，请把扩展名改为 .xlsx 或另存为 CSV。"
                + " (This is an Excel workbook, not a CSV file.)"
        case let .unterminatedQuote(row):
            "第 \(row) 行有一个以双引号开头的单元格没有结束的双引号，请检查该行的引号。"
                + " (Row \(row): a quoted cell is never closed.)"
        case let .notAnXLSX(reason):
            "文件不是 Excel 工作簿（.xlsx）：\(reason)。 (Not an .xlsx workbook.)"
        case .missingSheet:
            "工作簿中找不到工作表。 (The workbook has no worksheet.)"
        case let .malformedXLSX(reason):
            "工作簿已损坏或格式不对：\(reason)。请用 Excel/WPS 打开后重新保存为 .xlsx。 (The workbook is damaged.)"
        case let .tooLarge(part, limit):
            "\(part)超过 \(Self.megabytes(limit)) MB 的上限，未导入任何数据；请分成几个较小的文件导入。"
                + " (\(part) exceeds the limit of \(Self.megabytes(limit)) MB.)"
        case .unreadable:
            "文件读取中断，未导入任何数据；请检查文件后重新导入。 (The file could not be read to its end; nothing was imported.)"
        case let .tooManyRows(limit):
            "文件超过 \(limit) 行数据（每次导入的上限），未导入任何数据；请分成几个文件导入。"
                + " (More than \(limit) data rows: split the file.)"
        case let .cannotWriteXLSX(reason):
            "无法生成 Excel 文件：\(reason)。 (Could not build the workbook.)"
        }
    }
}

extension DocumentError {
    static func megabytes(_ bytes: Int) -> Int { max(1, bytes >> 20) }
}

extension DocumentError: LocalizedError {
    public var errorDescription: String? { description }
}
