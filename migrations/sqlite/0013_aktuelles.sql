-- Aktuelles: news items of the coordination, general or for one Themenfeld (sqlite; keep in step
-- with the other backend).
--
-- `text` is Markdown as typed; pages render it through the sanitiser (app/src/markdown.rs) and
-- never store HTML. `veroeffentlicht` is the first day it shows (a later day = planned, seen only
-- by the coordination); after `ablauf` (the last day, optional) it leaves the lists and feeds but
-- its page stays reachable, marked as no longer current. Days rather than instants: the page cache
-- is keyed by the day, so a planned item appears on its day on every app server.
-- `version` rises on every change; the audit log keeps every earlier wording.
CREATE TABLE meldung (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    titel TEXT NOT NULL,
    text TEXT NOT NULL,
    themenfeld_id BIGINT REFERENCES themenfeld(id),
    veroeffentlicht DATE NOT NULL,
    ablauf DATE,
    quelle TEXT NOT NULL,
    erstellt_ms BIGINT NOT NULL,
    geaendert_ms BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK (ablauf IS NULL OR ablauf >= veroeffentlicht)
);
CREATE INDEX meldung_veroeffentlicht ON meldung(veroeffentlicht);
CREATE INDEX meldung_themenfeld ON meldung(themenfeld_id);

CREATE TRIGGER generation_meldung_neu AFTER INSERT ON meldung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_meldung_geaendert AFTER UPDATE ON meldung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_meldung_weg AFTER DELETE ON meldung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
