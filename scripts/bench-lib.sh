# Shared by the benchmark scripts (sourced, not run).

# Sets $bin to a release build of liancha (or $LIANCHA_BIN when set).
release_liancha() {
  if [ -n "${LIANCHA_BIN:-}" ]; then bin=$LIANCHA_BIN; return; fi
  echo "building liancha (release)…" >&2
  swift build -c release --product liancha >/dev/null
  bin=$(swift build -c release --show-bin-path)/liancha
}

# Installs the sqlite3 command-line tool when missing.
need_sqlite3() {
  command -v sqlite3 >/dev/null || { echo "installing sqlite3" >&2; apt-get install -y sqlite3 >/dev/null; }
}

# measure CMD…: prints "<wall seconds> <peak KiB>" of the command, measured the same way for every
# side of a benchmark; its standard output goes to $MEASURE_STDOUT (default: discarded).
measure() {
  python3 - "${MEASURE_STDOUT:-/dev/null}" "$@" <<'PY'
import resource, subprocess, sys, time
with open(sys.argv[1], "w") as out:
    t = time.perf_counter()
    subprocess.run(sys.argv[2:], check=True, stdout=out)
    elapsed = time.perf_counter() - t
print(f"{elapsed:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
}
