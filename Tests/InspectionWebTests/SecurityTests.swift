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

    @Test func everyResponseCarriesTheBrowsersProtections() async throws {
        let world = try World(.published)
        try await world.test { browser in
            func check(_ response: TestResponse, _ what: String, page: Bool = true) {
                let csp = response.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
                #expect(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe"),
                        "\(what): \(csp)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY", "\(what)")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(what)")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin", "\(what)")
                // What the policy forbids, the pages must not need.
                let text = page ? response.text : ""
                #expect(csp.contains("script-src 'self'"), "\(what): \(csp)")
                // Scripts only from the application's own files, never inline.
                let scripts = text.components(separatedBy: "<script").dropFirst()
                #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"/static/") && $0.contains("\"></script>") }, "\(what)")
                #expect(!text.contains(" style=") && !text.contains("javascript:"), "\(what)")
            }
            check(try await browser.get("/login"), "login page")
            check(try await browser.get("/static/app.css"), "stylesheet")
            check(try await browser.get("/public/results"), "public page")
            check(try await browser.get("/plans"), "401")
            check(try await browser.get("/api/plans"), "401 JSON")
            check(try await browser.get("/no/such/page"), "404")
            check(try await browser.post("/login", [("name", "coord"), ("password", "x")], csrf: "forged"), "403 CSRF")
            try await browser.login(.coordinator)
            check(try await browser.get("/plans/\(p(planNumber))/statistics"), "chart")
            check(try await browser.get("/api/plans"), "JSON")
            check(try await browser.get("/plans/\(p(planNumber))/statistics.xlsx"),
                  "download", page: false)
            check(try await browser.post("/plans", [("number", "")]), "422 form")
        }
    }

    @Test func sessionsSurviveARestartAndEndWhenTheirAccountChanges() async throws {
        let world = try World(.none)
        // Given: two browsers signed in to the same account, one to another
        let (first, second, clerk) = try await world.test { browser in
            let a = Browser(client: browser.client), b = Browser(client: browser.client), c = Browser(client: browser.client)
            try await a.login(.coordinator)
            try await b.login(.coordinator)
            try await c.login(.clerk)
            return (a.cookies, b.cookies, c.cookies)
        }
        // When: the server restarts (a new application on the same database)
        try await world.test { browser in
            let a = Browser(client: browser.client), b = Browser(client: browser.client), c = Browser(client: browser.client)
            (a.cookies, b.cookies, c.cookies) = (first, second, clerk)
            // Then: everyone is still signed in
            #expect(try await a.get("/account").status == .ok)
            #expect(try await b.get("/account").status == .ok)
            try await a.refreshToken()
            // A password change ends every session of the account, and no other's
            let changed = try await a.post("/account/password", [("current", password), ("new", "Another-pass-1"), ("confirm", "Another-pass-1")])
            #expect(changed.status == .seeOther && changed.headers[.location] == "/login")
            #expect(try await a.get("/account").status == .unauthorized)
            #expect(try await b.get("/account").status == .unauthorized)
            #expect(try await c.get("/account").status == .ok)
        }
        // The audit log has the sign-ins and the change, and still verifies.
        let actions = try world.db.auditLog(limit: 10).map(\.action)
        #expect(actions.contains("sign in") && actions.contains("user password"))
        #expect(try world.db.verifyAuditLog().problem == nil)
    }

    @Test func signInsFailedSignInsAndSignOutsAreAudited() async throws {
        let world = try World(.none)
        try await world.test { browser in
            _ = try await browser.login("coord", password: "wrong-password")
            try await browser.login(.coordinator)
            #expect(try await browser.post("/logout").status == .seeOther)
        }
        let entries = try world.db.auditLog(limit: 3)
        #expect(entries.map(\.action) == ["sign out", "sign in", "sign in failed"])
        #expect(entries.allSatisfy { $0.records == "coord" })
    }

    @Test func theAuditPagePrintsTheChainsAnchor() async throws {
        let world = try World(.none)
        try await world.test { browser in
            try await browser.login(.auditor)
            let head = try #require(try world.db.auditAnchor())
            let page = try await browser.get("/audit")
            #expect(page.status == .ok && page.text.contains("#\(head.id) \(head.hash)"))
        }
    }

    @Test func idleSessionsEnd() async throws {
        final class Now: @unchecked Sendable { var date = Date(timeIntervalSince1970: 1_782_000_000) }
        let now = Now()
        let world = try World(.none)
        let clock = WebClock { now.date }
        let cookies = try await world.test(clock: clock) { browser in
            try await browser.login(.coordinator)
            return browser.cookies
        }
        try await world.test(clock: clock) { browser async throws in
            browser.cookies = cookies
            now.date += 29 * 60
            #expect(try await browser.get("/account").status == .ok)
            now.date += 31 * 60
            #expect(try await browser.get("/account").status == .unauthorized)
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
            #expect(try await browser.post("/account/password", [("current", "wrong-wrong"), ("new", "Another-pass")]).status == .forbidden)
            #expect(try await browser.post("/account/password", [("current", password), ("new", "short")]).status == .unprocessableContent)
            #expect(try await browser.post("/account/password", [("current", password), ("new", "Another-pass"), ("confirm", "Another-pass")]).status == .seeOther)
            let fresh = Browser(client: browser.client)
            #expect(try await fresh.login("coord", password: "Another-pass").status == .seeOther)
        }
    }
}
