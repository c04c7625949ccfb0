#!/usr/bin/env bash
# The DCAT-AP.de catalog (/api/v1/dcat) on a running server, read by rdflib (pinned,
# scripts/pruefpython.sh) as a harvester reads it: valid RDF/XML, one catalog, every dataset
# with title, description, modification time, licence or rights statement and distributions whose
# addresses answer 200. Usage: dcat.sh BASIS_URL. Called by schnittstelle.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
BASIS="${1:?Basis-URL fehlt}"
PY="$(scripts/pruefpython.sh)"
"$PY" - "$BASIS" <<'PY'
import sys, urllib.request
from rdflib import Graph, Namespace, RDF, URIRef
basis = sys.argv[1]
DCAT, DCT = Namespace("http://www.w3.org/ns/dcat#"), Namespace("http://purl.org/dc/terms/")
with urllib.request.urlopen(basis + "/api/v1/dcat") as r:
    assert r.headers["content-type"].startswith("application/rdf+xml"), r.headers["content-type"]
    g = Graph().parse(data=r.read(), format="xml")
kataloge = list(g.subjects(RDF.type, DCAT.Catalog))
assert len(kataloge) == 1, kataloge
saetze = list(g.objects(kataloge[0], DCAT.dataset))
assert len(saetze) >= 9, saetze
verteilungen = 0
for d in saetze:
    assert (d, RDF.type, DCAT.Dataset) in g, d
    for p in (DCT.title, DCT.description, DCT.modified, DCT.identifier):
        assert g.value(d, p) is not None, (d, p)
    assert g.value(d, DCT.license) is not None or g.value(d, DCT.rights) is not None, d
    for v in g.objects(d, DCAT.distribution):
        url = str(g.value(v, DCAT.downloadURL))
        assert url.startswith(basis), url
        with urllib.request.urlopen(url) as a:
            assert a.status == 200, url
        verteilungen += 1
dienst = next(g.subjects(RDF.type, DCAT.DataService))
assert str(g.value(dienst, DCAT.endpointDescription)).endswith("/api/v1/openapi.json")
print(f"DCAT-AP.de: {len(g)} Aussagen, {len(saetze)} Datensätze, {verteilungen} Verteilungen abrufbar")
PY
