-- The link check (`online_status`; sqlite, keep in step with migrations/postgres): a worker on every
-- app server (`OZG_LINKPRUEFUNG_TAKT_S`) checks the address of every online service and every
-- delivered Kommune page on a schedule.
--
-- `link_stand`: the current state of an address – reachable or not, since when, and the HTTP
-- status or error that decided it. Shown on public pages (the Lösungsdatenbank's facet, the Bund
-- rows' `online_status`), hence generation triggers; written only when the state changes, so a
-- round of checks that finds everything as before does not empty the caches.
CREATE TABLE link_stand (
    url TEXT PRIMARY KEY,
    erreichbar INTEGER NOT NULL,
    status BIGINT,
    fehler TEXT,
    seit_ms BIGINT NOT NULL
);

-- `link_auftrag`: the schedule – when an address is due, and which server holds it for how long
-- (taken by one conditional UPDATE, so two servers never check the same address at once).
-- `linkpruefung`: every check with time, status, error, the redirects followed and its duration
-- (kept a year). Neither is on any page that is cached: no generation triggers (NICHT_GEZAEHLT).
CREATE TABLE link_auftrag (
    url TEXT PRIMARY KEY,
    faellig_ms BIGINT NOT NULL,
    belegt_von TEXT,
    belegt_bis_ms BIGINT NOT NULL DEFAULT 0,
    geprueft_ms BIGINT
);
CREATE INDEX link_auftrag_faellig ON link_auftrag(faellig_ms);

CREATE TABLE linkpruefung (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL,
    zeit_ms BIGINT NOT NULL,
    erreichbar INTEGER NOT NULL,
    status BIGINT,
    fehler TEXT,
    weiterleitungen TEXT NOT NULL,
    dauer_ms BIGINT NOT NULL
);
CREATE INDEX linkpruefung_url ON linkpruefung(url, zeit_ms);
CREATE INDEX linkpruefung_zeit ON linkpruefung(zeit_ms);

CREATE TRIGGER generation_link_stand_neu AFTER INSERT ON link_stand
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_link_stand_geaendert AFTER UPDATE ON link_stand
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_link_stand_weg AFTER DELETE ON link_stand
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
