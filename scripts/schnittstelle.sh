#!/usr/bin/env bash
# The open API against its own description with schemathesis (pinned, scripts/schemathesis.sh),
# every check, on a fresh SQLite file and a fresh PostgreSQL database. Usage: schnittstelle.sh
# POSTGRES_URL. Needs the debug server and the stamped test site (as for scripts/e2e.sh). Each run
# ends with scripts/bund.sh (the Bund's schema, client and schemathesis on /api/v1/bund) and
# scripts/dcat.sh (the DCAT-AP.de catalog read by rdflib).
#
# Two runs per database: every check except "schema-valid data is accepted" on the description
# as served, and that check on the description without `cursor` – the one parameter whose valid
# values are only those the server issued (any other string is refused with 400, on purpose;
# the integration tests page through every list with the issued ones).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ozg-atlas/target}"
BIN="$CARGO_TARGET_DIR/debug/ozg-atlas"
SITE="$(scripts/site.sh test)"
PG_URL="${1:?PostgreSQL-URL fehlt}"
ST="$(scripts/schemathesis.sh)"
PY="$(dirname "$ST")/python"
BEISPIELE="${SCHNITTSTELLE_BEISPIELE:-100}"
TMP=$(mktemp -d)
PID=""
aufraeumen() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap aufraeumen EXIT

PG_BASE="${PG_URL%/*}"
psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS ozg_atlas_schnittstelle" >/dev/null
psql "$PG_BASE/postgres" -qc "CREATE DATABASE ozg_atlas_schnittstelle" >/dev/null

for ziel in "sqlite:$TMP/schnittstelle.sqlite" "$PG_BASE/ozg_atlas_schnittstelle"; do
  port=$((3100 + RANDOM % 800))
  echo "--- schemathesis gegen ${ziel%%:*} auf Port $port"
  # The per-network limit would answer most of the generated requests with 429.
  OZG_API_JE_SEKUNDE=1000000 "$BIN" --database-url "$ziel" serve --addr "127.0.0.1:$port" --site-root "$SITE" \
    >"$TMP/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/bereit" >/dev/null 2>&1 && break
    kill -0 "$PID" 2>/dev/null || { cat "$TMP/server.log"; exit 1; }
    sleep 0.5
  done
  basis="http://127.0.0.1:$port"
  curl -fs "$basis/api/v1/openapi.json" >"$TMP/openapi.json"
  "$PY" - "$TMP/openapi.json" "$TMP/ohne-cursor.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for item in doc["paths"].values():
    for op in item.values():
        op["parameters"] = [p for p in op.get("parameters", []) if p.get("name") != "cursor"]
json.dump(doc, open(sys.argv[2], "w"))
PY
  # schemathesis keeps a cache in its working directory: the throwaway one, not the repository.
  (cd "$TMP" && "$ST" run "$TMP/openapi.json" --url "$basis" --checks all --exclude-checks positive_data_acceptance \
    -n "$BEISPIELE" --generation-deterministic --no-color)
  (cd "$TMP" && "$ST" run "$TMP/ohne-cursor.json" --url "$basis" --checks positive_data_acceptance \
    -n "$BEISPIELE" --generation-deterministic --no-color)
  # The Bund-compatible part against the Bund's own description and client.
  scripts/bund.sh "$basis"
  scripts/dcat.sh "$basis"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
done
