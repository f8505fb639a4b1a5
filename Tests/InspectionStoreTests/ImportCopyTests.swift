import Foundation
import Inspection
import InspectionStore
import Testing

/// The same files imported into an embedded SQLite file and into `AppDatabase.inMemory()` store the
/// same. In the PostgreSQL pass (`scripts/test-postgres.sh`) the second store is a server, whose
/// enterprise imports go by COPY into a staging table and set-based statements: this is what holds
/// that path to the row-by-row one.
@Suite struct ImportCopyTests {
    /// A valid USCC numbered `n`.
    static func uscc(_ n: Int) -> String {
        let body = "91130111" + String(format: "%09d", n)
        return body + String(USCC.checkCharacter(for: body)!)
    }

    static let fullHeader = TableSchema.enterprises.header

    /// One enterprise as a full row: every column, flags and grades varying with `n`.
    static func fullRow(_ n: Int, name: String? = nil, status: String = "在营") -> [String] {
        [uscc(n), name ?? "企业\(n)", "130111", "地址\\\(n)\t号", "法人\(n)", "C\(n % 7)", status,
         ["重点管理", "简化管理", "登记管理", "无"][n % 4], n % 2 == 0 ? "是" : "否", n % 3 == 0 ? "是" : "否",
         ["A", "B", "", "C", "D", "引领性"][n % 6], ["", "A", "B", "C", "D"][n % 5], n % 5 == 0 ? "是" : "否",
         n % 7 == 0 ? "是" : "否", "否", n % 2 == 1 ? "是" : "否", n % 2 == 0 ? "YJ;HB" : "HB", n % 3 == 0 ? "标签\n甲;乙" : ""]
    }

    /// What each step of `steps` returned: its summary or its error.
    static func run(_ db: AppDatabase) throws -> [String] {
        var outcomes: [String] = []
        func record(_ body: () throws -> ImportSummary) {
            do {
                let s = try body()
                outcomes.append("\(s.added) \(s.changed) \(s.unchanged) \(s.rejected.map(\.row)) \(s.auditID)")
            } catch {
                outcomes.append("error: \(error)")
            }
        }
        func enterprises(_ header: [String], _ rows: [[String]], skipInvalid: Bool = false, department: String? = nil) {
            record {
                try db.importEnterprises(TableSchema.enterprises.bind(header: header), rows: source(rows),
                                         options: ImportOptions(source: "e.csv", skipInvalid: skipInvalid, department: department), actor: clerk)
            }
        }
        record {
            try db.importDepartments(TableSchema.departments.bind(header: ["部门编码", "部门名称", "简称"]),
                                     rows: source([["YJ", "石家庄市栾城区应急管理局", "应急"], ["HB", "石家庄市生态环境局栾城分局", "生态环境"]]),
                                     options: ImportOptions(source: "departments.csv"), actor: clerk)
        }
        // New rows, more than one batch of the validating thread (2,048) and one chunk of the COPY.
        enterprises(fullHeader, (1...5_000).map { fullRow($0) })
        // Changed rows (a name, a deregistration, every column of some), unchanged ones, new ones,
        // interleaved; a file of fewer columns changes only those it has.
        enterprises(fullHeader, (1...3_000).map { n in
            n % 10 == 0 ? fullRow(n, name: "更名\(n)") : n % 11 == 0 ? fullRow(n, status: "注销") : fullRow(n % 3 == 0 ? n + 10_000 : n)
        })
        enterprises(enterpriseHeader, [
            [uscc(2), "企业2（新）", "130111", "简化管理", "是", "停产", "YJ"],
            [uscc(4), "企业4", "130111", "简化管理", "是", "在营", "YJ;HB"],
            [uscc(20_001), "新企业", "130111", "无", "否", "在营", "HB"],
        ])
        // skipInvalid: a bad cell and a repeated key left out, the rest written.
        enterprises(enterpriseHeader, [
            [uscc(6), "企业6", "130111", "无", "否", "在营", "HB"],
            [uscc(20_002), "坏", "13011", "无", "否", "在营", "HB"],
            [uscc(20_003), "新", "130111", "无", "否", "在营", "HB"],
            [uscc(6), "企业6又", "130111", "无", "否", "在营", "HB"],
        ], skipInvalid: true)
        // All or nothing: one bad row, nothing written.
        enterprises(enterpriseHeader, [
            [uscc(7), "企业7改", "130111", "无", "否", "在营", "HB"],
            [uscc(20_004), "坏", "130111", "无", "可能", "在营", "HB"],
        ])
        // A clerk may not import the shared directory.
        enterprises(enterpriseHeader, [[uscc(8), "企业8改", "130111", "无", "否", "在营", "HB"]], department: "YJ")
        // Inspectors keep the row path: a clerk's import that would update another department's stored row is refused.
        let inspectorHeader = ["执法证号", "姓名", "部门", "专长", "在岗"]
        record {
            try db.importInspectors(TableSchema.inspectors.bind(header: inspectorHeader),
                                    rows: source([["13010001", "张三", "YJ", "危险化学品", "是"], ["13010002", "李四", "HB", "", "是"]]),
                                    options: ImportOptions(source: "i.csv"), actor: clerk)
        }
        record {
            try db.importInspectors(TableSchema.inspectors.bind(header: inspectorHeader),
                                    rows: source([["13010002", "李四", "YJ", "", "否"], ["13010003", "王五", "YJ", "", "是"]]),
                                    options: ImportOptions(source: "i.csv", department: "YJ"), actor: clerk)
        }
        // The same file twice: the second time nothing changes.
        enterprises(fullHeader, (4_990...5_010).map { fullRow($0) })
        enterprises(fullHeader, (4_990...5_010).map { fullRow($0) })
        // An empty file.
        enterprises(fullHeader, [])
        return outcomes
    }

    @Test func theSameFilesStoreTheSameOnEitherStore() throws {
        // Given: an embedded SQLite file, and the store the tests run on (a PostgreSQL schema in that pass)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liancha-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try AppDatabase.create(folder.appendingPathComponent("district.sqlite").path)
        let other = try AppDatabase.inMemory()

        // When
        let outcomes = try Self.run(file)
        let otherOutcomes = try Self.run(other)

        // Then: the same summaries and refusals, rows, history, audit chain
        #expect(outcomes == otherOutcomes)
        #expect(outcomes.filter { $0.hasPrefix("error") }.count == 3, "\(outcomes)")
        #expect(try file.enterprises() == other.enterprises())
        #expect(try file.enterprises().count > 5_000)
        // (Additions within one import come in no set order: they are compared as a set.)
        let changes = try file.enterpriseChanges(), otherChanges = try other.enterpriseChanges()
        #expect(Set(changes) == Set(otherChanges) && changes.count == otherChanges.count)
        #expect(changes.filter { $0.kind != "新增" } == otherChanges.filter { $0.kind != "新增" })
        #expect(try file.enterpriseChanges().contains { $0.kind == "注销" })
        #expect(try file.inspectors() == other.inspectors())
        let log = try file.auditLog(limit: 100)
        #expect(log == (try other.auditLog(limit: 100)))  // ids and hashes included
        #expect(log.contains { $0.records.hasSuffix("… and 4000 more") })
        #expect(try other.verifyAuditLog().problem == nil)
        if ProcessInfo.processInfo.environment["LIANCHA_TEST_DATABASE_URL"] != nil {
            // Every table, ids included.
            let tables = try file.compare(with: other)
            #expect(!tables.isEmpty && tables.allSatisfy(\.same), "\(tables.filter { !$0.same }.map(\.table))")
        }
    }
}
