#!/usr/bin/env bash
# Prints the Python of a throwaway venv with the independent parsers and peers the tests use,
# pinned: icalendar (the .ics calendar feeds), feedparser (the Atom feeds) and aiosmtpd (a real
# SMTP server that the Infoverteiler's mails go to). Created once.
set -euo pipefail
PAKETE=("icalendar==7.3.0" "feedparser==6.0.14" "aiosmtpd==1.4.6")
VENV="$HOME/.cache/ozg-atlas/testpython-icalendar-7.3.0-feedparser-6.0.14-aiosmtpd-1.4.6"
mkdir -p "$(dirname "$VENV")"
# Tests on both databases call this at the same moment: one installs, the other waits.
exec 9>"$VENV.lock"
flock 9
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import icalendar, feedparser, aiosmtpd" 2>/dev/null; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q "${PAKETE[@]}" >&2
fi
echo "$VENV/bin/python"
