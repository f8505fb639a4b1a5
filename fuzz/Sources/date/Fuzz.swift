import Inspection

/// A date as forms, files and the command line write it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let date = LocalDate(text) {
        precondition(LocalDate(dayNumber: date.dayNumber) == date, "day numbers round-trip")
        precondition(LocalDate(date.description) == date, "the written form reads back")
    }
    return 0
}
