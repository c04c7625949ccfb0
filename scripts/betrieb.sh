#!/usr/bin/env bash
# The production topology of betrieb/, run as it is: Caddy (Debian package, installed if
# missing) with betrieb/Caddyfile terminates TLS with a certificate of a throwaway local CA and
# speaks HTTP/2; behind it two app servers started from betrieb/systemd/ozg-atlas@.service's
# Environment= and ExecStart= lines, on one PostgreSQL database. The tests in end2end/betrieb/
# start, restart and stop these processes themselves. Usage: betrieb.sh POSTGRES_URL
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ozg-atlas/target}"
PG_URL="${1:?PostgreSQL-URL fehlt}"

if ! command -v caddy >/dev/null; then
  echo "betrieb: installiere caddy (Debian-Paket)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq caddy >&2
fi
# The Debian package starts its own service where systemd runs; ours runs from this script only.

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# A local CA for this run only and a certificate for localhost signed by it. Chromium trusts
# exactly this certificate's key (the Debian package has no way to add a CA without NSS tools);
# Node trusts the CA through NODE_EXTRA_CA_CERTS.
SPKI=$(scripts/tls-test.sh "$TMP")

PG_BASE="${PG_URL%/*}"
psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS ozg_atlas_betrieb WITH (FORCE)" >/dev/null
psql "$PG_BASE/postgres" -qc "CREATE DATABASE ozg_atlas_betrieb" >/dev/null

zufall() { head -c 18 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9'; }
export E2E_PW_KOORDINATION="Koordination-$(zufall)"
BIN="$CARGO_TARGET_DIR/debug/ozg-atlas"
OZG_PASSWORT="$E2E_PW_KOORDINATION" "$BIN" --database-url "$PG_BASE/ozg_atlas_betrieb" benutzer anlegen \
  --email koordination@e2e.test --rolle koordination --name "Erika Koordination" >/dev/null 2>"$TMP/konten.log" ||
  { cat "$TMP/konten.log"; exit 1; }

export BETRIEB_TMP="$TMP" BETRIEB_SPKI="$SPKI" BETRIEB_BIN="$BIN" BETRIEB_SITE="$(scripts/site.sh test)"
export BETRIEB_DATENBANK="$PG_BASE/ozg_atlas_betrieb" NODE_EXTRA_CA_CERTS="$TMP/ca.crt"
status=0
(cd end2end && node --test --test-concurrency=1 ${BETRIEB_TESTS:-betrieb/}) || status=$?
if [ "$status" != 0 ]; then
  for log in "$TMP"/server-a.log "$TMP"/server-b.log "$TMP"/caddy.log; do
    [ -f "$log" ] && { echo "--- ${log##*/} (Ende)"; tail -n 25 "$log"; }
  done
fi
exit "$status"
