#!/usr/bin/env bash
# Prints the path of schemathesis in a throwaway venv, pinned; created once. The open API's
# property-based check (`scripts/schnittstelle.sh`) runs it against a live server.
set -euo pipefail
VERSION="4.32.5"
VENV="$HOME/.cache/ozg-atlas/schemathesis-$VERSION"
mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9
if [ ! -x "$VENV/bin/schemathesis" ] || ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$VERSION"; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q "schemathesis==$VERSION" >&2
fi
echo "$VENV/bin/schemathesis"
