import Foundation
import Testing
import Inspection
@testable import InspectionDocuments

let policiesDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("fixtures/policies")

func bundledPolicy(_ name: String) throws -> Policy {
    try PolicyFile.parse(String(contentsOf: policiesDir.appendingPathComponent("\(name).yaml"), encoding: .utf8))
}

@Suite struct PolicyFileTests {
    @Test(arguments: ["gaocheng-2026", "qinhuangdao-2024-city", "qinhuangdao-2024-county", "zaozhuang-2024", "xuchang-2026"])
    func everyShippedPolicyParsesUnderItsFileName(name: String) throws {
        let p = try bundledPolicy(name)
        #expect(p.name == name)
        #expect(Set(p.precedence + [p.fallback].compactMap { $0 }) == Set(p.classes.map(\.id)))
        #expect(p.rules.excludeStatus == [.stopped, .deregistered])
    }

    @Test func theShippedRatiosAreTheSeeds() throws {
        func ratios(_ p: Policy) -> [String: String] {
            Dictionary(uniqueKeysWithValues: p.classes.map { ($0.id, $0.ratio?.text ?? "open") })
        }
        let gaocheng = try bundledPolicy("gaocheng-2026")
        #expect(ratios(gaocheng)["special"] == "20%" && ratios(gaocheng)["key"] == "18%")
        #expect(gaocheng.classes.compactMap(\.ratio).map(\.text).sorted() == ["0.5%", "18%", "20%", "5%"])
        let zaozhuang = try bundledPolicy("zaozhuang-2024")
        #expect(zaozhuang.classes.compactMap(\.ratio).map(\.text).sorted() == ["1%", "100%", "25%", "5%"])
        #expect(zaozhuang.rules.excludeInspectedWithoutProblem)
        #expect(zaozhuang.classes.first { $0.ratio?.isAll == true }?.period == .halfYear)
        let xuchang = try bundledPolicy("xuchang-2026")
        #expect(xuchang.classes.allSatisfy { $0.ratio == nil })
        #expect(xuchang.rules.yearlyCap == 2)
        #expect(xuchang.rules.minimumCoverage.first?.per == .year)
        let city = try bundledPolicy("qinhuangdao-2024-city")
        #expect(city.classes.filter(\.isDrawn).compactMap(\.ratio).map(\.text) == ["10%", "10%"])
        let county = try bundledPolicy("qinhuangdao-2024-county")
        #expect(Set(county.classes.compactMap(\.ratio).map(\.text)) == ["25%", "50%", "100%", "3%"])
    }

    func problem(_ yaml: String) -> PolicyFileError? {
        do { _ = try PolicyFile.parse(yaml); return nil } catch { return error }
    }

    let valid = """
        format: liancha-policy/1
        name: test
        title: 测试
        level: county
        year: 2026
        classes:
          - id: key
            name: 重点监管对象
            when:
              permit: 重点管理
            ratio: 18%
        precedence: [key]
        """

    @Test func aValidMinimalPolicyParses() throws {
        let p = try PolicyFile.parse(valid)
        #expect(p.classes.first?.ratio?.quota(of: 33) == 6)
        #expect(p.classes.first?.period == .quarter && p.classes.first?.method == .site)
    }

    @Test func aRatioThatIsNotADecimalIsRejectedWithItsLineAndField() {
        let e = problem(valid.replacingOccurrences(of: "ratio: 18%", with: "ratio: 18 percent"))
        #expect(e?.line == 11 && e?.field == "classes[0].ratio")
        #expect(e?.description.hasPrefix("line 11, field classes[0].ratio: '18 percent' is not a decimal ratio") == true)
    }

    @Test func anUnknownFieldValueIsRejected() {
        let e = problem(valid.replacingOccurrences(of: "permit: 重点管理", with: "permit: 重点"))
        #expect(e?.line == 10 && e?.field == "classes[0].when.permit")
        let f = problem(valid.replacingOccurrences(of: "permit: 重点管理", with: "colour: red"))
        #expect(f?.field == "classes[0].when.colour")
    }

    @Test func precedenceMustNameTheClasses() {
        #expect(problem(valid.replacingOccurrences(of: "precedence: [key]", with: "precedence: [key, special]"))?.field == "precedence")
        #expect(problem(valid.replacingOccurrences(of: "precedence: [key]", with: "precedence: []"))?.field == "precedence")
    }

    @Test func aYAMLSyntaxErrorNamesItsLine() {
        let e = problem(valid.replacingOccurrences(of: "  - id: key", with: "  - id: [key"))
        #expect(e?.line != nil)
        #expect(e?.description.contains("YAML syntax") == true)
    }

    @Test func aMisspelledTopLevelFieldIsRejected() {
        #expect(problem(valid + "\nprecedance: [key]")?.field == "precedance")
        #expect(problem(valid.replacingOccurrences(of: "year: 2026\n", with: ""))?.message == "the field 'year' is missing")
    }
}

@Suite struct ClassificationTests {
    func enterprise(_ configure: (inout Enterprise) -> Void) -> Enterprise {
        var e = Enterprise(uscc: "91130111066UK5484K", name: "甲", division: "130111")
        configure(&e)
        return e
    }

    @Test func gaochengKeyVersusSpecialGoesToSpecial() throws {
        let p = try bundledPolicy("gaocheng-2026")
        let e = enterprise { $0.permit = .key; $0.penalizedLastQuarter = true }
        let r = p.classify(e)
        #expect(r.classID == "special")
        #expect(Set(r.matches.map(\.classID)) == ["special", "key"])
        #expect(p.explain(e).last?.contains("rule:") == true)
    }

    @Test func gaochengKeyVersusGeneralGoesToGeneral() throws {
        let p = try bundledPolicy("gaocheng-2026")
        let e = enterprise { $0.permit = .key; $0.positiveList = true; $0.nonSiteCapable = true }
        #expect(p.classify(e).classID == "general-nonsite")
        #expect(p.supervisionClass("general-nonsite")?.method == .nonSite)
        #expect(p.classify(enterprise { $0.permit = .key }).classID == "key")
    }

    @Test func qinhuangdaoConflictRuleHoldsAtBothLevels() throws {
        for name in ["qinhuangdao-2024-city", "qinhuangdao-2024-county"] {
            let p = try bundledPolicy(name)
            let special = p.classify(enterprise { $0.permit = .key; $0.penalizedLastQuarter = true })
            #expect(p.supervisionClass(special.classID ?? "")?.name == "特殊监管对象")
            let general = p.classify(enterprise { $0.keyDischargeUnit = true; $0.positiveList = true })
            #expect(p.supervisionClass(general.classID ?? "")?.name.hasPrefix("一般监管对象") == true, "\(name)")
            // Nothing special about it: the fallback keeps every enterprise classed.
            #expect(p.classify(enterprise { _ in }).classID != nil)
        }
    }

    @Test func zaozhuangSpecialConditionsAndFourClasses() throws {
        let p = try bundledPolicy("zaozhuang-2024")
        #expect(p.classify(enterprise { $0.permit = .key; $0.supervisedRectification = true }).classID
                == p.classes.first { $0.period == .halfYear }?.id)
        #expect(p.classify(enterprise { $0.labels = ["行业=矿山"] }).classID == p.classes.first { $0.period == .halfYear }?.id)
        #expect(p.classify(enterprise { $0.permit = .simplified }).classID != p.classify(enterprise { $0.permit = .registration }).classID)
    }
}

@Suite struct CompiledClassifierTests {
    /// The compiled classifier agrees with the explained classification on every fixture enterprise.
    @Test(arguments: ["gaocheng-2026", "qinhuangdao-2024-city", "qinhuangdao-2024-county", "zaozhuang-2024", "xuchang-2026"])
    func compiledAndExplainedClassificationAgree(name: String) throws {
        let p = try bundledPolicy(name)
        let classify = p.classifier()
        var reader = try TableReader(data: Data(contentsOf: policiesDir.deletingLastPathComponent().appendingPathComponent("luancheng/enterprises.csv")),
                                     format: .csv)
        var table = try TableSchema.enterprises.bind(header: reader.header)
        let context = ImportContext(departments: ["YJ", "SL", "HB", "SC"].map { Department(code: $0, name: $0, shortName: $0) })
        var count = 0
        while let cells = try reader.next() {
            guard case .record(let e) = table.read(cells, row: reader.rowNumber, context: context) else { continue }
            #expect(classify(e) == p.classify(e).classID, "\(e.uscc)")
            count += 1
        }
        #expect(count > 500)
    }
}
