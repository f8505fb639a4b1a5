import Foundation
import Inspection
import InspectionStore
import Testing

/// `liancha db copy|compare`: a district's SQLite file carried into PostgreSQL. Runs in the
/// PostgreSQL pass (`scripts/test-postgres.sh`), where `AppDatabase.inMemory()` is a fresh schema.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["LIANCHA_TEST_DATABASE_URL"] != nil, "needs a PostgreSQL server"))
struct CopyTests {
    /// A small district on a SQLite file: departments, two enterprises (one changed), an inspector, an account.
    func district(in folder: URL) throws -> AppDatabase {
        let db = try AppDatabase.create(folder.appendingPathComponent("district.sqlite").path)
        _ = try db.importDepartments(TableSchema.departments.bind(header: ["部门编码", "部门名称", "简称"]),
                                     rows: source([["YJ", "石家庄市栾城区应急管理局", "应急"], ["HB", "石家庄市生态环境局栾城分局", "生态环境"]]),
                                     options: ImportOptions(source: "departments.csv"), actor: clerk)
        for name in ["甲化工", "甲化工（更名）"] {
            _ = try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source([
                ["91130111066UK5484K", name, "130111", "重点管理", "是", "在营", "YJ"],
                ["91130111MA0D0M0P37", "乙机械", "130111", "", "否", "在营", "YJ;HB"],
            ]), options: ImportOptions(source: "e.csv"), actor: clerk)
        }
        _ = try db.importInspectors(TableSchema.inspectors.bind(header: ["执法证号", "姓名", "部门", "专长", "在岗"]),
                                    rows: source([["13010001", "张三", "YJ", "危险化学品", "是"]]),
                                    options: ImportOptions(source: "i.csv"), actor: clerk)
        try db.addAccount(Account(name: "coord", department: "YJ", role: .coordinator), passwordHash: "x", actor: clerk)
        return db
    }

    @Test func aCopyHoldsTheSameAndGoesOnWhereTheFileStopped() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liancha-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try district(in: folder)
        let server = try AppDatabase.inMemory()

        let copied = try file.copy(into: server)
        #expect(copied.first { $0.table == "enterprise" }?.rows == 2)
        #expect(copied.first { $0.table == "enterprise_change" }?.rows == 1)
        let tables = try file.compare(with: server)
        #expect(!tables.isEmpty && tables.allSatisfy(\.same), "\(tables.filter { !$0.same }.map(\.table))")
        #expect(try server.verifyAuditLog().problem == nil)
        #expect(try server.auditAnchor() == (try file.auditAnchor()))
        #expect(try server.enterprise(uscc: "91130111066UK5484K")?.name == "甲化工（更名）")
        // The directory's history reads the same: two 新增 and one 变更.
        #expect(try server.enterpriseChanges().map { "\($0.uscc) \($0.kind) \($0.field ?? "")" }
                == (try file.enterpriseChanges().map { "\($0.uscc) \($0.kind) \($0.field ?? "")" }))
        #expect(try server.enterpriseChanges().map(\.kind).sorted() == ["变更", "新增", "新增"])

        // The server goes on: new ids after the copied ones, the chain extended.
        _ = try server.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source([
            ["91130111MA0DFUEW3B", "丙", "130111", "", "否", "在营", "HB"],
        ]), options: ImportOptions(source: "more.csv"), actor: clerk)
        #expect(try server.verifyAuditLog().problem == nil)
        #expect(try server.auditCount() == (try file.auditCount()) + 1)
        let changed = try file.compare(with: server).filter { !$0.same }.map(\.table)
        #expect(Set(changed) == ["audit_log", "enterprise"])

        // A second copy into a database with rows is refused, and writes nothing.
        #expect(throws: StoreError.targetNotEmpty(table: "audit_log")) { try file.copy(into: server) }
        #expect(try server.auditCount() == (try file.auditCount()) + 1)
    }
}
