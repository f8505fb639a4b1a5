import Foundation
import Inspection
import InspectionStore
import Testing

/// `liancha db grant`: the application's PostgreSQL role may work but not rewrite what the schema
/// keeps append-only. Runs in the PostgreSQL pass (`scripts/test-postgres.sh`).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["LIANCHA_TEST_DATABASE_URL"] != nil, "needs a PostgreSQL server"))
struct GrantTests {
    @Test func theApplicationsRoleWorksButCannotRewriteWhatIsKept() throws {
        // Given: a schema made by its owner, and a role an administrator made for the application
        let owner = try #require(PostgresLocation(url: ProcessInfo.processInfo.environment["LIANCHA_TEST_DATABASE_URL"] ?? ""))
            .inFreshSchema()
        let db = try AppDatabase.create(owner.urlText)
        let role = "liancha_app_" + UUID().uuidString.prefix(8).lowercased(), password = UUID().uuidString
        try db.backend.write { try $0.execute(sql: "CREATE ROLE \(role) LOGIN PASSWORD '\(password)'") }
        defer {
            _ = try? db.backend.write { db in
                try db.execute(sql: "DROP OWNED BY \(role)")
                try db.execute(sql: "DROP ROLE \(role)")
            }
        }

        // When
        let grants = try db.grantApplicationRole(role, actor: clerk)

        // Then: the server holds exactly these privileges
        func privileges(_ table: String) -> [String]? { grants.first { $0.table == table }?.privileges }
        #expect(privileges("enterprise") == ["SELECT", "INSERT", "UPDATE", "DELETE"])
        #expect(privileges("audit_log") == ["SELECT", "INSERT"])
        #expect(privileges("draw_pick") == ["SELECT", "INSERT"])
        #expect(privileges("draw") == ["SELECT", "INSERT", "UPDATE"])  // a sealed draw is revealed once
        #expect(privileges("visit_filing") == ["SELECT", "INSERT", "UPDATE"])
        #expect(privileges("publication") == ["SELECT", "INSERT", "DELETE"])
        #expect(privileges("schema_migration") == ["SELECT"])
        #expect(try db.auditLog(limit: 1).first?.action == "grant")

        // The application, logged in as the role, imports, draws and records a check…
        var asApplication = owner
        asApplication.username = role
        asApplication.password = password
        let app = try AppDatabase.openExisting(asApplication.urlText)
        _ = try app.importDepartments(TableSchema.departments.bind(header: ["部门编码", "部门名称", "简称"]),
                                      rows: source([["YJ", "石家庄市栾城区应急管理局", "应急"]]),
                                      options: ImportOptions(source: "departments.csv"), actor: clerk)
        let saved = try app.saveDraw(drawRecord(), kind: .routine, year: 2026, actor: clerk)
        try app.recordCheck(drawID: saved.id, uscc: "91130111066UK5484K", on: LocalDate(year: 2026, month: 5, day: 6)!,
                            problemFound: false, actor: clerk)
        #expect(try app.verifyAuditLog().problem == nil)

        // …but the server itself refuses it a rewrite of the log or of a draw, before any trigger
        for sql in ["UPDATE audit_log SET detail = 'x'", "DELETE FROM audit_log", "DELETE FROM draw_pick",
                    "UPDATE draw_stratum SET drawn = 'x'", "DELETE FROM draw", "TRUNCATE enterprise_change",
                    "DELETE FROM schema_migration", "DROP TABLE enterprise"] {
            #expect(throws: StoreError.notGranted, "\(sql)") { try app.backend.write { try $0.execute(sql: sql) } }
        }
        #expect(throws: StoreError.unknownRole("nobody_here")) { try db.grantApplicationRole("nobody_here", actor: clerk) }
    }
}
