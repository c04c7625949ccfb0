//! Live events in the database. A change writes its event in its own transaction, so an event
//! exists exactly when the change does; on PostgreSQL the same transaction sends
//! `NOTIFY ozg_ereignis`, which reaches every app server on commit.

use super::akteur::Akteur;
use super::{Db, Sql, StoreResult, Tx, jetzt_ms};
use crate::model::live::Ereignis;

/// The PostgreSQL channel every app server listens on.
pub const KANAL: &str = "ozg_ereignis";
/// Events older than this are pruned; a browser away longer reloads instead of catching up.
pub const AUFBEWAHREN_MS: i64 = 24 * 60 * 60 * 1000;
/// At most this many events are replayed to one reconnecting browser.
pub const NACHHOLEN_MAX: i64 = 500;

/// Appends an event to an open transaction; returns its id.
pub async fn schreiben(tx: &mut Tx, art: &str, objekt_id: &str, daten: &str, wer: &Akteur) -> StoreResult<i64> {
    let jetzt = jetzt_ms();
    let mut s = Sql::new("INSERT INTO ereignis (zeit_ms, art, objekt_id, benutzer, daten) VALUES (");
    s.bind(jetzt).push(", ").bind(art).push(", ").bind(objekt_id).push(", ");
    s.bind(wer.oeffentlich.clone()).push(", ").bind(daten).push(") RETURNING id");
    let id = tx.zahl(&s).await?;
    let mut alt = Sql::new("DELETE FROM ereignis WHERE zeit_ms < ");
    alt.bind(jetzt - AUFBEWAHREN_MS);
    tx.ausfuehren(&alt).await?;
    if matches!(tx, Tx::Postgres(_)) {
        tx.ausfuehren(Sql::new("SELECT pg_notify(").bind(KANAL).push(", '')")).await?;
    }
    Ok(id)
}

/// Events after `nach_id` plus the listed ids (gaps the reader saw: on PostgreSQL a transaction
/// that took a smaller id can commit after a larger one), oldest first, at most `max`.
pub async fn seit(db: &Db, nach_id: i64, luecken: &[i64], max: i64) -> StoreResult<Vec<Ereignis>> {
    let mut s = Sql::new("SELECT id, zeit_ms, art, objekt_id, benutzer, daten FROM ereignis WHERE id > ");
    s.bind(nach_id);
    if !luecken.is_empty() {
        s.push(" OR id IN (").bind_list(luecken.iter().copied()).push(")");
    }
    s.push(" ORDER BY id LIMIT ").bind(max);
    db.alle(&s).await
}

/// The newest event id (0 without events).
pub async fn letzte_id(db: &Db) -> StoreResult<i64> {
    db.zahl(&Sql::new("SELECT COALESCE(MAX(id), 0) FROM ereignis")).await
}

/// The oldest event id still kept (0 without events).
pub async fn erste_id(db: &Db) -> StoreResult<i64> {
    db.zahl(&Sql::new("SELECT COALESCE(MIN(id), 0) FROM ereignis")).await
}
