"""Times the web requests of scripts/bench-web.sh on a small and a large plan, side by side.

    python3 scripts/bench_web.py PLAN SMALL_URL SMALL_DB LARGE_URL LARGE_DB

Each request is sent once to warm up, then repeated (at most 7 times, or for about 3 seconds) and
its median printed in milliseconds, with the large/small ratio and the body size on the large side.
"""
import http.cookiejar
import json
import sqlite3
import statistics
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PASSWORD = "bench-pass-123"


class Client:
    """A signed-in session (cookies and CSRF token) of one account on one server."""

    def __init__(self, base, name):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        for _ in range(100):  # the server may still be starting
            try:
                self.opener.open(base + "/api/login", timeout=5).read()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        answer = self.send("POST", "/api/login", {"name": name, "password": PASSWORD}, token=self._cookie("liancha_login_csrf"))
        self.csrf = json.loads(answer)["data"]["csrf"]

    def _cookie(self, name):
        for handler in self.opener.handlers:
            if isinstance(handler, urllib.request.HTTPCookieProcessor):
                for c in handler.cookiejar:
                    if c.name == name:
                        return c.value
        raise SystemExit(f"bench-web: no {name} cookie from {self.base}")

    def send(self, method, path, body=None, token=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + urllib.parse.quote(path, safe="/?=&"), data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
            request.add_header("X-CSRF-Token", token or self.csrf)
        try:
            with self.opener.open(request, timeout=600) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            raise SystemExit(f"bench-web: {method} {path} → {error.code}: {error.read()[:300]!r}")


def timed(call):
    call()  # warm-up
    samples, started = [], time.perf_counter()
    while len(samples) < 7 and (len(samples) < 1 or time.perf_counter() - started < 3):
        t = time.perf_counter()
        size = len(call())
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples), size


def subject(db, plan):
    """An enterprise dispatched to YJ in draw order's middle, and YJ's item codes there."""
    with sqlite3.connect(db) as c:
        rows = c.execute("SELECT uscc, items FROM plan_dispatch WHERE plan = ? AND department = 'YJ' ORDER BY position",
                         (plan,)).fetchall()
    uscc, items = rows[len(rows) // 2]
    return uscc, [code for code in items.split(";") if code]


def requests(plan, uscc, codes):
    p = f"/plans/{plan}"
    e = f"{p}/enterprises/{uscc}"
    # NB: a date inside the plan's inspection window (fixtures/luancheng/plan-2026-06.yaml); without
    # one the check is dated today, which the plan refuses once its window has passed.
    result = {"checkedOn": "2026-06-20", "outcome": {code: "未发现问题" for code in codes}}
    return [
        ("one enterprise's page, coordinator", "yj", "GET", e, None),
        ("one enterprise's page, JSON", "yj", "GET", "/api" + e, None),
        ("result POST (JSON)", "yj", "POST", "/api" + e + "/results", result),
        ("plan page, coordinator", "yj", "GET", p, None),
        ("plan page, clerk", "sl", "GET", p, None),
        ("plan JSON, coordinator", "yj", "GET", "/api" + p, None),
        ("plan page, page 3 of enterprises", "yj", "GET", p + "?page=3", None),
        ("plan page, filtered (USCC)", "yj", "GET", p + "?q=" + uscc[-6:], None),
        ("teams page, coordinator", "yj", "GET", p + "/teams", None),
        ("statistics page", "yj", "GET", p + "/statistics", None),
        ("plan list", "yj", "GET", "/plans", None),
    ]


def main():
    plan, small_url, small_db, large_url, large_db = sys.argv[1:6]
    sides = {}
    for side, url, db in [("small", small_url, small_db), ("large", large_url, large_db)]:
        uscc, codes = subject(db, plan)
        clients = {"yj": Client(url, "bench-yj"), "sl": Client(url, "bench-sl")}
        sides[side] = (clients, requests(plan, uscc, codes))
    print(f"{'request (median ms)':<44} {'small':>9} {'large':>9} {'ratio':>7} {'large size':>11}")
    for i, (label, *_rest) in enumerate(sides["small"][1]):
        figures = []
        for side in ("small", "large"):
            clients, reqs = sides[side]
            _, who, method, path, body = reqs[i]
            client = clients[who]
            figures.append(timed(lambda: client.send(method, path, body)))
        (small, _), (large, size) = figures
        print(f"{label:<44} {small:>9.1f} {large:>9.1f} {large / small:>7.1f} {size / 1024:>9.1f} KB")


if __name__ == "__main__":
    main()
