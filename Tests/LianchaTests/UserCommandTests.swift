import Foundation
import Testing
import Inspection
import InspectionStore
@testable import liancha

@Suite struct UserCommandTests {
    @Test func accountsAreCreatedWithARoleAndAHashedPassword() throws {
        let w = try Workspace.initialised()
        #expect(w.run("user", "add", "--department", "YJ", "--role", "coordinator", "--password", "yj-pass-123", "liming") == 0)
        let stored = try #require(try AppDatabase.openExisting(path: w.database).account(named: "liming"))
        #expect(stored.account.role == .coordinator && stored.account.department == "YJ")
        #expect(stored.passwordHash.hasPrefix("$2") && !stored.passwordHash.contains("yj-pass-123"))
        #expect(w.run("user", "add", "--department", "YJ", "--role", "coordinator", "--password", "other", "liming") == 1)   // taken
    }

    @Test func badAccountsAreRefusedAndNothingIsWritten() throws {
        let w = try Workspace.initialised()
        #expect(w.run("user", "add", "--department", "YJ", "--role", "boss", "--password", "x-pass-123", "a") != 0)
        #expect(w.run("user", "add", "--department", "ZZ", "--role", "clerk", "--password", "x-pass-123", "b") != 0)
        #expect(w.run("user", "add", "--department", "HB", "--role", "inspector", "--password", "x-pass-123", "c") != 0)   // no certificate
        #expect(try AppDatabase.openExisting(path: w.database).accounts().isEmpty)
    }
}
