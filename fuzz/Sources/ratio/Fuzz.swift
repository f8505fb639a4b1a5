import Inspection

/// A sampling ratio (`18%`, `0.5%`, `0.18`) as plans and policies write it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let ratio = try? Ratio(text) {
        let quota = ratio.quota(of: 1_000_000)
        precondition((0...1_000_000).contains(quota), "a quota is within the candidates")
    }
    return 0
}
