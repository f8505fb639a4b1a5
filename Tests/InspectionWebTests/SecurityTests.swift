import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Inspection
import InspectionStore
import InspectionWeb
import NIOConcurrencyHelpers
import Testing

/// Sessions, CSRF tokens, the login limit and passwords.
@Suite struct SecurityTests {
    @Test func theSessionCookieIsHttpOnlyAndSameSite() async throws {
        let world = try World(.none)
        try await world.test { browser in
            let login = try await browser.get("/login")
            let pre = try #require(login.headers[values: .setCookie].first { $0.hasPrefix("liancha_login_csrf=") })
            #expect(pre.contains("HttpOnly") && pre.contains("SameSite=Strict"))
            let response = try await browser.login("coord")
            #expect(response.status == .seeOther)
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("liancha_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
        }
    }

    @Test func wrongPasswordsAreRefusedAndNamesNotTold() async throws {
        let world = try World(.none)
        try await world.test { browser in
            let wrong = try await browser.login("coord", password: "nope-nope")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("用户名或密码不正确"))
            let unknown = try await browser.login("nobody", password: "nope-nope")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text.contains("用户名或密码不正确"))
            #expect(try await browser.get("/plans").status == .unauthorized)
        }
    }

    @Test func everyFormNeedsTheSessionToken() async throws {
        let world = try World(.collecting)
        try await world.test { browser in
            try await browser.login(.coordinator)
            let before = try world.db.auditCount()
            // no token, a wrong token, another session's token: 403, nothing written
            for token in ["", "forged", "A" + browser.csrf.dropFirst()] {
                let r = try await browser.post("/plans/\(p(planNumber))/freeze", csrf: token)
                #expect(r.status == .forbidden)
                #expect(r.text.contains("CSRF"))
            }
            #expect(try world.db.auditCount() == before)
            #expect(try world.db.plan(planNumber).plan.state == .collecting)
            // the page's forms carry it
            let page = try await browser.get("/plans/\(p(planNumber))").text
            #expect(page.contains(#"name="_csrf" value="\#(browser.csrf)""#))
            // scripts send it in a header
            let api = try await browser.postJSON("/api/plans/\(p(planNumber))/freeze", "{}")
            #expect(api.status == .ok)
            #expect(try world.db.plan(planNumber).plan.state == .frozen)
        }
    }

    @Test func theLoginFormNeedsItsCookieToken() async throws {
        let world = try World(.none)
        try await world.test { browser in
            _ = try await browser.get("/login")
            let r = try await browser.post("/login", [("name", "coord"), ("password", password)], csrf: "not-the-cookie")
            #expect(r.status == .forbidden)
            #expect(browser.cookies["liancha_session"] == nil)
        }
    }

    @Test func loginsAreLimitedPerAccountAndAddress() async throws {
        let world = try World(.none)
        let now = NIOLockedValueBox(Date(timeIntervalSince1970: 1_782_000_000))
        let clock = WebClock { now.withLockedValue { $0 } }
        try await world.test(clock: clock) { browser in
            for _ in 1...5 { #expect(try await browser.login("coord", password: "wrong-wrong").status == .unauthorized) }
            // the sixth try, even with the right password, waits
            let limited = try await browser.login("coord")
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(limited.text.contains("登录失败次数过多"))
            // another account from the same address is not affected
            #expect(try await Browser(client: browser.client).login("auditor").status == .seeOther)
            // after the window, the right password works
            now.withLockedValue { $0 += 15 * 60 + 1 }
            #expect(try await browser.login("coord").status == .seeOther)
        }
    }

    @Test func logoutEndsTheSession() async throws {
        let world = try World(.none)
        try await world.test { browser in
            try await browser.login(.auditor)
            let old = try #require(browser.cookies["liancha_session"])
            #expect(try await browser.post("/logout").status == .seeOther)
            // the old cookie no longer opens anything
            browser.cookies["liancha_session"] = old
            #expect(try await browser.get("/plans").status == .unauthorized)
        }
    }

    @Test func passwordsAreBcryptAndChangeable() async throws {
        let world = try World(.none)
        let hash = try #require(try world.db.account(named: "coord")).passwordHash
        #expect(hash.hasPrefix("$2b$") || hash.hasPrefix("$2a$") || hash.hasPrefix("$2y$"))
        #expect(Passwords.verify(password, hash: hash))
        #expect(Passwords.problem(with: "short") != nil)
        try await world.test { browser in
            try await browser.login(.coordinator)
            #expect(try await browser.post("/account/password", [("current", "wrong-wrong"), ("new", "another-pass")]).status == .forbidden)
            #expect(try await browser.post("/account/password", [("current", password), ("new", "short")]).status == .unprocessableContent)
            #expect(try await browser.post("/account/password", [("current", password), ("new", "another-pass"), ("confirm", "another-pass")]).status == .seeOther)
            let fresh = Browser(client: browser.client)
            #expect(try await fresh.login("coord", password: "another-pass").status == .seeOther)
        }
    }
}
