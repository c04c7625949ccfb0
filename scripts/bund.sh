#!/usr/bin/env bash
# The Bund-compatible coverage (/api/v1/bund) against the Bund's own description
# (server/tests/bund/openapi.yaml, see QUELLE.md) on a running server: every answer validated
# against its schemas, the same calls through the Bund's generated Python client
# (de-digitale-verwaltung, pinned, scripts/pruefpython.sh), and schemathesis with the Bund's
# description. Usage: bund.sh BASIS_URL (e.g. http://127.0.0.1:3000). Called by schnittstelle.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
BASIS="${1:?Basis-URL fehlt}"
PY="$(scripts/pruefpython.sh)"

"$PY" - "$BASIS" server/tests/bund/openapi.yaml <<'PY'
import json, sys, urllib.request, yaml, jsonschema
from deutschland import digitale_verwaltung
from deutschland.digitale_verwaltung.api import data_api, ars_api

basis, pfad = sys.argv[1], sys.argv[2]
doc = yaml.safe_load(open(pfad, encoding="utf-8"))

def schema_2020(s):
    """OpenAPI 3.0 `nullable` as JSON Schema; `$ref`s point into `$defs`."""
    if isinstance(s, dict):
        s = {k: schema_2020(v) for k, v in s.items() if k not in ("example",)}
        if s.pop("nullable", False):
            if "type" in s:
                s["type"] = [s["type"], "null"]
            if "enum" in s:
                s["enum"] = s["enum"] + [None]
        if "$ref" in s:
            s["$ref"] = s["$ref"].replace("#/components/schemas/", "#/$defs/")
        return s
    if isinstance(s, list):
        return [schema_2020(x) for x in s]
    return s

defs = schema_2020(doc["components"]["schemas"])
def pruefer(name):
    return jsonschema.Draft202012Validator({"$ref": f"#/$defs/{name}", "$defs": defs})

seite_daten, seite_ars, zeile = pruefer("PageDvDataDto"), pruefer("PageArsDto"), pruefer("DvDataDto")
zahl = 0

def holen(url):
    with urllib.request.urlopen(basis + url) as r:
        assert r.status == 200, url
        assert r.headers["content-type"].startswith("application/json"), url
        return json.load(r)

abrufe = [
    ("/api/v1/bund/data", seite_daten),
    ("/api/v1/bund/data?page=1&size=50&order=desc", seite_daten),
    ("/api/v1/bund/data/050000000000?size=1000", seite_daten),
    ("/api/v1/bund/data/055000000000?includeAbove=false", seite_daten),
    ("/api/v1/bund/data/055540000000?includeBelow=true&includeAbove=true", seite_daten),
    ("/api/v1/bund/data/055540004004?order=desc", seite_daten),
    ("/api/v1/bund/data/053150000000?page=3&size=7", seite_daten),
    ("/api/v1/bund/data/010510000000", seite_daten),
    ("/api/v1/bund/ars?size=1000", seite_ars),
    ("/api/v1/bund/ars?page=1&order=desc", seite_ars),
]
for url, p in abrufe:
    v = holen(url)
    p.validate(v)
    for z in v["content"]:
        if p is seite_daten:
            zeile.validate(z)
    zahl += 1 + len(v["content"])
    print(f"Bund-Schema: {url}: {v['totalElements']} Zeilen, gültig")
assert holen("/api/v1/bund/data/050000000000?size=1")["totalElements"] > 300

# The Bund's generated client, pointed at the portal: it checks types and enum values itself.
konf = digitale_verwaltung.Configuration(host=basis + "/api/v1/bund")
with digitale_verwaltung.ApiClient(konf) as client:
    daten = data_api.DataApi(client)
    alle = daten.find_all(page="0", size="100", order="asc")
    assert alle.total_elements > 300 and len(alle.content) == 100, alle.total_elements
    assert all(z.ars_federal_state == "05" for z in alle.content)
    assert {z.art_flaechendeckung for z in alle.content} <= {
        "bundesweit flächendeckend", "landesweit flächendeckend", "kreisweit flächendeckend",
        "in mind. einer Kommune verfügbar", "nicht in Auswertung berücksichtigt"}
    # Its findByFilter declares no schema for the answer: the client hands over the raw body.
    roh = daten.find_by_filter("055540004004", include_above="true", include_below="true", size="1000",
                               _preload_content=False)
    ahaus = json.loads(roh.data)
    seite_daten.validate(ahaus)
    print(f"Python-Client des Bundes: find_all {alle.total_elements} Zeilen, find_by_filter(Ahaus) {ahaus['totalElements']}")
    assert ahaus["totalElements"] > 300
    csv_text = daten.find_by_filter("055540000000", filetype="csv", _preload_content=False).data.decode("utf-8-sig")
    assert csv_text.startswith("leika_key;leika_name;ars;"), csv_text[:80]
    gebiete = ars_api.ARSApi(client).find_all1(size="1000")
    assert gebiete.total_elements == len(gebiete.content) and gebiete.content[0].ars == "050000000000"
    print(f"Python-Client des Bundes: {gebiete.total_elements} Gebiete")
print(f"Bund-Schema: {zahl} Objekte gültig")
PY

# schemathesis with the Bund's description, our server as its server: the answers as the Bund
# describes them. Only schema-valid requests: the Bund's description declares page and size as
# free strings, which its own server refuses too when they are not numbers.
ST="$(scripts/schemathesis.sh)"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && "$ST" run "$OLDPWD/server/tests/bund/openapi.yaml" --url "$BASIS/api/v1/bund" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --mode positive -n "${SCHNITTSTELLE_BEISPIELE:-100}" --generation-deterministic --no-color)
