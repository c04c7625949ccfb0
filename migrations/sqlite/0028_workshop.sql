-- Workshop-Modus (sqlite; keep in step with the other backend): a live session of a
-- Themenfeld-Workshop (a Veranstaltung), joined with a short code by accounts and by guests,
-- the facilitator's current view that every following screen shows, the questions to the room,
-- one answer per participant and question (per Leistung for the Priorität), and the decisions
-- taken into the data (each also in `protokoll` with the votes behind it).
CREATE TABLE workshop_sitzung (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- Six characters of an alphabet without look-alikes (model::workshop::Code).
    code TEXT NOT NULL UNIQUE CHECK (length(code) = 6),
    veranstaltung_id BIGINT NOT NULL REFERENCES veranstaltung(id) ON DELETE CASCADE,
    themenfeld_id BIGINT REFERENCES themenfeld(id),
    -- The event's title when the session started: what the audit log quotes.
    titel TEXT NOT NULL CHECK (length(titel) <= 300),
    leitung_id BIGINT REFERENCES benutzer(id) ON DELETE SET NULL,
    leitung TEXT NOT NULL,
    beendet_ms BIGINT,
    -- The facilitator's view: a path of this site (model::workshop::ansicht_pruefen).
    ansicht TEXT NOT NULL DEFAULT '' CHECK (length(ansicht) <= 500),
    -- The highlighted element of that view (an element id), '' = none.
    markierung TEXT NOT NULL DEFAULT '' CHECK (length(markierung) <= 100),
    frage_id BIGINT,
    -- Counts every change of view, highlight or question: a screen applies only newer states.
    stand BIGINT NOT NULL DEFAULT 1,
    begonnen_ms BIGINT NOT NULL,
    -- The protocol filed in the document library when the session ended.
    protokoll_id BIGINT REFERENCES dokument(id) ON DELETE SET NULL
);
CREATE INDEX workshop_sitzung_veranstaltung ON workshop_sitzung(veranstaltung_id);

-- Who is in the room: an account (once per session) or a guest known by a token of the
-- browser (stored as its SHA-256, like sessions); guests give a name and their Kommune.
CREATE TABLE workshop_teilnahme (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sitzung_id BIGINT NOT NULL REFERENCES workshop_sitzung(id) ON DELETE CASCADE,
    benutzer_id BIGINT REFERENCES benutzer(id) ON DELETE CASCADE,
    gast_hash TEXT UNIQUE CHECK (length(gast_hash) = 64),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kommune TEXT CHECK (length(kommune) <= 150),
    beigetreten_ms BIGINT NOT NULL,
    CHECK ((benutzer_id IS NULL) <> (gast_hash IS NULL)),
    UNIQUE (sitzung_id, benutzer_id)
);

CREATE TABLE workshop_frage (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sitzung_id BIGINT NOT NULL REFERENCES workshop_sitzung(id) ON DELETE CASCADE,
    art TEXT NOT NULL CHECK (art IN ('prioritaet', 'einfach', 'mehrfach', 'skala', 'freitext')),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
    -- One option per line; for the Priorität the OZG-IDs asked about.
    optionen TEXT NOT NULL DEFAULT '' CHECK (length(optionen) <= 4000),
    offen BOOLEAN NOT NULL DEFAULT TRUE,
    -- Counts the answers given or changed: the projector fetches the result when it grew.
    stand BIGINT NOT NULL DEFAULT 0,
    gestellt_ms BIGINT NOT NULL
);
CREATE INDEX workshop_frage_sitzung ON workshop_frage(sitzung_id);

-- One answer per participant and question (and Leistung, for the Priorität: `schluessel` is the
-- OZG-ID there, '' otherwise); answering again replaces it. Free text is shown only once the
-- facilitator approved it (`freigegeben`).
CREATE TABLE workshop_stimme (
    frage_id BIGINT NOT NULL REFERENCES workshop_frage(id) ON DELETE CASCADE,
    teilnahme_id BIGINT NOT NULL REFERENCES workshop_teilnahme(id) ON DELETE CASCADE,
    schluessel TEXT NOT NULL DEFAULT '' CHECK (length(schluessel) <= 10),
    wert TEXT NOT NULL CHECK (length(wert) BETWEEN 1 AND 1000),
    freigegeben BOOLEAN NOT NULL DEFAULT FALSE,
    zeit_ms BIGINT NOT NULL,
    PRIMARY KEY (frage_id, teilnahme_id, schluessel)
);

-- What the workshop decided and took into the data.
CREATE TABLE workshop_beschluss (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sitzung_id BIGINT NOT NULL REFERENCES workshop_sitzung(id) ON DELETE CASCADE,
    frage_id BIGINT REFERENCES workshop_frage(id) ON DELETE SET NULL,
    art TEXT NOT NULL CHECK (art IN ('prioritaet')),
    objekt_id TEXT NOT NULL,
    objekt_name TEXT NOT NULL,
    alt TEXT,
    neu TEXT NOT NULL,
    stimmen TEXT NOT NULL,
    benutzer TEXT NOT NULL,
    zeit_ms BIGINT NOT NULL
);
CREATE INDEX workshop_beschluss_sitzung ON workshop_beschluss(sitzung_id);
