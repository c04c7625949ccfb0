//! Request hygiene around the server functions: a malformed request is the client's error
//! (4xx with a German message), so that 5xx keeps meaning "the server has a fault" and
//! monitoring can alarm on it.

use app::error::AppError;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Largest request body of a server function (a data delivery of 50,000 rows with headroom).
pub const API_MAX_BYTES: usize = 8 * 1024 * 1024;

/// Largest error body read back to find its status. Errors are a few hundred bytes and quote
/// input only shortened (`model::text::zitat`); the bound is the request limit all the same.
const MAX_FEHLER_BYTES: usize = API_MAX_BYTES;

fn fehler_antwort(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::BAD_REQUEST);
    let text = serde_json::to_string(&e).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], text).into_response()
}

/// NUL can be in no field of any form; PostgreSQL refuses it in text, which would surface as a
/// database fault (503). Checked on the raw and the percent-encoded form.
fn enthaelt_nul(b: &[u8]) -> bool {
    b.contains(&0) || b.windows(3).any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
}

/// Before a server function: refuse NUL in query or body. After it: a server-function error
/// answered with 500 (the arguments did not parse, so the function never set a status) gets
/// the status of its [`AppError`].
pub async fn serverfunktion(req: Request, next: Next) -> Response {
    let pfad = req.uri().path();
    if !pfad.starts_with("/api/") || crate::schnittstelle::ist_schnittstelle(pfad) {
        return next.run(req).await;
    }
    let (teile, koerper) = req.into_parts();
    if teile.uri.query().is_some_and(|q| enthaelt_nul(q.as_bytes())) {
        return fehler_antwort(nul());
    }
    // Read up to the limit and no further: a larger body is refused while it arrives.
    let bytes: Bytes = match axum::body::to_bytes(koerper, API_MAX_BYTES).await {
        Ok(b) => b,
        Err(_) => return zu_gross(),
    };
    if enthaelt_nul(&bytes) {
        return fehler_antwort(nul());
    }
    let antwort = next.run(Request::from_parts(teile, Body::from(bytes))).await;
    status_berichtigen(antwort).await
}

fn zu_gross() -> Response {
    let mb = API_MAX_BYTES >> 20;
    let e = AppError::Anfrage(format!(
        "Ungültige Anfrage: Der Inhalt ist zu groß (höchstens {mb} MB) oder kam nicht vollständig an."
    ));
    let mut r = fehler_antwort(e);
    *r.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
    r
}

fn nul() -> AppError {
    AppError::Anfrage("Ungültige Anfrage: Ein Feld enthält ein unzulässiges Steuerzeichen (NUL).".into())
}

async fn status_berichtigen(antwort: Response) -> Response {
    if antwort.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return antwort;
    }
    let (mut teile, koerper) = antwort.into_parts();
    let bytes = axum::body::to_bytes(koerper, MAX_FEHLER_BYTES).await.unwrap_or_default();
    if let Ok(e) = serde_json::from_slice::<AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(e.status())
    {
        teile.status = status;
        teile.headers.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    }
    Response::from_parts(teile, Body::from(bytes))
}

/// The id of a request for the log lines it causes: the proxy's `X-Request-Id` when the server
/// trusts a proxy and the id looks like one (≤ 64 letters, digits, dashes), else a new UUID –
/// a client cannot write what it likes into the log.
pub async fn kennung(
    axum::extract::State(sicherheit): axum::extract::State<crate::sicherheit::Sicherheit>,
    mut req: Request,
    next: Next,
) -> Response {
    const KOPF: &str = "x-request-id";
    let brauchbar = |v: &HeaderValue| {
        let b = v.as_bytes();
        !b.is_empty() && b.len() <= 64 && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    };
    let behalten = sicherheit.hinter_proxy && req.headers().get(KOPF).is_some_and(brauchbar);
    if !behalten {
        let neu = uuid::Uuid::new_v4().to_string();
        if let Ok(v) = HeaderValue::from_str(&neu) {
            req.headers_mut().insert(KOPF, v);
        }
    }
    let id = req.headers().get(KOPF).cloned();
    let span = tracing::info_span!(
        "anfrage",
        id = id.as_ref().and_then(|v| v.to_str().ok()).unwrap_or("-"),
        methode = %req.method(),
        pfad = %req.uri().path(),
    );
    let start = std::time::Instant::now();
    let mut antwort = tracing::Instrument::instrument(next.run(req), span.clone()).await;
    let status = antwort.status().as_u16();
    let ms = u64::try_from(start.elapsed().as_millis()).unwrap_or(u64::MAX);
    // The access log is the proxy's (with the same id); here only what needs attention.
    span.in_scope(|| {
        // 503 is on purpose (load shed, not ready while shutting down) and logged where decided.
        if status >= 500 && status != 503 {
            tracing::warn!(status, ms, "Antwort mit Serverfehler");
        } else {
            tracing::debug!(status, ms, "Antwort");
        }
    });
    if let Some(id) = id {
        antwort.headers_mut().insert(KOPF, id);
    }
    antwort
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_is_found_raw_and_encoded() {
        assert!(enthaelt_nul(b"a=%00"));
        assert!(enthaelt_nul(b"a=\0"));
        assert!(!enthaelt_nul(b"a=%20%01b"));
        assert!(!enthaelt_nul(b"a=100"));
    }
}
