-- When the data generation last rose (milliseconds since 1970, UTC): the open API's
-- `Last-Modified`. (postgres; keep in step with migrations/sqlite.) The deferred trigger that
-- raises the number at commit sets the time in the same statement.
ALTER TABLE datengeneration ADD COLUMN geaendert_ms BIGINT NOT NULL DEFAULT 0;
UPDATE datengeneration SET geaendert_ms = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT;

CREATE OR REPLACE FUNCTION datengeneration_erhoehen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE datengeneration
        SET generation = generation + 1, geaendert_ms = (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT
        WHERE id = 1;
    DELETE FROM datengeneration_anstoss WHERE txid = NEW.txid;
    RETURN NULL;
END
$$;
