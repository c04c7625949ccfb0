//! The event stream of open pages: `GET /live/ereignisse` as server-sent events.
//!
//! A connection first gets `verbunden` with the newest event id (so the browser's automatic
//! reconnect sends a `Last-Event-ID` even if nothing happened), then replays what it missed
//! after the id it names, then follows the live bus. If the gap cannot be replayed (events
//! pruned, or the stream fell behind the bus) it gets `neu-laden` and the page reloads its data.

use app::live::Live;
use app::model::live::{Ereignis, NEU_LADEN, VERBUNDEN};
use app::store::{Db, ereignis};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::{self, Stream, StreamExt};
use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

#[derive(serde::Deserialize, Default)]
pub struct Parameter {
    /// Same as the `Last-Event-ID` header, for clients that cannot set headers.
    seit: Option<i64>,
}

fn sse(e: &Ereignis) -> Event {
    let json = serde_json::to_string(e).unwrap_or_else(|_| "{}".into());
    Event::default().id(e.id.to_string()).event(&e.art).data(json)
}

fn signal(art: &str, id: Option<i64>) -> Event {
    let e = Event::default().event(art).data("{}");
    match id {
        Some(id) => e.id(id.to_string()),
        None => e,
    }
}

pub async fn handler(
    State(live): State<Live>,
    State(db): State<Db>,
    State(last): State<std::sync::Arc<crate::last::Lastschutz>>,
    axum::Extension(wer): axum::Extension<app::sitzung::Anfrager>,
    Query(p): Query<Parameter>,
    headers: HeaderMap,
) -> Response {
    // Each open stream holds a place of the server and of its network (or person, or workshop
    // guest) until it closes.
    let wer = crate::last::Zaehlung::von(&wer);
    let Some(platz) = last.live_platz(&wer) else {
        tracing::warn!(wer = %wer.schluessel, "Live: zu viele offene Verbindungen");
        let mut r = (
            StatusCode::SERVICE_UNAVAILABLE,
            "Zu viele offene Live-Verbindungen; die Seite versucht es gleich erneut.",
        )
            .into_response();
        r.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(10u64));
        return r;
    };
    let seit = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(p.seit)
        .filter(|id| *id >= 0);
    // Subscribe before reading the table: an event committed in between is then in both, and
    // the replayed ids are skipped on the bus; the other order could lose it.
    let bus = live.abonnieren();
    let anfang = match anfang(&db, seit).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "Live: Ereignisse nicht lesbar");
            return (StatusCode::SERVICE_UNAVAILABLE, "Live-Aktualisierung vorübergehend nicht verfügbar")
                .into_response();
        }
    };
    let gesendet: HashSet<i64> = anfang.iter().filter_map(|(_, id)| *id).collect();
    let erste = stream::iter(anfang.into_iter().map(|(ev, _)| Ok::<_, Infallible>(ev)));
    // On shutdown the stream ends; the browser reconnects (through the proxy to another
    // server) with its Last-Event-ID and misses nothing.
    let strom = erste.chain(folgen(bus, gesendet)).take_until(live.beendet()).map(move |e| {
        let _ = &platz;
        e
    });
    Sse::new(strom).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))).into_response()
}

/// The first events of a connection, each with the id it replays (if any).
async fn anfang(db: &Db, seit: Option<i64>) -> app::store::StoreResult<Vec<(Event, Option<i64>)>> {
    let letzte = ereignis::letzte_id(db).await?;
    // A browser reconnects after one second when the connection drops.
    let mut v = vec![(signal(VERBUNDEN, Some(letzte)).retry(Duration::from_secs(1)), None)];
    let Some(seit) = seit.filter(|s| *s != letzte) else { return Ok(v) };
    if seit > letzte {
        // An id this database never gave out (restored or replaced database): start afresh.
        v.push((signal(NEU_LADEN, Some(letzte)), None));
        return Ok(v);
    }
    let erste = ereignis::erste_id(db).await?;
    let verpasst = ereignis::seit(db, seit, &[], ereignis::NACHHOLEN_MAX + 1).await?;
    if seit + 1 < erste || app::model::anzahl(verpasst.len()) > ereignis::NACHHOLEN_MAX {
        v.push((signal(NEU_LADEN, Some(letzte)), None));
    } else {
        v.extend(verpasst.iter().map(|e| (sse(e), Some(e.id))));
    }
    Ok(v)
}

fn folgen(
    bus: tokio::sync::broadcast::Receiver<Arc<Ereignis>>,
    gesendet: HashSet<i64>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold((bus, gesendet), |(mut bus, gesendet)| async move {
        loop {
            match bus.recv().await {
                Ok(e) if gesendet.contains(&e.id) => continue,
                Ok(e) => {
                    metrics::counter!("ozg_live_ereignisse_gesendet_total").increment(1);
                    return Some((Ok(sse(&e)), (bus, gesendet)));
                }
                Err(RecvError::Lagged(n)) => {
                    tracing::warn!(verpasst = n, "Live: Verbindung zu langsam, Seite lädt neu");
                    return Some((Ok(signal(NEU_LADEN, None)), (bus, gesendet)));
                }
                Err(RecvError::Closed) => return None,
            }
        }
    })
}
