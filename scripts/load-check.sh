#!/usr/bin/env bash
# The web server under load (issue 9; a benchmark, not a test). Makes the Luancheng demo database,
# adds a second joint plan with matched teams (栾联2026098, ~10 % drawn) and accounts, starts
# `liancha serve` on 127.0.0.1 only, and measures with bounded loops of Python's http.client:
#   - an anonymous public page (/public/results) and a signed-in plan page (/plans/栾联2026006),
#   - alone, then while (a) 20 clients record results on the web, then while (b) the CLI imports
#     200,000 enterprises into the same database (scripts/gen-directory.py);
# and prints requests/s, p50, p99, failures, the server's peak memory and p99(during)/p99(alone).
#
#   scripts/load-check.sh [--requests N] [--count ENTERPRISES] [--database URL]
#                                                   (defaults 400, 200000, a SQLite file in the work folder)
# --database runs it all on PostgreSQL instead: a postgres://…?schema=NAME URL, whose schema the demo
# makes anew (dropping what it held).
# LIANCHA_BIN picks the binary (default: the release build, see scripts/bench-lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
requests=400
count=200000
database=""
while [ $# -gt 0 ]; do
  case "$1" in
    --requests) requests=$2; shift 2 ;;
    --count) count=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -n "$database" ] && [[ "$database" != postgres*://*schema=* ]]; then
  echo "--database takes a postgres:// URL naming a schema (?schema=NAME), which the demo makes anew" >&2
  exit 2
fi
source scripts/bench-lib.sh
release_liancha
scratch load
say() { printf 'load-check: %s\n' "$*" >&2; }

say "demo database and a second plan (work: $work)"
if [ -n "$database" ]; then
  "$bin" demo --output "$work/demo" --fixtures "$root/fixtures" --database "$database" >"$work/demo.log"
  db=$database
else
  "$bin" demo --output "$work/demo" --fixtures "$root/fixtures" >"$work/demo.log"
  db="$work/liancha.sqlite"
  cp "$work/demo/liancha.sqlite" "$db"
fi
L() { "$bin" "$@" --database "$db" --operator load-check >/dev/null; }
plan=栾联2026098
sed -e "s/^number: .*/number: $plan/" -e 's/^taskNumber: .*/taskNumber: 栾联098/' -e 's/^ordinal: .*/ordinal: 8/' \
    -e 's/^\(\s*[abcd]\): .*/\1: 10%/' -e 's/^maxPerInspector: .*/maxPerInspector: 100/' \
    "$root/fixtures/luancheng/plan-2026-06.yaml" >"$work/plan.yaml"
L plan create --file "$work/plan.yaml"
L plan collect "$plan"
for line in "YJ YJ-001" "SL SL-012" "HB HB-007"; do set -- $line; L plan items add "$plan" --department "$1" "$2"; done
L plan freeze "$plan"
L plan draw "$plan" --public-entropy load-check
L plan dispatch "$plan"
# NB: a partner that was dispatched nothing has nothing to confirm.
for d in YJ SL HB; do L plan confirm "$plan" --department $d 2>/dev/null || true; done
L plan match "$plan"
L user add --department YJ --role coordinator --password load-pass-1 coord
for d in SL HB; do L user add --department $d --role clerk --password load-pass-1 "clerk$d"; done
python3 scripts/gen-directory.py --count "$count" --seed 21 --output "$work/directory.csv"

serve_db "$db"
say "serving on 127.0.0.1:$port (pid $server), $requests requests per page and phase"

python3 - "$port" "$server" "$db" "$plan" "$requests" "$bin" "$work/directory.csv" <<'PY'
import http.client, json, os, re, sqlite3, subprocess, sys, threading, time, urllib.parse

port, pid, db, plan, requests, binary, directory = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6], sys.argv[7]
READERS = 2          # concurrent readers per page
WRITERS = 20
peak_rss = [0]

def rss_kib():
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))

class Client:
    """One keep-alive connection with cookies, as a browser keeps them."""
    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
        self.cookies = {}
        self.csrf = ""
    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.cookies: h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            self.conn.request(method, urllib.parse.quote(path, safe="/?=&%"), body=body, headers=h)
            r = self.conn.getresponse()
            data = r.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)
            raise
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, value = v.split(";")[0].partition("=")
                self.cookies[name] = value
        return r.status, data
    def login(self, name):
        self.request("GET", "/login")
        token = self.cookies["liancha_login_csrf"]
        body = urllib.parse.urlencode({"_csrf": token, "name": name, "password": "load-pass-1"})
        # A sign-in writes (its session, its audit entry): while the database is busy it gets 503 +
        # Retry-After, and tries again as a person would.
        for _ in range(30):
            status, _ = self.request("POST", "/api/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
            if status != 503: break
            time.sleep(2)
        assert status == 200, f"login {name}: {status}"
        _, page = self.request("GET", "/account")
        self.csrf = re.search(rb'name="_csrf" value="([^"]+)"', page).group(1).decode()

def read_loop(c, path, stop, out):
    n = 0
    while n < requests and not (stop.is_set() and n >= requests // 4):
        t = time.perf_counter()
        try:
            status, _ = c.request("GET", path)
            ok = status == 200
        except Exception:
            ok = False
        out.append((time.perf_counter() - t, ok))
        n += 1

def measure(label, disturbance=None):
    """Both pages, READERS clients each, while `disturbance` (a function) runs in its own thread."""
    stop = threading.Event()
    results = {"public": [], "plan": []}
    # NB: the readers sign in before the disturbance starts; what is measured is their page loads.
    readers = []
    for k, p, login in [("public", "/public/results", False), ("plan", f"/plans/{plan}", True)]:
        for _ in range(READERS):
            c = Client()
            if login: c.login("coord")
            readers.append((c, p, results[k]))
    threads = [threading.Thread(target=read_loop, args=(c, p, stop, out)) for c, p, out in readers]
    extra = {}
    if disturbance:
        # NB: the readers stop soon after the disturbance ends, so that they measure the time during it.
        d = threading.Thread(target=lambda: (extra.update(disturbance()), stop.set()))
        d.start()
    start = time.perf_counter()
    for t in threads: t.start()
    while any(t.is_alive() for t in threads):
        peak_rss[0] = max(peak_rss[0], rss_kib()); time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if disturbance:
        d.join()
    stats = {}
    for k, rs in results.items():
        lat = sorted(x for x, _ in rs)
        stats[k] = dict(n=len(rs), rps=len(rs) / elapsed, p50=lat[len(lat) // 2] * 1000, p99=lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000,
                        failed=sum(1 for _, ok in rs if not ok))
    return label, stats, extra

def dispatched():
    """The plan's dispatched enterprises: (uscc, department, items), read from the database as it is."""
    sql = "SELECT uscc, department, items FROM plan_dispatch WHERE plan = ? AND rejected_reason IS NULL"
    if not db.startswith("postgres"):
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = con.execute(sql, (plan,)).fetchall()
        con.close()
        return rows
    # NB: psql takes the URL without liancha's `schema` parameter, which becomes its search path.
    url = urllib.parse.urlsplit(db)
    query = urllib.parse.parse_qsl(url.query)
    schema = dict(query)["schema"]
    plain = url._replace(query=urllib.parse.urlencode([(k, v) for k, v in query if k != "schema"])).geturl()
    out = subprocess.run(["psql", "-XAt", "-F", "\t", "-c", sql.replace("?", "'" + plan.replace("'", "''") + "'"), plain],
                         env=dict(os.environ, PGOPTIONS=f"-c search_path={schema}"), check=True, capture_output=True, text=True).stdout
    return [tuple(line.split("\t")) for line in out.splitlines() if line]

def writers():
    rows = dispatched()
    accounts = {"YJ": "coord", "SL": "clerkSL", "HB": "clerkHB"}
    counts = {"ok": 0, "503": 0, "other": 0}
    lock = threading.Lock()
    def work(i):
        mine = [r for j, r in enumerate(rows) if j % WRITERS == i] or rows[:1]
        c = Client(); c.login(accounts[mine[0][1]])
        mine = [r for r in mine if accounts[r[1]] == accounts[mine[0][1]]]
        for k in range(max(1, requests // 10)):
            uscc, department, items = mine[k % len(mine)]
            fields = [("_csrf", c.csrf), ("checkedOn", "2026-06-20")] + [(f"outcome[{code}]", "未发现问题") for code in items.split(";") if code]
            try:
                status, _ = c.request("POST", f"/api/plans/{plan}/enterprises/{uscc}/results", urllib.parse.urlencode(fields),
                                      {"Content-Type": "application/x-www-form-urlencoded"})
            except Exception:
                status = 0
            with lock: counts["ok" if status == 200 else "503" if status == 503 else "other"] += 1
    ts = [threading.Thread(target=work, args=(i,)) for i in range(WRITERS)]
    for t in ts: t.start()
    for t in ts: t.join()
    return {"writes": counts}

def cli_import():
    t = time.perf_counter()
    p = subprocess.run([binary, "import", "enterprises", directory, "--database", db, "--operator", "load-check"],
                       capture_output=True, text=True)
    return {"import": f"exit {p.returncode} in {time.perf_counter() - t:.1f} s" + (f": {p.stderr.strip()[-200:]}" if p.returncode else "")}

phases = [measure("alone"), measure(f"(a) {WRITERS} writers", writers), measure("(b) CLI import", cli_import)]
alone = phases[0][1]
print(f"{'phase':<16} {'page':<7} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'failed':>6} {'p99/alone':>9}")
for label, stats, extra in phases:
    for k, s in stats.items():
        ratio = s["p99"] / alone[k]["p99"] if alone[k]["p99"] else float("nan")
        print(f"{label:<16} {k:<7} {s['n']:>8} {s['rps']:>8.1f} {s['p50']:>8.1f} {s['p99']:>8.1f} {s['failed']:>6} {ratio:>9.2f}")
    for k, v in extra.items():
        print(f"{'':<16} {k}: {v}")
print(f"server peak memory: {peak_rss[0] // 1024} MiB")
PY
