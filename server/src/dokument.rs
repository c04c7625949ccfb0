//! Downloads of the document library: `/dokumente/datei/<fassung>/<dateiname>`. The type is the
//! one recognised from the content at upload; only PDF and images are shown in the browser,
//! everything else (HTML, Office, XML, ZIP) comes as an attachment; `nosniff` and a sandbox CSP
//! keep an uploaded file from ever running as part of the portal (PDFs: see [`csp`]).

use app::store::{self, Db};
use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Files held in memory at once. A file is read whole (at most 5 MB: neither SQLite nor
/// PostgreSQL's compressed TOAST reads part of a value cheaply), so this bounds what a flood
/// of downloads can take: 32 × 5 MB. A place is held until the last byte is handed to the
/// connection.
const GLEICHZEITIG: usize = 32;
static ABRUFE: LazyLock<std::sync::Arc<Semaphore>> =
    LazyLock::new(|| std::sync::Arc::new(Semaphore::new(GLEICHZEITIG)));
/// How long a download waits for a place before it is told to come back.
const WARTEZEIT: Duration = Duration::from_secs(5);
/// The piece handed to the connection at a time.
const STUECK: usize = 64 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum DateiFehler {
    #[error("Diese Datei gibt es nicht (mehr). Die Seite des Dokuments nennt alle Fassungen.")]
    Unbekannt,
    #[error("Die Datei ist gerade nicht abrufbar: Die Datenbank antwortet nicht.")]
    Datenbank(#[from] store::StoreError),
    #[error("Gerade werden sehr viele Dateien abgerufen. Bitte versuchen Sie es in einigen Sekunden erneut.")]
    Ueberlastet,
}

impl IntoResponse for DateiFehler {
    fn into_response(self) -> Response {
        let status = match &self {
            DateiFehler::Unbekannt => StatusCode::NOT_FOUND,
            DateiFehler::Datenbank(e) => {
                tracing::error!(error = %e, "Dokument: Datenbankfehler");
                StatusCode::SERVICE_UNAVAILABLE
            }
            DateiFehler::Ueberlastet => StatusCode::SERVICE_UNAVAILABLE,
        };
        let warten = WARTEZEIT.as_secs().to_string();
        let kopf = [(header::CONTENT_TYPE, "text/plain; charset=utf-8".to_string()), (header::RETRY_AFTER, warten)];
        (status, kopf, self.to_string()).into_response()
    }
}

/// `Content-Disposition` with the name as ASCII fallback and as RFC 5987 UTF-8.
fn disposition(art: &str, name: &str) -> String {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_alphanumeric() || "-_.".contains(c) { c } else { '_' }).collect();
    let utf8: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect();
    format!("{art}; filename=\"{ascii}\"; filename*=UTF-8''{utf8}")
}

/// Chromium's PDF viewer refuses to start in a sandboxed document, and no sandbox token allows it
/// (crbug 41131921), so a PDF gets a policy without `sandbox` but without scripts or frames for
/// anything else: its type is pinned by the content check and `nosniff`, so it can never be read
/// as HTML, and the viewer runs PDF scripts outside the portal's origin.
fn csp(format: app::model::dokument::Format) -> &'static str {
    match format {
        app::model::dokument::Format::Pdf => {
            "default-src 'none'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'none'"
        }
        _ => crate::sicherheit::CSP_SONST,
    }
}

/// The file in pieces; the place in [`ABRUFE`] goes with the last one.
fn koerper(inhalt: Vec<u8>, platz: OwnedSemaphorePermit) -> Body {
    let inhalt = Bytes::from(inhalt);
    let stuecke = futures::stream::unfold((0usize, Some(platz)), move |(von, platz)| {
        let inhalt = inhalt.clone();
        async move {
            if von >= inhalt.len() {
                drop(platz);
                return None;
            }
            let bis = (von + STUECK).min(inhalt.len());
            Some((Ok::<_, std::convert::Infallible>(inhalt.slice(von..bis)), (bis, platz)))
        }
    });
    Body::from_stream(stuecke)
}

pub async fn handler(State(db): State<Db>, Path((id, name)): Path<(String, String)>) -> Result<Response, DateiFehler> {
    let id: i64 = id.parse().map_err(|_| DateiFehler::Unbekannt)?;
    let platz = tokio::time::timeout(WARTEZEIT, ABRUFE.clone().acquire_owned())
        .await
        .map_err(|_| DateiFehler::Ueberlastet)?
        .map_err(|_| DateiFehler::Ueberlastet)?;
    let (dateiname, format, inhalt) = store::dokument::datei(&db, id).await?.ok_or(DateiFehler::Unbekannt)?;
    // The name is part of the address (readable links); a wrong one is a wrong address.
    if dateiname != name {
        return Err(DateiFehler::Unbekannt);
    }
    let art = if format.im_browser() { "inline" } else { "attachment" };
    let laenge = inhalt.len();
    let mut antwort = koerper(inhalt, platz).into_response();
    let h = antwort.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.mime()));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(laenge));
    if let Ok(v) = HeaderValue::from_str(&disposition(art, &dateiname)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp(format)));
    // A Fassung never changes (a new file is a new Fassung with a new address).
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400, immutable"));
    Ok(antwort)
}

#[cfg(test)]
mod tests {
    #[test]
    fn disposition_names_survive_and_cannot_break_the_header() {
        assert_eq!(
            super::disposition("attachment", "Prozess_Übersicht.pdf"),
            "attachment; filename=\"Prozess__bersicht.pdf\"; filename*=UTF-8''Prozess_%C3%9Cbersicht.pdf"
        );
        let d = super::disposition("inline", "a\"b\r\n.pdf");
        assert_eq!(d, "inline; filename=\"a_b__.pdf\"; filename*=UTF-8''a%22b%0D%0A.pdf");
    }
}
