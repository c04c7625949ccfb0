//! Charts as SVG documents rendered by the server from the current data: usable as an image in
//! the portal, in slides and in documents. The page beside each shows the same figures as text.

use app::store::{self, Db};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn handler(State(db): State<Db>, Path(datei): Path<String>) -> Response {
    match datei.as_str() {
        "anbieter.svg" => match store::loesung::bottom_up(&db).await {
            Ok(b) => {
                let svg = app::model::loesung::umsetzung::balken_svg(
                    "Relevante OZG-Leistungen mit Online-Dienst nach Zahl der Anbieter",
                    &b.verteilung(),
                );
                ([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"), (header::CACHE_CONTROL, "no-cache")], svg)
                    .into_response()
            }
            Err(e) => {
                tracing::error!(error = %e, "Grafik: Datenbankfehler");
                (StatusCode::SERVICE_UNAVAILABLE, "Die Grafik ist gerade nicht verfügbar.").into_response()
            }
        },
        _ => (StatusCode::NOT_FOUND, "Unbekannte Grafik.").into_response(),
    }
}
