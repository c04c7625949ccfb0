-- The Infoverteiler (sqlite; keep in step with the other backend): what someone follows, what
-- happened, and the mails that tell them.
--
-- `mitteilung`: one row per thing worth telling (a news item, a forum thread or reply, an event,
-- a project's change, a Kommune's data delivery),
-- with its page and a plain-text excerpt. `mitteilung_bezug` says what it concerns (a Themenfeld,
-- a board, a thread, "aktuelles", "veranstaltungen" …) – the same (art, ziel) pairs a
-- subscription names, so "who hears of this" is one join. `zeit_ms` may lie in the future (a news
-- item planned for a later day): readers and mails see it from then on.
--
-- `abo`: a person follows one (art, ziel) and chooses where they hear of it (`versand`: only in
-- the portal, at once by mail, daily or weekly digest).
--
-- `infoverteiler_konto`: per person the last visit of "Neu für mich" (and the one before, so the
-- page rendered again in the browser still marks what was new), the SHA-256 of their personal
-- Atom feed's token, and the secret of their one-click unsubscribe links.
--
-- `mail_ausgang`: the outbox. Rows are written in the transaction of the change (or by the digest
-- planner) and sent by a worker on every app server. `schluessel` is unique, so two servers
-- planning the same digest write it once; a worker takes a row by setting `belegt_bis_ms` in one
-- conditional UPDATE, so two servers never send the same row. The text is composed when sent.
--
-- All of it is personal and on no cached page: no generation triggers (see NICHT_GEZAEHLT).
CREATE TABLE mitteilung (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    zeit_ms BIGINT NOT NULL,
    art TEXT NOT NULL CHECK (art IN ('meldung', 'thema', 'beitrag', 'veranstaltung', 'projekt', 'lieferung', 'rundschreiben')),
    titel TEXT NOT NULL,
    pfad TEXT NOT NULL,
    auszug TEXT NOT NULL,
    autor_id BIGINT REFERENCES benutzer(id) ON DELETE SET NULL
);
CREATE INDEX mitteilung_zeit ON mitteilung(zeit_ms);

CREATE TABLE mitteilung_bezug (
    mitteilung_id BIGINT NOT NULL REFERENCES mitteilung(id) ON DELETE CASCADE,
    art TEXT NOT NULL,
    ziel TEXT NOT NULL,
    PRIMARY KEY (mitteilung_id, art, ziel)
);
CREATE INDEX mitteilung_bezug_ziel ON mitteilung_bezug(art, ziel, mitteilung_id);

CREATE TABLE abo (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    benutzer_id BIGINT NOT NULL REFERENCES benutzer(id) ON DELETE CASCADE,
    art TEXT NOT NULL
        CHECK (art IN ('themenfeld', 'brett', 'thema', 'projekt', 'kommune', 'veranstaltungen', 'aktuelles')),
    ziel TEXT NOT NULL,
    versand TEXT NOT NULL CHECK (versand IN ('portal', 'sofort', 'taeglich', 'woechentlich')),
    erstellt_ms BIGINT NOT NULL,
    UNIQUE (benutzer_id, art, ziel)
);
CREATE INDEX abo_ziel ON abo(art, ziel);

CREATE TABLE infoverteiler_konto (
    benutzer_id BIGINT PRIMARY KEY REFERENCES benutzer(id) ON DELETE CASCADE,
    gesehen_ms BIGINT NOT NULL DEFAULT 0,
    zuvor_ms BIGINT NOT NULL DEFAULT 0,
    feed_hash TEXT UNIQUE,
    feed_seit_ms BIGINT,
    abmelde_token TEXT NOT NULL UNIQUE
);

CREATE TABLE mail_ausgang (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    schluessel TEXT NOT NULL UNIQUE,
    art TEXT NOT NULL CHECK (art IN ('sofort', 'taeglich', 'woechentlich', 'rundschreiben')),
    benutzer_id BIGINT NOT NULL REFERENCES benutzer(id) ON DELETE CASCADE,
    mitteilung_id BIGINT REFERENCES mitteilung(id) ON DELETE CASCADE,
    abo_id BIGINT,
    von_ms BIGINT NOT NULL DEFAULT 0,
    bis_ms BIGINT NOT NULL DEFAULT 0,
    erstellt_ms BIGINT NOT NULL,
    faellig_ms BIGINT NOT NULL,
    versuche BIGINT NOT NULL DEFAULT 0,
    belegt_von TEXT,
    belegt_bis_ms BIGINT NOT NULL DEFAULT 0,
    gesendet_ms BIGINT,
    fehler TEXT
);
CREATE INDEX mail_ausgang_offen ON mail_ausgang(gesendet_ms, faellig_ms);
