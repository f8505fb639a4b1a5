import Foundation
import Hummingbird
import Inspection
import InspectionDocuments
import InspectionReports
import InspectionStore

/// The plan's documents as files: 一企一表 (one enterprise, all combined, printable HTML) and the
/// statistics table (DOCX, XLSX), with a UTF-8 file name.
struct DownloadController {
    let services: WebServices

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        let plans = routes.signedIn(.coordinator, .clerk, .auditor)
        plans.get("plans/:number/forms.docx", use: combinedForms)
        plans.get("plans/:number/forms.html", use: htmlForms)
        plans.get("plans/:number/results.xlsx", use: resultsXlsx)
        routes.signedIn(.coordinator, .clerk, .inspector, .auditor).get("plans/:number/forms/:uscc", use: singleForm)
        let statistics = routes.signedIn(.coordinator, .auditor)
        statistics.get("plans/:number/statistics.docx", use: statisticsDocx)
        statistics.get("plans/:number/statistics.xlsx", use: statisticsXlsx)
        return routes
    }

    private func forms(_ context: SignedInContext) async throws -> (JointPlan, [InspectionFormModel]) {
        let user = context.user, number = try context.param("number")
        return try await services.read { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            guard record.plan.state >= .dispatched else { throw WebError.notFound("计划 \(record.plan.number) 的检查表（尚未派发）") }
            return (record.plan, try PlanDocuments.forms(record.plan.number, in: db))
        }
    }

    @Sendable func combinedForms(_ request: Request, context: SignedInContext) async throws -> Response {
        let (plan, forms) = try await forms(context)
        return Download.response(try ReportRenderer.docx(forms: forms), filename: "\(plan.number)-一企一表-合订本.docx", contentType: Download.docx)
    }

    @Sendable func htmlForms(_ request: Request, context: SignedInContext) async throws -> Response {
        let (plan, forms) = try await forms(context)
        let html = ReportRenderer.html(forms: forms)
        if request.query("download") != nil {
            return Download.response(Data(html.utf8), filename: "\(plan.number)-一企一表.html", contentType: Download.html)
        }
        return Response(status: .ok, headers: [.contentType: Download.html], body: .init(byteBuffer: .init(string: html)))
    }

    @Sendable func singleForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user, number = try context.param("number"), uscc = try context.param("uscc")
        let (plan, form) = try await services.read { db in
            let (facts, _) = try ResultsController.access(number, uscc, user: user, db: db)
            guard let form = try PlanDocuments.forms(facts.plan.number, in: db, of: [uscc]).first else {
                throw WebError.notFound("企业 \(uscc) 的检查表")
            }
            return (facts.plan.number, form)
        }
        return Download.response(try ReportRenderer.docx(forms: [form]), filename: "\(plan)-\(form.enterpriseName)-一企一表.docx",
                                 contentType: Download.docx)
    }

    /// The results with the national publicity system's columns.
    @Sendable func resultsXlsx(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user, number = try context.param("number")
        let (plan, table) = try await services.read { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            return (record.plan.number, try PlanDocuments.resultsForPublication(record.plan.number, in: db))
        }
        return Download.response(try PlanDocuments.publicationWorkbook(table), filename: "\(plan)-抽查结果.xlsx",
                                 contentType: Download.xlsx)
    }

    private func table(_ context: SignedInContext) async throws -> (JointPlan, ReportTable) {
        let user = context.user, number = try context.param("number")
        return try await services.read { db in
            let record = try PlanAccess.plan(number, for: user, in: db)
            return (record.plan, try PlanDocuments.statisticsTable(record.plan.number, in: db))
        }
    }

    @Sendable func statisticsDocx(_ request: Request, context: SignedInContext) async throws -> Response {
        let (plan, table) = try await table(context)
        return Download.response(try ReportRenderer.docx(table: table), filename: "\(plan.number)-联合抽查情况统计表.docx", contentType: Download.docx)
    }

    @Sendable func statisticsXlsx(_ request: Request, context: SignedInContext) async throws -> Response {
        let (plan, table) = try await table(context)
        return Download.response(try ReportRenderer.xlsx(table: table, sheetName: "统计表"), filename: "\(plan.number)-联合抽查情况统计表.xlsx",
                                 contentType: Download.xlsx)
    }
}
