#!/usr/bin/env bash
# Install what a fresh Debian machine lacks to build and test liancha; nothing if all is there.
# Idempotent and quiet: one `apt-get update` only when something is missing.
# With --postgres, also PostgreSQL (for scripts/test-postgres.sh).
set -euo pipefail

need=()
if [ "${1:-}" = "--postgres" ]; then
  command -v pg_virtualenv >/dev/null 2>&1 || need+=(postgresql)
fi
have_header() { [ -f "/usr/include/$1" ] || [ -f "/usr/include/$(uname -m)-linux-gnu/$1" ]; }
have_header sqlite3.h || need+=(libsqlite3-dev)
command -v sqlite3 >/dev/null 2>&1 || need+=(sqlite3)
have_header qrencode.h || need+=(libqrencode-dev)
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)

[ ${#need[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "install-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { "${sudo[@]}" apt-get update -qq && "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-deps: apt-get failed" >&2
  exit 1
fi
