#!/usr/bin/env bash
# Debian chromium for the end-to-end tests, and the npm packages of end2end/ (playwright-core,
# axe-core). Browser downloads do not work here; playwright drives the system chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "browser: installiere chromium (Debian-Paket)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium >&2
fi
if [ ! -d end2end/node_modules/playwright-core ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  echo "browser: npm ci in end2end/" >&2
  (cd end2end && npm ci --silent --no-audit --no-fund) >&2
fi
