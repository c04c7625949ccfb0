-- What came out of a workshop (sqlite; keep in step with the other backend): the roadmap's
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

CREATE TRIGGER generation_veranstaltung_ergebnis_neu AFTER INSERT ON veranstaltung_ergebnis
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_veranstaltung_ergebnis_geaendert AFTER UPDATE ON veranstaltung_ergebnis
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
CREATE TRIGGER generation_veranstaltung_ergebnis_weg AFTER DELETE ON veranstaltung_ergebnis
    BEGIN UPDATE datengeneration SET generation = generation + 1 WHERE id = 1; END;
