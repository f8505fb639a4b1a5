import ArgumentParser
import Foundation
import InspectionDocuments
import InspectionReports
import InspectionStore

extension PlanCommand {
    /// `liancha plan export-results PLAN --output FILE.xlsx|.csv`: the results as the national system takes them.
    struct ExportResults: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-results",
            abstract: "Write the plan's results with the national publicity system's columns (抽查计划编号 … 检查结果), as XLSX or CSV.")
        @Argument(help: "The plan number.") var plan: String
        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (.xlsx or .csv).", valueName: "file")) var output: String
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            let lower = output.lowercased()
            guard lower.hasSuffix(".xlsx") || lower.hasSuffix(".csv") else { throw ValidationError("--output must end in .xlsx or .csv") }
        }

        func run() throws {
            try reporting {
                let table = try PlanDocuments.resultsForPublication(plan, in: try global.open())
                let data = output.lowercased().hasSuffix(".csv") ? ReportRenderer.csv(table: table) : try PlanDocuments.publicationWorkbook(table)
                let dir = (output as NSString).deletingLastPathComponent
                _ = try OutputFolder.write(data, dir.isEmpty ? "." : dir, (output as NSString).lastPathComponent)
                print("wrote \(table.rows.count) rows (one per enterprise and department) to \(output)")
            }
        }
    }
}
