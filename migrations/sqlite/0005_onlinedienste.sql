-- Lösungsdatenbank: online services, the LeiKa keys they cover and the Kommunen using them
-- (SQLite). Keep in step with migrations/postgres.
-- A maturity level is stored with its model version: model 1.x has levels 0-4, model 2.0
-- (since July 2025) levels 0-7.

CREATE TABLE onlinedienst (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    -- The IT-Dienstleister offering it, or another provider by name.
    dienstleister_id BIGINT REFERENCES dienstleister(id),
    anbieter TEXT,
    url TEXT,
    reifegrad BIGINT,
    reifegrad_modell TEXT,
    status TEXT NOT NULL,
    efa_status TEXT,
    authentifizierung TEXT,
    bezahlung TEXT,
    zustaendige_stelle TEXT,
    quelle TEXT NOT NULL,
    -- Identifies rows of a shipped source, so a re-import updates instead of duplicating.
    import_schluessel TEXT UNIQUE,
    -- Folded name, provider and covered services for the search (as in the catalogs).
    suchtext TEXT NOT NULL DEFAULT '',
    suchname TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    CHECK (reifegrad IS NULL
        OR (reifegrad_modell = '1.x' AND reifegrad BETWEEN 0 AND 4)
        OR (reifegrad_modell = '2.0' AND reifegrad BETWEEN 0 AND 7))
);

-- LeiKa keys as text without a foreign key: sources name keys the KDN catalog of 2021 lacks
-- (209 of the 369 rows of the Wirtschafts-Service-Portal list); they are kept and flagged.
CREATE TABLE onlinedienst_leika (
    onlinedienst_id BIGINT NOT NULL REFERENCES onlinedienst(id) ON DELETE CASCADE,
    schluessel TEXT NOT NULL CHECK (length(schluessel) = 14),
    bezeichnung TEXT,
    PRIMARY KEY (onlinedienst_id, schluessel)
);
CREATE INDEX onlinedienst_leika_schluessel ON onlinedienst_leika(schluessel);

CREATE TABLE onlinedienst_kommune (
    onlinedienst_id BIGINT NOT NULL REFERENCES onlinedienst(id) ON DELETE CASCADE,
    kommune_ags TEXT NOT NULL REFERENCES kommune(ags),
    geplant_ab DATE,
    in_betrieb_seit DATE,
    kommentar TEXT,
    PRIMARY KEY (onlinedienst_id, kommune_ags)
);
CREATE INDEX onlinedienst_kommune_ags ON onlinedienst_kommune(kommune_ags);
