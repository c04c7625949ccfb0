//! The moderation's writes (coordination and admin; the server function checks the right):
//! pinning, closing and moving a thread, hiding a post with a reason (and showing it again), and
//! the reports of members with their handling. Every write is audited and announced live.

use super::super::{Db, SchreibFehler, Sql, StoreResult, Tx, akteur::Akteur, jetzt_ms, protokoll::Aenderung};
use crate::model::forum::{GemeldeterBeitrag, ThemaAktion};

fn weg(was: &str) -> SchreibFehler {
    SchreibFehler::NichtGefunden(was.into())
}

async fn live(tx: &mut Tx, thema: i64, wer: &Akteur) -> StoreResult<()> {
    super::super::ereignis::schreiben(tx, crate::model::live::FORUM, &thema.to_string(), "{}", wer).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ThemaStand {
    betreff: String,
    angeheftet: bool,
    gesperrt: bool,
    brett: String,
}

/// Pins, unpins, closes, opens or moves a thread. Doing what is already so changes nothing.
pub async fn thema(db: &Db, id: i64, aktion: &ThemaAktion, wer: &Akteur) -> Result<(), SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let mut sperre = Sql::new("UPDATE forum_thema SET version = version WHERE id = ");
    sperre.bind(id);
    if tx.ausfuehren(&sperre).await? == 0 {
        return Err(weg("Das Thema"));
    }
    let mut s = Sql::new(
        "SELECT t.betreff, t.angeheftet, t.gesperrt, b.slug AS brett FROM forum_thema t \
         JOIN forum_brett b ON b.id = t.brett_id WHERE t.id = ",
    );
    s.bind(id);
    let alt = tx.eine::<ThemaStand>(&s).await?.ok_or_else(|| weg("Das Thema"))?;
    let mut a = Aenderung::neu("forum_thema", id, &alt.betreff);
    let ja_nein = |b: bool| Some(if b { "ja" } else { "nein" }.to_string());
    let mut u = Sql::new("UPDATE forum_thema SET version = version + 1, ");
    match aktion {
        ThemaAktion::Anheften | ThemaAktion::Loesen => {
            let an = *aktion == ThemaAktion::Anheften;
            a.feld("angeheftet", ja_nein(alt.angeheftet), ja_nein(an));
            u.push("angeheftet = ").bind(an);
        }
        ThemaAktion::Schliessen | ThemaAktion::Oeffnen => {
            let zu = *aktion == ThemaAktion::Schliessen;
            a.feld("gesperrt", ja_nein(alt.gesperrt), ja_nein(zu));
            u.push("gesperrt = ").bind(zu);
        }
        ThemaAktion::Verschieben(slug) => {
            let mut b = Sql::new("SELECT id FROM forum_brett WHERE slug = ");
            b.bind(slug.clone());
            let (ziel,) = tx.eine::<(i64,)>(&b).await?.ok_or_else(|| weg("Das Ziel-Forum"))?;
            a.feld("forum", Some(alt.brett.clone()), Some(slug.clone()));
            u.push("brett_id = ").bind(ziel);
        }
    }
    if a.ist_leer() {
        return Ok(());
    }
    u.push(" WHERE id = ").bind(id);
    tx.ausfuehren(&u).await?;
    a.schreiben(&mut tx, wer).await?;
    live(&mut tx, id, wer).await?;
    tx.commit().await?;
    Ok(())
}

/// Hides a post with the reason its author and everyone else see (`Some`), or shows it again
/// (`None`). Open reports of it are closed by hiding.
pub async fn verbergen(db: &Db, id: i64, grund: Option<&str>, wer: &Akteur) -> Result<(), SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let mut sperre = Sql::new("UPDATE forum_beitrag SET version = version WHERE id = ");
    sperre.bind(id);
    if tx.ausfuehren(&sperre).await? == 0 {
        return Err(weg("Der Beitrag"));
    }
    let mut s = Sql::new(
        "SELECT p.thema_id, p.verborgen_grund, t.betreff FROM forum_beitrag p \
         JOIN forum_thema t ON t.id = p.thema_id WHERE p.id = ",
    );
    s.bind(id);
    let (thema, alt, betreff) =
        tx.eine::<(i64, Option<String>, String)>(&s).await?.ok_or_else(|| weg("Der Beitrag"))?;
    let mut a = Aenderung::neu("forum_beitrag", id, &betreff);
    a.feld("verborgen", alt, grund.map(str::to_string));
    if a.ist_leer() {
        return Ok(());
    }
    let mut u = Sql::new("UPDATE forum_beitrag SET verborgen_grund = ");
    u.bind(grund.map(str::to_string)).push(", version = version + 1 WHERE id = ").bind(id);
    tx.ausfuehren(&u).await?;
    if grund.is_some() {
        tx.ausfuehren(&erledigt_sql("beitrag_id", id, wer)).await?;
    }
    super::suche::erneuern(&mut tx, thema).await?;
    a.schreiben(&mut tx, wer).await?;
    live(&mut tx, thema, wer).await?;
    tx.commit().await?;
    Ok(())
}

fn erledigt_sql(spalte: &str, id: i64, wer: &Akteur) -> Sql {
    let mut s = Sql::new("UPDATE forum_meldung SET erledigt_ms = ");
    s.bind(jetzt_ms()).push(", erledigt_von = ").bind(wer.oeffentlich.clone());
    s.push(" WHERE erledigt_ms IS NULL AND ").push(spalte).push(" = ").bind(id);
    s
}

/// A member reports a post (again: the new reason replaces the old and it is open again).
pub async fn melden(db: &Db, beitrag: i64, grund: &str, wer: &Akteur) -> Result<(), SchreibFehler> {
    let Some(benutzer) = wer.id else { return Err(SchreibFehler::Verboten) };
    let mut g = Sql::new("SELECT COUNT(*) FROM forum_beitrag WHERE id = ");
    g.bind(beitrag);
    if db.zahl(&g).await? == 0 {
        return Err(weg("Der Beitrag"));
    }
    let mut s = Sql::new("INSERT INTO forum_meldung (beitrag_id, benutzer_id, grund, erstellt_ms) VALUES (");
    s.bind(beitrag).push(", ").bind(benutzer).push(", ").bind(grund.to_string()).push(", ").bind(jetzt_ms());
    s.push(") ON CONFLICT (beitrag_id, benutzer_id) DO UPDATE SET grund = ").bind(grund.to_string());
    s.push(", erstellt_ms = ").bind(jetzt_ms()).push(", erledigt_ms = NULL, erledigt_von = NULL");
    db.transaktion(&[s]).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct GemeldetZeile {
    id: i64,
    beitrag_id: i64,
    thema_id: i64,
    betreff: String,
    grund: String,
    von: String,
    erstellt_ms: i64,
}

/// The open reports, oldest first.
pub async fn gemeldete(db: &Db) -> StoreResult<Vec<GemeldeterBeitrag>> {
    let s = Sql::new(
        "SELECT m.id, m.beitrag_id, p.thema_id, t.betreff, m.grund, u.name AS von, m.erstellt_ms \
         FROM forum_meldung m JOIN forum_beitrag p ON p.id = m.beitrag_id JOIN forum_thema t ON t.id = p.thema_id \
         JOIN benutzer u ON u.id = m.benutzer_id WHERE m.erledigt_ms IS NULL ORDER BY m.erstellt_ms, m.id LIMIT 200",
    );
    Ok(db
        .alle::<GemeldetZeile>(&s)
        .await?
        .into_iter()
        .map(|z| GemeldeterBeitrag {
            id: z.id,
            beitrag_id: z.beitrag_id,
            thema_id: z.thema_id,
            betreff: z.betreff,
            grund: z.grund,
            von: z.von,
            erstellt_ms: z.erstellt_ms,
        })
        .collect())
}

/// Closes a report without hiding the post (audited).
pub async fn erledigen(db: &Db, id: i64, wer: &Akteur) -> Result<(), SchreibFehler> {
    let mut tx = db.beginnen().await?;
    if tx.ausfuehren(&erledigt_sql("id", id, wer)).await? == 0 {
        return Err(weg("Die offene Meldung"));
    }
    let mut a = Aenderung::neu("forum_meldung", id, "Gemeldeter Beitrag");
    a.feld("erledigt", None, Some("ja".into()));
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(())
}
