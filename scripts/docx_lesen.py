"""Reads a DOCX (base64 on stdin) with Python's own zip and XML parsers, independent of the
portal's writer: prints {"absaetze": [text of each paragraph]} as JSON. Fails on anything that
is not a well-formed Word document (missing parts, bad XML, wrong main content type)."""
import base64
import io
import json
import sys
import xml.etree.ElementTree as ET
import zipfile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
daten = base64.b64decode(sys.stdin.read())
with zipfile.ZipFile(io.BytesIO(daten)) as z:
    typen = ET.fromstring(z.read("[Content_Types].xml"))
    haupt = [o.get("ContentType") for o in typen if o.get("PartName") == "/word/document.xml"]
    assert haupt == ["application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"], haupt
    ET.fromstring(z.read("_rels/.rels"))
    ET.fromstring(z.read("word/styles.xml"))
    dokument = ET.fromstring(z.read("word/document.xml"))
absaetze = ["".join(t.text or "" for t in p.iter(W + "t")) for p in dokument.iter(W + "p")]
json.dump({"absaetze": absaetze}, sys.stdout, ensure_ascii=False)
