import Foundation
import Inspection
@testable import InspectionStore
import Testing

/// The SQL layer every store method is written against, on the database at hand.
@Suite struct SQLLayerTests {
    @Test func namedPlaceholdersAreNumberedOutsideQuotesAndComments() {
        let (sql, arguments) = SQLPlaceholders.numbering("""
            SELECT * FROM t WHERE a = :a AND b = :b_2 OR a = :a AND c = 'x:y'' :a' AND "col:z" = 1 AND d = e::text -- :c
            """, ["a": 1, "b_2": "two", "c": 3])
        #expect(sql == """
            SELECT * FROM t WHERE a = ?1 AND b = ?2 OR a = ?1 AND c = 'x:y'' :a' AND "col:z" = 1 AND d = e::text -- :c
            """)
        #expect(arguments.map(\.sqlValue) == [.integer(1), .text("two")])
    }

    @Test func questionMarksBecomePostgresNumbersAsSQLiteCountsThem() {
        #expect(SQLPlaceholders.postgres("a = ? AND b = ? AND c = '?' AND \"?\" = ?", types: [.text, .integer, .boolean])
                == "a = $1::text AND b = $2::bigint AND c = '?' AND \"?\" = $3::boolean")
        #expect(SQLPlaceholders.postgres("(?1 IS NULL OR year = ?1) AND x = ?2 AND y = ?", types: [.integer, .text, .real])
                == "($1::bigint IS NULL OR year = $1::bigint) AND x = $2::text AND y = $3::double precision")
        #expect(SQLPlaceholders.postgres("x = 'it''s ?' AND y = ?", types: [.blob]) == "x = 'it''s ?' AND y = $1::bytea")
    }

    @Test func aScriptSplitsAtTheSemicolonsThatEndStatementsOnly() {
        let script = """
            -- a comment; not a statement
            CREATE TABLE t (a TEXT DEFAULT 'x;y', "b;c" BIGINT); /* a; comment */
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'no; never'; END;
            $$;
            SELECT $1::bigint, 'it''s; fine'
            """
        #expect(SQLScript.statements(script) == [
            "-- a comment; not a statement\nCREATE TABLE t (a TEXT DEFAULT 'x;y', \"b;c\" BIGINT)",
            "/* a; comment */\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN RAISE EXCEPTION 'no; never'; END;\n$$",
            "SELECT $1::bigint, 'it''s; fine'",
        ])
    }

    @Test func valuesRoundTripThroughTheDatabase() throws {
        let db = try AppDatabase.inMemory()
        let row = try #require(try db.backend.read { db in
            try db.row(sql: "SELECT ? AS n, ? AS t, ? AS f, ? AS r, ? AS absent, ? AS blob",
                       arguments: [Int64(1) << 40, "统一社会信用代码", true, 2.5, Int?.none, Data([0, 1, 2])])
        })
        #expect(row["n"] as Int64 == 1 << 40)
        #expect(row["T"] as String == "统一社会信用代码")
        #expect(row["f"] as Bool)
        #expect(row["r"] as Double == 2.5)
        #expect(row["absent"] as Int? == nil)
        #expect(row["blob"] as Data == Data([0, 1, 2]))
        #expect(try db.backend.read { try $0.value(Int.self, sql: "SELECT :a * 10 + :b + :a", arguments: ["a": 1, "b": 2]) } == 13)
    }

    @Test func aReadOfMoreRowsThanOneBatchGivesEveryRowOnceInOrder() throws {
        // Given: more rows than PostgreSQL's cursor fetches at once, twice over
        let db = try AppDatabase.inMemory()
        let batch = PostgresConnectionAdapter.fetchSize
        let count = 2 * batch + 345
        let sql = """
            WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ?)
            SELECT n, 'row ' || n AS label FROM s ORDER BY n
            """
        // When: read row by row, another query run inside the read at each batch's end
        var seen: [Int] = []
        var inner: [Int] = []
        try db.backend.read { db in
            try db.forEachRow(sql: sql, arguments: [count]) { row in
                seen.append(row["n"])
                #expect(row["label"] as String == "row \(seen.last!)")
                if seen.count % batch == 0 { inner.append(try db.value(Int.self, sql: "SELECT ? + 1", arguments: [seen.count]) ?? 0) }
            }
        }
        // Then
        #expect(seen == Array(1...count))
        #expect(inner == [batch + 1, 2 * batch + 1])
        // And a read stopped by its caller midway leaves the store as it was
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.backend.read { db in try db.forEachRow(sql: sql, arguments: [count]) { row in if row["n"] as Int == batch + 1 { throw Stop() } } }
        }
        #expect(try db.backend.read { try $0.values(Int.self, sql: sql, arguments: [count]) }.count == count)
    }

    @Test func aWriteThatFailsWritesNothingAndSaysSoInTheStoresWords() throws {
        let db = try AppDatabase.inMemory()
        #expect(throws: StoreError.self) {
            try db.backend.write { db in
                try db.execute(sql: "INSERT INTO department (code, name) VALUES ('ZZ', '测试局')")
                try db.execute(sql: "INSERT INTO department (code, name) VALUES ('ZZ', '重复')")
            }
        }
        #expect(try db.departments().isEmpty)
    }
}
