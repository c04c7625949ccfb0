//! Charts as SVG documents rendered by the server from the current data: usable as an image in
//! the portal, in slides and in documents. The page beside each shows the same figures as text.

use app::store::{self, Db};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn handler(
    State(db): State<Db>,
    State(sicherheit): State<crate::sicherheit::Sicherheit>,
    kopf: axum::http::HeaderMap,
    Path(datei): Path<String>,
) -> Response {
    if let Some(code) = datei.strip_prefix("workshop-").and_then(|d| d.strip_suffix(".svg")) {
        return workshop_qr(&sicherheit.basis(&kopf), code);
    }
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

/// The join link of a workshop session as a QR code: what the projector shows beside the code.
/// Any well-formed code gets its picture (no lookup: the picture tells nothing the code does not).
fn workshop_qr(basis: &str, code: &str) -> Response {
    let Some(code) = app::model::workshop::Code::parse(code) else {
        return (StatusCode::NOT_FOUND, "Unbekannte Grafik.").into_response();
    };
    let url = format!("{basis}{}", app::pfad::workshop(&code));
    match qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M) {
        Ok(qr) => {
            let svg = qr
                .render::<qrcode::render::svg::Color>()
                .min_dimensions(240, 240)
                .dark_color(qrcode::render::svg::Color("#000000"))
                .light_color(qrcode::render::svg::Color("#ffffff"))
                .build();
            ([(header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], svg)
                .into_response()
        }
        Err(e) => {
            tracing::error!(error = %e, "QR-Code nicht erzeugbar");
            (StatusCode::NOT_FOUND, "Unbekannte Grafik.").into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn qr_code_only_for_well_formed_codes() {
        assert_eq!(super::workshop_qr("https://ozg.example", "ABC23Z").status(), axum::http::StatusCode::OK);
        assert_eq!(super::workshop_qr("https://ozg.example", "../etc").status(), axum::http::StatusCode::NOT_FOUND);
    }
}
