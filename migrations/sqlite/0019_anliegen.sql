-- "Unsere Fragen an Sie" on every Themenfeld page (sqlite; keep in step with the other backend).
-- A reader names a person active in the field (art 'person': `person` holds who, it goes to the
-- coordination only), asks to take part ('beteiligen'), or, without an account, asks to be kept
-- informed ('informiert'; with an account that is a subscription, not a row here). The
-- coordination's inbox sets the status (versioned, audited). Personal data (names, contacts):
-- on no public page and no cached page, so no generation triggers (see NICHT_GEZAEHLT); a
-- request done for 365 days is deleted.
CREATE TABLE anliegen (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    art TEXT NOT NULL CHECK (art IN ('person', 'beteiligen', 'informiert')),
    themenfeld_id BIGINT NOT NULL REFERENCES themenfeld(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    kontakt TEXT NOT NULL,
    person TEXT NOT NULL,
    nachricht TEXT NOT NULL,
    benutzer_id BIGINT REFERENCES benutzer(id) ON DELETE SET NULL,
    erstellt_ms BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'neu' CHECK (status IN ('neu', 'in_bearbeitung', 'erledigt')),
    geaendert_ms BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX anliegen_status ON anliegen(status, erstellt_ms);
-- The same open request is stored once, also when sent twice at the same moment.
CREATE UNIQUE INDEX anliegen_einmal ON anliegen(themenfeld_id, art, kontakt, person) WHERE status = 'neu';
