-- Zuständigkeit je Größenklasse: which Größenklassen of Kommunen (codes of
-- `model::kommune::Groessenklasse`) have to offer an OZG-Leistung, kept by the coordination
-- because no public source says it. Stored as ';kreisfrei;gross;' (';' = none of them: the
-- Leistung is not for Kommunen); NULL = not maintained, the general rule applies
-- (`store::leistung::KOMMUNAL_RELEVANT`). Columns of `leistung` rather than a table of their
-- own: the catalog import updates rows in place (ON CONFLICT … DO UPDATE of other columns),
-- every query of the catalog reads them without a join, and the generation triggers of
-- `leistung` already invalidate cached pages. Each change is audited in `protokoll`
-- (objekt_art 'leistung'); `groessenklassen_version` guards concurrent edits.
-- Keep sqlite and postgres in step.
ALTER TABLE leistung ADD COLUMN groessenklassen TEXT
    CHECK (groessenklassen IS NULL OR (groessenklassen LIKE ';%;' OR groessenklassen = ';') AND length(groessenklassen) <= 64);
ALTER TABLE leistung ADD COLUMN groessenklassen_quelle TEXT CHECK (length(groessenklassen_quelle) <= 300);
ALTER TABLE leistung ADD COLUMN groessenklassen_version BIGINT NOT NULL DEFAULT 0;
