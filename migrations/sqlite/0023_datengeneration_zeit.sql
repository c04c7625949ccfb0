-- When the data generation last rose (milliseconds since 1970, UTC): the open API's
-- `Last-Modified`. Kept by a trigger on the number itself, so every writer that raises the
-- number (the triggers of migration 0011) sets the time too, without knowing of it.
-- (sqlite; keep in step with migrations/postgres.) Recursive triggers are off in SQLite, and the
-- trigger fires only on the number's column, so its own update does not fire it again.
ALTER TABLE datengeneration ADD COLUMN geaendert_ms BIGINT NOT NULL DEFAULT 0;
UPDATE datengeneration SET geaendert_ms = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
CREATE TRIGGER datengeneration_zeit AFTER UPDATE OF generation ON datengeneration
    BEGIN UPDATE datengeneration SET geaendert_ms = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) WHERE id = 1; END;
