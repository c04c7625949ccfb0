#!/usr/bin/env bash
# Every check of `make test`: format, lints per package (never `app` with both ssr and hydrate),
# unit and integration tests against SQLite and PostgreSQL, end-to-end tests in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/werkzeuge.sh)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ozg-atlas/target}"
export LEPTOS_OUTPUT_NAME=ozg-atlas
schritt() { echo; echo "==> $*"; }

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
# One test at a time: twice in ~17 runs a SQLite test hung while another test of the same binary
# ran in parallel (never alone); until its cause is found, serial runs and a hard limit keep CI
# from hanging for 90 minutes. See the note on issue 3.
cargo test -p server -p app --no-run
timeout 900 cargo test -p server -p app -- --test-threads=1

schritt "Build für die Browsertests"
cargo leptos build --split

schritt "Browser und npm-Pakete"
scripts/browser.sh

schritt "End-to-End in Chromium (SQLite und PostgreSQL)"
scripts/e2e.sh "$PG_URL"
