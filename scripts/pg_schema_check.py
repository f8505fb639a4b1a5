#!/usr/bin/env python3
"""The PostgreSQL schema against the SQLite one (run by scripts/pg-schema-check.sh).

  pg_schema_check.py extract DIR OUT     the SQL of DIR/NNNN-*.swift (between #\"\"\" and \"\"\"#),
                                         one file per migration: OUT/NNNN.sql
  pg_schema_check.py compare DB.sqlite OUT
                                         applies OUT/*.sql in order to the PostgreSQL server of the
                                         environment (PGHOST…, psql), then compares it with the SQLite
                                         database DB; prints every difference, exits 1 on any.

Compared: tables; columns (names, order, types, NOT NULL, DEFAULT, identity for AUTOINCREMENT,
COLLATE "C" on text); primary keys, UNIQUE constraints, foreign keys (ON DELETE/UPDATE, deferrable),
CHECK constraints (normalised text); indexes (names, columns, unique, partial); triggers (table,
timing, event, WHEN condition, message). Then both databases get the same few rows and the same
UPDATE/DELETE/TRUNCATE/INSERT probes, which must be refused (or accepted) alike, with the same message.
Standard library only.
"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

IGNORED_TABLES = {"grdb_migrations", "sqlite_sequence", "schema_migrations"}
TYPES = {"INTEGER": "bigint", "BOOLEAN": "boolean", "TEXT": "text", "DOUBLE": "double precision",
         "REAL": "double precision", "BLOB": "bytea"}
FK_ACTIONS = {"NO ACTION": "a", "RESTRICT": "r", "CASCADE": "c", "SET NULL": "n", "SET DEFAULT": "d"}

differences = []


def differ(message):
    differences.append(message)


# --- extract -------------------------------------------------------------------------------------

def extract(directory, out):
    os.makedirs(out, exist_ok=True)
    names = sorted(n for n in os.listdir(directory) if re.fullmatch(r"\d{4}-[a-z0-9-]+\.swift", n))
    if not names:
        sys.exit(f"no migration NNNN-name.swift in {directory}")
    for expected, name in enumerate(names, start=1):
        text = open(os.path.join(directory, name), encoding="utf-8").read()
        number = int(name[:4])
        declared = re.search(r"PostgresMigration\(number: (\d+), name: \"([^\"]+)\"", text)
        if number != expected or not declared or int(declared.group(1)) != number \
                or declared.group(2) != name[5:-len(".swift")]:
            sys.exit(f"{name}: its file name, number and name disagree (or a number is missing)")
        start, end = text.find('#"""\n'), text.rfind('\n"""#')
        if start < 0 or end < start:
            sys.exit(f"{name}: no SQL between #\"\"\" and \"\"\"#")
        with open(os.path.join(out, f"{number:04d}.sql"), "w", encoding="utf-8") as f:
            f.write(text[start + len('#"""\n'):end])


# --- reading SQL text ----------------------------------------------------------------------------

def top_level_parts(body):
    """`body` split at commas outside quotes and parentheses."""
    parts, depth, quote, current = [], 0, None, ""
    for ch in body:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += ch
    parts.append(current.strip())
    return parts


def balanced(text, start):
    """The text inside the parentheses opening at `start`."""
    depth, quote = 0, None
    for i in range(start, len(text)):
        ch = text[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1:i]
    raise ValueError(f"unbalanced: {text[start:]}")


def checks_in(part):
    """The CHECK expressions of one column or table constraint."""
    found = []
    for m in re.finditer(r"\bCHECK\s*\(", part, re.IGNORECASE):
        if part[:m.start()].count("'") % 2 == 0:
            found.append(balanced(part, m.end() - 1))
    return found


def normalised(expression):
    """An expression as both databases print it: no quotes, casts, redundant parentheses or spaces."""
    if expression is None:
        return None
    e = expression.lower()
    e = re.sub(r"::(text|bigint|integer|boolean|double precision|bytea)\b", "", e)
    e = re.sub(r"\btrim\(both from ", "trim(", e)
    e = re.sub(r"\bis distinct from\b", "is not", e)
    e = e.replace("<>", "!=").replace('"', "")
    return re.sub(r"[\s()]", "", e)


def sql_literal(text):
    return text[1:-1].replace("''", "'")


# --- SQLite --------------------------------------------------------------------------------------

def sqlite_schema(path):
    db = sqlite3.connect(path)
    tables = {}
    rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    for name, sql in rows:
        if name in IGNORED_TABLES:
            continue
        t = {"columns": [], "pk": [], "unique": set(), "fks": set(), "checks": []}
        body = balanced(sql, sql.index("("))
        parts = top_level_parts(body)
        pk = []
        for cid, cname, ctype, notnull, default, pkpos, hidden in db.execute(f'PRAGMA table_xinfo("{name}")'):
            pg_type = TYPES.get(ctype.upper())
            if pg_type is None:
                differ(f"{name}.{cname}: SQLite type {ctype!r} has no mapping here: teach pg_schema_check.py")
            definition = next((p for p in parts if re.match(rf'"?{cname}"?\s', p)), "")
            t["columns"].append({
                "name": cname, "type": pg_type, "notnull": bool(notnull) or pkpos > 0, "default": default,
                "identity": re.search(r"\bPRIMARY KEY\b.*\bAUTOINCREMENT\b", definition, re.I) is not None})
            if pkpos:
                pk.append((pkpos, cname))
        t["pk"] = [c for _, c in sorted(pk)]
        for _, index, unique, origin, partial in db.execute(f'PRAGMA index_list("{name}")'):
            if origin == "u":
                t["unique"].add(tuple(r[2] for r in db.execute(f'PRAGMA index_info("{index}")')))
        deferred = set()
        for part in parts:
            t["checks"] += [normalised(c) for c in checks_in(part)]
            upper = part.upper()
            if "REFERENCES" in upper and "DEFERRABLE INITIALLY DEFERRED" in upper and "NOT DEFERRABLE" not in upper:
                if upper.startswith("FOREIGN KEY"):
                    cols = tuple(c.strip().strip('"') for c in balanced(part, part.index("(")).split(","))
                else:
                    cols = (re.match(r'"?(\w+)"?', part).group(1),)
                deferred.add(cols)
        fks = {}
        for fid, seq, ref, frm, to, on_update, on_delete, match in db.execute(f'PRAGMA foreign_key_list("{name}")'):
            fks.setdefault(fid, {"from": [], "to": [], "ref": ref, "upd": on_update, "del": on_delete})
            fks[fid]["from"].append(frm)
            fks[fid]["to"].append(to)
        for fk in fks.values():
            to = fk["to"]
            if None in to:  # REFERENCES t without columns: its primary key
                to = [r[1] for r in sorted(db.execute(f'PRAGMA table_info("{fk["ref"]}")'), key=lambda r: r[5]) if r[5]]
            t["fks"].add((tuple(fk["from"]), fk["ref"], tuple(to), FK_ACTIONS[fk["del"]], FK_ACTIONS[fk["upd"]],
                          tuple(fk["from"]) in deferred))
        tables[name] = t

    indexes = {}
    for name, table, sql in db.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"):
        if table in IGNORED_TABLES:
            continue
        cols = tuple(r[2] for r in db.execute(f'PRAGMA index_info("{name}")'))
        if None in cols:
            cols = (normalised(balanced(sql, sql.index("("))),)
        where = re.search(r"\bWHERE\b(.*)$", sql, re.I | re.S)
        indexes[name] = {"table": table, "columns": cols, "unique": bool(re.match(r"CREATE UNIQUE", sql, re.I)),
                         "where": normalised(where.group(1)) if where else None}

    triggers = {}
    for name, table, sql in db.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"):
        m = re.match(r"CREATE TRIGGER\s+\"?(\w+)\"?\s+(BEFORE|AFTER|INSTEAD OF)\s+(INSERT|UPDATE|DELETE)\s+ON\s+\"?(\w+)\"?\s*"
                     r"(?:WHEN\s+(.*?))?\s*BEGIN\s+SELECT\s+RAISE\s*\(\s*ABORT\s*,\s*('(?:[^']|'')*')\s*\)\s*;\s*END;?\s*$",
                     sql, re.I | re.S)
        if not m:
            differ(f"trigger {name}: not a single RAISE(ABORT, …): teach pg_schema_check.py to compare it")
            continue
        triggers[name] = {"table": table, "timing": m.group(2).upper(), "event": m.group(3).upper(),
                          "when": normalised(m.group(5)), "message": sql_literal(m.group(6))}
    return tables, indexes, triggers


# --- PostgreSQL ----------------------------------------------------------------------------------

def psql(*args, input=None):
    run = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", *args],
                         input=input, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"psql failed: {run.stderr.strip()}")
    return run.stdout


def pg_rows(query):
    return json.loads(psql("-c", f"SELECT coalesce(json_agg(q), '[]') FROM ({query}) q"))


def pg_schema():
    tables = {}
    for r in pg_rows("""
            SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
                   a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS default,
                   a.attidentity AS identity, co.collname AS collation
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum"""):
        if r["table"] in IGNORED_TABLES:
            continue
        t = tables.setdefault(r["table"], {"columns": [], "pk": [], "unique": set(), "fks": set(), "checks": []})
        t["columns"].append(r)

    for r in pg_rows("""
            SELECT c.relname AS table, k.contype AS kind, pg_get_constraintdef(k.oid) AS definition,
                   (SELECT array_agg(a.attname ORDER BY i.n) FROM unnest(k.conkey) WITH ORDINALITY i(num, n)
                      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = i.num) AS columns,
                   f.relname AS ref,
                   (SELECT array_agg(a.attname ORDER BY i.n) FROM unnest(k.confkey) WITH ORDINALITY i(num, n)
                      JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = i.num) AS to,
                   k.confdeltype AS del, k.confupdtype AS upd, k.condeferrable AND k.condeferred AS deferred
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class f ON f.oid = k.confrelid
            WHERE n.nspname = current_schema()"""):
        t = tables.get(r["table"])
        if t is None:
            continue
        if r["kind"] == "p":
            t["pk"] = r["columns"]
        elif r["kind"] == "u":
            t["unique"].add(tuple(r["columns"]))
        elif r["kind"] == "f":
            t["fks"].add((tuple(r["columns"]), r["ref"], tuple(r["to"]), r["del"], r["upd"], r["deferred"]))
        elif r["kind"] == "c":
            t["checks"].append(normalised(re.match(r"CHECK \((.*)\)$", r["definition"], re.S).group(1)))
        elif r["kind"] != "n":
            differ(f"{r['table']}: constraint {r['definition']!r} has no SQLite counterpart here")

    indexes = {}
    for r in pg_rows("""
            SELECT i.relname AS name, c.relname AS table, x.indisunique AS unique,
                   pg_get_expr(x.indpred, x.indrelid) AS where,
                   (SELECT array_agg(pg_get_indexdef(x.indexrelid, k, true) ORDER BY k)
                      FROM generate_series(1, x.indnatts) k) AS columns
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class c ON c.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema()
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u'))"""):
        if r["table"] in IGNORED_TABLES:
            continue
        indexes[r["name"]] = {"table": r["table"], "unique": r["unique"], "where": normalised(r["where"]),
                              "columns": tuple(c.strip('"') for c in r["columns"])}

    triggers = {}
    for r in pg_rows("""
            SELECT t.tgname AS name, c.relname AS table, t.tgtype AS type, pg_get_triggerdef(t.oid) AS definition
            FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND NOT t.tgisinternal"""):
        kind = r["type"]
        events = [e for bit, e in ((4, "INSERT"), (8, "DELETE"), (16, "UPDATE"), (32, "TRUNCATE")) if kind & bit]
        timing = "INSTEAD OF" if kind & 64 else "BEFORE" if kind & 2 else "AFTER"
        when = re.search(r"\bWHEN \((.*)\) EXECUTE ", r["definition"], re.S)
        call = re.search(r"EXECUTE (?:FUNCTION|PROCEDURE) (\w+)\((.*)\)$", r["definition"], re.S)
        message = sql_literal(call.group(2)) if call and re.fullmatch(r"'(?:[^']|'')*'", call.group(2)) else None
        triggers[r["name"]] = {"table": r["table"], "timing": timing, "event": "/".join(events),
                               "row": bool(kind & 1), "when": normalised(when.group(1)) if when else None,
                               "function": call.group(1) if call else None, "message": message}
    return tables, indexes, triggers


# --- comparing -----------------------------------------------------------------------------------

def bare_default(column):
    d = column["default"]
    if d is None:
        return None
    d = re.sub(r"::(text|bigint|integer|boolean|double precision|bytea)$", "", d)
    if column["type"] == "boolean":
        d = {"false": "0", "true": "1"}.get(d, d)
    return d


def compare_tables(lite, pg):
    for name in sorted(set(lite) - set(pg)):
        differ(f"table {name}: on SQLite, not on PostgreSQL")
    for name in sorted(set(pg) - set(lite)):
        differ(f"table {name}: on PostgreSQL, not on SQLite")
    for name in sorted(set(lite) & set(pg)):
        l, p = lite[name], pg[name]
        lnames, pnames = [c["name"] for c in l["columns"]], [c["name"] for c in p["columns"]]
        if lnames != pnames:
            differ(f"{name}: columns differ\n    SQLite:     {', '.join(lnames)}\n    PostgreSQL: {', '.join(pnames)}")
        for lc, pc in zip(l["columns"], p["columns"]):
            if lc["name"] != pc["name"]:
                continue
            where = f"{name}.{lc['name']}"
            if lc["type"] != pc["type"]:
                differ(f"{where}: type {pc['type']} on PostgreSQL, {lc['type']} expected")
            if lc["notnull"] != pc["notnull"]:
                differ(f"{where}: {'NOT NULL' if lc['notnull'] else 'nullable'} on SQLite, not on PostgreSQL")
            if lc["default"] != bare_default(pc):
                differ(f"{where}: DEFAULT {lc['default']} on SQLite, {pc['default']} on PostgreSQL")
            if lc["identity"] != (pc["identity"] == "d"):
                differ(f"{where}: " + ("AUTOINCREMENT on SQLite needs GENERATED BY DEFAULT AS IDENTITY" if lc["identity"]
                                       else "an identity on PostgreSQL, not AUTOINCREMENT on SQLite"))
            if pc["type"] == "text" and pc["collation"] != "C":
                differ(f"{where}: text without COLLATE \"C\" (SQLite compares text by its bytes)")
        if l["pk"] != p["pk"]:
            differ(f"{name}: primary key ({', '.join(l['pk'])}) on SQLite, ({', '.join(p['pk'] or [])}) on PostgreSQL")
        if l["unique"] != p["unique"]:
            differ(f"{name}: UNIQUE {sorted(l['unique'])} on SQLite, {sorted(p['unique'])} on PostgreSQL")
        for fk in sorted(l["fks"] - p["fks"]):
            differ(f"{name}: foreign key {fk} on SQLite only (columns, table, columns, on delete, on update, deferred)")
        for fk in sorted(p["fks"] - l["fks"]):
            differ(f"{name}: foreign key {fk} on PostgreSQL only")
        if sorted(l["checks"]) != sorted(p["checks"]):
            only_l = [c for c in l["checks"] if c not in p["checks"]]
            only_p = [c for c in p["checks"] if c not in l["checks"]]
            differ(f"{name}: CHECK constraints differ\n    SQLite only:     {only_l}\n    PostgreSQL only: {only_p}")


def compare_indexes(lite, pg):
    for name in sorted(set(lite) - set(pg)):
        differ(f"index {name}: on SQLite, not on PostgreSQL")
    for name in sorted(set(pg) - set(lite)):
        differ(f"index {name}: on PostgreSQL, not on SQLite")
    for name in sorted(set(lite) & set(pg)):
        if lite[name] != pg[name]:
            differ(f"index {name}: {lite[name]} on SQLite, {pg[name]} on PostgreSQL")


def compare_triggers(lite, pg):
    for name in sorted(lite):
        l, p = lite[name], pg.get(name)
        if p is None:
            differ(f"trigger {name}: on SQLite, not on PostgreSQL")
            continue
        for key in ("table", "timing", "event", "when", "message"):
            if l[key] != p[key]:
                differ(f"trigger {name}: {key} {l[key]!r} on SQLite, {p[key]!r} on PostgreSQL")
        if not p["row"]:
            differ(f"trigger {name}: not FOR EACH ROW on PostgreSQL")
    refusing_deletes = {l["table"]: l["message"] for l in lite.values()
                        if l["timing"] == "BEFORE" and l["event"] == "DELETE" and l["when"] is None}
    for name in sorted(set(pg) - set(lite)):
        p = pg[name]
        # PostgreSQL only: TRUNCATE skips row triggers, so a table whose rows may not be deleted refuses it too.
        if not (name == f"{p['table']}_no_truncate" and p["event"] == "TRUNCATE" and p["timing"] == "BEFORE"
                and refusing_deletes.get(p["table"]) == p["message"]):
            differ(f"trigger {name}: on PostgreSQL, not on SQLite (only <table>_no_truncate may be added)")
    for table, message in sorted(refusing_deletes.items()):
        if f"{table}_no_truncate" not in pg:
            differ(f"{table}: refuses DELETE but PostgreSQL lets TRUNCATE through (trigger {table}_no_truncate missing)")


# --- the same rows and statements on both -------------------------------------------------------

# Rows of every table with a refusing trigger, inserted with foreign keys (and on PostgreSQL,
# triggers) off: only the triggers are under test here.
FIXTURE = """
INSERT INTO audit_log (id, at, operator, action, detail, records, os_user, hash)
  VALUES (9001, '2026-01-01T00:00:00+08:00', 'check', 'check', 'fixture', '', '', 'h');
INSERT INTO draw (id, created, operator, purpose, kind, year, seed, commitment, sealed, audit_id)
  VALUES ('CHECK-SEALED', 't', 'check', 'p', 'routine', 2026, 's', 'c', TRUE, 9001),
         ('CHECK-OPEN', 't', 'check', 'p', 'routine', 2026, 's', 'c', FALSE, 9001);
INSERT INTO draw_stratum (draw_id, position, scope, ratio, method, candidates, snapshot, excluded, quota, drawn)
  VALUES ('CHECK-SEALED', 0, 's', '1/2', 'site', 'a', 'h', '', 1, 'a');
INSERT INTO draw_team (draw_id, position, enterprise, department, scope, candidates, excluded, needed, drawn)
  VALUES ('CHECK-SEALED', 0, 'e', 'd', 's', 'a', '', 1, 'a');
INSERT INTO draw_pick (draw_id, uscc, method) VALUES ('CHECK-SEALED', 'u', 'site');
INSERT INTO team_replacement (id, plan, uscc, department, replaced, by, reason, approved_by, audit_id)
  VALUES (9001, 'P', 'u', 'd', 'a', 'b', 'r', 'x', 9001);
INSERT INTO publication (plan, uscc, wording, published_on) VALUES ('P', 'u', 'w', '2026-01-01');
INSERT INTO visit_filing (id, year, source_kind, source_ref, uscc, lead, start, "end", emergency,
                          filed_by, filed_at, filed_on, approval)
  VALUES ('CHECK-V', 2026, 'routine', 'r', 'u', 'd', '2026-01-01', '2026-01-02', FALSE, 'x', 't', '2026-01-01', 'pending');
INSERT INTO visit_evaluation (visit_id, at, rating, certificates_shown, notice_given, rights_told,
                              production_disturbed, integrity_kept)
  VALUES ('CHECK-V', 't', '满意', TRUE, TRUE, TRUE, FALSE, TRUE);
"""

# (statement, refused?); "TRUNCATE t" runs on PostgreSQL only, SQLite's nearest being "DELETE FROM t".
PROBES = [
    ("UPDATE audit_log SET detail = 'changed' WHERE id = 9001", True),
    ("DELETE FROM audit_log WHERE id = 9001", True),
    ("TRUNCATE audit_log", True),
    ("INSERT INTO audit_log (id, at, operator, action, detail) VALUES (9002, 't', 'o', 'a', 'no hash')", True),
    ("INSERT INTO audit_log (id, at, operator, action, detail, hash) VALUES (9002, 't', 'o', 'a', 'hashed', 'h')", False),
    ("UPDATE draw SET purpose = 'changed' WHERE id = 'CHECK-SEALED'", True),
    ("UPDATE draw SET revealed_at = 't' WHERE id = 'CHECK-OPEN'", True),
    ("UPDATE draw SET revealed_at = 't', seed = 'other' WHERE id = 'CHECK-SEALED'", True),
    ("UPDATE draw SET revealed_at = 't' WHERE id = 'CHECK-SEALED'", False),
    ("UPDATE draw SET revealed_at = 't2' WHERE id = 'CHECK-SEALED'", True),
    ("UPDATE draw SET revealed_at = NULL WHERE id = 'CHECK-SEALED'", True),
    ("DELETE FROM draw WHERE id = 'CHECK-OPEN'", True),
    ("TRUNCATE draw", True),
    ("UPDATE draw_stratum SET quota = 2", True),
    ("DELETE FROM draw_stratum", True),
    ("TRUNCATE draw_stratum", True),
    ("UPDATE draw_team SET drawn = 'b'", True),
    ("DELETE FROM draw_team", True),
    ("TRUNCATE draw_team", True),
    ("UPDATE draw_pick SET method = 'non-site'", True),
    ("DELETE FROM draw_pick", True),
    ("TRUNCATE draw_pick", True),
    ("UPDATE team_replacement SET reason = 'other'", True),
    ("DELETE FROM team_replacement", True),
    ("TRUNCATE team_replacement", True),
    ("UPDATE publication SET wording = 'other'", True),
    ("UPDATE visit_evaluation SET comment = 'other'", True),
    ("DELETE FROM visit_evaluation", True),
    ("TRUNCATE visit_evaluation", True),
    ("UPDATE visit_filing SET source_note = 'noted'", False),
    ("DELETE FROM visit_filing", True),
    ("TRUNCATE visit_filing", True),
    ("DELETE FROM publication", False),
]

PG_PROBE_FUNCTION = """
CREATE FUNCTION pg_temp.probe(statements json) RETURNS json LANGUAGE plpgsql AS $f$
DECLARE
    statement text;
    results text[] := '{}';
BEGIN
    FOR statement IN SELECT value FROM json_array_elements_text(statements) WITH ORDINALITY ORDER BY ordinality LOOP
        BEGIN
            EXECUTE statement;
            results := results || 'ok'::text;
        EXCEPTION WHEN OTHERS THEN
            results := results || (SQLSTATE || ' ' || SQLERRM);
        END;
    END LOOP;
    RETURN to_json(results);
END
$f$;
"""


def probe(sqlite_path):
    db = sqlite3.connect(sqlite_path, isolation_level=None)
    db.execute("PRAGMA foreign_keys = OFF")
    db.executescript(FIXTURE)
    lite = []
    for statement, _ in PROBES:
        statement = re.sub(r"^TRUNCATE (\w+)$", r"DELETE FROM \1", statement)
        try:
            db.execute(statement)
            lite.append("ok")
        except sqlite3.DatabaseError as error:
            lite.append(str(error))
    # NB: CASCADE, or PostgreSQL refuses to truncate a referenced table before any trigger runs.
    pg_statements = [re.sub(r"^(TRUNCATE \w+)$", r"\1 CASCADE", s) for s, _ in PROBES]
    script = ("SET session_replication_role = replica;\n" + FIXTURE + "SET session_replication_role = origin;\n"
              + PG_PROBE_FUNCTION + "SELECT pg_temp.probe($probes$" + json.dumps(pg_statements) + "$probes$);\n")
    pg = json.loads(psql("-f", "-", input=script).strip().splitlines()[-1])
    for (statement, refused), l, p in zip(PROBES, lite, pg):
        code, _, message = p.partition(" ") if p != "ok" else ("", "", "ok")
        if refused and l == "ok":
            differ(f"probe {statement!r}: SQLite accepted it, it must be refused")
        if not refused and l != "ok":
            differ(f"probe {statement!r}: SQLite refused it ({l}), it must be accepted")
        if l != message:
            differ(f"probe {statement!r}: SQLite says {l!r}, PostgreSQL {p!r}")
        elif refused and code != "23000":
            differ(f"probe {statement!r}: PostgreSQL refused it with SQLSTATE {code}, 23000 expected")


# --- main ----------------------------------------------------------------------------------------

def reserved_words(tables):
    reserved = {r["word"] for r in pg_rows("SELECT word FROM pg_get_keywords() WHERE catcode = 'R'")}
    return sorted(f"{t}.{c['name']}" for t, v in tables.items() for c in v["columns"] if c["name"] in reserved)


def compare(sqlite_path, migrations):
    for name in sorted(os.listdir(migrations)):
        psql("-1", "-f", os.path.join(migrations, name))
        print(f"applied migration {name}")
    lite_tables, lite_indexes, lite_triggers = sqlite_schema(sqlite_path)
    pg_tables, pg_indexes, pg_triggers = pg_schema()
    compare_tables(lite_tables, pg_tables)
    compare_indexes(lite_indexes, pg_indexes)
    compare_triggers(lite_triggers, pg_triggers)
    with tempfile.TemporaryDirectory() as scratch:
        copy = os.path.join(scratch, "probe.sqlite")
        with sqlite3.connect(sqlite_path) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        probe(copy)
    print(f"compared {len(lite_tables)} tables, {sum(len(t['columns']) for t in lite_tables.values())} columns, "
          f"{len(lite_indexes)} indexes, {len(lite_triggers)} triggers, {len(PROBES)} probes")
    for column in reserved_words(pg_tables):
        print(f"note: {column} is a reserved word in PostgreSQL: every statement must quote it")
    for d in differences:
        print("DIFFERENCE: " + d)
    if differences:
        print(f"{len(differences)} difference(s)")
        sys.exit(1)
    print("the PostgreSQL schema matches the SQLite schema")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "extract":
        extract(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
