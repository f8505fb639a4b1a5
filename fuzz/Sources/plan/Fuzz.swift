import InspectionDocuments

/// A plan YAML file (`liancha plan create FILE`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if let plan = try? PlanFile.parse(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)) {
        _ = try? plan.checkBounds()
    }
    return 0
}
