#!/usr/bin/env bash
# Issue 9's attacks, tried again the same way against a running server (a check, not a test; loopback
# only): starts `liancha serve` on a copy of the demo database, signs in as a coordinator and prints,
# for each case, what the attacker gets back, how long it took, and the server's memory throughout:
#   - USCCs with a combining mark, ZWJ or U+FE0F: `liancha uscc check` and a web enterprise import;
#   - a 1.5 KB .xlsx whose zip64 entry claims 2^45 bytes, and an .xlsx of about 10 MB whose sheet
#     inflates to about 2 GB of rows (posted alone, then COPIES at once) to the web import;
#   - a 1.2 MB form of bracketed fields (a[k1]=1&a[k2]=1…) to /login and to a signed-in form;
#   - a plan file with a 9 MB name (`liancha plan create`);
#   - 3,000 connections left half-sent, idle after an answer, or silent; an HTTP/1.0 request.
# It ends with the server's peak resident memory (VmHWM) and whether it still answers.
#
#   scripts/attack-check.sh [--gigabytes N] [--copies N]     (defaults 2 and 2)
# LIANCHA_BIN picks the binary (default: the release build, see scripts/bench-lib.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
gigabytes=2
copies=2
while [ $# -gt 0 ]; do
  case "$1" in
    --gigabytes) gigabytes=$2; shift 2 ;;
    --copies) copies=$2; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
source scripts/bench-lib.sh
release_liancha
scratch attack
say() { printf 'attack-check: %s\n' "$*" >&2; }

say "writing an .xlsx inflating to $gigabytes GB (work: $work)"
python3 - "$work/bomb.xlsx" "$gigabytes" <<'PY'
import sys, zipfile
path, gigabytes = sys.argv[1], float(sys.argv[2])
main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
scope = "食品销售、餐饮服务、日用百货零售；" * 60
header = '<row r="1">' + "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in ["统一社会信用代码", "单位名称", "经营范围"]) + "</row>"
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
               'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<workbook {main} {rel}><sheets><sheet name="名录" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
               'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        sheet.write(f"<worksheet {main}><sheetData>{header}".encode())
        written, i, limit = 0, 0, int(gigabytes * 1e9)
        while written < limit:
            block = "".join(f'<row><c t="inlineStr"><is><t>91370100MA000000X{j % 10}</t></is></c>'
                            f'<c t="inlineStr"><is><t>某某有限公司第{j}分公司</t></is></c><c t="inlineStr"><is><t>{scope}</t></is></c></row>'
                            for j in range(i, i + 10_000)).encode()
            sheet.write(block)
            written += len(block)
            i += 10_000
        sheet.write(b"</sheetData></worksheet>")
info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
print(f"attack-check: bomb.xlsx: sheet {info.file_size / 1e9:.2f} GB inflated, {info.compress_size / 1e6:.1f} MB deflated, {i + 1:,} rows", file=sys.stderr)
PY

say "the CLI"
"$bin" demo --output "$work/demo" --fixtures "$root/fixtures" >"$work/demo.log"
db="$work/liancha.sqlite"
cp "$work/demo/liancha.sqlite" "$db"
"$bin" user add --department YJ --role coordinator --password attack-pass-1 attacker --database "$db" --operator attack-check >/dev/null
for value in $'0\u0301' $'9113\u200d0111MA0D0M0P37' $'91130111MA0D0M0P3\ufe0f7'; do
  set +e; out=$("$bin" uscc check "$value" 2>&1); code=$?; set -e
  printf 'uscc check %q: exit %s: %s\n' "$value" "$code" "$(echo "$out" | head -2 | tr '\n' ' ')"
done
python3 -c "
import sys
text = open(sys.argv[1], encoding='utf-8').read()
sys.stdout.write(text.replace('name: 2026年度', 'name: ' + '长' * 3_000_000 + '2026年度', 1))" "$root/fixtures/luancheng/plan-2026-06.yaml" >"$work/long-plan.yaml"
set +e; start=$(date +%s.%N); out=$("$bin" plan create --file "$work/long-plan.yaml" --database "$db" --operator attack-check 2>&1); code=$?; set -e
printf 'plan create with a %s-byte name: exit %s in %.1f s: %s\n' "$(( $(stat -c %s "$work/long-plan.yaml") ))" "$code" \
  "$(echo "$(date +%s.%N) - $start" | bc)" "$(echo "$out" | head -c 300 | tr '\n' ' ')"

serve_db "$db"
say "serving on 127.0.0.1:$port (pid $server)"

python3 - "$port" "$server" "$work/bomb.xlsx" "$copies" <<'PY'
import http.client, json, re, socket, struct, sys, threading, time, urllib.parse, uuid, zlib

port, pid, path, copies = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])

def status_kib(field):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(rf"{field}:\s+(\d+)", f.read()).group(1))

peak = [0]
def watch(stop):
    while not stop.is_set():
        peak[0] = max(peak[0], status_kib("VmRSS")); time.sleep(0.02)
stop_watch = threading.Event()
threading.Thread(target=watch, args=(stop_watch,), daemon=True).start()

def message(text):
    try:
        value = json.loads(text)
        return str(value.get("message") or value.get("error") or value)[:300]
    except ValueError:
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))[:300]

class Client:
    def __init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        self.cookies = {}
    def request(self, method, target, body=None, headers=None):
        h = dict(headers or {})
        if self.cookies: h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        t = time.perf_counter()
        self.conn.request(method, target, body=body, headers=h)
        r = self.conn.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, value = v.split(";")[0].partition("=")
                self.cookies[name] = value
        if r.getheader("Connection", "").lower() == "close": self.conn.close()
        return r.status, time.perf_counter() - t, data.decode("utf-8", "replace")
    def login(self):
        self.request("GET", "/login")
        body = urllib.parse.urlencode({"_csrf": self.cookies["liancha_login_csrf"], "name": "attacker", "password": "attack-pass-1"})
        status, _, _ = self.request("POST", "/api/login", body, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, f"login: {status}"
        _, _, page = self.request("GET", "/account")
        self.csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        return self
    def upload(self, table, filename, payload):
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
                 for k, v in [("_csrf", self.csrf), ("table", table)]]
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                     f'Content-Type: application/octet-stream\r\n\r\n'.encode() + payload + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", "/api/directory/import", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})

def show(label, result):
    status, seconds, text = result
    print(f"{label}: HTTP {status} in {seconds:.2f} s: {message(text)}")

def raw_zip(entries):
    """A zip written byte by byte; an entry with `claimed` says so in a zip64 extra field."""
    out, directory = b"", b""
    for name, text, claimed in entries:
        content = text.encode(); c = zlib.compressobj(6, zlib.DEFLATED, -15); deflated = c.compress(content) + c.flush()
        crc, name = zlib.crc32(content), name.encode()
        extra = struct.pack("<HHQQ", 1, 16, claimed, len(deflated)) if claimed else b""
        sizes = (0xFFFFFFFF, 0xFFFFFFFF) if claimed else (len(deflated), len(content))
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0x21, crc, sizes[0], sizes[1], len(name), len(extra)) + name + extra + deflated
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0x21, crc, sizes[0], sizes[1], len(name), len(extra), 0, 0, 0, 0, offset) + name + extra
    return out + directory + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(out), 0)

print(f"server memory at start: {status_kib('VmRSS') // 1024} MiB resident")
me = Client().login()

# USCCs that trapped USCC.validate, in an enterprise import.
header = "统一社会信用代码,单位名称,行政区划代码,地址,法定代表人,行业代码,经营状态,信用风险等级,监管部门\n"
rows = "".join(f"{code},测试企业{i},130111,栾城区,张三,2614,在营,B,YJ\n" for i, code in enumerate(["0\u0301", "9113\u200d0111MA0D0M0P37", "91130111MA0D0M0P3\ufe0f7"]))
show("enterprise import with a combining mark, ZWJ, U+FE0F in USCCs", me.upload("enterprises", "bad-uscc.csv", (header + rows).encode()))

# Zip bombs.
main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
workbook = f'<workbook {main} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
sheet = f'<worksheet {main}><sheetData><row r="1"><c t="inlineStr"><is><t>统一社会信用代码</t></is></c></row></sheetData></worksheet>'
claim = raw_zip([("xl/workbook.xml", workbook, 1 << 45), ("xl/_rels/workbook.xml.rels", rels, None), ("xl/worksheets/sheet1.xml", sheet, 1 << 45)])
show(f"{len(claim):,}-byte .xlsx whose zip64 entries claim 2^45 bytes", me.upload("enterprises", "claim.xlsx", claim))
bomb = open(path, "rb").read()
for label, n in [(f"{len(bomb) / 1e6:.1f} MB zip bomb, one upload", 1), (f"{len(bomb) / 1e6:.1f} MB zip bomb, {copies} uploads at once", copies)]:
    clients = [Client().login() for _ in range(n)]
    peak[0] = 0
    results = [None] * n
    threads = [threading.Thread(target=lambda k=k: results.__setitem__(k, clients[k].upload("enterprises", "bomb.xlsx", bomb))) for k in range(n)]
    for t in threads: t.start()
    for t in threads: t.join()
    for result in results: show(label, result)
    print(f"{label}: server resident memory peak {peak[0] // 1024} MiB (sampled every 20 ms), after {status_kib('VmRSS') // 1024} MiB")

# Bracketed form fields, before and after sign-in.
anonymous = Client(); anonymous.request("GET", "/login")
bracketed = "&".join(f"a[k{i}]=1" for i in range(120_000))
body = f"_csrf={anonymous.cookies['liancha_login_csrf']}&name=x&password=y&" + bracketed
show(f"{len(body) / 1e6:.1f} MB of bracketed fields to /login", anonymous.request("POST", "/api/login", body, {"Content-Type": "application/x-www-form-urlencoded"}))
show(f"{len(body) / 1e6:.1f} MB of bracketed fields to a signed-in form", me.request("POST", "/api/directory/import", f"_csrf={me.csrf}&" + bracketed, {"Content-Type": "application/x-www-form-urlencoded"}))
nested = "&".join(f"a[k{i}][b{i}][c]=" + "x" * 60_000 for i in range(100))
show(f"{len(nested) / 1e6:.1f} MB of nested bracketed fields of 60 KB each to a signed-in form", me.request("POST", "/api/directory/import", f"_csrf={me.csrf}&" + nested, {"Content-Type": "application/x-www-form-urlencoded"}))
many = "&".join(f"a[k{i}]=1" for i in range(4_990))
show(f"4,990 bracketed fields to a signed-in form", me.request("POST", "/api/directory/import", f"_csrf={me.csrf}&" + many, {"Content-Type": "application/x-www-form-urlencoded"}))

# Connections: HTTP/1.0, then 3,000 left open in three ways.
s = socket.create_connection(("127.0.0.1", port)); s.settimeout(10)
s.sendall(b"GET /public/results HTTP/1.0\r\nHost: x\r\n\r\n")
answer = b""
while chunk := s.recv(65536): answer += chunk
status_line = answer.split(b"\r\n", 1)[0].decode()
closing = "Connection: close" if b"connection: close" in answer.lower() else "no Connection: close"
print(f"HTTP/1.0 request: answered {status_line}, {closing}; the server closed the connection")
s.close()
sockets = []
for i in range(3_000):
    c = socket.create_connection(("127.0.0.1", port)); c.settimeout(60)
    if i % 3 == 0: c.sendall(b"GET /public/results HTTP/1.1\r\nHost: x\r\nX-Half: ")
    elif i % 3 == 1: c.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\n\r\n")
    sockets.append(c)
print(f"3,000 connections open (1,000 half-sent headers, 1,000 idle after a keep-alive answer, 1,000 silent); server resident {status_kib('VmRSS') // 1024} MiB, {len(__import__('os').listdir(f'/proc/{pid}/fd'))} file descriptors")
probe = Client()
show("a public page while they are open", probe.request("GET", "/public/results"))
time.sleep(45)
closed = {"half-sent": 0, "idle": 0, "silent": 0}
for i, c in enumerate(sockets):
    c.setblocking(False)
    try:
        while True:
            data = c.recv(1 << 20)
            if not data: closed[["half-sent", "idle", "silent"][i % 3]] += 1; break
    except BlockingIOError:
        pass
    except OSError:
        closed[["half-sent", "idle", "silent"][i % 3]] += 1
    c.close()
print(f"after 45 s the server had closed: {closed['half-sent']} of 1,000 half-sent, {closed['idle']} of 1,000 idle, {closed['silent']} of 1,000 silent")

stop_watch.set()
show("afterwards GET /public/results", Client().request("GET", "/public/results"))
print(f"server peak resident memory over the whole run (VmHWM): {status_kib('VmHWM') // 1024} MiB")
PY
