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
    let mut a = crate::model::karte::KartenAnfrage::aus_query(&query);
    let heute = heute();
    let grundlage =
        gemerkt("karte", heute.to_string(), move |db| async move { crate::store::karte::grundlage(&db, heute).await })
            .await?;
    let geo = crate::store::karte::geometrie::geometrie().map_err(|e| AppError::Intern(e.to_string()))?;
    // "Kommune finden": its Kreis, with the Gemeinde highlighted.
    let gesucht = finden_text(&query);
    let treffer = gesucht.as_deref().and_then(|t| crate::store::karte::finden(&grundlage, t));
    if let Some(g) = treffer {
        a.gebiet = g.kreis_ags.clone();
        a.markiert = Some(g.ags.clone());
    }
    let karte = crate::store::karte::zusammenstellen(&grundlage, geo, &a, crate::store::jetzt_ms());
    let mut karte = gefunden(karte, "Das Gebiet")?;
    karte.hinweis = match (gesucht, treffer) {
        (Some(t), None) => Some(format!("Keine Gemeinde „{t}“ gefunden.")),
        (Some(_), Some(g)) => Some(format!("Gefunden: {}.", g.name)),
        _ => None,
    };
    Ok(karte)
}

/// The "Kommune finden" text of the query (`finden=`), if any.
#[cfg(feature = "ssr")]
fn finden_text(query: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .unwrap_or_default()
        .into_iter()
        .find(|(k, v)| k == "finden" && !v.trim().is_empty())
        .map(|(_, v)| v.trim().chars().take(100).collect())
}
