-- Dokumente und Links: the library of the coordination (sqlite; keep in step with the other backend).
--
-- A `dokument` is what a reader looks for (the OZG-Referenzprozess Wohngeld); its files are
-- `dokument_fassung` rows, one per Stand (11.03.2019 and 09.09.2019 stay side by side; the
-- newest Stand is the default). Kinds without a file (Videomitschnitt, Link) carry `link`.
-- Files live in the database so that every app server behind the load balancer serves the same
-- ones and the backup holds them; the upload limit (5 MB) keeps rows small.
-- `dokument_bezug` attaches a document to OZG-Leistungen, Themenfelder, Umsetzungsprojekte and
-- Veranstaltungen and Digitalisierungslabore by their keys (no foreign key: five target tables; the store checks them).
CREATE TABLE dokument (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    titel TEXT NOT NULL,
    art TEXT NOT NULL CHECK (art IN ('referenzprozess', 'referenzdatenfelder', 'steckbrief', 'praesentation', 'protokoll', 'video', 'link', 'impression', 'sonstiges')),
    beschreibung TEXT,
    quelle TEXT NOT NULL,
    lizenz TEXT,
    link TEXT,
    -- What a picture shows (required for an 'impression': the form checks it).
    alt_text TEXT,
    geaendert_ms BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    -- Links the slides name (data/folien_links.csv): the import adds each once, never twice.
    import_schluessel TEXT UNIQUE
);

CREATE TABLE dokument_fassung (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dokument_id BIGINT NOT NULL REFERENCES dokument(id) ON DELETE CASCADE,
    stand DATE NOT NULL,
    dateiname TEXT NOT NULL,
    -- Recognised from the content (magic bytes), never taken from the name or the browser.
    mime TEXT NOT NULL,
    groesse BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    inhalt BLOB NOT NULL,
    hochgeladen_ms BIGINT NOT NULL,
    UNIQUE (dokument_id, sha256)
);
CREATE INDEX dokument_fassung_dokument ON dokument_fassung(dokument_id, stand);

CREATE TABLE dokument_bezug (
    dokument_id BIGINT NOT NULL REFERENCES dokument(id) ON DELETE CASCADE,
    art TEXT NOT NULL CHECK (art IN ('leistung', 'themenfeld', 'projekt', 'veranstaltung', 'labor')),
    schluessel TEXT NOT NULL,
    PRIMARY KEY (dokument_id, art, schluessel)
);
CREATE INDEX dokument_bezug_ziel ON dokument_bezug(art, schluessel);

CREATE TRIGGER generation_dokument_neu AFTER INSERT ON dokument
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dokument_geaendert AFTER UPDATE ON dokument
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dokument_weg AFTER DELETE ON dokument
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dokument_fassung_neu AFTER INSERT ON dokument_fassung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dokument_fassung_geaendert AFTER UPDATE ON dokument_fassung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dokument_fassung_weg AFTER DELETE ON dokument_fassung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dokument_bezug_neu AFTER INSERT ON dokument_bezug
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dokument_bezug_geaendert AFTER UPDATE ON dokument_bezug
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dokument_bezug_weg AFTER DELETE ON dokument_bezug
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
