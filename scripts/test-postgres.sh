#!/usr/bin/env bash
# The test suites again, on PostgreSQL: a throwaway cluster (pg_virtualenv, dropped afterwards) and
# LIANCHA_TEST_DATABASE_URL pointing at it, so that every store, report, web and CLI test that opens
# a database opens a fresh schema on the server instead of SQLite. Installs postgresql when missing.
# Extra arguments go to `swift test` (e.g. --filter VisitStoreTests); with --skip-build it reuses
# the build of a previous `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --postgres

# NB: pg_virtualenv exports PGHOST, PGPORT, PGUSER, PGPASSWORD (letters and digits) and PGDATABASE.
pg_virtualenv bash -c '
  export LIANCHA_TEST_DATABASE_URL="postgres://$PGUSER:$PGPASSWORD@$PGHOST:$PGPORT/$PGDATABASE?sslmode=disable"
  echo "test-postgres: $(psql -Atc "SELECT version()" | cut -d" " -f1-2) at $PGHOST:$PGPORT"
  swift test "$@"
' test-postgres "$@"
