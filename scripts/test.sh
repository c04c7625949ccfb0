#!/usr/bin/env bash
# Every check of `make test`: format, lints per package (never `app` with both ssr and hydrate),
# unit and integration tests against SQLite and PostgreSQL, end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/werkzeuge.sh)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ozg-atlas/target}"
export LEPTOS_OUTPUT_NAME=ozg-atlas
# Each step with the minutes since the start: where the CI time goes.
schritt() { echo; echo "==> $* (nach $((SECONDS / 60)) min)"; }

schritt "Format"
cargo fmt --all --check

schritt "Clippy: Server (ssr)"
cargo clippy -p server -p app --all-targets -- -D warnings
schritt "Clippy: Frontend (hydrate, wasm32)"
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

schritt "PostgreSQL für die Tests"
PG_URL="$(scripts/postgres.sh)"
export DATABASE_URL="$PG_URL"

schritt "Unit- und Integrationstests (SQLite und PostgreSQL)"
# Tests of one binary run in parallel (one thread per core). They ran one at a time while a rare
# hang was open; its cause was Leptos' process-wide "suppress resource loads" flag during route
# generation (see `server::router::routen`). The hard limit stays, so that a new hang costs
# minutes of CI, not 90. The integration tests take about 9 minutes on 2 idle cores (measured
# 6.12.2026: 548 s summed over the modules, 201 s of it `rechte`) and up to 15 under load.
cargo test -p server -p app --no-run
timeout 1500 cargo test -p server -p app

schritt "Release-Build (make run), eigenes Site-Verzeichnis"
make -s release

schritt "Build für die Browsertests in target/site-test, während ein Release-Portal läuft"
scripts/getrennt.sh

schritt "Browser und npm-Pakete"
scripts/browser.sh

schritt "End-to-End in Chromium (SQLite und PostgreSQL)"
scripts/e2e.sh "$PG_URL"

schritt "Offene Schnittstelle: schemathesis gegen die Beschreibung (SQLite und PostgreSQL)"
scripts/schnittstelle.sh "$PG_URL"

schritt "Betrieb: Caddy (TLS, HTTP/2) vor zwei App-Servern auf PostgreSQL, rollender Neustart"
scripts/betrieb.sh "$PG_URL"
