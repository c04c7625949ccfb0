//! Server functions of the link check (coordination): the broken addresses and an address's
//! history. The state of single addresses is public through the Lösungsdatenbank.

use crate::error::AppError;
use crate::model::linkpruefung::{KaputteLinks, Verlauf};
use leptos::prelude::*;

/// The broken addresses per Kommune and per IT-Dienstleister.
#[server(prefix = "/api", endpoint = "linkpruefung")]
pub async fn linkpruefung_laden() -> Result<KaputteLinks, AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::LinkpruefungLesen)?;
    Ok(crate::store::linkpruefung::kaputte(&db()?).await?)
}

/// The last checks of one address, newest first.
#[server(prefix = "/api", endpoint = "link_verlauf")]
pub async fn link_verlauf(url: String) -> Result<Vec<Verlauf>, AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::LinkpruefungLesen)?;
    if url.len() > 2_000 {
        return Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu("url", "Die Adresse ist zu lang.")]));
    }
    let verlauf = crate::store::linkpruefung::verlauf(&db()?, &url, crate::model::linkpruefung::MAX_VERLAUF).await?;
    Ok(verlauf)
}
