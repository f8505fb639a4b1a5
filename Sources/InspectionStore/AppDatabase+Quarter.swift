import Foundation
public import Inspection

extension AppDatabase {
    /// Every check dated within the range: routine checks, joint-plan visits (one per plan and
    /// enterprise, however many departments went) and cause-based checks.
    ///
    /// `creditBasedPolicies` names the policies whose classes use credit risk: their routine
    /// checks count as drawn on credit-risk classes (a plan's per-level draw always does).
    public func checkEvents(from: LocalDate, through: LocalDate, creditBasedPolicies: Set<String>,
                            policyDepartments: [String: String] = [:]) throws -> [CheckEvent] {
        try backend.read { db in
            var events: [CheckEvent] = []
            let range: SQLArguments = [from.description, through.description]
            for row in try db.rows(sql: """
                SELECT c.*, p.method, d.policy FROM inspection_check c
                JOIN draw_pick p ON p.draw_id = c.draw_id AND p.uscc = c.uscc JOIN draw d ON d.id = c.draw_id
                WHERE c.checked_on >= ? AND c.checked_on <= ?
                """, arguments: range) {
                let policy: String? = row["policy"]
                events.append(CheckEvent(
                    uscc: row["uscc"], date: LocalDate(row["checked_on"] as String)!, kind: .routine,
                    method: SupervisionClass.Method(rawValue: row["method"]) ?? .site,
                    departments: policy.flatMap { policyDepartments[$0] }.map { [$0] } ?? [],
                    source: row["draw_id"], problemFound: row["problem_found"],
                    creditBased: policy.map(creditBasedPolicies.contains) ?? false,
                    publishedOn: (row["published_on"] as String?).flatMap(LocalDate.init),
                    handling: (row["handling"] as String?).flatMap(FollowUpAction.init(rawValue:)).map { [$0] } ?? []))
            }
            let plans = Dictionary(uniqueKeysWithValues: try db.values(String.self, sql: "SELECT number FROM plan").map { ($0, try Self.fetchPlan(db, $0).plan) })
            for row in try db.rows(sql: """
                SELECT v.plan, v.uscc, max(v.checked_on) AS day, \(db.dialect.joined("v.department", separator: ";")) AS departments,
                       EXISTS (SELECT 1 FROM item_result r WHERE r.plan = v.plan AND r.uscc = v.uscc AND r.outcome = '发现问题') AS problem,
                       (SELECT published_on FROM publication p WHERE p.plan = v.plan AND p.uscc = v.uscc) AS published,
                       (SELECT \(db.dialect.joined("action", separator: ";")) FROM follow_up f WHERE f.plan = v.plan AND f.uscc = v.uscc) AS actions
                FROM visit v GROUP BY v.plan, v.uscc HAVING max(v.checked_on) >= ? AND max(v.checked_on) <= ?
                """, arguments: range) {
                let plan = plans[row["plan"] as String]
                events.append(CheckEvent(
                    uscc: row["uscc"], date: LocalDate(row["day"] as String)!,
                    kind: plan?.kind == .internal ? .internalJoint : .crossDepartment,
                    departments: StoredList.split(row["departments"]).sorted(),
                    source: row["plan"], problemFound: row["problem"], creditBased: true,
                    publishedOn: (row["published"] as String?).flatMap(LocalDate.init),
                    handling: StoredList.split((row["actions"] as String?) ?? "").compactMap(FollowUpAction.init(rawValue:))))
            }
            for row in try db.rows(sql: "SELECT * FROM cause_check WHERE checked_on >= ? AND checked_on <= ?", arguments: range) {
                events.append(CheckEvent(uscc: row["uscc"], date: LocalDate(row["checked_on"] as String)!, kind: .cause,
                                         departments: [row["department"]], source: row["cause"], problemFound: false, creditBased: false))
            }
            return events.sorted { ($0.date, $0.uscc) < ($1.date, $1.uscc) }
        }
    }

    /// Records a check that was not drawn at random (complaint, referral, incident, data alarm).
    public func recordCauseCheck(uscc: String, department: String, on date: LocalDate, cause: String, actor: Actor) throws {
        try Bounds.check(cause, "cause", limit: Bounds.text)
        try backend.write { db in
            guard try db.value(Bool.self, sql: "SELECT 1 FROM enterprise WHERE uscc = ?", arguments: [uscc]) != nil else {
                throw PlanError.invalid("no enterprise \(uscc) in the directory")
            }
            guard !cause.trimmingWhitespace.isEmpty else { throw PlanError.invalid("say what caused the check (--cause)") }
            try db.execute(sql: "INSERT INTO cause_check (uscc, department, checked_on, cause) VALUES (?, ?, ?, ?)",
                           arguments: [uscc, department, date.description, cause])
            try appendAudit(db, actor: actor, action: "record cause check", detail: "\(uscc) by \(department) on \(date): \(cause)", records: uscc)
        }
    }

    /// Adds the handling or the publication date to a recorded routine check.
    public func updateCheck(drawID: String, uscc: String, handling: FollowUpAction?, handledOn: LocalDate?, publishedOn: LocalDate?,
                            actor: Actor) throws {
        try backend.write { db in
            let changed = try db.execute(sql: """
                UPDATE inspection_check SET handling = coalesce(?, handling), handled_on = coalesce(?, handled_on),
                       published_on = coalesce(?, published_on)
                WHERE draw_id = ? AND uscc = ?
                """, arguments: [handling?.rawValue, handledOn?.description, publishedOn?.description, drawID, uscc])
            guard changed == 1 else { throw PlanError.invalid("no check of \(uscc) recorded in \(drawID)") }
            try appendAudit(db, actor: actor, action: "update check",
                            detail: "\(drawID) \(uscc):" + (handling.map { " \($0.rawValue)" } ?? "") + (publishedOn.map { " published \($0)" } ?? ""),
                            records: uscc)
        }
    }

    /// Plans with drawn enterprises, for the warnings on uncoordinated checks.
    public func planDraws() throws -> [(plan: String, lead: String, state: PlanState, quarter: Quarter, enterprises: Set<String>)] {
        try backend.read { db in
            try db.values(String.self, sql: "SELECT number FROM plan WHERE draw_id IS NOT NULL ORDER BY number").map { number in
                let record = try Self.fetchPlan(db, number)
                let drawn = Set(try Self.drawnEnterprises(db, record))
                let active = Set(try Self.fetchAssignments(db, number).map(\.uscc))
                return (number, record.plan.lead, record.plan.state, Quarter(containing: record.plan.start),
                        record.plan.state >= .dispatched ? active : drawn)
            }
        }
    }

    /// Merges plan `other` into `plan` where they drew the same enterprises: `other`'s departments
    /// join `plan`'s visit to them ("进一次门、查多项事") and leave `other`'s. Both must be before their checks.
    public func mergePlans(_ number: String, _ other: String, calendar: WorkCalendar, actor: Actor) throws -> [String] {
        try withPlan(number, in: [.dispatched], to: "merge another plan into it") { db, record in
            let second = try Self.fetchPlan(db, other)
            guard second.plan.state == .dispatched else {
                throw PlanError.wrongState(plan: other, state: second.plan.state, action: "be merged")
            }
            let mine = try Self.fetchAssignments(db, number)
            let theirs = try Self.fetchAssignments(db, other)
            let shared = Set(mine.map(\.uscc)).intersection(theirs.map(\.uscc))
            guard !shared.isEmpty else { throw PlanError.invalid("plans \(number) and \(other) share no enterprise") }
            var plan = record.plan
            let theirItems = try Self.fetchPlanItems(db, other)
            let due = try calendar.adding(workdays: WorkflowDeadlines.confirmationWorkdays, to: actor.today)
            for a in theirs where shared.contains(a.uscc) {
                let position = try db.value(Int.self, sql: "SELECT min(position) FROM plan_dispatch WHERE plan = ? AND uscc = ?",
                                                arguments: [number, a.uscc]) ?? 0
                try db.execute(sql: """
                    INSERT INTO plan_dispatch (plan, uscc, department, position, items)
                    SELECT ?, uscc, department, ?, items FROM plan_dispatch WHERE plan = ? AND uscc = ? AND department = ?
                    ON CONFLICT DO NOTHING
                    """, arguments: [number, position, other, a.uscc, a.department])
                try db.execute(sql: "UPDATE plan_dispatch SET rejected_reason = ? WHERE plan = ? AND uscc = ? AND department = ?",
                               arguments: ["合并至\(number)联合检查（进一次门、查多项事）", other, a.uscc, a.department])
                if !plan.departments.contains(a.department) { plan.partners.append(a.department) }
                for i in theirItems where i.department == a.department {
                    try db.execute(sql: """
                        INSERT INTO plan_item (plan, department, code, labels, industries) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                        """, arguments: [number, i.department, i.item.code, i.labels.joined(separator: ";"), i.industries.joined(separator: ";")])
                }
                try db.execute(sql: "INSERT INTO plan_confirmation (plan, department, due) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                               arguments: [number, a.department, due.description])
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            try db.execute(sql: "UPDATE plan SET definition = ? WHERE number = ?",
                           arguments: [String(decoding: try encoder.encode(plan), as: UTF8.self), number])
            try appendAudit(db, actor: actor, action: "plan merge",
                            detail: "\(other) into \(number): \(shared.count) enterprises visited once", records: shared.sorted().joined(separator: "\n"))
            return shared.sorted()
        }
    }
}
