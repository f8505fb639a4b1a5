import Foundation
import InspectionDocuments

/// A CSV read a piece at a time (the CLI import, `TableReader(csvPieces:)`) against the same file read
/// whole: the first byte picks the piece size (1–64 bytes), the rest is the file. Both must give the
/// same header and rows, or the same error; a difference traps.
/// NB: one difference is by design: reading in pieces decides UTF-8 or GB18030 on what it has read, so
/// a bad byte after non-ASCII UTF-8 is `.notText` at that byte, where the whole file is tried as GB18030
/// (and may fail elsewhere, or decode).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let pieceSize = Int(data[0]) % 64 + 1
    let file = Data(bytes: data + 1, count: size - 1)
    let limits = ReadLimits(maxRows: 10_000, maxPartBytes: 16 << 20, maxTotalBytes: 32 << 20)

    func readAll(_ open: () throws(DocumentError) -> TableReader) -> Result<[[String]], DocumentError> {
        do throws(DocumentError) {
            var reader = try open()
            var rows = [reader.header]
            while let cells = try reader.next() { rows.append(cells + ["#\(reader.rowNumber)"]) }
            return .success(rows)
        } catch {
            return .failure(error)
        }
    }
    let whole = readAll { () throws(DocumentError) in try TableReader(data: file, format: .csv, limits: limits) }
    var offset = 0
    let pieces = readAll { () throws(DocumentError) in
        try TableReader(csvPieces: {
            guard offset < file.count else { return nil }
            defer { offset = min(file.count, offset + pieceSize) }
            return file.subdata(in: offset..<min(file.count, offset + pieceSize))
        }, limits: limits)
    }
    switch (whole, pieces) {
    case let (.success(a), .success(b)) where a == b: break
    case let (.failure(a), .failure(b)) where a == b: break
    case (_, .failure(.notText)): break
    default: fatalError("read in pieces of \(pieceSize): \(pieces), whole: \(whole)")
    }
    return 0
}
