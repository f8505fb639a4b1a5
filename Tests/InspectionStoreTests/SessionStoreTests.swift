import Foundation
import Inspection
import InspectionStore
import Testing

/// Web sessions in the database: kept by the hash of their key, ended by idleness, age, and by
/// changes to their account.
@Suite struct SessionStoreTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)
    let limits = SessionLimits(idle: 30 * 60, lifetime: 12 * 3600)

    func withAccount() throws -> AppDatabase {
        let db = try seededDatabase()
        try db.addAccount(Account(name: "coord", department: "YJ", role: .coordinator), passwordHash: "x", actor: clerk)
        try db.addAccount(Account(name: "other", department: "HB", role: .clerk), passwordHash: "x", actor: clerk)
        return db
    }

    @Test func aSessionIsKeptByTheHashOfItsKeyOnly() throws {
        let db = try withAccount()
        try db.saveSession(key: "liancha.session.SECRETKEY", account: "coord", value: Data("v".utf8), now: start, limits: limits)
        #expect(try db.loadSession(key: "liancha.session.SECRETKEY", now: start, limits: limits) == Data("v".utf8))
        let stored = try db.backend.read { try $0.values(String.self, sql: "SELECT key_hash FROM web_session") }
        #expect(stored.count == 1 && !stored[0].contains("SECRETKEY") && stored[0].count == 64)
        #expect(try db.loadSession(key: stored[0], now: start, limits: limits) == nil, "the stored hash is no key")
    }

    @Test func idleAndOldSessionsEnd() throws {
        let db = try withAccount()
        try db.saveSession(key: "a", account: "coord", value: Data("a".utf8), now: start, limits: limits)
        try db.saveSession(key: "b", account: "coord", value: Data("b".utf8), now: start, limits: limits)
        // a is used every 20 minutes; b is left alone
        var now = start
        for _ in 0..<3 {
            now += 20 * 60
            #expect(try db.loadSession(key: "a", now: now, limits: limits) != nil)
        }
        #expect(try db.loadSession(key: "b", now: now, limits: limits) == nil, "idle for an hour")
        // a used all day still ends at its lifetime
        while now < start + limits.lifetime - 20 * 60 {
            now += 20 * 60
            #expect(try db.loadSession(key: "a", now: now, limits: limits) != nil)
        }
        now += 20 * 60
        #expect(try db.loadSession(key: "a", now: now, limits: limits) == nil)
    }

    @Test func aLookupOnlyReadsAndSaysWhatToWrite() throws {
        // Given: a session, used two minutes later, and another idle past its limit
        let db = try withAccount()
        try db.saveSession(key: "a", account: "coord", value: Data("a".utf8), now: start, limits: limits)
        try db.saveSession(key: "b", account: "other", value: Data("b".utf8), now: start - 31 * 60, limits: limits)
        let later = start + 120
        // When
        let used = try db.lookUpSession(key: "a", now: later, limits: limits)
        let idle = try db.lookUpSession(key: "b", now: later, limits: limits)
        // Then: the live one's value, the idle one's none, and nothing written yet
        #expect(used.value == Data("a".utf8) && used.write != nil)
        #expect(idle.value == nil && idle.write != nil)
        #expect(try db.sessions().map(\.lastSeen).sorted() == [(start - 31 * 60).timeIntervalSince1970, start.timeIntervalSince1970])
        #expect(try db.lookUpSession(key: "a", now: start + 30, limits: limits).write == nil, "used within the minute")
        // When their writes are recorded: the use noted, the idle session ended
        try db.recordSession(used.write!)
        try db.recordSession(idle.write!)
        #expect(try db.sessions().map(\.account) == ["coord"])
        #expect(try db.sessions().map(\.lastSeen) == [later.timeIntervalSince1970])
        #expect(try db.lookUpSession(key: "b", now: start, limits: limits).value == nil, "ended stays ended")
    }

    @Test func aPasswordChangeARoleChangeOrDisablingEndsTheAccountsSessions() throws {
        let db = try withAccount()
        for change in 0..<3 {
            try db.saveSession(key: "mine\(change)", account: "coord", value: Data("m".utf8), now: start, limits: limits)
            try db.saveSession(key: "theirs\(change)", account: "other", value: Data("t".utf8), now: start, limits: limits)
            switch change {
            case 0: try db.setPassword(of: "coord", passwordHash: "y", actor: clerk)
            case 1: try db.setRole(of: "coord", to: .auditor, certificate: nil, actor: clerk)
            default: try db.setAccountActive("coord", active: false, actor: clerk)
            }
            #expect(try db.loadSession(key: "mine\(change)", now: start, limits: limits) == nil, "change \(change)")
            #expect(try db.loadSession(key: "theirs\(change)", now: start, limits: limits) != nil, "change \(change)")
            // A request still running cannot bring the ended session back by saving it.
            try db.saveSession(key: "mine\(change)", account: "coord", value: Data("m".utf8), now: start, limits: limits)
            #expect(try db.loadSession(key: "mine\(change)", now: start, limits: limits) == nil, "change \(change)")
        }
        #expect(try db.sessions(of: "coord").isEmpty)
        #expect(try db.accountStates().first { $0.account.name == "coord" }?.active == false)
        #expect(try db.account(named: "coord") == nil, "a disabled account cannot sign in")
        #expect(try db.verifyAuditLog().problem == nil)
    }

    @Test func sessionsAreListedAndEndedOneByOne() throws {
        let db = try withAccount()
        try db.saveSession(key: "a", account: "coord", value: Data(), now: start, limits: limits)
        try db.saveSession(key: "b", account: "coord", value: Data(), now: start + 1, limits: limits)
        let listed = try db.sessions(of: "coord")
        #expect(listed.count == 2 && listed.allSatisfy { $0.id.count == 12 })
        #expect(try db.endSessions(id: listed[0].id, actor: clerk) == 1)
        #expect(try db.sessions(of: "coord").map(\.id) == [listed[1].id])
        #expect(try db.auditLog(limit: 1)[0].action == "session end")
    }
}
