import Testing
import Inspection
import InspectionStore

func drawRecord(period: String = "2026Q2", drawn: [String] = ["91130111066UK5484K"], supersedes: String? = nil,
                reason: String? = nil, sealed: Bool = false) -> DrawRecord {
    let seed = VerifiableDraw.seed(fromPublicEntropy: "x")
    let candidates = ["91130111066UK5484K", "911301110JX5R7R96D"]
    return DrawRecord(
        id: "", created: "2026-04-01T09:30:00+08:00", operator: "王某", purpose: "test", seed: VerifiableDraw.hex(seed),
        commitment: VerifiableDraw.commitment(seed: seed), publicEntropy: "x", supersedes: supersedes, reason: reason,
        sealed: sealed, policy: "gaocheng-2026", period: period, directed: [], plan: nil,
        strata: [DrawStratum(scope: "\(period)/重点监管对象", classID: "key", className: "重点监管对象", ratio: "50%",
                             method: "site", candidates: candidates, snapshot: VerifiableDraw.snapshot(candidates),
                             excluded: [Exclusion(id: "91350100M000100Y43", reason: "经营状态 注销: not drawn")],
                             quota: drawn.count, drawn: drawn)])
}

@Suite struct DrawStoreTests {
    @Test func aSavedDrawGetsAnIdAndReadsBackWhole() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.saveDraw(drawRecord(), kind: .routine, year: 2026, actor: clerk)
        #expect(saved.id == "D2026Q2-0001")
        let stored = try #require(try db.draw(id: saved.id))
        #expect(stored.record == saved)
        #expect(try db.auditLog(limit: 1).first?.action == "draw")
    }

    @Test func everyDrawnIdIsStoredAsAPickWhateverItsCharacters() throws {
        // Picks are inserted from a JSON array: quotes, backslashes, control characters and
        // non-ASCII ids must come back as they were drawn.
        let odd = ["A\"quoted\"", "back\\slash", "tab\there", "line\nbreak", "企业甲", "91130111066UK5484K"]
        let db = try AppDatabase.inMemory()
        _ = try db.saveDraw(drawRecord(drawn: odd), kind: .routine, year: 2026, actor: clerk)
        let history = try db.drawHistory(policy: testPolicy, quarter: Quarter("2026Q3")!)
        #expect(history.routineDrawsThisYear == Dictionary(uniqueKeysWithValues: odd.map { ($0, 1) }))
    }

    @Test func theSameScopeIsNotDrawnTwiceSilently() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.saveDraw(drawRecord(), kind: .routine, year: 2026, actor: clerk)
        #expect(throws: StoreError.alreadyDrawn(existing: "D2026Q2-0001", created: "2026-04-01T09:30:00+08:00", operator: "王某")) {
            try db.saveDraw(drawRecord(), kind: .routine, year: 2026, actor: clerk)
        }
        // Another quarter is another scope.
        #expect(try db.saveDraw(drawRecord(period: "2026Q3"), kind: .routine, year: 2026, actor: clerk).id == "D2026Q3-0001")
    }

    @Test func supersedingNeedsTheCurrentDrawAndAReasonAndKeepsBoth() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.saveDraw(drawRecord(), kind: .routine, year: 2026, actor: clerk)
        #expect(throws: StoreError.unknownDraw("D2026Q2-0009")) {
            try db.saveDraw(drawRecord(supersedes: "D2026Q2-0009", reason: "x"), kind: .routine, year: 2026, actor: clerk)
        }
        #expect(throws: (any Error).self) {
            try db.saveDraw(drawRecord(supersedes: "D2026Q2-0001", reason: " "), kind: .routine, year: 2026, actor: clerk)
        }
        let second = try db.saveDraw(drawRecord(drawn: ["911301110JX5R7R96D"], supersedes: "D2026Q2-0001", reason: "名录更新"),
                                     kind: .routine, year: 2026, actor: clerk)
        #expect(second.id == "D2026Q2-0002")
        #expect(try db.draw(id: "D2026Q2-0001")?.supersededBy == "D2026Q2-0002")
        #expect(throws: StoreError.alreadySuperseded(id: "D2026Q2-0001", by: "D2026Q2-0002")) {
            try db.saveDraw(drawRecord(supersedes: "D2026Q2-0001", reason: "again"), kind: .routine, year: 2026, actor: clerk)
        }
        // Only the live draw counts toward the yearly cap.
        let history = try db.drawHistory(policy: testPolicy, quarter: Quarter("2026Q3")!)
        #expect(history.routineDrawsThisYear == ["911301110JX5R7R96D": 1])
    }

    @Test func aStoredDrawCannotBeChangedOrDeleted() throws {
        let db = try AppDatabase.inMemory()
        _ = try db.saveDraw(drawRecord(sealed: true), kind: .routine, year: 2026, actor: clerk)
        for sql in ["UPDATE draw_stratum SET drawn = 'x'", "DELETE FROM draw_stratum", "DELETE FROM draw_pick",
                    "UPDATE draw SET seed = 'x'", "UPDATE draw SET revealed_at = 'now', operator = 'x'", "DELETE FROM draw"] {
            #expect(throws: (any Error).self, "\(sql)") { try db.backend.write { try $0.execute(sql: sql) } }
        }
    }

    @Test func aSealedDrawIsRevealedOnce() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.saveDraw(drawRecord(sealed: true), kind: .routine, year: 2026, actor: clerk)
        let before = try #require(try db.draw(id: saved.id))
        #expect(!before.isPublic && before.publicRecord.seed == nil)
        let after = try db.revealDraw(id: saved.id, actor: clerk)
        #expect(after.isPublic && after.publicRecord.seed == saved.seed)
        #expect(throws: StoreError.alreadyRevealed(saved.id)) { try db.revealDraw(id: saved.id, actor: clerk) }
        let open = try db.saveDraw(drawRecord(period: "2026Q3"), kind: .routine, year: 2026, actor: clerk)
        #expect(throws: StoreError.notSealed(open.id)) { try db.revealDraw(id: open.id, actor: clerk) }
    }

    @Test func checksAreRecordedOnlyForDrawnEnterprisesAndFeedTheExclusions() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.saveDraw(drawRecord(), kind: .routine, year: 2026, actor: clerk)
        #expect(throws: StoreError.notDrawn(uscc: "911301110JX5R7R96D", draw: saved.id)) {
            try db.recordCheck(drawID: saved.id, uscc: "911301110JX5R7R96D", on: LocalDate("2026-05-01")!, problemFound: false, actor: clerk)
        }
        try db.recordCheck(drawID: saved.id, uscc: "91130111066UK5484K", on: LocalDate("2026-05-01")!, problemFound: false, actor: clerk)
        #expect(throws: StoreError.checkRecorded(uscc: "91130111066UK5484K", draw: saved.id)) {
            try db.recordCheck(drawID: saved.id, uscc: "91130111066UK5484K", on: LocalDate("2026-05-02")!, problemFound: true, actor: clerk)
        }
        let history = try db.drawHistory(policy: testPolicy, quarter: Quarter("2026Q3")!)
        #expect(history.inspectedWithoutProblem == ["91130111066UK5484K": saved.id])
        #expect(try db.yearActivity(policy: "gaocheng-2026", year: 2026)["91130111066UK5484K"]?.checked == 1)
    }
}

/// The test policy of the domain tests, for history queries.
let testPolicy = Policy(name: "gaocheng-2026", title: "", jurisdiction: "", level: .county, year: 2026, source: "",
                        classes: [], precedence: [], precedenceNote: "", fallback: nil, rules: PolicyRules(), inputs: [])

@Suite struct SupersededHistoryTests {
    @Test func theDrawBeingReplacedNoLongerCounts() throws {
        let db = try AppDatabase.inMemory()
        let first = try db.saveDraw(drawRecord(), kind: .routine, year: 2026, actor: clerk)
        let halfYearly = Policy(name: "gaocheng-2026", title: "", jurisdiction: "", level: .county, year: 2026, source: "",
                                classes: [SupervisionClass(id: "key", name: "重点监管对象", condition: .any([]), period: .halfYear,
                                                           ratio: try Ratio("100%"))],
                                precedence: ["key"], precedenceNote: "", fallback: nil, rules: PolicyRules(), inputs: [])
        let now = try db.drawHistory(policy: halfYearly, quarter: Quarter("2026Q2")!)
        #expect(now.classesDrawnInPeriod == ["key": first.id] && now.routineDrawsThisYear.count == 1)
        let replacing = try db.drawHistory(policy: halfYearly, quarter: Quarter("2026Q2")!, replacing: first.id)
        #expect(replacing.classesDrawnInPeriod.isEmpty && replacing.routineDrawsThisYear.isEmpty)
    }
}
