#!/usr/bin/env bash
# `make bench`: server-side render and query latency of the release build, measured with wrk on
# loopback (1 connection, so each figure is the time of one request, not queueing), on SQLite
# and on PostgreSQL; plus the size of the WASM bundle. Prints a table for README and notes.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/ozg-atlas/target}"
BIN="$CARGO_TARGET_DIR/release/ozg-atlas"
SITE="$(scripts/site.sh release)"
DAUER="${BENCH_DAUER:-10s}"
if ! command -v wrk >/dev/null; then
  echo "bench: installiere wrk (Debian-Paket)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2 || { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2; }
fi
PG_URL="$(scripts/postgres.sh)"
PG_BASE="${PG_URL%/*}"
TMP=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill $PID 2>/dev/null; rm -rf "$TMP"' EXIT

# BENCH_NUR=<text>: only the measurements whose name contains it (e.g. "Lösungsdatenbank").
nur() { [ -z "${BENCH_NUR:-}" ] || [[ "$1" == *"$BENCH_NUR"* ]]; }

messen() { # name url [wrk-args...] -> "name | requests | p50 | p99"
  local name=$1 url=$2; shift 2
  nur "$name" || return 0
  wrk -t1 -c1 -d"$DAUER" --latency "$@" "$url" >"$TMP/wrk.txt"
  local n p50 p99 sek
  n=$(awk '/requests in/ {print $1}' "$TMP/wrk.txt")
  # Percentiles over at least MIN_ANFRAGEN (1,000) requests: slower pages get a longer run.
  local min=${MIN_ANFRAGEN:-1000}
  if [ "$n" -lt "$min" ]; then
    sek=$(( ${DAUER%s} * min * 11 / 10 / (n > 0 ? n : 1) + 1 ))
    wrk -t1 -c1 -d"${sek}s" --latency "$@" "$url" >"$TMP/wrk.txt"
    n=$(awk '/requests in/ {print $1}' "$TMP/wrk.txt")
  fi
  p50=$(awk '$1=="50%" {print $2}' "$TMP/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$TMP/wrk.txt")
  if grep -q "Non-2xx" "$TMP/wrk.txt"; then echo "bench: $name lieferte Fehlerstatus" >&2; cat "$TMP/wrk.txt" >&2; exit 1; fi
  printf "| %-8s | %-52s | %8s | %8s | %8s |\n" "$BACKEND" "$name" "$n" "$p50" "$p99"
}

# Throughput at 16 connections (as in issue 14): "req/s p50" of one view.
durchsatz() { # url -> "req/s p50"
  wrk -t2 -c16 -d"${DURCHSATZ_DAUER:-10s}" --latency "$1" >"$TMP/wrk16.txt"
  if grep -q "Non-2xx" "$TMP/wrk16.txt"; then echo "bench: $1 lieferte Fehlerstatus" >&2; cat "$TMP/wrk16.txt" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {printf "%d", $2}' "$TMP/wrk16.txt") $(awk '$1=="50%" {print $2}' "$TMP/wrk16.txt")"
}
# req/s, p50 and p99 at 16 connections (the open API next to the page with the same rows).
durchsatz_p99() { # url -> "req/s p50 p99"
  wrk -t2 -c16 -d"${DURCHSATZ_DAUER:-10s}" --latency "$1" >"$TMP/wrk16.txt"
  if grep -q "Non-2xx" "$TMP/wrk16.txt"; then echo "bench: $1 lieferte Fehlerstatus" >&2; cat "$TMP/wrk16.txt" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {printf "%d", $2}' "$TMP/wrk16.txt") $(awk '$1=="50%" {print $2}' "$TMP/wrk16.txt") $(awk '$1=="99%" {print $2}' "$TMP/wrk16.txt")"
}
# The NRW-Karte's levels: "name|path".
KARTE_STUFEN=("Land: 53 Kreise|/karte" "Kreis Borken: 17 Gemeinden|/karte?gebiet=05554" \
  "Land: 396 Gemeinden|/karte?teilung=gemeinden" "Kommunenseite Ahaus mit Kreiskarte|/kommunen/05554004")
# The three views of issue 14, in the portal and in Datasette (same CSVs, same facet columns).
VIEWS=("OZG-Leistungen mit Facetten, 100 Zeilen" "LeiKa, erste 100 von 5.251, Facetten" "LeiKa-Suche „hund“ mit Facetten")
PORTAL_URLS=("/leistungen?pro=100" "/leika?pro=100" "/leika?q=hund")
DS_F1="_facet=themenfeld&_facet=lebenslage&_facet=zustaendigkeit&_facet=prioritaet&_facet=efa&_facet=online_dienst_nrw&_size=100"
DS_F2="_facet=themenfeld&_facet=typisierung&_facet=ozg_leistung&_facet=relevanz_1&_facet=relevanz_2&_size=100"
DS_URLS=("/ozg/leistungen?$DS_F1" "/ozg/leika?$DS_F2" "/ozg/leika?name__contains=hund&$DS_F2")
if nur "Datasette"; then
  # Pinned, in a throwaway venv beside the build cache; installed once.
  VENV="$HOME/.cache/ozg-atlas/datasette-0.65.5"
  [ -x "$VENV/bin/datasette" ] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q "datasette==0.65.5" >&2; }
  "$VENV/bin/python" bench/datasette_db.py data "$TMP/ozg.db" >&2
  DPORT=$((4900 + RANDOM % 90))
  # No suggested facets (the portal suggests none) and no time limit that would skip facets.
  "$VENV/bin/datasette" serve "$TMP/ozg.db" --port "$DPORT" --setting suggest_facets off \
    --setting facet_time_limit_ms 10000 --setting sql_time_limit_ms 10000 >"$TMP/datasette.log" 2>&1 &
  DPID=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$DPORT/ozg" >/dev/null 2>&1 && break; sleep 0.5; done
  for i in 0 1 2; do
    echo "${VIEWS[$i]}|$(durchsatz "http://127.0.0.1:$DPORT${DS_URLS[$i]}")" >>"$TMP/datasette.txt"
  done
  kill "$DPID"; wait "$DPID" 2>/dev/null || true
fi

echo "| Backend  | Messung                                              | Anfragen |      p50 |      p99 |"
echo "|----------|------------------------------------------------------|----------|----------|----------|"
psql "$PG_BASE/postgres" -qc "DROP DATABASE IF EXISTS ozg_atlas_bench" >/dev/null
psql "$PG_BASE/postgres" -qc "CREATE DATABASE ozg_atlas_bench" >/dev/null
for ziel in "sqlite:$TMP/bench.sqlite" "$PG_BASE/ozg_atlas_bench"; do
  BACKEND=${ziel%%:*}
  PORT=$((4100 + RANDOM % 800))
  export BENCH_EMAIL="bench@bench.test" BENCH_PW="Bench-$(head -c 18 /dev/urandom | base64 | tr -dc 'a-zA-Z0-9')"
  OZG_PASSWORT="$BENCH_PW" "$BIN" --database-url "$ziel" benutzer anlegen --email "$BENCH_EMAIL" --rolle koordination >/dev/null 2>&1
  OZG_PASSWORT="$BENCH_PW" "$BIN" --database-url "$ziel" benutzer anlegen --email "kommune@bench.test" --rolle kommune --kommune 05554004 >/dev/null 2>&1
  # Synthetic load generated here, in this throwaway database only: 600 services, 200,000
  # Kommune × Online-Dienst rows.
  echo "bench ($BACKEND): $("$BIN" --database-url "$ziel" bench-daten 600 200000 2>/dev/null)" >&2
  # wrk measures one client at full speed from loopback: the per-network limits of the public
  # portal (server/src/last.rs) would measure themselves, so they are lifted here.
  OZG_ANONYM_JE_SEKUNDE=100000000 OZG_API_JE_SEKUNDE=100000000 OZG_ANMELDUNGEN_JE_MINUTE=100000000 OZG_EXPORTE_JE_MINUTE=100000000 \
    OZG_EXPORTE_PARALLEL=1000 OZG_LIVE_JE_NETZ=100000 OZG_LIVE_JE_SERVER=100000 \
    "$BIN" --database-url "$ziel" serve --addr "127.0.0.1:$PORT" --site-root "$SITE" >"$TMP/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/bereit" >/dev/null 2>&1 && break; sleep 0.5; done
  B="http://127.0.0.1:$PORT"
  curl -fs "$B/leistungen" >/dev/null   # warm-up
  if nur "Datasette"; then
    for i in 0 1 2; do echo "$BACKEND|${VIEWS[$i]}|$(durchsatz "$B${PORTAL_URLS[$i]}")" >>"$TMP/portal16.txt"; done
  fi
  if nur "Schnittstelle"; then
    # The open API's lists next to the catalog pages with the same 100 rows (issue 18).
    for paar in "/leika?pro=100|/api/v1/leika?limit=100" "/leistungen?pro=100|/api/v1/leistungen?limit=100" \
      "/kommunen?pro=100|/api/v1/kommunen?limit=100" "/loesungen?pro=100|/api/v1/onlinedienste?limit=100"; do
      echo "$BACKEND|${paar%%|*}|$(durchsatz_p99 "$B${paar%%|*}")|${paar##*|}|$(durchsatz_p99 "$B${paar##*|}")" >>"$TMP/api16.txt"
    done
    messen "Schnittstelle: /api/v1/leika?limit=100" "$B/api/v1/leika?limit=100"
    messen "Schnittstelle: /api/v1/leika?q=hund (Suche)" "$B/api/v1/leika?q=hund&limit=100"
    messen "Schnittstelle: /api/v1/onlinedienste?limit=100 (200.000 Nutzungen)" "$B/api/v1/onlinedienste?limit=100"
    # The Bund-compatible coverage over the 200,000 synthetic uses: the first answer computes
    # every row (then kept per generation), the next ones page through the kept rows.
    printf "| %-8s | %-52s | %8s | %8s | %8s |\n" "$BACKEND" "Bund-Abdeckung, erste Berechnung (s)" 1 \
      "$(curl -fs -o /dev/null -w '%{time_total}' "$B/api/v1/bund/data/055540000000?size=100")" "-"
    messen "Schnittstelle: /api/v1/bund/data/{Kreis}?size=100" "$B/api/v1/bund/data/055540000000?size=100"
  fi
  # The pages of goal 1 with one connection: answered from the page cache (the reader's case:
  # the data changed less often than it is read) and rendered each time by a second server
  # without cache (the first reader after a write).
  messen "Seitenspeicher: /leistungen" "$B/leistungen"
  messen "Seitenspeicher: /leistungen?pro=100" "$B/leistungen?pro=100"
  messen "Seitenspeicher: /leika?pro=100" "$B/leika?pro=100"
  messen "Seitenspeicher: /loesungen (200.000 Nutzungen)" "$B/loesungen"
  if nur "gerendert"; then
    PORT_K=$((PORT + 5))
    OZG_SEITENSPEICHER_MB=0 OZG_ABFRAGESPEICHER_MB=0 OZG_ANONYM_JE_SEKUNDE=100000000 \
      "$BIN" --database-url "$ziel" serve --addr "127.0.0.1:$PORT_K" --site-root "$SITE" >"$TMP/server-k.log" 2>&1 &
    PID_K=$!
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT_K/bereit" >/dev/null 2>&1 && break; sleep 0.5; done
    K="http://127.0.0.1:$PORT_K"
    messen "je Anfrage gerendert: /leistungen" "$K/leistungen"
    messen "je Anfrage gerendert: /leistungen?pro=100" "$K/leistungen?pro=100"
    messen "je Anfrage gerendert: /leika?pro=100" "$K/leika?pro=100"
    messen "je Anfrage gerendert: /loesungen (200.000 Nutzungen)" "$K/loesungen"
    for stufe in "${KARTE_STUFEN[@]}"; do
      messen "je Anfrage gerendert: NRW-Karte ${stufe%%|*}" "$K${stufe##*|}"
    done
    kill "$PID_K"; wait "$PID_K" 2>/dev/null || true
  fi
  # The NRW-Karte per level (issue 19): from the page cache above, rendered anew below; the
  # transferred bytes raw and with gzip (the compression layer of the server).
  for stufe in "${KARTE_STUFEN[@]}"; do
    messen "NRW-Karte ${stufe%%|*}" "$B${stufe##*|}"
    if nur "Karte"; then
      roh=$(curl -fs -o /dev/null -w '%{size_download}' "$B${stufe##*|}")
      gz=$(curl -fs -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download}' "$B${stufe##*|}")
      echo "$BACKEND|${stufe%%|*}|$roh|$gz" >>"$TMP/karte.txt"
    fi
  done
  if nur "Karte"; then
    messen "NRW-Karte als SVG (Kreis Borken)" "$B/export/karte.svg?gebiet=05554"
    messen "NRW-Karte als CSV (alle Gemeinden)" "$B/export/karte.csv?teilung=gemeinden"
  fi
  messen "Katalogseite /leistungen (557, erste 50 Zeilen)" "$B/leistungen"
  messen "Katalogseite gefiltert /leistungen?tf=2&q=bau" "$B/leistungen?tf=2&q=bau"
  messen "Katalogseite alle Zeilen /leistungen?pro=500" "$B/leistungen?pro=500"
  messen "Katalog-JSON (Serverfunktion, tf=2&q=bau)" "$B/api/leistungen" -s bench/post-leistungen.lua
  messen "LeiKa-Katalog /leika (5.251 Zeilen, Facetten)" "$B/leika"
  messen "Themenfeld-Landkarte /landkarte" "$B/landkarte"
  messen "Themenfeldseite /themenfelder/bildung, anonym" "$B/themenfelder/bildung"
  messen "Roadmap-Zeitachse /roadmap/zeitachse (7 Projekte)" "$B/roadmap/zeitachse"
  COOKIE=$(curl -fs -D - -o /dev/null -X POST "$B/api/anmelden" --data-urlencode "email=$BENCH_EMAIL" --data-urlencode "passwort=$BENCH_PW" | tr -d '\r' | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}')
  messen "Themenfeldseite angemeldet (Sitzung + Protokoll)" "$B/themenfelder/bildung" -H "Cookie: $COOKIE"
  messen "Anmeldung (Argon2id prüfen, Sitzung anlegen)" "$B/api/anmelden" -s bench/post-anmelden.lua
  export BENCH_QUERY=""
  messen "Lösungsdatenbank: 6 Facetten + Seite (200.000 Nutzungen)" "$B/api/loesungen" -s bench/post-loesungen.lua
  export BENCH_QUERY="kommune%3D05554004"
  messen "Lösungsdatenbank gefiltert: Kommune = Ahaus" "$B/api/loesungen" -s bench/post-loesungen.lua
  export BENCH_QUERY="kommune%3D05554004%26nicht_kommune%3D1%26reife%3D2.0%253A3%26tf%3D5"
  messen "Lösungsdatenbank: Kommune ≠ Ahaus, Reifegrad, Themenfeld" "$B/api/loesungen" -s bench/post-loesungen.lua
  messen "Lösungsdatenbank-Seite /loesungen?kommune=05554004" "$B/loesungen?kommune=05554004"
  KCOOKIE=$(curl -fs -D - -o /dev/null -X POST "$B/api/anmelden" --data-urlencode "email=kommune@bench.test" --data-urlencode "passwort=$BENCH_PW" | tr -d '\r' | awk -F'[ ;]' 'tolower($1)=="set-cookie:" {print $2}')
  { echo "url;leika"; for i in $(seq 1 10000); do echo "https://www.ahaus.de/seite/$i;99110009104000 99012001000000"; done; } >"$TMP/lieferung.csv"
  printf 'ags=05554004&dateiname=bench.csv&inhalt=' >"$TMP/lieferung.form"
  base64 -w0 "$TMP/lieferung.csv" | sed 's/+/%2B/g; s#/#%2F#g; s/=/%3D/g' >>"$TMP/lieferung.form"
  BENCH_DATEI="$TMP/lieferung.form" BENCH_COOKIE="$KCOOKIE" MIN_ANFRAGEN=50 \
    messen "Datenlieferung prüfen: 10.000 Zeilen (Vorschau)" "$B/api/lieferung_pruefen" -s bench/post-lieferung.lua
  # The public pages of issue 14, then the live roadmap table and the timeline (a lazily loaded island).
  LADE_SEITEN="/ /landkarte /leistungen /leika /themenfelder/bildung /kommunen/05554004 /loesungen /roadmap /roadmap/zeitachse"
  if nur "Ladezeit" && [ "$BACKEND" = sqlite ]; then
    # First visit in Chromium over an emulated office line: once, the backend hardly matters.
    scripts/browser.sh
    # The public pages of issue 14, over the two office lines of its goal 2.
    for profil in "16 40" "4 150"; do
      set -- $profil
      echo "**$1 Mbit/s, $2 ms RTT, direkt (HTTP/1.1)**" >>"$TMP/ladezeit.txt"
      (cd end2end && LADE_MBIT=$1 LADE_RTT=$2 node ladezeit.mjs "$B" $LADE_SEITEN) >>"$TMP/ladezeit.txt"
    done
  fi
  for n in 50 500; do
    nur "Live" || continue
    echo "LIVE $BACKEND: $("$BIN" live-messung "$B" "$PID" "$n" 40)" >>"$TMP/live.txt"
  done
  if nur "Proxy" && [ "$BACKEND" = postgres ]; then
    # The topology of betrieb/: Caddy (TLS, HTTP/2) in front of this server and a second one on
    # the same database; the same client (one connection, requests one after another) directly
    # over HTTP/1.1 and through Caddy over HTTP/2.
    command -v caddy >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy >&2 ||
      { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy >&2; }
    mkdir -p "$TMP/tls" && scripts/tls-test.sh "$TMP/tls" >/dev/null
    PORT_B=$((PORT + 1)); HTTPS=$((PORT + 2)); HTTP=$((PORT + 3))
    OZG_ANONYM_JE_SEKUNDE=100000000 OZG_EXPORTE_JE_MINUTE=100000000 \
      "$BIN" --database-url "$ziel" serve --addr "127.0.0.1:$PORT_B" --site-root "$SITE" >"$TMP/server-b.log" 2>&1 &
    PID_B=$!
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT_B/bereit" >/dev/null 2>&1 && break; sleep 0.5; done
    HOME="$TMP/tls" XDG_DATA_HOME="$TMP/tls" XDG_CONFIG_HOME="$TMP/tls" OZG_DOMAIN=localhost \
      OZG_HTTPS_PORT=$HTTPS OZG_HTTP_PORT=$HTTP OZG_TLS_ZERTIFIKAT="$TMP/tls/server.crt" \
      OZG_TLS_SCHLUESSEL="$TMP/tls/server.key" OZG_SERVER_A="127.0.0.1:$PORT" OZG_SERVER_B="127.0.0.1:$PORT_B" \
      caddy run --config betrieb/Caddyfile --adapter caddyfile >"$TMP/caddy.log" 2>&1 &
    PID_C=$!
    for _ in $(seq 1 60); do curl -fs --cacert "$TMP/tls/ca.crt" "https://localhost:$HTTPS/bereit" >/dev/null 2>&1 && break; sleep 0.5; done
    for pfad in "/leistungen?pro=100" "/leika?pro=100" "/roadmap/zeitachse"; do
      d=$(cd end2end && node messung/proxy.mjs direkt "$B" "$pfad" 1000)
      p=$(cd end2end && node messung/proxy.mjs proxy "https://localhost:$HTTPS" "$pfad" 1000 "$TMP/tls/ca.crt")
      printf "| %-24s | %s | %s |\n" "$pfad" "$(echo "$d" | awk '{printf "%8s | %8s", $2, $3}')" \
        "$(echo "$p" | awk '{printf "%8s | %8s", $2, $3}')" >>"$TMP/proxy.txt"
    done
    if nur "Ladezeit"; then
      # The same first visits as production serves them: TLS and HTTP/2 through Caddy.
      scripts/browser.sh
      for profil in "16 40" "4 150"; do
        set -- $profil
        echo "**$1 Mbit/s, $2 ms RTT, über Caddy (TLS, HTTP/2), PostgreSQL**" >>"$TMP/ladezeit.txt"
        (cd end2end && LADE_UNSICHER=1 LADE_MBIT=$1 LADE_RTT=$2 node ladezeit.mjs "https://localhost:$HTTPS" $LADE_SEITEN) >>"$TMP/ladezeit.txt"
      done
    fi
    kill "$PID_C" "$PID_B"; wait "$PID_C" "$PID_B" 2>/dev/null || true
  fi
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  if nur "Workshop"; then
    # Issue 20: a room of 300 on one address (loopback = the venue's Wi-Fi) with the default
    # limits, on one server and – on PostgreSQL – on two servers sharing the database.
    PORT_W=$((PORT + 7)); PORT_W2=$((PORT + 8))
    "$BIN" --database-url "$ziel" serve --addr "127.0.0.1:$PORT_W" --site-root "$SITE" >"$TMP/server-w.log" 2>&1 &
    PID_W=$!
    SERVER_W=("http://127.0.0.1:$PORT_W")
    if [ "$BACKEND" = postgres ]; then
      "$BIN" --database-url "$ziel" serve --addr "127.0.0.1:$PORT_W2" --site-root "$SITE" >"$TMP/server-w2.log" 2>&1 &
      PID_W2=$!
      SERVER_W+=("http://127.0.0.1:$PORT_W2")
    fi
    for s in "${SERVER_W[@]}"; do
      for _ in $(seq 1 120); do curl -fs "$s/bereit" >/dev/null 2>&1 && break; sleep 0.5; done
    done
    echo "WORKSHOP $BACKEND: $("$BIN" workshop-messung "${WORKSHOP_TEILNEHMENDE:-300}" 5 "${SERVER_W[0]}" 2>&1)" >>"$TMP/workshop.txt"
    if [ "$BACKEND" = postgres ]; then
      echo "WORKSHOP $BACKEND: $("$BIN" workshop-messung "${WORKSHOP_TEILNEHMENDE:-300}" 5 "${SERVER_W[@]}" 2>&1)" >>"$TMP/workshop.txt"
      kill "$PID_W2"; wait "$PID_W2" 2>/dev/null || true
    fi
    kill "$PID_W"; wait "$PID_W" 2>/dev/null || true
  fi
  if nur "Stress"; then
    # The same data behind a pretend proxy with the default limits: each attacker names its own
    # address, so the bounded pools, not the per-network limits, have to hold.
    "$BIN" --database-url "$ziel" serve --addr "127.0.0.1:$PORT" --site-root "$SITE" --hinter-proxy \
      --oeffentliche-url "http://127.0.0.1:$PORT" \
      >"$TMP/stress-server.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/bereit" >/dev/null 2>&1 && break; sleep 0.5; done
    echo "STRESS $BACKEND: $("$BIN" stress-messung "$B" "$PID")" >>"$TMP/stress.txt"
    kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  fi
done

if [ -f "$TMP/datasette.txt" ] && [ -f "$TMP/portal16.txt" ]; then
  echo
  echo "Durchsatz neben Datasette 0.65.5 (wrk -t2 -c16 -d${DURCHSATZ_DAUER:-10s}, Loopback, dieselben CSVs; Anfragen/s, p50):"
  echo "| Ansicht                                 | Datasette          | Portal SQLite      | Faktor | Portal PostgreSQL  | Faktor |"
  echo "|-----------------------------------------|-------------------:|-------------------:|-------:|-------------------:|-------:|"
  while IFS='|' read -r view ds; do
    set -- $ds; d_rps=$1; d_p50=$2
    zeile="| $(printf '%-39s' "$view") | $(printf '%7s/s %9s' "$d_rps" "$d_p50")"
    for be in sqlite postgres; do
      p=$(awk -F'|' -v b="$be" -v v="$view" '$1==b && $2==v {print $3}' "$TMP/portal16.txt")
      [ -n "$p" ] || { zeile+=" | – | –"; continue; }
      set -- $p
      zeile+=" | $(printf '%7s/s %9s' "$1" "$2") | $(awk -v a="$1" -v b="$d_rps" 'BEGIN {printf "%5.0f×", a / (b > 0 ? b : 1)}')"
    done
    echo "$zeile |"
  done <"$TMP/datasette.txt"
fi

if [ -f "$TMP/karte.txt" ]; then
  echo
  echo "NRW-Karte: übertragene Bytes der Seite je Ebene (HTML mit SVG, Legende und Tabelle):"
  echo "| Backend  | Ebene                                   | roh (Bytes) | gzip (Bytes) |"
  echo "|----------|-----------------------------------------|------------:|-------------:|"
  while IFS='|' read -r be stufe roh gz; do
    printf "| %-8s | %-39s | %11s | %12s |\n" "$be" "$stufe" "$roh" "$gz"
  done <"$TMP/karte.txt"
fi

if [ -f "$TMP/api16.txt" ]; then
  echo
  echo "Offene Schnittstelle neben der Katalogseite mit denselben 100 Zeilen (wrk -t2 -c16, Loopback; Anfragen/s, p50, p99):"
  echo "| Backend  | Seite                | Seite: Anfragen/s, p50, p99   | Schnittstelle                  | Schnittstelle: Anfragen/s, p50, p99 |"
  echo "|----------|----------------------|-------------------------------|--------------------------------|-------------------------------------|"
  while IFS='|' read -r be seite s api a; do
    printf "| %-8s | %-20s | %-29s | %-30s | %-35s |\n" "$be" "$seite" "$s" "$api" "$a"
  done <"$TMP/api16.txt"
fi

if [ -f "$TMP/proxy.txt" ]; then
  echo
  echo "Direkt (HTTP/1.1) und über Caddy (TLS, HTTP/2, zwei App-Server) – PostgreSQL, ein Client, ms:"
  echo "| Seite                    | direkt p50 | direkt p99 | Proxy p50 | Proxy p99 |"
  echo "|--------------------------|---------:|---------:|---------:|---------:|"
  cat "$TMP/proxy.txt"
fi

if [ -f "$TMP/stress.txt" ]; then
  echo
  echo "Stresslauf (20 s: 200 Anmeldungen, 64 Exporte, 2.000 Live-Ströme parallel; Release, Loopback):"
  sed 's/^STRESS /  /' "$TMP/stress.txt"
fi

echo
echo "Live-Aktualisierung (Speichern bis Ankunft des Ereignisses bei jedem Client, Loopback):"
[ -f "$TMP/live.txt" ] && sed 's/^LIVE /  /' "$TMP/live.txt"

if [ -f "$TMP/workshop.txt" ]; then
  echo
  echo "Workshop-Modus (Release, Loopback; Folgen: Anfrage der Leitung bis Seite und Zustand beim Gast; Stimme → Projektor: Antwort gesendet bis Ergebnis beim Projektor):"
  sed 's/^WORKSHOP /  /' "$TMP/workshop.txt"
fi

if [ -f "$TMP/ladezeit.txt" ]; then
  echo
  echo "Ladezeit bis interaktiv (Chromium, leerer Cache, Median aus 5):"
  while IFS= read -r z; do
    if [[ "$z" == "**"* ]]; then
      printf '\n%s\n\n| Seite                        | interaktiv | WASM übertr. | JS übertr. | Anfragen |\n|------------------------------|-----------:|----------:|---------:|---------:|\n' "$z"
    else
      echo "$z"
    fi
  done <"$TMP/ladezeit.txt"
fi

WASM="$SITE/pkg/ozg-atlas.wasm"
roh=$(stat -c %s "$WASM")
gz=$(gzip -9 -c "$WASM" | wc -c)
js=$(stat -c %s "$SITE/pkg/ozg-atlas.js")
echo
teile=$(find "$SITE/pkg" -name '*.wasm' ! -name 'ozg-atlas.wasm' | wc -l)
nachlade=$(find "$SITE/pkg" -name '*.wasm' ! -name 'ozg-atlas.wasm' -exec cat {} + | gzip -9 -c | wc -c)
echo "WASM-Bundle: $((roh / 1024)) KiB roh, $((gz / 1024)) KiB gzip -9 (JS-Glue: $((js / 1024)) KiB roh); dazu $teile nachladbare Teile der angemeldeten Seiten, zusammen $((nachlade / 1024)) KiB gzip"
