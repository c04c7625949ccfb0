-- Workshop decisions on the roadmap: besides the Priorität of a Leistung ('prioritaet') a
-- session may create an Umsetzungsprojekt ('projekt') or move a phase on the timeline
-- ('termin'); `objekt_id` is then the project's id. SQLite cannot change a CHECK in place: the
-- table is copied (nothing references it, it carries no trigger – see store::generation).
-- Keep sqlite and postgres in step.
CREATE TABLE workshop_beschluss_neu (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sitzung_id BIGINT NOT NULL REFERENCES workshop_sitzung(id) ON DELETE CASCADE,
    frage_id BIGINT REFERENCES workshop_frage(id) ON DELETE SET NULL,
    art TEXT NOT NULL CHECK (art IN ('prioritaet', 'projekt', 'termin')),
    objekt_id TEXT NOT NULL,
    objekt_name TEXT NOT NULL,
    alt TEXT,
    neu TEXT NOT NULL,
    stimmen TEXT NOT NULL,
    benutzer TEXT NOT NULL,
    zeit_ms BIGINT NOT NULL
);
INSERT INTO workshop_beschluss_neu (id, sitzung_id, frage_id, art, objekt_id, objekt_name, alt, neu, stimmen, benutzer, zeit_ms)
    SELECT id, sitzung_id, frage_id, art, objekt_id, objekt_name, alt, neu, stimmen, benutzer, zeit_ms FROM workshop_beschluss;
DROP TABLE workshop_beschluss;
ALTER TABLE workshop_beschluss_neu RENAME TO workshop_beschluss;
CREATE INDEX workshop_beschluss_sitzung ON workshop_beschluss(sitzung_id);
