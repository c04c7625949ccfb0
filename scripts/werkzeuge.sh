#!/usr/bin/env bash
# Installs what building the portal needs, only where it is missing (idempotent):
# the wasm32 target, cargo-leptos 0.3.10, wasm-bindgen-cli at the Cargo.lock version, and
# wasm-opt (npm binaryen@132) for release builds. Prints the PATH additions to eval.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="${OZG_TOOLS:-$HOME/.cache/ozg-atlas/tools}"
mkdir -p "$TOOLS"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
log() { echo "werkzeuge: $*" >&2; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "installiere Rust-Ziel wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown >&2
fi

if ! cargo leptos --version 2>/dev/null | grep -q "0\.3\.10"; then
  log "installiere cargo-leptos 0.3.10 (dauert auf 2 Kernen etwa 18 Minuten)"
  cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads >&2
fi

wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
  log "installiere wasm-bindgen-cli $wb"
  # Without --locked: one of its locked dependencies is not available from this registry.
  cargo install wasm-bindgen-cli --version "$wb" --force >&2
fi

if ! "$TOOLS/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version 132"; then
  log "installiere wasm-opt (npm binaryen@132)"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" binaryen@132 >&2
fi

echo "export PATH=\"$HOME/.cargo/bin:$TOOLS/node_modules/.bin:\$PATH\""
