/// How much a table file may hold, whatever its headers claim: data rows, and for an .xlsx the bytes
/// each part (the sheet, the shared strings) and all parts together inflate to. Past a limit the
/// reader stops with `DocumentError.tooLarge` or `.tooManyRows`, so memory stays bounded by these.
public struct ReadLimits: Sendable, Equatable {
    /// Data rows after the header.
    public var maxRows: Int
    /// Bytes one part of an .xlsx may inflate to.
    public var maxPartBytes: Int
    /// Bytes all parts of an .xlsx together may inflate to.
    public var maxTotalBytes: Int

    public init(maxRows: Int, maxPartBytes: Int, maxTotalBytes: Int) {
        self.maxRows = maxRows
        self.maxPartBytes = maxPartBytes
        self.maxTotalBytes = maxTotalBytes
    }

    /// The command line (`liancha import`): a whole province's directory fits.
    public static let cli = ReadLimits(maxRows: 2_000_000, maxPartBytes: 1 << 30, maxTotalBytes: 3 << 29)
    /// A web upload (at most 32 MiB on the wire): the server keeps its memory for everyone.
    public static let web = ReadLimits(maxRows: 100_000, maxPartBytes: 128 << 20, maxTotalBytes: 192 << 20)

    /// The most bytes one XML element (a row, a shared string) may have; longer is a damaged or hostile file.
    static let maxElementBytes = 8 << 20
}
