import Foundation
import Inspection

/// A draw record file as `liancha draw verify FILE.json` reads and re-checks it; its lists read by
/// the fast reader (every list, however short) must give what JSONDecoder alone gives.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let json = Data(bytes: data, count: size)
    let fast = try? DrawRecord(json: json, minimumList: 0)
    let decoded = try? DrawRecord(json: json, minimumList: nil)
    if fast != decoded { fatalError("the fast reader and JSONDecoder disagree") }
    if let record = fast {
        _ = record.verify()
    }
    return 0
}
