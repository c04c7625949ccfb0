//! Server function of the NRW-Karte (public read): one view of the map, from the query string
//! of `/karte` (so that the page, its links and the exports read the state the same way).

use crate::error::AppError;
use crate::model::karte::Karte;
use leptos::prelude::*;

/// Longest query string read; a map's state fits in far less.
pub const MAX_QUERY: usize = 500;

/// The map for the state in `query` (the query string of `/karte`); unknown values fall back
/// to the defaults, an unknown area is "nicht gefunden".
#[server(prefix = "/api", endpoint = "karte")]
pub async fn karte_laden(query: String) -> Result<Karte, AppError> {
    use super::ssr::*;
    if query.len() > MAX_QUERY {
        return Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu(
            "query",
            "Die Adresse der Karte ist zu lang.",
        )]));
    }
    let a = crate::model::karte::KartenAnfrage::aus_query(&query);
    let speicher = use_context::<crate::store::abfragespeicher::Abfragespeicher>()
        .unwrap_or_else(|| crate::store::abfragespeicher::Abfragespeicher::neu(0));
    let gelesen = use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<crate::store::abfragespeicher::GelesenVorDemRendern>().copied());
    let karte = crate::store::karte::karte(&db()?, &speicher, gelesen, a, heute(), crate::store::jetzt_ms()).await?;
    gefunden(karte, "Das Gebiet")
}
