import Testing
import Inspection
import InspectionStore

/// Rows as a file would give them, for the store's row source.
func source(_ rows: [[String]]) -> RowSource {
    var iterator = rows.enumerated().makeIterator()
    return {
        guard let (i, cells) = iterator.next() else { return nil }
        return (i + 2, cells)
    }
}

let clerk = Actor(name: "王某", timestamp: "2026-04-01T09:30:00+08:00", today: LocalDate("2026-04-01")!)

func seededDatabase() throws -> AppDatabase {
    let db = try AppDatabase.inMemory()
    _ = try db.importDepartments(TableSchema.departments.bind(header: ["部门编码", "部门名称", "简称"]),
                                 rows: source([["YJ", "石家庄市栾城区应急管理局", "应急"], ["HB", "石家庄市生态环境局栾城分局", "生态环境"]]),
                                 options: ImportOptions(source: "departments.csv"), actor: clerk)
    return db
}

let enterpriseHeader = ["统一社会信用代码", "单位名称", "行政区划代码", "排污许可管理类别", "正面清单", "经营状态", "监管部门"]

@Suite struct ImportTests {
    @Test func validRowsAreWrittenWithHistoryAndOneAuditEntry() throws {
        // Given
        let db = try seededDatabase()
        // When
        let summary = try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source([
            ["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "YJ;HB"],
            ["911301110jx5r7r96d", "乙铸造", "130111", "简化管理", "是", "在营", "HB"],
        ]), options: ImportOptions(source: "e.csv"), actor: clerk)
        // Then
        #expect(summary.added == 2 && summary.changed == 0)
        #expect(try db.enterprises().map(\.uscc) == ["91130111066UK5484K", "911301110JX5R7R96D"])
        let changes = try db.enterpriseChanges()
        #expect(changes.map(\.kind) == ["新增", "新增"])
        #expect(changes.allSatisfy { $0.date == LocalDate("2026-04-01")! && $0.auditID == summary.auditID })
        let audit = try db.auditLog(limit: 1)[0]
        #expect(audit.operator == "王某" && audit.action == "import enterprises")
        #expect(audit.detail == "e.csv: 2 added, 0 changed, 0 unchanged")
        #expect(audit.records == "91130111066UK5484K\n911301110JX5R7R96D")
    }

    @Test func oneBadRowWritesNothingAndEveryProblemIsReported() throws {
        // Given
        let db = try seededDatabase()
        let auditBefore = try db.auditLog().count
        // When
        #expect {
            try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source([
                ["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "YJ"],
                ["91130111066UK5484L", "乙", "130111", "简化", "否", "在营", "YJ"],
                ["911301110JX5R7R96D", "丙", "13011", "无", "否", "在营", "ZZ"],
            ]), options: ImportOptions(source: "e.csv"), actor: clerk)
        } throws: { error in
            guard case StoreError.invalidRows(let problems, let total, let rows) = error else { return false }
            return total == 4 && rows == 2 && problems.map(\.row) == [3, 3, 4, 4]
        }
        // Then
        #expect(try db.enterprises().isEmpty)
        #expect(try db.enterpriseChanges().isEmpty)
        #expect(try db.auditLog().count == auditBefore)
    }

    @Test func skipInvalidWritesTheGoodRowsAndReturnsTheBadOnes() throws {
        let db = try seededDatabase()
        var options = ImportOptions(source: "e.csv")
        options.skipInvalid = true
        let summary = try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source([
            ["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "YJ"],
            ["91130111066UK5484L", "乙", "130111", "无", "否", "在营", "YJ"],
        ]), options: options, actor: clerk)
        #expect(summary.added == 1)
        #expect(summary.rejected.map(\.row) == [3])
        #expect(summary.rejected[0].cells[1] == "乙")
        #expect(try db.enterprises().count == 1)
        #expect(try db.auditLog(limit: 1)[0].detail == "e.csv: 1 added, 0 changed, 0 unchanged, 1 rejected")
    }

    @Test func aReadErrorMidwayLeavesTheDatabaseAsItWas() throws {
        struct Broken: Error {}
        let db = try seededDatabase()
        var served = 0
        #expect(throws: Broken.self) {
            try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: {
                served += 1
                if served == 2 { throw Broken() }
                return (served + 1, ["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "YJ"])
            }, options: ImportOptions(source: "e.csv"), actor: clerk)
        }
        #expect(try db.enterprises().isEmpty)
    }

    @Test func reimportingUpdatesAndRecordsEachChangeAndTheDeregistration() throws {
        // Given
        let db = try seededDatabase()
        let table = try TableSchema.enterprises.bind(header: enterpriseHeader)
        _ = try db.importEnterprises(table, rows: source([
            ["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "YJ"],
            ["911301110JX5R7R96D", "乙铸造", "130111", "简化管理", "否", "在营", "HB"],
        ]), options: ImportOptions(source: "q1.csv"), actor: clerk)
        // When: a quarter later, one enterprise joins the positive list, the other is deregistered.
        let later = Actor(name: "李某", timestamp: "2026-07-02T10:00:00+08:00", today: LocalDate("2026-07-02")!)
        let summary = try db.importEnterprises(table, rows: source([
            ["91130111066UK5484K", "甲化工", "130111", "重点管理", "是", "在营", "YJ"],
            ["911301110JX5R7R96D", "乙铸造", "130111", "简化管理", "否", "注销", "HB"],
            ["91350100M000100Y43", "丙", "130111", "无", "否", "在营", "YJ"],
        ]), options: ImportOptions(source: "q2.csv"), actor: later)
        // Then
        #expect((summary.added, summary.changed, summary.unchanged) == (1, 2, 0))
        let changes = try db.enterpriseChanges(from: LocalDate("2026-07-01")!)
        #expect(changes.map(\.kind) == ["新增", "变更", "注销"])
        #expect(changes[0].uscc == "91350100M000100Y43")
        #expect(changes[1].field == "正面清单" && changes[1].oldValue == "否" && changes[1].newValue == "是")
        #expect(changes[2].field == "经营状态" && changes[2].newValue == "注销" && changes[2].uscc == "911301110JX5R7R96D")
        #expect(try db.enterprise(uscc: "911301110JX5R7R96D")?.status == .deregistered)
    }

    @Test func aFileWithFewerColumnsChangesOnlyWhatItSays() throws {
        let db = try seededDatabase()
        _ = try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source([
            ["91130111066UK5484K", "甲化工", "130111", "重点管理", "是", "在营", "YJ;HB"],
        ]), options: ImportOptions(source: "full.csv"), actor: clerk)
        let summary = try db.importEnterprises(TableSchema.enterprises.bind(header: ["uscc", "name", "division"]), rows: source([
            ["91130111066UK5484K", "甲化工有限公司", "130111"],
        ]), options: ImportOptions(source: "names.csv"), actor: clerk)
        #expect(summary.changed == 1)
        let e = try #require(try db.enterprise(uscc: "91130111066UK5484K"))
        #expect(e.name == "甲化工有限公司" && e.permit == .key && e.positiveList && e.departments == ["YJ", "HB"])
    }

    @Test func sameDataTwiceChangesNothing() throws {
        let db = try seededDatabase()
        let rows = [["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "YJ"]]
        let table = try TableSchema.enterprises.bind(header: enterpriseHeader)
        _ = try db.importEnterprises(table, rows: source(rows), options: ImportOptions(source: "a.csv"), actor: clerk)
        let again = try db.importEnterprises(table, rows: source(rows), options: ImportOptions(source: "a.csv"), actor: clerk)
        #expect((again.added, again.changed, again.unchanged) == (0, 0, 1))
        #expect(try db.enterpriseChanges().count == 1)
    }

    @Test func inspectorsMustBelongToAKnownDepartmentAndKeepTheirFields() throws {
        let db = try seededDatabase()
        let header = ["执法证号", "姓名", "部门", "专长", "在岗", "人员类别", "从业年限"]
        _ = try db.importInspectors(TableSchema.inspectors.bind(header: header), rows: source([
            ["13011101001", "张明", "YJ", "危险化学品;工贸安全", "是", "执法人员", "12"],
            ["ZJ-HB-001", "刘工", "生态环境", "大气", "否", "辅助人员", ""],
        ]), options: ImportOptions(source: "i.csv"), actor: clerk)
        let inspectors = try db.inspectors()
        #expect(inspectors.map(\.certificate) == ["ZJ-HB-001", "13011101001"])
        #expect(inspectors[1].specialties == ["危险化学品", "工贸安全"] && inspectors[1].years == 12)
        #expect(inspectors[0].kind == .auxiliary && !inspectors[0].onDuty && inspectors[0].department == "HB")
    }

    @Test func theAuditLogIsAppendOnly() throws {
        let db = try seededDatabase()
        #expect(throws: (any Error).self) {
            try db.backend.write { try $0.execute(sql: "DELETE FROM audit_log") }
        }
        #expect(throws: (any Error).self) {
            try db.backend.write { try $0.execute(sql: "UPDATE audit_log SET operator = 'x'") }
        }
        #expect(try db.auditLog().count == 1)
    }

    @Test func businessKeysAreUniqueInTheSchemaItself() throws {
        let db = try seededDatabase()
        #expect(throws: (any Error).self) {
            try db.backend.write { db in
                try db.execute(sql: "INSERT INTO item (department, code, name, category, method) VALUES ('YJ', 'A', 'x', '一般', '现场')")
                try db.execute(sql: "INSERT INTO item (department, code, name, category, method) VALUES ('YJ', 'A', 'y', '一般', '现场')")
            }
        }
    }
}

@Suite struct CalendarStoreTests {
    @Test func aLoadedYearAnswersAndAnImportReplacesOnlyItsYears() throws {
        let db = try AppDatabase.inMemory()
        try db.importCalendar([CalendarEntry(date: LocalDate("2026-10-01")!, kind: .holiday, name: "国庆节"),
                               CalendarEntry(date: LocalDate("2025-10-01")!, kind: .holiday, name: "国庆节")],
                              source: "a.csv", actor: clerk)
        try db.importCalendar([CalendarEntry(date: LocalDate("2026-10-02")!, kind: .holiday, name: "国庆节")],
                              source: "b.csv", actor: clerk)
        let calendar = try db.workCalendar()
        #expect(calendar.years == [2025, 2026])
        #expect(try calendar.isWorkday(LocalDate("2026-10-01")!))   // replaced by b.csv
        #expect(try !calendar.isWorkday(LocalDate("2026-10-02")!))
        #expect(try !calendar.isWorkday(LocalDate("2025-10-01")!))
    }
}

@Suite struct DirectoryHistoryTests {
    @Test func theDirectoryAsOfADateUndoesLaterChangesAndLeavesOutLaterAdditions() throws {
        // Given: two enterprises in Q1, one changed and one added in Q3
        let db = try seededDatabase()
        let table = try TableSchema.enterprises.bind(header: enterpriseHeader)
        _ = try db.importEnterprises(table, rows: source([
            ["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "YJ"],
            ["911301110JX5R7R96D", "乙铸造", "130111", "简化管理", "否", "在营", "HB"],
        ]), options: ImportOptions(source: "q1.csv"), actor: clerk)
        let later = Actor(name: "李某", timestamp: "2026-07-02T10:00:00+08:00", today: LocalDate("2026-07-02")!)
        _ = try db.importEnterprises(table, rows: source([
            ["91130111066UK5484K", "甲化工", "130111", "简化管理", "是", "停产", "YJ;HB"],
            ["91350100M000100Y43", "丙", "130111", "无", "否", "在营", "YJ"],
        ]), options: ImportOptions(source: "q3.csv"), actor: later)
        // When
        let then = try db.enterprises(asOf: LocalDate("2026-06-30")!)
        // Then
        #expect(then.map(\.uscc) == ["91130111066UK5484K", "911301110JX5R7R96D"])
        #expect(then[0].permit == .key && !then[0].positiveList && then[0].status == .operating && then[0].departments == ["YJ"])
        #expect(try db.enterprises(asOf: LocalDate("2026-07-02")!).count == 3)
        #expect(try db.enterprise(uscc: "91130111066UK5484K")?.permit == .simplified)
    }
}
