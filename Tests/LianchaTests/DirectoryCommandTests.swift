import ArgumentParser
import Foundation
import Testing
import Inspection
import InspectionDocuments
import InspectionStore
import ZIPFoundation
@testable import liancha

let header = "统一社会信用代码,单位名称,行政区划代码,排污许可管理类别,信用风险等级,监管部门\n"

@Suite struct InitTests {
    @Test func initLoadsTheBundledDepartmentsAndCalendar() throws {
        let w = try Workspace.initialised()
        let db = try AppDatabase.openExisting(w.database)
        #expect(try db.departments().map(\.code).contains("YJ"))
        #expect(try db.workCalendar().years == [2024, 2025, 2026])
        // Running it again changes nothing.
        #expect(w.run("init") == 0)
        #expect(try db.auditLog().count == 3)
    }

    @Test func theBundledDataIsTheFixtureFiles() throws {
        let departments = try String(contentsOf: fixturesDir.appendingPathComponent("departments.csv"), encoding: .utf8)
        let calendar = try String(contentsOf: fixturesDir.appendingPathComponent("calendar/cn-calendar-2024-2026.csv"), encoding: .utf8)
            .replacingOccurrences(of: "\r\n", with: "\n")  // the reference file has CRLF line ends
        #expect(Bundled.departments + "\n" == departments, "run scripts/embed-bundled.py")
        #expect(Bundled.calendar + "\n" == calendar, "run scripts/embed-bundled.py")
    }

    @Test func otherCommandsOnAMissingDatabaseSayHowToCreateIt() throws {
        let w = try Workspace()
        #expect(w.run("summary") == 1)
        #expect(!FileManager.default.fileExists(atPath: w.database))
        #expect(StoreError.missingDatabase(path: "x.sqlite").description == "no database at x.sqlite: create it with `liancha init --database x.sqlite`")
    }
}

@Suite struct ImportCommandTests {
    @Test func aValidCSVIsImported() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", header + "91130111066UK5484K,甲化工,130111,重点管理,B,YJ;HB\n")
        #expect(w.run("import", "enterprises", file) == 0)
        #expect(try AppDatabase.openExisting(w.database).enterprises().map(\.name) == ["甲化工"])
    }

    @Test func aGB18030CSVFromChineseExcelIsDetectedAndImported() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", gb18030(header + "91130111066UK5484K,石家庄栾城区甲化工有限公司,130111,简化管理,A,应急\n"))
        #expect(w.run("import", "enterprises", file) == 0)
        let e = try #require(try AppDatabase.openExisting(w.database).enterprise(uscc: "91130111066UK5484K"))
        #expect(e.name == "石家庄栾城区甲化工有限公司" && e.permit == .simplified && e.departments == ["YJ"])
    }

    @Test func aUTF8CSVWithBOMIsImported() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", Data([0xEF, 0xBB, 0xBF]) + Data((header + "91130111066UK5484K,甲,130111,无,,HB\n").utf8))
        #expect(w.run("import", "enterprises", file) == 0)
        #expect(try AppDatabase.openExisting(w.database).enterprise(uscc: "91130111066UK5484K")?.creditRisk == nil)
    }

    @Test func anXLSXIsImportedFromItsFirstSheet() throws {
        let w = try Workspace.initialised()
        var sheet = XLSXSheet(name: "名录")
        sheet.rows = [["执法证号", "姓名", "部门", "从业年限"].map { XLSXCell.text($0) },
                      [.text("13011101001"), .text("张明"), .text("YJ"), .number(12)]]
        let file = try w.write("i.xlsx", XLSXWorkbook(sheets: [sheet]).data())
        #expect(w.run("import", "inspectors", file) == 0)
        #expect(try AppDatabase.openExisting(w.database).inspectors().first?.years == 12)
    }

    @Test func aBadRowMakesTheImportWriteNothingAndFail() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", header
            + "91130111066UK5484K,甲,130111,重点管理,B,YJ\n"
            + "91130111066UK5484X,乙,130111,重点管理,B,YJ\n")
        #expect(w.run("import", "enterprises", file) == 1)
        #expect(try AppDatabase.openExisting(w.database).enterprises().isEmpty)
    }

    @Test func skipInvalidWritesGoodRowsAndARejectsFileWithReasons() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", header
            + "91130111066UK5484K,甲,130111,重点管理,B,YJ\n"
            + "911301110JX5R7R96D,乙,130111,特殊管理,B,YJ\n")
        let rejects = w.path("rejects.csv")
        #expect(w.run("import", "enterprises", file, "--skip-invalid", "--rejects", rejects) == 0)
        #expect(try AppDatabase.openExisting(w.database).enterprises().map(\.name) == ["甲"])
        var reader = try TableReader(data: Data(contentsOf: URL(fileURLWithPath: rejects)), format: .csv)
        #expect(reader.header.first == "原行号" && reader.header.last == "错误原因")
        let row = try #require(try reader.next())
        #expect(row[0] == "3" && row[2] == "乙")
        #expect(row.last?.contains("排污许可管理类别") == true)
        #expect(try reader.next() == nil)
    }

    @Test func skipInvalidWithoutARejectsFileIsRefused() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", header)
        #expect(w.run("import", "enterprises", file, "--skip-invalid") != 0)
    }

    @Test func aMissingRequiredColumnFailsBeforeAnyRow() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", "单位名称,行政区划代码\n甲,130111\n")
        #expect(w.run("import", "enterprises", file) == 1)
    }

    @Test func everyWriteLeavesAnAuditEntryWithTheOperator() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", header + "91130111066UK5484K,甲,130111,重点管理,B,YJ\n")
        #expect(w.run("import", "enterprises", file, "--operator", "赵科长") == 0)
        let entry = try #require(try AppDatabase.openExisting(w.database).auditLog(limit: 1).first)
        #expect(entry.operator == "赵科长" && entry.action == "import enterprises" && entry.records == "91130111066UK5484K")
    }
}

@Suite struct ExportCommandTests {
    /// The Luancheng fixtures, imported.
    func luancheng() throws -> Workspace {
        let w = try Workspace.initialised()
        for table in ["enterprises", "inspectors", "items"] {
            #expect(w.run("import", table, fixturesDir.appendingPathComponent("luancheng/\(table).csv").path) == 0)
        }
        return w
    }

    @Test(arguments: ["csv", "xlsx"])
    func exportThenImportChangesNothing(ext: String) throws {
        let w = try luancheng()
        let db = try AppDatabase.openExisting(w.database)
        let before = (try db.enterprises(), try db.inspectors(), try db.items())
        for table in ["enterprises", "inspectors", "items"] {
            let file = w.path("\(table).\(ext)")
            #expect(w.run("export", table, "--output", file) == 0)
            #expect(w.run("import", table, file) == 0)
            let entry = try #require(try db.auditLog(limit: 1).first)
            #expect(entry.detail.contains(": 0 added, 0 changed, "), "\(entry.detail)")
        }
        #expect(try db.enterprises() == before.0)
        #expect(try db.inspectors() == before.1)
        #expect(try db.items() == before.2)
    }

    @Test func aCSVExportNeverHoldsAFormulaAndImportsBackUnchanged() throws {
        // Given: enterprises whose names a spreadsheet would run as formulas
        let w = try Workspace.initialised()
        let names = ["=HYPERLINK(\"http://x.example\",\"点此\")", "+1+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-1+2"]
        let usccs = ["91130111MA0D0M0P37", "91130111MA0DFUEW3B", "91130111MA09EX431Y", "92130111MACX80C76T"]
        let rows = zip(usccs, names).map { "\($0),\"\($1.replacingOccurrences(of: "\"", with: "\"\""))\",130111,无,A,YJ" }
        #expect(w.run("import", "enterprises", try w.write("e.csv", header + rows.joined(separator: "\n") + "\n")) == 0)
        // When
        let file = w.path("export.csv")
        #expect(w.run("export", "enterprises", "--output", file) == 0)
        // Then: every such cell starts with ', as Excel and WPS show text
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let text = String(decoding: data, as: UTF8.self)
        for name in names { #expect(text.contains("'" + name.prefix(8)), "\(name)") }
        var table = try TableReader(data: data, format: .csv)
        let column = try #require(table.header.firstIndex(of: "单位名称"))
        #expect(Set(try table.readAll().map { $0.cells[column] }) == Set(names))
        #expect(w.run("import", "enterprises", file) == 0)
        let db = try AppDatabase.openExisting(w.database)
        #expect(Set(try db.enterprises().map(\.name)) == Set(names))
        #expect(try #require(try db.auditLog(limit: 1).first).detail.contains(": 0 added, 0 changed, "))
    }

    @Test func xlsxExportKeepsCodesAsTextCells() throws {
        let w = try luancheng()
        let file = w.path("enterprises.xlsx")
        #expect(w.run("export", "enterprises", "--output", file) == 0)
        // Read the worksheet XML itself: no code may be a numeric cell.
        let archive = try Archive(url: URL(fileURLWithPath: file), accessMode: .read)
        let entry = try #require(archive["xl/worksheets/sheet1.xml"])
        var xml = Data()
        _ = try archive.extract(entry) { xml.append($0) }
        let text = String(decoding: xml, as: UTF8.self)
        let cells = text.components(separatedBy: "<c ").dropFirst()
        #expect(cells.count > 500 * 18)
        // Columns A (USCC), C (division) and F (industry) are never numbers.
        for cell in cells where cell.hasPrefix("r=\"A") || cell.hasPrefix("r=\"C") || cell.hasPrefix("r=\"F") {
            #expect(cell.contains("t=\"s\"") || cell.contains("t=\"inlineStr\"") || !cell.contains("<v>"), "\(cell.prefix(60))")
        }
    }
}

@Suite struct USCCAndCalendarCommandTests {
    @Test func usccCheckExitsOneWhenAnyCodeIsInvalid() throws {
        let w = try Workspace()
        var valid = try Liancha.parseAsRoot(["uscc", "check", "91130111066UK5484K"])
        try valid.run()
        var invalid = try Liancha.parseAsRoot(["uscc", "check", "91130111066UK5484K", "91130111066UK5484L"])
        #expect(throws: ExitCode(1)) { try invalid.run() }
        _ = w
    }

    /// Issue 9: these inputs trapped (signal 4) in `USCC.validate`.
    @Test(arguments: ["0\u{301}", "9113011106\u{200D}6UK5484K", "91130111066UK5484\u{FE0F}"])
    func usccCheckRefusesMarksAndJoinersWithoutDying(code: String) throws {
        var command = try Liancha.parseAsRoot(["uscc", "check", code])
        #expect(throws: ExitCode(1)) { try command.run() }
    }

    @Test func anImportWithACombiningMarkInACodeNamesTheRowAndWritesNothing() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", header + "91130111066UK5484K,甲化工,130111,重点管理,B,YJ\n0\u{301},乙化工,130111,重点管理,B,YJ\n")
        #expect(w.run("import", "enterprises", file) == 1)
        #expect(try AppDatabase.openExisting(w.database).enterprises().isEmpty)
    }

    @Test func isWorkdayAnswersWithItsExitStatus() throws {
        let w = try Workspace.initialised()
        #expect(w.run("calendar", "is-workday", "2024-09-29") == 0)   // adjusted working Sunday
        #expect(w.run("calendar", "is-workday", "2024-10-02") == 1)   // National Day
        #expect(w.run("calendar", "is-workday", "2026-11-21") == 1)   // a Saturday
        #expect(w.run("calendar", "is-workday", "2027-03-01") == 2)   // no notice loaded for 2027
        #expect(w.run("calendar", "is-workday", "2026-13-01") == 2)
    }

    @Test func addWorkdaysRefusesToGuessBeyondTheLoadedYears() throws {
        let w = try Workspace.initialised()
        #expect(w.run("calendar", "add-workdays", "2024-09-27", "20") == 0)
        #expect(w.run("calendar", "add-workdays", "2026-12-20", "20") == 1)
    }

    @Test func aNewYearsNoticeCanBeImported() throws {
        let w = try Workspace.initialised()
        let file = try w.write("2027.csv", "date,kind,name\n2027-01-01,holiday,元旦\n")
        #expect(w.run("calendar", "import", file) == 0)
        #expect(w.run("calendar", "is-workday", "2027-03-01") == 0)
        #expect(w.run("calendar", "is-workday", "2027-01-01") == 1)
    }

    @Test func aWorkdayRowOnAWeekdayIsRejected() throws {
        let w = try Workspace.initialised()
        let file = try w.write("bad.csv", "date,kind,name\n2027-01-04,workday,元旦\n")
        #expect(w.run("calendar", "import", file) == 1)
        #expect(w.run("calendar", "is-workday", "2027-03-01") == 2)
    }
}

@Suite(.serialized) struct DatabaseLocationTests {
    @Test(.enabled(if: !Workspace.onPostgres, "checks that the file is made")) func theEnvironmentVariableNamesTheDefaultDatabase() throws {
        let w = try Workspace()
        setenv("LIANCHA_DATABASE", w.database, 1)
        defer { unsetenv("LIANCHA_DATABASE") }
        var command = try Liancha.parseAsRoot(["init"])
        try command.run()
        #expect(FileManager.default.fileExists(atPath: w.database))
    }
}

/// `liancha import` reads a CSV file a piece at a time: a file of several pieces imports whole, with
/// its rows and problems where they are in the file.
@Suite struct StreamingImportTests {
    /// `count` valid enterprises with long addresses, so that the file spans several 1 MiB pieces.
    static func directory(_ count: Int, badRow: Int? = nil) -> String {
        var text = "统一社会信用代码,单位名称,行政区划代码,地址,排污许可管理类别,信用风险等级,监管部门\n"
        for i in 0..<count {
            let body = "91130111" + String(format: "%09d", i)
            let uscc = body + String(USCC.checkCharacter(for: body)!)
            let address = "石家庄市栾城区" + String(repeating: "某某路", count: 20) + "\(i)号"
            let permit = i == badRow ? "不知道" : "重点管理"
            text += "\(uscc),\"企业\(i),有限公司\",130111,\(address),\(permit),B,YJ;HB\n"
        }
        return text
    }

    @Test func aCSVOfSeveralPiecesImportsEveryRow() throws {
        let w = try Workspace.initialised()
        let text = Self.directory(8_000)
        #expect(text.utf8.count > 2 << 20)
        let file = try w.write("e.csv", text)
        #expect(w.run("import", "enterprises", file) == 0)
        let db = try AppDatabase.openExisting(w.database)
        let last = "91130111" + String(format: "%09d", 7_999)
        #expect(try db.enterprise(uscc: last + String(USCC.checkCharacter(for: last)!))?.name == "企业7999,有限公司")
        #expect(try db.enterprisesForClassification().count == 8_000)
    }

    @Test func aBadRowLateInALargeFileWritesNothing() throws {
        let w = try Workspace.initialised()
        let file = try w.write("e.csv", Self.directory(8_000, badRow: 7_500))
        #expect(w.run("import", "enterprises", file) == 1)
        #expect(try AppDatabase.openExisting(w.database).enterprisesForClassification().isEmpty)
    }

    @Test func theProgressLineGivesRowsPercentageSpeedAndTimeLeft() {
        #expect(Console.Progress.line(rows: 250_000, seconds: 2.5, fraction: 0.25) == "  250000 rows, 25%, 100000 rows/s, 8 s left")
        #expect(Console.Progress.line(rows: 1_000, seconds: 0.5, fraction: nil) == "  1000 rows, 2000 rows/s")
    }
}
