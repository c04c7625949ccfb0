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
    let heute = heute();
    let grundlage =
        gemerkt("karte", heute.to_string(), move |db| async move { crate::store::karte::grundlage(&db, heute).await })
            .await?;
    let geo = crate::store::karte::geometrie::geometrie().map_err(|e| AppError::Intern(e.to_string()))?;
    gefunden(crate::store::karte::ansicht(&grundlage, geo, a, crate::store::jetzt_ms()), "Das Gebiet")
}
