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

# scratch NAME: sets $work to a fresh directory /tmp/liancha-NAME-…; on exit the server started by
# serve_db (if any) is stopped and $work removed.
scratch() {
  work=$(mktemp -d "/tmp/liancha-$1-XXXXXX")
  server=""
  trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
}

# serve_db DB: starts "$bin serve" on DB at a free loopback port; returns once it answers, with $port
# and $server (its pid) set. Its log is $work/serve.log.
serve_db() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$bin" serve --host 127.0.0.1 --port "$port" --database "$1" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/public/results', timeout=1)" 2>/dev/null && return 0
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; echo "the server did not start" >&2; exit 1; }
    sleep 0.2
  done
  echo "the server did not answer within 20 s" >&2
  exit 1
}
