//! Server functions of the Zuständigkeit je Größenklasse (see [`crate::model::zustaendigkeit`]).

use crate::error::AppError;
use crate::model::zustaendigkeit::{ZustaendigkeitEingabe, ZustaendigkeitSeite};
use leptos::prelude::*;

/// The Leistungen of a Themenfeld with their kept Zuständigkeit (public: no personal data).
#[server(prefix = "/api", endpoint = "zustaendigkeit")]
pub async fn zustaendigkeit_laden(slug: String) -> Result<ZustaendigkeitSeite, AppError> {
    use super::ssr::*;
    gefunden(crate::store::zustaendigkeit::laden(&db()?, &slug).await?, "Das Themenfeld")
}

/// Saves the bulk edit of one Themenfeld (the coordination); returns how many Leistungen
/// changed. Every row's message stands at its source field; a stale row refuses the whole form.
#[server(prefix = "/api", endpoint = "zustaendigkeit_speichern")]
pub async fn zustaendigkeit_speichern(#[server(flatten)] eingabe: ZustaendigkeitEingabe) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::ZustaendigkeitPflegen)?;
    let zeilen = eingabe.lesen().map_err(AppError::Eingabe)?;
    let db = db()?;
    let seite = gefunden(crate::store::zustaendigkeit::laden(&db, &eingabe.themenfeld).await?, "Das Themenfeld")?;
    if let Some(fremd) = zeilen.iter().find(|z| !seite.zeilen.iter().any(|x| x.ozg_id == z.ozg_id)) {
        let m = format!("Die OZG-Leistung {} gehört nicht zum Themenfeld „{}“.", fremd.ozg_id, seite.themenfeld);
        return Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu("zeilen", m)]));
    }
    let wer = crate::store::akteur::Akteur::von(&person);
    let n = crate::store::zustaendigkeit::speichern(&db, &seite, &zeilen, &wer).await?;
    Ok(crate::model::anzahl(n))
}
