//! Coordinators maintain the Digitalisierungslabore of a Themenfeld.

use super::akteur::Akteur;
use super::protokoll::{Aenderung, konflikt_meldung, versioniert_schreiben};
use super::{Db, SchreibFehler, Sql};
use crate::model::leistung::Labor;

/// Labs added in the portal get ids from here on, clear of the rows of the slide file.
const ERSTE_EIGENE_ID: i64 = 1000;

async fn laden(db: &Db, id: i64) -> Result<(Labor, String), SchreibFehler> {
    #[derive(sqlx::FromRow)]
    struct Z {
        #[sqlx(flatten)]
        labor: Labor,
        slug: String,
    }
    let mut sql = Sql::new(
        "SELECT l.id, l.themenfeld_id, l.ozg_id, l.titel, l.status, l.hinweis, l.quelle, l.version, t.slug \
         FROM labor l JOIN themenfeld t ON t.id = l.themenfeld_id WHERE l.id = ",
    );
    sql.bind(id);
    let z = db.eine::<Z>(&sql).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Das Labor".into()))?;
    Ok((z.labor, z.slug))
}

/// Changes status and note of a lab, based on the version the form showed.
pub async fn aendern(
    db: &Db,
    id: i64,
    version: i64,
    status: &str,
    hinweis: Option<String>,
    wer: &Akteur,
) -> Result<(), SchreibFehler> {
    let (alt, slug) = laden(db, id).await?;
    let pid = format!("{slug}/{id}");
    let was = format!("Das Labor „{}“", alt.titel);
    if alt.version != version {
        return Err(SchreibFehler::Konflikt(konflikt_meldung(db, "labor", &pid, &was).await));
    }
    let mut a = Aenderung::neu("labor", &pid, &alt.titel);
    a.feld("status", Some(alt.status.clone()), Some(status.to_string())).feld(
        "hinweis",
        alt.hinweis.clone(),
        hinweis.clone(),
    );
    if a.ist_leer() {
        return Ok(());
    }
    let mut s = Sql::new("UPDATE labor SET status = ");
    s.bind(status).push(", hinweis = ").bind(hinweis).push(", version = version + 1 WHERE id = ").bind(id);
    s.push(" AND version = ").bind(version);
    versioniert_schreiben(db, &s, &a, wer, &was).await
}

/// A new lab in a Themenfeld (by slug); returns its id.
pub async fn anlegen(
    db: &Db,
    slug: &str,
    titel: &str,
    ozg_id: Option<i64>,
    status: &str,
    hinweis: Option<String>,
    wer: &Akteur,
) -> Result<i64, SchreibFehler> {
    let mut q = Sql::new("SELECT id FROM themenfeld WHERE slug = ");
    q.bind(slug);
    #[derive(sqlx::FromRow)]
    struct Id {
        id: i64,
    }
    let tf =
        db.eine::<Id>(&q).await?.ok_or_else(|| SchreibFehler::NichtGefunden(format!("Das Themenfeld „{slug}“")))?.id;
    let mut tx = db.beginnen().await?;
    // The id is computed inside the INSERT, so two coordinators adding at once cannot both take
    // the same one unnoticed: the primary key refuses the second, and nothing is half-written.
    let mut s = Sql::new(&format!(
        "INSERT INTO labor (id, themenfeld_id, ozg_id, titel, status, hinweis, quelle) \
         SELECT MAX(x) + 1, {tf}, "
    ));
    s.bind(ozg_id).push(", ").bind(titel).push(", ").bind(status).push(", ").bind(hinweis.clone());
    s.push(", ").bind(format!("Eingetragen von {}", wer.oeffentlich));
    s.push(&format!(
        " FROM (SELECT MAX(id) AS x FROM labor UNION ALL SELECT {} AS x) m RETURNING id",
        ERSTE_EIGENE_ID - 1
    ));
    let id = tx.zahl(&s).await?;
    let mut a = Aenderung::neu("labor", format!("{slug}/{id}"), titel);
    a.feld("titel", None, Some(titel.to_string()))
        .feld("ozg_id", None, ozg_id.map(|o| o.to_string()))
        .feld("status", None, Some(status.to_string()))
        .feld("hinweis", None, hinweis);
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(id)
}
