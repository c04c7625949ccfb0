#!/usr/bin/env bash
# A throwaway local CA and a certificate for localhost signed by it, for the tests and the bench
# of the proxy set-up: writes ca.crt, server.crt, server.key into DIR and prints the SHA-256 of
# the certificate's public key (base64), which Chromium is told to trust. Usage: tls-test.sh DIR
set -euo pipefail
DIR="${1:?Verzeichnis fehlt}"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj "/CN=OZG-Atlas Test-CA" -keyout "$DIR/ca.key" -out "$DIR/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" \
  -keyout "$DIR/server.key" -out "$DIR/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$DIR/ext.cnf"
openssl x509 -req -in "$DIR/server.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial -days 2 \
  -extfile "$DIR/ext.cnf" -out "$DIR/server.crt" 2>/dev/null
openssl x509 -in "$DIR/server.crt" -pubkey -noout | openssl pkey -pubin -outform der |
  openssl dgst -sha256 -binary | base64
