//! The page cache: rendered public pages for anonymous readers, keyed by the data generation.
//!
//! Catalog data changes only by import or edits, yet rendering `/leika?pro=100` costs ~20 ms of
//! queries and markup. An anonymous reader's page depends only on its URL, the data and the day
//! (the roadmap's "today"), so it is kept once rendered, under the key (generation, day, URL).
//!
//! Why no stale page can be served after a write was acknowledged, on any app server: the
//! database raises the generation in the writing transaction itself (migration 0011), and every
//! request reads it from the database *before* it looks into the cache or renders. A write
//! acknowledged before the read is in the number; the render that fills an entry runs after the
//! read, so an entry holds data at least as new as its key says. A notification over the live bus
//! could not promise this: it may arrive after the writer's answer reached the reader.
//!
//! Each answer still gets its own CSP nonce: the kept page carries the nonce of its first render,
//! which is replaced by a fresh one (22 unpredictable characters, found only where Leptos wrote
//! them). Bounded by bytes; moka's admission (TinyLFU) keeps one-off URLs from a crawler or an
//! attacker from pushing out the pages people read.
//!
//! Misses of one key are rendered once: when a workshop's facilitator opens a page, 300 guests
//! ask for it in the same second; the first renders, the others wait for its copy ([`Flug`])
//! instead of taking 300 database connections at once.

use app::sitzung::Anfrager;
use app::store::Db;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use bytes::Bytes;
use http_body_util::BodyExt;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// Largest page kept (the 500-row catalog page is ~450 KB).
const MAX_SEITE: usize = 2 * 1024 * 1024;
/// Longest URL kept; longer ones are rendered every time.
const MAX_URL: usize = 1024;
/// Belt and braces for anything time-dependent below a day.
const LEBENSDAUER: Duration = Duration::from_secs(600);
/// Longest wait for another request's render of the same page.
const WARTEN: Duration = Duration::from_secs(10);
/// Marks the answer, for tests and for whoever reads the headers.
pub const KOPF: &str = "x-ozg-seitenspeicher";

#[derive(Clone, Debug, Hash, PartialEq, Eq)]
struct Schluessel {
    generation: i64,
    tag: chrono::NaiveDate,
    url: String,
}

struct Seite {
    koepfe: HeaderMap,
    body: Bytes,
    nonce: String,
}

/// One per app server.
pub struct Seitenspeicher {
    seiten: Option<moka::sync::Cache<Schluessel, Arc<Seite>>>,
    /// Keys being rendered now; a waiter hears the end when the sender is dropped.
    im_flug: Arc<std::sync::Mutex<HashMap<Schluessel, watch::Receiver<()>>>>,
}

/// The render of one missed key: the first request renders, later ones for the same key wait.
enum Flug {
    Erster(FlugEnde),
    Warten(watch::Receiver<()>),
}

/// Ends the flight when dropped – also when the render fails or its request is cancelled – so
/// no waiter waits for a render that will not come.
struct FlugEnde {
    schluessel: Schluessel,
    im_flug: Arc<std::sync::Mutex<HashMap<Schluessel, watch::Receiver<()>>>>,
    _sender: watch::Sender<()>,
}

impl Drop for FlugEnde {
    fn drop(&mut self) {
        if let Ok(mut m) = self.im_flug.lock() {
            m.remove(&self.schluessel);
        }
    }
}

impl Seitenspeicher {
    fn flug(&self, schluessel: &Schluessel) -> Flug {
        let Ok(mut m) = self.im_flug.lock() else {
            let (sender, _) = watch::channel(());
            return Flug::Erster(FlugEnde {
                schluessel: schluessel.clone(),
                im_flug: self.im_flug.clone(),
                _sender: sender,
            });
        };
        if let Some(r) = m.get(schluessel) {
            return Flug::Warten(r.clone());
        }
        let (sender, empfaenger) = watch::channel(());
        m.insert(schluessel.clone(), empfaenger);
        Flug::Erster(FlugEnde { schluessel: schluessel.clone(), im_flug: self.im_flug.clone(), _sender: sender })
    }
}

impl Seitenspeicher {
    /// `megabyte` = 0 switches it off (every page rendered, as for the benchmark's comparison).
    pub fn neu(megabyte: u64) -> Arc<Seitenspeicher> {
        let seiten = (megabyte > 0).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(megabyte * 1024 * 1024)
                .weigher(|k: &Schluessel, s: &Arc<Seite>| {
                    u32::try_from(s.body.len() + k.url.len() + 256).unwrap_or(u32::MAX)
                })
                .time_to_live(LEBENSDAUER)
                .build()
        });
        Arc::new(Seitenspeicher { seiten, im_flug: Arc::default() })
    }
}

impl Seitenspeicher {
    /// Bytes held (by the weigher's count), after pending evictions ran.
    pub fn belegt(&self) -> u64 {
        self.seiten.as_ref().map_or(0, |c| {
            c.run_pending_tasks();
            c.weighted_size()
        })
    }
}

/// The key under which an anonymous GET may be answered from the cache, if it may: its URL,
/// and for a browser in a workshop the session's code (its pages carry the workshop bar, the
/// same for all guests of the session – 300 guests following the facilitator to one page get
/// one rendering, not 300).
fn cachebar(req: &Request) -> Option<String> {
    let anonym = req.extensions().get::<Anfrager>().is_some_and(|a| a.token.is_none());
    let workshop = req
        .headers()
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(app::sitzung::workshop_aus_cookie)
        .map(|(code, projektor)| format!("\n{code}{}", if projektor { "~p" } else { "" }));
    let pfad = req.uri().path();
    // Workshop pages change with every vote, which does not raise the generation (see
    // `store::generation::NICHT_GEZAEHLT`): never kept.
    let keine_seite =
        ["/api/", "/export/", "/grafik/", "/kalender/", "/feed/", "/dokumente/datei/", "/pkg/", "/live/", "/workshop"]
            .iter()
            .any(|p| pfad.starts_with(p))
            || ["/gesund", "/bereit", "/metrics", "/favicon.ico"].contains(&pfad);
    let url = req.uri().path_and_query().map(|p| p.as_str().to_string())?;
    let ok = req.method() == Method::GET && anonym && !keine_seite && url.len() <= MAX_URL;
    ok.then(|| url + workshop.as_deref().unwrap_or(""))
}

pub async fn handler(
    State(speicher): State<Arc<Seitenspeicher>>,
    State(db): State<Db>,
    mut req: Request,
    next: Next,
) -> Response {
    let (Some(seiten), Some(url)) = (speicher.seiten.as_ref(), cachebar(&req)) else {
        return next.run(req).await;
    };
    // Read before anything is rendered (see the module comment); without it, no cache.
    let generation = match app::store::generation::aktuell(&db).await {
        Ok(g) => g,
        Err(_) => return next.run(req).await,
    };
    let schluessel = Schluessel { generation, tag: chrono::Utc::now().date_naive(), url };
    if let Some(seite) = seiten.get(&schluessel) {
        metrics::counter!("ozg_seitenspeicher_total", "ergebnis" => "treffer").increment(1);
        return ausliefern(&seite);
    }
    // Another request renders this page right now: its copy, once it is there (at most as long
    // as a request may take; a page that could not be kept is then rendered here).
    let flug = match speicher.flug(&schluessel) {
        Flug::Warten(mut r) => {
            let _ = tokio::time::timeout(WARTEN, r.changed()).await;
            if let Some(seite) = seiten.get(&schluessel) {
                metrics::counter!("ozg_seitenspeicher_total", "ergebnis" => "gewartet").increment(1);
                return ausliefern(&seite);
            }
            None
        }
        Flug::Erster(ende) => Some(ende),
    };
    metrics::counter!("ozg_seitenspeicher_total", "ergebnis" => "gerendert").increment(1);
    // The render's catalog queries use this reading instead of one each.
    req.extensions_mut().insert(app::store::abfragespeicher::GelesenVorDemRendern(generation));
    let antwort = next.run(req).await;
    let Some(nonce) = aufhebbar(&antwort) else {
        return antwort;
    };
    let (teile, body) = antwort.into_parts();
    match sammeln(body).await {
        Ok(body) => {
            let seite = Arc::new(Seite { koepfe: teile.headers.clone(), body: body.clone(), nonce });
            seiten.insert(schluessel, seite);
            drop(flug);
            Response::from_parts(teile, Body::from(body))
        }
        Err(body) => Response::from_parts(teile, body),
    }
}

/// The nonce of a page answer that may be kept: 200, HTML, no cookie set, a CSP with a nonce.
fn aufhebbar(antwort: &Response) -> Option<String> {
    let h = antwort.headers();
    let html = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    if antwort.status() != StatusCode::OK || !html || h.contains_key(header::SET_COOKIE) {
        return None;
    }
    let csp = h.get(header::CONTENT_SECURITY_POLICY)?.to_str().ok()?;
    let nonce = csp.split("'nonce-").nth(1)?.split('\'').next()?;
    (nonce.len() >= 16).then(|| nonce.to_string())
}

/// The whole body if it stays within [`MAX_SEITE`]; else the body as it was, to be streamed.
async fn sammeln(mut body: Body) -> Result<Bytes, Body> {
    let mut puffer = bytes::BytesMut::new();
    while let Some(frame) = body.frame().await {
        let Ok(daten) = frame.map(|f| f.into_data()) else {
            return Err(Body::from(puffer.freeze()));
        };
        if let Ok(d) = daten {
            puffer.extend_from_slice(&d);
        }
        if puffer.len() > MAX_SEITE {
            let kopf = futures::stream::once(async move { Ok::<_, axum::Error>(puffer.freeze()) });
            return Err(Body::from_stream(futures::StreamExt::chain(kopf, body.into_data_stream())));
        }
    }
    Ok(puffer.freeze())
}

/// The kept page with a fresh nonce in the body and in the CSP.
fn ausliefern(seite: &Seite) -> Response {
    let nonce = neue_nonce();
    let body = ersetzen(&seite.body, seite.nonce.as_bytes(), nonce.as_bytes());
    let mut antwort = Response::new(Body::from(body));
    *antwort.headers_mut() = seite.koepfe.clone();
    let h = antwort.headers_mut();
    h.remove(header::CONTENT_LENGTH);
    if let Ok(v) = HeaderValue::from_str(&crate::sicherheit::csp_html(&nonce)) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(KOPF, HeaderValue::from_static("treffer"));
    antwort
}

/// 16 random bytes, URL-safe base64 as Leptos writes its nonces.
fn neue_nonce() -> String {
    use base64::Engine;
    let b: [u8; 16] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

fn ersetzen(text: &[u8], alt: &[u8], neu: &[u8]) -> Vec<u8> {
    let mut aus = Vec::with_capacity(text.len());
    let mut rest = 0;
    for i in memchr::memmem::find_iter(text, alt) {
        aus.extend_from_slice(&text[rest..i]);
        aus.extend_from_slice(neu);
        rest = i + alt.len();
    }
    aus.extend_from_slice(&text[rest..]);
    aus
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_wird_ueberall_ersetzt() {
        let t = b"<script nonce=\"abc\">x</script><link crossorigin=\"abc\">abc";
        assert_eq!(
            ersetzen(t, b"abc", b"XYZ"),
            b"<script nonce=\"XYZ\">x</script><link crossorigin=\"XYZ\">XYZ".to_vec()
        );
        assert_eq!(ersetzen(b"ohne", b"abc", b"XYZ"), b"ohne".to_vec());
    }

    #[test]
    fn neue_nonces_sind_verschieden_und_lang_genug() {
        let (a, b) = (neue_nonce(), neue_nonce());
        assert_ne!(a, b);
        assert_eq!(a.len(), 22);
    }
}
