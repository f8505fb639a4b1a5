import Foundation
import InspectionDocuments

/// An .xlsx as an import reads it: the zip container, the workbook, the shared strings, the sheet.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let limits = ReadLimits(maxRows: 10_000, maxPartBytes: 16 << 20, maxTotalBytes: 32 << 20)
    guard var reader = try? TableReader(data: Data(bytes: data, count: size), format: .xlsx, limits: limits) else { return 0 }
    while (try? reader.next()) != nil {}
    return 0
}
