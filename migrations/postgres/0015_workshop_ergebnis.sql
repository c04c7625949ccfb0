-- What came out of a workshop (postgres; keep in step with the other backend): the roadmap's
-- Umsetzungsprojekte and the online services of published Steckbriefe, linked by the
-- coordination. Exactly one of the two ids per row; real foreign keys, so a link never points
-- nowhere.
CREATE TABLE veranstaltung_ergebnis (
    veranstaltung_id BIGINT NOT NULL REFERENCES veranstaltung(id) ON DELETE CASCADE,
    projekt_id BIGINT REFERENCES projekt(id) ON DELETE CASCADE,
    onlinedienst_id BIGINT REFERENCES onlinedienst(id) ON DELETE CASCADE,
    CHECK ((projekt_id IS NULL) <> (onlinedienst_id IS NULL)),
    UNIQUE (veranstaltung_id, projekt_id),
    UNIQUE (veranstaltung_id, onlinedienst_id)
);
CREATE INDEX veranstaltung_ergebnis_projekt ON veranstaltung_ergebnis(projekt_id);
CREATE INDEX veranstaltung_ergebnis_dienst ON veranstaltung_ergebnis(onlinedienst_id);

CREATE TRIGGER generation_veranstaltung_ergebnis AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON veranstaltung_ergebnis
    FOR EACH STATEMENT EXECUTE FUNCTION datengeneration_anstossen();
