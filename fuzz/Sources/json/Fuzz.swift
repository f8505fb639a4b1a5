import InspectionWeb

/// A JSON body as the web handlers decode it (the results form).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? BodyParsers.decodeResults(Array(UnsafeBufferPointer(start: data, count: size)), contentType: "application/json")
    return 0
}
