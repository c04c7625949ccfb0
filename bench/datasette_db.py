"""The peer of `make bench`: the portal's shipped CSVs as one SQLite file for Datasette.

What someone would do who points Datasette at the same public data instead of using the portal:
the OZG-Leistungen with the attributes of the slides (Zuständigkeit, Priorität, EfA, Online-Dienst
in NRW) and the LeiKa-Leistungen with the Themenfeld of their OZG-Leistung, each one table, so that
Datasette's facets count the same columns the portal's facets count. Python standard library
only; run with the bench's Datasette venv.

    python3 bench/datasette_db.py data/ ziel.db
"""

import csv
import sqlite3
import sys
from pathlib import Path


def lesen(pfad):
    with open(pfad, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main(daten, ziel):
    daten = Path(daten)
    leistungen = lesen(daten / "quellen" / "kdn_ozg_leistungen.csv")
    attribute = {z["ozg_id"]: z for z in lesen(daten / "folien_leistungsattribute.csv")}
    leika = lesen(daten / "quellen" / "kdn_leika_leistungen.csv")
    themenfeld = {z["ozg_id"]: z["themenfeld"] for z in leistungen}

    Path(ziel).unlink(missing_ok=True)
    db = sqlite3.connect(ziel)
    db.execute(
        "CREATE TABLE leistungen (ozg_id INTEGER PRIMARY KEY, name TEXT, themenfeld TEXT, lebenslage TEXT, "
        "zustaendigkeit TEXT, prioritaet TEXT, efa TEXT, online_dienst_nrw TEXT)"
    )
    for z in leistungen:
        a = attribute.get(z["ozg_id"], {})
        db.execute(
            "INSERT INTO leistungen VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (int(z["ozg_id"]), z["name"], z["themenfeld"], z["lebenslage"], a.get("zustaendigkeit") or None,
             a.get("prioritaet") or None, a.get("efa") or None, a.get("online_dienst_nrw") or None),
        )
    db.execute(
        "CREATE TABLE leika (id INTEGER PRIMARY KEY, leika_key TEXT, name TEXT, typisierung TEXT, ozg_id INTEGER, "
        "ozg_leistung TEXT, themenfeld TEXT, rechtsgrundlage TEXT, relevanz_1 TEXT, relevanz_2 TEXT)"
    )
    for i, z in enumerate(leika, start=1):
        db.execute(
            "INSERT INTO leika VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (i, z["leika_key"], z["name"], z["typisierung"] or None, int(z["ozg_id"]) if z["ozg_id"] else None,
             z["ozg_leistung"] or None, themenfeld.get(z["ozg_id"]), z["rechtsgrundlage"] or None,
             z["relevanz_1"] or None, z["relevanz_2"] or None),
        )
    db.commit()
    n = db.execute("SELECT (SELECT COUNT(*) FROM leistungen), (SELECT COUNT(*) FROM leika)").fetchone()
    print(f"{n[0]} OZG-Leistungen, {n[1]} LeiKa-Leistungen")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
