public import Inspection

/// What filing a visit produced: the visit, and the warnings about how often its enterprise is visited.
public struct FiledVisit: Sendable {
    public var visit: Visit
    public var warnings: [VisitFrequencyWarning]
}

/// An evaluation as the lead bureau's coordinators and auditors read it.
public struct EvaluationRow: Sendable, Hashable {
    public var visitID: String
    public var uscc: String
    public var enterpriseName: String
    public var departments: [String]
    public var at: String
    public var evaluation: VisitEvaluation
}

/// A complaint as the lead bureau's coordinators and auditors read it.
public struct ComplaintRow: Sendable, Hashable {
    public var id: Int64
    public var visitID: String
    public var uscc: String
    public var enterpriseName: String
    public var departments: [String]
    public var at: String
    public var text: String
    public var contact: String
}

/// What the inspected department may know about its evaluations: counts only.
public struct EvaluationCounts: Sendable, Hashable {
    public var evaluations: Int
    public var satisfied: Int
    public var fairlySatisfied: Int
    public var dissatisfied: Int
    public var complaints: Int

    public init(evaluations: Int, satisfied: Int, fairlySatisfied: Int, dissatisfied: Int, complaints: Int) {
        self.evaluations = evaluations; self.satisfied = satisfied; self.fairlySatisfied = fairlySatisfied
        self.dissatisfied = dissatisfied; self.complaints = complaints
    }
}

/// The loop's figures for reporting upward (亮码率, 无码检查, evaluations, caps, exemptions).
public struct VisitStatistics: Sendable {
    /// Visits that took place (checked in or results recorded).
    public var visits: Int
    public var checkedIn: Int
    /// 无码检查: visit id, USCC, reason.
    public var withoutCode: [(id: String, uscc: String, reason: String)]
    public var evaluations: EvaluationCounts
    public var refusedAtCap: Int
    /// Exemption → filings that used it.
    public var exemptions: [(exemption: String, count: Int)]

    /// 亮码率 (checked in ÷ visits) as a percentage with one decimal, "—" without visits.
    public var checkInRateText: String {
        guard visits > 0 else { return "—" }
        let tenths = (checkedIn * 1000 + visits / 2) / visits
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// 满意率 among evaluations, "—" without any.
    public var satisfiedRateText: String {
        guard evaluations.evaluations > 0 else { return "—" }
        let tenths = (evaluations.satisfied * 1000 + evaluations.evaluations / 2) / evaluations.evaluations
        return "\(tenths / 10).\(tenths % 10)%"
    }
}

extension AppDatabase {
    // MARK: 任务报备

    /// Files a visit: checks the enterprise, the departments, the inspectors (officers of the visit's
    /// departments, on duty), the items (each department's own list, with their basis), the source
    /// (the plan dispatched the enterprise to the departments, or the routine draw drew it), and the
    /// yearly cap per department for plan and routine visits. Beyond the cap, without an exemption,
    /// the refusal alone is recorded and `VisitError.capReached` thrown. An emergency visit gets its
    /// code at once (`random`: `VisitRules.codeRandomBytes` bytes of chance) and is approved afterwards.
    public func fileVisit(_ filing: VisitFiling, yearlyCap: Int?, random: [UInt8], actor: Actor) throws -> FiledVisit {
        try filing.validate()
        let code = filing.emergency ? try VisitCode(random: random) : nil
        var refusal: (department: String, count: Int, cap: Int)?
        let filed: FiledVisit? = try backend.write { db -> FiledVisit? in
            try Self.checkFiling(db, filing)
            if let cap = yearlyCap, filing.effectiveExemption == nil, filing.source.kind != "cause" {
                for department in filing.departments {
                    let count = try db.value(Int.self, sql: """
                        SELECT count(*) FROM visit_filing f JOIN visit_department d ON d.visit_id = f.id
                        WHERE f.year = ? AND f.uscc = ? AND d.department = ? AND f.approval != 'refused'
                        """, arguments: [filing.start.year, filing.uscc, department]) ?? 0
                    if count >= cap {
                        refusal = (department, count, cap)
                        return nil
                    }
                }
            }
            let year = filing.start.year
            let n = (try db.value(Int.self, sql: "SELECT count(*) FROM visit_filing WHERE year = ?", arguments: [year]) ?? 0) + 1
            let id = "V\(year)-" + String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n)
            try db.execute(sql: """
                INSERT INTO visit_filing (id, year, source_kind, source_ref, source_note, uscc, lead, start, "end", emergency,
                  exemption, exemption_reason, filed_by, filed_at, filed_on, approval, token, short_code, yearly_cap)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                """, arguments: [id, year, filing.source.kind, filing.source.reference, filing.source.note, filing.uscc, filing.lead,
                                 filing.start.description, filing.end.description, filing.emergency, filing.exemption?.rawValue,
                                 filing.exemptionReason.trimmingWhitespace, actor.name, actor.timestamp, actor.today.description,
                                 code?.token, code?.shortCode, yearlyCap])
            for (i, d) in filing.departments.enumerated() {
                try db.execute(sql: "INSERT INTO visit_department (visit_id, department, position) VALUES (?, ?, ?)", arguments: [id, d, i])
            }
            for (i, c) in filing.inspectors.enumerated() {
                try db.execute(sql: "INSERT INTO visit_inspector (visit_id, certificate, position) VALUES (?, ?, ?)", arguments: [id, c, i])
            }
            for (i, item) in filing.items.enumerated() {
                try db.execute(sql: "INSERT INTO visit_item (visit_id, department, code, position) VALUES (?, ?, ?, ?)",
                               arguments: [id, item.department, item.code, i])
            }
            try appendAudit(db, actor: actor, action: "visit file",
                            detail: "\(id): \(filing.uscc) by \(filing.departments.joined(separator: "+")), \(filing.source.text)"
                                + (filing.emergency ? ", emergency" : "")
                                + (filing.exemption.map { ", exemption \($0.rawValue): \(filing.exemptionReason)" } ?? ""),
                            records: id)
            let visit = try Self.fetchVisit(db, id)
            return FiledVisit(visit: visit, warnings: try Self.frequencyWarnings(db, uscc: filing.uscc, on: filing.start))
        }
        if let filed { return filed }
        let r = refusal!
        try backend.write { db in
            try db.execute(sql: """
                INSERT INTO visit_cap_refusal (year, at, uscc, department, source_kind, source_ref, count, cap) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [filing.start.year, actor.timestamp, filing.uscc, r.department, filing.source.kind, filing.source.reference, r.count, r.cap])
            try appendAudit(db, actor: actor, action: "visit refused at cap",
                            detail: "\(filing.uscc) by \(r.department): \(r.count) visits this year, cap \(r.cap)", records: filing.uscc)
        }
        throw VisitError.capReached(uscc: filing.uscc, department: r.department, count: r.count, cap: r.cap)
    }

    private static func checkFiling(_ db: any SQLConnection, _ filing: VisitFiling) throws {
        guard try db.value(Bool.self, sql: "SELECT 1 FROM enterprise WHERE uscc = ?", arguments: [filing.uscc]) != nil else {
            throw VisitError.invalid("\(filing.uscc) is not in the directory")
        }
        for d in filing.departments {
            guard try db.value(Bool.self, sql: "SELECT 1 FROM department WHERE code = ?", arguments: [d]) != nil else {
                throw StoreError.unknownDepartment(d)
            }
        }
        for cert in filing.inspectors {
            guard let row = try db.row(sql: "SELECT department, on_duty, kind FROM inspector WHERE certificate = ?", arguments: [cert]) else {
                throw VisitError.invalid("no inspector with certificate \(cert)")
            }
            let department: String = row["department"]
            guard filing.departments.contains(department) else {
                throw VisitError.invalid("\(cert) is an inspector of \(department), which is not among the visit's departments")
            }
            guard row["on_duty"] as Bool else { throw VisitError.invalid("\(cert) is not on duty") }
            guard row["kind"] as String == InspectorKind.officer.rawValue else {
                throw VisitError.invalid("\(cert) is 辅助人员: a visit is filed with officers holding a certificate")
            }
        }
        for d in filing.departments where !filing.inspectors.isEmpty {
            let count = try db.value(Int.self, sql: "SELECT count(*) FROM inspector WHERE department = ? AND certificate IN (\(filing.inspectors.map { _ in "?" }.joined(separator: ",")))",
                                         arguments: [d] + filing.inspectors) ?? 0
            guard count > 0 else { throw VisitError.invalid("department \(d) sends no inspector on this visit") }
        }
        for item in filing.items {
            guard try db.value(Bool.self, sql: "SELECT 1 FROM item WHERE department = ? AND code = ?", arguments: [item.department, item.code]) != nil else {
                throw PlanError.itemNotInList(department: item.department, code: item.code)
            }
        }
        switch filing.source {
        case .plan(let number):
            _ = try fetchPlan(db, number)
            for d in filing.departments {
                guard try db.value(Bool.self, sql: """
                    SELECT 1 FROM plan_dispatch WHERE plan = ? AND uscc = ? AND department = ? AND rejected_reason IS NULL
                    """, arguments: [number, filing.uscc, d]) != nil else {
                    throw PlanError.notDispatched(uscc: filing.uscc, department: d)
                }
            }
        case .routine(let drawID):
            guard try db.value(Bool.self, sql: "SELECT 1 FROM draw WHERE id = ?", arguments: [drawID]) != nil else { throw StoreError.unknownDraw(drawID) }
            guard try db.value(Bool.self, sql: "SELECT 1 FROM draw_pick WHERE draw_id = ? AND uscc = ?", arguments: [drawID, filing.uscc]) != nil else {
                throw StoreError.notDrawn(uscc: filing.uscc, draw: drawID)
            }
        case .cause: break
        }
    }

    /// The day each visit of `uscc` happens (its check-in, else the start of its window), around `date`.
    static func frequencyWarnings(_ db: any SQLConnection, uscc: String, on date: LocalDate) throws -> [VisitFrequencyWarning] {
        let monday = date.adding(days: 1 - date.weekday)
        let from = min(monday, LocalDate(year: date.year, month: date.month, day: 1)!)
        let to = max(monday.adding(days: 6), LocalDate(year: date.year, month: date.month, day: 28)!.adding(days: 4))
        let days = try db.values(String.self, sql: """
            SELECT coalesce(substr(checked_in_at, 1, 10), start) AS day FROM visit_filing
            WHERE uscc = ? AND approval != 'refused' AND coalesce(substr(checked_in_at, 1, 10), start) BETWEEN ? AND ?
            """, arguments: [uscc, from.description, to.description]).compactMap(LocalDate.init)
        return VisitFrequencyWarning.warnings(uscc: uscc, days: days, on: date)
    }

    /// A plan visit as filed when it leaves out its departments, items or inspectors: the departments
    /// the plan dispatched the enterprise to (`lead` first when it is one of them), the items
    /// dispatched to them, their matched teams. Other sources are returned as given.
    public func completingPlanFiling(_ filing: VisitFiling, lead: String? = nil) throws -> VisitFiling {
        guard case .plan(let number) = filing.source else { return filing }
        var filing = filing
        let dispatched = try dispatchedItems(plan: number, uscc: filing.uscc)
        if filing.departments.isEmpty {
            filing.departments = dispatched.map(\.department)
            if let lead, let i = filing.departments.firstIndex(of: lead) { filing.departments.insert(filing.departments.remove(at: i), at: 0) }
        }
        if filing.items.isEmpty {
            let order = Dictionary(uniqueKeysWithValues: filing.departments.enumerated().map { ($1, $0) })
            filing.items = dispatched.filter { order[$0.department] != nil }.sorted { (order[$0.department] ?? 0) < (order[$1.department] ?? 0) }
                .flatMap { d in d.codes.map { VisitItem(department: d.department, code: $0) } }
        }
        if filing.inspectors.isEmpty {
            let teams = try planTeams(number, of: [filing.uscc])
            filing.inspectors = filing.departments.flatMap { d in teams.filter { $0.department == d }.flatMap(\.inspectors) }
        }
        return filing
    }

    /// 频次预警 over `from`…`through`: enterprises visited, by any departments, more than once a day,
    /// twice a week or three times a month (a visit's day: its check-in, else the start of its
    /// window; refused filings do not count). With `department`, only the enterprises that department
    /// visited then. At most `limit` enterprises, the most visited first.
    public func visitFrequencyWarnings(from: LocalDate, through: LocalDate, department: String? = nil, limit: Int = 200) throws -> [VisitFrequencyWarning] {
        // The week and the month of `from` may begin before it: their visits count too.
        let start = min(from.adding(days: 1 - from.weekday), LocalDate(year: from.year, month: from.month, day: 1) ?? from)
        var args: SQLArguments = [start.year, through.year, start.description, through.description]
        var visitedBy = ""
        if let department {
            visitedBy = "AND uscc IN (SELECT w.uscc FROM w JOIN visit_department d ON d.visit_id = w.id WHERE d.department = ? AND w.day >= ?)"
            args += [department, from.description]
        }
        args.append(limit)
        let rows = try backend.read { db in
            try db.rows(sql: """
                WITH w AS (
                  SELECT id, uscc, coalesce(substr(checked_in_at, 1, 10), start) AS day FROM visit_filing
                  WHERE year BETWEEN ? AND ? AND approval != 'refused' AND coalesce(substr(checked_in_at, 1, 10), start) BETWEEN ? AND ?)
                SELECT uscc, day FROM w WHERE uscc IN (
                  SELECT uscc FROM w GROUP BY uscc HAVING count(*) > \(VisitRules.perDay) \(visitedBy) ORDER BY count(*) DESC, uscc LIMIT ?)
                ORDER BY uscc, day
                """, arguments: args)
        }
        let days = Dictionary(grouping: rows, by: { $0["uscc"] as String }).mapValues { $0.compactMap { LocalDate($0["day"] as String) } }
        return days.keys.sorted().flatMap { VisitFrequencyWarning.warnings(uscc: $0, days: days[$0] ?? [], within: from...through) }
    }

    /// The items a plan dispatched to each department at `uscc`, departments in plan order (lead first):
    /// what a plan visit checks unless told otherwise.
    public func dispatchedItems(plan number: String, uscc: String) throws -> [(department: String, codes: [String])] {
        try backend.read { db in
            let plan = try Self.fetchPlan(db, number).plan
            var out: [(department: String, codes: [String])] = []
            for d in plan.departments {
                if let codes = try Self.fetchAssignedItems(db, number, uscc: uscc, department: d) { out.append((d, codes)) }
            }
            return out
        }
    }

    // MARK: 审批

    /// Approves a visit as a 负责人 (leader) of its lead department and issues its code (an emergency
    /// visit has one already and is marked approved afterwards).
    public func approveVisit(_ id: String, leader: String, random: [UInt8], actor: Actor) throws -> Visit {
        let fresh = try VisitCode(random: random)
        return try backend.write { db in
            let visit = try Self.fetchVisit(db, id)
            try Self.requireLeader(db, leader, of: visit)
            guard case .pending = visit.approval else { throw VisitError.alreadyDecided(id) }
            let code = visit.code ?? fresh
            try db.execute(sql: """
                UPDATE visit_filing SET approval = 'approved', decided_by = ?, decided_at = ?, approved_afterwards = emergency,
                  token = ?, short_code = ? WHERE id = ?
                """, arguments: [leader, actor.timestamp, code.token, code.shortCode, id])
            try appendAudit(db, actor: actor, action: "visit approve", detail: "\(id) by \(leader)", records: id)
            return try Self.fetchVisit(db, id)
        }
    }

    /// Refuses a visit with a reason; an emergency visit refused afterwards keeps what was recorded.
    public func refuseVisit(_ id: String, leader: String, reason: String, actor: Actor) throws -> Visit {
        let reason = reason.trimmingWhitespace
        guard !reason.isEmpty else { throw VisitError.reasonRequired("a refusal") }
        guard reason.count <= VisitRules.maximumTextLength else { throw VisitError.invalid("the reason is too long") }
        return try backend.write { db in
            let visit = try Self.fetchVisit(db, id)
            try Self.requireLeader(db, leader, of: visit)
            guard case .pending = visit.approval else { throw VisitError.alreadyDecided(id) }
            try db.execute(sql: "UPDATE visit_filing SET approval = 'refused', decided_by = ?, decided_at = ?, decision_reason = ? WHERE id = ?",
                           arguments: [leader, actor.timestamp, reason, id])
            try appendAudit(db, actor: actor, action: "visit refuse", detail: "\(id) by \(leader): \(reason)", records: id)
            return try Self.fetchVisit(db, id)
        }
    }

    private static func requireLeader(_ db: any SQLConnection, _ name: String, of visit: Visit) throws {
        guard try db.value(Bool.self, sql: "SELECT 1 FROM account WHERE name = ? AND role = 'leader' AND department = ? AND active",
                                arguments: [name, visit.filing.lead]) != nil else {
            throw VisitError.notLeader(name: name, department: visit.filing.lead)
        }
    }

    // MARK: 入企 / 离企

    /// 入企: records the arrival of an inspector of the visit. `occurredAt` (ISO 8601) is given for an
    /// entry made late after a network failure: allowed within 10 natural days, with a reason, and flagged.
    public func checkIn(_ id: String, certificate: String, occurredAt: String? = nil, location: String? = nil,
                        lateReason: String? = nil, actor: Actor) throws -> Visit {
        let at = try Self.entryTime(occurredAt, lateReason: lateReason, actor: actor)
        let location = try Self.location(location)
        return try backend.write { db in
            let visit = try Self.fetchVisit(db, id)
            try Self.requireCode(visit)
            try Self.requireInspector(certificate, of: visit)
            guard visit.presence.checkedInAt == nil else { throw VisitError.alreadyCheckedIn(id) }
            guard visit.outcome == nil else { throw VisitError.alreadyRecorded(id) }
            try db.execute(sql: "UPDATE visit_filing SET checked_in_at = ?, checked_in_by = ?, location = ?, late_reason = ? WHERE id = ?",
                           arguments: [at.time, certificate, location, at.lateReason, id])
            try appendAudit(db, actor: actor, action: "visit check-in",
                            detail: "\(id) at \(at.time) by \(certificate)" + (at.lateReason.map { ", entered late: \($0)" } ?? ""), records: id)
            return try Self.fetchVisit(db, id)
        }
    }

    /// 离企: records the departure; needs the check-in.
    public func checkOut(_ id: String, certificate: String, occurredAt: String? = nil, lateReason: String? = nil, actor: Actor) throws -> Visit {
        let at = try Self.entryTime(occurredAt, lateReason: lateReason, actor: actor)
        return try backend.write { db in
            let visit = try Self.fetchVisit(db, id)
            try Self.requireCode(visit)
            try Self.requireInspector(certificate, of: visit)
            guard let checkedIn = visit.presence.checkedInAt else { throw VisitError.notCheckedIn(id) }
            guard visit.presence.checkedOutAt == nil else { throw VisitError.alreadyCheckedOut(id) }
            guard at.time >= checkedIn else { throw VisitError.invalid("离企 (\(at.time)) cannot precede 入企 (\(checkedIn))") }
            let lateNote = at.lateReason.map { (visit.presence.lateReason.map { $0 + "；" } ?? "") + "离企补录：" + $0 }
            try db.execute(sql: "UPDATE visit_filing SET checked_out_at = ?, late_reason = coalesce(?, late_reason) WHERE id = ?",
                           arguments: [at.time, lateNote, id])
            try appendAudit(db, actor: actor, action: "visit check-out", detail: "\(id) at \(at.time) by \(certificate)", records: id)
            return try Self.fetchVisit(db, id)
        }
    }

    private static func requireCode(_ visit: Visit) throws {
        if case .refused = visit.approval { throw VisitError.refusedVisit(visit.id) }
        guard visit.code != nil else { throw VisitError.notApproved(visit.id) }
    }

    private static func requireInspector(_ certificate: String, of visit: Visit) throws {
        guard visit.filing.inspectors.contains(certificate) else { throw VisitError.notOnVisit(certificate: certificate, visit: visit.id) }
    }

    /// The time an entry records: now, or an earlier time entered late (within 10 natural days, with a reason).
    static func entryTime(_ occurredAt: String?, lateReason: String?, actor: Actor) throws -> (time: String, lateReason: String?) {
        guard let occurredAt else { return (actor.timestamp, nil) }
        let text = occurredAt.trimmingWhitespace
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, bytes.count <= 25, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              let day = LocalDate(String(text.prefix(10))),
              let hour = Int(String(text.dropFirst(11).prefix(2))), (0...23).contains(hour),
              let minute = Int(String(text.dropFirst(14).prefix(2))), (0...59).contains(minute) else {
            throw VisitError.invalid("'\(occurredAt)' is not a time like 2026-05-20T09:30")
        }
        _ = try lateEntryDays(occurred: day, today: actor.today)
        guard text < actor.timestamp || day < actor.today else { throw VisitError.invalid("the time entered (\(text)) is in the future") }
        let reason = (lateReason ?? "").trimmingWhitespace
        guard !reason.isEmpty else { throw VisitError.reasonRequired("an entry made late (补录)") }
        guard reason.count <= VisitRules.maximumTextLength else { throw VisitError.invalid("the reason is too long") }
        return (text, reason)
    }

    /// A browser's location "lat,lon" (rounded to 5 decimals), or nil; anything else is refused.
    static func location(_ text: String?) throws -> String? {
        guard let text = text?.trimmingWhitespace, !text.isEmpty else { return nil }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingWhitespace) }
        guard text.utf8.count <= 64, parts.count == 2, let lat = parts[0], let lon = parts[1],
              (-90...90).contains(lat), (-180...180).contains(lon) else {
            throw VisitError.invalid("the location must be 'latitude,longitude'")
        }
        func fixed(_ x: Double) -> String {
            let scaled = Int((x * 100_000).rounded())
            let sign = scaled < 0 ? "-" : ""
            let a = abs(scaled)
            let frac = String(a % 100_000)
            return sign + String(a / 100_000) + "." + String(repeating: "0", count: 5 - frac.count) + frac
        }
        return fixed(lat) + "," + fixed(lon)
    }

    // MARK: 结果上传

    /// Records the visit's result. Without a check-in it is 无码检查 and needs the reason.
    public func recordVisitResult(_ id: String, outcome: ItemOutcome, findings: String, noCodeReason: String?, actor: Actor) throws -> Visit {
        let findings = findings.trimmingWhitespace
        guard findings.count <= 4 * VisitRules.maximumTextLength else { throw VisitError.invalid("the findings are too long") }
        let reason = noCodeReason?.trimmingWhitespace
        return try backend.write { db in
            let visit = try Self.fetchVisit(db, id)
            if case .refused = visit.approval { throw VisitError.refusedVisit(id) }
            guard visit.outcome == nil else { throw VisitError.alreadyRecorded(id) }
            if visit.presence.checkedInAt == nil {
                guard let reason, !reason.isEmpty else { throw VisitError.reasonRequired("a result without 入企 check-in (无码检查)") }
            }
            if visit.presence.checkedInAt != nil, visit.presence.checkedOutAt == nil {
                throw VisitError.invalid("visit \(id) is still on site: record 离企 first")
            }
            try db.execute(sql: "UPDATE visit_filing SET outcome = ?, findings = ?, no_code_reason = ? WHERE id = ?",
                           arguments: [outcome.rawValue, findings, visit.presence.checkedInAt == nil ? reason : nil, id])
            try appendAudit(db, actor: actor, action: "visit result",
                            detail: "\(id): \(outcome.rawValue)" + (visit.presence.checkedInAt == nil ? " (无码检查: \(reason ?? ""))" : ""), records: id)
            return try Self.fetchVisit(db, id)
        }
    }

    // MARK: 企业评价 and complaints (public, by token)

    /// The visit a token names, or nil (the token's shape is checked before any lookup).
    public func visit(token: String) throws -> Visit? {
        guard VisitCode.isWellFormed(token: token) else { return nil }
        return try backend.read { db in
            try db.value(String.self, sql: "SELECT id FROM visit_filing WHERE token = ?", arguments: [token]).map { try Self.fetchVisit(db, $0) }
        }
    }

    /// The visit a typed short code names, or nil.
    public func visit(shortCode: String) throws -> Visit? {
        guard let code = VisitCode.normalize(shortCode: shortCode) else { return nil }
        return try backend.read { db in
            try db.value(String.self, sql: "SELECT id FROM visit_filing WHERE short_code = ?", arguments: [code]).map { try Self.fetchVisit(db, $0) }
        }
    }

    /// The enterprise's evaluation, once per visit, after the visit took place.
    public func evaluateVisit(token: String, _ evaluation: VisitEvaluation, at: String) throws -> Visit {
        try evaluation.validate()
        return try backend.write { db in
            let visit = try Self.visitByToken(db, token)
            guard visit.presence.checkedInAt != nil || visit.outcome != nil else { throw VisitError.notYetVisited(visit.id) }
            guard try db.value(Bool.self, sql: "SELECT 1 FROM visit_evaluation WHERE visit_id = ?", arguments: [visit.id]) == nil else {
                throw VisitError.alreadyEvaluated(visit.id)
            }
            try db.execute(sql: """
                INSERT INTO visit_evaluation (visit_id, at, rating, certificates_shown, notice_given, rights_told, production_disturbed,
                  integrity_kept, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [visit.id, at, evaluation.rating.rawValue, evaluation.certificatesShown, evaluation.noticeGiven,
                                 evaluation.rightsTold, evaluation.productionDisturbed, evaluation.integrityKept,
                                 evaluation.comment.trimmingWhitespace])
            try appendAudit(db, actor: Self.publicActor(visit, at: at), action: "visit evaluation",
                            detail: "\(visit.id): \(evaluation.rating.rawValue)", records: visit.id)
            return try Self.fetchVisit(db, visit.id)
        }
    }

    /// A complaint about a visit (any time once it is coded).
    /// Who writes an evaluation or a complaint in the audit log: the public, through the visit's code
    /// (the enterprise signs nothing in; no name or contact goes into the log).
    static func publicActor(_ visit: Visit, at: String) -> Actor {
        Actor(name: "public（检查码 \(visit.code?.shortCode ?? "")）", timestamp: at, today: LocalDate(String(at.prefix(10))) ?? visit.filing.start)
    }

    public func complainAboutVisit(token: String, text: String, contact: String, at: String) throws {
        let text = text.trimmingWhitespace, contact = contact.trimmingWhitespace
        guard !text.isEmpty else { throw VisitError.reasonRequired("a complaint") }
        guard text.count <= VisitRules.maximumTextLength, contact.count <= 100 else { throw VisitError.invalid("the complaint is too long") }
        try backend.write { db in
            let visit = try Self.visitByToken(db, token)
            try db.execute(sql: "INSERT INTO visit_complaint (visit_id, at, text, contact) VALUES (?, ?, ?, ?)",
                           arguments: [visit.id, at, text, contact])
            try appendAudit(db, actor: Self.publicActor(visit, at: at), action: "visit complaint", detail: "\(visit.id): complaint received",
                            records: visit.id)
        }
    }

    private static func visitByToken(_ db: any SQLConnection, _ token: String) throws -> Visit {
        guard VisitCode.isWellFormed(token: token),
              let id = try db.value(String.self, sql: "SELECT id FROM visit_filing WHERE token = ?", arguments: [token]) else {
            throw VisitError.unknownCode
        }
        return try fetchVisit(db, id)
    }

    // MARK: Reading

    public func visit(_ id: String) throws -> Visit {
        try backend.read { db in try Self.fetchVisit(db, id) }
    }

    /// One page of visits, newest first; `department` keeps those it takes part in, `inspector` those a
    /// certificate is on, `uscc` one enterprise's.
    public func visits(department: String? = nil, inspector: String? = nil, uscc: String? = nil, source: VisitSource? = nil, pending: Bool = false,
                       limit: Int = 50, offset: Int = 0) throws -> (visits: [Visit], total: Int) {
        try backend.read { db in
            var conditions: [String] = []
            var arguments: SQLArguments = []
            if let department {
                conditions.append("EXISTS (SELECT 1 FROM visit_department d WHERE d.visit_id = f.id AND d.department = ?)")
                arguments.append(department)
            }
            if let inspector {
                conditions.append("EXISTS (SELECT 1 FROM visit_inspector i WHERE i.visit_id = f.id AND i.certificate = ?)")
                arguments.append(inspector)
            }
            if let uscc { conditions.append("f.uscc = ?"); arguments.append(uscc) }
            if let source { conditions.append("f.source_kind = ? AND f.source_ref = ?"); arguments += [source.kind, source.reference] }
            if pending { conditions.append("f.approval = 'pending'") }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let total = try db.value(Int.self, sql: "SELECT count(*) FROM visit_filing f \(filter)", arguments: arguments) ?? 0
            let ids = try db.values(String.self, sql: "SELECT f.id FROM visit_filing f \(filter) ORDER BY f.filed_at DESC, f.id DESC LIMIT ? OFFSET ?",
                                          arguments: SQLArguments(arguments + [max(0, min(limit, 500)), max(0, offset)]))
            return (try ids.map { try Self.fetchVisit(db, $0) }, total)
        }
    }

    static func fetchVisit(_ db: any SQLConnection, _ id: String) throws -> Visit {
        guard let row = try db.row(sql: "SELECT * FROM visit_filing WHERE id = ?", arguments: [id]) else {
            throw VisitError.unknownVisit(id)
        }
        let departments = try db.values(String.self, sql: "SELECT department FROM visit_department WHERE visit_id = ? ORDER BY position", arguments: [id])
        let inspectors = try db.values(String.self, sql: "SELECT certificate FROM visit_inspector WHERE visit_id = ? ORDER BY position", arguments: [id])
        let items = try db.rows(sql: """
            SELECT v.department, v.code, i.name, i.basis FROM visit_item v JOIN item i ON i.department = v.department AND i.code = v.code
            WHERE v.visit_id = ? ORDER BY v.position
            """, arguments: [id]).map { VisitItem(department: $0["department"], code: $0["code"], name: $0["name"], basis: $0["basis"]) }
        let source = VisitSource(kind: row["source_kind"], reference: row["source_ref"], note: row["source_note"]) ?? .cause(.complaint, "")
        let filing = VisitFiling(source: source, uscc: row["uscc"], departments: departments, inspectors: inspectors, items: items,
                                 start: LocalDate(row["start"] as String)!, end: LocalDate(row["end"] as String)!, emergency: row["emergency"],
                                 exemption: (row["exemption"] as String?).flatMap(VisitCause.init(rawValue:)), exemptionReason: row["exemption_reason"])
        let approval: VisitApproval = switch row["approval"] as String {
        case "approved": .approved(by: row["decided_by"], at: row["decided_at"], afterwards: row["approved_afterwards"])
        case "refused": .refused(by: row["decided_by"], at: row["decided_at"], reason: row["decision_reason"])
        default: .pending
        }
        let code = (row["token"] as String?).map { VisitCode(token: $0, shortCode: row["short_code"]) }
        let presence = VisitPresence(checkedInAt: row["checked_in_at"], checkedInBy: row["checked_in_by"], location: row["location"],
                                     checkedOutAt: row["checked_out_at"], lateReason: row["late_reason"], noCodeReason: row["no_code_reason"])
        let evaluated = try db.value(Bool.self, sql: "SELECT 1 FROM visit_evaluation WHERE visit_id = ?", arguments: [id]) != nil
        return Visit(id: id, filing: filing, filedBy: row["filed_by"], filedAt: row["filed_at"], filedOn: LocalDate(row["filed_on"] as String)!,
                     approval: approval, code: code, presence: presence, outcome: (row["outcome"] as String?).flatMap(ItemOutcome.init(rawValue:)),
                     findings: row["findings"], evaluated: evaluated, yearlyCap: row["yearly_cap"])
    }

    /// The visits of this year of an enterprise, per department (a joint visit counts once for each
    /// of its departments), not counting refused filings: what the notice prints against the cap.
    public func visitCounts(uscc: String, year: Int) throws -> [String: Int] {
        try backend.read { db in
            Dictionary(uniqueKeysWithValues: try db.rows(sql: """
                SELECT d.department, count(*) AS n FROM visit_filing f JOIN visit_department d ON d.visit_id = f.id
                WHERE f.uscc = ? AND f.year = ? AND f.approval != 'refused' GROUP BY d.department
                """, arguments: [uscc, year]).map { ($0["department"] as String, $0["n"] as Int) })
        }
    }

    // MARK: Evaluations: in full for the lead bureau's coordinators and auditors, counts for the inspected

    /// Evaluations in full, newest first, leaving out the visits `excludingDepartment` took part in
    /// (the inspected department never reads its own evaluations, even as coordinator).
    public func evaluations(excludingDepartment: String?, limit: Int = 50, offset: Int = 0) throws -> (rows: [EvaluationRow], total: Int) {
        try backend.read { db in
            let filter = excludingDepartment == nil ? "" :
                "WHERE NOT EXISTS (SELECT 1 FROM visit_department d WHERE d.visit_id = e.visit_id AND d.department = ?)"
            var args: SQLArguments = []
            if let excludingDepartment { args.append(excludingDepartment) }
            let total = try db.value(Int.self, sql: "SELECT count(*) FROM visit_evaluation e \(filter)", arguments: args) ?? 0
            let rows = try db.rows(sql: """
                SELECT e.*, f.uscc, coalesce(x.name, '') AS enterprise_name FROM visit_evaluation e
                JOIN visit_filing f ON f.id = e.visit_id LEFT JOIN enterprise x ON x.uscc = f.uscc
                \(filter) ORDER BY e.at DESC, e.visit_id LIMIT ? OFFSET ?
                """, arguments: SQLArguments(args + [max(0, min(limit, 500)), max(0, offset)]))
            return (try rows.map { row in
                EvaluationRow(visitID: row["visit_id"], uscc: row["uscc"], enterpriseName: row["enterprise_name"],
                              departments: try db.values(String.self, sql: "SELECT department FROM visit_department WHERE visit_id = ? ORDER BY position",
                                                               arguments: [row["visit_id"] as String]),
                              at: row["at"],
                              evaluation: VisitEvaluation(rating: VisitEvaluation.Rating(rawValue: row["rating"]) ?? .satisfied,
                                                          certificatesShown: row["certificates_shown"], noticeGiven: row["notice_given"],
                                                          rightsTold: row["rights_told"], productionDisturbed: row["production_disturbed"],
                                                          integrityKept: row["integrity_kept"], comment: row["comment"]))
            }, total)
        }
    }

    /// Complaints in full, newest first, with the same exclusion as `evaluations`.
    public func complaints(excludingDepartment: String?, limit: Int = 50, offset: Int = 0) throws -> (rows: [ComplaintRow], total: Int) {
        try backend.read { db in
            let filter = excludingDepartment == nil ? "" :
                "WHERE NOT EXISTS (SELECT 1 FROM visit_department d WHERE d.visit_id = c.visit_id AND d.department = ?)"
            var args: SQLArguments = []
            if let excludingDepartment { args.append(excludingDepartment) }
            let total = try db.value(Int.self, sql: "SELECT count(*) FROM visit_complaint c \(filter)", arguments: args) ?? 0
            let rows = try db.rows(sql: """
                SELECT c.*, f.uscc, coalesce(x.name, '') AS enterprise_name FROM visit_complaint c
                JOIN visit_filing f ON f.id = c.visit_id LEFT JOIN enterprise x ON x.uscc = f.uscc
                \(filter) ORDER BY c.at DESC, c.id DESC LIMIT ? OFFSET ?
                """, arguments: SQLArguments(args + [max(0, min(limit, 500)), max(0, offset)]))
            return (try rows.map { row in
                ComplaintRow(id: row["id"], visitID: row["visit_id"], uscc: row["uscc"], enterpriseName: row["enterprise_name"],
                             departments: try db.values(String.self, sql: "SELECT department FROM visit_department WHERE visit_id = ? ORDER BY position",
                                                              arguments: [row["visit_id"] as String]),
                             at: row["at"], text: row["text"], contact: row["contact"])
            }, total)
        }
    }

    /// Counts of the evaluations and complaints of the visits `department` took part in (nil: all).
    public func evaluationCounts(department: String?) throws -> EvaluationCounts {
        try backend.read { db in try Self.evaluationCounts(db, department: department, source: nil, within: nil) }
    }

    static func evaluationCounts(_ db: any SQLConnection, department: String?, source: VisitSource?, within: ClosedRange<LocalDate>?) throws -> EvaluationCounts {
        var conditions: [String] = []
        var args: SQLArguments = []
        if let within { conditions.append("f.start BETWEEN ? AND ?"); args += [within.lowerBound.description, within.upperBound.description] }
        if let department {
            conditions.append("EXISTS (SELECT 1 FROM visit_department d WHERE d.visit_id = f.id AND d.department = ?)"); args.append(department)
        }
        if let source { conditions.append("f.source_kind = ? AND f.source_ref = ?"); args += [source.kind, source.reference] }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let row = try db.row(sql: """
            SELECT count(*) AS n, count(*) FILTER (WHERE e.rating = '满意') AS s, count(*) FILTER (WHERE e.rating = '基本满意') AS f,
              count(*) FILTER (WHERE e.rating = '不满意') AS d
            FROM visit_evaluation e JOIN visit_filing f ON f.id = e.visit_id \(filter)
            """, arguments: args)!
        let complaints = try db.value(Int.self, sql: "SELECT count(*) FROM visit_complaint c JOIN visit_filing f ON f.id = c.visit_id \(filter)",
                                          arguments: args) ?? 0
        return EvaluationCounts(evaluations: row["n"], satisfied: row["s"], fairlySatisfied: row["f"], dissatisfied: row["d"], complaints: complaints)
    }

    /// The loop's figures for a plan (`source`), or for a whole year, or the visits whose window
    /// starts `within` (a quarter).
    public func visitStatistics(source: VisitSource?, year: Int, within: ClosedRange<LocalDate>? = nil, department: String? = nil) throws -> VisitStatistics {
        try backend.read { db in
            var args: SQLArguments = [year]
            var filter = "f.year = ?"
            if let source { filter += " AND f.source_kind = ? AND f.source_ref = ?"; args += [source.kind, source.reference] }
            if let within { filter += " AND f.start BETWEEN ? AND ?"; args += [within.lowerBound.description, within.upperBound.description] }
            if let department {
                filter += " AND EXISTS (SELECT 1 FROM visit_department vd WHERE vd.visit_id = f.id AND vd.department = ?)"; args.append(department)
            }
            let sargs = args
            let visits = try db.value(Int.self, sql: """
                SELECT count(*) FROM visit_filing f WHERE \(filter) AND (f.checked_in_at IS NOT NULL OR f.outcome IS NOT NULL)
                """, arguments: sargs) ?? 0
            let checkedIn = try db.value(Int.self, sql: "SELECT count(*) FROM visit_filing f WHERE \(filter) AND f.checked_in_at IS NOT NULL",
                                             arguments: sargs) ?? 0
            let withoutCode = try db.rows(sql: """
                SELECT id, uscc, no_code_reason FROM visit_filing f WHERE \(filter) AND f.checked_in_at IS NULL AND f.outcome IS NOT NULL
                ORDER BY id LIMIT 1000
                """, arguments: sargs).map { (id: $0["id"] as String, uscc: $0["uscc"] as String, reason: ($0["no_code_reason"] as String?) ?? "") }
            var capArgs: SQLArguments = [year]
            var capFilter = "year = ?"
            if let source { capFilter += " AND source_kind = ? AND source_ref = ?"; capArgs += [source.kind, source.reference] }
            if let within { capFilter += " AND substr(at, 1, 10) BETWEEN ? AND ?"; capArgs += [within.lowerBound.description, within.upperBound.description] }
            if let department { capFilter += " AND department = ?"; capArgs.append(department) }
            let refused = try db.value(Int.self, sql: "SELECT count(*) FROM visit_cap_refusal WHERE \(capFilter)", arguments: capArgs) ?? 0
            let exemptions = try db.rows(sql: """
                SELECT exemption, count(*) AS n FROM visit_filing f WHERE \(filter) AND f.exemption IS NOT NULL GROUP BY exemption ORDER BY exemption
                """, arguments: sargs).map { (exemption: $0["exemption"] as String, count: $0["n"] as Int) }
            let counts = try Self.evaluationCounts(db, department: department, source: source, within: within)
            return VisitStatistics(visits: visits, checkedIn: checkedIn, withoutCode: withoutCode, evaluations: counts,
                                   refusedAtCap: refused, exemptions: exemptions)
        }
    }
}
