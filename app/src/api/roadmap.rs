//! The roadmap of Umsetzungsprojekte.

use crate::error::AppError;
use crate::model::roadmap::Roadmap;
use leptos::prelude::*;

/// `query` is the page's URL query string (`tf`, `nicht_tf`, `status`, `nicht_status`, `sort`,
/// `ab`). Statuses are derived for today's date on the server.
#[server(prefix = "/api", endpoint = "roadmap")]
pub async fn roadmap_laden(query: String) -> Result<Roadmap, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    let heute = chrono::Utc::now().date_naive();
    crate::store::roadmap::roadmap(&db()?, &a, heute).await.map_err(db_fehler)
}
