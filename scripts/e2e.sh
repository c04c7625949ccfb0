#!/usr/bin/env bash
# Starts the built server once on a fresh SQLite file and once on a fresh PostgreSQL database,
# and runs the Chromium tests in end2end/ against each. Usage: e2e.sh POSTGRES_URL
# (E2E_TESTS="tests/a.test.mjs tests/b.test.mjs" runs only those files.)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ozg-atlas/target}"
BIN="$CARGO_TARGET_DIR/debug/ozg-atlas"
SITE="$(scripts/site.sh test)"
PG_URL="${1:?PostgreSQL-URL fehlt}"
TMP=$(mktemp -d)
PID=""
# E2E_LOGS=DIR keeps the server logs of the run there.
aufraeumen() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; [ -n "${E2E_LOGS:-}" ] && cp "$TMP"/*.log "$E2E_LOGS"/ 2>/dev/null; rm -rf "$TMP"; }
trap aufraeumen EXIT

starten() { # url port
  "$BIN" --database-url "$1" serve --addr "127.0.0.1:$2" --site-root "$SITE" >"$TMP/server-$2.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$2/bereit" >/dev/null 2>&1 && return 0
    kill -0 "$PID" 2>/dev/null || { cat "$TMP/server-$2.log"; return 1; }
    sleep 0.5
  done
  cat "$TMP/server-$2.log"; return 1
}

# Test accounts with random passwords: none is stored anywhere, each run makes new ones.
zufall() { head -c 18 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9'; }
export E2E_PW_KOORDINATION="Koordination-$(zufall)"
export E2E_PW_KOMMUNE="Kommune-$(zufall)"
export E2E_PW_ADMIN="Admin-$(zufall)"
konten_anlegen() { # url
  OZG_PASSWORT="$E2E_PW_KOORDINATION" "$BIN" --database-url "$1" benutzer anlegen \
    --email koordination@e2e.test --rolle koordination --name "Erika Koordination" >/dev/null
  OZG_PASSWORT="$E2E_PW_KOMMUNE" "$BIN" --database-url "$1" benutzer anlegen \
    --email ahaus@e2e.test --rolle kommune --kommune 05554004 --name "Anna Ahaus" >/dev/null
  OZG_PASSWORT="$E2E_PW_ADMIN" "$BIN" --database-url "$1" benutzer anlegen \
    --email admin@e2e.test --rolle admin --name "Adam Admin" >/dev/null
}

# A fresh PostgreSQL database per run, so the tests see exactly the imported data.
PG_BASE="${PG_URL%/*}"
psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS ozg_atlas_e2e" >/dev/null
psql "$PG_BASE/postgres" -qc "CREATE DATABASE ozg_atlas_e2e" >/dev/null

status=0
for ziel in "sqlite:$TMP/e2e.sqlite" "$PG_BASE/ozg_atlas_e2e"; do
  port=$((3100 + RANDOM % 800))
  echo "--- Browsertests gegen ${ziel%%:*} auf Port $port"
  konten_anlegen "$ziel" 2>"$TMP/konten.log" || { cat "$TMP/konten.log"; exit 1; }
  starten "$ziel" "$port"
  # The link check's test runs the program against the same database (E2E_BIN, E2E_DB).
  (cd end2end && BASE_URL="http://127.0.0.1:$port" E2E_BIN="$BIN" E2E_DB="$ziel" node --test --test-concurrency=1 ${E2E_TESTS:-tests/}) || status=1
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
done
exit $status
