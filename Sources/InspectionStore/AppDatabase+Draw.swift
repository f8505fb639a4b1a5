import GRDB
public import Inspection

/// Whether a draw is a routine quarterly draw or a joint plan's draw.
public enum DrawKind: String, Sendable {
    case routine, plan
    /// The inspectors of a plan's mixed teams.
    case teams
}

/// A draw as stored: the full record (seed included), and whether it may be published.
public struct StoredDraw: Sendable {
    public var record: DrawRecord
    public var kind: DrawKind
    public var revealedAt: String?
    public var supersededBy: String?

    /// A sealed draw stays secret until revealed.
    public var isPublic: Bool { !record.sealed || revealedAt != nil }
    public var publicRecord: DrawRecord { record.publicCopy(revealed: isPublic) }
}

extension AppDatabase {
    /// Stores a new draw and returns it with its id (`D2026Q2-0001`).
    ///
    /// A scope (kind, policy, period, plan, restriction) is drawn once: drawing it again needs
    /// `record.supersedes` naming the current draw and a reason; both records stay.
    public func saveDraw(_ record: DrawRecord, kind: DrawKind, year: Int, actor: Actor) throws -> DrawRecord {
        // NB: a quarter's draw of a million candidates writes ~50 MiB: room for its pages in memory
        // spares SQLite writing the same page to the log more than once.
        try backend.write { db in try db.withLargerCache { try insertDraw(db, record, kind: kind, year: year, actor: actor) } }
    }

    /// Inserts a draw inside the caller's transaction (a plan stores its draw and its new state together).
    func insertDraw(_ db: any SQLConnection, _ record: DrawRecord, kind: DrawKind, year: Int, actor: Actor) throws -> DrawRecord {
        let directed = record.directed.joined(separator: "\n")
        let current = try db.row(sql: """
            SELECT id, created, operator FROM draw d
            WHERE kind = ? AND policy IS NOT DISTINCT FROM ? AND period IS NOT DISTINCT FROM ? AND plan IS NOT DISTINCT FROM ? AND directed = ?
              AND NOT EXISTS (SELECT 1 FROM draw n WHERE n.supersedes = d.id)
            """, arguments: [kind.rawValue, record.policy, record.period, record.plan, directed])
        if let supersedes = record.supersedes {
            guard try db.value(Bool.self, sql: "SELECT 1 FROM draw WHERE id = ?", arguments: [supersedes]) != nil else {
                throw StoreError.unknownDraw(supersedes)
            }
            if let by = try db.value(String.self, sql: "SELECT id FROM draw WHERE supersedes = ?", arguments: [supersedes]) {
                throw StoreError.alreadySuperseded(id: supersedes, by: by)
            }
            guard current?["id"] == supersedes else { throw StoreError.supersedesOtherScope(id: supersedes) }
            guard !(record.reason ?? "").trimmingWhitespace.isEmpty else { throw StoreError.reasonRequired }
        } else if let current {
            throw StoreError.alreadyDrawn(existing: current["id"], created: current["created"], operator: current["operator"])
        }

        var saved = record
        saved.id = try nextDrawID(db, period: record.period, year: year)
        let auditID = try appendAudit(
            db, actor: actor, action: "draw",
            detail: "\(saved.id): \(saved.purpose)" + (saved.sealed ? " (sealed)" : "")
                + (saved.supersedes.map { " — supersedes \($0): \(saved.reason ?? "")" } ?? ""),
            records: saved.strata.lazy.flatMap { $0.drawn ?? [] }.prefix(Self.auditRecordLimit).joined(separator: "\n"))
        try db.execute(sql: """
            INSERT INTO draw (id, created, operator, purpose, kind, policy, period, year, plan, directed, seed,
                              commitment, public_entropy, sealed, supersedes, reason, audit_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [saved.id, saved.created, saved.operator, saved.purpose, kind.rawValue, saved.policy,
                             saved.period, year, saved.plan, directed, saved.seed, saved.commitment,
                             saved.publicEntropy, saved.sealed, saved.supersedes, saved.reason, auditID])
        for (position, (s, texts)) in zip(saved.strata, Self.storedTexts(saved.strata)).enumerated() {
            try db.execute(sql: """
                INSERT INTO draw_stratum (draw_id, position, scope, class_id, class_name, ratio, method, candidates,
                                          snapshot, excluded, quota, minimum, drawn)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [saved.id, position, s.scope, s.classID, s.className, s.ratio, s.method,
                                 texts.candidates, s.snapshot, texts.excluded, s.quota, s.minimum, texts.drawn])
            // NB: one statement for all of a stratum's picks (200,000 when drawn in full), in key order, so
            // that they append to the table rather than touch a random page of it each.
            try db.execute(sql: """
                INSERT INTO draw_pick (draw_id, uscc, class_id, method)
                SELECT ?, value, ?, ? FROM \(db.dialect.elements(ofJSONArray: "?"))
                """, arguments: [saved.id, s.classID, s.method, texts.picks])
        }
        for (position, t) in saved.teams.enumerated() {
        try db.execute(sql: """
            INSERT INTO draw_team (draw_id, position, enterprise, department, scope, candidates, excluded, needed, drawn)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [saved.id, position, t.enterprise, t.department, t.scope, t.candidates.joined(separator: "\n"),
                             t.excluded.map { "\($0.id)\t\($0.reason)" }.joined(separator: "\n"), t.needed,
                             (t.drawn ?? []).joined(separator: "\n")])
    }
    return saved
    }

    /// A stratum's lists as its row stores them, and its picks as a JSON array in key order.
    private struct StoredTexts: Sendable {
        var candidates, excluded, drawn, picks: String
    }

    /// The strata's texts, made at once on two threads: a quarter's draw joins a million ids.
    private static func storedTexts(_ strata: [DrawStratum]) -> [StoredTexts] {
        strata.concurrentMap { s in
            StoredTexts(candidates: joinedLines(s.candidates),
                        excluded: s.excluded.map { "\($0.id)\t\($0.reason)" }.joined(separator: "\n"),
                        drawn: joinedLines(s.drawn ?? []),
                        picks: jsonArray(VerifiableDraw.sortedByBytes(s.drawn ?? [])))
        }
    }

    /// `ids.joined(separator: "\n")`, built in one buffer: a stratum may hold a million ids.
    static func joinedLines(_ ids: [String]) -> String {
        let total = ids.reduce(max(0, ids.count - 1)) { $0 + $1.utf8.count }
        return String(unsafeUninitializedCapacity: total) { buffer in
            var at = 0
            for (i, id) in ids.enumerated() {
                if i > 0 {
                    buffer[at] = 0x0A
                    at += 1
                }
                at += UnsafeMutableBufferPointer(rebasing: buffer[at...]).initialize(from: id.utf8).1
            }
            return at
        }
    }

    /// `strings` as a JSON array.
    static func jsonArray(_ strings: [String]) -> String {
        var json: [UInt8] = [0x5B]
        json.reserveCapacity(strings.reduce(2) { $0 + $1.utf8.count + 3 })
        for (i, string) in strings.enumerated() {
            if i > 0 { json.append(0x2C) }
            json.append(0x22)
            var string = string
            string.withUTF8 { bytes in
                guard bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return json.append(contentsOf: bytes) }
                for byte in bytes {
                    switch byte {
                    case 0x22, 0x5C: json += [0x5C, byte]
                    case 0..<0x20: json += Array("\\u00".utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0xF)]
                    default: json.append(byte)
                    }
                }
            }
            json.append(0x22)
        }
        json.append(0x5D)
        return String(decoding: json, as: UTF8.self)
    }

    private static func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x61 + n - 10 }

    /// The id the next draw of `period` (or of `year`, for plan draws) will get: `D2026Q2-0001`, `D2026-0003`.
    func nextDrawID(_ db: any SQLConnection, period: String?, year: Int) throws -> String {
        let prefix = "D\(period ?? String(year))-"
        let n = try db.value(Int.self, sql: "SELECT count(*) FROM draw WHERE substr(id, 1, length(?1)) = ?1", arguments: [prefix]) ?? 0
        return prefix + String(repeating: "0", count: max(0, 4 - String(n + 1).count)) + String(n + 1)
    }

    /// The stored draw, seed included (callers publish `publicRecord`).
    public func draw(id: String) throws -> StoredDraw? {
        try backend.read { db in try Self.fetchDraw(db, id: id) }
    }

    static func fetchDraw(_ db: any SQLConnection, id: String) throws -> StoredDraw? {
        guard let row = try db.row(sql: "SELECT * FROM draw WHERE id = ?", arguments: [id]) else { return nil }
        let strata = try db.rows(sql: "SELECT * FROM draw_stratum WHERE draw_id = ? ORDER BY position", arguments: [id]).map { s in
            DrawStratum(scope: s["scope"], classID: s["class_id"], className: s["class_name"], ratio: s["ratio"],
                        method: s["method"], candidates: lines(s["candidates"]), snapshot: s["snapshot"],
                        excluded: exclusions(s["excluded"]),
                        quota: s["quota"], minimum: s["minimum"], drawn: lines(s["drawn"]))
        }
        let teams = try db.rows(sql: "SELECT * FROM draw_team WHERE draw_id = ? ORDER BY position", arguments: [id]).map(teamDraw)
        let replacements = try db.rows(sql: """
            SELECT r.* FROM team_replacement r JOIN plan p ON p.number = r.plan WHERE p.team_draw_id = ? ORDER BY r.id
            """, arguments: [id]).map {
            Replacement(enterprise: $0["uscc"], department: $0["department"], replaced: $0["replaced"], by: $0["by"],
                        reason: $0["reason"], approvedBy: $0["approved_by"])
        }
        let directed: String = row["directed"]
        let record = DrawRecord(
            id: row["id"], created: row["created"], operator: row["operator"], purpose: row["purpose"],
            seed: row["seed"], commitment: row["commitment"], publicEntropy: row["public_entropy"],
            supersedes: row["supersedes"], reason: row["reason"], sealed: row["sealed"], policy: row["policy"],
            period: row["period"], directed: lines(directed), plan: row["plan"], strata: strata, teams: teams,
            replacements: replacements)
        return StoredDraw(record: record, kind: DrawKind(rawValue: row["kind"]) ?? .routine, revealedAt: row["revealed_at"],
                          supersededBy: try db.value(String.self, sql: "SELECT id FROM draw WHERE supersedes = ?", arguments: [id]))
    }

    /// One team's draw from its `draw_team` row.
    static func teamDraw(_ t: SQLRow) -> TeamDraw {
        TeamDraw(enterprise: t["enterprise"], department: t["department"], scope: t["scope"], candidates: lines(t["candidates"]),
                 excluded: exclusions(t["excluded"]), needed: t["needed"], drawn: lines(t["drawn"]))
    }

    private static func exclusions(_ text: String) -> [Exclusion] {
        lines(text).map { line in
            guard let tab = line.utf8.firstIndex(of: 0x09) else { return Exclusion(id: line, reason: "") }
            return Exclusion(id: String(line[..<tab]), reason: String(line[line.utf8.index(after: tab)...]))
        }
    }

    static func lines(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        // NB: split on the UTF-8 bytes, not Characters: a stratum of a million candidates is one text.
        // CR LF is one Character, which the split on Characters never cut: neither does this.
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            for end in 0...bytes.count where end == bytes.count || (bytes[end] == 0x0A && (end == 0 || bytes[end - 1] != 0x0D)) {
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                start = end + 1
            }
            return lines
        }
    }

    /// Publishes a sealed draw's seed and lists (after the visits): from now on it can be verified by anyone.
    public func revealDraw(id: String, actor: Actor) throws -> StoredDraw {
        try backend.write { db in
            guard let stored = try Self.fetchDraw(db, id: id) else { throw StoreError.unknownDraw(id) }
            guard stored.record.sealed else { throw StoreError.notSealed(id) }
            guard stored.revealedAt == nil else { throw StoreError.alreadyRevealed(id) }
            try db.execute(sql: "UPDATE draw SET revealed_at = ? WHERE id = ?", arguments: [actor.timestamp, id])
            try appendAudit(db, actor: actor, action: "reveal draw", detail: "\(id): seed \(stored.record.seed ?? "") published", records: id)
            return try Self.fetchDraw(db, id: id)!
        }
    }

    /// Draws, newest first.
    public func draws(year: Int? = nil) throws -> [StoredDraw] {
        try backend.read { db in
            try db.values(String.self, sql: "SELECT id FROM draw WHERE ?1 IS NULL OR year = ?1 ORDER BY created DESC, id DESC",
                                arguments: [year]).compactMap { try Self.fetchDraw(db, id: $0) }
        }
    }

    /// What earlier draws of `policy` and their checks say, for the exclusions of a draw in `quarter`.
    /// A draw about to be superseded (`replacing`) no longer counts.
    public func drawHistory(policy: Policy, quarter: Quarter, replacing: String? = nil) throws -> DrawHistory {
        try backend.read { db in
            var history = DrawHistory()
            let live = "NOT EXISTS (SELECT 1 FROM draw n WHERE n.supersedes = d.id) AND d.id IS DISTINCT FROM :replacing"
            for row in try db.rows(sql: """
                SELECT p.uscc, count(*) AS n FROM draw_pick p JOIN draw d ON d.id = p.draw_id
                WHERE d.year = :year AND \(live) GROUP BY p.uscc
                """, arguments: ["year": quarter.year, "replacing": replacing]) {
                history.routineDrawsThisYear[row["uscc"]] = row["n"]
            }
            for row in try db.rows(sql: """
                SELECT c.uscc, c.draw_id FROM inspection_check c JOIN draw d ON d.id = c.draw_id
                WHERE d.year = :year AND NOT c.problem_found AND \(live)
                """, arguments: ["year": quarter.year, "replacing": replacing]) {
                history.inspectedWithoutProblem[row["uscc"]] = row["draw_id"]
            }
            for c in policy.classes where c.period != .quarter {
                let periods = c.period.quarters(containing: quarter).map(\.description)
                if let id = try db.value(String.self, sql: """
                    SELECT d.id FROM draw d JOIN draw_stratum s ON s.draw_id = d.id
                    WHERE d.kind = 'routine' AND d.policy = :policy AND s.class_id = :class
                      AND d.period IN (:first, :last) AND d.directed = '' AND \(live)
                    """, arguments: ["policy": policy.name, "class": c.id, "first": periods.first, "last": periods.last,
                                     "replacing": replacing]) {
                    history.classesDrawnInPeriod[c.id] = id
                }
            }
            return history
        }
    }

    /// Records the outcome of checking an enterprise drawn in `drawID`: whether a problem was
    /// found, how it was handled, and when the result was published.
    public func recordCheck(drawID: String, uscc: String, on date: LocalDate, problemFound: Bool, handling: FollowUpAction? = nil,
                            handledOn: LocalDate? = nil, publishedOn: LocalDate? = nil, actor: Actor) throws {
        try backend.write { db in
            guard try db.value(Bool.self, sql: "SELECT 1 FROM draw WHERE id = ?", arguments: [drawID]) != nil else {
                throw StoreError.unknownDraw(drawID)
            }
            guard try db.value(Bool.self, sql: "SELECT 1 FROM draw_pick WHERE draw_id = ? AND uscc = ?", arguments: [drawID, uscc]) != nil else {
                throw StoreError.notDrawn(uscc: uscc, draw: drawID)
            }
            guard try db.value(Bool.self, sql: "SELECT 1 FROM inspection_check WHERE draw_id = ? AND uscc = ?", arguments: [drawID, uscc]) == nil else {
                throw StoreError.checkRecorded(uscc: uscc, draw: drawID)
            }
            let auditID = try appendAudit(db, actor: actor, action: "record check",
                                          detail: "\(drawID) \(uscc): \(problemFound ? "发现问题" : "未发现问题") on \(date)", records: uscc)
            try db.execute(sql: """
                INSERT INTO inspection_check (draw_id, uscc, checked_on, problem_found, handling, handled_on, published_on, audit_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [drawID, uscc, date.description, problemFound, handling?.rawValue, handledOn?.description,
                                 publishedOn?.description, auditID])
        }
    }

    /// Per enterprise this year: how many times drawn (routine draws of `policy`) and checked.
    public func yearActivity(policy: String, year: Int) throws -> [String: (drawn: Int, checked: Int)] {
        try backend.read { db in
            var activity: [String: (drawn: Int, checked: Int)] = [:]
            for row in try db.rows(sql: """
                SELECT p.uscc, count(*) AS drawn, count(c.id) AS checked
                FROM draw_pick p JOIN draw d ON d.id = p.draw_id
                LEFT JOIN inspection_check c ON c.draw_id = p.draw_id AND c.uscc = p.uscc
                WHERE d.kind = 'routine' AND d.policy = ? AND d.year = ?
                  AND NOT EXISTS (SELECT 1 FROM draw n WHERE n.supersedes = d.id)
                GROUP BY p.uscc
                """, arguments: [policy, year]) {
                activity[row["uscc"]] = (row["drawn"], row["checked"])
            }
            return activity
        }
    }
}
