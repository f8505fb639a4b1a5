import Foundation
import Inspection

/// A draw record file as `liancha draw verify FILE.json` reads and re-checks it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let record = try? DrawRecord(json: Data(bytes: data, count: size)) {
        _ = record.verify()
    }
    return 0
}
