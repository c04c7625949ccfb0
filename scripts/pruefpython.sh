#!/usr/bin/env bash
# Prints the path of a Python in a throwaway venv with the pinned checkers the API tests use:
# the Bund's generated client (de-digitale-verwaltung), jsonschema, PyYAML and rdflib. Created
# once; recreated when a pin changes.
set -euo pipefail
PINS="de-digitale-verwaltung==1.0.0 jsonschema==4.23.0 PyYAML==6.0.2 rdflib==7.1.1"
VENV="$HOME/.cache/ozg-atlas/pruefpython-$(echo "$PINS" | sha256sum | cut -c1-12)"
mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9
if [ ! -x "$VENV/bin/python" ] || [ ! -f "$VENV/.fertig" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2
  # shellcheck disable=SC2086
  "$VENV/bin/pip" install -q $PINS >&2
  touch "$VENV/.fertig"
fi
echo "$VENV/bin/python"
