//! Request-level security: who is asking (session), whether a write comes from our own pages
//! (CSRF), and the security headers of every response.

use app::sitzung::{Anfrager, token_aus_cookie};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// Deployment facts the server cannot see in a request by itself.
#[derive(Clone, Debug, Default)]
pub struct Sicherheit {
    /// The portal is reached over HTTPS (public URL `https://…`): cookies get `Secure`, HSTS is sent.
    pub https: bool,
    /// A trusted reverse proxy / load balancer sets `X-Forwarded-For`, `-Proto` and `-Host`.
    pub hinter_proxy: bool,
    /// Further origins allowed to send writes (e.g. the public URL when the Host header differs).
    pub urspruenge: Vec<String>,
}

impl Sicherheit {
    /// The absolute address that links in feeds and mails point to: the configured public URL,
    /// else the request's host (checked to be a plain host name).
    pub fn basis(&self, kopf: &axum::http::HeaderMap) -> String {
        self.oeffentlich().basis(kopf)
    }

    /// The public address's parts (also the open API's state).
    pub fn oeffentlich(&self) -> crate::oeffentlich::Oeffentlich {
        crate::oeffentlich::Oeffentlich { url: self.urspruenge.first().cloned(), https: self.https }
    }

    pub fn aus_url(oeffentliche_url: Option<&str>, hinter_proxy: bool) -> Sicherheit {
        let url = oeffentliche_url.map(|u| u.trim_end_matches('/').to_string());
        Sicherheit {
            https: url.as_deref().is_some_and(|u| u.starts_with("https://")),
            hinter_proxy,
            urspruenge: url.into_iter().collect(),
        }
    }
}

fn kopf<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

/// Resolves the session cookie once per request and leaves the result for the server functions.
// The middlewares take the parts of the app state they read (axum's `FromRef`), so this module
// does not depend on the router that assembles the state.
pub async fn anfrager(
    State(sicherheit): State<Sicherheit>,
    State(db): State<app::store::Db>,
    mut req: Request,
    next: Next,
) -> Response {
    let h = req.headers();
    let proxy = sicherheit.hinter_proxy;
    // Behind a proxy the client is the last address it appended; anything further left could be
    // forged by the client itself.
    let adresse = proxy
        .then(|| kopf(h, "x-forwarded-for").and_then(|v| v.rsplit(',').next()).map(|s| s.trim().to_string()))
        .flatten()
        .or_else(|| req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()))
        .unwrap_or_else(|| "unbekannt".into());
    let https = sicherheit.https || (proxy && kopf(h, "x-forwarded-proto") == Some("https"));
    let token = h.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(token_aus_cookie);
    // Static files never need the person; spare the database the lookup.
    let person = match &token {
        Some(t) if !req.uri().path().starts_with("/pkg/") => match app::store::konto::sitzung_pruefen(&db, t).await {
            Ok(p) => p,
            Err(e) => {
                tracing::error!(error = %e, "Sitzung nicht prüfbar");
                return (StatusCode::SERVICE_UNAVAILABLE, "Die Datenbank ist gerade nicht erreichbar.").into_response();
            }
        },
        _ => None,
    };
    let gast = match person {
        None if !req.uri().path().starts_with("/pkg/") => gast(&db, req.headers()).await,
        _ => None,
    };
    req.extensions_mut().insert(Anfrager { person, token, adresse, https, gast });
    next.run(req).await
}

/// The open workshop participation of a guest cookie; a database error only loses the
/// guest's own limits (the request is then counted by its network).
async fn gast(db: &app::store::Db, h: &HeaderMap) -> Option<i64> {
    let t = h.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(app::sitzung::gast_aus_cookie)?;
    app::store::workshop::gast_pruefen(db, &t).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "Workshop-Gast nicht prüfbar");
        None
    })
}

/// Whether a state-changing request may pass the cross-site check.
///
/// Browsers mark every request with `Sec-Fetch-Site` and every cross-origin POST with `Origin`;
/// a request from another site is refused. Requests without both headers do not come from a
/// browser page (scripts, curl) and carry no ambient credentials worth forging: SameSite=Strict
/// keeps the session cookie off cross-site requests anyway. The same rule as Go's
/// `http.CrossOriginProtection`.
pub fn herkunft_erlaubt(method: &Method, h: &HeaderMap, s: &Sicherheit) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(site) = kopf(h, "sec-fetch-site") {
        return site == "same-origin" || site == "none";
    }
    let Some(origin) = kopf(h, "origin") else { return true };
    if s.urspruenge.iter().any(|u| u == origin) {
        return true;
    }
    let host = if s.hinter_proxy { kopf(h, "x-forwarded-host").or_else(|| kopf(h, "host")) } else { kopf(h, "host") };
    let origin_host = origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://"));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

pub async fn herkunft(State(sicherheit): State<Sicherheit>, req: Request, next: Next) -> Response {
    if herkunft_erlaubt(req.method(), req.headers(), &sicherheit) {
        next.run(req).await
    } else {
        tracing::warn!(pfad = %req.uri().path(), origin = ?req.headers().get("origin"), "Fremde Herkunft abgewiesen");
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Abgewiesen: Die Anfrage kam nicht von den Seiten des OZG-Atlas (Schutz vor Cross-Site-Request-Forgery).",
        )
            .into_response()
    }
}

/// Content-Security-Policy of the HTML pages: scripts only from us and with this response's
/// nonce (the hydration script and the serialized resources carry it), WebAssembly allowed.
/// Inline `style` attributes stay allowed for the treemap's computed positions; inline
/// `<style>` elements are not.
pub fn csp_html(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// For everything that is not a page (JSON, CSV, files): nothing may run or be framed.
pub const CSP_SONST: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

pub async fn koepfe(State(sicherheit): State<Sicherheit>, req: Request, next: Next) -> Response {
    // A logged-in reader's pages and every server function's answer may hold personal data:
    // no shared cache (proxy, CDN) and no disk cache may keep them.
    // The open API answers the same to everyone, session or not (it reads no session).
    let pfad = req.uri().path();
    let mit_sitzung = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| token_aus_cookie(c).is_some());
    let persoenlich = !crate::schnittstelle::ist_schnittstelle(pfad) && (pfad.starts_with("/api/") || mit_sitzung);
    let pfad = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let status = res.status();
    let h = res.headers_mut();
    if persoenlich || h.contains_key(header::SET_COOKIE) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    if !h.contains_key("content-security-policy")
        && h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
    {
        // Every page sets its own policy with its nonce (router::kontext); this one did not.
        tracing::warn!(%status, pfad, "HTML-Antwort ohne Seiten-CSP");
    }
    let mut setzen = |name: &'static str, wert: &str| {
        if !h.contains_key(name)
            && let Ok(v) = HeaderValue::from_str(wert)
        {
            h.insert(name, v);
        }
    };
    setzen("content-security-policy", CSP_SONST);
    setzen("x-content-type-options", "nosniff");
    setzen("referrer-policy", "same-origin");
    setzen("x-frame-options", "DENY");
    setzen("cross-origin-opener-policy", "same-origin");
    setzen("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if sicherheit.https {
        setzen("strict-transport-security", "max-age=31536000");
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(paare: &[(&'static str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in paare {
            m.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        m
    }

    #[test]
    fn cross_site_writes_are_refused() {
        let s = Sicherheit::default();
        let post = Method::POST;
        assert!(herkunft_erlaubt(&Method::GET, &h(&[("sec-fetch-site", "cross-site")]), &s));
        assert!(herkunft_erlaubt(&post, &h(&[("sec-fetch-site", "same-origin")]), &s));
        assert!(!herkunft_erlaubt(&post, &h(&[("sec-fetch-site", "cross-site")]), &s));
        assert!(!herkunft_erlaubt(&post, &h(&[("sec-fetch-site", "same-site")]), &s));
        assert!(herkunft_erlaubt(&post, &h(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]), &s));
        assert!(!herkunft_erlaubt(&post, &h(&[("origin", "https://boese.example"), ("host", "127.0.0.1:3000")]), &s));
        assert!(!herkunft_erlaubt(&post, &h(&[("origin", "null"), ("host", "127.0.0.1:3000")]), &s));
        assert!(herkunft_erlaubt(&post, &h(&[]), &s), "non-browser clients carry neither header");
    }

    #[test]
    fn behind_a_proxy_the_public_origin_counts() {
        let s = Sicherheit::aus_url(Some("https://ozg-atlas.nrw.de/"), true);
        assert!(s.https);
        let post = Method::POST;
        assert!(herkunft_erlaubt(&post, &h(&[("origin", "https://ozg-atlas.nrw.de"), ("host", "10.0.0.5:3000")]), &s));
        assert!(herkunft_erlaubt(
            &post,
            &h(&[("origin", "https://intern.nrw.de"), ("x-forwarded-host", "intern.nrw.de"), ("host", "10.0.0.5")]),
            &s
        ));
    }
}
