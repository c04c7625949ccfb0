//! Server functions of the OZG catalog and the Themenfeld map.

use crate::error::AppError;
use crate::model::Kennzahlen;
use crate::model::filter::Trefferseite;
use crate::model::leistung::*;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "kennzahlen")]
pub async fn kennzahlen_laden() -> Result<Kennzahlen, AppError> {
    use super::ssr::*;
    gemerkt("kennzahlen", String::new(), |db| async move { crate::store::leistung::kennzahlen(&db).await }).await
}

#[server(prefix = "/api", endpoint = "landkarte")]
pub async fn landkarte_laden() -> Result<Vec<ThemenfeldKennzahlen>, AppError> {
    use super::ssr::*;
    gemerkt("landkarte", String::new(), |db| async move { crate::store::leistung::themenfelder_kennzahlen(&db).await })
        .await
}

/// `query` is the page's URL query string; see [`crate::model::filter::KatalogAnfrage`].
#[server(prefix = "/api", endpoint = "leistungen")]
pub async fn leistungen_suchen(query: String) -> Result<Trefferseite<LeistungZeile>, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    gemerkt("leistungen", a.to_query(), |db| async move { crate::store::leistung::leistungen(&db, &a).await }).await
}

#[server(prefix = "/api", endpoint = "leistung")]
pub async fn leistung_laden(ozg_id: String) -> Result<LeistungSeite, AppError> {
    use super::ssr::*;
    let id = crate::model::ids::OzgId::parse(&ozg_id)?;
    let seite = crate::store::leistung::leistung_seite(&db()?, i64::from(id.get())).await.map_err(AppError::from)?;
    gefunden(seite, &format!("Die OZG-Leistung {id}"))
}

#[server(prefix = "/api", endpoint = "leika")]
pub async fn leika_suchen(query: String) -> Result<Trefferseite<LeikaZeile>, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    gemerkt("leika", a.to_query(), |db| async move { crate::store::leistung::leika(&db, &a).await }).await
}
