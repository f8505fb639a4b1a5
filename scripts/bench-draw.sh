#!/usr/bin/env bash
# Benchmark (not a test): `liancha draw quarter` over 1,000,000 enterprises with the four-class
# Zaozhuang policy (release build), against the naive draw existing platforms do with the sqlite3
# tool on the same data: `SELECT uscc … WHERE class = … ORDER BY random() LIMIT k` per class.
# Prints both times and the ratio. Target: <= 2 s, ratio <= 2.0. Then `liancha draw verify` of the
# record (by id, and from its exported JSON) against scripts/verify-draw.py, the independent Python
# verifier, on the same JSON. Target: verify <= 1 s.
#
#   scripts/bench-draw.sh [ROWS]        (default 1000000; needs python3 and sqlite3)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
policy=zaozhuang-2024
quarter=2024Q3
source scripts/bench-lib.sh
need_sqlite3
release_liancha

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/liancha.sqlite
echo "setting up $rows enterprises (not timed)…"
python3 scripts/gen-directory.py --count "$rows" --seed 7 --output "$work/enterprises.csv"
"$bin" init --database "$db" >/dev/null
"$bin" import enterprises "$work/enterprises.csv" --database "$db" >/dev/null

# The naive platforms keep the class as a column: compute it once with the policy's own rules
# (liancha classify), outside the timing.
"$bin" classify --policy "$policy" --database "$db" --output "$work/classes.csv" >/dev/null
sqlite3 "$work/naive.sqlite" <<SQL >/dev/null
PRAGMA journal_mode=WAL;
CREATE TABLE enterprise (uscc TEXT, name TEXT, status TEXT, class TEXT);
CREATE TABLE staged (uscc TEXT, name TEXT, class_name TEXT, class TEXT, matched TEXT);
.import --csv --skip 1 $work/classes.csv staged
INSERT INTO enterprise SELECT uscc, name, '在营', class FROM staged;
DROP TABLE staged;
CREATE INDEX enterprise_class ON enterprise(class);
SQL

# NB: `sync` first, so that neither side waits for the disk to write out what the set-up (a million
# rows imported, the naive copy made) left in the page cache: one run measured 1.8 s, the next 2.3 s.
seconds() { sync; MEASURE_STDOUT=$work/out.txt measure "$@" | cut -d' ' -f1; }

liancha_s=$(seconds "$bin" draw quarter --policy "$policy" --quarter "$quarter" --database "$db")
cat "$work/out.txt"
id=$(sed -n 's/^draw: //p' "$work/out.txt")

# The same quotas, drawn the naive way: one ORDER BY random() query per class.
queries=$(python3 - "$work/out.txt" <<'PY'
import re, sys
ids = {"重点监管对象": "key", "简化监管对象": "simplified", "一般监管对象": "general", "特殊监管对象": "special"}
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"\s+\d{4}Q\d/(\S+): (\d+) of (\d+)", line)
    if m and m.group(1) in ids:
        print(f"SELECT uscc FROM enterprise WHERE class = '{ids[m.group(1)]}' ORDER BY random() LIMIT {m.group(2)};")
PY
)
echo "$queries" > "$work/naive.sql"
sqlite_s=$(seconds sqlite3 "$work/naive.sqlite" ".read $work/naive.sql")

"$bin" draw export "$id" --output "$work/record.json" --database "$db" >/dev/null
verify_id_s=$(seconds "$bin" draw verify "$id" --database "$db")
verify_json_s=$(seconds "$bin" draw verify "$work/record.json")
verify_py_s=$(seconds python3 scripts/verify-draw.py "$work/record.json")

echo
printf '%-58s %8s s\n' "liancha draw quarter ($policy, verifiable, recorded)" "$liancha_s"
printf '%-58s %8s s\n' "sqlite3 ORDER BY random() LIMIT k per class (naive)" "$sqlite_s"
python3 -c "import sys; print(f'ratio liancha/sqlite3: {float(sys.argv[1])/float(sys.argv[2]):.2f} (target <= 2.0; liancha target <= 2 s)')" "$liancha_s" "$sqlite_s"
echo
printf '%-58s %8s s\n' "liancha draw verify $id (stored record)" "$verify_id_s"
printf '%-58s %8s s\n' "liancha draw verify record.json" "$verify_json_s"
printf '%-58s %8s s\n' "scripts/verify-draw.py record.json (Python, independent)" "$verify_py_s"
echo "(target: draw verify <= 1 s)"
