//! Coordinators edit a Themenfeld: coordination and workshop.

use super::protokoll::{Aenderung, Akteur, konflikt_meldung, versioniert_schreiben};
use super::{Db, SchreibFehler, Sql};
use crate::model::leistung::Themenfeld;
use chrono::NaiveDate;

/// The editable fields, with the version the form was based on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemenfeldAenderung {
    pub slug: String,
    pub version: i64,
    pub koordination: Option<String>,
    pub workshop_datum: Option<NaiveDate>,
    pub workshop_ort: Option<String>,
    pub workshop_hinweis: Option<String>,
}

/// Saves the change and its audit entries in one transaction; refuses a stale version.
/// Returns the new version.
pub async fn aendern(db: &Db, neu: &ThemenfeldAenderung, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let mut sql = Sql::new(
        "SELECT id, name, slug, koordination, workshop_datum, workshop_ort, workshop_hinweis, quelle, version \
         FROM themenfeld WHERE slug = ",
    );
    sql.bind(neu.slug.clone());
    let alt = db
        .eine::<Themenfeld>(&sql)
        .await?
        .ok_or_else(|| SchreibFehler::NichtGefunden(format!("Das Themenfeld „{}“", neu.slug)))?;
    let was = format!("Das Themenfeld „{}“", alt.name);
    if alt.version != neu.version {
        return Err(SchreibFehler::Konflikt(konflikt_meldung(db, "themenfeld", &alt.slug, &was).await));
    }
    let datum = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let mut a = Aenderung::neu("themenfeld", &alt.slug, &alt.name);
    a.feld("koordination", alt.koordination.clone(), neu.koordination.clone())
        .feld("workshop_datum", datum(alt.workshop_datum), datum(neu.workshop_datum))
        .feld("workshop_ort", alt.workshop_ort.clone(), neu.workshop_ort.clone())
        .feld("workshop_hinweis", alt.workshop_hinweis.clone(), neu.workshop_hinweis.clone());
    if a.ist_leer() {
        return Ok(alt.version);
    }
    let mut s = Sql::new("UPDATE themenfeld SET koordination = ");
    s.bind(neu.koordination.clone()).push(", workshop_datum = ").bind(neu.workshop_datum);
    s.push(", workshop_ort = ").bind(neu.workshop_ort.clone());
    s.push(", workshop_hinweis = ").bind(neu.workshop_hinweis.clone());
    s.push(", version = version + 1 WHERE id = ").bind(alt.id).push(" AND version = ").bind(neu.version);
    // Between the read above and here another save may have won: the version guard decides.
    versioniert_schreiben(db, &s, &a, wer, &was).await?;
    Ok(neu.version + 1)
}
