#!/usr/bin/env bash
# The web application in a real browser: builds liancha, makes the Luancheng demo database, adds a
# second joint plan (栾联2026007) in draft and the accounts of a coordinator (YJ), two partner clerks
# (SL, HB), an auditor and — once teams are matched — an inspector, serves it on 127.0.0.1 at a free
# port, and drives headless Chromium through login → plan → item submission → draw and teams →
# 扫码入企 (filing, the 负责人's approval, the inspector's 入企 and 离企 at phone width) → results →
# the notice's QR read by zbarimg → the enterprise's code page and evaluation at phone width →
# publication → the public pages (scripts/browser_check.py), saving a screenshot of each step.
#
#   scripts/browser-check.sh [OUT_DIR]        (default: a new folder under /tmp, printed at the end)
#
# Needs Debian's chromium and chromium-driver, fonts-wqy-microhei (Chinese text), zbar-tools (the
# QR decoder), LibreOffice Writer and poppler-utils (to print the notice) and Python's selenium;
# installs what is missing (apt-get as root or with sudo; pip). Not part of `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-$(mktemp -d /tmp/liancha-browser-XXXXXX)}
mkdir -p "$out"
scratch=${LIANCHA_SCRATCH:-.build}

say() { printf 'browser-check: %s\n' "$*"; }

# --- tools ------------------------------------------------------------------------------------
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei" || missing+=(fonts-wqy-microhei)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
command -v soffice >/dev/null || missing+=(libreoffice-writer)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
python3 -c "import selenium" 2>/dev/null || { say "installing selenium (pip)"; python3 -m pip install --quiet selenium; }

# --- build, demo data, a plan in progress, accounts ---------------------------------------------
say "building liancha ($scratch)"
swift build --scratch-path "$scratch" --product liancha >/dev/null
bin="$root/$scratch/debug/liancha"
work=$(mktemp -d /tmp/liancha-browser-db-XXXXXX)
"$bin" demo --output "$work/demo" --fixtures "$root/fixtures" >"$work/demo.log"
db="$work/demo/liancha.sqlite"
plan=栾联2026007
sed -e "s/^number: .*/number: $plan/" -e 's/^name: .*/name: 2026年度石家庄市栾城区第七次跨部门联合抽查/' \
    -e 's/^taskNumber: .*/taskNumber: 栾联007/' -e 's/^ordinal: .*/ordinal: 7/' \
    -e 's/^start: .*/start: 2026-11-23/' -e 's/^end: .*/end: 2026-12-31/' \
    "$root/fixtures/luancheng/plan-2026-06.yaml" >"$work/plan-7.yaml"
export LIANCHA_DATABASE="$db"
"$bin" plan create --file "$work/plan-7.yaml" --operator browser-check >/dev/null
"$bin" user add --department YJ --role coordinator --password yj-pass-123 liming >/dev/null
echo sl-pass-123 | "$bin" user add --department SL --role clerk zhaoqiang >/dev/null
"$bin" user add --department HB --role clerk --password hb-pass-123 sunli >/dev/null
"$bin" user add --department YJ --role auditor --password audit-pass-123 wangshen >/dev/null
say "database $db: $("$bin" user list | wc -l) accounts, plan $plan in draft"

# --- serve on a free loopback port ----------------------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --host 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    if python3 -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$port/public/results', timeout=1)" 2>/dev/null; then break; fi
    kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; say "the server did not start"; exit 1; }
    sleep 0.2
done
say "serving on http://127.0.0.1:$port/ (pid $server)"

# --- the browser ----------------------------------------------------------------------------------
python3 "$root/scripts/browser_check.py" "http://127.0.0.1:$port" "$out" "$plan" "$bin" "$db"
say "screenshots: $out"
