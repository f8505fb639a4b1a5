import Testing
import Inspection

@Suite struct TableSchemaTests {
    let context = ImportContext(departments: [
        Department(code: "YJ", name: "石家庄市栾城区应急管理局", shortName: "应急"),
        Department(code: "HB", name: "石家庄市生态环境局栾城分局", shortName: "生态环境"),
    ])

    @Test func readsEveryEnterpriseFieldFromChineseHeaders() throws {
        var table = try TableSchema.enterprises.bind(header: TableSchema.enterprises.header)
        let cells = ["911301110jx5r7r96d", "河北某化工有限公司", "130111", "栾城镇", "张三", "2614", "停产", "重点管理",
                     "是", "否", "引领性", "C", "是", "否", "是", "否", "YJ、生态环境", "乡镇=栾城镇; 行业=危化"]
        let outcome = table.read(cells, row: 2, context: context)
        guard case .record(let e) = outcome else { Issue.record("rejected: \(outcome)"); return }
        #expect(e.uscc == "911301110JX5R7R96D")
        #expect(e.status == .stopped && e.permit == .key && e.airGrade == .leading && e.creditRisk == .c)
        #expect(e.keyDischargeUnit && !e.positiveList && e.penalizedLastQuarter && e.supervisedRectification)
        #expect(e.departments == ["YJ", "HB"])
        #expect(e.labels == ["乡镇=栾城镇", "行业=危化"])
        // Written back out, the cells read the same way again (in another file).
        var other = try TableSchema.enterprises.bind(header: TableSchema.enterprises.header)
        guard case .record(let again) = other.read(TableSchema.enterprises.cells(of: e), row: 3, context: context) else {
            Issue.record("export did not read back"); return
        }
        #expect(again == e)
    }

    @Test func acceptsEnglishAliasesAndStarredHeadersAndIgnoresUnknownColumns() throws {
        let table = try TableSchema.enterprises.bind(header: ["序号", "USCC", "单位名称*", " Division "])
        #expect(table.ignoredHeaders == ["序号"])
    }

    @Test func aMissingRequiredColumnIsNamed() {
        #expect(throws: HeaderProblem.missingColumns(["统一社会信用代码", "行政区划代码"])) {
            try TableSchema.enterprises.bind(header: ["单位名称", "地址"])
        }
    }

    @Test func aColumnGivenTwiceIsAnError() {
        #expect(throws: HeaderProblem.duplicateColumn("单位名称")) {
            try TableSchema.enterprises.bind(header: ["uscc", "单位名称", "name", "division"])
        }
    }

    @Test func everyBadCellIsReportedWithRowColumnValueAndReason() throws {
        var table = try TableSchema.enterprises.bind(header: ["统一社会信用代码", "单位名称", "行政区划代码", "经营状态", "正面清单", "监管部门"])
        guard case .problems(let problems) = table.read(["91130111066UK5484L", "", "13011", "营业", "Y", "YJ;XX"], row: 7, context: context) else {
            Issue.record("accepted a bad row"); return
        }
        #expect(problems.map(\.column) == ["统一社会信用代码", "单位名称", "行政区划代码", "经营状态", "正面清单", "监管部门"])
        #expect(problems.allSatisfy { $0.row == 7 })
        #expect(problems[0].description == "row 7, column 统一社会信用代码: value '91130111066UK5484L': invalid USCC: check character is 'L', GB 32100 requires 'K'")
        #expect(problems[3].reason == "must be one of 在营/停产/注销")
        #expect(problems[5].reason.hasPrefix("unknown department 'XX'"))
    }

    @Test(arguments: [
        ("排污许可管理类别", "重点"), ("绩效评级", "E"), ("信用风险等级", "AA"), ("重点排污单位", "yes"),
        ("上季度受处罚", "1"), ("高环境风险", "Y"), ("挂牌督办", "true"), ("具备非现场检查条件", "有"),
    ])
    func eachEnumeratedEnterpriseFieldAcceptsOnlyItsListedValues(column: String, value: String) throws {
        var table = try TableSchema.enterprises.bind(header: ["统一社会信用代码", "单位名称", "行政区划代码", column])
        let outcome = table.read(["91130111066UK5484K", "某公司", "130111", value], row: 2, context: context)
        guard case .problems(let problems) = outcome else { Issue.record("\(column) accepted '\(value)'"); return }
        #expect(problems.map(\.column) == [column])
    }

    @Test func inspectorAndItemEnumsAreChecked() throws {
        var inspectors = try TableSchema.inspectors.bind(header: ["执法证号", "姓名", "部门", "在岗", "人员类别", "从业年限"])
        guard case .problems(let p) = inspectors.read(["13011101001", "李四", "应急管理局", "在", "专家", "多年"], row: 2, context: context) else {
            Issue.record("accepted"); return
        }
        #expect(p.map(\.column) == ["部门", "从业年限", "在岗", "人员类别"])
        var items = try TableSchema.items.bind(header: ["部门", "事项编码", "抽查事项", "事项类别", "检查方式"])
        guard case .problems(let q) = items.read(["YJ", "YJ-001", "对工贸行业企业的安全检查", "特别", "电话"], row: 2, context: context) else {
            Issue.record("accepted"); return
        }
        #expect(q.map(\.column) == ["事项类别", "检查方式"])
    }

    @Test func inspectorDepartmentMayBeGivenByName() throws {
        var table = try TableSchema.inspectors.bind(header: ["执法证号", "姓名", "部门"])
        guard case .record(let i) = table.read(["13011101001", "李四", "石家庄市栾城区应急管理局"], row: 2, context: context) else {
            Issue.record("rejected"); return
        }
        #expect(i.department == "YJ" && i.onDuty && i.kind == .officer)
    }

    @Test func aKeyRepeatedInOneFileIsAnError() throws {
        var table = try TableSchema.items.bind(header: TableSchema.items.header)
        let row = ["YJ", "YJ-001", "对工贸行业企业的安全检查"]
        guard case .record = table.read(row, row: 2, context: context) else { Issue.record("rejected"); return }
        guard case .problems(let p) = table.read(row, row: 5, context: context) else { Issue.record("accepted duplicate"); return }
        #expect(p.first?.reason == "the same key is already on row 2 of this file")
        // The same item code in another department is a different item.
        guard case .record = table.read(["HB", "YJ-001", "x"], row: 6, context: context) else { Issue.record("rejected"); return }
    }

    @Test func everyRepeatInALongFileNamesTheRowItFirstAppearedOn() throws {
        // The keys seen are kept compactly (one buffer, a table of hashes): each repeat still finds its first row.
        var table = try TableSchema.items.bind(header: TableSchema.items.header)
        for i in 0..<5_000 {
            guard case .record = table.read(["YJ", "YJ-\(i)", "检查"], row: i + 2, context: context) else { Issue.record("rejected \(i)"); return }
        }
        for i in stride(from: 0, to: 5_000, by: 997) {
            guard case .problems(let p) = table.read(["YJ", "YJ-\(i)", "检查"], row: 9_000 + i, context: context) else {
                Issue.record("accepted duplicate \(i)"); return
            }
            #expect(p.first?.reason == "the same key is already on row \(i + 2) of this file")
        }
        guard case .record = table.read(["YJ", "YJ-5000", "检查"], row: 20_000, context: context) else { Issue.record("rejected"); return }
    }

    @Test func aKeyRepeatedInAnotherUnicodeFormIsStillARepeat() throws {
        // Keys are compared as Strings (canonical equivalence), though they are kept and mostly compared as bytes.
        var table = try TableSchema.inspectors.bind(header: ["执法证号", "姓名", "部门"])
        for i in 0..<3_000 {
            guard case .record = table.read(["CERT-\(i)", "甲", "YJ"], row: i + 2, context: context) else { Issue.record("rejected \(i)"); return }
        }
        guard case .record = table.read(["CAF\u{C9}-1", "乙", "YJ"], row: 4_000, context: context) else { Issue.record("rejected"); return }
        guard case .problems(let p) = table.read(["CAFE\u{301}-1", "丙", "YJ"], row: 4_001, context: context) else {
            Issue.record("accepted the same certificate written decomposed"); return
        }
        #expect(p.map(\.reason) == ["the same key is already on row 4000 of this file"])
    }

    @Test func aDepartmentNamedInAnotherUnicodeFormIsFound() throws {
        let context = ImportContext(departments: [Department(code: "CF", name: "Caf\u{E9} 局", shortName: "Caf\u{E9}"),
                                                  Department(code: "YJ", name: "应急管理局", shortName: "应急")])
        var table = try TableSchema.enterprises.bind(header: ["统一社会信用代码", "单位名称", "行政区划代码", "监管部门"])
        let outcome = table.read(["91130111066UK5484K", "某公司", "130111", "Cafe\u{301};应急;cf"], row: 2, context: context)
        guard case .record(let e) = outcome else { Issue.record("rejected: \(outcome)"); return }
        #expect(e.departments == ["CF", "YJ"])
    }

    @Test(arguments: [("石家庄市\u{3000}", "石家庄市"), ("\u{3000}长安区 ", "长安区"), ("长安区\u{A0}", "长安区"), ("甲化工\u{2029}", "甲化工"),
                      ("长安区", "长安区"), ("㐀\u{4DC0}", "㐀\u{4DC0}"), ("乡镇=冶河镇", "乡镇=冶河镇"), ("𠀀", "𠀀"), (" a\t", "a"), ("", "")])
    func cellsAreTrimmedOfWhiteSpaceOnlyAtTheirEnds(cell: String, trimmed: String) {
        #expect(cell.trimmingWhitespace == trimmed)
    }

    @Test func mergingKeepsWhatAFileDoesNotSay() throws {
        var stored = Enterprise(uscc: "91130111066UK5484K", name: "旧名", division: "130111")
        stored.creditRisk = .d
        stored.labels = ["乡镇=冶河镇"]
        var table = try TableSchema.enterprises.bind(header: ["uscc", "name", "division"])
        guard case .record(let incoming) = table.read(["91130111066UK5484K", "新名", "130111"], row: 2, context: context) else {
            Issue.record("rejected"); return
        }
        let merged = table.merging(incoming, over: stored)
        #expect(merged.name == "新名" && merged.creditRisk == .d && merged.labels == ["乡镇=冶河镇"])
    }
}
