import Foundation
import Hummingbird
import Inspection
import InspectionDocuments
import InspectionStore

/// The directory (检查对象名录库), the roster (执法检查人员名录库) and imports of both and of the
/// item lists, with the CLI's validation and its row-by-row error report.
struct DirectoryController {
    let services: WebServices

    func routes() -> RouteCollection<WebContext> {
        let routes = RouteCollection(context: WebContext.self)
        let readers = routes.signedIn(.coordinator, .clerk, .auditor)
        readers.get("directory/enterprises", use: enterprises)
        readers.get("directory/inspectors", use: inspectors)
        let importers = routes.signedIn(.coordinator, .clerk)
        importers.get("directory/import", use: importPage)
        importers.post("directory/import", use: importFile)
        return routes
    }

    static let pageSize = 50

    struct EnterprisesModel: Encodable {
        struct Row: Encodable {
            var uscc: String; var name: String; var address: String; var status: String; var creditRisk: String
            var departments: String; var labels: String
        }
        var query: String
        var rows: [Row]
        var total: Int
        var shown: Int
        var more: Bool
    }

    @Sendable func enterprises(_ request: Request, context: SignedInContext) async throws -> Response {
        let query = request.query("q") ?? ""
        let (page, names) = try await services.read { db in
            (try db.searchEnterprises(query, limit: Self.pageSize),
             Dictionary(uniqueKeysWithValues: try db.departments().map { ($0.code, $0.shortName.isEmpty ? $0.name : $0.shortName) }))
        }
        let model = EnterprisesModel(query: query, rows: page.rows.map {
            .init(uscc: $0.uscc, name: $0.name, address: $0.address, status: $0.status.rawValue, creditRisk: $0.creditRisk?.rawValue ?? "未评",
                  departments: $0.departments.map { names[$0] ?? $0 }.joined(separator: "、"), labels: $0.labels.joined(separator: "；"))
        }, total: page.total, shown: page.rows.count, more: page.total > page.rows.count)
        return try services.renderer.page("enterprises", title: "企业名录", model, request: request, context: context)
    }

    struct InspectorsModel: Encodable {
        struct Row: Encodable {
            var certificate: String; var name: String; var department: String; var post: String; var specialties: String
            var kind: String; var onDuty: Bool
        }
        struct Option: Encodable { var code: String; var name: String; var selected: Bool }
        var query: String
        var departments: [Option]
        var rows: [Row]
        var total: Int
        var more: Bool
    }

    @Sendable func inspectors(_ request: Request, context: SignedInContext) async throws -> Response {
        let query = request.query("q") ?? ""
        let department = request.query("department")?.nonEmpty
        let (page, departments) = try await services.read { db in
            (try db.searchInspectors(query, department: department, limit: Self.pageSize), try db.departments())
        }
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.code, $0.name) })
        let model = InspectorsModel(
            query: query, departments: departments.map { .init(code: $0.code, name: $0.name, selected: $0.code == department) },
            rows: page.rows.map {
                .init(certificate: $0.certificate, name: $0.name, department: names[$0.department] ?? $0.department, post: $0.post,
                      specialties: $0.specialties.joined(separator: "；"), kind: $0.kind.rawValue, onDuty: $0.onDuty)
            }, total: page.total, more: page.total > page.rows.count)
        return try services.renderer.page("inspectors", title: "执法检查人员名录", model, request: request, context: context)
    }

    // MARK: Import

    enum Table: String, CaseIterable {
        case enterprises, inspectors, items

        var label: String {
            switch self {
            case .enterprises: "检查对象名录（企业）"
            case .inspectors: "执法检查人员名录"
            case .items: "抽查事项清单"
            }
        }

        var header: [String] {
            switch self {
            case .enterprises: TableSchema.enterprises.columns.map(\.templateHeader)
            case .inspectors: TableSchema.inspectors.columns.map(\.templateHeader)
            case .items: TableSchema.items.columns.map(\.templateHeader)
            }
        }
    }

    struct ImportModel: Encodable {
        struct Option: Encodable { var value: String; var label: String; var selected: Bool; var header: String }
        struct Summary: Encodable {
            var table: String; var filename: String; var added: Int; var changed: Int; var unchanged: Int; var notes: [String]
            var rejected: [String]
        }
        struct Problems: Encodable { var message: String; var lines: [String] }
        var tables: [Option]
        var summary: Summary?
        var problems: Problems?
        var ownDepartmentOnly: Bool
        var department: String
    }

    func tables(for user: WebUser, selected: Table?) -> [ImportModel.Option] {
        Table.allCases.filter { user.role == .coordinator || $0 != .enterprises }.map {
            .init(value: $0.rawValue, label: $0.label, selected: $0 == selected, header: $0.header.joined(separator: ", "))
        }
    }

    @Sendable func importPage(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let model = ImportModel(tables: tables(for: user, selected: nil), summary: nil, problems: nil,
                                ownDepartmentOnly: user.role == .clerk, department: user.departmentName)
        return try services.renderer.page("import", title: "导入名录与事项", model, request: request, context: context)
    }

    @Sendable func importFile(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let form = try await request.formFields(context: context)
        guard let table = form["table"].flatMap(Table.init(rawValue:)) else {
            throw WebError.badInput("请选择要导入的表：enterprises、inspectors 或 items。")
        }
        guard let file = form.file("file"), !file.value.isEmpty else { throw WebError.badInput("请选择一个 .csv 或 .xlsx 文件。") }
        let filename = (file.filename ?? "upload").split(separator: "/").last.map(String.init) ?? "upload"
        guard let format = SheetFormat(pathExtension: (filename as NSString).pathExtension) else {
            throw WebError.badInput("文件「\(filename)」不是 .csv 或 .xlsx 文件。")
        }
        let skipInvalid = Loose.isTrue(form["skipInvalid"])
        // NB: the store decides what this user may write, on the parsed rows and the stored records.
        let options = ImportOptions(source: filename, skipInvalid: skipInvalid,
                                    department: user.role == .coordinator ? nil : user.department)
        let actor = services.clock.actor(user.name)
        let data = file.value, limits = services.environment.importLimits
        let notes: [String]
        let summary: ImportSummary
        do {
            (notes, summary) = try await services.importing {
                // NB: reading the file is CPU work: it runs on the read queue, not on the server's threads.
                let (header, rows) = try await services.read { _ in
                    var reader = try TableReader(data: data, format: format, limits: limits)
                    return (reader.header, try reader.readAll())
                }
                return try await services.write { db in
                    var iterator = rows.makeIterator()
                    let source: RowSource = { iterator.next().map { ($0.rowNumber, $0.cells) } }
                    switch table {
                    case .enterprises:
                        let bound = try Self.bind(TableSchema.enterprises, header)
                        return (bound.ignoredHeaders, try db.importEnterprises(bound, rows: source, options: options, actor: actor))
                    case .inspectors:
                        let bound = try Self.bind(TableSchema.inspectors, header)
                        return (bound.ignoredHeaders, try db.importInspectors(bound, rows: source, options: options, actor: actor))
                    case .items:
                        let bound = try Self.bind(TableSchema.items, header)
                        return (bound.ignoredHeaders, try db.importItems(bound, rows: source, options: options, actor: actor))
                    }
                }
            }
        } catch let error as StoreError where !request.isAPI {
            switch error {
            case .invalidRows, .header, .otherDepartmentRows:
                let shown = ShownError(error)
                let model = ImportModel(tables: tables(for: user, selected: table), summary: nil,
                                        problems: .init(message: "「\(filename)」：" + shown.message, lines: shown.details),
                                        ownDepartmentOnly: user.role == .clerk, department: user.departmentName)
                return try services.renderer.page("import", title: "导入名录与事项", model, request: request, context: context, status: shown.status)
            default:
                throw error
            }
        }
        let result = ImportModel.Summary(
            table: table.label, filename: filename, added: summary.added, changed: summary.changed, unchanged: summary.unchanged,
            notes: notes.map { "列「\($0)」不属于\(table.label)，已忽略。" },
            rejected: summary.rejected.flatMap { $0.problems.map(Labels.problem) })
        if request.isAPI { return try Renderer.json(result) }
        let model = ImportModel(tables: tables(for: user, selected: table), summary: result, problems: nil,
                                ownDepartmentOnly: user.role == .clerk, department: user.departmentName)
        return try services.renderer.page("import", title: "导入名录与事项", model, request: request, context: context)
    }

    private static func bind<R>(_ schema: TableSchema<R>, _ header: [String]) throws -> BoundTable<R> {
        do { return try schema.bind(header: header) } catch { throw StoreError.header(error) }
    }
}

extension Loose {
    static func isTrue(_ text: String?) -> Bool { ["true", "on", "1", "是", "yes"].contains((text ?? "").lowercased()) }
}
