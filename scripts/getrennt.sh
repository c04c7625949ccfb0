#!/usr/bin/env bash
# Build outputs never cross: while a release portal (make run) serves, the test build is made
# (into its own site directory, stamped by the test binary); the bundle the portal serves –
# every WASM/JS/CSS file its start page names, fetched over HTTP – and its site directory must
# be byte for byte the same afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ozg-atlas/target}"
REL="$(scripts/site.sh release)"
TEST="$(scripts/site.sh test)"
TMP=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"' EXIT

PORT=$((4100 + RANDOM % 500))
"$CARGO_TARGET_DIR/release/ozg-atlas" --database-url "sqlite:$TMP/release.sqlite" serve \
  --addr "127.0.0.1:$PORT" --site-root "$REL" >"$TMP/release.log" 2>&1 &
PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/bereit" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/bereit" >/dev/null || { cat "$TMP/release.log"; exit 1; }

bundle() { # the files of the start page's bundle as served, with their hashes
  curl -fs "http://127.0.0.1:$PORT/" | grep -o '/pkg/[^"'"'"' ]*' | sort -u | while read -r pfad; do
    echo "$pfad $(curl -fs "http://127.0.0.1:$PORT$pfad" | sha256sum | cut -c1-64)"
  done
}
verzeichnis() { (cd "$REL" && find . -type f | sort | xargs sha256sum) | sha256sum | cut -c1-64; }
vorher_bundle="$(bundle)"
vorher_dir="$(verzeichnis)"
[ -n "$vorher_bundle" ] || { echo "getrennt: die Startseite nennt keine Dateien unter /pkg/"; exit 1; }

LEPTOS_SITE_ROOT="$TEST" cargo leptos build --split
"$CARGO_TARGET_DIR/debug/ozg-atlas" site-stempeln --site-root "$TEST"

if [ "$(bundle)" != "$vorher_bundle" ] || [ "$(verzeichnis)" != "$vorher_dir" ]; then
  echo "getrennt: der Testbuild hat das Bundle des laufenden Release-Portals verändert"
  exit 1
fi
echo "getrennt: Release-Bundle unverändert ($(echo "$vorher_bundle" | wc -l) Dateien), Testbuild in $TEST"
