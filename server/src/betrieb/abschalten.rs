//! Shutting down so that nobody notices – what a rolling restart (systemd's SIGTERM to one app
//! server, then the other) needs:
//!
//! 1. `/bereit` says no at once, so the proxy takes the server out of rotation;
//! 2. open live streams end; browsers reconnect after a second with their `Last-Event-ID`,
//!    through the proxy to the other server, and replay what they missed;
//! 3. after a lead time (longer than the proxy's health interval) the server stops accepting;
//! 4. running requests finish, for at most a deadline; then the process exits.

use super::bereitschaft::Betriebszustand;
use app::live::Live;
use std::time::Duration;
use tokio::sync::Notify;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Abschaltplan {
    /// Between "not ready" and closing the listener: the proxy notices meanwhile.
    pub vorlauf: Duration,
    /// The longest running requests may take after the listener closed.
    pub frist: Duration,
}

impl Abschaltplan {
    /// Behind a proxy two seconds of lead time (its health check runs every second); alone
    /// there is nobody to notice, so Ctrl-C ends at once. `OZG_ABSCHALT_VORLAUF_S` and
    /// `OZG_ABSCHALTZEIT_S` set both.
    pub fn fuer(hinter_proxy: bool, vorlauf_s: Option<u64>, frist_s: Option<u64>) -> Abschaltplan {
        let vorlauf = vorlauf_s.unwrap_or(if hinter_proxy { 2 } else { 0 });
        Abschaltplan { vorlauf: Duration::from_secs(vorlauf), frist: Duration::from_secs(frist_s.unwrap_or(20)) }
    }
}

/// Resolves on SIGTERM (systemd, a rolling restart) or Ctrl-C.
pub async fn signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves until `ausloeser` resolves, then shuts down by the plan. Returns whether every
/// running request finished within the deadline.
pub async fn dienen(
    listener: tokio::net::TcpListener,
    app: axum::Router,
    zustand: Betriebszustand,
    live: Live,
    plan: Abschaltplan,
    ausloeser: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<bool> {
    use axum::serve::ListenerExt;
    // No Nagle delay: a response's last small segment would otherwise wait up to 40 ms for the
    // client's delayed ACK on kept-alive connections (measured: p99 45 ms).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let stopp = std::sync::Arc::new(Notify::new());
    let server = axum::serve(listener, app).with_graceful_shutdown({
        let stopp = stopp.clone();
        async move { stopp.notified().await }
    });
    let ablauf = async {
        ausloeser.await;
        tracing::info!(vorlauf_s = plan.vorlauf.as_secs(), frist_s = plan.frist.as_secs(), "Herunterfahren beginnt");
        zustand.abschalten();
        live.beenden();
        tokio::time::sleep(plan.vorlauf).await;
        tracing::info!("Keine neuen Verbindungen mehr; laufende Anfragen werden beendet");
        stopp.notify_one();
        tokio::time::sleep(plan.frist).await;
    };
    tokio::select! {
        r = server.into_future() => r.map(|_| true),
        _ = ablauf => {
            tracing::warn!("Frist zum Herunterfahren abgelaufen; offene Anfragen werden abgebrochen");
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_time_only_behind_a_proxy() {
        assert_eq!(Abschaltplan::fuer(false, None, None).vorlauf, Duration::ZERO);
        assert_eq!(Abschaltplan::fuer(true, None, None).vorlauf, Duration::from_secs(2));
        assert_eq!(Abschaltplan::fuer(true, Some(5), Some(3)).frist, Duration::from_secs(3));
    }
}
