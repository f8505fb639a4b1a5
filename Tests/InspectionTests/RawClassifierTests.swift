import Foundation
import Testing
import Inspection

/// A policy testing every field, with all/any/not, overlapping classes, a fallback that is also a
/// class, non-NFC label values and an industry prefix.
let everyFieldPolicy = Policy(
    name: "every-field-2026", title: "测试", jurisdiction: "栾城区", level: .county, year: 2026, source: "",
    classes: [
        SupervisionClass(id: "special", name: "特殊监管对象", condition: .any([
            .test(.label, ["投诉=频繁", "乡镇=Cafe\u{301}"]),
            .test(.creditRisk, ["D"]),
            .all([.test(.highRisk, ["是"]), .not(.test(.status, ["停产"]))]),
            .test(.industry, ["06", "08"]),
            .test(.penalizedLastQuarter, ["是"]),
        ]), period: .halfYear, ratio: try! Ratio("100%")),
        SupervisionClass(id: "key", name: "重点监管对象", condition: .any([
            .test(.permit, ["重点管理"]), .test(.keyDischargeUnit, ["是"]), .test(.airGrade, ["D", ConditionField.unrated]),
        ]), ratio: try! Ratio("25%")),
        SupervisionClass(id: "nonsite", name: "非现场", condition: .all([
            .test(.positiveList, ["是"]), .test(.nonSiteCapable, ["是"]), .not(.test(.supervisedRectification, ["是"])),
            .test(.division, ["130111", "130123"]),
        ]), ratio: try! Ratio("10%"), method: .nonSite),
        SupervisionClass(id: "general", name: "一般监管对象", condition: .test(.permit, ["登记管理"]), ratio: try! Ratio("3%")),
    ],
    precedence: ["special", "nonsite", "key", "general"], precedenceNote: "", fallback: "general",
    rules: PolicyRules(yearlyCap: 2, excludeInspectedWithoutProblem: true), inputs: [])

/// A directory mixing every field's values (deterministically), some of them unusual: labels with
/// empty parts, a decomposed é, no air grade or credit risk, industries sharing a prefix.
func mixedDirectory(count: Int) -> [Enterprise] {
    let labels = ["", "乡镇=冶河镇", "投诉=频繁;;行业=危化", ";乡镇=Caf\u{E9};", "行业=矿山", "乡镇=Cafe\u{301}", "行业=工贸;投诉=频繁"]
    let industries = ["", "0610", "0810", "2662", "06", "C26", "0", "080"]
    return (0..<count).map { n in
        let body = "91130111" + String(String(n).reversed()).padding(toLength: 9, withPad: "0", startingAt: 0)
        var e = Enterprise(uscc: body + String(USCC.checkCharacter(for: body)!), name: "企业\(n)",
                           division: ["130111", "130123", "130124"][n % 3])
        e.industry = industries[n % industries.count]
        e.status = OperatingStatus.allCases[(n / 3) % 3]
        e.permit = PermitCategory.allCases[(n / 5) % 4]
        e.keyDischargeUnit = n % 7 == 0
        e.positiveList = n % 2 == 0
        e.airGrade = n % 6 == 0 ? nil : AirGrade.allCases[n % 5]
        e.creditRisk = n % 4 == 0 ? nil : CreditRisk.allCases[(n / 4) % 4]
        e.penalizedLastQuarter = n % 11 == 0
        e.highRisk = n % 13 == 0
        e.supervisedRectification = n % 9 == 0
        e.nonSiteCapable = n % 3 != 1
        e.labels = labels[(n / 2) % labels.count].split(separator: ";").map(String.init)
        return e
    }
}

/// Runs `body` with `e` as the store holds it: each column's UTF-8 bytes (NULL as empty), labels `;`-joined.
func withRawRow<R>(_ e: Enterprise, storedLabels: String? = nil, _ body: (RawEnterpriseRow) -> R) -> R {
    let texts = [e.uscc, e.division, e.industry, e.status.rawValue, e.permit.rawValue, e.airGrade?.rawValue ?? "",
                 e.creditRisk?.rawValue ?? "", storedLabels ?? e.labels.joined(separator: ";")].map { Array($0.utf8) }
    return texts[0].withUnsafeBytes { uscc in texts[1].withUnsafeBytes { division in texts[2].withUnsafeBytes { industry in
        texts[3].withUnsafeBytes { status in texts[4].withUnsafeBytes { permit in texts[5].withUnsafeBytes { air in
            texts[6].withUnsafeBytes { credit in texts[7].withUnsafeBytes { labels in
                var row = RawEnterpriseRow()
                (row.uscc, row.division, row.industry, row.status) = (uscc, division, industry, status)
                (row.permit, row.airGrade, row.creditRisk, row.labels) = (permit, air, credit, labels)
                row.keyDischargeUnit = e.keyDischargeUnit
                row.positiveList = e.positiveList
                row.penalizedLastQuarter = e.penalizedLastQuarter
                row.highRisk = e.highRisk
                row.supervisedRectification = e.supervisedRectification
                row.nonSiteCapable = e.nonSiteCapable
                return body(row)
            } }
        } } }
    } } }
}

@Suite struct RawClassifierTests {
    @Test(arguments: [[], ["投诉=频繁"], ["乡镇=Caf\u{E9}"], ["行业=危化", "投诉=频繁"]])
    func theRawClassOfEveryRowIsTheClassifiersClass(directed: [String]) throws {
        // Given
        let classOf = everyFieldPolicy.classifier()
        var raw = try #require(RawClassifier(policy: everyFieldPolicy, directed: directed))
        var seen = Set<String?>()
        // When / Then: twice over, so that the second pass finds every value already known
        for e in mixedDirectory(count: 600) + mixedDirectory(count: 600) {
            let expected = directed.allSatisfy(e.labels.contains) ? classOf(e) : nil
            let index = withRawRow(e) { raw.classIndex($0) }
            #expect(index.map { raw.classIDs[$0] } == expected, "\(e)")
            #expect(withRawRow(e) { raw.status($0.status) } == e.status)
            seen.insert(expected)
        }
        #expect(seen.count >= (directed.isEmpty ? 4 : 2))
    }

    @Test func aColumnOfThousandsOfDistinctValuesIsClassedAsTheClassifierDoes() throws {
        // Given: every row its own industry code and labels, some of which the policy's tests match
        let classOf = everyFieldPolicy.classifier()
        var raw = try #require(RawClassifier(policy: everyFieldPolicy))
        let rows = mixedDirectory(count: 3000).enumerated().map { n, e in
            var e = e
            e.industry = ["0610", "0810", "2662", "C26", ""][n % 5] + String(n)
            e.labels.append(n % 4 == 0 ? "投诉=频繁" : "编号=\(n)")
            return e
        }
        var seen = Set<String?>()
        // When / Then: twice over, the second pass finding each of them in the grown tables
        for e in rows + rows {
            #expect(withRawRow(e) { raw.classIndex($0) }.map { raw.classIDs[$0] } == classOf(e), "\(e)")
            seen.insert(classOf(e))
        }
        #expect(seen.count >= 3)
    }

    @Test func storedLabelsAreSplitOnTheirBytesWithEmptyPartsDropped() throws {
        var raw = try #require(RawClassifier(policy: everyFieldPolicy))
        var e = mixedDirectory(count: 1)[0]
        e.permit = .none
        e.creditRisk = nil
        e.airGrade = .a
        e.industry = "2662"
        e.highRisk = false
        e.penalizedLastQuarter = false
        e.positiveList = false
        e.keyDischargeUnit = false
        #expect(withRawRow(e, storedLabels: "行业=工贸") { raw.classIndex($0) }.map { raw.classIDs[$0] } == "general")
        #expect(withRawRow(e, storedLabels: ";;投诉=频繁;") { raw.classIndex($0) }.map { raw.classIDs[$0] } == "special")
        #expect(withRawRow(e, storedLabels: "乡镇=Cafe\u{301};x") { raw.classIndex($0) }.map { raw.classIDs[$0] } == "special")
    }

    @Test func aPolicyOfMoreThan64TestsIsLeftToTheClassifier() {
        let many = Condition.any((0..<65).map { .test(.label, ["x\($0)"]) })
        var policy = everyFieldPolicy
        policy.classes[0].condition = many
        #expect(RawClassifier(policy: policy) == nil)
        policy.classes[0].condition = .any((0..<64).map { .test(.label, ["x\($0)"]) })
        #expect(RawClassifier(policy: policy) == nil, "with the other classes' tests it is over 64")
        #expect(RawClassifier(policy: everyFieldPolicy, directed: (0..<60).map { "l\($0)" }) == nil)
    }

    @Test func membersFiledRawDrawTheSameStrataAsEnterprises() throws {
        // Given: a directory with history that excludes some
        let enterprises = mixedDirectory(count: 900)
        let request = QuarterDrawRequest(policy: everyFieldPolicy, quarter: Quarter("2026Q2")!)
        var history = DrawHistory()
        history.routineDrawsThisYear[enterprises[10].uscc] = 1
        history.inspectedWithoutProblem[enterprises[12].uscc] = "D2026Q1-0001"
        history.inspectedWithoutProblem[enterprises[14].uscc] = "D2026Q1-0001"
        var raw = try #require(RawClassifier(policy: everyFieldPolicy))
        var members = DrawMembers(classIDs: raw.classIDs)
        for e in enterprises.reversed() {
            withRawRow(e) { row in
                if let index = raw.classIndex(row) { members.append(row.uscc, status: raw.status(row.status), toClassAt: index) }
            }
        }
        // When
        let expected = try request.draw(enterprises: enterprises, classOf: everyFieldPolicy.classifier(), history: history, seed: seed)
        let drawn = try request.draw(members: members, history: history, seed: seed)
        // Then
        #expect(drawn.strata == expected.strata)
        #expect(drawn.skipped == expected.skipped)
        #expect(drawn.strata.contains { !$0.excluded.isEmpty })
        #expect(drawn.strata.count == 4)
    }
}
