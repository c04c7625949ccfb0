-- The data generation: one number that every write to what pages show raises, in the writing
-- transaction itself. Caches of rendered pages and query results are keyed by it, so a page is
-- never served from before a write that was acknowledged – on every app server, because each
-- reads the number from the database before it answers from its cache (server/src/seitenspeicher.rs).
-- Not counted (nothing a page shows comes from them alone): sessions, login throttling, the audit
-- log, live events (each comes with a counted write), the import checksum, feedback messages.
-- Logins update benutzer.angemeldet_ms; only the columns a page can show count.
-- A test (store::generation) checks that every other table carries the triggers.
-- (postgres; keep in step with migrations/sqlite.) The number is raised once per transaction and
-- only at its commit: a statement trigger notes the transaction in datengeneration_anstoss (the
-- second statement finds the note and adds nothing), and a deferred trigger on the note raises
-- the number at commit. So the row lock on the number is the last lock a writer takes and is held
-- only for the commit – writers touching other rows in different orders cannot deadlock over it,
-- and a bulk load of 200,000 rows raises it once.
CREATE TABLE datengeneration (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    generation BIGINT NOT NULL
);
INSERT INTO datengeneration (id, generation) VALUES (1, 1);
-- Rows live only until their transaction commits.
CREATE UNLOGGED TABLE datengeneration_anstoss (txid BIGINT PRIMARY KEY);

CREATE FUNCTION datengeneration_anstossen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO datengeneration_anstoss (txid) VALUES (txid_current()) ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE FUNCTION datengeneration_erhoehen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE datengeneration SET generation = generation + 1 WHERE id = 1;
    DELETE FROM datengeneration_anstoss WHERE txid = NEW.txid;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER datengeneration_bei_commit AFTER INSERT ON datengeneration_anstoss
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION datengeneration_erhoehen();

CREATE TRIGGER generation_ansprechperson AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ansprechperson
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_betreiber AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON betreiber
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_dienstleister AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dienstleister
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_dienstleister_gebiet AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dienstleister_gebiet
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_dienstleister_gebiet_kreis AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dienstleister_gebiet_kreis
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_kommune AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kommune
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_kommune_seite AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kommune_seite
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_kreis AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kreis
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_labor AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON labor
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_lebenslage AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lebenslage
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_leika AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON leika
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_leistung AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON leistung
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_lieferung AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON lieferung
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_onlinedienst AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON onlinedienst
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_onlinedienst_kommune AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON onlinedienst_kommune
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_onlinedienst_kommune_anzahl AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON onlinedienst_kommune_anzahl
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_onlinedienst_leika AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON onlinedienst_leika
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_projekt AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projekt
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_projekt_leistung AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projekt_leistung
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_projekt_themenfeld AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON projekt_themenfeld
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_rechtstext AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rechtstext
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_steckbrief AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON steckbrief
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_steckbrief_leika AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON steckbrief_leika
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_themen_zuordnung AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON themen_zuordnung
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_themenfeld AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON themenfeld
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
CREATE TRIGGER generation_benutzer AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF email, name, rolle, kommune_ags, aktiv ON benutzer
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
