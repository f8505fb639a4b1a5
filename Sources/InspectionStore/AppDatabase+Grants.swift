import Foundation
import Inspection

/// The privileges a role holds on one table, as the server reports them after a grant.
public struct TableGrant: Sendable, Equatable {
    public var table: String
    /// In the server's order and spelling: `SELECT`, `INSERT`, `UPDATE`, `DELETE`.
    public var privileges: [String]
}

extension AppDatabase {
    /// Gives the PostgreSQL role `role` what liancha needs on this database's schema and no more:
    /// reading and writing the tables, and their id sequences; never UPDATE or DELETE where the
    /// schema refuses them (the audit log, stored draws, replacements, evaluations, …) and never a
    /// change of the migrations' record. The refusals are read from the schema's own triggers (those
    /// that refuse a change whatever the row), so a table a later migration makes append-only is
    /// covered too. The role must exist (a database administrator creates it, with its password);
    /// the caller must own the schema (the login `liancha init` ran with). Run again after a new
    /// liancha's migrations. Returns the role's privileges per table as the server then holds them.
    ///
    /// NB: the triggers refuse these changes anyway; the missing privileges are a second lock, kept
    /// by the server rather than by the schema, which the application's role cannot alter.
    public func grantApplicationRole(_ role: String, actor: Actor) throws -> [TableGrant] {
        guard backend.dialect == .postgres else { throw StoreError.notPostgres }
        guard !role.isEmpty, role.utf8.count <= 63, !role.utf8.contains(0) else { throw StoreError.unknownRole(role) }
        return try backend.write { db in
            guard try db.value(Bool.self, sql: "SELECT TRUE FROM pg_roles WHERE rolname = ?", arguments: [role]) != nil else {
                throw StoreError.unknownRole(role)
            }
            let schema = try db.value(String.self, sql: "SELECT current_schema()") ?? "public"
            let r = Self.quotedIdentifier(role), s = Self.quotedIdentifier(schema)
            try db.execute(sql: "GRANT USAGE ON SCHEMA \(s) TO \(r)")
            try db.execute(sql: "REVOKE ALL ON ALL TABLES IN SCHEMA \(s) FROM \(r)")
            try db.execute(sql: "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(s) TO \(r)")
            try db.execute(sql: "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(s) TO \(r)")
            try db.execute(sql: "REVOKE INSERT, UPDATE, DELETE ON schema_migration FROM \(r)")
            // tgtype: 8 = DELETE, 16 = UPDATE; a trigger with a WHEN condition refuses only some rows.
            for refusal in try db.rows(sql: """
                SELECT c.relname AS name, bool_or(t.tgtype & 16 <> 0) AS no_update, bool_or(t.tgtype & 8 <> 0) AS no_delete
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_proc p ON p.oid = t.tgfoid
                WHERE n.nspname = current_schema() AND p.proname = 'refuse_change' AND t.tgqual IS NULL AND NOT t.tgisinternal
                GROUP BY c.relname ORDER BY c.relname
                """) {
                let revoked = [(refusal["no_update"] as Bool) ? "UPDATE" : nil, (refusal["no_delete"] as Bool) ? "DELETE" : nil]
                    .compactMap { $0 }
                guard !revoked.isEmpty else { continue }
                try db.execute(sql: "REVOKE \(revoked.joined(separator: ", ")) ON \(Self.quotedIdentifier(refusal["name"])) FROM \(r)")
            }
            var grants: [TableGrant] = []
            for row in try db.rows(sql: """
                SELECT table_name, \(db.dialect.joined("privilege_type", separator: ",")) AS privileges
                FROM (SELECT table_name, privilege_type FROM information_schema.role_table_grants
                      WHERE grantee = ? AND table_schema = current_schema()
                      ORDER BY table_name, array_position(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']::text[], privilege_type::text)) g
                GROUP BY table_name ORDER BY table_name
                """, arguments: [role]) {
                grants.append(TableGrant(table: row["table_name"], privileges: (row["privileges"] as String).split(separator: ",").map(String.init)))
            }
            let limited = grants.filter { $0.privileges != ["SELECT", "INSERT", "UPDATE", "DELETE"] }
            try appendAudit(db, actor: actor, action: "grant", detail: "role \(role): read and write on \(grants.count) tables of schema \(schema), "
                                + "limited on " + limited.map { "\($0.table) (\($0.privileges.joined(separator: " ")))" }.joined(separator: ", "),
                            records: role)
            return grants
        }
    }

    /// `name` as a PostgreSQL identifier, quoted: any name, never SQL.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
