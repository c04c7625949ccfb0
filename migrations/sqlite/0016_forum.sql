-- The forum "OZG kommunal" (sqlite; keep in step with the other backend).
--
-- Boards (`forum_brett`): "Allgemeines und Themenübergreifendes" and one per Themenfeld, created
-- by the import; the coordination may open more (e.g. for a Digitalisierungslabor) and open a
-- board for public reading (`oeffentlich`). Threads (`forum_thema`) keep their counters and last
-- activity, so board lists need no aggregate over all posts. Posts (`forum_beitrag`) keep their
-- Markdown as typed; pages render it through the sanitiser. Every earlier wording of an edited post
-- is in `forum_fassung`. An author's account may be deleted: the post stays, its author becomes
-- NULL ("ehemaliges Mitglied"). `forum_gelesen` is per person how far they read a thread (the
-- "Neu" marker); it is personal and on no cached page, hence without a generation trigger.
CREATE TABLE forum_brett (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    titel TEXT NOT NULL,
    beschreibung TEXT,
    themenfeld_id BIGINT REFERENCES themenfeld(id),
    reihenfolge BIGINT NOT NULL DEFAULT 0,
    oeffentlich BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1
);

CREATE TABLE forum_thema (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    brett_id BIGINT NOT NULL REFERENCES forum_brett(id),
    betreff TEXT NOT NULL,
    autor_id BIGINT REFERENCES benutzer(id) ON DELETE SET NULL,
    erstellt_ms BIGINT NOT NULL,
    letzte_ms BIGINT NOT NULL,
    beitraege BIGINT NOT NULL DEFAULT 0,
    -- The newest post's id: a reader whose `forum_gelesen.bis_beitrag` is lower has something new.
    letzter_beitrag BIGINT NOT NULL DEFAULT 0,
    angeheftet BOOLEAN NOT NULL DEFAULT FALSE,
    gesperrt BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX forum_thema_brett ON forum_thema(brett_id, angeheftet, letzte_ms);

CREATE TABLE forum_beitrag (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thema_id BIGINT NOT NULL REFERENCES forum_thema(id),
    autor_id BIGINT REFERENCES benutzer(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    erstellt_ms BIGINT NOT NULL,
    geaendert_ms BIGINT NOT NULL,
    -- Hidden by the moderation, with the reason the author sees.
    verborgen_grund TEXT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX forum_beitrag_thema ON forum_beitrag(thema_id, id);

CREATE TABLE forum_fassung (
    beitrag_id BIGINT NOT NULL REFERENCES forum_beitrag(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    text TEXT NOT NULL,
    geaendert_ms BIGINT NOT NULL,
    PRIMARY KEY (beitrag_id, version)
);

CREATE TABLE forum_gelesen (
    benutzer_id BIGINT NOT NULL REFERENCES benutzer(id) ON DELETE CASCADE,
    thema_id BIGINT NOT NULL REFERENCES forum_thema(id) ON DELETE CASCADE,
    bis_beitrag BIGINT NOT NULL,
    -- The mark when the current visit began (a visit: reads less than 30 minutes apart), so that
    -- the page rendered again in the browser, or reloaded, still marks what was new.
    zuvor BIGINT NOT NULL DEFAULT 0,
    gelesen_ms BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (benutzer_id, thema_id)
);

CREATE TRIGGER generation_forum_brett_neu AFTER INSERT ON forum_brett
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_forum_brett_geaendert AFTER UPDATE ON forum_brett
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_forum_brett_weg AFTER DELETE ON forum_brett
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;

CREATE TRIGGER generation_forum_thema_neu AFTER INSERT ON forum_thema
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_forum_thema_geaendert AFTER UPDATE ON forum_thema
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_forum_thema_weg AFTER DELETE ON forum_thema
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;

CREATE TRIGGER generation_forum_beitrag_neu AFTER INSERT ON forum_beitrag
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_forum_beitrag_geaendert AFTER UPDATE ON forum_beitrag
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_forum_beitrag_weg AFTER DELETE ON forum_beitrag
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;

CREATE TRIGGER generation_forum_fassung_neu AFTER INSERT ON forum_fassung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_forum_fassung_geaendert AFTER UPDATE ON forum_fassung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_forum_fassung_weg AFTER DELETE ON forum_fassung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
