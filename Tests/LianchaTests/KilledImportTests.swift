import Foundation
import Testing
import Inspection
import InspectionStore

@Suite struct KilledImportTests {
    /// The `liancha` executable that `swift test` built beside the test bundle.
    var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("liancha")
    }

    func candidateBinary() -> URL? {
        // The test runner's own path varies (xctest bundle or swiftpm-testing-helper); look in the build folder.
        let debug = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/liancha")
        return [binary, debug].first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test func aKilledImportLeavesTheDatabaseAsItWas() throws {
        let exe = try #require(candidateBinary(), "the liancha executable is built by `swift test`")
        let w = try Workspace.initialised()
        // A directory large enough that the import is still running when it is killed.
        var csv = "统一社会信用代码,单位名称,行政区划代码,监管部门\n"
        for n in 0..<150_000 {
            let body = "91130111" + String(String(n, radix: 10).reversed()).padding(toLength: 9, withPad: "0", startingAt: 0)
            csv += "\(body)\(USCC.checkCharacter(for: body)!),企业\(n),130111,HB\n"
        }
        let file = try w.write("big.csv", csv)
        let auditBefore = try AppDatabase.openExisting(w.database).auditLog(limit: 100).count

        let process = Process()
        process.executableURL = exe
        process.arguments = ["import", "enterprises", file, "--database", w.database]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.0)
        #expect(process.isRunning, "the import finished before it could be killed; make the file larger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let db = try AppDatabase.openExisting(w.database)
        #expect(try db.enterprises().isEmpty)
        #expect(try db.auditLog(limit: 100).count == auditBefore)
        // And the database still takes an import.
        let small = try w.write("one.csv", "统一社会信用代码,单位名称,行政区划代码\n91130111066UK5484K,甲,130111\n")
        #expect(w.run("import", "enterprises", small) == 0)
    }
}
