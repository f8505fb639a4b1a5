// View models of the documents liancha prints. The CLI and the web fill them from the store;
// the renderers in this module turn them into DOCX, XLSX and HTML. They hold display text only.

/// 一企一表: the combined record form of one enterprise in a joint plan, printed on A4.
public struct InspectionFormModel: Sendable, Hashable, Codable {
    /// e.g. 石家庄市栾城区2026年第六次跨部门“双随机、一公开”联合抽查
    public var title: String
    /// e.g. 随机抽查联合检查记录表（一企一表）
    public var subtitle: String
    public var planNumber: String
    public var planName: String
    public var taskNumber: String
    public var taskName: String
    /// The enterprise's identity.
    public var enterpriseName: String
    public var uscc: String
    public var address: String
    public var legalRepresentative: String
    /// e.g. "2614 有机化学原料制造" or just the code
    public var industry: String
    /// e.g. 重点监管对象 (or empty when not classed)
    public var supervisionClass: String
    /// A/B/C/D or 未评
    public var creditRisk: String
    /// The mixed team, in department-code order.
    public var team: [TeamMember]
    /// Every applicable item, grouped by department (in department-code order).
    public var sections: [DepartmentSection]
    /// The draw record that picked this enterprise, e.g. D2026Q2-0003, printed in the footer for traceability.
    public var drawID: String
    /// Check window, e.g. 2026年5月15日至6月30日
    public var window: String

    public struct TeamMember: Sendable, Hashable, Codable {
        public var name: String
        public var department: String
        public var certificate: String
        /// 执法人员 or 辅助人员（协助）
        public var role: String
        public init(name: String, department: String, certificate: String, role: String) {
            self.name = name; self.department = department; self.certificate = certificate; self.role = role
        }
    }

    public struct DepartmentSection: Sendable, Hashable, Codable {
        public var department: String
        public var items: [Item]
        public init(department: String, items: [Item]) { self.department = department; self.items = items }
    }

    public struct Item: Sendable, Hashable, Codable {
        public var code: String
        public var name: String
        /// 检查内容
        public var content: String
        /// Filled when results are recorded: 未发现问题 / 发现问题 (empty on a blank form).
        public var result: String
        public var description: String
        public init(code: String, name: String, content: String, result: String = "", description: String = "") {
            self.code = code; self.name = name; self.content = content; self.result = result; self.description = description
        }
    }

    public init(title: String, subtitle: String, planNumber: String, planName: String, taskNumber: String, taskName: String,
                enterpriseName: String, uscc: String, address: String, legalRepresentative: String, industry: String,
                supervisionClass: String, creditRisk: String, team: [TeamMember], sections: [DepartmentSection],
                drawID: String, window: String) {
        self.title = title; self.subtitle = subtitle; self.planNumber = planNumber; self.planName = planName
        self.taskNumber = taskNumber; self.taskName = taskName; self.enterpriseName = enterpriseName; self.uscc = uscc
        self.address = address; self.legalRepresentative = legalRepresentative; self.industry = industry
        self.supervisionClass = supervisionClass; self.creditRisk = creditRisk; self.team = team; self.sections = sections
        self.drawID = drawID; self.window = window
    }
}

/// A table with a title, one or two header rows (with merged group headings) and body rows, as
/// the statistics and annual plan tables are printed.
public struct ReportTable: Sendable, Hashable {
    /// e.g. 石家庄市栾城区2026年第六次跨部门“双随机、一公开”联合抽查情况统计表
    public var title: String
    /// Lines under the title, e.g. 填报单位：… 填报日期：…
    public var subtitle: [String]
    /// The header: each column either stands alone over both header rows, or sits under a group
    /// heading that spans its neighbours (抽查结果 over 发现问题事项 and 发现问题企业).
    public var columns: [Column]
    public var rows: [[String]]
    /// Rows to print bold (e.g. the total row), by index into `rows`.
    public var emphasisedRows: Set<Int>
    public var landscape: Bool
    /// Lines under the table (notes, source).
    public var notes: [String]

    public struct Column: Sendable, Hashable {
        public var heading: String
        /// The group heading over this column; adjacent columns with the same group share one merged cell.
        public var group: String?
        /// Relative width (character units).
        public var width: Double
        /// Numbers are right-aligned; text left.
        public var numeric: Bool
        public init(_ heading: String, group: String? = nil, width: Double = 10, numeric: Bool = false) {
            self.heading = heading; self.group = group; self.width = width; self.numeric = numeric
        }
    }

    public init(title: String, subtitle: [String] = [], columns: [Column], rows: [[String]], emphasisedRows: Set<Int> = [],
                landscape: Bool = true, notes: [String] = []) {
        self.title = title; self.subtitle = subtitle; self.columns = columns; self.rows = rows
        self.emphasisedRows = emphasisedRows; self.landscape = landscape; self.notes = notes
    }

    /// Whether any column has a group heading, i.e. the header takes two rows.
    public var hasTwoHeaderRows: Bool { columns.contains { $0.group != nil } }
}
