-- OZG catalog, Kommunen and IT-Dienstleister (SQLite). Keep in step with migrations/postgres.

CREATE TABLE datenstand (
    quelle TEXT PRIMARY KEY,
    pruefsumme TEXT NOT NULL,
    zeilen BIGINT NOT NULL,
    importiert_am TEXT NOT NULL
);

CREATE TABLE themenfeld (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    slug TEXT NOT NULL UNIQUE,
    koordination TEXT,
    workshop_datum DATE,
    workshop_ort TEXT,
    workshop_hinweis TEXT,
    quelle TEXT NOT NULL
);

CREATE TABLE lebenslage (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    sortname TEXT NOT NULL,
    themenfeld_id BIGINT NOT NULL REFERENCES themenfeld(id),
    UNIQUE (name, themenfeld_id)
);

CREATE TABLE leistung (
    ozg_id BIGINT PRIMARY KEY CHECK (ozg_id BETWEEN 10000 AND 99999),
    name TEXT NOT NULL,
    lebenslage_id BIGINT NOT NULL REFERENCES lebenslage(id),
    themenfeld_id BIGINT NOT NULL REFERENCES themenfeld(id),
    zustaendigkeit TEXT,
    prioritaet BIGINT CHECK (prioritaet IN (1, 2, 3)),
    efa BOOLEAN,
    efa_hinweis TEXT,
    online_dienst_nrw BOOLEAN,
    weitere_aktivitaeten TEXT,
    attribute_quelle TEXT,
    suchtext TEXT NOT NULL,
    suchname TEXT NOT NULL
);
CREATE INDEX leistung_themenfeld ON leistung(themenfeld_id);
CREATE INDEX leistung_lebenslage ON leistung(lebenslage_id);

-- id = row number in the source file, so a re-import updates the same rows.
CREATE TABLE leika (
    id BIGINT PRIMARY KEY,
    schluessel TEXT UNIQUE CHECK (schluessel IS NULL OR length(schluessel) = 14),
    schluessel_roh TEXT NOT NULL,
    name TEXT NOT NULL,
    typisierung TEXT,
    ozg_id BIGINT REFERENCES leistung(ozg_id),
    rechtsgrundlage TEXT,
    gesetze TEXT,
    gesetz_kuerzel TEXT,
    suchtext TEXT NOT NULL,
    suchname TEXT NOT NULL
);
CREATE INDEX leika_ozg ON leika(ozg_id);

CREATE TABLE labor (
    id BIGINT PRIMARY KEY,
    themenfeld_id BIGINT NOT NULL REFERENCES themenfeld(id),
    ozg_id BIGINT REFERENCES leistung(ozg_id),
    titel TEXT NOT NULL,
    status TEXT NOT NULL,
    hinweis TEXT,
    quelle TEXT NOT NULL
);

CREATE TABLE kreis (
    ags TEXT PRIMARY KEY CHECK (length(ags) = 5),
    name TEXT NOT NULL,
    suchname TEXT NOT NULL,
    typ TEXT NOT NULL,
    regierungsbezirk TEXT NOT NULL,
    einwohner BIGINT NOT NULL,
    anzahl_gemeinden BIGINT NOT NULL
);

CREATE TABLE kommune (
    ags TEXT PRIMARY KEY CHECK (length(ags) = 8),
    name TEXT NOT NULL,
    typ TEXT NOT NULL,
    kreis_ags TEXT NOT NULL REFERENCES kreis(ags),
    regierungsbezirk TEXT NOT NULL,
    groessenklasse TEXT NOT NULL,
    groessenklasse_quelle TEXT NOT NULL,
    flaeche_km2 DOUBLE PRECISION NOT NULL,
    einwohner BIGINT NOT NULL,
    plz TEXT NOT NULL,
    laengengrad DOUBLE PRECISION NOT NULL,
    breitengrad DOUBLE PRECISION NOT NULL,
    verstaedterung TEXT NOT NULL,
    suchtext TEXT NOT NULL,
    suchname TEXT NOT NULL
);
CREATE INDEX kommune_kreis ON kommune(kreis_ags);

CREATE TABLE dienstleister (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    strasse TEXT,
    plz TEXT,
    ort TEXT,
    url TEXT,
    quelle TEXT NOT NULL,
    korrektur TEXT
);

-- id = row number in the source file.
CREATE TABLE dienstleister_gebiet (
    id BIGINT PRIMARY KEY,
    dienstleister_id BIGINT NOT NULL REFERENCES dienstleister(id),
    quelle_name TEXT NOT NULL,
    bezeichnung TEXT NOT NULL,
    art TEXT NOT NULL,
    stand TEXT NOT NULL,
    quelle_url TEXT NOT NULL
);

CREATE TABLE dienstleister_gebiet_kreis (
    gebiet_id BIGINT NOT NULL REFERENCES dienstleister_gebiet(id),
    kreis_ags TEXT NOT NULL REFERENCES kreis(ags),
    PRIMARY KEY (gebiet_id, kreis_ags)
);
CREATE INDEX dienstleister_gebiet_kreis_ags ON dienstleister_gebiet_kreis(kreis_ags);
