import Foundation
import Testing
import Inspection

/// A small policy built in code: two quarterly classes and a half-yearly one drawn in full.
let testPolicy = Policy(
    name: "test-2026", title: "测试", jurisdiction: "栾城区", level: .county, year: 2026, source: "",
    classes: [
        SupervisionClass(id: "special", name: "特殊监管对象", condition: .test(.penalizedLastQuarter, ["是"]),
                         period: .halfYear, ratio: try! Ratio("100%")),
        SupervisionClass(id: "key", name: "重点监管对象", condition: .test(.permit, ["重点管理"]), ratio: try! Ratio("25%")),
        SupervisionClass(id: "nonsite", name: "一般监管对象（非现场）", condition: .test(.positiveList, ["是"]),
                         ratio: nil, method: .nonSite),
    ],
    precedence: ["special", "nonsite", "key"], precedenceNote: "", fallback: nil,
    rules: PolicyRules(yearlyCap: 2, excludeInspectedWithoutProblem: true), inputs: [])

/// Enterprises with valid codes: `count` key-permit ones, 3 of them on the positive list.
func directory(count: Int) -> [Enterprise] {
    (0..<count).map { n in
        let body = "91130111" + String(String(n).reversed()).padding(toLength: 9, withPad: "0", startingAt: 0)
        var e = Enterprise(uscc: body + String(USCC.checkCharacter(for: body)!), name: "企业\(n)", division: "130111")
        e.permit = .key
        e.positiveList = n < 3
        e.labels = n % 2 == 0 ? ["行业=危化"] : ["行业=工贸"]
        return e
    }
}

let seed = VerifiableDraw.seed(fromPublicEntropy: "test")

@Suite struct QuarterDrawTests {
    let request = QuarterDrawRequest(policy: testPolicy, quarter: Quarter("2026Q2")!, ratios: ["nonsite": try! Ratio("50%")])

    func draw(_ enterprises: [Enterprise], history: DrawHistory = DrawHistory(), request: QuarterDrawRequest? = nil)
        throws(DrawPlanningError) -> (strata: [DrawStratum], skipped: [SkippedClass]) {
        try (request ?? self.request).draw(enterprises: enterprises, classOf: testPolicy.classifier(), history: history, seed: seed)
    }

    @Test func eachClassIsDrawnAtItsRatioAndVerifies() throws {
        let (strata, _) = try draw(directory(count: 43))
        #expect(strata.map(\.scope) == ["2026Q2/特殊监管对象", "2026Q2/重点监管对象", "2026Q2/一般监管对象（非现场）"])
        #expect(strata.map(\.quota) == [0, 10, 2])   // ⌈40·25%⌉ = 10, ⌈3·50%⌉ = 2
        #expect(strata[2].method == "non-site")
        let record = DrawRecord(id: "D2026Q2-0001", created: "", operator: "", purpose: "", seed: VerifiableDraw.hex(seed),
                                commitment: VerifiableDraw.commitment(seed: seed), publicEntropy: "test", supersedes: nil,
                                reason: nil, sealed: false, policy: "test-2026", period: "2026Q2", directed: [], plan: nil, strata: strata)
        #expect(record.verify().isVerified)
    }

    @Test func excludedEnterprisesAreKeptWithTheirReasons() throws {
        var enterprises = directory(count: 12)
        enterprises[5].status = .stopped
        enterprises[6].status = .deregistered
        let history = DrawHistory(routineDrawsThisYear: [enterprises[7].uscc: 2],
                                  inspectedWithoutProblem: [enterprises[8].uscc: "D2026Q1-0001"])
        let key = try draw(enterprises, history: history).strata[1]
        #expect(key.candidates.count == 5)
        let reasons = Dictionary(uniqueKeysWithValues: key.excluded.map { ($0.id, $0.reason) })
        #expect(reasons[enterprises[5].uscc] == "经营状态 停产: not drawn")
        #expect(reasons[enterprises[6].uscc] == "经营状态 注销: not drawn")
        #expect(reasons[enterprises[7].uscc] == "yearly cap of 2 routine checks reached (2 this year)")
        #expect(reasons[enterprises[8].uscc] == "already drawn this year (D2026Q1-0001) with no problem found")
    }

    @Test func aDirectedDrawRestrictsCandidatesAndNamesTheRestriction() throws {
        var directed = request
        directed.directed = ["行业=危化"]
        let key = try draw(directory(count: 20), request: directed).strata[1]
        #expect(key.scope == "2026Q2/重点监管对象/行业=危化")
        #expect(key.candidates.count == 8)  // even numbers 4…18 (0 and 2 are on the positive list)
    }

    @Test func anOpenRatioMustBeGiven() {
        var open = request
        open.ratios = [:]
        #expect(throws: DrawPlanningError.ratioOpen(classID: "nonsite", className: "一般监管对象（非现场）")) {
            try draw(directory(count: 5), request: open)
        }
        var unknown = request
        unknown.ratios["nosuch"] = try! Ratio("5%")
        #expect(throws: DrawPlanningError.self) { try draw(directory(count: 5), request: unknown) }
    }

    @Test func aFullCoverageClassBlockedByTheCapIsAnError() {
        var enterprises = directory(count: 4)
        enterprises[3].penalizedLastQuarter = true
        let history = DrawHistory(routineDrawsThisYear: [enterprises[3].uscc: 2])
        #expect {
            try draw(enterprises, history: history)
        } throws: { error in
            guard case DrawPlanningError.fullCoverageBlocked(let name, let excluded) = error else { return false }
            return name == "特殊监管对象" && excluded.map(\.id) == [enterprises[3].uscc]
        }
    }

    @Test func aHalfYearlyClassIsDrawnOncePerHalfYear() throws {
        let history = DrawHistory(classesDrawnInPeriod: ["special": "D2026Q1-0001"])
        let (strata, skipped) = try draw(directory(count: 8), history: history)
        #expect(!strata.contains { $0.classID == "special" })
        #expect(skipped == [SkippedClass(classID: "special", reason: "每半年 class, already drawn in D2026Q1-0001")])
    }

    @Test func aPolicyOfAnotherYearIsRefused() {
        let request = QuarterDrawRequest(policy: testPolicy, quarter: Quarter("2027Q1")!)
        #expect(throws: DrawPlanningError.wrongYear(policy: "test-2026", policyYear: 2026, quarter: Quarter("2027Q1")!)) {
            try draw(directory(count: 3), request: request)
        }
    }

    @Test(arguments: ["2026Q5", "2026", "Q2-2026", "26Q1", ""])
    func malformedQuartersAreRejected(text: String) {
        #expect(Quarter(text) == nil)
    }
}

@Suite struct DrawVerificationTests {
    func record() throws -> DrawRecord {
        let (strata, _) = try QuarterDrawRequest(policy: testPolicy, quarter: Quarter("2026Q2")!, ratios: ["nonsite": try! Ratio("50%")])
            .draw(enterprises: directory(count: 43), classOf: testPolicy.classifier(), history: DrawHistory(), seed: seed)
        return DrawRecord(id: "D2026Q2-0001", created: "2026-04-01T09:30:00+08:00", operator: "王某", purpose: "test",
                          seed: VerifiableDraw.hex(seed), commitment: VerifiableDraw.commitment(seed: seed), publicEntropy: "test",
                          supersedes: nil, reason: nil, sealed: false, policy: "test-2026", period: "2026Q2", directed: [],
                          plan: nil, strata: strata)
    }

    @Test func aRecordSurvivesTheJSONRoundTripAndVerifies() throws {
        let r = try record()
        let again = try DrawRecord(json: r.json())
        #expect(again == r)
        #expect(again.verify().lines.allSatisfy { $0.hasPrefix("ok") })
    }

    @Test func aSwappedDrawnEnterpriseIsTheFirstDifference() throws {
        var r = try record()
        let outsider = r.strata[1].candidates.first { !(r.strata[1].drawn ?? []).contains($0) }!
        let replaced = r.strata[1].drawn![3]
        r.strata[1].drawn![3] = outsider
        let v = r.verify()
        #expect(!v.isVerified)
        #expect(v.problems == ["2026Q2/重点监管对象: drawn #4 should be \(replaced), the record says \(outsider)"])
    }

    @Test func aRemovedCandidateBreaksTheSnapshot() throws {
        var r = try record()
        r.strata[1].candidates.removeLast()
        #expect(r.verify().problems.first?.contains("snapshot of the candidates") == true)
    }

    @Test func aChangedSeedBreaksTheCommitment() throws {
        var r = try record()
        r.seed = String(repeating: "0", count: 64)
        #expect(r.verify().problems.first?.hasPrefix("commitment:") == true)
    }

    @Test func aLoweredQuotaIsCaught() throws {
        var r = try record()
        r.strata[1].quota = 9
        r.strata[1].drawn?.removeLast()
        #expect(r.verify().problems.first?.contains("should be at least 10") == true)
    }

    @Test func aSealedPublicCopyWithholdsSeedAndLists() throws {
        var r = try record()
        r.sealed = true
        let published = r.publicCopy(revealed: false)
        #expect(published.seed == nil && published.strata.allSatisfy { $0.drawn == nil })
        #expect(published.commitment == r.commitment)
        #expect(published.verify().sealed && !published.verify().isVerified)
        let json = String(decoding: try published.json(), as: UTF8.self)
        #expect(json.contains("\"seed\" : null"))
        #expect(r.publicCopy(revealed: true) == r)
    }
}
