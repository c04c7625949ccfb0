//! What every answer of the API carries, and conditional requests: the `ETag` is the data
//! generation (plus the API's fingerprint), `Last-Modified` the time it rose. Both are read before
//! the answer's data (as for the page cache), so a tag never claims data older than it labels; a
//! client that sends it back with `If-None-Match` gets `304` for one read of one row. Errors get
//! the request's path as their `instance`.
//!
//! Answers are kept per (generation, day, address) in the [`Antwortspeicher`]: an answer depends
//! only on the data, today's date (statuses, "kommend") and the address, so a kept one is never
//! older than its key – the same rule as the page cache.

use super::fehler::{PROBLEM_JSON, Problem, ProblemKoerper};
use app::store::Db;
use axum::extract::{OriginalUri, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Largest error body rewritten (they are a few hundred bytes).
const MAX_PROBLEM: usize = 16 * 1024;
/// Largest answer kept (a page of 100 rows is some 100 KB; files are never kept).
const MAX_GESPEICHERT: usize = 4 * 1024 * 1024;

#[derive(Clone)]
struct Gespeichert {
    koepfe: HeaderMap,
    koerper: bytes::Bytes,
}

type Schluessel = (i64, chrono::NaiveDate, String);

/// The API's answers by (generation, day, address); one per app server, bounded by bytes.
#[derive(Clone)]
pub struct Antwortspeicher(Option<moka::sync::Cache<Schluessel, Gespeichert>>);

impl Antwortspeicher {
    /// `megabyte` = 0 switches it off.
    pub fn neu(megabyte: u64) -> Antwortspeicher {
        Antwortspeicher((megabyte > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(megabyte * 1024 * 1024)
                .weigher(|k: &Schluessel, g: &Gespeichert| {
                    u32::try_from(g.koerper.len() + k.2.len() + 256).unwrap_or(u32::MAX)
                })
                .time_to_live(std::time::Duration::from_secs(600))
                .build()
        }))
    }

    fn holen(&self, k: &Schluessel) -> Option<Response> {
        let g = self.0.as_ref()?.get(k)?;
        let mut r = axum::body::Body::from(g.koerper).into_response();
        r.headers_mut().extend(g.koepfe);
        Some(r)
    }

    /// Keeps a successful JSON or RDF answer (not files, not errors) and gives it back.
    async fn merken(&self, k: Schluessel, r: Response) -> Response {
        let Some(inhalt) = &self.0 else { return r };
        let typ = r.headers().get(header::CONTENT_TYPE).and_then(|t| t.to_str().ok()).unwrap_or_default();
        if r.status() != StatusCode::OK
            || !(typ.starts_with("application/json") || typ.starts_with("application/rdf+xml"))
        {
            return r;
        }
        let (teile, koerper) = r.into_parts();
        let Ok(bytes) = axum::body::to_bytes(koerper, MAX_GESPEICHERT).await else {
            return Problem::Anfrage("Die Antwort ist zu groß.".into()).antwort(&k.2);
        };
        let mut koepfe = HeaderMap::new();
        for name in [header::CONTENT_TYPE, header::LINK] {
            if let Some(v) = teile.headers.get(&name) {
                koepfe.insert(name, v.clone());
            }
        }
        inhalt.insert(k, Gespeichert { koepfe, koerper: bytes.clone() });
        Response::from_parts(teile, axum::body::Body::from(bytes))
    }
}

fn http_datum(ms: i64) -> Option<HeaderValue> {
    let t = chrono::DateTime::from_timestamp_millis(ms)?;
    HeaderValue::from_str(&t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()).ok()
}

/// Whether `If-None-Match` names this tag (or `*`); weak comparison, as RFC 9110 asks for it.
fn passt(kopf: &HeaderMap, etag: &str) -> Option<bool> {
    let wert = kopf.get(header::IF_NONE_MATCH)?.to_str().ok()?;
    Some(wert.split(',').map(|t| t.trim().trim_start_matches("W/")).any(|t| t == "*" || t == etag))
}

/// Whether `If-Modified-Since` is at or after the last change (whole seconds).
fn unveraendert_seit(kopf: &HeaderMap, geaendert_ms: i64) -> bool {
    kopf.get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| chrono::DateTime::parse_from_rfc2822(v).ok())
        .is_some_and(|seit| seit.timestamp() >= geaendert_ms.div_euclid(1000))
}

pub async fn schicht(
    State(db): State<Db>,
    State(speicher): State<Antwortspeicher>,
    req: Request,
    next: Next,
) -> Response {
    // Inside the nested router the path lacks its prefix; the instance is the whole path.
    let pfad = req.extensions().get::<OriginalUri>().map_or_else(|| req.uri().path(), |u| u.path()).to_string();
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let (generation, geaendert_ms) = match app::store::generation::stand(&db).await {
        Ok(s) => s,
        Err(e) => return Problem::from(e).antwort(&pfad),
    };
    let etag = format!("\"v1-{}-{generation}\"", super::openapi::fingerabdruck());
    let mut koepfe = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        koepfe.insert(header::ETAG, v);
    }
    if let Some(v) = http_datum(geaendert_ms) {
        koepfe.insert(header::LAST_MODIFIED, v);
    }
    // Anyone may keep it, and must ask again before using it (a 304 is one row read).
    koepfe.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, no-cache"));
    let unveraendert = passt(req.headers(), &etag).unwrap_or_else(|| unveraendert_seit(req.headers(), geaendert_ms));
    if unveraendert {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        r.headers_mut().extend(koepfe);
        return r;
    }
    let adresse = req.uri().to_string();
    let schluessel = (generation, chrono::Utc::now().date_naive(), adresse);
    let get = req.method() == Method::GET;
    let gemerkt = if get { speicher.holen(&schluessel) } else { None };
    let mut r = match gemerkt {
        Some(r) => r,
        None if get => speicher.merken(schluessel, next.run(req).await).await,
        None => next.run(req).await,
    };
    if r.status().is_success() {
        r.headers_mut().extend(koepfe);
        return r;
    }
    mit_instanz(r, &pfad).await
}

/// An error answer with the request's path as `instance`.
async fn mit_instanz(r: Response, pfad: &str) -> Response {
    let ist_problem = r.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes() == PROBLEM_JSON.as_bytes());
    if !ist_problem {
        return r;
    }
    let (mut teile, koerper) = r.into_parts();
    let Ok(bytes) = axum::body::to_bytes(koerper, MAX_PROBLEM).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Ok(mut p) = serde_json::from_slice::<ProblemKoerper>(&bytes) else {
        return Response::from_parts(teile, axum::body::Body::from(bytes));
    };
    p.instance = pfad.chars().take(300).collect();
    let text = serde_json::to_string(&p).unwrap_or_default();
    teile.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(teile, axum::body::Body::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_and_weak_tags() {
        let mut h = HeaderMap::new();
        assert_eq!(passt(&h, "\"a\""), None);
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"x\", W/\"a\""));
        assert_eq!(passt(&h, "\"a\""), Some(true));
        assert_eq!(passt(&h, "\"b\""), Some(false));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert_eq!(passt(&h, "\"b\""), Some(true));
    }

    #[test]
    fn if_modified_since_counts_whole_seconds() {
        let mut h = HeaderMap::new();
        let ms = 1_764_950_400_500; // 2025-12-05 16:00:00.5 UTC
        h.insert(header::IF_MODIFIED_SINCE, http_datum(ms).unwrap());
        assert!(unveraendert_seit(&h, ms));
        assert!(!unveraendert_seit(&h, ms + 1000));
        h.insert(header::IF_MODIFIED_SINCE, HeaderValue::from_static("gestern"));
        assert!(!unveraendert_seit(&h, ms));
    }
}
