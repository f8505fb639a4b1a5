#!/usr/bin/env bash
# Fuzzes every parser of liancha for SECONDS each (default 60) with libFuzzer (issue 9).
#   scripts/fuzz.sh [SECONDS] [TARGET...]     targets: csv csvstream xlsx policy plan form json uscc date ratio draw
# Builds fuzz/ (a package of its own) once with `swift build -c release --sanitize=fuzzer`, generates
# the seed corpora under fuzz/corpus/ (git-ignored), runs each target, prints the executions each made,
# and exits non-zero if any target crashed; crash inputs are kept as fuzz/artifacts/<target>-crash-*.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECONDS_EACH="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(csv csvstream xlsx policy plan form json uscc date ratio draw)

echo "fuzz: building (release, -sanitize=fuzzer; slow the first time)…" >&2
# NB: the build plan of a path dependency is not refreshed when the root package gains a file: drop it.
rm -f .build/release.yaml
swift build -c release --sanitize=fuzzer 2>&1 | tail -5 >&2
BIN="$(swift build -c release --sanitize=fuzzer --show-bin-path)"

rm -rf corpus/seeds && python3 make-seeds.py corpus/seeds
mkdir -p artifacts
failed=()
printf '%-8s %12s %10s  %s\n' target executions exec/s result
for t in "${TARGETS[@]}"; do
    mkdir -p "corpus/$t"
    log="artifacts/$t.log"
    status=ok
    # NB: without SWIFT_BACKTRACE=enable=no a crash hangs in Swift's backtracer.
    if ! SWIFT_BACKTRACE=enable=no "$BIN/fuzz-$t" "corpus/$t" "corpus/seeds/$t" -max_total_time="$SECONDS_EACH" \
        -rss_limit_mb=2048 -timeout=10 -max_len=65536 -print_final_stats=1 -artifact_prefix="artifacts/$t-" >"$log" 2>&1; then
        status=CRASH
        failed+=("$t")
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    printf '%-8s %12s %10s  %s\n' "$t" "$runs" "$rate" "$status"
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crashes in: ${failed[*]} (inputs: fuzz/artifacts/, logs: fuzz/artifacts/*.log)" >&2
    exit 1
fi
