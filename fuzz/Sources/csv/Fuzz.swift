import Foundation
import Inspection
import InspectionDocuments

/// A CSV file as an import reads it: decoding, the header, every row through the enterprise schema.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let limits = ReadLimits(maxRows: 10_000, maxPartBytes: 16 << 20, maxTotalBytes: 32 << 20)
    guard var reader = try? TableReader(data: Data(bytes: data, count: size), format: .csv, limits: limits) else { return 0 }
    var table = try? TableSchema.enterprises.bind(header: reader.header)
    let context = ImportContext(departments: [])
    while let cells = try? reader.next() {
        _ = table?.read(cells, row: reader.rowNumber, context: context)
    }
    return 0
}
