import Foundation
import Testing
import Inspection
import InspectionStore
@testable import liancha

@Suite struct UserCommandTests {
    @Test func accountsAreCreatedWithARoleAndAHashedPassword() throws {
        let w = try Workspace.initialised()
        #expect(w.run("user", "add", "--department", "YJ", "--role", "coordinator", "--password", "yj-pass-123", "liming") == 0)
        let stored = try #require(try AppDatabase.openExisting(w.database).account(named: "liming"))
        #expect(stored.account.role == .coordinator && stored.account.department == "YJ")
        #expect(stored.passwordHash.hasPrefix("$2") && !stored.passwordHash.contains("yj-pass-123"))
        #expect(w.run("user", "add", "--department", "YJ", "--role", "coordinator", "--password", "Other-pass-1", "liming") == 1)   // taken
    }

    @Test func badAccountsAreRefusedAndNothingIsWritten() throws {
        let w = try Workspace.initialised()
        #expect(w.run("user", "add", "--department", "YJ", "--role", "boss", "--password", "x-pass-123", "a") != 0)
        #expect(w.run("user", "add", "--department", "ZZ", "--role", "clerk", "--password", "x-pass-123", "b") != 0)
        #expect(w.run("user", "add", "--department", "HB", "--role", "inspector", "--password", "x-pass-123", "c") != 0)   // no certificate
        #expect(try AppDatabase.openExisting(w.database).accounts().isEmpty)
    }

    @Test func weakPasswordsAreRefusedByTheSameRuleAsTheWeb() throws {
        let w = try Workspace.initialised()
        for weak in ["short1A", "alllowercase", "password1", "Liming-2026"] {
            #expect(w.run("user", "add", "--department", "YJ", "--role", "coordinator", "--password", weak, "liming") == 1, "\(weak)")
        }
        #expect(try AppDatabase.openExisting(w.database).accounts().isEmpty)
    }

    @Test func accountsAreDisabledEnabledAndGivenAnotherRoleWithTheOSUserAudited() throws {
        let w = try Workspace.initialised()
        #expect(w.run("user", "add", "--department", "YJ", "--role", "clerk", "--password", "yj-pass-123", "liming", "--operator", "王科长") == 0)
        let db = try AppDatabase.openExisting(w.database)
        #expect(w.run("user", "disable", "liming") == 0)
        #expect(try db.account(named: "liming") == nil)
        #expect(w.run("user", "enable", "liming") == 0)
        #expect(try db.account(named: "liming")?.account.role == .clerk)
        for role in Role.allCases where role != .inspector {
            #expect(w.run("user", "role", "liming", "--role", role.rawValue) == 0)
            #expect(try db.account(named: "liming")?.account.role == role)
        }
        #expect(w.run("user", "role", "liming", "--role", "boss") != 0)
        #expect(w.run("user", "disable", "nobody") == 1)
        #expect(w.run("user", "sessions") == 0)
        #expect(w.run("user", "sessions", "--account", "liming", "--end-all") == 0)
        let added = try #require(try db.auditLog(limit: 50).first { $0.action == "user add" })
        #expect(added.operator == "王科长" && added.osUser == Clock.osUser && !added.osUser.isEmpty)
        #expect(w.run("audit", "verify") == 0)
    }
}
