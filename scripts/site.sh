#!/usr/bin/env bash
# The site directory (pkg/ with WASM, JS, CSS) of a build: `site.sh release` (make run, make
# bench) or `site.sh test` (make test). Separate directories, so that a test build never
# replaces the bundle a running release portal serves; each is stamped by its binary
# (`ozg-atlas site-stempeln`) and a server refuses another build's site.
cd "$(dirname "$0")/.."
echo "$(pwd)/target/site-${1:?release oder test}"
