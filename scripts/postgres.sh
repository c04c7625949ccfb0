#!/usr/bin/env bash
# Makes sure a PostgreSQL server for the tests listens on 127.0.0.1:${OZG_PG_PORT:-5433}:
# installs the Debian package if missing, creates a throwaway cluster, starts it. Idempotent.
# Prints the DATABASE_URL to use.
set -euo pipefail
PORT="${OZG_PG_PORT:-5433}"
DATA="${OZG_PG_DATA:-/var/tmp/ozg-atlas-pg}"
log() { echo "postgres: $*" >&2; }

if pg_isready -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
  echo "postgres://postgres@127.0.0.1:$PORT/ozg_atlas"
  exit 0
fi

BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  log "installiere PostgreSQL (Debian-Paket)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# initdb and postgres refuse to run as root: use the postgres system user where we are root.
als_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

if [ ! -f "$DATA/PG_VERSION" ]; then
  log "lege Test-Cluster in $DATA an"
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
  als_pg "'$BIN/initdb' -D '$DATA' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8" >&2
fi
log "starte PostgreSQL auf 127.0.0.1:$PORT"
als_pg "'$BIN/pg_ctl' -D '$DATA' -l '$DATA/server.log' -w -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off\" start" >&2
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 1
done
psql -h 127.0.0.1 -p "$PORT" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'ozg_atlas'" | grep -q 1 \
  || psql -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE ozg_atlas" >&2
echo "postgres://postgres@127.0.0.1:$PORT/ozg_atlas"
