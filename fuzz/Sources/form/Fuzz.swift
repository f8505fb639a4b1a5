import InspectionWeb

/// A form body as the web handlers read it; the first byte picks URL-encoded or multipart.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let body = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let contentType = data[0] & 1 == 0 ? "application/x-www-form-urlencoded" : "multipart/form-data; boundary=xYz"
    _ = try? BodyParsers.formObject(body, contentType: contentType)
    _ = try? BodyParsers.decodeResults(body, contentType: contentType)
    return 0
}
