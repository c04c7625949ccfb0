-- Number of online services per Kommune, kept by the database itself (SQLite).
-- Keep in step with migrations/postgres.
-- The Kommune facet of the Lösungsdatenbank counts usage rows per Kommune. Without any other
-- filter that is a scan of the whole usage table on every page view; this table answers it by
-- reading 396 rows. Triggers keep it exact for every writer, including cascaded deletes.
CREATE TABLE onlinedienst_kommune_anzahl (
    kommune_ags TEXT PRIMARY KEY REFERENCES kommune(ags),
    anzahl BIGINT NOT NULL CHECK (anzahl >= 0)
);

INSERT INTO onlinedienst_kommune_anzahl (kommune_ags, anzahl)
SELECT kommune_ags, COUNT(*) FROM onlinedienst_kommune GROUP BY kommune_ags;

CREATE TRIGGER onlinedienst_kommune_anzahl_neu AFTER INSERT ON onlinedienst_kommune
BEGIN
    INSERT INTO onlinedienst_kommune_anzahl (kommune_ags, anzahl) VALUES (NEW.kommune_ags, 1)
    ON CONFLICT (kommune_ags) DO UPDATE SET anzahl = anzahl + 1;
END;

CREATE TRIGGER onlinedienst_kommune_anzahl_weg AFTER DELETE ON onlinedienst_kommune
BEGIN
    UPDATE onlinedienst_kommune_anzahl SET anzahl = anzahl - 1 WHERE kommune_ags = OLD.kommune_ags;
END;

CREATE TRIGGER onlinedienst_kommune_anzahl_geaendert AFTER UPDATE OF kommune_ags ON onlinedienst_kommune
    WHEN OLD.kommune_ags <> NEW.kommune_ags
BEGIN
    UPDATE onlinedienst_kommune_anzahl SET anzahl = anzahl - 1 WHERE kommune_ags = OLD.kommune_ags;
    INSERT INTO onlinedienst_kommune_anzahl (kommune_ags, anzahl) VALUES (NEW.kommune_ags, 1)
    ON CONFLICT (kommune_ags) DO UPDATE SET anzahl = anzahl + 1;
END;
