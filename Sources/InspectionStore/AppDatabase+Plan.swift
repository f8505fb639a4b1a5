import Foundation
public import Inspection

/// A plan as stored: its definition and state, and the records of its draws.
public struct PlanRecord: Sendable {
    public var plan: JointPlan
    public var drawID: String?
    public var teamDrawID: String?
    public var dispatchedOn: LocalDate?
}

/// A department's confirmation of the enterprises dispatched to it.
public struct PlanConfirmation: Sendable, Hashable {
    public var department: String
    public var due: LocalDate
    public var confirmedOn: LocalDate?
}

/// One team of a plan as it stands: the drawn inspectors after replacements, and any assistants.
public struct PlanTeam: Sendable {
    public var uscc: String
    public var department: String
    public var inspectors: [String]
    public var assistants: [String]
    public var replacements: [Replacement]
}

extension AppDatabase {
    // MARK: Plans

    public func createPlan(_ plan: JointPlan, actor: Actor) throws {
        try plan.checkBounds()
        try backend.write { db in
            guard try db.value(String.self, sql: "SELECT number FROM plan WHERE number = ?", arguments: [plan.number]) == nil else {
                throw PlanError.invalid("plan \(plan.number) exists already")
            }
            let known = Set(try Department.fetchAll(db).map(\.code))
            for code in plan.departments + plan.scope.departments where !known.contains(code) {
                throw StoreError.unknownDepartment(code)
            }
            var stored = plan
            stored.state = .draft
            try db.execute(sql: "INSERT INTO plan (number, year, definition, state) VALUES (?, ?, ?, ?)",
                           arguments: [plan.number, plan.year, try Self.json(stored), PlanState.draft.rawValue])
            try appendAudit(db, actor: actor, action: "create plan", detail: "\(plan.number) \(plan.name)", records: plan.number)
        }
    }

    public func plan(_ number: String) throws -> PlanRecord {
        try backend.read { db in try Self.fetchPlan(db, number) }
    }

    public func plans(year: Int? = nil) throws -> [PlanRecord] {
        try backend.read { db in
            try db.values(String.self, sql: "SELECT number FROM plan WHERE ?1 IS NULL OR year = ?1 ORDER BY number", arguments: [year])
                .map { try Self.fetchPlan(db, $0) }
        }
    }

    static func fetchPlan(_ db: any SQLConnection, _ number: String) throws -> PlanRecord {
        guard let row = try db.row(sql: "SELECT * FROM plan WHERE number = ?", arguments: [number]) else {
            throw PlanError.unknownPlan(number)
        }
        var plan = try JSONDecoder().decode(JointPlan.self, from: Data((row["definition"] as String).utf8))
        plan.state = PlanState(rawValue: row["state"]) ?? .draft
        return PlanRecord(plan: plan, drawID: row["draw_id"], teamDrawID: row["team_draw_id"],
                          dispatchedOn: (row["dispatched_on"] as String?).flatMap(LocalDate.init))
    }

    private static func json(_ plan: JointPlan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(plan), as: UTF8.self)
    }

    func withPlan<T>(_ number: String, in allowed: [PlanState], to action: String,
                             _ body: (any SQLConnection, PlanRecord) throws -> T) throws -> T {
        try backend.write { db in
            let record = try Self.fetchPlan(db, number)
            guard allowed.contains(record.plan.state) else {
                throw PlanError.wrongState(plan: number, state: record.plan.state, action: action)
            }
            return try body(db, record)
        }
    }

    private func setState(_ db: any SQLConnection, _ number: String, _ state: PlanState) throws {
        try db.execute(sql: "UPDATE plan SET state = ? WHERE number = ?", arguments: [state.rawValue, number])
    }

    /// draft → collecting items: partner departments may now add items.
    public func openPlanForItems(_ number: String, actor: Actor) throws {
        try withPlan(number, in: [.draft], to: "open it for items") { db, _ in
            try setState(db, number, .collecting)
            try appendAudit(db, actor: actor, action: "plan collect", detail: "\(number): open for partner items", records: number)
        }
    }

    // MARK: Items

    /// A department adds items from its own list while the plan collects them.
    public func addPlanItems(_ number: String, department: String, codes: [String], labels: [String] = [],
                             industries: [String] = [], actor: Actor) throws {
        for label in labels + industries { try Bounds.check(label, "label", limit: Bounds.name) }
        try withPlan(number, in: [.draft, .collecting], to: "add items") { db, record in
            guard record.plan.departments.contains(department) else { throw PlanError.notAPartner(plan: number, department: department) }
            for code in codes {
                guard try db.value(Bool.self, sql: "SELECT 1 FROM item WHERE department = ? AND code = ?", arguments: [department, code]) != nil else {
                    throw PlanError.itemNotInList(department: department, code: code)
                }
                try db.execute(sql: """
                    INSERT INTO plan_item (plan, department, code, labels, industries) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (plan, department, code) DO UPDATE SET labels = excluded.labels, industries = excluded.industries
                    """, arguments: [number, department, code, labels.joined(separator: ";"), industries.joined(separator: ";")])
            }
            try appendAudit(db, actor: actor, action: "plan items add", detail: "\(number) \(department): \(codes.joined(separator: ", "))",
                            records: codes.joined(separator: "\n"))
        }
    }

    public func removePlanItems(_ number: String, department: String, codes: [String], actor: Actor) throws {
        try withPlan(number, in: [.draft, .collecting], to: "remove items") { db, record in
            guard record.plan.departments.contains(department) else { throw PlanError.notAPartner(plan: number, department: department) }
            for code in codes {
                let changed = try db.execute(sql: "DELETE FROM plan_item WHERE plan = ? AND department = ? AND code = ?", arguments: [number, department, code])
                guard changed > 0 else { throw PlanError.itemNotInPlan(department: department, code: code) }
            }
            try appendAudit(db, actor: actor, action: "plan items remove", detail: "\(number) \(department): \(codes.joined(separator: ", "))",
                            records: codes.joined(separator: "\n"))
        }
    }

    public func planItems(_ number: String) throws -> [PlanItem] {
        try backend.read { db in try Self.fetchPlanItems(db, number) }
    }

    static func fetchPlanItems(_ db: any SQLConnection, _ number: String) throws -> [PlanItem] {
        try db.rows(sql: """
            SELECT i.*, p.labels AS scope_labels, p.industries AS scope_industries
            FROM plan_item p JOIN item i ON i.department = p.department AND i.code = p.code
            WHERE p.plan = ? ORDER BY i.department, i.code
            """, arguments: [number]).map {
            PlanItem(department: $0["department"], item: InspectionItem(row: $0),
                     labels: StoredList.split($0["scope_labels"]), industries: StoredList.split($0["scope_industries"]))
        }
    }

    /// collecting → frozen: the merged item list is fixed.
    public func freezePlan(_ number: String, actor: Actor) throws {
        try withPlan(number, in: [.collecting], to: "freeze its items") { db, _ in
            let items = try Self.fetchPlanItems(db, number)
            guard !items.isEmpty else { throw PlanError.noItems(plan: number) }
            try setState(db, number, .frozen)
            try appendAudit(db, actor: actor, action: "plan freeze", detail: "\(number): \(items.count) items frozen",
                            records: items.map { "\($0.department)/\($0.item.code)" }.joined(separator: "\n"))
        }
    }

    // MARK: Draw and dispatch

    /// frozen → drawn: the verifiable draw per credit-risk level, stored with the plan's new state.
    public func drawPlan(_ number: String, seed: [UInt8], publicEntropy: String?, sealed: Bool, actor: Actor) throws -> DrawRecord {
        try Bounds.check(publicEntropy ?? "", "public entropy", limit: Bounds.text)
        let enterprises = try enterprisesForClassification()
        return try withPlan(number, in: [.frozen], to: "draw") { db, record in
            let plan = record.plan
            let strata = try plan.drawStrata(enterprises: enterprises, seed: seed)
            let draw = DrawRecord(
                id: "", created: actor.timestamp, operator: actor.name, purpose: "\(plan.number) \(plan.name): objects per credit-risk level",
                seed: VerifiableDraw.hex(seed), commitment: VerifiableDraw.commitment(seed: seed), publicEntropy: publicEntropy,
                supersedes: nil, reason: nil, sealed: sealed, policy: nil, period: nil, directed: plan.scope.labels, plan: plan.number,
                strata: strata)
            let saved = try insertDraw(db, draw, kind: .plan, year: plan.year, actor: actor)
            try db.execute(sql: "UPDATE plan SET draw_id = ?, state = ? WHERE number = ?", arguments: [saved.id, PlanState.drawn.rawValue, number])
            return saved
        }
    }

    /// The enterprises a plan drew, in draw order (stratum by stratum, ticket order within).
    static func drawnEnterprises(_ db: any SQLConnection, _ record: PlanRecord) throws -> [String] {
        guard let id = record.drawID, let draw = try fetchDraw(db, id: id) else { return [] }
        return draw.record.strata.flatMap { $0.drawn ?? [] }
    }

    /// drawn → dispatched: each drawn enterprise goes to every department whose items apply to it;
    /// each department confirms within 2 working days.
    public func dispatchPlan(_ number: String, calendar: WorkCalendar, actor: Actor) throws -> [PlanConfirmation] {
        try withPlan(number, in: [.drawn], to: "dispatch") { db, record in
            let items = try Self.fetchPlanItems(db, number)
            let due = try calendar.adding(workdays: WorkflowDeadlines.confirmationWorkdays, to: actor.today)
            var departments = Set<String>()
            for (position, uscc) in try Self.drawnEnterprises(db, record).enumerated() {
                let e = try Self.fetchEnterprise(db, uscc)
                for code in record.plan.departments(for: e, items: items) {
                    departments.insert(code)
                    let codes = record.plan.items(of: code, at: e, in: items).map(\.item.code)
                    try db.execute(sql: "INSERT INTO plan_dispatch (plan, uscc, department, position, items) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [number, uscc, code, position, codes.joined(separator: ";")])
                }
            }
            for code in departments.sorted() {
                try db.execute(sql: "INSERT INTO plan_confirmation (plan, department, due) VALUES (?, ?, ?)",
                               arguments: [number, code, due.description])
            }
            try db.execute(sql: "UPDATE plan SET dispatched_on = ?, state = ? WHERE number = ?",
                           arguments: [actor.today.description, PlanState.dispatched.rawValue, number])
            try appendAudit(db, actor: actor, action: "plan dispatch", detail: "\(number): to \(departments.sorted().joined(separator: ", ")), confirm by \(due)",
                            records: departments.sorted().joined(separator: "\n"))
            return try Self.fetchConfirmations(db, number)
        }
    }

    /// A department confirms the enterprises dispatched to it, rejecting some with reasons.
    public func confirmDispatch(_ number: String, department: String, rejections: [String: String], actor: Actor) throws {
        for reason in rejections.values { try Bounds.check(reason, "reason", limit: Bounds.text) }
        try withPlan(number, in: [.dispatched], to: "confirm dispatched enterprises") { db, _ in
            guard try db.value(Bool.self, sql: "SELECT 1 FROM plan_confirmation WHERE plan = ? AND department = ?", arguments: [number, department]) != nil else {
                throw PlanError.invalid("nothing of plan \(number) was dispatched to \(department)")
            }
            for (uscc, reason) in rejections {
                guard !reason.trimmingWhitespace.isEmpty else { throw PlanError.invalid("a rejection of \(uscc) needs a reason") }
                let changed = try db.execute(sql: "UPDATE plan_dispatch SET rejected_reason = ? WHERE plan = ? AND uscc = ? AND department = ?",
                               arguments: [reason, number, uscc, department])
                guard changed > 0 else { throw PlanError.notDispatched(uscc: uscc, department: department) }
            }
            try db.execute(sql: "UPDATE plan_confirmation SET confirmed_at = ?, confirmed_on = ? WHERE plan = ? AND department = ?",
                           arguments: [actor.timestamp, actor.today.description, number, department])
            try appendAudit(db, actor: actor, action: "plan confirm",
                            detail: "\(number) \(department): confirmed" + (rejections.isEmpty ? "" : ", rejected \(rejections.count)"),
                            records: rejections.map { "\($0.key)\t\($0.value)" }.sorted().joined(separator: "\n"))
        }
    }

    public func confirmations(_ number: String) throws -> [PlanConfirmation] {
        try backend.read { db in try Self.fetchConfirmations(db, number) }
    }

    static func fetchConfirmations(_ db: any SQLConnection, _ number: String) throws -> [PlanConfirmation] {
        try db.rows(sql: "SELECT * FROM plan_confirmation WHERE plan = ? ORDER BY department", arguments: [number]).map {
            PlanConfirmation(department: $0["department"], due: LocalDate($0["due"] as String)!,
                             confirmedOn: ($0["confirmed_on"] as String?).flatMap(LocalDate.init))
        }
    }

    /// (enterprise, department) pairs to check, in draw order then department code: dispatched and not rejected.
    public func assignments(_ number: String) throws -> [(uscc: String, department: String)] {
        try backend.read { db in try Self.fetchAssignments(db, number) }
    }

    /// The item codes `department` checks at `uscc`, as fixed at dispatch; nil unless dispatched and not rejected.
    static func fetchAssignedItems(_ db: any SQLConnection, _ number: String, uscc: String, department: String) throws -> [String]? {
        try db.value(String.self, sql: """
            SELECT items FROM plan_dispatch WHERE plan = ? AND uscc = ? AND department = ? AND rejected_reason IS NULL
            """, arguments: [number, uscc, department]).map(StoredList.split)
    }

    static func fetchAssignments(_ db: any SQLConnection, _ number: String, of usccs: [String]? = nil) throws -> [(uscc: String, department: String)] {
        let byUSCC = only(usccs)
        return try db.rows(sql: """
            SELECT uscc, department FROM plan_dispatch WHERE plan = ?\(byUSCC.sql) AND rejected_reason IS NULL
            ORDER BY \(dispatchOrder(usccs)), department
            """, arguments: [number] + byUSCC.arguments).map { ($0["uscc"], $0["department"]) }
    }

    /// How a plan's dispatches (or those of `usccs`) are put in draw order.
    /// NB: for some enterprises, `+position` keeps SQLite from walking the whole plan in the position
    /// index to spare a sort of a few rows; the key (plan, uscc, department) finds them instead.
    static func dispatchOrder(_ usccs: [String]?) -> String {
        usccs == nil ? "position" : "+position"
    }

    // MARK: Teams

    /// dispatched → matched: mixed teams per DRAW.md, stored as a verifiable draw of their own.
    public func matchTeams(_ number: String, seed: [UInt8], actor: Actor) throws -> DrawRecord {
        try withPlan(number, in: [.dispatched], to: "match teams") { db, record in
            let pending = try Self.fetchConfirmations(db, number).filter { $0.confirmedOn == nil }
            guard pending.isEmpty else {
                throw PlanError.invalid("waiting for confirmation by \(pending.map { "\($0.department) (due \($0.due))" }.joined(separator: ", "))")
            }
            let items = try Self.fetchPlanItems(db, number)
            var needs: [TeamNeed] = []
            for (uscc, department) in try Self.fetchAssignments(db, number) {
                let e = try Self.fetchEnterprise(db, uscc)
                let specialties = Array(Set(record.plan.items(of: department, at: e, in: items).map(\.item.specialty).filter { !$0.isEmpty })).sorted()
                if let last = needs.last, last.uscc == uscc {
                    needs[needs.count - 1].departments.append((department, specialties))
                } else {
                    needs.append(TeamNeed(uscc: uscc, departments: [(department, specialties)]))
                }
            }
            let inspectors = try db.rows(sql: "SELECT * FROM inspector").map(Inspector.init(row:))
            let conflicts = try db.rows(sql: "SELECT * FROM conflict_of_interest").map {
                ConflictOfInterest(certificate: $0["certificate"], uscc: $0["uscc"], reason: $0["reason"])
            }
            // NB: team scopes name the team record itself (DRAW.md: `<draw id>/team/<USCC>/<department>`).
            let teamDrawID = try nextDrawID(db, period: nil, year: record.plan.year)
            let matching = TeamMatching(drawID: teamDrawID, needs: needs, inspectors: inspectors, conflicts: conflicts,
                                        maxPerInspector: record.plan.maxPerInspector)
            let teams = try matching.match(seed: seed)
            let draw = DrawRecord(
                id: "", created: actor.timestamp, operator: actor.name, purpose: "\(number): mixed teams of inspectors",
                seed: VerifiableDraw.hex(seed), commitment: VerifiableDraw.commitment(seed: seed), publicEntropy: nil,
                supersedes: nil, reason: nil, sealed: false, policy: nil, period: nil, directed: [], plan: number,
                strata: [], teams: teams)
            let saved = try insertDraw(db, draw, kind: .teams, year: record.plan.year, actor: actor)
            assert(saved.id == teamDrawID)
            try db.execute(sql: "UPDATE plan SET team_draw_id = ?, state = ? WHERE number = ?", arguments: [saved.id, PlanState.matched.rawValue, number])
            return saved
        }
    }
}

extension AppDatabase {
    static func fetchEnterprise(_ db: any SQLConnection, _ uscc: String) throws -> Enterprise {
        guard let row = try db.row(sql: "SELECT * FROM enterprise WHERE uscc = ?", arguments: [uscc]) else {
            throw PlanError.notDrawn(uscc: uscc)
        }
        return Enterprise(row: row)
    }
}
