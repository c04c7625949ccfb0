-- Number of online services per Kommune, kept by the database itself (PostgreSQL).
-- Keep in step with migrations/sqlite.
-- The Kommune facet of the Lösungsdatenbank counts usage rows per Kommune. Without any other
-- filter that is a scan of the whole usage table on every page view (200,000 rows: 20–25 ms on
-- PostgreSQL); this table answers it by reading 396 rows. Triggers keep it exact for every
-- writer, including cascaded deletes and bulk loads, so no code path can forget it.
CREATE TABLE onlinedienst_kommune_anzahl (
    kommune_ags TEXT PRIMARY KEY REFERENCES kommune(ags),
    anzahl BIGINT NOT NULL CHECK (anzahl >= 0)
);

INSERT INTO onlinedienst_kommune_anzahl (kommune_ags, anzahl)
SELECT kommune_ags, COUNT(*) FROM onlinedienst_kommune GROUP BY kommune_ags;

-- Statement-level with transition tables: a bulk insert of n rows costs one grouped upsert,
-- not n row updates contending for the same few counter rows.
CREATE FUNCTION onlinedienst_kommune_zaehlen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE onlinedienst_kommune_anzahl a SET anzahl = a.anzahl - w.n
        FROM (SELECT kommune_ags, COUNT(*) AS n FROM alt GROUP BY kommune_ags) w
        WHERE a.kommune_ags = w.kommune_ags;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO onlinedienst_kommune_anzahl AS a (kommune_ags, anzahl)
        SELECT kommune_ags, COUNT(*) FROM neu GROUP BY kommune_ags
        ON CONFLICT (kommune_ags) DO UPDATE SET anzahl = a.anzahl + EXCLUDED.anzahl;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER onlinedienst_kommune_anzahl_neu AFTER INSERT ON onlinedienst_kommune
    REFERENCING NEW TABLE AS neu FOR EACH STATEMENT EXECUTE FUNCTION onlinedienst_kommune_zaehlen();
CREATE TRIGGER onlinedienst_kommune_anzahl_weg AFTER DELETE ON onlinedienst_kommune
    REFERENCING OLD TABLE AS alt FOR EACH STATEMENT EXECUTE FUNCTION onlinedienst_kommune_zaehlen();
CREATE TRIGGER onlinedienst_kommune_anzahl_geaendert AFTER UPDATE ON onlinedienst_kommune
    REFERENCING OLD TABLE AS alt NEW TABLE AS neu FOR EACH STATEMENT EXECUTE FUNCTION onlinedienst_kommune_zaehlen();
