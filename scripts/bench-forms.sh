#!/usr/bin/env bash
# Benchmark (not a test): write the 一企一表 of every enterprise drawn in a joint plan (10,000 with their
# teams) as one .docx each with `liancha plan forms` (release build), against python-docx writing the
# same form (scripts/forms_python_docx.py, same layout) for the same enterprises from the forms as liancha
# dumps them to JSON. Prints both times and the ratio. Target: liancha at least 5× faster.
#
#   scripts/bench-forms.sh [--database PATH --plan PLAN] [--python-limit N]
#
#   --database, --plan   a prepared database and the plan whose forms to write; without them
#                        scripts/demo-large.sh prepares one in a temporary folder (not timed): it is
#                        called as `scripts/demo-large.sh --database PATH` and must print the plan
#                        number as the last line of its standard output.
#   --python-limit N     time python-docx on the first N forms only and scale its time up to all of
#                        them (python-docx takes minutes for 10,000); the output says so.
#   LIANCHA_BIN=PATH     use this liancha binary instead of building one.
#   LIANCHA_FORMS='…'    the timed liancha command (default below); $bin, $plan, $db and $out are set.
#
# Needs python3 and python-docx (installed with pip if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

db=""
plan=""
python_limit=0
while [ $# -gt 0 ]; do
  case "$1" in
    --database) db=$2; shift 2 ;;
    --plan) plan=$2; shift 2 ;;
    --python-limit) python_limit=$2; shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$db" ] && [ -z "$plan" ]; then echo "--database needs --plan" >&2; exit 2; fi

python3 -c "import docx" 2>/dev/null || { echo "installing python-docx"; pip install python-docx >/dev/null; }

source scripts/bench-lib.sh
release_liancha

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "$db" ]; then
  [ -x scripts/demo-large.sh ] || {
    echo "scripts/demo-large.sh is not there yet: pass --database PATH --plan PLAN" >&2; exit 2; }
  db=$work/liancha.sqlite
  echo "preparing 10,000 drawn enterprises with teams (not timed)…"
  plan=$(scripts/demo-large.sh --database "$db" | tail -n 1)
  [ -n "$plan" ] || { echo "scripts/demo-large.sh printed no plan number" >&2; exit 1; }
fi

# The forms as JSON (the InspectionFormModel property names) for the python side; not timed.
"$bin" plan forms "$plan" --json "$work/forms.json" --database "$db" >/dev/null
count=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))))" "$work/forms.json")
echo "plan $plan: $count forms"

out=$work/liancha
mkdir -p "$out" "$work/python"
export bin plan db out
# The liancha side in one variable, so a different command (a dev build, other flags) can be timed.
liancha_forms=${LIANCHA_FORMS:-'"$bin" plan forms "$plan" --output "$out" --database "$db"'}

seconds() { measure "$@" | cut -d' ' -f1; }

liancha_s=$(seconds bash -c "$liancha_forms")
liancha_files=$(find "$out" -name '*.docx' | wc -l)

limit_args=()
python_forms=$count
if [ "$python_limit" -gt 0 ] && [ "$python_limit" -lt "$count" ]; then
  limit_args=(--limit "$python_limit")
  python_forms=$python_limit
fi
python_s=$(seconds python3 scripts/forms_python_docx.py "$work/forms.json" "$work/python" "${limit_args[@]}")
python_files=$(find "$work/python" -name '*.docx' | wc -l)

echo
# NB: `liancha plan forms` also writes the combined .docx and the printable HTML of all the forms.
printf '%-48s %9s s   %6d .docx\n' "liancha plan forms" "$liancha_s" "$liancha_files"
printf '%-48s %9s s   %6d .docx\n' "python-docx, same layout" "$python_s" "$python_files"
python3 - "$liancha_s" "$python_s" "$count" "$python_forms" <<'PY'
import sys
liancha, python, count, python_forms = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
if python_forms < count:
    python = python * count / python_forms
    print(f"python-docx scaled from {python_forms} to {count} forms: {python:.1f} s")
print(f"liancha: {count / liancha:.0f} forms/s; python-docx: {count / python:.1f} forms/s")
print(f"ratio python-docx/liancha: {python / liancha:.1f}x (target >= 5)")
PY
