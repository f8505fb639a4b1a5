import InspectionStore
import Testing

/// The PostgreSQL schema's migrations: numbered 1…n without gaps, and never edited once shipped
/// (the migration runner records each one's SHA-256 in the database).
@Suite struct PostgresMigrationTests {
    /// SHA-256 of each shipped migration's SQL (computed outside Swift, from the text between the
    /// file's `#"""` delimiters). A new migration adds its line; editing a shipped one fails here.
    static let shipped: [Int: String] = [
        1: "1490971208fdb6274a062bdfde98d0aed3cb8052fd73ef8a1c19cec434e4a87c",
        2: "63a36f46ab4bca4a20581f9752c861c8b12b5a3d72deda1eef816ea4d01bed51",
    ]

    @Test func migrationsAreNumberedOneToNWithUniqueNames() {
        let all = PostgresMigrations.all
        #expect(all.map(\.number) == Array(1..<all.count + 1))
        #expect(Set(all.map(\.name)).count == all.count)
        #expect(all.allSatisfy { !$0.name.isEmpty && !$0.sql.isEmpty })
    }

    @Test func shippedMigrationsAreUnchanged() {
        for migration in PostgresMigrations.all {
            #expect(migration.sha256 == Self.shipped[migration.number],
                    "migration \(migration.number) (\(migration.name)): a shipped migration is never edited; a new one needs its SHA-256 pinned here")
        }
        // A shipped migration is never removed either.
        #expect(Set(Self.shipped.keys).isSubset(of: PostgresMigrations.all.map(\.number)))
    }
}
