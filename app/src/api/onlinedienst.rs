//! Server functions of the Lösungsdatenbank (online services).

use crate::error::AppError;
use crate::model::filter::Trefferseite;
use crate::model::onlinedienst::{OnlinedienstSeite, OnlinedienstZeile};
use leptos::prelude::*;

/// `query` is the page's URL query string; see [`crate::model::filter::KatalogAnfrage`].
#[server(prefix = "/api", endpoint = "loesungen")]
pub async fn loesungen_suchen(query: String) -> Result<Trefferseite<OnlinedienstZeile>, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    crate::store::onlinedienst::suchen(&db()?, &a).await.map_err(db_fehler)
}

#[server(prefix = "/api", endpoint = "loesung")]
pub async fn loesung_laden(id: i64) -> Result<OnlinedienstSeite, AppError> {
    use super::ssr::*;
    let seite = crate::store::onlinedienst::seite(&db()?, id).await.map_err(db_fehler)?;
    gefunden(seite, "Der Online-Dienst")
}
