//! Server functions of the Lösungsdatenbank (online services).

use crate::error::AppError;
use crate::model::filter::Trefferseite;
use crate::model::loesung::{OnlinedienstSeite, OnlinedienstZeile};
use leptos::prelude::*;

/// `query` is the page's URL query string; see [`crate::model::filter::KatalogAnfrage`].
#[server(prefix = "/api", endpoint = "loesungen")]
pub async fn loesungen_suchen(query: String) -> Result<Trefferseite<OnlinedienstZeile>, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    gemerkt("loesungen", a.to_query(), |db| async move { crate::store::loesung::suchen(&db, &a).await }).await
}

#[server(prefix = "/api", endpoint = "loesung")]
pub async fn loesung_laden(id: i64) -> Result<OnlinedienstSeite, AppError> {
    use super::ssr::*;
    let seite = crate::store::loesung::seite(&db()?, id).await?;
    gefunden(seite, "Der Online-Dienst")
}

/// A Kommune's staff (or the coordination) report the Kommune's use of a service: planned
/// from, in operation since (months), comment. `version` 0 = new; `entfernen` removes it.
#[server(prefix = "/api", endpoint = "nutzung_speichern")]
pub async fn nutzung_speichern(
    onlinedienst_id: i64,
    ags: String,
    version: i64,
    #[server(default)] geplant_ab: String,
    #[server(default)] in_betrieb_seit: String,
    #[server(default)] kommentar: String,
    #[server(default)] entfernen: String,
) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    use crate::model::roadmap::monat_feld;
    let person = pflicht(crate::model::konto::Recht::KommuneBearbeiten(&ags))?;
    let wer = crate::store::akteur::Akteur::von(&person);
    let db = db()?;
    if !entfernen.is_empty() {
        return Ok(crate::store::loesung::nutzung_speichern(&db, onlinedienst_id, &ags, version, None, &wer).await?);
    }
    let mut fehler = vec![];
    let mut monat = |feld: &str, wert: &str| monat_feld(feld, wert, &mut fehler);
    let geplant_ab = monat("geplant_ab", &geplant_ab);
    let in_betrieb_seit = monat("in_betrieb_seit", &in_betrieb_seit);
    let kommentar = begrenzt("kommentar", "Kommentar", kommentar, 500, &mut fehler);
    if fehler.is_empty() && geplant_ab.is_none() && in_betrieb_seit.is_none() {
        fehler.push(Feldfehler::neu("geplant_ab", "Bitte geben Sie „Anschluss geplant ab“ oder „in Betrieb seit“ an."));
    }
    eingabe_pruefen(fehler)?;
    let neu = crate::store::loesung::NutzungDaten { geplant_ab, in_betrieb_seit, kommentar };
    Ok(crate::store::loesung::nutzung_speichern(&db, onlinedienst_id, &ags, version, Some(&neu), &wer).await?)
}

/// Sets where a service counts as offered (the Bund-compatible coverage): Land-wide or where
/// Kommunen report it. Those who publish services (the coordination).
#[server(prefix = "/api", endpoint = "reichweite_setzen")]
pub async fn reichweite_setzen(
    id: i64,
    version: i64,
    #[server(flatten)] eingabe: crate::model::loesung::ReichweiteEingabe,
) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::SteckbriefePruefen)?;
    let reichweite = match eingabe.reichweite.trim() {
        "" => None,
        "land" => Some("land"),
        _ => {
            return Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu(
                "reichweite",
                "Bitte „landesweit“ oder „wo Kommunen ihn melden“ wählen.",
            )]));
        }
    };
    let wer = crate::store::akteur::Akteur::von(&person);
    Ok(crate::store::loesung::reichweite_setzen(&db()?, id, version, reichweite, &wer).await?)
}

/// The bottom-up figures of the Lösungsdatenbank (public).
#[server(prefix = "/api", endpoint = "bottom_up")]
pub async fn bottom_up_laden() -> Result<crate::model::loesung::umsetzung::BottomUp, AppError> {
    use super::ssr::*;
    gemerkt("bottom_up", String::new(), |db| async move { crate::store::loesung::bottom_up(&db).await }).await
}
