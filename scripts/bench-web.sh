#!/usr/bin/env bash
# Benchmark (not a test): the web pages of a 10,000-enterprise plan against those of a 15-enterprise
# plan built the same way (scripts/demo-large.sh: every enterprise drawn, dispatched, confirmed and
# matched), both served by the same release build on loopback in the same run. Prints each request's
# time (median of a few) on both, side by side, with the ratio, and `liancha plan status` likewise.
# Targets: one enterprise's page and a result POST < 50 ms and <= 2x small; the plan page and every
# list page < 300 ms; statistics < 200 ms.
#
#   scripts/bench-web.sh [COUNT]        (default 10000; needs python3)
#
# NB: the small side is not `liancha demo`'s plan: that one is published, where no result may be
# recorded; the same script at 15 enterprises gives the same state and shape at both sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
source scripts/bench-lib.sh
release_liancha
export LIANCHA_BIN=$bin

work=$(mktemp -d)
servers=()
cleanup() {
  for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "setting up a $count-enterprise plan and a 15-enterprise plan (not timed)…"
plan=$(scripts/demo-large.sh --database "$work/large.sqlite" --count "$count" | tail -1)
scripts/demo-large.sh --database "$work/small.sqlite" --count 15 >/dev/null
for side in large small; do
  db=$work/$side.sqlite
  "$bin" user add --database "$db" --department YJ --role coordinator --password bench-pass-123 bench-yj >/dev/null
  "$bin" user add --database "$db" --department SL --role clerk --password bench-pass-123 bench-sl >/dev/null
done

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
serve() {  # serve SIDE: sets $port. NB: not called as $(…), whose subshell would lose the server's pid.
  port=$(free_port)
  "$bin" serve --database "$work/$1.sqlite" --host 127.0.0.1 --port "$port" >"$work/$1.log" 2>&1 &
  servers+=($!)
}
serve large; large_port=$port
serve small; small_port=$port

python3 scripts/bench_web.py "$plan" "http://127.0.0.1:$small_port" "$work/small.sqlite" "http://127.0.0.1:$large_port" "$work/large.sqlite"

# The CLI's plan status, measured the same way on both.
seconds() { measure "$@" | cut -d' ' -f1; }
small_s=$(seconds "$bin" plan status "$plan" --database "$work/small.sqlite")
large_s=$(seconds "$bin" plan status "$plan" --database "$work/large.sqlite")
python3 -c "import sys; s, l = map(float, sys.argv[1:]); print(f\"{'liancha plan status (process, s → ms)':<44} {s*1000:>9.1f} {l*1000:>9.1f} {l/s:>7.1f}\")" "$small_s" "$large_s"
