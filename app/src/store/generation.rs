//! The data generation (migration 0011): a number the database raises in every transaction that
//! writes something a page can show. Caches key what they keep by it; reading it is one row.

use super::{Db, Sql, StoreResult};

/// Tables whose writes do not raise the generation, and why. Every other table must carry the
/// triggers of migration 0011 – a test holds the schema to this list, so a new table cannot be
/// forgotten.
pub const NICHT_GEZAEHLT: &[(&str, &str)] = &[
    ("anmeldesperre", "Drosselung der Anmeldung, auf keiner Seite"),
    ("sitzung", "Sitzungen; Seiten angemeldeter Personen werden nicht zwischengespeichert"),
    ("protokoll", "Änderungsprotokoll, nur angemeldet und nie zwischengespeichert"),
    ("ereignis", "Live-Ereignisse, jedes kommt mit einer gezählten Änderung"),
    ("datenstand", "Prüfsumme des Imports; der Import selbst schreibt gezählte Tabellen"),
    ("rueckmeldung", "Rückmeldungen der Leser, auf keiner öffentlichen Seite"),
    ("kalender_zugang", "Geheimnis des persönlichen Kalender-Abos, auf keiner Seite"),
    ("forum_meldung", "gemeldete Beiträge: nur für die Moderation, nie zwischengespeichert"),
    ("forum_gelesen", "wie weit eine Person ein Thema las: persönlich, auf keiner zwischengespeicherten Seite"),
    ("mitteilung", "Infoverteiler: nur für angemeldete Abonnenten, nie zwischengespeichert"),
    ("mitteilung_bezug", "Infoverteiler: wie „mitteilung“"),
    ("abo", "Abonnements: persönlich, auf keiner zwischengespeicherten Seite"),
    ("rundschreiben", "Rundschreiben: nur für angemeldete Konten, nie zwischengespeichert"),
    ("infoverteiler_konto", "letzter Besuch, Feed- und Abmelde-Geheimnis: persönlich"),
    ("mail_ausgang", "Postausgang des Infoverteilers, auf keiner Seite"),
    ("anliegen", "„Unsere Fragen an Sie“: Namen und Kontakte, nur für die Koordination"),
    ("link_auftrag", "Zeitplan der Linkprüfung, auf keiner Seite"),
    ("linkpruefung", "Verlauf der Linkprüfung: nur für die Koordination, nie zwischengespeichert"),
    (
        "workshop_sitzung",
        "Workshop-Sitzungen: ihre Seiten werden nie zwischengespeichert (jede Stimme änderte sonst die Generation)",
    ),
    ("workshop_teilnahme", "Workshop: wie „workshop_sitzung“"),
    ("workshop_frage", "Workshop: wie „workshop_sitzung“"),
    ("workshop_stimme", "Workshop: wie „workshop_sitzung“"),
    (
        "workshop_beschluss",
        "Workshop: wie „workshop_sitzung“; der Beschluss selbst schreibt die gezählte Tabelle „leistung“",
    ),
    ("datengeneration", "die Generation selbst"),
    ("datengeneration_anstoss", "Vermerk bis zum Commit (nur PostgreSQL)"),
    ("_sqlx_migrations", "Schema-Stand"),
];

/// The current generation. Read before the data it labels: a cache entry then holds data at
/// least as new as its number says, never older.
pub async fn aktuell(db: &Db) -> StoreResult<i64> {
    db.zahl(&Sql::new("SELECT generation FROM datengeneration WHERE id = 1")).await
}

/// The current generation and when it rose (milliseconds since 1970; migration 0023): what the
/// open API answers as `ETag` and `Last-Modified`.
pub async fn stand(db: &Db) -> StoreResult<(i64, i64)> {
    let sql = Sql::new("SELECT generation, geaendert_ms FROM datengeneration WHERE id = 1");
    Ok(db.eine::<(i64, i64)>(&sql).await?.unwrap_or((0, 0)))
}

/// Tables of the schema that do not carry a generation trigger but should (empty when the
/// schema is consistent with [`NICHT_GEZAEHLT`]).
pub async fn ungezaehlte_tabellen(db: &Db) -> StoreResult<Vec<String>> {
    let sql = match db {
        Db::Sqlite(_) => Sql::new(
            "SELECT name AS wert FROM sqlite_master t WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             AND (SELECT COUNT(*) FROM sqlite_master g WHERE g.type = 'trigger' AND g.tbl_name = t.name \
                  AND g.name LIKE 'generation_%') < 3 ORDER BY name",
        ),
        Db::Postgres(_) => Sql::new(
            "SELECT c.relname AS wert FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind = 'r' AND n.nspname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_trigger g \
             WHERE g.tgrelid = c.oid AND g.tgname LIKE 'generation_%') ORDER BY c.relname",
        ),
    };
    let alle: Vec<Wert> = db.alle(&sql).await?;
    Ok(alle.into_iter().map(|w| w.wert).filter(|t| !NICHT_GEZAEHLT.iter().any(|(n, _)| n == t)).collect())
}

#[derive(sqlx::FromRow)]
struct Wert {
    wert: String,
}
