import Foundation
import Testing
import Inspection
@testable import InspectionStore

/// A policy testing every directory field the store reads for a draw.
private let policy = Policy(
    name: "every-field-2026", title: "测试", jurisdiction: "栾城区", level: .county, year: 2026, source: "",
    classes: [
        SupervisionClass(id: "special", name: "特殊监管对象", condition: .any([
            .test(.label, ["投诉=频繁"]), .test(.creditRisk, ["D"]), .test(.industry, ["06"]),
            .all([.test(.highRisk, ["是"]), .not(.test(.status, ["停产"]))]), .test(.penalizedLastQuarter, ["是"]),
        ]), period: .halfYear, ratio: try! Ratio("100%")),
        SupervisionClass(id: "key", name: "重点监管对象", condition: .any([
            .test(.permit, ["重点管理"]), .test(.keyDischargeUnit, ["是"]), .test(.airGrade, ["D", ConditionField.unrated]),
        ]), ratio: try! Ratio("25%")),
        SupervisionClass(id: "nonsite", name: "非现场", condition: .all([
            .test(.positiveList, ["是"]), .test(.nonSiteCapable, ["是"]), .not(.test(.supervisedRectification, ["是"])),
            .test(.division, ["130111"]),
        ]), ratio: try! Ratio("10%"), method: .nonSite),
        SupervisionClass(id: "general", name: "一般监管对象", condition: .test(.permit, ["登记管理"]), ratio: try! Ratio("3%")),
    ],
    precedence: ["special", "nonsite", "key", "general"], precedenceNote: "", fallback: "general",
    rules: PolicyRules(), inputs: [])

@Suite struct DrawMembersTests {
    /// A directory of `count` enterprises mixing every field's values, imported as a file would be.
    func directory(count: Int) throws -> AppDatabase {
        let db = try seededDatabase()
        let labels = ["", "乡镇=冶河镇", "投诉=频繁;行业=危化", "行业=矿山", "行业=工贸;投诉=频繁"]
        let enterprises = (0..<count).map { n in
            let body = "91130111" + String(String(n).reversed()).padding(toLength: 9, withPad: "0", startingAt: 0)
            var e = Enterprise(uscc: body + String(USCC.checkCharacter(for: body)!), name: "企业\(n)",
                               division: ["130111", "130123"][n % 2])
            e.industry = ["", "0610", "2662", "06"][n % 4]
            e.status = OperatingStatus.allCases[(n / 3) % 3]
            e.permit = PermitCategory.allCases[(n / 5) % 4]
            e.keyDischargeUnit = n % 7 == 0
            e.positiveList = n % 3 == 0
            e.airGrade = n % 6 == 0 ? nil : AirGrade.allCases[n % 5]
            e.creditRisk = n % 4 == 0 ? nil : CreditRisk.allCases[(n / 4) % 4]
            e.penalizedLastQuarter = n % 11 == 0
            e.highRisk = n % 13 == 0
            e.supervisedRectification = n % 9 == 0
            e.nonSiteCapable = n % 5 != 1
            e.labels = labels[(n / 2) % labels.count].split(separator: ";").map(String.init)
            return e
        }
        let schema = TableSchema.enterprises
        _ = try db.importEnterprises(schema.bind(header: schema.header), rows: source(enterprises.map(schema.cells(of:))),
                                     options: ImportOptions(source: "e.csv"), actor: clerk)
        return db
    }

    /// The members as `QuarterDrawRequest.file` files the enterprises the store reads one at a time.
    func filedOneByOne(_ db: AppDatabase, _ request: QuarterDrawRequest) throws -> DrawMembers {
        let classOf = request.policy.classifier()
        var members = DrawMembers()
        try db.forEachEnterpriseForClassification(in: request.quarter, departments: false) { request.file($0, classOf: classOf, into: &members) }
        return members
    }

    @Test(arguments: [[], ["投诉=频繁"], ["行业=危化", "投诉=频繁"]])
    func membersReadOnTheirBytesAreThoseOfTheEnterprises(directed: [String]) throws {
        // Given
        let db = try directory(count: 400)
        let request = QuarterDrawRequest(policy: policy, quarter: Quarter("2026Q2")!, directed: directed)
        // When
        let members = try db.drawMembers(for: request)
        // Then
        let expected = try filedOneByOne(db, request)
        var total = 0
        for id in ["special", "key", "nonsite", "general"] {
            // NB: in any order: PostgreSQL reads the directory grouped by the values the policy tests.
            #expect(sortedMembers(members, id) == sortedMembers(expected, id), "\(id)")
            total += members.members(of: id).ids.count
        }
        #expect(total > 0)
        let drawn = try request.draw(members: members, history: DrawHistory(), seed: seed)
        #expect(drawn.strata == (try request.draw(members: expected, history: DrawHistory(), seed: seed)).strata)
    }

    /// A class's members, USCC and status, in USCC order.
    func sortedMembers(_ members: DrawMembers, _ id: String) -> [String] {
        let (ids, statuses) = members.members(of: id)
        return zip(ids.strings, statuses).map { "\($0) \($1.rawValue)" }.sorted()
    }

    @Test func aDirectoryReadInTwoRangesGivesTheSameMembers() throws {
        // Given
        let db = try directory(count: 301)
        let request = QuarterDrawRequest(policy: policy, quarter: Quarter("2026Q2")!)
        // When: read in two halves of its rowids
        let members = try db.drawMembers(for: request, splittingFrom: 10)
        // Then: each class holds the same members
        let expected = try filedOneByOne(db, request)
        for id in ["special", "key", "nonsite", "general"] {
            #expect(sortedMembers(members, id) == sortedMembers(expected, id), "\(id)")
        }
        #expect(members.members(of: "general").ids.count > 10)
    }

    @Test func anEnterpriseWhoseKeyIsNotEighteenBytesIsFiledAllTheSame() throws {
        // Given: a row written past the import (which refuses such a key): 18 characters, 54 bytes
        let db = try directory(count: 40)
        let wide = String(repeating: "９", count: 18)
        try db.backend.write { db in
            try db.execute(sql: """
                INSERT INTO enterprise (uscc, name, division, status, permit, key_discharge_unit, positive_list, penalized_last_quarter,
                                        high_risk, supervised_rectification, non_site_capable, added_on, added_audit_id)
                SELECT ?, '全角', '130111', '在营', '登记管理', FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, '2026-01-01', max(id) FROM audit_log
                """, arguments: [wide])
        }
        let request = QuarterDrawRequest(policy: policy, quarter: Quarter("2026Q2")!)
        // When
        let members = try db.drawMembers(for: request)
        // Then
        let expected = try filedOneByOne(db, request)
        for id in ["special", "key", "nonsite", "general"] {
            #expect(sortedMembers(members, id) == sortedMembers(expected, id), "\(id)")
        }
        #expect(members.members(of: "key").ids.strings.contains(wide))  // no air grade: unrated
    }

    @Test func aPolicyTooLargeForTheRawClassifierIsClassedOnEnterprises() throws {
        // Given: 65 label tests
        let db = try directory(count: 100)
        var large = policy
        large.classes[1].condition = .any([.test(.permit, ["重点管理"])] + (0..<64).map { .test(.label, ["x\($0)"]) })
        #expect(RawClassifier(policy: large) == nil)
        let request = QuarterDrawRequest(policy: large, quarter: Quarter("2026Q2")!)
        // When
        let members = try db.drawMembers(for: request)
        // Then
        let expected = try filedOneByOne(db, request)
        for id in ["special", "key", "nonsite", "general"] {
            #expect(sortedMembers(members, id) == sortedMembers(expected, id), "\(id)")
        }
        #expect(members.members(of: "key").ids.count > 0)
    }
}

private let seed = VerifiableDraw.seed(fromPublicEntropy: "members")
