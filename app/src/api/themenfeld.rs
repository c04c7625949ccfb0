//! A Themenfeld page and the coordinators' edits of it.

use crate::error::AppError;
use crate::model::leistung::ThemenfeldSeite;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "themenfeld")]
pub async fn themenfeld_laden(slug: String) -> Result<ThemenfeldSeite, AppError> {
    use super::ssr::*;
    let mit_kontakt = anfrager().person.is_some();
    let seite = crate::store::leistung::themenfeld_seite(&db()?, &slug, mit_kontakt).await.map_err(db_fehler)?;
    gefunden(seite, "Dieses Themenfeld")
}

/// Saves coordination and workshop of a Themenfeld; returns the new version.
#[server(prefix = "/api", endpoint = "themenfeld_speichern")]
pub async fn themenfeld_speichern(
    slug: String,
    version: i64,
    koordination: String,
    workshop_datum: String,
    workshop_ort: String,
    workshop_hinweis: String,
) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    use crate::store::themenfeld::{ThemenfeldAenderung, aendern};
    let person = pflicht(crate::model::konto::Recht::ThemenfeldBearbeiten)?;
    let mut fehler = vec![];
    let koordination = begrenzt("koordination", "Themenfeld-Koordination", koordination, 200, &mut fehler);
    let workshop_ort = begrenzt("workshop_ort", "Ort", workshop_ort, 200, &mut fehler);
    let workshop_hinweis = begrenzt("workshop_hinweis", "Hinweis", workshop_hinweis, 1000, &mut fehler);
    let workshop_datum = match text(workshop_datum) {
        None => None,
        Some(d) => match chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
            Ok(d) if (2017..=2040).contains(&chrono::Datelike::year(&d)) => Some(d),
            Ok(_) => {
                fehler.push(Feldfehler::neu("workshop_datum", "Das Datum muss zwischen 2017 und 2040 liegen."));
                None
            }
            Err(_) => {
                fehler.push(Feldfehler::neu(
                    "workshop_datum",
                    format!("„{d}“ ist kein Datum. Bitte im Format TT.MM.JJJJ angeben."),
                ));
                None
            }
        },
    };
    eingabe_pruefen(fehler)?;
    let neu = ThemenfeldAenderung { slug, version, koordination, workshop_datum, workshop_ort, workshop_hinweis };
    aendern(&db()?, &neu, &crate::store::protokoll::Akteur::von(&person)).await.map_err(schreib_fehler)
}
