import Testing
import Inspection
@testable import InspectionStore

@Suite struct ReadingTests {
    func add(_ rows: [[String]], to db: AppDatabase) throws {
        _ = try db.importEnterprises(TableSchema.enterprises.bind(header: enterpriseHeader), rows: source(rows),
                                     options: ImportOptions(source: "e.csv"), actor: clerk)
    }

    @Test func aPageReadsOneSnapshotOnPostgreSQLAndItsWritesLand() throws {
        // Given
        let db = try seededDatabase()
        try add([["91130111066UK5484K", "甲化工", "130111", "重点管理", "否", "在营", "YJ;HB"]], to: db)
        // When: a write lands between two reads of one `reading`
        let (first, second, found) = try db.reading { one in
            let first = try one.enterprises().map(\.uscc)
            try add([["911301110JX5R7R96D", "乙铸造", "130111", "简化管理", "是", "在营", "HB"]], to: one)
            return (first, try one.enterprises().map(\.uscc), try one.enterprises(usccs: ["911301110JX5R7R96D", "91130111066UK5484K"]))
        }
        // Then: on PostgreSQL the second read sees what the first saw; on SQLite each read is its own
        #expect(first == ["91130111066UK5484K"])
        if db.backend.dialect == .postgres {
            #expect(second == first)
            #expect(Array(found.keys) == ["91130111066UK5484K"])
        } else {
            #expect(second == ["91130111066UK5484K", "911301110JX5R7R96D"])
            #expect(found.count == 2)
        }
        // and the write went through
        #expect(try db.enterprises().map(\.uscc) == ["91130111066UK5484K", "911301110JX5R7R96D"])
        #expect(try db.enterprises(usccs: ["911301110JX5R7R96D"])["911301110JX5R7R96D"]?.name == "乙铸造")
        #expect(try db.enterprises(usccs: []).isEmpty)
    }
}
