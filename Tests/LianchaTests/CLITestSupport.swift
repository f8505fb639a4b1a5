import ArgumentParser
import Foundation
import InspectionStore
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import liancha

/// A scratch folder with its own database, removed when the test ends: a SQLite file in the folder,
/// or, when `LIANCHA_TEST_DATABASE_URL` names a PostgreSQL server, a fresh schema there.
final class Workspace {
    let dir: URL
    let database: String

    /// Whether the tests run on PostgreSQL; tests of the SQLite file itself are left out then.
    static let onPostgres = ProcessInfo.processInfo.environment["LIANCHA_TEST_DATABASE_URL"].flatMap(PostgresLocation.init(url:)) != nil

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("liancha-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        if let server = ProcessInfo.processInfo.environment["LIANCHA_TEST_DATABASE_URL"].flatMap(PostgresLocation.init(url:)) {
            database = server.inFreshSchema().urlText
        } else {
            database = dir.appendingPathComponent("liancha.sqlite").path
        }
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: dir.appendingPathComponent(name))
        return path(name)
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        try data.write(to: dir.appendingPathComponent(name))
        return path(name)
    }

    /// Runs `liancha ARGS --database <this workspace's db>` in-process; returns the exit code.
    @discardableResult
    func run(_ args: String...) -> Int32 {
        run(args)
    }

    @discardableResult
    func run(_ args: [String]) -> Int32 {
        do {
            var command = try Liancha.parseAsRoot(args + ["--database", database])
            try command.run()
            return 0
        } catch {
            return Liancha.exitCode(for: error).rawValue
        }
    }

    /// A database made by `liancha init`.
    static func initialised() throws -> Workspace {
        let w = try Workspace()
        #expect(w.run("init") == 0)
        return w
    }
}

/// The repository's fixtures folder.
let fixturesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("fixtures")

/// GB18030 bytes of `text`, as Excel/WPS on Chinese Windows save a CSV.
func gb18030(_ text: String) throws -> Data {
    let cd = iconv_open("GB18030", "UTF-8")
    #expect(cd != iconv_t(bitPattern: -1))
    defer { iconv_close(cd) }
    var input = Array(text.utf8).map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 2 + 16)
    var inLeft = input.count
    var outLeft = output.count
    let converted = input.withUnsafeMutableBufferPointer { inBuf in
        output.withUnsafeMutableBufferPointer { outBuf in
            var inPtr: UnsafeMutablePointer<CChar>? = inBuf.baseAddress
            var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress
            return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
        }
    }
    #expect(converted != -1)
    return Data(output.prefix(output.count - outLeft).map { UInt8(bitPattern: $0) })
}
