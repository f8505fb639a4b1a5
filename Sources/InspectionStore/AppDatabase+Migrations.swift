import GRDB
import Inspection

extension AppDatabase {
    /// The schema's history. Shipped migrations are never edited: add a new one.
    // NB: enumerations are checked with OR chains, not `IN (...)`: SQLite builds a temporary B-tree
    // for each IN list on every insert, which made a million-row import several times slower.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: directory, roster, items, calendar, audit") { db in
            try db.create(table: "audit_log") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("at", .text).notNull()
                t.column("operator", .text).notNull()
                t.column("action", .text).notNull()
                t.column("detail", .text).notNull()
                t.column("records", .text).notNull().defaults(to: "")
            }
            // Append-only: an audit entry is never changed or removed.
            try db.execute(sql: """
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """)

            try db.create(table: "department") { t in
                t.primaryKey("code", .text)
                t.column("name", .text).notNull().unique()
                t.column("short_name", .text).notNull().defaults(to: "")
            }

            try db.create(table: "enterprise") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uscc", .text).notNull().unique().check { length($0) == 18 }
                t.column("name", .text).notNull()
                t.column("division", .text).notNull().check { length($0) == 6 }
                t.column("address", .text).notNull().defaults(to: "")
                t.column("legal_representative", .text).notNull().defaults(to: "")
                t.column("industry", .text).notNull().defaults(to: "")
                t.column("status", .text).notNull().check(sql: "status = '在营' OR status = '停产' OR status = '注销'")
                t.column("permit", .text).notNull().check(sql: "permit = '重点管理' OR permit = '简化管理' OR permit = '登记管理' OR permit = '无'")
                t.column("key_discharge_unit", .boolean).notNull()
                t.column("positive_list", .boolean).notNull()
                t.column("air_grade", .text).check(sql: "air_grade = 'A' OR air_grade = 'B' OR air_grade = '引领性' OR air_grade = 'C' OR air_grade = 'D'")
                t.column("credit_risk", .text).check(sql: "credit_risk = 'A' OR credit_risk = 'B' OR credit_risk = 'C' OR credit_risk = 'D'")
                t.column("penalized_last_quarter", .boolean).notNull()
                t.column("high_risk", .boolean).notNull()
                t.column("supervised_rectification", .boolean).notNull()
                t.column("non_site_capable", .boolean).notNull()
                // NB: codes joined by ';' — validated against `department` on import; a join table
                // would double the rows a million-enterprise import writes.
                t.column("departments", .text).notNull().defaults(to: "")
                t.column("labels", .text).notNull().defaults(to: "")
                // The directory history's 新增 event lives on the row itself: a million-row import
                // then writes a million rows, not two million.
                t.column("added_on", .text).notNull()
                t.column("added_audit_id", .integer).notNull()
                    .references("audit_log", onDelete: .restrict, deferred: true)
            }

            // The directory's history after an enterprise was added: every field change and
            // deregistration, with its date.
            try db.create(table: "enterprise_change") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("enterprise_id", .integer).notNull().indexed().references("enterprise", onDelete: .restrict)
                t.column("date", .text).notNull()
                t.column("kind", .text).notNull().check(sql: "kind = '变更' OR kind = '注销'")
                t.column("field", .text)
                t.column("old_value", .text)
                t.column("new_value", .text)
                t.column("audit_id", .integer).notNull()
                    .references("audit_log", onDelete: .restrict, deferred: true)
            }

            try db.create(table: "inspector") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("certificate", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("department", .text).notNull().indexed().references("department", onDelete: .restrict)
                t.column("post", .text).notNull().defaults(to: "")
                t.column("division", .text).notNull().defaults(to: "")
                t.column("gender", .text).notNull().defaults(to: "")
                t.column("years", .integer)
                t.column("specialties", .text).notNull().defaults(to: "")
                t.column("on_duty", .boolean).notNull()
                t.column("kind", .text).notNull().check(sql: "kind = '执法人员' OR kind = '辅助人员'")
            }

            try db.create(table: "item") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("department", .text).notNull().references("department", onDelete: .restrict)
                t.column("code", .text).notNull()
                t.column("name", .text).notNull()
                t.column("content", .text).notNull().defaults(to: "")
                t.column("object", .text).notNull().defaults(to: "")
                t.column("category", .text).notNull().check(sql: "category = '一般' OR category = '重点'")
                t.column("method", .text).notNull().check(sql: "method = '现场' OR method = '书面' OR method = '非现场'")
                t.column("ratio_text", .text).notNull().defaults(to: "")
                t.column("basis", .text).notNull().defaults(to: "")
                t.column("specialty", .text).notNull().defaults(to: "")
                t.uniqueKey(["department", "code"])
            }

            try db.create(table: "calendar_year") { t in
                t.primaryKey("year", .integer)
                t.column("source", .text).notNull()
            }
            try db.create(table: "calendar_day") { t in
                t.primaryKey("date", .text)
                t.column("year", .integer).notNull().references("calendar_year", onDelete: .cascade)
                t.column("kind", .text).notNull().check(sql: "kind = 'holiday' OR kind = 'workday'")
                t.column("name", .text).notNull()
            }
        }
        migrator.registerMigration("v2: draws, picks, checks") { db in
            try db.create(table: "draw") { t in
                t.primaryKey("id", .text)  // D2026Q2-0001
                t.column("created", .text).notNull()
                t.column("operator", .text).notNull()
                t.column("purpose", .text).notNull()
                t.column("kind", .text).notNull().check(sql: "kind = 'routine' OR kind = 'plan' OR kind = 'teams'")
                t.column("policy", .text)
                t.column("period", .text)
                t.column("year", .integer).notNull()
                t.column("plan", .text)
                t.column("directed", .text).notNull().defaults(to: "")
                // NB: the seed is kept from the start; a sealed draw withholds it from public copies until revealed.
                t.column("seed", .text).notNull()
                t.column("commitment", .text).notNull()
                t.column("public_entropy", .text)
                t.column("sealed", .boolean).notNull()
                t.column("revealed_at", .text)
                // A draw is replaced at most once, and only with a reason.
                t.column("supersedes", .text).unique().references("draw", onDelete: .restrict)
                t.column("reason", .text)
                t.column("audit_id", .integer).notNull().references("audit_log", onDelete: .restrict)
                t.check(sql: "supersedes IS NULL OR length(trim(coalesce(reason, ''))) > 0")
            }
            try db.create(table: "draw_stratum") { t in
                t.column("draw_id", .text).notNull().references("draw", onDelete: .restrict)
                t.column("position", .integer).notNull()
                t.column("scope", .text).notNull()
                t.column("class_id", .text)
                t.column("class_name", .text)
                t.column("ratio", .text).notNull()
                t.column("method", .text).notNull().check(sql: "method = 'site' OR method = 'non-site'")
                // Newline-joined lists: a stratum of a million-enterprise directory is one row, not a million.
                t.column("candidates", .text).notNull()
                t.column("snapshot", .text).notNull()
                t.column("excluded", .text).notNull()  // "id\treason" lines
                t.column("quota", .integer).notNull()
                t.column("minimum", .integer)
                t.column("drawn", .text).notNull()
                t.primaryKey(["draw_id", "position"])
            }
            // The mixed teams of a plan (DRAW.md "Teams"), one row per enterprise and department.
            try db.create(table: "draw_team") { t in
                t.column("draw_id", .text).notNull().references("draw", onDelete: .restrict)
                t.column("position", .integer).notNull()
                t.column("enterprise", .text).notNull()
                t.column("department", .text).notNull()
                t.column("scope", .text).notNull()
                t.column("candidates", .text).notNull()
                t.column("excluded", .text).notNull()
                t.column("needed", .integer).notNull()
                t.column("drawn", .text).notNull()
                t.primaryKey(["draw_id", "position"])
            }
            // One row per drawn enterprise, for the questions later draws ask (yearly cap, coverage).
            try db.create(table: "draw_pick") { t in
                t.column("draw_id", .text).notNull().references("draw", onDelete: .restrict)
                t.column("uscc", .text).notNull().indexed()
                t.column("class_id", .text)
                t.column("method", .text).notNull()
                t.primaryKey(["draw_id", "uscc"])
            }
            // The outcome of checking a drawn enterprise.
            try db.create(table: "inspection_check") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("draw_id", .text).notNull().references("draw", onDelete: .restrict)
                t.column("uscc", .text).notNull()
                t.column("checked_on", .text).notNull()
                t.column("problem_found", .boolean).notNull()
                // How a problem was handled (责令改正, 立案调查, 移送, …) and when the result was published.
                t.column("handling", .text)
                t.column("handled_on", .text)
                t.column("published_on", .text)
                t.column("audit_id", .integer).notNull().references("audit_log", onDelete: .restrict)
                t.uniqueKey(["draw_id", "uscc"])
                t.foreignKey(["draw_id", "uscc"], references: "draw_pick", columns: ["draw_id", "uscc"])
            }
            // A stored draw is immutable: only a sealed draw's reveal time may be set, once.
            try db.execute(sql: """
                CREATE TRIGGER draw_no_delete BEFORE DELETE ON draw
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                CREATE TRIGGER draw_only_reveal BEFORE UPDATE ON draw
                WHEN OLD.revealed_at IS NOT NULL OR NEW.revealed_at IS NULL OR NOT OLD.sealed
                  OR NEW.id IS NOT OLD.id OR NEW.created IS NOT OLD.created OR NEW.operator IS NOT OLD.operator
                  OR NEW.purpose IS NOT OLD.purpose OR NEW.kind IS NOT OLD.kind OR NEW.policy IS NOT OLD.policy
                  OR NEW.period IS NOT OLD.period OR NEW.year IS NOT OLD.year OR NEW.plan IS NOT OLD.plan
                  OR NEW.directed IS NOT OLD.directed OR NEW.seed IS NOT OLD.seed OR NEW.commitment IS NOT OLD.commitment
                  OR NEW.public_entropy IS NOT OLD.public_entropy OR NEW.sealed IS NOT OLD.sealed
                  OR NEW.supersedes IS NOT OLD.supersedes OR NEW.reason IS NOT OLD.reason OR NEW.audit_id IS NOT OLD.audit_id
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                CREATE TRIGGER draw_stratum_no_update BEFORE UPDATE ON draw_stratum
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                CREATE TRIGGER draw_stratum_no_delete BEFORE DELETE ON draw_stratum
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                CREATE TRIGGER draw_team_no_update BEFORE UPDATE ON draw_team
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                CREATE TRIGGER draw_team_no_delete BEFORE DELETE ON draw_team
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                CREATE TRIGGER draw_pick_no_update BEFORE UPDATE ON draw_pick
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                CREATE TRIGGER draw_pick_no_delete BEFORE DELETE ON draw_pick
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                """)
        }
        migrator.registerMigration("v3: joint plans") { db in
            try db.create(table: "conflict_of_interest") { t in
                t.column("certificate", .text).notNull().references("inspector", column: "certificate", onDelete: .cascade)
                t.column("uscc", .text).notNull().references("enterprise", column: "uscc", onDelete: .cascade)
                t.column("reason", .text).notNull()
                t.primaryKey(["certificate", "uscc"])
            }
            try db.create(table: "plan") { t in
                t.primaryKey("number", .text)
                t.column("year", .integer).notNull()
                // The plan as the lead department defined it (JSON of JointPlan); `state` is authoritative.
                t.column("definition", .text).notNull()
                t.column("state", .text).notNull()
                t.column("draw_id", .text).references("draw", onDelete: .restrict)
                t.column("team_draw_id", .text).references("draw", onDelete: .restrict)
                t.column("dispatched_on", .text)
            }
            try db.create(table: "plan_item") { t in
                t.column("plan", .text).notNull().references("plan", onDelete: .cascade)
                t.column("department", .text).notNull()
                t.column("code", .text).notNull()
                // The objects the item applies to in this plan (labels, industry prefixes; ';'-joined; empty: all).
                t.column("labels", .text).notNull().defaults(to: "")
                t.column("industries", .text).notNull().defaults(to: "")
                t.primaryKey(["plan", "department", "code"])
                t.foreignKey(["department", "code"], references: "item", columns: ["department", "code"])
            }
            try db.create(table: "plan_dispatch") { t in
                t.column("plan", .text).notNull().references("plan", onDelete: .cascade)
                t.column("uscc", .text).notNull()
                t.column("department", .text).notNull().references("department", onDelete: .restrict)
                t.column("position", .integer).notNull()  // the enterprise's place in draw order
                // The codes of the department's items that concern this enterprise (';'-joined), fixed at dispatch.
                t.column("items", .text).notNull()
                t.column("rejected_reason", .text)
                t.primaryKey(["plan", "uscc", "department"])
            }
            try db.create(table: "plan_confirmation") { t in
                t.column("plan", .text).notNull().references("plan", onDelete: .cascade)
                t.column("department", .text).notNull().references("department", onDelete: .restrict)
                t.column("due", .text).notNull()
                t.column("confirmed_at", .text)
                t.column("confirmed_on", .text)
                t.primaryKey(["plan", "department"])
            }
            try db.create(table: "team_replacement") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("plan", .text).notNull().references("plan", onDelete: .cascade)
                t.column("uscc", .text).notNull()
                t.column("department", .text).notNull()
                t.column("replaced", .text).notNull()
                t.column("by", .text).notNull()
                t.column("reason", .text).notNull().check(sql: "length(trim(reason)) > 0")
                t.column("approved_by", .text).notNull().check(sql: "length(trim(approved_by)) > 0")
                t.column("audit_id", .integer).notNull().references("audit_log", onDelete: .restrict)
            }
            try db.create(table: "team_assistant") { t in
                t.column("plan", .text).notNull().references("plan", onDelete: .cascade)
                t.column("uscc", .text).notNull()
                t.column("department", .text).notNull()
                t.column("certificate", .text).notNull().references("inspector", column: "certificate", onDelete: .restrict)
                t.primaryKey(["plan", "uscc", "department", "certificate"])
            }
            try db.create(table: "item_result") { t in
                t.column("plan", .text).notNull().references("plan", onDelete: .cascade)
                t.column("uscc", .text).notNull()
                t.column("department", .text).notNull()
                t.column("item_code", .text).notNull()
                t.column("outcome", .text).notNull().check(sql: "outcome = '未发现问题' OR outcome = '发现问题'")
                t.column("description", .text).notNull().defaults(to: "")
                t.column("confidential", .boolean).notNull().defaults(to: false)
                t.primaryKey(["plan", "uscc", "department", "item_code"])
                t.foreignKey(["plan", "department", "item_code"], references: "plan_item", columns: ["plan", "department", "code"])
            }
            try db.create(table: "visit") { t in
                t.column("plan", .text).notNull().references("plan", onDelete: .cascade)
                t.column("uscc", .text).notNull()
                t.column("department", .text).notNull()
                t.column("checked_on", .text).notNull()
                t.column("questions_answered", .integer).notNull().defaults(to: 0).check { $0 >= 0 }
                t.column("refused_to_sign", .boolean).notNull().defaults(to: false)
                t.primaryKey(["plan", "uscc", "department"])
            }
            try db.create(table: "follow_up") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("plan", .text).notNull().references("plan", onDelete: .cascade)
                t.column("uscc", .text).notNull().indexed()
                t.column("department", .text).notNull()
                t.column("action", .text).notNull()
                    .check(sql: "action = '责令改正' OR action = '列入经营异常名录' OR action = '立案调查' OR action = '移送' OR action = '行政处罚'")
                t.column("date", .text).notNull()
                t.column("note", .text).notNull().defaults(to: "")
            }
            try db.create(table: "publication") { t in
                t.column("plan", .text).notNull().references("plan", onDelete: .cascade)
                t.column("uscc", .text).notNull()
                t.column("wording", .text).notNull()
                t.column("published_on", .text).notNull()
                t.primaryKey(["plan", "uscc"])
            }
            try db.execute(sql: """
                CREATE TRIGGER team_replacement_no_change BEFORE UPDATE ON team_replacement
                BEGIN SELECT RAISE(ABORT, 'a replacement is kept as recorded'); END;
                CREATE TRIGGER team_replacement_no_delete BEFORE DELETE ON team_replacement
                BEGIN SELECT RAISE(ABORT, 'a replacement is kept as recorded'); END;
                """)
        }
        migrator.registerMigration("v4: accounts, cause-based checks") { db in
            // Checks not drawn at random (complaints, referrals, incidents, data alarms): recorded
            // separately, never counted as random checks, shown beside them in warnings.
            try db.create(table: "cause_check") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("uscc", .text).notNull().indexed().references("enterprise", column: "uscc", onDelete: .restrict)
                t.column("department", .text).notNull().references("department", onDelete: .restrict)
                t.column("checked_on", .text).notNull()
                t.column("cause", .text).notNull()
            }
            try db.create(table: "account") { t in
                t.primaryKey("name", .text)
                t.column("department", .text).notNull().references("department", onDelete: .restrict)
                t.column("role", .text).notNull()
                    .check(sql: "role = 'coordinator' OR role = 'clerk' OR role = 'inspector' OR role = 'auditor'")
                t.column("certificate", .text).references("inspector", column: "certificate", onDelete: .setNull)
                // bcrypt hash; the web module hashes, the store only keeps it.
                t.column("password_hash", .text).notNull()
                t.column("active", .boolean).notNull().defaults(to: true)
                t.check(sql: "role != 'inspector' OR certificate IS NOT NULL")
            }
        }
        migrator.registerMigration("v5-issue12-plan-indexes") { db in
            // One enterprise's rows of a plan, and a plan's enterprises in draw order, by index
            // rather than by reading the plan's whole record (issue 12). NB: the team index covers
            // `drawn`, so that teams are read without the (long) candidate lists of their rows.
            try db.execute(sql: """
                CREATE INDEX draw_team_enterprise ON draw_team (draw_id, enterprise, department, position, drawn);
                CREATE INDEX team_replacement_plan_uscc ON team_replacement (plan, uscc, department);
                CREATE INDEX follow_up_plan_uscc ON follow_up (plan, uscc, department);
                CREATE INDEX plan_dispatch_position ON plan_dispatch (plan, position, department);
                """)
        }
        migrator.registerMigration("v5-issue10-audit-chain") { db in
            // Each entry's hash chains it to the one before (AuditChain); the OS user of a CLI
            // command is kept beside the free-text operator.
            try db.alter(table: "audit_log") { t in
                t.add(column: "os_user", .text).notNull().defaults(to: "")
                t.add(column: "hash", .text)
            }
            // The entries already there are chained as found; the log says from which entry on the
            // chain vouches for what was written (the append-only trigger is lifted for this step only).
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            var previous = AuditChain.genesis
            var last: Int64 = 0
            for row in try SQLiteConnection(db: db).rows(sql: "SELECT * FROM audit_log ORDER BY id") {
                let entry = AuditEntry(row: row)
                previous = AuditChain.hash(previous: previous, entry.fields)
                try db.execute(sql: "UPDATE audit_log SET hash = ? WHERE id = ?", arguments: [previous, entry.id])
                last = entry.id
            }
            try db.execute(sql: """
                CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER audit_log_hashed BEFORE INSERT ON audit_log WHEN NEW.hash IS NULL
                BEGIN SELECT RAISE(ABORT, 'an audit entry needs its hash'); END;
                """)
            if last > 0 {
                let at = try String.fetchOne(db, sql: "SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now', '+8 hours') || '+08:00'") ?? ""
                let fields = AuditChain.Fields(
                    id: last + 1, at: at, operator: "liancha", osUser: "", action: "audit chain start",
                    detail: "the audit log is hash-chained from here on; entries #1–#\(last) were written before the chain and were hashed as found at this migration",
                    records: "")
                try db.execute(sql: "INSERT INTO audit_log (id, at, operator, os_user, action, detail, records, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               arguments: [fields.id, fields.at, fields.operator, fields.osUser, fields.action, fields.detail, fields.records,
                                           AuditChain.hash(previous: previous, fields)])
            }
        }
        migrator.registerMigration("v5-issue10-publication-snapshot") { db in
            // A publication keeps what was published (the enterprise's name, the departments, the
            // items, the check date): a later directory edit appears only in later publications.
            try db.alter(table: "publication") { t in
                t.add(column: "name", .text).notNull().defaults(to: "")
                t.add(column: "departments", .text).notNull().defaults(to: "")  // names, one a line
                t.add(column: "items", .text).notNull().defaults(to: "")        // names, one a line
                t.add(column: "completed_on", .text)
            }
            // Publications made before: the best record left is the directory as it stands now.
            try db.execute(sql: """
                UPDATE publication SET
                  name = coalesce((SELECT e.name FROM enterprise e WHERE e.uscc = publication.uscc), ''),
                  departments = coalesce((SELECT group_concat(name, char(10)) FROM (SELECT d.name FROM department d
                      WHERE d.code IN (SELECT department FROM item_result r WHERE r.plan = publication.plan AND r.uscc = publication.uscc)
                      ORDER BY d.code)), ''),
                  items = coalesce((SELECT group_concat(name, char(10)) FROM (SELECT i.name FROM item_result r
                      JOIN item i ON i.department = r.department AND i.code = r.item_code
                      WHERE r.plan = publication.plan AND r.uscc = publication.uscc AND NOT r.confidential
                      ORDER BY r.department, r.item_code)), ''),
                  completed_on = (SELECT max(v.checked_on) FROM visit v WHERE v.plan = publication.plan AND v.uscc = publication.uscc);
                CREATE TRIGGER publication_no_change BEFORE UPDATE ON publication
                BEGIN SELECT RAISE(ABORT, 'a publication is kept as published'); END;
                """)
        }
        migrator.registerMigration("v5-issue10-sessions") { db in
            // Web sessions survive a restart. The key is kept only as its SHA-256: the file alone
            // gives no session to use.
            try db.create(table: "web_session") { t in
                t.primaryKey("key_hash", .text)
                t.column("account", .text).indexed().references("account", column: "name", onDelete: .cascade)
                t.column("value", .blob).notNull()
                t.column("created_at", .double).notNull()  // unix seconds
                t.column("last_seen", .double).notNull()
                // An ended session is kept as a tombstone until it would have expired anyway.
                t.column("ended", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v5-issue11-visits") { db in
            // 负责人 (leader) joins the roles: SQLite cannot change a CHECK, so the table is rebuilt.
            try db.create(table: "account_new") { t in
                t.primaryKey("name", .text)
                t.column("department", .text).notNull().references("department", onDelete: .restrict)
                t.column("role", .text).notNull()
                    .check(sql: "role = 'coordinator' OR role = 'clerk' OR role = 'inspector' OR role = 'auditor' OR role = 'leader'")
                t.column("certificate", .text).references("inspector", column: "certificate", onDelete: .setNull)
                t.column("password_hash", .text).notNull()
                t.column("active", .boolean).notNull().defaults(to: true)
                t.check(sql: "role != 'inspector' OR certificate IS NOT NULL")
            }
            try db.execute(sql: """
                INSERT INTO account_new (name, department, role, certificate, password_hash, active)
                  SELECT name, department, role, certificate, password_hash, active FROM account;
                DROP TABLE account;
                ALTER TABLE account_new RENAME TO account;
                """)
            // 任务报备 → 审批 → 检查码 → 入企/离企 → 结果上传 → 企业评价. One row per filing: a joint visit is one row.
            try db.create(table: "visit_filing") { t in
                t.primaryKey("id", .text)  // V2026-0001
                t.column("year", .integer).notNull()
                t.column("source_kind", .text).notNull().check(sql: "source_kind = 'plan' OR source_kind = 'routine' OR source_kind = 'cause'")
                t.column("source_ref", .text).notNull()
                t.column("source_note", .text).notNull().defaults(to: "")
                t.column("uscc", .text).notNull().indexed().references("enterprise", column: "uscc", onDelete: .restrict)
                t.column("lead", .text).notNull().references("department", onDelete: .restrict)
                t.column("start", .text).notNull()
                t.column("end", .text).notNull()
                t.column("emergency", .boolean).notNull()
                t.column("exemption", .text)
                t.column("exemption_reason", .text).notNull().defaults(to: "")
                t.column("filed_by", .text).notNull()
                t.column("filed_at", .text).notNull()
                t.column("filed_on", .text).notNull()
                t.column("approval", .text).notNull().check(sql: "approval = 'pending' OR approval = 'approved' OR approval = 'refused'")
                t.column("decided_by", .text)
                t.column("decided_at", .text)
                t.column("decision_reason", .text)
                t.column("approved_afterwards", .boolean).notNull().defaults(to: false)
                t.column("token", .text).unique()
                t.column("short_code", .text).unique()
                t.column("checked_in_at", .text)
                t.column("checked_in_by", .text)
                t.column("location", .text)
                t.column("late_reason", .text)
                t.column("checked_out_at", .text)
                t.column("outcome", .text).check(sql: "outcome IS NULL OR outcome = '未发现问题' OR outcome = '发现问题'")
                t.column("findings", .text).notNull().defaults(to: "")
                t.column("no_code_reason", .text)
                // The loop's states, kept by the schema as well as by the code.
                t.check(sql: "token IS NULL OR approval = 'approved' OR (emergency AND approval = 'pending')")
                t.check(sql: "checked_in_at IS NULL OR token IS NOT NULL")
                t.check(sql: "checked_out_at IS NULL OR checked_in_at IS NOT NULL")
                t.check(sql: "approval != 'refused' OR length(trim(coalesce(decision_reason, ''))) > 0")
                t.check(sql: "outcome IS NULL OR checked_in_at IS NOT NULL OR length(trim(coalesce(no_code_reason, ''))) > 0")
                t.check(sql: "exemption IS NULL OR length(trim(exemption_reason)) > 0")
            }
            try db.create(index: "visit_filing_on_year_uscc", on: "visit_filing", columns: ["year", "uscc"])
            try db.create(table: "visit_department") { t in
                t.column("visit_id", .text).notNull().references("visit_filing", onDelete: .restrict)
                t.column("department", .text).notNull().indexed().references("department", onDelete: .restrict)
                t.column("position", .integer).notNull()
                t.primaryKey(["visit_id", "department"])
            }
            try db.create(table: "visit_inspector") { t in
                t.column("visit_id", .text).notNull().references("visit_filing", onDelete: .restrict)
                t.column("certificate", .text).notNull().indexed().references("inspector", column: "certificate", onDelete: .restrict)
                t.column("position", .integer).notNull()
                t.primaryKey(["visit_id", "certificate"])
            }
            try db.create(table: "visit_item") { t in
                t.column("visit_id", .text).notNull().references("visit_filing", onDelete: .restrict)
                t.column("department", .text).notNull()
                t.column("code", .text).notNull()
                t.column("position", .integer).notNull()
                t.primaryKey(["visit_id", "department", "code"])
                t.foreignKey(["department", "code"], references: "item", columns: ["department", "code"])
            }
            // One evaluation per visit; read in full only by the lead bureau's coordinators and auditors.
            try db.create(table: "visit_evaluation") { t in
                t.primaryKey("visit_id", .text).references("visit_filing", onDelete: .restrict)
                t.column("at", .text).notNull()
                t.column("rating", .text).notNull().check(sql: "rating = '满意' OR rating = '基本满意' OR rating = '不满意'")
                t.column("certificates_shown", .boolean).notNull()
                t.column("notice_given", .boolean).notNull()
                t.column("rights_told", .boolean).notNull()
                t.column("production_disturbed", .boolean).notNull()
                t.column("integrity_kept", .boolean).notNull()
                t.column("comment", .text).notNull().defaults(to: "")
            }
            try db.create(table: "visit_complaint") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("visit_id", .text).notNull().indexed().references("visit_filing", onDelete: .restrict)
                t.column("at", .text).notNull()
                t.column("text", .text).notNull().check(sql: "length(trim(text)) > 0")
                t.column("contact", .text).notNull().defaults(to: "")
            }
            // Filings refused at the yearly cap: nothing else of them is kept, but the refusal is reported upward.
            try db.create(table: "visit_cap_refusal") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("year", .integer).notNull()
                t.column("at", .text).notNull()
                t.column("uscc", .text).notNull()
                t.column("department", .text).notNull()
                t.column("source_kind", .text).notNull()
                t.column("source_ref", .text).notNull()
                t.column("count", .integer).notNull()
                t.column("cap", .integer).notNull()
            }
            try db.execute(sql: """
                CREATE TRIGGER visit_evaluation_no_change BEFORE UPDATE ON visit_evaluation
                BEGIN SELECT RAISE(ABORT, 'an evaluation is kept as given'); END;
                CREATE TRIGGER visit_evaluation_no_delete BEFORE DELETE ON visit_evaluation
                BEGIN SELECT RAISE(ABORT, 'an evaluation is kept as given'); END;
                CREATE TRIGGER visit_filing_no_delete BEFORE DELETE ON visit_filing
                BEGIN SELECT RAISE(ABORT, 'a filed visit is kept'); END;
                """)
        }
        // The yearly cap a visit was filed under, which its notice prints beside this year's count.
        migrator.registerMigration("v6-issue11-visit-cap") { db in
            try db.alter(table: "visit_filing") { t in
                t.add(column: "yearly_cap", .integer).check(sql: "yearly_cap IS NULL OR yearly_cap >= 0")
            }
        }
        // A draw's picks clustered on their key (WITHOUT ROWID): a quarter's draw of 250,000 picks writes
        // two b-trees instead of three. Same columns, key, index and triggers.
        migrator.registerMigration("v7-issue12-draw-pick-clustered") { db in
            try db.execute(sql: """
                CREATE TABLE draw_pick_clustered (
                  "draw_id" TEXT NOT NULL REFERENCES "draw"("id") ON DELETE RESTRICT, "uscc" TEXT NOT NULL,
                  "class_id" TEXT, "method" TEXT NOT NULL, PRIMARY KEY ("draw_id", "uscc")) WITHOUT ROWID;
                INSERT INTO draw_pick_clustered (draw_id, uscc, class_id, method) SELECT draw_id, uscc, class_id, method FROM draw_pick;
                DROP TABLE draw_pick;
                ALTER TABLE draw_pick_clustered RENAME TO draw_pick;
                CREATE INDEX draw_pick_on_uscc ON draw_pick(uscc);
                CREATE TRIGGER draw_pick_no_update BEFORE UPDATE ON draw_pick
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                CREATE TRIGGER draw_pick_no_delete BEFORE DELETE ON draw_pick
                BEGIN SELECT RAISE(ABORT, 'a stored draw is immutable'); END;
                """)
        }
        // No query looks picks up by USCC alone (each names the draw, the key's first column), and a
        // quarter's draw of 250,000 picks spent a quarter of its storing on this index; the history's
        // counts now read the picks of the year's draws by key instead of every pick in USCC order.
        migrator.registerMigration("v8-issue12-draw-pick-by-key-only") { db in
            try db.execute(sql: "DROP INDEX draw_pick_on_uscc")
        }
        return migrator
    }()
}
