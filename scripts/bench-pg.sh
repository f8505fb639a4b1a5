#!/usr/bin/env bash
# Benchmark (not a test): liancha on PostgreSQL at a million enterprises (issue 14), each figure
# beside its peer's from the same run on the same throwaway server (pg_virtualenv, dropped after):
#   (a) `liancha import enterprises F --database URL` against `psql \copy` of the same file into a
#       bare table of the same columns (target ratio <= 1.5), with liancha's peak memory; and, to
#       show what the directory's integrity costs on this server whoever loads it, `psql \copy` of
#       the rows liancha stored into a table with the same keys, checks and deferred foreign key;
#   (b) `liancha draw quarter --policy zaozhuang-2024 --quarter 2024Q3 --database URL` against the
#       naive SQL draw on the same server, `SELECT uscc … WHERE class = … ORDER BY random() LIMIT k`
#       per class with the class precomputed as scripts/bench-draw.sh does (target ratio <= 2.0);
#       and against the same naive draw storing its picks, in one transaction, in a table with
#       draw_pick's key and foreign key; then `liancha draw verify ID --database URL`;
#   (c) scripts/load-check.sh on PostgreSQL, then on SQLite.
# Installs postgresql when missing; builds liancha in release mode unless LIANCHA_BIN names a binary.
#
#   scripts/bench-pg.sh [ROWS]      (default 1000000; LOAD_CHECK_ARGS="--requests 200 --count 50000"
#                                    passes arguments to load-check.sh, LOAD_CHECK=no skips (c))
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
policy=zaozhuang-2024
quarter=2024Q3
source scripts/bench-lib.sh

if [ -z "${BENCH_PG_CLUSTER:-}" ]; then
  scripts/install-deps.sh --postgres
  release_liancha
  # NB: the rest runs inside a throwaway cluster, with PGHOST, PGPORT, PGUSER, PGPASSWORD and PGDATABASE set.
  BENCH_PG_CLUSTER=1 LIANCHA_BIN=$bin exec pg_virtualenv "$0" "$@"
fi
release_liancha
scratch bench-pg
base="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE?sslmode=disable"
url="$base&schema=bench"
say() { printf 'bench-pg: %s\n' "$*" >&2; }
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
say "$(psql -XAtc 'SELECT version()' | cut -d' ' -f1-2) at $PGHOST:$PGPORT; work: $work"

say "generating $rows enterprises (not timed)…"
csv=$work/enterprises.csv
python3 scripts/gen-directory.py --count "$rows" --seed 7 --output "$csv"
"$bin" init --database "$url" >/dev/null

# (a) The import, against psql's \copy of the same file into a bare table of the same columns.
say "(a) liancha import…"
r=$(measure "$bin" import enterprises "$csv" --database "$url"); read -r import_s import_kib <<<"$r"
cols=$(head -1 "$csv" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//' | tr ',' '\n' | sed 's/.*/"&" TEXT/' | paste -sd, -)
q -c "CREATE SCHEMA naive" -c "CREATE TABLE naive.plain ($cols)"
say "(a) psql \\copy…"
r=$(measure psql -X -q -v ON_ERROR_STOP=1 -c "\\copy naive.plain FROM '$csv' WITH (FORMAT csv, HEADER true)"); read -r copy_s copy_kib <<<"$r"
imported=$(psql -XAtc "SELECT count(*) FROM bench.enterprise")
plain=$(psql -XAtc "SELECT count(*) FROM naive.plain")
say "(a) psql \\copy of the stored rows into a table with the directory's keys, checks and foreign key…"
q -c "\\copy bench.enterprise TO '$work/stored.tsv'" -c "CREATE TABLE naive.keyed (LIKE bench.enterprise INCLUDING ALL)" \
  -c "ALTER TABLE naive.keyed ADD FOREIGN KEY (added_audit_id) REFERENCES bench.audit_log (id) DEFERRABLE INITIALLY DEFERRED"
sync
r=$(measure psql -X -q -v ON_ERROR_STOP=1 -c "\\copy naive.keyed FROM '$work/stored.tsv'"); read -r keyed_s _ <<<"$r"

# (b) The draw. The naive platform keeps the class as a column: computed once with the policy's
# own rules (liancha classify), outside the timing.
say "(b) classes for the naive draw (not timed)…"
"$bin" classify --policy "$policy" --database "$url" --output "$work/classes.csv" >/dev/null
q -c "CREATE TABLE naive.staged (uscc TEXT, name TEXT, class_name TEXT, class TEXT, matched TEXT)" \
  -c "\\copy naive.staged FROM '$work/classes.csv' WITH (FORMAT csv, HEADER true)" \
  -c "CREATE TABLE naive.enterprise AS SELECT uscc, name, '在营'::text AS status, class FROM naive.staged" \
  -c "DROP TABLE naive.staged" -c "CREATE INDEX enterprise_class ON naive.enterprise (class)" \
  -c "VACUUM ANALYZE naive.enterprise" -c "VACUUM ANALYZE bench.enterprise"
say "(b) liancha draw quarter…"
r=$(MEASURE_STDOUT=$work/draw.txt measure "$bin" draw quarter --policy "$policy" --quarter "$quarter" --database "$url"); read -r draw_s draw_kib <<<"$r"
cat "$work/draw.txt"
id=$(sed -n 's/^draw: //p' "$work/draw.txt")
python3 - "$work/draw.txt" >"$work/naive.sql" <<'PY'
import re, sys
ids = {"重点监管对象": "key", "简化监管对象": "simplified", "一般监管对象": "general", "特殊监管对象": "special"}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\s+\d{4}Q\d/(\S+): (\d+) of (\d+)", line)
    if m and m.group(1) in ids:
        print(f"SELECT uscc FROM naive.enterprise WHERE class = '{ids[m.group(1)]}' ORDER BY random() LIMIT {m.group(2)};")
PY
say "(b) naive SQL draw…"
r=$(measure psql -X -q -v ON_ERROR_STOP=1 -o /dev/null -f "$work/naive.sql"); read -r naive_s _ <<<"$r"
q -c "CREATE TABLE naive.draw (id TEXT COLLATE \"C\" PRIMARY KEY)" \
  -c "CREATE TABLE naive.draw_pick (draw_id TEXT COLLATE \"C\" NOT NULL REFERENCES naive.draw (id), uscc TEXT COLLATE \"C\" NOT NULL, class TEXT COLLATE \"C\" NOT NULL, PRIMARY KEY (draw_id, uscc))"
{ echo "BEGIN; INSERT INTO naive.draw VALUES ('N');"
  sed "s/^SELECT uscc FROM naive.enterprise WHERE class = '\([a-z]*\)' \(.*\);\$/INSERT INTO naive.draw_pick SELECT 'N', uscc, '\1' FROM (SELECT uscc FROM naive.enterprise WHERE class = '\1' \2) s ORDER BY uscc;/" "$work/naive.sql"
  echo "COMMIT;"; } >"$work/naive-stored.sql"
say "(b) naive SQL draw storing its picks…"
r=$(measure psql -X -q -v ON_ERROR_STOP=1 -f "$work/naive-stored.sql"); read -r stored_s _ <<<"$r"
picks=$(psql -XAtc "SELECT count(*) FROM naive.draw_pick")
say "(b) liancha draw verify…"
r=$(MEASURE_STDOUT=$work/verify.txt measure "$bin" draw verify "$id" --database "$url"); read -r verify_s verify_kib <<<"$r"

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"; }
report() {
  echo
  echo "liancha on $(psql -XAtc 'SELECT version()' | cut -d' ' -f1-2), $rows enterprises (scripts/gen-directory.py --seed 7)"
  printf '%-62s %8s s   %7d rows   peak %5d MiB\n' "(a) liancha import enterprises (validated, history, audit)" "$import_s" "$imported" $((import_kib / 1024))
  printf '%-62s %8s s   %7d rows\n' "    psql \\copy into a bare table (no validation)" "$copy_s" "$plain"
  echo "    ratio liancha/psql: $(ratio "$import_s" "$copy_s") (target <= 1.5)"
  printf '%-62s %8s s\n' "    psql \\copy of the stored rows: same keys, checks, FK" "$keyed_s"
  echo "    ratio liancha/that: $(ratio "$import_s" "$keyed_s")"
  printf '%-62s %8s s   peak %5d MiB\n' "(b) liancha draw quarter ($policy $quarter, recorded)" "$draw_s" $((draw_kib / 1024))
  printf '%-62s %8s s\n' "    naive SQL: ORDER BY random() LIMIT k per class" "$naive_s"
  echo "    ratio liancha/naive: $(ratio "$draw_s" "$naive_s") (target <= 2.0)"
  printf '%-62s %8s s   %7d picks\n' "    the same, its picks stored (draw_pick's key and FK)" "$stored_s" "$picks"
  echo "    ratio liancha/that: $(ratio "$draw_s" "$stored_s")"
  printf '%-62s %8s s   peak %5d MiB   %s\n' "    liancha draw verify $id" "$verify_s" $((verify_kib / 1024)) "$(head -1 "$work/verify.txt")"
}
report | tee "$work/report.txt"

if [ "${LOAD_CHECK:-yes}" != no ]; then
  # (c) The web server under load, on PostgreSQL (a schema of its own) and then on SQLite.
  echo
  echo "(c) scripts/load-check.sh ${LOAD_CHECK_ARGS:-} on PostgreSQL:"
  # shellcheck disable=SC2086
  scripts/load-check.sh --database "$base&schema=load" ${LOAD_CHECK_ARGS:-}
  echo
  echo "(c) scripts/load-check.sh ${LOAD_CHECK_ARGS:-} on SQLite:"
  # shellcheck disable=SC2086
  scripts/load-check.sh ${LOAD_CHECK_ARGS:-}
  echo
  cat "$work/report.txt"
fi
