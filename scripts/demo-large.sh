#!/usr/bin/env bash
# Prepares a large joint plan for benchmarks (not a test): 10,000 enterprises all drawn (every credit
# level at 100 %), dispatched, confirmed and matched with mixed teams from a generated roster.
#
#   scripts/demo-large.sh --database PATH [--count N]
#
# Prints the plan number as the last line. Uses the release build (LIANCHA_BIN overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
db=""
count=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --database) db=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -n "$db" ] || { echo "usage: scripts/demo-large.sh --database PATH [--count N]" >&2; exit 2; }
source scripts/bench-lib.sh
release_liancha
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
L() { "$bin" "$@" --database "$db" --operator bench >/dev/null; }

python3 scripts/gen-directory.py --count "$count" --seed 11 --output "$work/generated.csv"
# Every enterprise operating, so that all $count are drawn.
python3 - "$work/generated.csv" "$work/enterprises.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
status = rows[0].index("经营状态")
for r in rows[1:]:
    r[status] = "在营"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY
# A roster big enough for two inspectors per enterprise at 100 enterprises each.
python3 - "$count" > "$work/inspectors.csv" <<'PY'
import sys
n = int(sys.argv[1]) * 2 // 100 + 20
print("执法证号,姓名,部门,专长,在岗,人员类别")
for d, special in [("YJ", "工贸安全;危险化学品"), ("SL", "取用水"), ("HB", "大气;危险废物"), ("SC", "食品安全")]:
    for i in range(n):
        print(f"BENCH-{d}-{i:05d},检查员{d}{i},{d},{special},是,执法人员")
PY
cat > "$work/plan.yaml" <<'YAML'
number: 栾联2026099
name: 基准测试联合抽查
taskNumber: 栾联099
taskName: 基准测试
drawType: 不定向
jurisdiction: 石家庄市栾城区
ordinal: 9
scope: {description: 名录库全部企业}
ratios: {a: 100%, b: 100%, c: 100%, d: 100%}
overallMinimum: 100%
lead: YJ
partners: [SL, HB, SC]
start: 2026-05-15
end: 2026-06-30
maxPerInspector: 100
YAML

rm -f "$db" "$db-wal" "$db-shm"
L init
L import enterprises "$work/enterprises.csv"
L import inspectors "$work/inspectors.csv"
L import items fixtures/luancheng/items.csv
L plan create --file "$work/plan.yaml"
L plan collect 栾联2026099
L plan items add 栾联2026099 --department YJ YJ-001 YJ-005
L plan items add 栾联2026099 --department SL SL-012
L plan items add 栾联2026099 --department HB HB-007 HB-008
L plan items add 栾联2026099 --department SC SC-008 SC-009
L plan freeze 栾联2026099
L plan draw 栾联2026099 --public-entropy bench
L plan dispatch 栾联2026099
for d in YJ SL HB SC; do L plan confirm 栾联2026099 --department $d; done
L plan match 栾联2026099
echo 栾联2026099
