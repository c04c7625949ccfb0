-- Accounts, sessions, login throttling, contact persons and the audit log (SQLite).
-- Keep in step with migrations/postgres. Times are milliseconds since 1970 (UTC) in BIGINT,
-- so both backends compare and sort them alike.
-- SQLite ids use AUTOINCREMENT so the id of a deleted record is never reused (the audit log names it).

CREATE TABLE benutzer (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    rolle TEXT NOT NULL CHECK (rolle IN ('kommune', 'koordination', 'admin')),
    kommune_ags TEXT REFERENCES kommune(ags),
    passwort_hash TEXT NOT NULL,
    aktiv BOOLEAN NOT NULL DEFAULT TRUE,
    erstellt_ms BIGINT NOT NULL,
    angemeldet_ms BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    CHECK ((rolle = 'kommune') = (kommune_ags IS NOT NULL))
);

-- Only a SHA-256 of the token is stored: a copy of the database does not hand out sessions.
CREATE TABLE sitzung (
    token_hash TEXT PRIMARY KEY,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer(id) ON DELETE CASCADE,
    erstellt_ms BIGINT NOT NULL,
    zuletzt_ms BIGINT NOT NULL,
    ablauf_ms BIGINT NOT NULL
);
CREATE INDEX sitzung_benutzer ON sitzung(benutzer_id);

-- Failed logins per key ('konto:<email>' or 'adresse:<ip>'), counted in a window.
CREATE TABLE anmeldesperre (
    schluessel TEXT PRIMARY KEY,
    fehlschlaege BIGINT NOT NULL,
    fenster_ms BIGINT NOT NULL,
    gesperrt_bis_ms BIGINT
);

-- Contact persons: of a Kommune (kommune_ags set) or of the coordination (from the slides).
CREATE TABLE ansprechperson (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kommune_ags TEXT REFERENCES kommune(ags),
    name TEXT NOT NULL,
    funktion TEXT,
    organisation TEXT,
    telefon TEXT,
    mobil TEXT,
    email TEXT,
    quelle TEXT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX ansprechperson_kommune ON ansprechperson(kommune_ags);

-- Every write: who, when, which record, which field, old and new value.
CREATE TABLE protokoll (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    zeit_ms BIGINT NOT NULL,
    benutzer_id BIGINT,
    benutzer TEXT NOT NULL,
    objekt_art TEXT NOT NULL,
    objekt_id TEXT NOT NULL,
    objekt_name TEXT NOT NULL,
    feld TEXT NOT NULL,
    alt TEXT,
    neu TEXT
);
CREATE INDEX protokoll_objekt ON protokoll(objekt_art, objekt_id, zeit_ms);
CREATE INDEX protokoll_zeit ON protokoll(zeit_ms);

-- Optimistic concurrency for the records coordinators edit.
ALTER TABLE themenfeld ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE labor ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
