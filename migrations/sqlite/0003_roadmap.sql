-- Roadmap of Umsetzungsprojekte (SQLite). Keep in step with migrations/postgres.
-- One start date per phase (first of the month); the status is derived, never stored.

CREATE TABLE projekt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    beschreibung TEXT,
    efa_status TEXT,
    vorbereitung DATE,
    konzeption DATE,
    umsetzung DATE,
    pilotierung DATE,
    inbetriebnahme DATE,
    rollout DATE,
    quelle TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE projekt_themenfeld (
    projekt_id BIGINT NOT NULL REFERENCES projekt(id) ON DELETE CASCADE,
    themenfeld_id BIGINT NOT NULL REFERENCES themenfeld(id),
    PRIMARY KEY (projekt_id, themenfeld_id)
);

CREATE TABLE projekt_leistung (
    projekt_id BIGINT NOT NULL REFERENCES projekt(id) ON DELETE CASCADE,
    ozg_id BIGINT NOT NULL REFERENCES leistung(ozg_id),
    PRIMARY KEY (projekt_id, ozg_id)
);
