import Foundation
import Testing
@testable import liancha

/// `liancha audit verify|anchor` against a database edited by hand with the `sqlite3` shell, the
/// way someone holding the file would: triggers dropped, the change made, triggers recreated.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs the sqlite3 shell"))
struct AuditCommandTests {
    func sqlite3(_ database: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    static let dropAndRecreate = (
        drop: "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
        create: """
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)

    func imported() throws -> Workspace {
        let w = try Workspace.initialised()
        for table in ["inspectors", "items"] {
            #expect(w.run("import", table, fixturesDir.appendingPathComponent("luancheng/\(table).csv").path, "--operator", "赵科长") == 0)
        }
        return w
    }

    @Test func anUntouchedDatabasePasses() throws {
        let w = try imported()
        #expect(w.run("audit", "verify") == 0)
        #expect(w.run("audit", "anchor") == 0)
        #expect(w.run("audit", "--limit", "3") == 0)
    }

    @Test(.enabled(if: !Workspace.onPostgres, "edits the SQLite file with sqlite3")) func anEntryEditedThroughSqlite3IsFound() throws {
        let w = try imported()
        try sqlite3(w.database, Self.dropAndRecreate.drop + "UPDATE audit_log SET operator = '李某' WHERE id = 4;" + Self.dropAndRecreate.create)
        #expect(w.run("audit", "verify") == 1)
    }

    @Test(.enabled(if: !Workspace.onPostgres, "edits the SQLite file with sqlite3")) func anEntryDeletedThroughSqlite3IsFound() throws {
        let w = try imported()
        try sqlite3(w.database, Self.dropAndRecreate.drop + "DELETE FROM audit_log WHERE id = 3;" + Self.dropAndRecreate.create)
        #expect(w.run("audit", "verify") == 1)
    }

    @Test func aBadAnchorIsAUsageError() throws {
        let w = try imported()
        #expect(w.run("audit", "verify", "--anchor", "4:nothex") != 0)
        #expect(w.run("audit", "verify", "--anchor", "4:" + String(repeating: "0", count: 64)) == 1)
    }
}
