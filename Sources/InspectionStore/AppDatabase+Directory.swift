import Foundation
public import Inspection

/// Counts that tell a clerk what the directory holds.
public struct DirectorySummary: Sendable {
    public var departments: [Department] = []
    public var enterprises = 0
    public var enterprisesByStatus: [OperatingStatus: Int] = [:]
    public var enterprisesByPermit: [PermitCategory: Int] = [:]
    public var enterprisesByCreditRisk: [String: Int] = [:]
    /// Per department code: enterprises it supervises, officers on duty, auxiliary staff, items.
    public var perDepartment: [String: (enterprises: Int, officers: Int, auxiliary: Int, items: Int)] = [:]
    public var inspectors = 0
    public var items = 0
    public var calendarYears: [Int] = []
}

extension AppDatabase {
    public func departments() throws -> [Department] {
        try backend.read(Department.fetchAll)
    }

    public func enterprises() throws -> [Enterprise] {
        try backend.read { db in
            try db.rows(sql: "SELECT * FROM enterprise ORDER BY uscc").map(Enterprise.init(row:))
        }
    }

    public func enterprise(uscc: String) throws -> Enterprise? {
        try backend.read { db in
            try db.row(sql: "SELECT * FROM enterprise WHERE uscc = ?", arguments: [uscc]).map(Enterprise.init(row:))
        }
    }

    /// The enterprises of `usccs` found in the directory, by USCC, in one query (a page's).
    public func enterprises(usccs: Set<String>) throws -> [String: Enterprise] {
        let only = Self.only(usccs.sorted())
        return try backend.read { db in
            Dictionary(uniqueKeysWithValues: try db.rows(sql: "SELECT * FROM enterprise WHERE TRUE" + only.sql, arguments: only.arguments)
                .map { let e = Enterprise(row: $0); return (e.uscc, e) })
        }
    }

    public func inspectors() throws -> [Inspector] {
        try backend.read { db in
            try db.rows(sql: "SELECT * FROM inspector ORDER BY department, certificate").map(Inspector.init(row:))
        }
    }

    public func items() throws -> [InspectionItem] {
        try backend.read { db in
            try db.rows(sql: "SELECT * FROM item ORDER BY department, code").map(InspectionItem.init(row:))
        }
    }

    /// The directory history of the enterprises, oldest first (within one import: additions, then changes), optionally within a date range.
    public func enterpriseChanges(from: LocalDate? = nil, through: LocalDate? = nil) throws -> [EnterpriseChange] {
        try backend.read { db in
            try db.rows(sql: """
                SELECT uscc, added_on AS date, '新增' AS kind, NULL AS field, NULL AS old_value, NULL AS new_value,
                       added_audit_id AS audit_id, 0 AS seq
                FROM enterprise WHERE (?1 IS NULL OR added_on >= ?1) AND (?2 IS NULL OR added_on <= ?2)
                UNION ALL
                SELECT e.uscc, c.date, c.kind, c.field, c.old_value, c.new_value, c.audit_id, c.id
                FROM enterprise_change c JOIN enterprise e ON e.id = c.enterprise_id
                WHERE (?1 IS NULL OR c.date >= ?1) AND (?2 IS NULL OR c.date <= ?2)
                ORDER BY date, audit_id, seq
                """, arguments: [from?.description, through?.description]).map {
                EnterpriseChange(uscc: $0["uscc"], date: LocalDate($0["date"] as String) ?? LocalDate(dayNumber: 0),
                                 kind: $0["kind"], field: $0["field"], oldValue: $0["old_value"], newValue: $0["new_value"],
                                 auditID: $0["audit_id"])
            }
        }
    }

    public func directorySummary() throws -> DirectorySummary {
        try backend.read { db in
            var s = DirectorySummary()
            s.departments = try Department.fetchAll(db)
            s.enterprises = try db.value(Int.self, sql: "SELECT count(*) FROM enterprise") ?? 0
            for row in try db.rows(sql: "SELECT status, count(*) AS n FROM enterprise GROUP BY status") {
                if let status = OperatingStatus(rawValue: row["status"]) { s.enterprisesByStatus[status] = row["n"] }
            }
            for row in try db.rows(sql: "SELECT permit, count(*) AS n FROM enterprise GROUP BY permit") {
                if let permit = PermitCategory(rawValue: row["permit"]) { s.enterprisesByPermit[permit] = row["n"] }
            }
            for row in try db.rows(sql: "SELECT coalesce(credit_risk, '未评') AS c, count(*) AS n FROM enterprise GROUP BY c") {
                s.enterprisesByCreditRisk[row["c"]] = row["n"]
            }
            for d in s.departments {
                let enterprises = try db.value(Int.self, sql: """
                    SELECT count(*) FROM enterprise WHERE ';' || departments || ';' LIKE '%;' || ? || ';%'
                    """, arguments: [d.code]) ?? 0
                let officers = try db.value(Int.self, sql: "SELECT count(*) FROM inspector WHERE department = ? AND kind = '执法人员' AND on_duty", arguments: [d.code]) ?? 0
                let auxiliary = try db.value(Int.self, sql: "SELECT count(*) FROM inspector WHERE department = ? AND kind = '辅助人员'", arguments: [d.code]) ?? 0
                let items = try db.value(Int.self, sql: "SELECT count(*) FROM item WHERE department = ?", arguments: [d.code]) ?? 0
                s.perDepartment[d.code] = (enterprises, officers, auxiliary, items)
            }
            s.inspectors = try db.value(Int.self, sql: "SELECT count(*) FROM inspector") ?? 0
            s.items = try db.value(Int.self, sql: "SELECT count(*) FROM item") ?? 0
            s.calendarYears = try db.values(Int.self, sql: "SELECT year FROM calendar_year ORDER BY year")
            return s
        }
    }
}

/// One event of the directory history: 新增 (added), 变更 (a field changed) or 注销 (deregistered).
public struct EnterpriseChange: Hashable, Codable, Sendable {
    public var uscc: String
    public var date: LocalDate
    public var kind: String
    /// The Chinese column name of the changed field; nil for 新增.
    public var field: String?
    public var oldValue: String?
    public var newValue: String?
    public var auditID: Int64
}

extension AppDatabase {
    /// The directory as it stood at the end of `date`: enterprises added by then, with the changes
    /// recorded after it undone (from the directory history).
    public func enterprises(asOf date: LocalDate) throws -> [Enterprise] {
        try backend.read { db in
            let context = ImportContext(departments: try Department.fetchAll(db))
            var byID: [Int64: Enterprise] = [:]
            var order: [Int64] = []
            for row in try db.rows(sql: "SELECT * FROM enterprise WHERE added_on <= ? ORDER BY uscc", arguments: [date.description]) {
                let id: Int64 = row["id"]
                byID[id] = Enterprise(row: row)
                order.append(id)
            }
            for row in try db.rows(sql: """
                SELECT enterprise_id, field, old_value FROM enterprise_change WHERE date > ? ORDER BY id DESC
                """, arguments: [date.description]) {
                let id: Int64 = row["enterprise_id"]
                guard var e = byID[id] else { continue }
                _ = TableSchema.enterprises.set(row["field"], to: row["old_value"] ?? "", in: &e, context: context)
                byID[id] = e
            }
            return order.compactMap { byID[$0] }
        }
    }
}

extension AppDatabase {
    /// The directory with the fields classification and draws use (no address, legal
    /// representative or name), in storage order, read fast: a draw over a million enterprises
    /// starts here.
    ///
    /// With `quarter`, a penalty decision (行政处罚) recorded in a plan's follow-up during the
    /// previous quarter marks the enterprise "penalised last quarter", whatever the imported column says.
    ///
    /// `departments: false` leaves each enterprise's departments empty (classes do not use them; a
    /// quarterly draw does not need them).
    public func enterprisesForClassification(in quarter: Quarter? = nil, departments: Bool = true) throws -> [Enterprise] {
        var out: [Enterprise] = []
        try forEachEnterpriseForClassification(in: quarter, departments: departments, reserve: { out.reserveCapacity($0) }) {
            out.append($0)
        }
        return out
    }

    /// Hands each enterprise of the directory, as `enterprisesForClassification` reads it, to `body`
    /// without keeping them: a draw over a million enterprises keeps only what it draws from.
    /// `reserve` is told the directory's size first.
    public func forEachEnterpriseForClassification(in quarter: Quarter? = nil, departments: Bool = true,
                                                   reserve: (Int) -> Void = { _ in },
                                                   _ body: (Enterprise) throws -> Void) throws {
        let penalized = try quarter.map { try penalizedEnterprises(in: $0.previous) } ?? []
        try backend.read { db in
            reserve(try db.value(Int.self, sql: "SELECT count(*) FROM enterprise") ?? 0)
            let sql = """
                SELECT uscc, division, industry, status, permit, key_discharge_unit, positive_list, air_grade, credit_risk,
                       penalized_last_quarter, high_risk, supervised_rectification, non_site_capable, departments, labels
                FROM enterprise
                """
            func enterprise(_ row: some PositionalRow) -> Enterprise {
                var e = Enterprise(uscc: row.text(0), name: "", division: row.text(1))
                e.industry = row.text(2)
                e.status = OperatingStatus(rawValue: row.text(3)) ?? .operating
                e.permit = PermitCategory(rawValue: row.text(4)) ?? .none
                e.keyDischargeUnit = row.bool(5)
                e.positiveList = row.bool(6)
                e.airGrade = row.optionalText(7).flatMap(AirGrade.init(rawValue:))
                e.creditRisk = row.optionalText(8).flatMap(CreditRisk.init(rawValue:))
                e.penalizedLastQuarter = row.bool(9)
                e.highRisk = row.bool(10)
                e.supervisedRectification = row.bool(11)
                e.nonSiteCapable = row.bool(12)
                if departments { e.departments = row.list(13) }
                e.labels = row.list(14)
                if !penalized.isEmpty && penalized.contains(e.uscc) { e.penalizedLastQuarter = true }
                return e
            }
            if let sqlite = db as? SQLiteConnection {
                // NB: SQLite's rows read in place, without copying them into `SQLRow`s: a draw reads a million.
                try sqlite.db.forEachRawRow(sql) { try body(enterprise($0)) }
            } else {
                try db.forEachRow(sql: sql, arguments: []) { try body(enterprise($0)) }
            }
        }
    }
}

extension AppDatabase {
    /// The directory filed by class for `request`'s draw (`QuarterDrawRequest.file` on every
    /// enterprise of `forEachEnterpriseForClassification(in: request.quarter)`), read fast.
    ///
    /// NB: only the columns the policy tests are read, and classed on their bytes by a
    /// `RawClassifier`; no `Enterprise` and no String per row. A policy too large for it (more than
    /// 64 tests) is classed on `Enterprise`s.
    public func drawMembers(for request: QuarterDrawRequest) throws -> DrawMembers {
        try drawMembers(for: request, splittingFrom: 1 << 16)
    }

    /// `drawMembers(for:)`, reading in two ranges when the directory's rowids span `split` or more (SQLite).
    func drawMembers(for request: QuarterDrawRequest, splittingFrom split: Int64) throws -> DrawMembers {
        guard let classifier = RawClassifier(policy: request.policy, directed: request.directed) else {
            let classOf = request.policy.classifier()
            var members = DrawMembers()
            try forEachEnterpriseForClassification(in: request.quarter, departments: false) { request.file($0, classOf: classOf, into: &members) }
            return members
        }
        let columns = ConditionField.allCases.filter(classifier.fields.contains)
        guard backend.dialect == .sqlite else {
            return try groupedDrawMembers(columns: columns, classifier: classifier, penalizedIn: request.quarter.previous)
        }
        let penalized = classifier.fields.contains(.penalizedLastQuarter) ? try penalizedEnterprises(in: request.quarter.previous) : []
        let select = Self.rowSelect(columns)
        // NB: a large directory is read in two rowid ranges on two connections at once (the machines
        // have two cores; members' order does not matter, candidates are sorted). The two reads
        // see the same directory when they see the same last audit entry: every write of the
        // directory appends one in its transaction. Otherwise it is read again on one connection.
        let (first, last) = try backend.read { db in
            (try db.value(Int64.self, sql: "SELECT min(rowid) FROM enterprise") ?? 0,
             try db.value(Int64.self, sql: "SELECT max(rowid) FROM enterprise") ?? 0)
        }
        let middle = first + (last - first) / 2
        let ranges = last - first >= split ? [first...middle, (middle + 1)...last] : [first...last]
        let parts = try ranges.concurrentMap { range in
            Result { try drawMembers(select + " WHERE rowid BETWEEN \(range.lowerBound) AND \(range.upperBound)",
                                     columns: columns, classifier: classifier, penalized: penalized) }
        }.map { try $0.get() }
        if Set(parts.map(\.stamp)).count == 1 {
            return parts.dropFirst().reduce(into: parts[0].members) { $0.append(contentsOf: $1.members) }
        }
        return try drawMembers(select, columns: columns, classifier: classifier, penalized: penalized).members
    }

    /// The members of the rows `sql` selects (uscc, status, then `columns`), with the id of the
    /// last audit entry the read saw.
    private func drawMembers(_ sql: String, columns: [ConditionField], classifier: RawClassifier,
                             penalized: Set<String>) throws -> (members: DrawMembers, stamp: Int64) {
        var classifier = classifier
        return try backend.read { db in
            let stamp = try db.value(Int64.self, sql: "SELECT max(id) FROM audit_log") ?? 0
            var members = DrawMembers(classIDs: classifier.classIDs)
            func file(_ raw: some RawColumns) {
                var row = Self.rawRow(raw, columns: columns, from: 2)
                row.uscc = raw.bytes(0)
                // NB: `penalized` is empty unless the policy tests the field.
                if !row.penalizedLastQuarter && !penalized.isEmpty {
                    row.penalizedLastQuarter = penalized.contains(String(decoding: row.uscc, as: UTF8.self))
                }
                guard let index = classifier.classIndex(row) else { return }
                members.append(row.uscc, status: classifier.status(raw.bytes(1)), toClassAt: index)
            }
            switch db {
            case let sqlite as SQLiteConnection: try sqlite.db.forEachRawRow(sql) { file($0) }
            case let postgres as PostgresConnectionAdapter: try postgres.forEachRawRow(sql: sql) { file($0) }
            default: preconditionFailure("a connection of neither backend")
            }
            return (members, stamp)
        }
    }

    /// PostgreSQL: the directory read grouped by the columns the policy tests, one row per distinct
    /// combination of their values with its members' USCCs joined (a million enterprises make some
    /// tens of thousands of rows), each combination classed once. The server scans and groups; read
    /// row by row, the client spent 2 s of CPU on a million rows' cells (postgres-nio makes one
    /// object per cell).
    ///
    /// "Penalised last quarter" is the column or a penalty decision of `penalizedIn`, as the row
    /// path has it (`penalizedSQL`), in the same snapshot. A USCC is 18 characters (the table's
    /// CHECK); should one of them not be 18 bytes, the joined USCCs cannot be cut and the directory
    /// is read row by row instead.
    private func groupedDrawMembers(columns: [ConditionField], classifier: RawClassifier, penalizedIn quarter: Quarter) throws -> DrawMembers {
        var classifier = classifier
        let penalized = columns.contains(.penalizedLastQuarter)
        let values = columns.map { field in
            field == .penalizedLastQuarter ? "penalized_last_quarter OR uscc IN (\(Self.penalizedSQL))" : Self.directoryColumn(field)
        }
        let sql = "SELECT bool_and(octet_length(uscc) = \(USCC.length)), string_agg(uscc, ''), status"
            + values.map { ", " + $0 }.joined() + " FROM enterprise GROUP BY " + (3...columns.count + 3).map(String.init).joined(separator: ", ")
        let grouped: DrawMembers? = try backend.read { db in
            guard let postgres = db as? PostgresConnectionAdapter else { preconditionFailure("a grouped read on SQLite") }
            // NB: PostgreSQL estimates the groups as if the columns were independent (800,000 for a
            // million enterprises, which make 23,000), and so sorts the million rows (3.2 s) rather
            // than hash them (0.8 s). A cursor's query runs in one process.
            try postgres.execute(sql: "SET LOCAL enable_sort = off")
            try postgres.execute(sql: "SET LOCAL work_mem = '64MB'")
            var members = DrawMembers(classIDs: classifier.classIDs)
            var cut = true
            try postgres.forEachRawRow(sql: sql, arguments: penalized ? [quarter.first.description, quarter.last.description] : []) { raw in
                guard cut, raw.bool(0) else { return cut = false }
                guard let index = classifier.classIndex(Self.rawRow(raw, columns: columns, from: 3)) else { return }
                let status = classifier.status(raw.bytes(2))
                let usccs = raw.bytes(1)
                for start in stride(from: 0, to: usccs.count, by: USCC.length) {
                    members.append(UnsafeRawBufferPointer(rebasing: usccs[start..<start + USCC.length]), status: status, toClassAt: index)
                }
            }
            return cut ? members : nil
        }
        if let grouped { return grouped }
        let penalizedSet = penalized ? try penalizedEnterprises(in: quarter) : []
        return try drawMembers(Self.rowSelect(columns), columns: columns, classifier: classifier, penalized: penalizedSet).members
    }

    /// The directory row by row: uscc, status, then `columns`.
    private static func rowSelect(_ columns: [ConditionField]) -> String {
        "SELECT uscc, status" + columns.map { ", " + directoryColumn($0) }.joined() + " FROM enterprise"
    }

    /// The fields `columns` of a row of the directory, read from `raw`'s columns `first`….
    private static func rawRow(_ raw: some RawColumns, columns: [ConditionField], from first: Int32) -> RawEnterpriseRow {
        var row = RawEnterpriseRow()
        for (i, field) in columns.enumerated() {
            let column = first + Int32(i)
            switch field {
            case .division: row.division = raw.bytes(column)
            case .industry: row.industry = raw.bytes(column)
            case .status: row.status = raw.bytes(column)
            case .permit: row.permit = raw.bytes(column)
            case .airGrade: row.airGrade = raw.bytes(column)
            case .creditRisk: row.creditRisk = raw.bytes(column)
            case .label: row.labels = raw.bytes(column)
            case .keyDischargeUnit: row.keyDischargeUnit = raw.bool(column)
            case .positiveList: row.positiveList = raw.bool(column)
            case .penalizedLastQuarter: row.penalizedLastQuarter = raw.bool(column)
            case .highRisk: row.highRisk = raw.bool(column)
            case .supervisedRectification: row.supervisedRectification = raw.bool(column)
            case .nonSiteCapable: row.nonSiteCapable = raw.bool(column)
            }
        }
        return row
    }

    /// The `enterprise` column of a field a policy tests.
    private static func directoryColumn(_ field: ConditionField) -> String {
        switch field {
        case .permit: "permit"
        case .status: "status"
        case .division: "division"
        case .industry: "industry"
        case .label: "labels"
        case .keyDischargeUnit: "key_discharge_unit"
        case .positiveList: "positive_list"
        case .penalizedLastQuarter: "penalized_last_quarter"
        case .highRisk: "high_risk"
        case .supervisedRectification: "supervised_rectification"
        case .nonSiteCapable: "non_site_capable"
        case .airGrade: "air_grade"
        case .creditRisk: "credit_risk"
        }
    }
}
