import Testing
import Inspection
import InspectionStore

/// An import restricted to one department (a clerk's) writes only that department's rows: decided
/// on the parsed records, through the same header binding the import uses, and for updates on the
/// stored record. A file with any other row is refused by row number and writes nothing.
@Suite struct ImportPermissionTests {
    /// HB owns inspector 13011103004 and item HB-005; SL is the hostile clerk's department.
    func district() throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        _ = try db.importDepartments(TableSchema.departments.bind(header: ["部门编码", "部门名称", "简称"]), rows: source([
            ["HB", "石家庄市生态环境局栾城分局", "生态环境"], ["SL", "石家庄市栾城区水利局", "水利"],
        ]), options: ImportOptions(source: "d.csv"), actor: clerk)
        _ = try db.importInspectors(TableSchema.inspectors.bind(header: ["执法证号", "姓名", "部门", "在岗"]), rows: source([
            ["13011103004", "赵明辉", "HB", "是"], ["13011109001", "水利一", "SL", "是"],
        ]), options: ImportOptions(source: "i.csv"), actor: clerk)
        _ = try db.importItems(TableSchema.items.bind(header: ["部门", "事项编码", "抽查事项"]), rows: source([
            ["HB", "HB-005", "对危险废物日常管理情况的检查"], ["SL", "SL-001", "对取水许可的检查"],
        ]), options: ImportOptions(source: "t.csv"), actor: clerk)
        return db
    }

    static let sl = ImportOptions(source: "upload.csv", department: "SL")

    /// The refusal, or nil when the import did not throw it.
    func refusal(_ body: () throws -> ImportSummary) -> (own: String, rows: [DepartmentRow], total: Int)? {
        do {
            _ = try body()
            return nil
        } catch StoreError.otherDepartmentRows(let own, let rows, let total) {
            return (own, rows, total)
        } catch {
            return nil
        }
    }

    @Test(arguments: ["部门 *", "部门＊", "department *", "部门*", " Department "])
    func aForeignRowUnderAnySpellingOfTheHeaderIsRefused(departmentHeader: String) throws {
        // Given
        let db = try district()
        let before = try db.inspectors()
        let items = try db.items()
        let audit = try db.auditCount()
        // When: SL's clerk sets HB's inspector off duty and renames HB's item
        let inspectors = refusal {
            try db.importInspectors(TableSchema.inspectors.bind(header: ["执法证号 *", "姓名", departmentHeader, "在岗"]), rows: source([
                ["13011109001", "水利一", "SL", "是"], ["13011103004", "赵明辉", "HB", "否"],
            ]), options: Self.sl, actor: clerk)
        }
        let renamed = refusal {
            try db.importItems(TableSchema.items.bind(header: [departmentHeader, "事项编码", "抽查事项"]), rows: source([
                ["生态环境", "HB-005", "改名"],
            ]), options: Self.sl, actor: clerk)
        }
        // Then
        let i = try #require(inspectors)
        #expect(i.rows == [DepartmentRow(row: 3, department: "石家庄市生态环境局栾城分局（HB）")])
        #expect(i.own == "石家庄市栾城区水利局（SL）")
        #expect(try #require(renamed).rows.map(\.row) == [2])
        #expect(try db.inspectors() == before)
        #expect(try db.items() == items)
        #expect(try db.auditCount() == audit)
    }

    @Test func anotherDepartmentsInspectorCannotBeTakenOver() throws {
        // Given
        let db = try district()
        let audit = try db.auditCount()
        // When: the row names SL, but the stored certificate is HB's
        let takeover = refusal {
            try db.importInspectors(TableSchema.inspectors.bind(header: ["执法证号", "姓名", "部门"]), rows: source([
                ["13011103004", "赵明辉", "SL"],
            ]), options: Self.sl, actor: clerk)
        }
        // Then
        let refused = try #require(takeover)
        #expect(refused.rows == [DepartmentRow(row: 2, department: "石家庄市生态环境局栾城分局（HB）")])
        #expect(refused.total == 1)
        #expect(try db.inspectors().first { $0.certificate == "13011103004" }?.department == "HB")
        #expect(try db.auditCount() == audit)
    }

    @Test func skipInvalidDoesNotLetAForeignRowThroughNorWriteTheOthers() throws {
        let db = try district()
        var options = Self.sl
        options.skipInvalid = true
        let refused = refusal {
            try db.importItems(TableSchema.items.bind(header: ["部门", "事项编码", "抽查事项"]), rows: source([
                ["SL", "SL-002", "新事项"], ["HB", "HB-099", "别人的新事项"], ["SL", "SL-003", ""], ["HB", "HB-005", "改名"],
            ]), options: options, actor: clerk)
        }
        #expect(try #require(refused).rows.map(\.row) == [3, 5])
        #expect(try db.items().map(\.code).sorted() == ["HB-005", "SL-001"])
    }

    @Test func ownRowsAreWrittenAndUpdated() throws {
        let db = try district()
        let summary = try db.importInspectors(TableSchema.inspectors.bind(header: ["执法证号", "姓名", "部门 *", "在岗"]), rows: source([
            ["13011109001", "水利一", "水利", "否"], ["13011109002", "水利二", "SL", "是"],
        ]), options: Self.sl, actor: clerk)
        #expect(summary.added == 1 && summary.changed == 1)
        #expect(try db.inspectors().filter { $0.department == "SL" }.map(\.certificate).sorted() == ["13011109001", "13011109002"])
    }

    @Test func theDirectoryAndTheDepartmentsAreNotADepartmentsToImport() throws {
        let db = try district()
        #expect(throws: StoreError.sharedTable(noun: "enterprises", department: "石家庄市栾城区水利局（SL）")) {
            try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source([
                ["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "SL"],
            ]), options: Self.sl, actor: clerk)
        }
        #expect(try db.enterprises().isEmpty)
    }

    @Test func anUnrestrictedImportMovesAnInspectorBetweenDepartments() throws {
        let db = try district()
        let summary = try db.importInspectors(TableSchema.inspectors.bind(header: ["执法证号", "姓名", "部门"]), rows: source([
            ["13011103004", "赵明辉", "SL"],
        ]), options: ImportOptions(source: "coordinator.csv"), actor: clerk)
        #expect(summary.changed == 1)
        #expect(try db.inspectors().first { $0.certificate == "13011103004" }?.department == "SL")
    }
}
