// The four tables of 两库一单 as clerks exchange them: Chinese headers, English aliases.

extension TableSchema where Record == Department {
    public static let departments = TableSchema(
        noun: "departments",
        columns: [
            TableColumn("部门编码", "code", required: true, \.code,
                        read: { v, _ throws(ValueProblem) in try Cell.code(v) }, write: { $0 }),
            TableColumn("部门名称", "name", required: true, \.name, read: { v, _ in v }, write: { $0 }),
            TableColumn("简称", "short_name", \.shortName, read: { v, _ in v }, write: { $0 }),
        ],
        blank: { Department(code: "", name: "", shortName: "") },
        key: \.code
    )
}

extension TableSchema where Record == Enterprise {
    public static let enterprises = TableSchema(
        noun: "enterprises",
        columns: [
            TableColumn("统一社会信用代码", "uscc", required: true, \.uscc,
                        read: { v, _ throws(ValueProblem) in
                            do { return try USCC.validate(v) } catch { throw ValueProblem("invalid USCC: \(error)") }
                        }, write: { $0 }),
            TableColumn("单位名称", "name", required: true, \.name, read: { v, _ in v }, write: { $0 }),
            TableColumn("行政区划代码", "division", required: true, \.division,
                        read: { v, _ throws(ValueProblem) in try Cell.division(v) }, write: { $0 }),
            TableColumn("地址", "address", \.address, read: { v, _ in v }, write: { $0 }),
            TableColumn("法定代表人", "legal_representative", \.legalRepresentative, read: { v, _ in v }, write: { $0 }),
            TableColumn("行业代码", "industry", \.industry, read: { v, _ in v }, write: { $0 }),
            TableColumn("经营状态", "status", \.status,
                        read: { v, _ throws(ValueProblem) in try Cell.choice(v, OperatingStatus.self) }, write: \.rawValue),
            TableColumn("排污许可管理类别", "permit", \.permit,
                        read: { v, _ throws(ValueProblem) in try Cell.choice(v, PermitCategory.self) }, write: \.rawValue),
            TableColumn("重点排污单位", "key_discharge_unit", \.keyDischargeUnit,
                        read: { v, _ throws(ValueProblem) in try Cell.yesNo(v) }, write: Cell.yesNo),
            TableColumn("正面清单", "positive_list", \.positiveList,
                        read: { v, _ throws(ValueProblem) in try Cell.yesNo(v) }, write: Cell.yesNo),
            TableColumn("绩效评级", "air_grade", \.airGrade,
                        read: { v, _ throws(ValueProblem) in try Cell.choice(v, AirGrade.self) }, write: { $0?.rawValue ?? "" }),
            TableColumn("信用风险等级", "credit_risk", \.creditRisk,
                        read: { v, _ throws(ValueProblem) in try Cell.choice(v, CreditRisk.self) }, write: { $0?.rawValue ?? "" }),
            TableColumn("上季度受处罚", "penalized_last_quarter", \.penalizedLastQuarter,
                        read: { v, _ throws(ValueProblem) in try Cell.yesNo(v) }, write: Cell.yesNo),
            TableColumn("高环境风险", "high_risk", \.highRisk,
                        read: { v, _ throws(ValueProblem) in try Cell.yesNo(v) }, write: Cell.yesNo),
            TableColumn("挂牌督办", "supervised_rectification", \.supervisedRectification,
                        read: { v, _ throws(ValueProblem) in try Cell.yesNo(v) }, write: Cell.yesNo),
            TableColumn("具备非现场检查条件", "non_site_capable", \.nonSiteCapable,
                        read: { v, _ throws(ValueProblem) in try Cell.yesNo(v) }, write: Cell.yesNo),
            TableColumn("监管部门", "departments", \.departments,
                        read: { v, context throws(ValueProblem) in try Cell.departments(v, context) },
                        write: { $0.joined(separator: ";") }),
            TableColumn("标签", "labels", \.labels, read: { v, _ in Cell.list(v) }, write: { $0.joined(separator: ";") }),
        ],
        blank: { Enterprise(uscc: "", name: "", division: "") },
        key: \.uscc
    )
}

extension TableSchema where Record == Inspector {
    public static let inspectors = TableSchema(
        noun: "inspectors",
        columns: [
            TableColumn("执法证号", "certificate", required: true, \.certificate,
                        read: { v, _ throws(ValueProblem) in try Cell.code(v) }, write: { $0 }),
            TableColumn("姓名", "name", required: true, \.name, read: { v, _ in v }, write: { $0 }),
            TableColumn("部门", "department", required: true, \.department,
                        read: { v, context throws(ValueProblem) in
                            guard let code = context.departmentCode(v) else {
                                throw ValueProblem("unknown department (known: \(context.knownCodes))")
                            }
                            return code
                        }, write: { $0 }),
            TableColumn("职务", "post", \.post, read: { v, _ in v }, write: { $0 }),
            TableColumn("行政区划代码", "division", \.division,
                        read: { v, _ throws(ValueProblem) in try Cell.division(v) }, write: { $0 }),
            TableColumn("性别", "gender", \.gender, read: { v, _ in v }, write: { $0 }),
            TableColumn("从业年限", "years", \.years,
                        read: { v, _ throws(ValueProblem) in
                            guard let n = Int(v), (0...60).contains(n) else { throw ValueProblem("must be a whole number of years from 0 to 60") }
                            return n
                        }, write: { $0.map(String.init) ?? "" }),
            TableColumn("专长", "specialties", \.specialties, read: { v, _ in Cell.list(v) }, write: { $0.joined(separator: ";") }),
            TableColumn("在岗", "on_duty", \.onDuty,
                        read: { v, _ throws(ValueProblem) in try Cell.yesNo(v) }, write: Cell.yesNo),
            TableColumn("人员类别", "kind", \.kind,
                        read: { v, _ throws(ValueProblem) in try Cell.choice(v, InspectorKind.self) }, write: \.rawValue),
        ],
        blank: { Inspector(certificate: "", name: "", department: "") },
        key: \.certificate
    )
}

extension TableSchema where Record == InspectionItem {
    public static let items = TableSchema(
        noun: "items",
        columns: [
            TableColumn("部门", "department", required: true, \.department,
                        read: { v, context throws(ValueProblem) in
                            guard let code = context.departmentCode(v) else {
                                throw ValueProblem("unknown department (known: \(context.knownCodes))")
                            }
                            return code
                        }, write: { $0 }),
            TableColumn("事项编码", "code", required: true, \.code,
                        read: { v, _ throws(ValueProblem) in try Cell.code(v) }, write: { $0 }),
            TableColumn("抽查事项", "name", required: true, \.name, read: { v, _ in v }, write: { $0 }),
            TableColumn("检查内容", "content", \.content, read: { v, _ in v }, write: { $0 }),
            TableColumn("检查对象", "object", \.object, read: { v, _ in v }, write: { $0 }),
            TableColumn("事项类别", "category", \.category,
                        read: { v, _ throws(ValueProblem) in try Cell.choice(v, ItemCategory.self) }, write: \.rawValue),
            TableColumn("检查方式", "method", \.method,
                        read: { v, _ throws(ValueProblem) in try Cell.choice(v, CheckMethod.self) }, write: \.rawValue),
            TableColumn("抽查比例及频次", "ratio_text", \.ratioText, read: { v, _ in v }, write: { $0 }),
            TableColumn("检查依据", "basis", \.basis, read: { v, _ in v }, write: { $0 }),
            TableColumn("所需专长", "specialty", \.specialty, read: { v, _ in v }, write: { $0 }),
        ],
        blank: { InspectionItem(department: "", code: "", name: "") },
        key: { "\($0.department)/\($0.code)" }
    )
}

extension TableSchema where Record == CalendarEntry {
    /// A holiday notice as `shared/reference/cn-calendar-*.csv` writes it: `date,kind,name`.
    public static let calendar = TableSchema(
        noun: "calendar days",
        columns: [
            TableColumn("日期", "date", required: true, \.date,
                        read: { v, _ throws(ValueProblem) in
                            guard let date = LocalDate(v) else { throw ValueProblem("not a date (YYYY-MM-DD)") }
                            return date
                        }, write: \.description),
            TableColumn("类型", "kind", required: true, \.kind,
                        read: { v, _ throws(ValueProblem) in
                            switch v.lowercased() {
                            case "holiday", "休", "假": return .holiday
                            case "workday", "班": return .workday
                            default: throw ValueProblem("must be holiday (休) or workday (班)")
                            }
                        }, write: \.rawValue),
            TableColumn("名称", "name", \.name, read: { v, _ in v }, write: { $0 }),
        ],
        blank: { CalendarEntry(date: LocalDate(dayNumber: 0), kind: .holiday, name: "") },
        key: \.date.description
    )
}

extension TableSchema where Record == ConflictOfInterest {
    /// 回避: an inspector–enterprise pair that must not meet in a team, with the reason.
    public static let conflicts = TableSchema(
        noun: "conflicts of interest",
        columns: [
            TableColumn("执法证号", "certificate", required: true, \.certificate,
                        read: { v, _ throws(ValueProblem) in try Cell.code(v) }, write: { $0 }),
            TableColumn("统一社会信用代码", "uscc", required: true, \.uscc,
                        read: { v, _ throws(ValueProblem) in
                            do { return try USCC.validate(v) } catch { throw ValueProblem("invalid USCC: \(error)") }
                        }, write: { $0 }),
            TableColumn("回避原因", "reason", required: true, \.reason, read: { v, _ in v }, write: { $0 }),
        ],
        blank: { ConflictOfInterest(certificate: "", uscc: "", reason: "") },
        key: { "\($0.certificate)/\($0.uscc)" }
    )
}
