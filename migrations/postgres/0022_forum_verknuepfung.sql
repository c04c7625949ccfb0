-- A forum thread linked to what it is about (postgres; keep in step with the other backend): an
-- OZG-Leistung (`ziel` = OZG-ID), an Umsetzungsprojekt, a Veranstaltung (workshops among them) or
-- a published Steckbrief (`ziel` = their id). The thread shows its links; each of those pages
-- lists the threads about it that the reader may see. The thread's author or the moderation sets
-- and removes them (audited on the thread). At most 10 per thread (checked on writing).
-- On public pages (threads of boards open to the public), hence generation triggers.
CREATE TABLE forum_verknuepfung (
    thema_id BIGINT NOT NULL REFERENCES forum_thema(id) ON DELETE CASCADE,
    art TEXT NOT NULL CHECK (art IN ('leistung', 'projekt', 'veranstaltung', 'steckbrief')),
    ziel TEXT NOT NULL,
    erstellt_ms BIGINT NOT NULL,
    PRIMARY KEY (thema_id, art, ziel)
);
CREATE INDEX forum_verknuepfung_ziel ON forum_verknuepfung(art, ziel);

CREATE TRIGGER generation_forum_verknuepfung AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON forum_verknuepfung
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
