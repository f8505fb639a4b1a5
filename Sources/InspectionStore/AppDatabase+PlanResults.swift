public import Inspection

extension AppDatabase {
    // MARK: Teams as they stand

    /// The teams of a plan, or only those at the enterprises `usccs` (read by index, not through the whole team draw).
    public func planTeams(_ number: String, of usccs: [String]? = nil) throws -> [PlanTeam] {
        try backend.read { db in try Self.fetchTeams(db, number, of: usccs) }
    }

    static func fetchTeams(_ db: any SQLConnection, _ number: String, of usccs: [String]? = nil) throws -> [PlanTeam] {
        let record = try fetchPlan(db, number)
        guard let id = record.teamDrawID else { return [] }
        func key(_ row: SQLRow, _ uscc: String) -> String { "\(row[uscc] as String)/\(row["department"] as String)" }
        var replacements: [String: [Replacement]] = [:]
        let byUSCC = only(usccs)
        for r in try db.rows(sql: "SELECT * FROM team_replacement WHERE plan = ?\(byUSCC.sql) ORDER BY id",
                                  arguments: [number] + byUSCC.arguments) {
            replacements[key(r, "uscc"), default: []].append(
                Replacement(enterprise: r["uscc"], department: r["department"], replaced: r["replaced"], by: r["by"],
                            reason: r["reason"], approvedBy: r["approved_by"]))
        }
        var assistants: [String: [String]] = [:]
        for r in try db.rows(sql: "SELECT * FROM team_assistant WHERE plan = ?\(byUSCC.sql)", arguments: [number] + byUSCC.arguments) {
            assistants[key(r, "uscc"), default: []].append(r["certificate"])
        }
        let byEnterprise = only(usccs, column: "enterprise")
        // NB: sorted here, not by ORDER BY position, so that SQLite reads only the covering index draw_team_enterprise.
        return try db.rows(sql: """
            SELECT enterprise, department, position, drawn FROM draw_team \(db.dialect.indexedBy("draw_team_enterprise"))
            WHERE draw_id = ?\(byEnterprise.sql)
            """, arguments: [id] + byEnterprise.arguments).sorted { ($0["position"] as Int) < ($1["position"] as Int) }.map { t in
            let k = key(t, "enterprise")
            let replaced = replacements[k] ?? []
            var inspectors = lines(t["drawn"])
            for r in replaced {
                if let i = inspectors.firstIndex(of: r.replaced) { inspectors[i] = r.by }
            }
            return PlanTeam(uscc: t["enterprise"], department: t["department"], inspectors: inspectors,
                            assistants: assistants[k] ?? [], replacements: replaced)
        }
    }

    /// The teams of a plan that `certificate` is on (drawn, replacing, or assisting).
    public func planTeams(_ number: String, withMember certificate: String) throws -> [PlanTeam] {
        try backend.read { db in
            let record = try Self.fetchPlan(db, number)
            guard let id = record.teamDrawID else { return [] }
            // NB: `drawn` holds one certificate a line; the covering index is scanned, not the team rows.
            let nl = db.dialect.newline
            let usccs = try db.values(String.self, sql: """
                SELECT enterprise FROM draw_team \(db.dialect.indexedBy("draw_team_enterprise"))
                WHERE draw_id = ?1 AND \(db.dialect.position(of: "\(nl) || ?2 || \(nl)", in: "\(nl) || drawn || \(nl)")) > 0
                UNION SELECT uscc FROM team_replacement WHERE plan = ?3 AND by = ?2
                UNION SELECT uscc FROM team_assistant WHERE plan = ?3 AND certificate = ?2
                """, arguments: [id, certificate, number])
            return try Self.fetchTeams(db, number, of: usccs).filter { $0.inspectors.contains(certificate) || $0.assistants.contains(certificate) }
        }
    }

    /// ` AND column IN (?, …)` with its arguments when `usccs` is given, nothing otherwise: some
    /// enterprises' rows through the (plan, uscc) indexes. NB: not `?2 IS NULL OR …`, which SQLite
    /// cannot plan on an index.
    static func only(_ usccs: [String]?, column: String = "uscc") -> (sql: String, arguments: SQLArguments) {
        guard let usccs else { return ("", []) }
        // NB: SQLite takes `IN ()`, PostgreSQL does not.
        guard !usccs.isEmpty else { return (" AND FALSE", []) }
        return (" AND \(column) IN (\(Array(repeating: "?", count: usccs.count).joined(separator: ", ")))", usccs)
    }

    /// Replaces a drawn inspector for cause, with the approving leader: the next eligible inspector
    /// in ticket order. The original pick stays in the draw record. Returns the new inspector.
    public func replaceInspector(_ number: String, uscc: String, certificate: String, reason: String, approvedBy: String,
                                 actor: Actor) throws -> String {
        try Bounds.check(reason, "reason", limit: Bounds.text)
        try Bounds.check(approvedBy, "approving leader", limit: Bounds.name)
        return try withPlan(number, in: [.matched, .checking], to: "replace an inspector") { db, record in
            guard !reason.trimmingWhitespace.isEmpty, !approvedBy.trimmingWhitespace.isEmpty else {
                throw PlanError.invalid("a replacement needs a reason and the approving leader (--reason, --approved-by)")
            }
            // NB: only this enterprise's teams are read, not the whole team draw.
            guard let id = record.teamDrawID,
                  let seed = try db.value(String.self, sql: "SELECT seed FROM draw WHERE id = ?", arguments: [id]).flatMap(VerifiableDraw.seedBytes(hex:))
            else { throw PlanError.invalid("plan \(number) has no teams") }
            let current = try Self.fetchTeams(db, number, of: [uscc])
            guard let team = current.first(where: { $0.uscc == uscc && $0.inspectors.contains(certificate) }),
                  let drawnTeam = try db.row(sql: "SELECT * FROM draw_team WHERE draw_id = ? AND enterprise = ? AND department = ?",
                                                   arguments: [id, uscc, team.department]).map(Self.teamDraw) else {
                throw PlanError.notOnTeam(certificate: certificate, uscc: uscc)
            }
            guard let by = TeamMatching.replacement(in: drawnTeam, seed: seed, alreadyReplacing: team.replacements.map(\.by)) else {
                throw PlanError.noReplacement(uscc: uscc, department: team.department)
            }
            let auditID = try appendAudit(db, actor: actor, action: "plan replace",
                                          detail: "\(number) \(uscc)/\(team.department): \(certificate) → \(by) (\(reason); approved by \(approvedBy))",
                                          records: "\(certificate)\n\(by)")
            try db.execute(sql: """
                INSERT INTO team_replacement (plan, uscc, department, replaced, by, reason, approved_by, audit_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [number, uscc, team.department, certificate, by, reason, approvedBy, auditID])
            return by
        }
    }

    /// Adds an auxiliary person (expert, monitoring staff) to a team as an assistant: not drawn,
    /// never counted toward the minimum.
    public func addAssistant(_ number: String, uscc: String, department: String, certificate: String, actor: Actor) throws {
        try withPlan(number, in: [.matched, .checking], to: "add an assistant") { db, _ in
            guard let row = try db.row(sql: "SELECT * FROM inspector WHERE certificate = ?", arguments: [certificate]) else {
                throw PlanError.invalid("no inspector \(certificate) in the roster")
            }
            let inspector = Inspector(row: row)
            guard inspector.department == department else { throw PlanError.invalid("\(certificate) is of \(inspector.department), not \(department)") }
            guard try Self.fetchAssignedItems(db, number, uscc: uscc, department: department) != nil else {
                throw PlanError.notDispatched(uscc: uscc, department: department)
            }
            try db.execute(sql: "INSERT INTO team_assistant (plan, uscc, department, certificate) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                           arguments: [number, uscc, department, certificate])
            try appendAudit(db, actor: actor, action: "plan assist", detail: "\(number) \(uscc)/\(department): \(certificate) \(inspector.name) assists",
                            records: certificate)
        }
    }

    // MARK: Results

    /// A department records its items' results at one enterprise, with its visit (date, questions
    /// answered, refusal to sign). Results may be corrected until the plan is published.
    public func recordResults(_ number: String, department: String, uscc: String, results: [ItemResult], visit: VisitRecord,
                              actor: Actor) throws -> PlanState {
        for r in results { try Bounds.check(r.description, "description", limit: Bounds.text) }
        return try withPlan(number, in: [.matched, .checking, .recorded], to: "record results") { db, record in
            // A check happens within the plan's window, and not in the future.
            try Bounds.check(visit.checkedOn, "check date", from: record.plan.start, to: min(record.plan.end, actor.today))
            guard let codes = try Self.fetchAssignedItems(db, number, uscc: uscc, department: department).map(Set.init) else {
                throw PlanError.notDispatched(uscc: uscc, department: department)
            }
            for r in results {
                guard codes.contains(r.itemCode) else { throw PlanError.itemNotInPlan(department: department, code: r.itemCode) }
                try db.execute(sql: """
                    INSERT INTO item_result (plan, uscc, department, item_code, outcome, description, confidential)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (plan, uscc, department, item_code) DO UPDATE SET
                        outcome = excluded.outcome, description = excluded.description, confidential = excluded.confidential
                    """, arguments: [number, uscc, department, r.itemCode, r.outcome.rawValue, r.description, r.confidential])
            }
            try db.execute(sql: """
                INSERT INTO visit (plan, uscc, department, checked_on, questions_answered, refused_to_sign) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (plan, uscc, department) DO UPDATE SET checked_on = excluded.checked_on,
                    questions_answered = excluded.questions_answered, refused_to_sign = excluded.refused_to_sign
                """, arguments: [number, uscc, department, visit.checkedOn.description, visit.questionsAnswered, visit.refusedToSign])
            try appendAudit(db, actor: actor, action: "plan result",
                            detail: "\(number) \(uscc)/\(department): " + results.map { "\($0.itemCode) \($0.outcome.rawValue)" }.joined(separator: ", "),
                            records: uscc)
            // NB: the rest of the plan is looked at only when this enterprise's department has just
            // completed its items, and only up to the first assignment still incomplete; results are
            // never removed, so a recorded plan stays recorded.
            let recorded = try db.value(Int.self, sql: "SELECT count(*) FROM item_result WHERE plan = ? AND uscc = ? AND department = ?",
                                            arguments: [number, uscc, department]) ?? 0
            let complete = try recorded >= codes.count && (record.plan.state == .recorded || !Self.anyResultMissing(db, number))
            let state: PlanState = complete ? .recorded : .checking
            try db.execute(sql: "UPDATE plan SET state = ? WHERE number = ?", arguments: [state.rawValue, number])
            return state
        }
    }

    /// "USCC/department/item" for every expected result (each applicable item of each assignment) not yet recorded.
    static func missingResults(_ db: any SQLConnection, _ number: String) throws -> [String] {
        let recorded = Set(try db.values(String.self, sql: "SELECT uscc || '/' || department || '/' || item_code FROM item_result WHERE plan = ?",
                                               arguments: [number]))
        var missing: [String] = []
        for row in try db.rows(sql: """
            SELECT uscc, department, items FROM plan_dispatch WHERE plan = ? AND rejected_reason IS NULL ORDER BY position, department
            """, arguments: [number]) {
            let prefix = "\(row["uscc"] as String)/\(row["department"] as String)/"
            for code in StoredList.split(row["items"]) where !recorded.contains(prefix + code) {
                missing.append(prefix + code)
            }
        }
        return missing
    }

    /// Whether some assignment of the plan still lacks a result; stops at the first one.
    static func anyResultMissing(_ db: any SQLConnection, _ number: String) throws -> Bool {
        try db.value(Bool.self, sql: """
            SELECT EXISTS (SELECT 1 FROM plan_dispatch d WHERE d.plan = ? AND d.rejected_reason IS NULL
                           AND (SELECT count(*) FROM item_result r WHERE r.plan = d.plan AND r.uscc = d.uscc AND r.department = d.department)
                               < \(itemCount("d.items")))
            """, arguments: [number]) ?? false
    }

    /// How many expected results are not recorded yet, counted in SQL: the items fixed at dispatch
    /// (`;`-joined codes) less the results recorded against them.
    static func missingResultCount(_ db: any SQLConnection, _ number: String) throws -> Int {
        try db.value(Int.self, sql: """
            SELECT (SELECT coalesce(sum(\(itemCount("items"))), 0)
                    FROM plan_dispatch WHERE plan = ?1 AND rejected_reason IS NULL)
                 - (SELECT count(*) FROM item_result r
                    JOIN plan_dispatch d ON d.plan = r.plan AND d.uscc = r.uscc AND d.department = r.department
                    WHERE r.plan = ?1 AND d.rejected_reason IS NULL)
            """, arguments: [number]) ?? 0
    }

    /// A department records what it did about a finding (后续处置).
    public func recordFollowUp(_ number: String, _ followUp: FollowUp, actor: Actor) throws {
        try Bounds.check(followUp.note, "note", limit: Bounds.text)
        try withPlan(number, in: [.checking, .recorded, .published], to: "record a follow-up") { db, _ in
            guard try db.value(Bool.self, sql: """
                SELECT 1 FROM item_result WHERE plan = ? AND uscc = ? AND department = ? AND outcome = '发现问题'
                """, arguments: [number, followUp.uscc, followUp.department]) != nil else {
                throw PlanError.invalid("\(followUp.department) found no problem at \(followUp.uscc) in plan \(number): nothing to follow up")
            }
            // A follow-up comes after the check that found the problem, and not in the future.
            let found = try db.value(String.self, sql: "SELECT checked_on FROM visit WHERE plan = ? AND uscc = ? AND department = ?",
                                            arguments: [number, followUp.uscc, followUp.department]).flatMap(LocalDate.init)
            try Bounds.check(followUp.date, "follow-up date", from: found, to: actor.today)
            try db.execute(sql: "INSERT INTO follow_up (plan, uscc, department, action, date, note) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [number, followUp.uscc, followUp.department, followUp.action.rawValue, followUp.date.description, followUp.note])
            try appendAudit(db, actor: actor, action: "plan followup",
                            detail: "\(number) \(followUp.uscc)/\(followUp.department): \(followUp.action.rawValue) on \(followUp.date)",
                            records: followUp.uscc)
        }
    }

    /// recorded → published: each enterprise's result in the fixed wording; confidential results stay out.
    public func publishPlan(_ number: String, actor: Actor) throws -> [(uscc: String, wording: PublishedResult)] {
        try withPlan(number, in: [.recorded], to: "publish") { db, _ in
            let activity = try Self.fetchActivity(db, number)
            var published: [(String, PublishedResult)] = []
            for uscc in Set(activity.assignments.map(\.uscc)).sorted() {
                let wording = PublishedResult.wording(results: activity.results.filter { $0.uscc == uscc },
                                                      followUps: activity.followUps.filter { $0.uscc == uscc })
                guard let wording else { continue }
                // NB: what is published is kept as published: later directory edits do not rewrite it.
                try db.execute(sql: """
                    INSERT INTO publication (plan, uscc, wording, published_on, name, departments, items, completed_on)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [number, uscc, wording.rawValue, actor.today.description,
                                     try db.value(String.self, sql: "SELECT name FROM enterprise WHERE uscc = ?", arguments: [uscc]) ?? "",
                                     try db.values(String.self, sql: """
                                         SELECT d.name FROM department d
                                         WHERE d.code IN (SELECT department FROM item_result WHERE plan = ? AND uscc = ?) ORDER BY d.code
                                         """, arguments: [number, uscc]).joined(separator: "\n"),
                                     try db.values(String.self, sql: """
                                         SELECT i.name FROM item_result r JOIN item i ON i.department = r.department AND i.code = r.item_code
                                         WHERE r.plan = ? AND r.uscc = ? AND NOT r.confidential ORDER BY r.department, r.item_code
                                         """, arguments: [number, uscc]).joined(separator: "\n"),
                                     try db.value(String.self, sql: "SELECT max(checked_on) FROM visit WHERE plan = ? AND uscc = ?",
                                                         arguments: [number, uscc])])
                published.append((uscc, wording))
            }
            try db.execute(sql: "UPDATE plan SET state = ? WHERE number = ?", arguments: [PlanState.published.rawValue, number])
            try appendAudit(db, actor: actor, action: "plan publish", detail: "\(number): \(published.count) results published",
                            records: published.map(\.0).joined(separator: "\n"))
            return published
        }
    }

    /// published → closed, once every finding has its follow-up.
    public func closePlan(_ number: String, actor: Actor) throws {
        try withPlan(number, in: [.published], to: "close") { db, _ in
            let open = try db.values(String.self, sql: """
                SELECT DISTINCT r.uscc || '/' || r.department FROM item_result r
                WHERE r.plan = ? AND r.outcome = '发现问题'
                  AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.plan = r.plan AND f.uscc = r.uscc AND f.department = r.department)
                """, arguments: [number])
            guard open.isEmpty else { throw PlanError.followUpMissing(count: open.count, example: open[0]) }
            try db.execute(sql: "UPDATE plan SET state = ? WHERE number = ?", arguments: [PlanState.closed.rawValue, number])
            try appendAudit(db, actor: actor, action: "plan close", detail: number, records: number)
        }
    }

    // MARK: Reading what was recorded

    /// What a plan recorded, or only what it recorded at the enterprises `usccs` (their assignments,
    /// teams, results, visits and follow-ups; the plan's items and the department names in full).
    public func planActivity(_ number: String, of usccs: [String]? = nil) throws -> JointPlanActivity {
        try backend.read { db in try Self.fetchActivity(db, number, of: usccs) }
    }

    static func fetchActivity(_ db: any SQLConnection, _ number: String, of usccs: [String]? = nil) throws -> JointPlanActivity {
        let names = Dictionary(uniqueKeysWithValues: try Department.fetchAll(db).map { ($0.code, $0.name) })
        let byUSCC = only(usccs)
        let arguments: SQLArguments = [number] + byUSCC.arguments
        return JointPlanActivity(
            departmentNames: names,
            items: try fetchPlanItems(db, number),
            assignments: try fetchAssignments(db, number, of: usccs),
            teams: try fetchTeams(db, number, of: usccs).map { ($0.uscc, $0.department, $0.inspectors) },
            results: try db.rows(sql: "SELECT * FROM item_result WHERE plan = ?\(byUSCC.sql)", arguments: arguments).map {
                ItemResult(uscc: $0["uscc"], department: $0["department"], itemCode: $0["item_code"],
                           outcome: ItemOutcome(rawValue: $0["outcome"]) ?? .noProblem, description: $0["description"],
                           confidential: $0["confidential"])
            },
            visits: try db.rows(sql: "SELECT * FROM visit WHERE plan = ?\(byUSCC.sql)", arguments: arguments).map {
                VisitRecord(uscc: $0["uscc"], department: $0["department"], checkedOn: LocalDate($0["checked_on"] as String)!,
                            questionsAnswered: $0["questions_answered"], refusedToSign: $0["refused_to_sign"])
            },
            followUps: try db.rows(sql: "SELECT * FROM follow_up WHERE plan = ?\(byUSCC.sql) ORDER BY id", arguments: arguments).map {
                FollowUp(uscc: $0["uscc"], department: $0["department"], action: FollowUpAction(rawValue: $0["action"]) ?? .transferred,
                         date: LocalDate($0["date"] as String)!, note: $0["note"])
            })
    }

    public func missingResults(_ number: String) throws -> [String] {
        try backend.read { db in try Self.missingResults(db, number) }
    }

    /// How many expected results of the plan are not recorded yet.
    public func missingResultCount(_ number: String) throws -> Int {
        try backend.read { db in try Self.missingResultCount(db, number) }
    }

    /// Published results, newest first (for the public pages); of one plan, and of some enterprises
    /// of it; as they were published: the enterprise's name, the departments, the items and the
    /// check date of the publication's day.
    public func publications(plan: String? = nil, of usccs: [String]? = nil) throws
        -> [(plan: String, uscc: String, name: String, wording: String, publishedOn: String, departments: [String], items: [String],
             completedOn: String?)] {
        let byUSCC = Self.only(usccs, column: "p.uscc")
        // NB: `p.plan = ?` only when a plan is named, so that its publications are found by key
        // (`?1 IS NULL OR p.plan = ?1` read every publication of every plan).
        let byPlan: (sql: String, arguments: SQLArguments) = plan.map { (" AND p.plan = ?", [$0]) } ?? ("", [])
        return try backend.read { db in
            try db.rows(sql: """
                SELECT * FROM publication p
                WHERE TRUE\(byPlan.sql)\(byUSCC.sql) ORDER BY p.published_on DESC, p.plan, p.uscc
                """, arguments: byPlan.arguments + byUSCC.arguments).map {
                ($0["plan"], $0["uscc"], $0["name"], $0["wording"], $0["published_on"], Self.lines($0["departments"]), Self.lines($0["items"]),
                 $0["completed_on"])
            }
        }
    }

    /// Enterprises with a penalty decision (行政处罚) dated in `quarter`: "penalised last quarter" for the next one.
    public func penalizedEnterprises(in quarter: Quarter) throws -> Set<String> {
        try backend.read { db in
            Set(try db.values(String.self, sql: Self.penalizedSQL, arguments: [quarter.first.description, quarter.last.description]))
        }
    }

    /// The enterprises with a penalty decision (行政处罚) in a plan's follow-up between two dates.
    static let penalizedSQL = "SELECT uscc FROM follow_up WHERE action = '行政处罚' AND date >= ? AND date <= ?"

    // MARK: Conflicts of interest

    /// Declares conflicts of interest (回避); one transaction, one audit entry.
    public func addConflicts(_ conflicts: [ConflictOfInterest], source: String, actor: Actor) throws {
        try backend.write { db in
            for c in conflicts {
                guard try db.value(Bool.self, sql: "SELECT 1 FROM inspector WHERE certificate = ?", arguments: [c.certificate]) != nil else {
                    throw PlanError.invalid("no inspector \(c.certificate) in the roster")
                }
                guard try db.value(Bool.self, sql: "SELECT 1 FROM enterprise WHERE uscc = ?", arguments: [c.uscc]) != nil else {
                    throw PlanError.invalid("no enterprise \(c.uscc) in the directory")
                }
                try db.execute(sql: """
                    INSERT INTO conflict_of_interest (certificate, uscc, reason) VALUES (?, ?, ?)
                    ON CONFLICT (certificate, uscc) DO UPDATE SET reason = excluded.reason
                    """,
                               arguments: [c.certificate, c.uscc, c.reason])
            }
            try appendAudit(db, actor: actor, action: "import conflicts", detail: "\(source): \(conflicts.count) declared",
                            records: conflicts.map { "\($0.certificate)\t\($0.uscc)" }.joined(separator: "\n"))
        }
    }

    public func conflicts() throws -> [ConflictOfInterest] {
        try backend.read { db in
            try db.rows(sql: "SELECT * FROM conflict_of_interest ORDER BY certificate, uscc").map {
                ConflictOfInterest(certificate: $0["certificate"], uscc: $0["uscc"], reason: $0["reason"])
            }
        }
    }
}
