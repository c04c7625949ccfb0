//! Server functions of the Steckbriefe: submit (Kommune, coordination), list and read
//! (logged in), decide (coordination).

use crate::error::AppError;
use crate::model::steckbrief::{Steckbrief, SteckbriefStatus};
use leptos::prelude::*;

/// Submits a Steckbrief, or with `id` and `version` resubmits a revised one (still in review or
/// returned); returns its id. Form problems come back per field; each key that is well-formed
/// but not in the LeiKa catalog is named at the key field.
#[server(prefix = "/api", endpoint = "steckbrief_einreichen")]
pub async fn steckbrief_einreichen(
    #[server(default)] id: Option<i64>,
    #[server(default)] version: i64,
    #[server(flatten)] eingabe: crate::model::steckbrief::SteckbriefEingabe,
) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    use crate::model::steckbrief::schluessel_meldung;
    let person = pflicht(crate::model::konto::Recht::SteckbriefEinreichen)?;
    let db = db()?;
    let daten = eingabe.pruefen().map_err(AppError::Eingabe)?;
    let unbekannt = crate::store::steckbrief::unbekannte_schluessel(&db, &daten.leika).await?;
    if !unbekannt.is_empty() {
        let meldung = schluessel_meldung(&unbekannt, "ist nicht im LeiKa-Katalog");
        return Err(AppError::Eingabe(vec![Feldfehler::neu("leika", meldung)]));
    }
    let wer = crate::store::akteur::Akteur::von(&person);
    match id {
        None => Ok(crate::store::steckbrief::einreichen(&db, &daten, person.kommune_ags.clone(), &wer).await?),
        Some(id) => {
            // Only who may read it may revise it (the submitter's Kommune, or the coordination).
            let s = crate::store::steckbrief::laden(&db, id).await?;
            let s = gefunden(s.filter(|s| eigen(s, &person)), "Der Steckbrief")?;
            Ok(crate::store::steckbrief::ueberarbeiten(&db, s.id, version, &daten, &wer).await?)
        }
    }
}

/// Whether the person may read (and revise) the Steckbrief: their own, their Kommune's, or any
/// for the coordination.
#[cfg(feature = "ssr")]
fn eigen(s: &Steckbrief, person: &crate::model::konto::Angemeldet) -> bool {
    s.eingereicht_von == Some(person.id)
        || (s.kommune_ags.is_some() && s.kommune_ags == person.kommune_ags)
        || person.darf(crate::model::konto::Recht::SteckbriefePruefen)
}

/// The Steckbriefe the caller may see: the coordination all, Kommune staff their Kommune's.
#[server(prefix = "/api", endpoint = "steckbriefe")]
pub async fn steckbriefe_laden() -> Result<Vec<Steckbrief>, AppError> {
    use super::ssr::*;
    use crate::store::steckbrief::Sicht;
    let person = angemeldet()?;
    Ok(crate::store::steckbrief::liste(&db()?, &Sicht::fuer(&person)).await?)
}

#[server(prefix = "/api", endpoint = "steckbrief")]
pub async fn steckbrief_laden(id: i64) -> Result<Steckbrief, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let s = crate::store::steckbrief::laden(&db()?, id).await?;
    let s = gefunden(s, "Der Steckbrief")?;
    // Another Kommune's Steckbrief in review is not theirs to read (published ones are in the
    // Lösungsdatenbank anyway); answer as if it did not exist.
    gefunden(Some(s).filter(|s| eigen(s, &person)), "Der Steckbrief")
}

/// The coordination publishes (`veroeffentlichen = true`) or returns a Steckbrief with a comment.
#[server(prefix = "/api", endpoint = "steckbrief_entscheiden")]
pub async fn steckbrief_entscheiden(
    id: i64,
    version: i64,
    entscheidung: String,
    #[server(default)] kommentar: String,
) -> Result<SteckbriefStatus, AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    let person = pflicht(crate::model::konto::Recht::SteckbriefePruefen)?;
    let mut fehler = vec![];
    let kommentar = begrenzt("kommentar", "Kommentar", kommentar, 1000, &mut fehler);
    let veroeffentlichen = match entscheidung.as_str() {
        "veroeffentlichen" => true,
        "zurueckgeben" => {
            if kommentar.is_none() {
                fehler.push(Feldfehler::neu("kommentar", "Bitte begründen Sie die Rückgabe im Kommentar."));
            }
            false
        }
        _ => {
            fehler.push(Feldfehler::neu("entscheidung", "Unbekannte Entscheidung."));
            false
        }
    };
    eingabe_pruefen(fehler)?;
    Ok(crate::store::steckbrief::entscheiden(
        &db()?,
        id,
        version,
        veroeffentlichen,
        kommentar,
        &crate::store::akteur::Akteur::von(&person),
    )
    .await?)
}
