#!/usr/bin/env bash
# Prints the Python of a throwaway venv with the icalendar package (pinned), creating it once.
# The calendar-feed tests parse the portal's .ics files with this independent implementation.
set -euo pipefail
VENV="$HOME/.cache/ozg-atlas/icalendar-7.3.0"
mkdir -p "$(dirname "$VENV")"
# Tests on both databases call this at the same moment: one installs, the other waits.
exec 9>"$VENV.lock"
flock 9
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import icalendar" 2>/dev/null; then
  rm -rf "$VENV"
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install -q "icalendar==7.3.0" >&2
fi
echo "$VENV/bin/python"
