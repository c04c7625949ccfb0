//! Links of a thread to what it is about (migration 0022): set and removed by the thread's author
//! (while it is open) or the moderation, audited on the thread and announced live; listed on the
//! thread with the targets' names, and on each target's page as the threads the reader may see.

use super::super::{Db, SchreibFehler, Sql, StoreResult, Tx, akteur::Akteur, jetzt_ms, protokoll::Aenderung};
use super::{Leser, ThemaZeile};
use crate::model::forum::{Bezug, BezugArt, MAX_BEZUEGE, Thema};

/// At most this many threads on a target's page (the newest activity first).
pub const HOECHSTENS_THEMEN: i64 = 20;

/// `SELECT name` of a target by kind: a Steckbrief only once published.
fn titel_sql(art: BezugArt) -> &'static str {
    match art {
        BezugArt::Leistung => "SELECT name FROM leistung WHERE CAST(ozg_id AS TEXT) = ",
        BezugArt::Projekt => "SELECT name FROM projekt WHERE CAST(id AS TEXT) = ",
        BezugArt::Veranstaltung => "SELECT titel FROM veranstaltung WHERE CAST(id AS TEXT) = ",
        BezugArt::Steckbrief => {
            "SELECT dienst_name FROM steckbrief WHERE status = 'veroeffentlicht' AND CAST(id AS TEXT) = "
        }
    }
}

async fn titel(db: &Db, art: BezugArt, ziel: &str) -> StoreResult<Option<String>> {
    let mut s = Sql::new(titel_sql(art));
    s.bind(ziel.to_string());
    db.text(&s).await
}

/// The thread's links whose target still exists, in the order they were set.
pub async fn liste(db: &Db, thema: i64) -> StoreResult<Vec<Bezug>> {
    let mut s = Sql::new("SELECT art, ziel FROM forum_verknuepfung WHERE thema_id = ");
    s.bind(thema).push(" ORDER BY erstellt_ms, art, ziel");
    let mut bezuege = Vec::new();
    for (art, ziel) in db.alle::<(String, String)>(&s).await? {
        let Some(art) = BezugArt::aus_code(&art) else { continue };
        if let Some(titel) = titel(db, art, &ziel).await? {
            bezuege.push(Bezug { art, ziel, titel });
        }
    }
    Ok(bezuege)
}

#[derive(sqlx::FromRow)]
struct Stand {
    betreff: String,
    autor_id: Option<i64>,
    gesperrt: bool,
}

/// Whether the reader may set and remove the thread's links: its author while it is open, or
/// the moderation.
pub fn darf(leser: Leser, autor: Option<i64>, gesperrt: bool) -> bool {
    leser.moderator || (leser.id.is_some() && autor == leser.id && !gesperrt)
}

async fn stand_lesen(db: &Db, thema: i64) -> StoreResult<Option<Stand>> {
    let mut s = Sql::new("SELECT betreff, autor_id, gesperrt FROM forum_thema WHERE id = ");
    s.bind(thema);
    db.eine::<Stand>(&s).await
}

/// Whether the reader may change the links of this thread (for the page).
pub async fn darf_thema(db: &Db, thema: i64, leser: Leser) -> StoreResult<bool> {
    Ok(stand_lesen(db, thema).await?.is_some_and(|st| darf(leser, st.autor_id, st.gesperrt)))
}

async fn stand(db: &Db, thema: i64, leser: Leser) -> Result<Stand, SchreibFehler> {
    let st = stand_lesen(db, thema).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Das Thema".into()))?;
    if !darf(leser, st.autor_id, st.gesperrt) {
        return Err(SchreibFehler::Verboten);
    }
    Ok(st)
}

/// Links the thread to a target that exists (a Steckbrief: published); linking it again changes
/// nothing. Refused beyond [`MAX_BEZUEGE`].
pub async fn setzen(
    db: &Db,
    thema: i64,
    art: BezugArt,
    ziel: &str,
    leser: Leser,
    wer: &Akteur,
) -> Result<(), SchreibFehler> {
    let st = stand(db, thema, leser).await?;
    let Some(name) = titel(db, art, ziel).await? else {
        return Err(SchreibFehler::NichtGefunden(art.mit_artikel().into()));
    };
    let mut tx = db.beginnen().await?;
    // Parallel links must not pass the limit together: touching the thread's row first takes its
    // row lock (PostgreSQL) or the write lock (SQLite), so the count below sees every link set
    // before, and the next writer waits until this one is done.
    let mut sperre = Sql::new("UPDATE forum_thema SET version = version WHERE id = ");
    sperre.bind(thema);
    tx.ausfuehren(&sperre).await?;
    let mut zahl = Sql::new("SELECT COUNT(*) FROM forum_verknuepfung WHERE thema_id = ");
    zahl.bind(thema);
    if tx.zahl(&zahl).await? >= MAX_BEZUEGE {
        return Err(SchreibFehler::Abgelehnt(format!("Ein Thema hat höchstens {MAX_BEZUEGE} Bezüge.")));
    }
    let mut s = Sql::new("INSERT INTO forum_verknuepfung (thema_id, art, ziel, erstellt_ms) VALUES (");
    s.bind(thema).push(", ").bind(art.code()).push(", ").bind(ziel.to_string()).push(", ").bind(jetzt_ms());
    s.push(") ON CONFLICT (thema_id, art, ziel) DO NOTHING");
    if tx.ausfuehren(&s).await? > 0 {
        festhalten(&mut tx, thema, &st.betreff, (None, Some(format!("{} {name}", art.label()))), wer).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The audit entry and the live announcement of a changed link, in the write's transaction.
async fn festhalten(
    tx: &mut Tx,
    thema: i64,
    betreff: &str,
    (vorher, nachher): (Option<String>, Option<String>),
    wer: &Akteur,
) -> StoreResult<()> {
    let mut a = Aenderung::neu("forum_thema", thema, betreff);
    a.feld("bezug", vorher, nachher);
    a.schreiben(tx, wer).await?;
    super::super::ereignis::schreiben(tx, crate::model::live::FORUM, &thema.to_string(), "{}", wer).await?;
    Ok(())
}

/// Removes a link (404 if there is none).
pub async fn loesen(
    db: &Db,
    thema: i64,
    art: BezugArt,
    ziel: &str,
    leser: Leser,
    wer: &Akteur,
) -> Result<(), SchreibFehler> {
    let st = stand(db, thema, leser).await?;
    let name = titel(db, art, ziel).await?.unwrap_or_else(|| ziel.to_string());
    let mut s = Sql::new("DELETE FROM forum_verknuepfung WHERE thema_id = ");
    s.bind(thema).push(" AND art = ").bind(art.code()).push(" AND ziel = ").bind(ziel.to_string());
    let mut tx = db.beginnen().await?;
    if tx.ausfuehren(&s).await? == 0 {
        return Err(SchreibFehler::NichtGefunden("Der Bezug".into()));
    }
    festhalten(&mut tx, thema, &st.betreff, (Some(format!("{} {name}", art.label())), None), wer).await?;
    tx.commit().await?;
    Ok(())
}

/// The threads about a target that the reader may see, newest activity first.
pub async fn themen_zu(db: &Db, leser: Leser, art: BezugArt, ziel: &str) -> StoreResult<Vec<Thema>> {
    let mut s = super::themen_sql(leser);
    s.push(" AND t.id IN (SELECT v.thema_id FROM forum_verknuepfung v WHERE v.art = ").bind(art.code());
    s.push(" AND v.ziel = ").bind(ziel.to_string()).push(") ORDER BY t.letzte_ms DESC, t.id DESC LIMIT ");
    s.bind(HOECHSTENS_THEMEN);
    Ok(db.alle::<ThemaZeile>(&s).await?.into_iter().map(Thema::from).collect())
}
