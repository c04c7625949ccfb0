//! `/gesund` and `/bereit`. A load balancer keeps a server in rotation only while `/bereit`
//! answers 200; a process supervisor restarts one whose `/gesund` does not answer.

use app::live::Live;
use app::store::Db;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Shared state of this process' operation: whether it is shutting down, and whether its site
/// must carry its stamp (only a server started by `serve` checks; tests serve unstamped sites).
#[derive(Clone, Default)]
pub struct Betriebszustand {
    abschalten: Arc<AtomicBool>,
    stempel_pruefen: Arc<AtomicBool>,
}

impl Betriebszustand {
    /// From now on `/bereit` also asks whether the site still belongs to this build.
    pub fn stempel_pruefen(&self) {
        self.stempel_pruefen.store(true, Ordering::Relaxed);
    }

    fn site_pruefen(&self, site_root: &str) -> bool {
        !self.stempel_pruefen.load(Ordering::Relaxed)
            || crate::betrieb::stempel::lesen(site_root) == crate::betrieb::stempel::Stempel::Passt
    }

    /// From now on `/bereit` says no, so the proxy sends nobody new here.
    pub fn abschalten(&self) {
        self.abschalten.store(true, Ordering::Relaxed);
    }

    pub fn schaltet_ab(&self) -> bool {
        self.abschalten.load(Ordering::Relaxed)
    }
}

/// What `/bereit` found; every part must hold.
#[derive(Debug, serde::Serialize, PartialEq, Eq)]
pub struct Bereitschaft {
    pub bereit: bool,
    /// The database answers within two seconds.
    pub datenbank: bool,
    /// Every migration of this program is applied.
    pub schema: bool,
    /// Events of all app servers reach this one.
    pub live: bool,
    /// The site directory still holds this program's build (not replaced by another build).
    pub site: bool,
    /// The server is shutting down (SIGTERM).
    pub faehrt_herunter: bool,
}

/// The process is alive and answers. Nothing else is asked: a database outage must not make a
/// supervisor restart every app server.
pub async fn gesund() -> Response {
    ([(header::CACHE_CONTROL, "no-store")], "ok").into_response()
}

pub async fn pruefen(db: &Db, live: &Live, zustand: &Betriebszustand, site_root: &str) -> Bereitschaft {
    let schema = tokio::time::timeout(Duration::from_secs(2), db.schema_aktuell()).await;
    let datenbank = matches!(schema, Ok(Ok(_)));
    let schema = matches!(schema, Ok(Ok(true)));
    let live = live.verbunden();
    let faehrt_herunter = zustand.schaltet_ab();
    let site = zustand.site_pruefen(site_root);
    let bereit = datenbank && schema && live && site && !faehrt_herunter;
    Bereitschaft { bereit, datenbank, schema, live, site, faehrt_herunter }
}

pub async fn bereit(
    State(db): State<Db>,
    State(live): State<Live>,
    State(zustand): State<Betriebszustand>,
    State(optionen): State<leptos::config::LeptosOptions>,
) -> Response {
    let b = pruefen(&db, &live, &zustand, &optionen.site_root).await;
    if !b.bereit {
        tracing::warn!(?b, "nicht bereit");
    }
    let status = if b.bereit { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(b)).into_response()
}
