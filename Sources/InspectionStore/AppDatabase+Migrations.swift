import GRDB

extension AppDatabase {
    /// The schema's history. Shipped migrations are never edited: add a new one.
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
                t.column("status", .text).notNull().check(sql: "status IN ('在营','停产','注销')")
                t.column("permit", .text).notNull().check(sql: "permit IN ('重点管理','简化管理','登记管理','无')")
                t.column("key_discharge_unit", .boolean).notNull()
                t.column("positive_list", .boolean).notNull()
                t.column("air_grade", .text).check(sql: "air_grade IN ('A','B','引领性','C','D')")
                t.column("credit_risk", .text).check(sql: "credit_risk IN ('A','B','C','D')")
                t.column("penalized_last_quarter", .boolean).notNull()
                t.column("high_risk", .boolean).notNull()
                t.column("supervised_rectification", .boolean).notNull()
                t.column("non_site_capable", .boolean).notNull()
                // NB: codes joined by ';' — validated against `department` on import; a join table
                // would double the rows a million-enterprise import writes.
                t.column("departments", .text).notNull().defaults(to: "")
                t.column("labels", .text).notNull().defaults(to: "")
            }

            // The directory's history: every insert, field change and deregistration, with its date.
            try db.create(table: "enterprise_change") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("enterprise_id", .integer).notNull().indexed().references("enterprise", onDelete: .restrict)
                t.column("date", .text).notNull()
                t.column("kind", .text).notNull().check(sql: "kind IN ('新增','变更','注销')")
                t.column("field", .text)
                t.column("old_value", .text)
                t.column("new_value", .text)
                t.column("audit_id", .integer).notNull()
                    .references("audit_log", onDelete: .restrict, deferred: true)
            }
            try db.create(index: "enterprise_change_on_date", on: "enterprise_change", columns: ["date"])

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
                t.column("kind", .text).notNull().check(sql: "kind IN ('执法人员','辅助人员')")
            }

            try db.create(table: "item") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("department", .text).notNull().references("department", onDelete: .restrict)
                t.column("code", .text).notNull()
                t.column("name", .text).notNull()
                t.column("content", .text).notNull().defaults(to: "")
                t.column("object", .text).notNull().defaults(to: "")
                t.column("category", .text).notNull().check(sql: "category IN ('一般','重点')")
                t.column("method", .text).notNull().check(sql: "method IN ('现场','书面','非现场')")
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
                t.column("kind", .text).notNull().check(sql: "kind IN ('holiday','workday')")
                t.column("name", .text).notNull()
            }
        }
        return migrator
    }()
}
