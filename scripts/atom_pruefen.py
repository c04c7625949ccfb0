"""Reads an Atom feed (stdin) with `feedparser` – an implementation independent of the portal's
writer – and prints what a feed reader would see as JSON, or exits non-zero with the reason.
Checks beyond parsing: well-formed XML (feedparser's `bozo` flag and the standard library's
parser), the Atom namespace, and the elements RFC 4287 requires of the feed and of every entry
(id, title, updated; a link or content). Called by server/tests/integration/aktuelles.rs."""

import json
import sys
import xml.etree.ElementTree as ET

import feedparser

roh = sys.stdin.buffer.read()
fehler = []
try:
    wurzel = ET.fromstring(roh)
except ET.ParseError as e:
    print(f"kein wohlgeformtes XML: {e}", file=sys.stderr)
    sys.exit(1)
ATOM = "{http://www.w3.org/2005/Atom}"
if wurzel.tag != f"{ATOM}feed":
    fehler.append(f"Wurzel ist {wurzel.tag}, nicht atom:feed")
for pflicht in ("id", "title", "updated"):
    if wurzel.find(f"{ATOM}{pflicht}") is None:
        fehler.append(f"feed ohne {pflicht}")
if wurzel.find(f"{ATOM}author") is None and any(e.find(f"{ATOM}author") is None for e in wurzel.findall(f"{ATOM}entry")):
    fehler.append("weder der Feed noch jeder Eintrag nennt einen author")
for nr, e in enumerate(wurzel.findall(f"{ATOM}entry"), 1):
    for pflicht in ("id", "title", "updated"):
        if e.find(f"{ATOM}{pflicht}") is None:
            fehler.append(f"Eintrag {nr} ohne {pflicht}")
    if e.find(f"{ATOM}content") is None and e.find(f"{ATOM}link") is None:
        fehler.append(f"Eintrag {nr} ohne content und link")

f = feedparser.parse(roh)
if f.bozo:
    fehler.append(f"feedparser: {f.bozo_exception}")
if f.version != "atom10":
    fehler.append(f"feedparser erkennt {f.version!r}, nicht atom10")
if fehler:
    print("\n".join(fehler), file=sys.stderr)
    sys.exit(1)
print(json.dumps({
    "titel": f.feed.get("title"),
    "selbst": next((l.href for l in f.feed.get("links", []) if l.rel == "self"), None),
    "eintraege": [
        {
            "id": e.id,
            "titel": e.title,
            "link": e.link,
            "veroeffentlicht": e.get("published"),
            "aktualisiert": e.get("updated"),
            "kategorien": [t.term for t in e.get("tags", [])],
            # What a reader renders: feedparser sanitises again; the portal's HTML must survive it.
            "inhalt": e.content[0].value if e.get("content") else "",
        }
        for e in f.entries
    ],
}, ensure_ascii=False))
