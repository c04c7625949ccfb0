#!/usr/bin/env bash
# Prints where cargo-leptos wrote the site (pkg/ with WASM, JS, CSS).
cd "$(dirname "$0")/.."
for d in "${CARGO_TARGET_DIR:-target}/site" target/site; do
  if [ -d "$d/pkg" ]; then echo "$(cd "$d" && pwd)"; exit 0; fi
done
echo "target/site"
