import Inspection

/// A unified social credit code (`liancha uscc check`, every import, the team forms).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let code = try? USCC.validate(text) {
        precondition(USCC.checkCharacter(for: String(code.prefix(17))) == code.last, "a valid code's check character")
    }
    _ = USCC.checkCharacter(for: text)
    return 0
}
