-- Data delivery of a Kommune (sqlite; keep in step with the other directory): its service pages,
-- each with the LeiKa keys it serves. A new delivery replaces the whole previous one.

CREATE TABLE lieferung (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kommune_ags TEXT NOT NULL REFERENCES kommune(ags),
    dateiname TEXT NOT NULL,
    seiten BIGINT NOT NULL,
    zuordnungen BIGINT NOT NULL,
    benutzer_id BIGINT REFERENCES benutzer(id),
    benutzer TEXT NOT NULL,
    zeit_ms BIGINT NOT NULL
);
CREATE INDEX lieferung_kommune ON lieferung(kommune_ags);

-- The current delivery: one row per page and key; zeile = row number in the delivered file.
CREATE TABLE kommune_seite (
    kommune_ags TEXT NOT NULL REFERENCES kommune(ags),
    url TEXT NOT NULL,
    schluessel TEXT NOT NULL REFERENCES leika(schluessel),
    zeile BIGINT NOT NULL,
    PRIMARY KEY (kommune_ags, url, schluessel)
);
CREATE INDEX kommune_seite_schluessel ON kommune_seite(schluessel);

-- Counts deliveries per Kommune: a delivery states the count it was checked against, so of two
-- uploads prepared at the same time only the first is taken.
ALTER TABLE kommune ADD COLUMN lieferung_version BIGINT NOT NULL DEFAULT 0;

-- A Kommune's use of an online service is edited by its staff: a version detects concurrent edits.
ALTER TABLE onlinedienst_kommune ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- "Themen zuordnen": per Kommune, the person responsible for each Themenfeld. Removing the
-- person removes the assignment.
CREATE TABLE themen_zuordnung (
    kommune_ags TEXT NOT NULL REFERENCES kommune(ags),
    themenfeld_id BIGINT NOT NULL REFERENCES themenfeld(id),
    ansprechperson_id BIGINT NOT NULL REFERENCES ansprechperson(id) ON DELETE CASCADE,
    PRIMARY KEY (kommune_ags, themenfeld_id)
);
-- The assignments of a Kommune are saved as one form: this counts the saves.
ALTER TABLE kommune ADD COLUMN themen_version BIGINT NOT NULL DEFAULT 0;
