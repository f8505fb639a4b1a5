import GRDB
public import Inspection

extension AppDatabase {
    // MARK: Teams as they stand

    public func planTeams(_ number: String) throws -> [PlanTeam] {
        try writer.read { db in try Self.fetchTeams(db, number) }
    }

    static func fetchTeams(_ db: Database, _ number: String) throws -> [PlanTeam] {
        let record = try fetchPlan(db, number)
        guard let id = record.teamDrawID, let draw = try fetchDraw(db, id: id) else { return [] }
        let assistants = try Row.fetchAll(db, sql: "SELECT * FROM team_assistant WHERE plan = ?", arguments: [number])
        return draw.record.teams.map { t in
            let replacements = draw.record.replacements.filter { $0.enterprise == t.enterprise && $0.department == t.department }
            var inspectors = t.drawn ?? []
            for r in replacements {
                if let i = inspectors.firstIndex(of: r.replaced) { inspectors[i] = r.by }
            }
            return PlanTeam(uscc: t.enterprise, department: t.department, inspectors: inspectors,
                            assistants: assistants.filter { $0["uscc"] == t.enterprise && $0["department"] == t.department }.map { $0["certificate"] },
                            replacements: replacements)
        }
    }

    /// Replaces a drawn inspector for cause, with the approving leader: the next eligible inspector
    /// in ticket order. The original pick stays in the draw record. Returns the new inspector.
    public func replaceInspector(_ number: String, uscc: String, certificate: String, reason: String, approvedBy: String,
                                 actor: Actor) throws -> String {
        try withPlan(number, in: [.matched, .checking], to: "replace an inspector") { db, record in
            guard !reason.trimmingWhitespace.isEmpty, !approvedBy.trimmingWhitespace.isEmpty else {
                throw PlanError.invalid("a replacement needs a reason and the approving leader (--reason, --approved-by)")
            }
            guard let id = record.teamDrawID, let draw = try Self.fetchDraw(db, id: id),
                  let seed = draw.record.seed.flatMap(VerifiableDraw.seedBytes(hex:)) else { throw PlanError.invalid("plan \(number) has no teams") }
            let current = try Self.fetchTeams(db, number)
            guard let team = current.first(where: { $0.uscc == uscc && $0.inspectors.contains(certificate) }),
                  let drawnTeam = draw.record.teams.first(where: { $0.enterprise == uscc && $0.department == team.department }) else {
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
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM inspector WHERE certificate = ?", arguments: [certificate]) else {
                throw PlanError.invalid("no inspector \(certificate) in the roster")
            }
            let inspector = Inspector(row: row)
            guard inspector.department == department else { throw PlanError.invalid("\(certificate) is of \(inspector.department), not \(department)") }
            guard try Self.fetchAssignedItems(db, number, uscc: uscc, department: department) != nil else {
                throw PlanError.notDispatched(uscc: uscc, department: department)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO team_assistant (plan, uscc, department, certificate) VALUES (?, ?, ?, ?)",
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
        try withPlan(number, in: [.matched, .checking, .recorded], to: "record results") { db, _ in
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
            let missing = try Self.missingResults(db, number)
            let state: PlanState = missing.isEmpty ? .recorded : .checking
            try db.execute(sql: "UPDATE plan SET state = ? WHERE number = ?", arguments: [state.rawValue, number])
            return state
        }
    }

    /// "USCC/department/item" for every expected result (each applicable item of each assignment) not yet recorded.
    static func missingResults(_ db: Database, _ number: String) throws -> [String] {
        let recorded = Set(try String.fetchAll(db, sql: "SELECT uscc || '/' || department || '/' || item_code FROM item_result WHERE plan = ?",
                                               arguments: [number]))
        var missing: [String] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT uscc, department, items FROM plan_dispatch WHERE plan = ? AND rejected_reason IS NULL ORDER BY position, department
            """, arguments: [number]) {
            let prefix = "\(row["uscc"] as String)/\(row["department"] as String)/"
            for code in StoredList.split(row["items"]) where !recorded.contains(prefix + code) {
                missing.append(prefix + code)
            }
        }
        return missing
    }

    /// A department records what it did about a finding (后续处置).
    public func recordFollowUp(_ number: String, _ followUp: FollowUp, actor: Actor) throws {
        try withPlan(number, in: [.checking, .recorded, .published], to: "record a follow-up") { db, _ in
            guard try Bool.fetchOne(db, sql: """
                SELECT 1 FROM item_result WHERE plan = ? AND uscc = ? AND department = ? AND outcome = '发现问题'
                """, arguments: [number, followUp.uscc, followUp.department]) != nil else {
                throw PlanError.invalid("\(followUp.department) found no problem at \(followUp.uscc) in plan \(number): nothing to follow up")
            }
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
                try db.execute(sql: "INSERT INTO publication (plan, uscc, wording, published_on) VALUES (?, ?, ?, ?)",
                               arguments: [number, uscc, wording.rawValue, actor.today.description])
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
            let open = try String.fetchAll(db, sql: """
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

    public func planActivity(_ number: String) throws -> JointPlanActivity {
        try writer.read { db in try Self.fetchActivity(db, number) }
    }

    static func fetchActivity(_ db: Database, _ number: String) throws -> JointPlanActivity {
        let names = Dictionary(uniqueKeysWithValues: try Department.fetchAll(db).map { ($0.code, $0.name) })
        return JointPlanActivity(
            departmentNames: names,
            items: try fetchPlanItems(db, number),
            assignments: try fetchAssignments(db, number),
            teams: try fetchTeams(db, number).map { ($0.uscc, $0.department, $0.inspectors) },
            results: try Row.fetchAll(db, sql: "SELECT * FROM item_result WHERE plan = ?", arguments: [number]).map {
                ItemResult(uscc: $0["uscc"], department: $0["department"], itemCode: $0["item_code"],
                           outcome: ItemOutcome(rawValue: $0["outcome"]) ?? .noProblem, description: $0["description"],
                           confidential: $0["confidential"])
            },
            visits: try Row.fetchAll(db, sql: "SELECT * FROM visit WHERE plan = ?", arguments: [number]).map {
                VisitRecord(uscc: $0["uscc"], department: $0["department"], checkedOn: LocalDate($0["checked_on"] as String)!,
                            questionsAnswered: $0["questions_answered"], refusedToSign: $0["refused_to_sign"])
            },
            followUps: try Row.fetchAll(db, sql: "SELECT * FROM follow_up WHERE plan = ? ORDER BY id", arguments: [number]).map {
                FollowUp(uscc: $0["uscc"], department: $0["department"], action: FollowUpAction(rawValue: $0["action"]) ?? .transferred,
                         date: LocalDate($0["date"] as String)!, note: $0["note"])
            })
    }

    public func missingResults(_ number: String) throws -> [String] {
        try writer.read { db in try Self.missingResults(db, number) }
    }

    /// Published results, newest first (for the public pages).
    public func publications(plan: String? = nil) throws -> [(plan: String, uscc: String, name: String, wording: String, publishedOn: String)] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.*, e.name FROM publication p JOIN enterprise e ON e.uscc = p.uscc
                WHERE ?1 IS NULL OR p.plan = ?1 ORDER BY p.published_on DESC, p.plan, p.uscc
                """, arguments: [plan]).map { ($0["plan"], $0["uscc"], $0["name"], $0["wording"], $0["published_on"]) }
        }
    }

    /// Enterprises with a penalty decision (行政处罚) dated in `quarter`: "penalised last quarter" for the next one.
    public func penalizedEnterprises(in quarter: Quarter) throws -> Set<String> {
        try writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT uscc FROM follow_up WHERE action = '行政处罚' AND date >= ? AND date <= ?",
                                    arguments: [quarter.first.description, quarter.last.description]))
        }
    }

    // MARK: Conflicts of interest

    /// Declares conflicts of interest (回避); one transaction, one audit entry.
    public func addConflicts(_ conflicts: [ConflictOfInterest], source: String, actor: Actor) throws {
        try translatingErrors {
            try writer.write { db in
                for c in conflicts {
                    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM inspector WHERE certificate = ?", arguments: [c.certificate]) != nil else {
                        throw PlanError.invalid("no inspector \(c.certificate) in the roster")
                    }
                    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM enterprise WHERE uscc = ?", arguments: [c.uscc]) != nil else {
                        throw PlanError.invalid("no enterprise \(c.uscc) in the directory")
                    }
                    try db.execute(sql: "INSERT OR REPLACE INTO conflict_of_interest (certificate, uscc, reason) VALUES (?, ?, ?)",
                                   arguments: [c.certificate, c.uscc, c.reason])
                }
                try appendAudit(db, actor: actor, action: "import conflicts", detail: "\(source): \(conflicts.count) declared",
                                records: conflicts.map { "\($0.certificate)\t\($0.uscc)" }.joined(separator: "\n"))
            }
        }
    }

    public func conflicts() throws -> [ConflictOfInterest] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM conflict_of_interest ORDER BY certificate, uscc").map {
                ConflictOfInterest(certificate: $0["certificate"], uscc: $0["uscc"], reason: $0["reason"])
            }
        }
    }
}
