-- Veranstaltungen and their Anmeldungen (sqlite; keep in step with migrations/postgres).
--
-- A date keeps its precision (`genauigkeit`): 'zeit' (day and time, Europe/Berlin wall clock),
-- 'tag' (one or more whole days), 'monat', 'quartal'. `von` and `bis` are the first and last day
-- of the span the date covers (a quarter: its three months), so filtering, sorting and the month
-- calendar work the same for all precisions; pages show the date as precisely as it is known and
-- never as a day that nobody named.
-- `version` rises on every change of the event itself; the calendar feeds send it as SEQUENCE.
CREATE TABLE veranstaltung (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    art TEXT NOT NULL CHECK (art IN ('info', 'workshop', 'labor', 'webinar', 'konferenz')),
    titel TEXT NOT NULL,
    beschreibung TEXT,
    agenda TEXT,
    themenfeld_id BIGINT REFERENCES themenfeld(id),
    genauigkeit TEXT NOT NULL CHECK (genauigkeit IN ('zeit', 'tag', 'monat', 'quartal')),
    von DATE NOT NULL,
    bis DATE NOT NULL,
    beginn_zeit TEXT,
    ende_zeit TEXT,
    termin_hinweis TEXT,
    ort TEXT,
    kommune_ags TEXT REFERENCES kommune(ags),
    online_url TEXT,
    anmeldung_extern TEXT,
    -- Registration in the portal: none ('keine'), open, closed by the coordination.
    anmeldung TEXT NOT NULL DEFAULT 'keine' CHECK (anmeldung IN ('keine', 'offen', 'geschlossen')),
    plaetze BIGINT,
    abmeldeschluss DATE,
    abgesagt BOOLEAN NOT NULL DEFAULT FALSE,
    quelle TEXT NOT NULL,
    -- Rows of data/folien_veranstaltungen.csv carry its key: a new import adds only what is new.
    import_schluessel TEXT UNIQUE,
    geaendert_ms BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK (bis >= von),
    CHECK (plaetze IS NULL OR plaetze > 0)
);
CREATE INDEX veranstaltung_von ON veranstaltung(von);
CREATE INDEX veranstaltung_themenfeld ON veranstaltung(themenfeld_id);

-- One row per person and event; a cancelled registration stays as 'abgemeldet' (history), a new
-- registration of the same person reuses the row. The waiting list is ordered by `seit_ms`.
CREATE TABLE teilnahme (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    veranstaltung_id BIGINT NOT NULL REFERENCES veranstaltung(id) ON DELETE CASCADE,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('platz', 'warteliste', 'abgemeldet')),
    seit_ms BIGINT NOT NULL,
    angemeldet_von BIGINT REFERENCES benutzer(id) ON DELETE SET NULL,
    UNIQUE (veranstaltung_id, benutzer_id)
);
CREATE INDEX teilnahme_benutzer ON teilnahme(benutzer_id);

-- The secret of a person's own calendar feed, stored as its SHA-256 (a new one revokes the old).
CREATE TABLE kalender_zugang (
    benutzer_id BIGINT PRIMARY KEY REFERENCES benutzer(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    erstellt_ms BIGINT NOT NULL
);

-- The workshop columns of a Themenfeld become Veranstaltungen: one place for every date. What a
-- coordinator entered (version > 1) is kept as a Veranstaltung of the Themenfeld; the slides'
-- workshops come in by the import (data/folien_veranstaltungen.csv), with their precision.
INSERT INTO veranstaltung (art, titel, themenfeld_id, genauigkeit, von, bis, termin_hinweis, ort, quelle,
                           import_schluessel, geaendert_ms)
SELECT 'workshop', 'Themenfeld-Workshop ' || name, id, 'tag', workshop_datum, workshop_datum, workshop_hinweis,
       workshop_ort, 'aus den Workshop-Angaben des Themenfelds übernommen', 'themenfeld-workshop-' || slug, CAST(strftime('%s', 'now') AS INTEGER) * 1000
FROM themenfeld WHERE version > 1 AND workshop_datum IS NOT NULL;
ALTER TABLE themenfeld DROP COLUMN workshop_datum;
ALTER TABLE themenfeld DROP COLUMN workshop_ort;
ALTER TABLE themenfeld DROP COLUMN workshop_hinweis;

CREATE TRIGGER generation_veranstaltung_neu AFTER INSERT ON veranstaltung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_veranstaltung_geaendert AFTER UPDATE ON veranstaltung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_veranstaltung_weg AFTER DELETE ON veranstaltung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_teilnahme_neu AFTER INSERT ON teilnahme
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_teilnahme_geaendert AFTER UPDATE ON teilnahme
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_teilnahme_weg AFTER DELETE ON teilnahme
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
