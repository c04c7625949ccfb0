"""Reads an iCalendar file (stdin) with the `icalendar` package – an implementation independent
of the portal's writer – and prints what a calendar program would see as JSON, or exits non-zero
with the reason. Checks beyond parsing: CRLF line ends, lines folded at 75 octets, every
component free of parse errors, the properties RFC 5545 requires, and a VTIMEZONE for every TZID
used. Called by the integration tests (server/tests/integration/veranstaltung.rs)."""

import json
import sys
from datetime import date, datetime, timezone

import icalendar

roh = sys.stdin.buffer.read()
fehler = []
if b"\n" in roh.replace(b"\r\n", b""):
    fehler.append("Zeilenende ohne CR")
for nr, z in enumerate(roh.split(b"\r\n"), 1):
    if len(z) > 75:
        fehler.append(f"Zeile {nr} hat {len(z)} Oktette (höchstens 75)")
try:
    kal = icalendar.Calendar.from_ical(roh.decode("utf-8"))
except Exception as e:  # noqa: BLE001 – every parse failure is a finding
    print(f"nicht lesbar: {e}", file=sys.stderr)
    sys.exit(1)
for pflicht in ("VERSION", "PRODID"):
    if pflicht not in kal:
        fehler.append(f"VCALENDAR ohne {pflicht}")
zonen = {str(z["TZID"]) for z in kal.walk("VTIMEZONE")}
ereignisse = []
for k in kal.walk():
    if getattr(k, "errors", None):
        fehler.append(f"{k.name}: {k.errors}")
for e in kal.walk("VEVENT"):
    for pflicht in ("UID", "DTSTAMP", "DTSTART"):
        if pflicht not in e:
            fehler.append(f"VEVENT ohne {pflicht}")
    def zeit(name):
        if name not in e:
            return None
        p = e[name]
        tzid = p.params.get("TZID")
        if tzid and tzid not in zonen:
            fehler.append(f"{name} nennt TZID {tzid} ohne VTIMEZONE")
        w = p.dt
        if isinstance(w, datetime):
            return {"art": "zeit", "wert": w.isoformat(), "utc": w.astimezone(timezone.utc).isoformat()}
        if isinstance(w, date):
            return {"art": "tag", "wert": w.isoformat()}
        return {"art": "?", "wert": str(w)}
    ereignisse.append({
        "uid": str(e.get("UID")),
        "summary": str(e.get("SUMMARY")),
        "sequence": int(e.get("SEQUENCE", 0)),
        "status": str(e.get("STATUS", "")),
        "transp": str(e.get("TRANSP", "")),
        "location": str(e.get("LOCATION", "")),
        "description": str(e.get("DESCRIPTION", "")),
        "url": str(e.get("URL", "")),
        "dtstart": zeit("DTSTART"),
        "dtend": zeit("DTEND"),
    })
if fehler:
    print("\n".join(fehler), file=sys.stderr)
    sys.exit(1)
print(json.dumps({"name": str(kal.get("X-WR-CALNAME", "")), "zonen": sorted(zonen), "ereignisse": ereignisse}, ensure_ascii=False))
