-- The data generation: one number that every write to what pages show raises, in the writing
-- transaction itself. Caches of rendered pages and query results are keyed by it, so a page is
-- never served from before a write that was acknowledged – on every app server, because each
-- reads the number from the database before it answers from its cache (server/src/seitenspeicher.rs).
-- Not counted (nothing a page shows comes from them alone): sessions, login throttling, the audit
-- log, live events (each comes with a counted write), the import checksum, feedback messages.
-- Logins update benutzer.angemeldet_ms; only the columns a page can show count.
-- A test (store::generation) checks that every other table carries the triggers.
-- (sqlite; keep in step with migrations/postgres.) SQLite has only row triggers; a bulk load
-- raises the number once per row, which costs little next to the row itself.
CREATE TABLE datengeneration (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    generation INTEGER NOT NULL
);
INSERT INTO datengeneration (id, generation) VALUES (1, 1);
CREATE TRIGGER generation_ansprechperson_neu AFTER INSERT ON ansprechperson
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_ansprechperson_geaendert AFTER UPDATE ON ansprechperson
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_ansprechperson_weg AFTER DELETE ON ansprechperson
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_betreiber_neu AFTER INSERT ON betreiber
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_betreiber_geaendert AFTER UPDATE ON betreiber
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_betreiber_weg AFTER DELETE ON betreiber
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dienstleister_neu AFTER INSERT ON dienstleister
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dienstleister_geaendert AFTER UPDATE ON dienstleister
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dienstleister_weg AFTER DELETE ON dienstleister
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dienstleister_gebiet_neu AFTER INSERT ON dienstleister_gebiet
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dienstleister_gebiet_geaendert AFTER UPDATE ON dienstleister_gebiet
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dienstleister_gebiet_weg AFTER DELETE ON dienstleister_gebiet
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dienstleister_gebiet_kreis_neu AFTER INSERT ON dienstleister_gebiet_kreis
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dienstleister_gebiet_kreis_geaendert AFTER UPDATE ON dienstleister_gebiet_kreis
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_dienstleister_gebiet_kreis_weg AFTER DELETE ON dienstleister_gebiet_kreis
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_kommune_neu AFTER INSERT ON kommune
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_kommune_geaendert AFTER UPDATE ON kommune
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_kommune_weg AFTER DELETE ON kommune
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_kommune_seite_neu AFTER INSERT ON kommune_seite
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_kommune_seite_geaendert AFTER UPDATE ON kommune_seite
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_kommune_seite_weg AFTER DELETE ON kommune_seite
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_kreis_neu AFTER INSERT ON kreis
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_kreis_geaendert AFTER UPDATE ON kreis
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_kreis_weg AFTER DELETE ON kreis
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_labor_neu AFTER INSERT ON labor
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_labor_geaendert AFTER UPDATE ON labor
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_labor_weg AFTER DELETE ON labor
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_lebenslage_neu AFTER INSERT ON lebenslage
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_lebenslage_geaendert AFTER UPDATE ON lebenslage
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_lebenslage_weg AFTER DELETE ON lebenslage
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_leika_neu AFTER INSERT ON leika
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_leika_geaendert AFTER UPDATE ON leika
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_leika_weg AFTER DELETE ON leika
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_leistung_neu AFTER INSERT ON leistung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_leistung_geaendert AFTER UPDATE ON leistung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_leistung_weg AFTER DELETE ON leistung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_lieferung_neu AFTER INSERT ON lieferung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_lieferung_geaendert AFTER UPDATE ON lieferung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_lieferung_weg AFTER DELETE ON lieferung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_neu AFTER INSERT ON onlinedienst
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_geaendert AFTER UPDATE ON onlinedienst
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_weg AFTER DELETE ON onlinedienst
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_kommune_neu AFTER INSERT ON onlinedienst_kommune
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_kommune_geaendert AFTER UPDATE ON onlinedienst_kommune
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_kommune_weg AFTER DELETE ON onlinedienst_kommune
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_kommune_anzahl_neu AFTER INSERT ON onlinedienst_kommune_anzahl
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_kommune_anzahl_geaendert AFTER UPDATE ON onlinedienst_kommune_anzahl
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_kommune_anzahl_weg AFTER DELETE ON onlinedienst_kommune_anzahl
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_leika_neu AFTER INSERT ON onlinedienst_leika
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_leika_geaendert AFTER UPDATE ON onlinedienst_leika
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_onlinedienst_leika_weg AFTER DELETE ON onlinedienst_leika
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_projekt_neu AFTER INSERT ON projekt
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_projekt_geaendert AFTER UPDATE ON projekt
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_projekt_weg AFTER DELETE ON projekt
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_projekt_leistung_neu AFTER INSERT ON projekt_leistung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_projekt_leistung_geaendert AFTER UPDATE ON projekt_leistung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_projekt_leistung_weg AFTER DELETE ON projekt_leistung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_projekt_themenfeld_neu AFTER INSERT ON projekt_themenfeld
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_projekt_themenfeld_geaendert AFTER UPDATE ON projekt_themenfeld
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_projekt_themenfeld_weg AFTER DELETE ON projekt_themenfeld
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_rechtstext_neu AFTER INSERT ON rechtstext
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_rechtstext_geaendert AFTER UPDATE ON rechtstext
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_rechtstext_weg AFTER DELETE ON rechtstext
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_steckbrief_neu AFTER INSERT ON steckbrief
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_steckbrief_geaendert AFTER UPDATE ON steckbrief
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_steckbrief_weg AFTER DELETE ON steckbrief
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_steckbrief_leika_neu AFTER INSERT ON steckbrief_leika
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_steckbrief_leika_geaendert AFTER UPDATE ON steckbrief_leika
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_steckbrief_leika_weg AFTER DELETE ON steckbrief_leika
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_themen_zuordnung_neu AFTER INSERT ON themen_zuordnung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_themen_zuordnung_geaendert AFTER UPDATE ON themen_zuordnung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_themen_zuordnung_weg AFTER DELETE ON themen_zuordnung
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_themenfeld_neu AFTER INSERT ON themenfeld
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_themenfeld_geaendert AFTER UPDATE ON themenfeld
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_themenfeld_weg AFTER DELETE ON themenfeld
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_benutzer_neu AFTER INSERT ON benutzer
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_benutzer_geaendert AFTER UPDATE OF email, name, rolle, kommune_ags, aktiv ON benutzer
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_benutzer_weg AFTER DELETE ON benutzer
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
