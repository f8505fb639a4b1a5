import Foundation
import HTTPTypes
import HummingbirdTesting
import Inspection
import InspectionStore
import Testing

/// A publication is a snapshot: a directory edit after publication does not rewrite what the
/// public results page shows.
@Suite struct PublicationSnapshotTests {
    @Test func aLaterDirectoryEditDoesNotRewriteWhatWasPublished() async throws {
        // Given: a published plan, and what it published
        let world = try World(.published)
        let published = try #require(try world.db.publications().first { $0.uscc == world.shared })
        let items = try world.db.items()
        #expect(published.name == (try world.db.enterprise(uscc: world.shared))?.name)
        #expect(!published.items.isEmpty && !published.departments.isEmpty)
        #expect(published.completedOn == "2026-06-22")

        // When: the enterprise and every item are renamed
        _ = try world.db.importEnterprises(TableSchema.enterprises.bind(header: ["uscc", "name", "division"]), rows: rows([
            [world.shared, "改名后的企业", "130111"],
        ]), options: ImportOptions(source: "rename.csv"), actor: at("2026-07-05"))
        _ = try world.db.importItems(TableSchema.items.bind(header: ["department", "code", "name"]), rows: rows(
            items.map { [$0.department, $0.code, "改名后的事项\($0.code)"] }
        ), options: ImportOptions(source: "items.csv"), actor: at("2026-07-05"))

        // Then: the stored publication and the public page still say what was published
        let after = try #require(try world.db.publications().first { $0.uscc == world.shared })
        #expect(after.name == published.name && after.items == published.items && after.departments == published.departments)
        try await world.test { browser in
            let page = try await browser.get("/public/results")
            #expect(page.status == .ok)
            let api = try await browser.get("/api/public/results")
            let shown = (api.json["rows"] as? [[String: Any]] ?? []).filter { $0["uscc"] as? String == world.shared }
            #expect(shown.map { $0["enterprise"] as? String } == [published.name])
            #expect(!page.text.contains("改名后的企业"))
        }
    }
}
