import Foundation
import Hummingbird
import Inspection
import InspectionStore

/// The page and filters of a plan's enterprise lists (plan page, teams), from the query string:
/// `page`, `department`, `q` (USCC, name or label such as a town), `progress` (complete,
/// incomplete), `overdue` (1). The pager's links carry them on.
struct PlanListQuery {
    static let pageSize = 50

    var page: Int
    var department: String?
    var text: String?
    var progress: PlanEnterpriseFilter.Progress?
    var overdue: Bool

    init(_ request: Request) {
        // NB: capped, so that the offset cannot overflow.
        page = min(max(Int(request.query("page") ?? "") ?? 1, 1), 1_000_000)
        department = request.query("department")?.nonEmpty
        text = request.query("q")?.nonEmpty.map { String($0.prefix(100)) }
        progress = request.query("progress").flatMap(PlanEnterpriseFilter.Progress.init(rawValue:))
        overdue = Loose(text: request.query("overdue") ?? "").isTrue
    }

    var offset: Int { (page - 1) * Self.pageSize }

    /// The store's filter; `department` forced for users who see only their department's enterprises.
    func filter(terms: OverdueTerms, onlyDepartment: String?) -> PlanEnterpriseFilter {
        PlanEnterpriseFilter(department: onlyDepartment ?? department, text: text, progress: progress, overdue: overdue ? terms : nil)
    }

    /// The pager and the filters as a page shows them.
    func pager(total: Int, base: String, departments: [(code: String, name: String)]) -> ListPager {
        let pages = max(1, (total + Self.pageSize - 1) / Self.pageSize)
        func link(_ page: Int) -> String {
            var items: [(String, String)] = [("page", String(page))]
            if let department { items.append(("department", department)) }
            if let text { items.append(("q", text)) }
            if let progress { items.append(("progress", progress.rawValue)) }
            if overdue { items.append(("overdue", "1")) }
            return base + "?" + items.map { "\($0.0)=\($0.1.pathEncoded)" }.joined(separator: "&")
        }
        return ListPager(
            total: total, page: page, pages: pages, first: total == 0 ? 0 : offset + 1, last: min(offset + Self.pageSize, total),
            previous: page > 1 ? link(min(page - 1, pages)) : nil, next: page < pages ? link(page + 1) : nil,
            action: base, text: text ?? "", overdue: overdue,
            departments: departments.map { .init(value: $0.code, label: $0.name, selected: $0.code == department) },
            progress: [("complete", "已录完"), ("incomplete", "未录完")].map { .init(value: $0.0, label: $0.1, selected: $0.0 == progress?.rawValue) },
            filtered: department != nil || text != nil || progress != nil || overdue)
    }
}

/// A list's pager and filter form.
struct ListPager: Encodable {
    struct Option: Encodable { var value: String; var label: String; var selected: Bool }
    var total: Int
    var page: Int
    var pages: Int
    var first: Int
    var last: Int
    var previous: String?
    var next: String?
    var action: String
    var text: String
    var overdue: Bool
    var departments: [Option]
    var progress: [Option]
    var filtered: Bool
}

extension Loose {
    init(text: String) { self.text = text }
}
