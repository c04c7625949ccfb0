//! Managing the boards: the moderation opens one for a Digitalisierungslabor (slug `labor-{id}`,
//! in the lab's Themenfeld, one per lab); the operator opens a board for public reading or
//! closes it again. Both audited; board lists are counted tables, so cached pages follow.

use super::super::{Db, SchreibFehler, Sql, StoreResult, akteur::Akteur, protokoll::Aenderung};

fn weg(was: &str) -> SchreibFehler {
    SchreibFehler::NichtGefunden(was.into())
}

/// The slug of a lab's board.
pub fn labor_slug(labor: i64) -> String {
    format!("labor-{labor}")
}

/// Labs without a board yet (id, title), for the moderation's form.
pub async fn labore_ohne_brett(db: &Db) -> StoreResult<Vec<(i64, String)>> {
    let s = Sql::new(
        "SELECT l.id, l.titel FROM labor l WHERE NOT EXISTS (SELECT 1 FROM forum_brett b \
         WHERE b.slug = 'labor-' || CAST(l.id AS TEXT)) ORDER BY l.titel, l.id",
    );
    db.alle::<(i64, String)>(&s).await
}

/// Opens the board of a lab; returns its slug. A second one for the same lab is refused (409),
/// also when two moderators click at once (the slug is unique).
pub async fn labor_brett(
    db: &Db,
    labor: i64,
    beschreibung: Option<String>,
    wer: &Akteur,
) -> Result<String, SchreibFehler> {
    let mut l = Sql::new("SELECT titel, themenfeld_id FROM labor WHERE id = ");
    l.bind(labor);
    let (titel, themenfeld) = db.eine::<(String, i64)>(&l).await?.ok_or_else(|| weg("Das Digitalisierungslabor"))?;
    let slug = labor_slug(labor);
    let titel = format!("Digitalisierungslabor: {titel}");
    let mut s = Sql::new("INSERT INTO forum_brett (slug, titel, beschreibung, themenfeld_id, reihenfolge) VALUES (");
    s.bind(slug.clone()).push(", ").bind(titel.clone()).push(", ").bind(beschreibung).push(", ").bind(themenfeld);
    s.push(", (SELECT COALESCE(MAX(reihenfolge), 0) + 1 FROM forum_brett)) ON CONFLICT (slug) DO NOTHING RETURNING id");
    let mut tx = db.beginnen().await?;
    let Some((id,)) = tx.eine::<(i64,)>(&s).await? else {
        return Err(SchreibFehler::Abgelehnt("Für dieses Digitalisierungslabor gibt es schon ein Forum.".into()));
    };
    let mut a = Aenderung::neu("forum_brett", id, &titel);
    a.feld("eroeffnet", None, Some(slug.clone()));
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(slug)
}

/// Opens a board for public reading (`an`) or closes it to logged-in readers again; what is
/// already so changes nothing.
pub async fn oeffentlich(db: &Db, slug: &str, an: bool, wer: &Akteur) -> Result<(), SchreibFehler> {
    let mut s = Sql::new("SELECT id, titel, oeffentlich FROM forum_brett WHERE slug = ");
    s.bind(slug.to_string());
    let (id, titel, alt) = db.eine::<(i64, String, bool)>(&s).await?.ok_or_else(|| weg("Das Forum"))?;
    if alt == an {
        return Ok(());
    }
    let ja_nein = |b: bool| Some(if b { "ja" } else { "nein" }.to_string());
    let mut a = Aenderung::neu("forum_brett", id, &titel);
    a.feld("oeffentlich", ja_nein(alt), ja_nein(an));
    let mut u = Sql::new("UPDATE forum_brett SET oeffentlich = ");
    u.bind(an).push(", version = version + 1 WHERE id = ").bind(id);
    let mut tx = db.beginnen().await?;
    tx.ausfuehren(&u).await?;
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(())
}
