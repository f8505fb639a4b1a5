import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

/// Writes files into a folder, creating it; a clear error when it cannot.
enum OutputFolder {
    static func create(_ dir: String) throws {
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw Failure(message: "\(dir): cannot create the folder")
        }
    }

    static func write(_ data: Data, _ dir: String, _ name: String) throws -> String {
        let path = (dir as NSString).appendingPathComponent(name)
        // NB: plain POSIX writes: Foundation's Data.write syncs every file to disk on Linux, which
        // made writing 10,000 forms take 40 s instead of 2.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(message: "\(path): cannot be written") }
        defer { close(fd) }
        let ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        guard ok else { throw Failure(message: "\(path): cannot be written (is the disk full?)") }
        return path
    }

    /// A file name from display text: no path separators or characters Windows refuses.
    static func safeName(_ text: String) -> String {
        String(text.map { "/\\:*?\"<>|".contains($0) ? "_" : $0 })
    }

    /// A table as DOCX, XLSX and CSV (and HTML), named `base.*`.
    static func writeTable(_ table: ReportTable, _ dir: String, _ base: String) throws -> [String] {
        [try write(try ReportRenderer.docx(table: table), dir, base + ".docx"),
         try write(try ReportRenderer.xlsx(table: table), dir, base + ".xlsx"),
         try write(ReportRenderer.csv(table: table), dir, base + ".csv"),
         try write(Data(ReportRenderer.html(table: table).utf8), dir, base + ".html")]
    }
}

extension PlanCommand {
    struct Forms: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the 一企一表 forms: one DOCX per enterprise, one combined DOCX, and printable HTML.")
        @Argument(help: "The plan number.") var plan: String
        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write to.", valueName: "dir")) var output: String?
        @Option(help: ArgumentHelp("Also write the forms' data as JSON (for other tools).", valueName: "file")) var json: String?
        @Option(help: ArgumentHelp("A policy whose supervision class the forms show.", valueName: "name")) var policy: String?
        @Option(help: ArgumentHelp("The public address of the web app, for the QR codes of the visit notices.", valueName: "url"))
        var publicURL = VisitDocuments.defaultPublicURL
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if output == nil && json == nil { throw ValidationError("give --output DIR (and/or --json FILE)") }
        }

        func run() throws {
            try reporting {
                let db = try global.open()
                let record = try db.plan(plan)
                try record.plan.state.require(.matched, .checking, .recorded, .published, .closed, plan: plan, to: "print forms")
                let forms = try PlanDocuments.forms(plan, in: db, policy: try policy.map(Policies.load))
                if let json {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    try (try encoder.encode(forms)).write(to: URL(fileURLWithPath: json))
                    print("wrote \(forms.count) forms' data to \(json)")
                }
                guard let output else { return }
                try OutputFolder.create(output)
                for (i, form) in forms.enumerated() {
                    let name = String(format: "%03d-%@-%@.docx", i + 1, form.uscc, OutputFolder.safeName(form.enterpriseName))
                    _ = try OutputFolder.write(try ReportRenderer.docx(forms: [form]), output, name)
                }
                let combined = try OutputFolder.write(try ReportRenderer.docx(forms: forms), output, "\(plan)-一企一表-合订本.docx")
                let html = try OutputFolder.write(Data(ReportRenderer.html(forms: forms).utf8), output, "\(plan)-一企一表.html")
                print("wrote \(forms.count) forms to \(output): one DOCX per enterprise, \(combined), \(html)")
                let visits = try VisitCommand.writePlanVisitDocuments(plan, db: db, output: output, publicURL: publicURL)
                if visits > 0 { print("wrote the 行政检查通知书, 现场检查笔录 and 行政检查审批表 of \(visits) filed visits") }
            }
        }
    }

    struct Table: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the joint-inspection statistics table (联合抽查情况统计表) as DOCX (landscape), XLSX, CSV and HTML.",
            discussion: "The table is the annex of \(Citation.luancheng2026).")
        @Argument(help: "The plan number.") var plan: String
        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write to.", valueName: "dir")) var output: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let table = try PlanDocuments.statisticsTable(plan, in: try global.open())
                try OutputFolder.create(output)
                let files = try OutputFolder.writeTable(table, output, "\(plan)-联合抽查情况统计表")
                print(table.title)
                for row in table.rows { print("  " + row.joined(separator: "  ")) }
                print("wrote " + files.joined(separator: ", "))
            }
        }
    }
}

/// `liancha report plans --year 2026 --output DIR`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tables sent upward and published.",
        subcommands: [Plans.self, QuarterReportCommand.self]
    )

    struct Plans: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The annual joint-plan tables: cross-department (附件2) and internal (附件1) joint plans, DOCX and XLSX.",
            discussion: "The tables are 附件1 and 附件2 of \(Citation.qinhuangdao2024).")
        @Option(help: "The year.") var year: Int
        @Option(help: ArgumentHelp("填报单位, printed on the tables.", valueName: "name")) var unit = ""
        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write to.", valueName: "dir")) var output: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try reporting {
                let tables = try PlanDocuments.annualPlanTables(year: year, in: try global.open(), unit: unit)
                try OutputFolder.create(output)
                let files = try OutputFolder.writeTable(tables.crossDepartment, output, "\(year)年度跨部门联合抽查计划表")
                    + OutputFolder.writeTable(tables.internal, output, "\(year)年度内部联合抽查计划表")
                print("\(tables.crossDepartment.rows.count) cross-department and \(tables.internal.rows.count) internal plans")
                print("wrote " + files.joined(separator: ", "))
            }
        }
    }
}
