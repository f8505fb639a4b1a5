#!/usr/bin/env bash
# Benchmark (not a test): import a 1,000,000-row enterprise CSV with full validation, against the
# sqlite3 command-line tool's plain `.import --csv` of the same file into a table of the same columns.
# Prints both times, their ratio and liancha's peak memory. Targets: ratio <= 2.0, peak <= 256 MiB
# (the CSV is read a piece at a time: the peak must not grow with the file).
#
#   scripts/bench-import.sh [ROWS]        (default 1000000; needs python3 and sqlite3)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
source scripts/bench-lib.sh
need_sqlite3
release_liancha

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
csv=$work/enterprises.csv
echo "generating $rows enterprises…"
python3 scripts/gen-directory.py --count "$rows" --seed 1 --output "$csv"
echo "file: $(du -h "$csv" | cut -f1)"

"$bin" init --database "$work/liancha.sqlite" >/dev/null

read -r liancha_s liancha_kib < <(measure "$bin" import enterprises "$csv" --database "$work/liancha.sqlite")

cols=$(head -1 "$csv" | tr -d '\r' | sed 's/^\xEF\xBB\xBF//' | tr ',' '\n' | sed 's/.*/"&" TEXT/' | paste -sd, -)
sqlite3 "$work/plain.sqlite" "PRAGMA journal_mode=WAL; CREATE TABLE enterprise ($cols);" >/dev/null
read -r sqlite_s sqlite_kib < <(measure sqlite3 "$work/plain.sqlite" ".import --csv --skip 1 $csv enterprise")

imported=$(sqlite3 "$work/liancha.sqlite" "SELECT count(*) FROM enterprise")
plain=$(sqlite3 "$work/plain.sqlite" "SELECT count(*) FROM enterprise")
echo
printf '%-44s %8s s   %6d rows   peak %5d MiB\n' "liancha import enterprises (validated)" "$liancha_s" "$imported" $((liancha_kib / 1024))
printf '%-44s %8s s   %6d rows   peak %5d MiB\n' "sqlite3 .import --csv (no validation)" "$sqlite_s" "$plain" $((sqlite_kib / 1024))
python3 -c "import sys; r=float(sys.argv[1])/float(sys.argv[2]); print(f'ratio liancha/sqlite3: {r:.2f} (target <= 2.0)')" "$liancha_s" "$sqlite_s"
echo "liancha peak memory: $((liancha_kib / 1024)) MiB (target <= 256)"
