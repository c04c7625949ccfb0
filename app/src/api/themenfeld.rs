//! A Themenfeld page and the coordinators' edits of it.

use crate::error::AppError;
use crate::model::leistung::ThemenfeldSeite;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "themenfeld")]
pub async fn themenfeld_laden(slug: String) -> Result<ThemenfeldSeite, AppError> {
    use super::ssr::*;
    let leser = anfrager().person;
    let seite = crate::store::themenfeld::themenfeld_seite(&db()?, &slug, leser.as_ref()).await?;
    gefunden(seite, "Dieses Themenfeld")
}

/// Saves the coordination of a Themenfeld; returns the new version. (Its workshops are
/// Veranstaltungen: `api::veranstaltung`.)
#[server(prefix = "/api", endpoint = "themenfeld_speichern")]
pub async fn themenfeld_speichern(slug: String, version: i64, koordination: String) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::store::themenfeld::{ThemenfeldAenderung, aendern};
    let person = pflicht(crate::model::konto::Recht::ThemenfeldBearbeiten)?;
    let mut fehler = vec![];
    let koordination = begrenzt("koordination", "Themenfeld-Koordination", koordination, 200, &mut fehler);
    eingabe_pruefen(fehler)?;
    let neu = ThemenfeldAenderung { slug, version, koordination };
    Ok(aendern(&db()?, &neu, &crate::store::akteur::Akteur::von(&person)).await?)
}

#[cfg(feature = "ssr")]
fn status_pruefen(status: &str, fehler: &mut Vec<crate::error::Feldfehler>) {
    if !crate::model::leistung::LABOR_STATUS.contains(&status) {
        fehler.push(crate::error::Feldfehler::neu(
            "status",
            format!(
                "„{status}“ ist kein Status eines Labors (erlaubt: {}).",
                crate::model::leistung::LABOR_STATUS.join(", ")
            ),
        ));
    }
}

/// Changes status and note of a Digitalisierungslabor.
#[server(prefix = "/api", endpoint = "labor_speichern")]
pub async fn labor_speichern(id: i64, version: i64, status: String, hinweis: String) -> Result<(), AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::ThemenfeldBearbeiten)?;
    let mut fehler = vec![];
    status_pruefen(&status, &mut fehler);
    let hinweis = begrenzt("hinweis", "Hinweis", hinweis, 500, &mut fehler);
    eingabe_pruefen(fehler)?;
    Ok(crate::store::labor::aendern(&db()?, id, version, &status, hinweis, &crate::store::akteur::Akteur::von(&person))
        .await?)
}

/// Adds a Digitalisierungslabor to a Themenfeld; returns its id.
#[server(prefix = "/api", endpoint = "labor_anlegen")]
pub async fn labor_anlegen(
    slug: String,
    titel: String,
    ozg_id: String,
    status: String,
    hinweis: String,
) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    let person = pflicht(crate::model::konto::Recht::ThemenfeldBearbeiten)?;
    let db = db()?;
    let mut fehler = vec![];
    let titel = begrenzt("titel", "Titel", titel, 200, &mut fehler);
    if titel.is_none() {
        fehler.push(Feldfehler::neu("titel", "Bitte geben Sie den Titel des Labors an."));
    }
    let ozg = match text(ozg_id) {
        None => None,
        Some(o) => match crate::model::ids::OzgId::parse(&o) {
            Ok(id) => {
                let id = i64::from(id.get());
                match crate::store::leistung::existiert(&db, id).await? {
                    true => Some(id),
                    false => {
                        fehler
                            .push(Feldfehler::neu("ozg_id", format!("Die OZG-Leistung {id} steht nicht im Katalog.")));
                        None
                    }
                }
            }
            Err(e) => {
                fehler.push(Feldfehler::neu("ozg_id", e));
                None
            }
        },
    };
    status_pruefen(&status, &mut fehler);
    let hinweis = begrenzt("hinweis", "Hinweis", hinweis, 500, &mut fehler);
    eingabe_pruefen(fehler)?;
    Ok(crate::store::labor::anlegen(
        &db,
        &slug,
        &titel.unwrap_or_default(),
        ozg,
        &status,
        hinweis,
        &crate::store::akteur::Akteur::von(&person),
    )
    .await?)
}
