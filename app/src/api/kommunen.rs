//! Server functions of Gemeinden and Kreise.

use crate::error::AppError;
use crate::model::filter::Trefferseite;
use crate::model::kommune::*;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "kommunen")]
pub async fn kommunen_suchen(query: String) -> Result<Trefferseite<KommuneZeile>, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    crate::store::kommune::kommunen(&db()?, &a).await.map_err(db_fehler)
}

#[server(prefix = "/api", endpoint = "kommune")]
pub async fn kommune_laden(ags: String) -> Result<KommuneSeite, AppError> {
    use super::ssr::*;
    let ags = crate::model::ids::Ags::parse(&ags).map_err(|e| melden(AppError::Ungueltig(e.to_string())))?;
    let seite = crate::store::kommune::kommune_seite(&db()?, ags.as_str()).await.map_err(db_fehler)?;
    gefunden(seite, &format!("Die Kommune mit dem AGS {ags}"))
}

#[server(prefix = "/api", endpoint = "kreise")]
pub async fn kreise_laden() -> Result<Vec<Kreis>, AppError> {
    use super::ssr::*;
    crate::store::kommune::kreise(&db()?).await.map_err(db_fehler)
}

#[server(prefix = "/api", endpoint = "kreis")]
pub async fn kreis_laden(ags: String) -> Result<KreisSeite, AppError> {
    use super::ssr::*;
    let ags = crate::model::ids::KreisAgs::parse(&ags).map_err(|e| melden(AppError::Ungueltig(e.to_string())))?;
    let seite = crate::store::kommune::kreis_seite(&db()?, ags.as_str()).await.map_err(db_fehler)?;
    gefunden(seite, &format!("Der Kreis mit dem Schlüssel {ags}"))
}
