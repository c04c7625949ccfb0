//! The outbox (`mail_ausgang`). Immediate mails are queued in the transaction of the change
//! ([`sofort_einreihen`]); digests by a planner that every app server runs ([`planen`]) – the
//! unique `schluessel` lets only the first of them write a digest. A worker takes one row at a
//! time ([`nehmen`]) by a conditional UPDATE with a lease, so that two servers never send the same
//! row; a crash between sending and [`gesendet`] sends that one mail again after the lease (at
//! least once, never lost). Failures are retried with growing pauses, up to [`MAX_VERSUCHE`].

use super::super::{Backend, Db, Sql, StoreResult};
use crate::model::infoverteiler::Versand;
use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};

/// After this many failed attempts a mail is given up (and stays with its last error).
pub const MAX_VERSUCHE: i64 = 8;
/// How long a worker holds a row while it sends (an SMTP dialogue takes seconds).
pub const LEASE_MS: i64 = 5 * 60 * 1000;
/// Digests go out from this hour (UTC) on: early morning in Germany.
pub const VERSANDSTUNDE_UTC: u32 = 5;

/// The INSERT of the immediate mails of Mitteilung `id`: one per person following any of what it
/// concerns with `sofort`, except its author (`autor`), due when it becomes visible.
pub fn sofort_einreihen(id: i64, faellig_ms: i64, autor: Option<i64>) -> Sql {
    let mut s = Sql::new(
        "INSERT INTO mail_ausgang (schluessel, art, benutzer_id, mitteilung_id, abo_id, erstellt_ms, faellig_ms) \
         SELECT ",
    );
    s.bind(format!("sofort:{id}:")).push(" || CAST(a.benutzer_id AS TEXT), 'sofort', a.benutzer_id, ").bind(id);
    s.push(", MIN(a.id), ").bind(super::jetzt_ms()).push(", ").bind(faellig_ms);
    s.push(
        " FROM abo a JOIN mitteilung_bezug z ON z.art = a.art AND z.ziel = a.ziel \
         JOIN benutzer b ON b.id = a.benutzer_id AND b.aktiv = TRUE \
         WHERE a.versand = 'sofort' AND z.mitteilung_id = ",
    );
    s.bind(id).push(" AND a.benutzer_id <> ").bind(autor.unwrap_or(-1));
    s.push(" GROUP BY a.benutzer_id ON CONFLICT (schluessel) DO NOTHING");
    s
}

/// The digest period that is due at `jetzt_ms`: its key and the window it covers. Daily: the
/// previous UTC day, from [`VERSANDSTUNDE_UTC`]; weekly: the previous Monday-to-Sunday, from
/// Monday at that hour.
pub fn periode(rhythmus: Versand, jetzt_ms: i64) -> Option<(String, i64, i64)> {
    let jetzt = DateTime::<Utc>::from_timestamp_millis(jetzt_ms)?;
    let stunde = NaiveTime::from_hms_opt(VERSANDSTUNDE_UTC, 0, 0)?;
    let mut tag = jetzt.date_naive();
    if jetzt.time() < stunde {
        tag -= Duration::days(1);
    }
    let (ende, laenge) = match rhythmus {
        Versand::Taeglich => (tag, 1),
        Versand::Woechentlich => (tag - Duration::days(i64::from(tag.weekday().num_days_from_monday())), 7),
        _ => return None,
    };
    let bis = ende.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis();
    let von = bis - laenge * 24 * 3600 * 1000;
    Some((format!("{}:{}", rhythmus.code(), ende.format("%Y-%m-%d")), von, bis))
}

/// Sent mails and Mitteilungen are kept this long (digests need a week, "Neu für mich" 30 days).
pub const AUFBEWAHREN_MS: i64 = 60 * 24 * 3600 * 1000;

/// Deletes what is older than [`AUFBEWAHREN_MS`]: sent or given-up mails, old Mitteilungen.
async fn aufraeumen(db: &Db, jetzt_ms: i64) -> StoreResult<()> {
    let grenze = jetzt_ms - AUFBEWAHREN_MS;
    let mut mails = Sql::new("DELETE FROM mail_ausgang WHERE erstellt_ms < ");
    mails.bind(grenze).push(" AND (gesendet_ms IS NOT NULL OR versuche >= ").bind(MAX_VERSUCHE).push(")");
    let mut alt = Sql::new("DELETE FROM mitteilung WHERE zeit_ms < ");
    alt.bind(grenze).push(" AND id NOT IN (SELECT mitteilung_id FROM mail_ausgang WHERE mitteilung_id IS NOT NULL)");
    db.transaktion(&[mails, alt]).await.map(|_| ())
}

/// Queues the digests due at `jetzt_ms` for everyone with something in them (and clears out what
/// is past keeping); returns how many rows this call wrote (0 if another server was first).
pub async fn planen(db: &Db, jetzt_ms: i64) -> StoreResult<u64> {
    aufraeumen(db, jetzt_ms).await?;
    let mut geschrieben = 0;
    for rhythmus in [Versand::Taeglich, Versand::Woechentlich] {
        let Some((periode, von, bis)) = periode(rhythmus, jetzt_ms) else { continue };
        let mut s = Sql::new(
            "INSERT INTO mail_ausgang (schluessel, art, benutzer_id, von_ms, bis_ms, erstellt_ms, faellig_ms) SELECT ",
        );
        s.bind(format!("{periode}:")).push(" || CAST(a.benutzer_id AS TEXT), ").bind(rhythmus.code());
        s.push(", a.benutzer_id, ").bind(von).push(", ").bind(bis).push(", ").bind(jetzt_ms).push(", ").bind(jetzt_ms);
        s.push(" FROM abo a JOIN benutzer b ON b.id = a.benutzer_id AND b.aktiv = TRUE WHERE a.versand = ");
        s.bind(rhythmus.code()).push(
            " AND EXISTS (SELECT 1 FROM mitteilung_bezug z JOIN mitteilung m ON m.id = z.mitteilung_id \
             WHERE z.art = a.art AND z.ziel = a.ziel AND m.art <> 'rundschreiben' AND m.zeit_ms >= ",
        );
        s.bind(von).push(" AND m.zeit_ms < ").bind(bis);
        s.push(" AND (m.autor_id IS NULL OR m.autor_id <> a.benutzer_id)) GROUP BY a.benutzer_id");
        s.push(" ON CONFLICT (schluessel) DO NOTHING");
        geschrieben += db.transaktion(&[s]).await?;
    }
    Ok(geschrieben)
}

/// A row the worker took.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Auftrag {
    pub id: i64,
    pub art: String,
    pub benutzer_id: i64,
    pub mitteilung_id: Option<i64>,
    pub abo_id: Option<i64>,
    pub von_ms: i64,
    pub bis_ms: i64,
    pub versuche: i64,
}

/// Takes the next due row for `server` (a name unique per process), or none.
pub async fn nehmen(db: &Db, server: &str, jetzt_ms: i64) -> StoreResult<Option<Auftrag>> {
    let mut s = Sql::new("UPDATE mail_ausgang SET belegt_von = ");
    s.bind(server.to_string()).push(", belegt_bis_ms = ").bind(jetzt_ms + LEASE_MS);
    s.push(
        ", versuche = versuche + 1 WHERE id = (SELECT id FROM mail_ausgang WHERE gesendet_ms IS NULL AND versuche < ",
    );
    s.bind(MAX_VERSUCHE).push(" AND faellig_ms <= ").bind(jetzt_ms).push(" AND belegt_bis_ms < ").bind(jetzt_ms);
    s.push(" ORDER BY faellig_ms, id LIMIT 1");
    // PostgreSQL: a row another server is taking right now is skipped, not waited for.
    if db.backend() == Backend::Postgres {
        s.push(" FOR UPDATE SKIP LOCKED");
    }
    // Checked again on the row itself: on PostgreSQL the row may have been taken meanwhile.
    s.push(") AND gesendet_ms IS NULL AND belegt_bis_ms < ").bind(jetzt_ms);
    s.push(" RETURNING id, art, benutzer_id, mitteilung_id, abo_id, von_ms, bis_ms, versuche");
    let mut tx = db.beginnen().await?;
    let a = tx.eine::<Auftrag>(&s).await?;
    tx.commit().await?;
    Ok(a)
}

/// Sent: done for good (only by the server holding it).
pub async fn gesendet(db: &Db, id: i64, server: &str) -> StoreResult<()> {
    let mut s = Sql::new("UPDATE mail_ausgang SET gesendet_ms = ");
    s.bind(super::jetzt_ms()).push(", fehler = NULL WHERE id = ").bind(id);
    s.push(" AND belegt_von = ").bind(server.to_string());
    db.transaktion(&[s]).await.map(|_| ())
}

/// Nothing to send (the digest turned out empty, the account is inactive): done, with the reason.
pub async fn erledigt(db: &Db, id: i64, server: &str, grund: &str) -> StoreResult<()> {
    let mut s = Sql::new("UPDATE mail_ausgang SET gesendet_ms = ");
    s.bind(super::jetzt_ms()).push(", fehler = ").bind(grund.to_string()).push(" WHERE id = ").bind(id);
    s.push(" AND belegt_von = ").bind(server.to_string());
    db.transaktion(&[s]).await.map(|_| ())
}

/// The pause before attempt `versuche + 1`: one minute, doubling, at most six hours.
pub fn pause_ms(versuche: i64) -> i64 {
    let minuten = 1i64 << versuche.clamp(0, 9);
    (minuten * 60_000).min(6 * 3600 * 1000)
}

/// Failed: released with the error, due again after [`pause_ms`].
pub async fn fehlgeschlagen(db: &Db, a: &Auftrag, server: &str, fehler: &str, jetzt_ms: i64) -> StoreResult<()> {
    let kurz: String = fehler.chars().take(500).collect();
    let mut s = Sql::new("UPDATE mail_ausgang SET belegt_bis_ms = 0, fehler = ");
    s.bind(kurz).push(", faellig_ms = ").bind(jetzt_ms + pause_ms(a.versuche)).push(" WHERE id = ").bind(a.id);
    s.push(" AND belegt_von = ").bind(server.to_string());
    db.transaktion(&[s]).await.map(|_| ())
}

/// Recipient of a row: e-mail, name and whether the account is active.
pub async fn empfaenger(db: &Db, benutzer: i64) -> StoreResult<Option<(String, String, bool)>> {
    let mut s = Sql::new("SELECT email, name, aktiv FROM benutzer WHERE id = ");
    s.bind(benutzer);
    db.eine::<(String, String, bool)>(&s).await
}

/// State of the outbox for `/metrics` and tests: waiting, sent, given up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Stand {
    pub wartend: i64,
    pub gesendet: i64,
    pub aufgegeben: i64,
}

pub async fn stand(db: &Db) -> StoreResult<Stand> {
    let mut s = Sql::new("SELECT CAST(COALESCE(SUM(CASE WHEN gesendet_ms IS NULL AND versuche < ");
    s.bind(MAX_VERSUCHE).push(" THEN 1 ELSE 0 END), 0) AS BIGINT) AS wartend, ");
    s.push("CAST(COALESCE(SUM(CASE WHEN gesendet_ms IS NOT NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS gesendet, ");
    s.push("CAST(COALESCE(SUM(CASE WHEN gesendet_ms IS NULL AND versuche >= ");
    s.bind(MAX_VERSUCHE).push(" THEN 1 ELSE 0 END), 0) AS BIGINT) AS aufgegeben FROM mail_ausgang");
    Ok(db.eine::<Stand>(&s).await?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(s: &str) -> i64 {
        DateTime::parse_from_rfc3339(s).unwrap().timestamp_millis()
    }

    #[test]
    fn digest_periods_cover_the_previous_day_or_week() {
        let (k, von, bis) = periode(Versand::Taeglich, ms("2026-12-05T06:30:00Z")).unwrap();
        assert_eq!(k, "taeglich:2026-12-05");
        assert_eq!((von, bis), (ms("2026-12-04T00:00:00Z"), ms("2026-12-05T00:00:00Z")));
        // Before the hour: still the period of the day before.
        let (k, _, _) = periode(Versand::Taeglich, ms("2026-12-05T04:59:00Z")).unwrap();
        assert_eq!(k, "taeglich:2026-12-04");
        // Saturday 5 Dec 2026: the week that ended on Monday 30 Nov.
        let (k, von, bis) = periode(Versand::Woechentlich, ms("2026-12-05T06:30:00Z")).unwrap();
        assert_eq!(k, "woechentlich:2026-11-30");
        assert_eq!((von, bis), (ms("2026-11-23T00:00:00Z"), ms("2026-11-30T00:00:00Z")));
        assert!(periode(Versand::Sofort, 0).is_none());
    }

    #[test]
    fn pauses_grow_and_stop_growing() {
        assert_eq!(pause_ms(0), 60_000);
        assert_eq!(pause_ms(1), 120_000);
        assert_eq!(pause_ms(40), 6 * 3600 * 1000);
    }
}
