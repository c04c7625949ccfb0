//! `/metrics` in the Prometheus text format, through the `metrics` facade and its Prometheus
//! exporter. Code anywhere counts with `metrics::counter!`; what only exists at the moment of
//! a scrape (pool, open streams) is read then.
//!
//! Only for the local network: the peer must be a loopback or private address and the request
//! must not have come through the proxy (which sets X-Forwarded-For) – or it carries the token
//! of `OZG_METRIKEN_TOKEN`. Everyone else gets 404, as if there were nothing.

use app::store::Db;
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::net::{IpAddr, SocketAddr};
use std::sync::OnceLock;
use std::time::Instant;

/// Latency buckets in seconds: a page takes milliseconds, an export seconds.
const DAUER: [f64; 14] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0];

/// The exporter, installed once per process (the facade has one global recorder; tests build
/// many routers in one process).
pub fn exporter() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("dauer_sekunden".into()), &DAUER)
                .ok()?;
            match builder.install_recorder() {
                Ok(h) => Some(h),
                Err(e) => {
                    tracing::warn!(error = %e, "Metriken nicht verfügbar");
                    None
                }
            }
        })
        .as_ref()
}

/// Counts every request of a matched route by route pattern, method and status, with its
/// duration. The pattern, not the path: `/leistungen/{id}` is one series, not 557.
pub async fn messen(req: Request, next: Next) -> Response {
    let route = req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "andere".into());
    let methode = req.method().as_str().to_owned();
    let start = Instant::now();
    let antwort = next.run(req).await;
    let status = antwort.status().as_u16().to_string();
    metrics::counter!("ozg_http_anfragen_total", "route" => route.clone(), "methode" => methode, "status" => status)
        .increment(1);
    metrics::histogram!("ozg_http_dauer_sekunden", "route" => route).record(start.elapsed().as_secs_f64());
    antwort
}

fn privat(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
        IpAddr::V6(v6) => {
            v6.is_loopback()
                || (v6.segments()[0] & 0xfe00) == 0xfc00
                || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback() || v4.is_private())
        }
    }
}

/// Whether the caller may read the metrics (see the module text).
pub fn zugelassen(peer: IpAddr, kopf: &HeaderMap, token: Option<&str>) -> bool {
    if let Some(erwartet) = token.filter(|t| !t.is_empty()) {
        let gegeben =
            kopf.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
        if let Some(g) = gegeben {
            // Same time for every wrong token of the same length.
            return g.len() == erwartet.len()
                && g.bytes().zip(erwartet.bytes()).fold(0u8, |a, (x, y)| a | (x ^ y)) == 0;
        }
    }
    privat(peer) && !kopf.contains_key("x-forwarded-for")
}

pub async fn handler(
    State(db): State<Db>,
    State(live): State<app::live::Live>,
    State(zustand): State<crate::betrieb::bereitschaft::Betriebszustand>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    kopf: HeaderMap,
) -> Response {
    let token = std::env::var("OZG_METRIKEN_TOKEN").ok();
    let Some(handle) = exporter().filter(|_| zugelassen(peer.ip(), &kopf, token.as_deref())) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    momentaufnahme(&db, &live, &zustand);
    let text = handle.render();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], text)
        .into_response()
}

/// Gauges that are read when scraped.
fn momentaufnahme(db: &Db, live: &app::live::Live, zustand: &crate::betrieb::bereitschaft::Betriebszustand) {
    let (groesse, frei, max) = db.pool_zustand();
    let belegt = groesse.saturating_sub(u32::try_from(frei).unwrap_or(u32::MAX));
    metrics::gauge!("ozg_db_verbindungen", "zustand" => "belegt").set(f64::from(belegt));
    metrics::gauge!("ozg_db_verbindungen", "zustand" => "frei").set(frei as f64);
    metrics::gauge!("ozg_db_verbindungen_max").set(f64::from(max));
    metrics::gauge!("ozg_db_wartend").set(app::store::warten_auf_verbindung() as f64);
    metrics::gauge!("ozg_live_verbindungen").set(live.verbindungen() as f64);
    metrics::gauge!("ozg_bereit").set(if zustand.schaltet_ab() { 0.0 } else { 1.0 });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_local_network_or_the_token() {
        let leer = HeaderMap::new();
        let mut proxy = HeaderMap::new();
        proxy.insert("x-forwarded-for", "203.0.113.9".parse().unwrap());
        let lokal: IpAddr = "127.0.0.1".parse().unwrap();
        let intern: IpAddr = "10.1.2.3".parse().unwrap();
        let aussen: IpAddr = "203.0.113.9".parse().unwrap();
        assert!(zugelassen(lokal, &leer, None));
        assert!(zugelassen(intern, &leer, None));
        assert!(zugelassen("::1".parse().unwrap(), &leer, None));
        assert!(!zugelassen(aussen, &leer, None));
        assert!(!zugelassen(lokal, &proxy, None), "through the proxy is from outside");
        let mut mit = HeaderMap::new();
        mit.insert(header::AUTHORIZATION, "Bearer geheim-123".parse().unwrap());
        assert!(zugelassen(aussen, &mit, Some("geheim-123")));
        mit.insert(header::AUTHORIZATION, "Bearer geheim-124".parse().unwrap());
        assert!(!zugelassen(aussen, &mit, Some("geheim-123")));
        assert!(!zugelassen(lokal, &mit, Some("geheim-123")), "a wrong token is refused even locally");
    }
}
