#!/usr/bin/env bash
# Checks the PostgreSQL schema (Sources/InspectionStore/PostgreSQL/NNNN-*.swift, applied in order to a
# throwaway PostgreSQL 15 cluster) against the SQLite schema of a fresh `liancha init` database:
# tables, columns, keys, CHECKs, indexes, triggers, and the same refusals of UPDATE/DELETE/TRUNCATE
# on both (scripts/pg_schema_check.py). Prints every difference; exits non-zero on any.
# Runs as root (apt, pg_virtualenv). LIANCHA_BIN=path/to/liancha skips the (debug) build.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pg_virtualenv >/dev/null; then
  echo "installing postgresql" >&2
  apt-get install -y postgresql >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y postgresql >/dev/null; }
fi
if [ -n "${LIANCHA_BIN:-}" ]; then
  bin=$LIANCHA_BIN
else
  echo "building liancha…" >&2
  swift build --product liancha >/dev/null
  bin=$(swift build --show-bin-path)/liancha
fi

work=$(mktemp -d /tmp/liancha-pg-schema-XXXXXX)
trap 'rm -rf "$work"' EXIT
"$bin" init --database "$work/fresh.sqlite" >/dev/null
python3 scripts/pg_schema_check.py extract Sources/InspectionStore/PostgreSQL "$work/migrations"
# NB: pg_virtualenv's own messages go to stderr; the check's verdict is its exit status.
pg_virtualenv -v 15 python3 scripts/pg_schema_check.py compare "$work/fresh.sqlite" "$work/migrations"
