//! Floods are shed, not absorbed. Anonymous readers get per-network rate limits (the
//! `governor` crate's keyed GCRA limiters) on server functions, logins and exports; anonymous
//! exports also share a few places and are turned away (503) when all are taken; live streams
//! are capped per server and per network. Logged-in staff pass the anonymous limits, so a
//! coordinator keeps working while an anonymous flood is shed. A network is an IPv4 address or
//! an IPv6 /64, as for the login throttling. A workshop room is one network too (the venue's
//! Wi-Fi): a guest of an open workshop session and a logged-in person are counted by
//! themselves ([`Zaehlung`]), so 300 people in one room fit.

use app::error::AppError;
use app::sitzung::Anfrager;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The limits; `aus` reads the operator's overrides (a wrong value stops the start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lastgrenzen {
    /// Anonymous server-function calls per second and network (burst: 4 ×). A page view makes
    /// one to three; a reader clicking facets quickly makes a few per second.
    pub anonym_je_sekunde: u32,
    /// Login attempts per minute and network (burst: 2 ×), before and besides the throttling of
    /// wrong passwords.
    pub anmeldungen_je_minute: u32,
    /// Requests to the open API per second and network, logged in or not (burst: 4 ×): a client
    /// paging through a list with 100 rows a page reads 2,000 rows a second.
    pub api_je_sekunde: u32,
    /// Anonymous exports per minute and network (burst: 10).
    pub exporte_je_minute: u32,
    /// Anonymous exports running at once on this server; more are turned away with 503.
    pub exporte_parallel: usize,
    pub live_je_server: usize,
    /// Live streams per anonymous network (a reader's tabs, a small office behind one address).
    pub live_je_netz: usize,
    /// Live streams per logged-in person or workshop guest (each page opens one).
    pub live_je_person: usize,
    /// Longest time for one request (not for live streams).
    pub zeitlimit: Duration,
    /// Memory of the page cache in MiB (0: off, every page rendered).
    pub seitenspeicher_mb: u64,
    /// Memory of the query cache in MiB (0: off).
    pub abfragespeicher_mb: u64,
}

impl Default for Lastgrenzen {
    fn default() -> Self {
        Lastgrenzen {
            anonym_je_sekunde: 50,
            anmeldungen_je_minute: 60,
            api_je_sekunde: 20,
            exporte_je_minute: 30,
            exporte_parallel: 4,
            live_je_server: 5_000,
            live_je_netz: 200,
            live_je_person: 16,
            zeitlimit: Duration::from_secs(30),
            seitenspeicher_mb: 64,
            abfragespeicher_mb: 32,
        }
    }
}

impl Lastgrenzen {
    /// Defaults, each replaceable by an environment variable (`OZG_ANONYM_JE_SEKUNDE`,
    /// `OZG_ANMELDUNGEN_JE_MINUTE`, `OZG_API_JE_SEKUNDE`, `OZG_EXPORTE_JE_MINUTE`, `OZG_EXPORTE_PARALLEL`,
    /// `OZG_LIVE_JE_SERVER`, `OZG_LIVE_JE_NETZ`, `OZG_LIVE_JE_PERSON`, `OZG_ZEITLIMIT_S`, `OZG_SEITENSPEICHER_MB`,
    /// `OZG_ABFRAGESPEICHER_MB`).
    pub fn aus(lesen: crate::config::Lesen) -> Result<Lastgrenzen, crate::config::KonfigFehler> {
        use crate::config::zahl;
        let d = Lastgrenzen::default();
        Ok(Lastgrenzen {
            anonym_je_sekunde: zahl(lesen, "OZG_ANONYM_JE_SEKUNDE", d.anonym_je_sekunde)?,
            anmeldungen_je_minute: zahl(lesen, "OZG_ANMELDUNGEN_JE_MINUTE", d.anmeldungen_je_minute)?,
            api_je_sekunde: zahl(lesen, "OZG_API_JE_SEKUNDE", d.api_je_sekunde)?,
            exporte_je_minute: zahl(lesen, "OZG_EXPORTE_JE_MINUTE", d.exporte_je_minute)?,
            exporte_parallel: zahl(lesen, "OZG_EXPORTE_PARALLEL", d.exporte_parallel)?,
            live_je_server: zahl(lesen, "OZG_LIVE_JE_SERVER", d.live_je_server)?,
            live_je_netz: zahl(lesen, "OZG_LIVE_JE_NETZ", d.live_je_netz)?,
            live_je_person: zahl(lesen, "OZG_LIVE_JE_PERSON", d.live_je_person)?,
            zeitlimit: Duration::from_secs(zahl(lesen, "OZG_ZEITLIMIT_S", d.zeitlimit.as_secs())?),
            seitenspeicher_mb: zahl(lesen, "OZG_SEITENSPEICHER_MB", d.seitenspeicher_mb)?,
            abfragespeicher_mb: zahl(lesen, "OZG_ABFRAGESPEICHER_MB", d.abfragespeicher_mb)?,
        })
    }

    /// For tests that call the server far faster than people do; the limits' own test uses
    /// tight values instead.
    pub fn unbegrenzt() -> Lastgrenzen {
        Lastgrenzen {
            anonym_je_sekunde: 1_000_000,
            anmeldungen_je_minute: 1_000_000,
            api_je_sekunde: 1_000_000,
            exporte_je_minute: 1_000_000,
            exporte_parallel: 1_000,
            live_je_server: 100_000,
            live_je_netz: 100_000,
            ..Lastgrenzen::default()
        }
    }
}

/// Whom a limit counts: a logged-in person or a guest of an open workshop session by
/// themselves, everyone else by their network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zaehlung {
    pub schluessel: String,
    pub einzeln: bool,
}

impl Zaehlung {
    pub fn von(wer: &Anfrager) -> Zaehlung {
        match (&wer.person, wer.gast) {
            (Some(p), _) => Zaehlung { schluessel: format!("person:{}", p.id), einzeln: true },
            (None, Some(g)) => Zaehlung { schluessel: format!("gast:{g}"), einzeln: true },
            (None, None) => Zaehlung { schluessel: app::store::konto::netz(&wer.adresse), einzeln: false },
        }
    }
}

fn nz(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN)
}

/// The limiters of one server.
pub struct Lastschutz {
    pub grenzen: Lastgrenzen,
    anonym: DefaultKeyedRateLimiter<String>,
    anmeldung: DefaultKeyedRateLimiter<String>,
    api: DefaultKeyedRateLimiter<String>,
    export: DefaultKeyedRateLimiter<String>,
    exporte: Arc<Semaphore>,
    live: Arc<Semaphore>,
    live_netze: Arc<Mutex<HashMap<String, usize>>>,
}

impl Lastschutz {
    pub fn neu(g: Lastgrenzen) -> Arc<Lastschutz> {
        let anonym = Quota::per_second(nz(g.anonym_je_sekunde)).allow_burst(nz(g.anonym_je_sekunde.saturating_mul(4)));
        let anmeldung =
            Quota::per_minute(nz(g.anmeldungen_je_minute)).allow_burst(nz(g.anmeldungen_je_minute.saturating_mul(2)));
        let api = Quota::per_second(nz(g.api_je_sekunde)).allow_burst(nz(g.api_je_sekunde.saturating_mul(4)));
        let export = Quota::per_minute(nz(g.exporte_je_minute)).allow_burst(nz(10.min(g.exporte_je_minute)));
        let schutz = Arc::new(Lastschutz {
            anonym: RateLimiter::keyed(anonym),
            anmeldung: RateLimiter::keyed(anmeldung),
            api: RateLimiter::keyed(api),
            export: RateLimiter::keyed(export),
            exporte: Arc::new(Semaphore::new(g.exporte_parallel)),
            live: Arc::new(Semaphore::new(g.live_je_server)),
            live_netze: Arc::default(),
            grenzen: g,
        });
        // The keyed state grows with every network seen; the crate forgets idle ones on request.
        let w = Arc::downgrade(&schutz);
        if let Ok(rt) = tokio::runtime::Handle::try_current() {
            rt.spawn(async move {
                while let Some(s) = w.upgrade() {
                    s.anonym.retain_recent();
                    s.anmeldung.retain_recent();
                    s.api.retain_recent();
                    s.export.retain_recent();
                    drop(s);
                    tokio::time::sleep(Duration::from_secs(60)).await;
                }
            });
        }
        schutz
    }

    /// A place for a live stream, held as long as the stream is open; `None` when the server,
    /// the network or the person has as many as allowed.
    pub fn live_platz(&self, wer: &Zaehlung) -> Option<LivePlatz> {
        let server = self.live.clone().try_acquire_owned().ok()?;
        let grenze = if wer.einzeln { self.grenzen.live_je_person } else { self.grenzen.live_je_netz };
        let mut netze = self.live_netze.lock().ok()?;
        let n = netze.entry(wer.schluessel.clone()).or_insert(0);
        if *n >= grenze {
            return None;
        }
        *n += 1;
        Some(LivePlatz { _server: server, netz: wer.schluessel.clone(), netze: self.live_netze.clone() })
    }

    /// Open live streams of this server (for metrics and tests).
    pub fn live_offen(&self) -> usize {
        self.grenzen.live_je_server - self.live.available_permits()
    }
}

/// An open live stream's place; frees it when dropped.
pub struct LivePlatz {
    _server: OwnedSemaphorePermit,
    netz: String,
    netze: Arc<Mutex<HashMap<String, usize>>>,
}

impl Drop for LivePlatz {
    fn drop(&mut self) {
        if let Ok(mut netze) = self.netze.lock()
            && let Some(n) = netze.get_mut(&self.netz)
        {
            *n = n.saturating_sub(1);
            if *n == 0 {
                netze.remove(&self.netz);
            }
        }
    }
}

/// A running anonymous export's place, carried into its streamed body.
#[derive(Clone)]
pub struct ExportPlatz(pub Arc<OwnedSemaphorePermit>);

/// 429 or 503 with `Retry-After`: problem+json for the open API (readable across origins), JSON
/// of [`AppError`] for server functions (the pages show it like any error), text elsewhere.
fn abweisen(pfad: &str, status: StatusCode, sekunden: u64, meldung: String) -> Response {
    let mut r = if crate::schnittstelle::ist_schnittstelle(pfad) {
        let p = if status == StatusCode::TOO_MANY_REQUESTS {
            crate::schnittstelle::Problem::Gedrosselt(meldung)
        } else {
            crate::schnittstelle::Problem::Ueberlastet(meldung)
        };
        let mut r = p.antwort(pfad);
        r.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        r.headers_mut().insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("retry-after"));
        r
    } else if pfad.starts_with("/api/") {
        let e = if status == StatusCode::TOO_MANY_REQUESTS {
            AppError::ZuVieleVersuche(meldung)
        } else {
            AppError::Ueberlastet(meldung)
        };
        (status, [(header::CONTENT_TYPE, "application/json")], serde_json::to_string(&e).unwrap_or_default())
            .into_response()
    } else {
        (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], meldung).into_response()
    };
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(sekunden.max(1)));
    r
}

fn zu_viele(pfad: &str, warten: Duration) -> Response {
    let s = warten.as_secs() + 1;
    let m = if crate::schnittstelle::ist_schnittstelle(pfad) {
        format!("Zu viele Anfragen an die Schnittstelle aus Ihrem Netz. Bitte versuchen Sie es in {s} Sekunden erneut.")
    } else {
        format!(
            "Zu viele Anfragen aus Ihrem Netz in kurzer Zeit. Bitte versuchen Sie es in {s} Sekunden erneut; \
             angemeldet gilt diese Grenze nicht."
        )
    };
    abweisen(pfad, StatusCode::TOO_MANY_REQUESTS, s, m)
}

/// The limits of one request, after the session is known (`sicherheit::anfrager`).
pub async fn drosseln(State(schutz): State<Arc<Lastschutz>>, mut req: Request, next: Next) -> Response {
    let wer = req.extensions().get::<Anfrager>().cloned().unwrap_or_default();
    let netz = app::store::konto::netz(&wer.adresse);
    // Only the calls of the pages count a workshop guest by itself: logins, the open API and
    // exports stay per network (many guest tokens must not buy many login attempts).
    let seiten = Zaehlung::von(&wer).schluessel;
    let pfad = req.uri().path().to_string();
    let anonym = wer.person.is_none();
    let limiter = match (req.method(), pfad.as_str()) {
        (&Method::POST, "/api/anmelden") => Some(&schutz.anmeldung),
        (_, p) if crate::schnittstelle::ist_schnittstelle(p) => Some(&schutz.api),
        (&Method::POST, p) if anonym && p.starts_with("/api/") => Some(&schutz.anonym),
        (_, p) if anonym && p.starts_with("/export/") => Some(&schutz.export),
        _ => None,
    };
    let schluessel = if limiter.is_some_and(|l| std::ptr::eq(l, &schutz.anonym)) { &seiten } else { &netz };
    if let Some(l) = limiter
        && let Err(spaeter) = l.check_key(schluessel)
    {
        tracing::info!(netz = %netz, pfad = %pfad, "Anfrage gedrosselt");
        return zu_viele(&pfad, spaeter.wait_time_from(DefaultClock::default().now()));
    }
    // The Bund API's files (`filetype=`) are whole results like the exports: the same places.
    let datei = crate::schnittstelle::ist_schnittstelle(&pfad)
        && req.uri().query().is_some_and(|q| q.split('&').any(|p| p.starts_with("filetype=")));
    if (anonym && pfad.starts_with("/export/")) || datei {
        let Ok(platz) = schutz.exporte.clone().try_acquire_owned() else {
            let m =
                "Der Server erstellt gerade viele Exporte. Bitte versuchen Sie es in 5 Sekunden erneut.".to_string();
            return abweisen(&pfad, StatusCode::SERVICE_UNAVAILABLE, 5, m);
        };
        req.extensions_mut().insert(ExportPlatz(Arc::new(platz)));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn live_places_are_capped_per_network_and_freed() {
        let s = Lastschutz::neu(Lastgrenzen { live_je_server: 3, live_je_netz: 2, ..Lastgrenzen::default() });
        let netz = |a: &str| Zaehlung { schluessel: a.to_string(), einzeln: false };
        let a = s.live_platz(&netz("192.0.2.1")).unwrap();
        let _b = s.live_platz(&netz("192.0.2.1")).unwrap();
        assert!(s.live_platz(&netz("192.0.2.1")).is_none(), "je Netz höchstens 2");
        let _c = s.live_platz(&netz("198.51.100.1")).unwrap();
        assert!(s.live_platz(&netz("198.51.100.2")).is_none(), "je Server höchstens 3");
        drop(a);
        assert_eq!(s.live_offen(), 2);
        assert!(s.live_platz(&netz("192.0.2.1")).is_some());
    }

    #[tokio::test]
    async fn a_workshop_room_on_one_address_is_counted_per_guest() {
        let s = Lastschutz::neu(Lastgrenzen { live_je_netz: 2, live_je_person: 2, ..Lastgrenzen::default() });
        let raum = |gast: Option<i64>| Anfrager { adresse: "192.0.2.7".into(), gast, ..Anfrager::default() };
        let plaetze: Vec<_> = (1..=50).map(|g| s.live_platz(&Zaehlung::von(&raum(Some(g))))).collect();
        assert!(plaetze.iter().all(Option::is_some), "50 Gäste in einem Netz: je einer");
        let _zwei = s.live_platz(&Zaehlung::von(&raum(Some(1)))).unwrap();
        assert!(s.live_platz(&Zaehlung::von(&raum(Some(1)))).is_none(), "je Gast höchstens 2");
        let _x = s.live_platz(&Zaehlung::von(&raum(None))).unwrap();
        let _y = s.live_platz(&Zaehlung::von(&raum(None))).unwrap();
        assert!(s.live_platz(&Zaehlung::von(&raum(None))).is_none(), "ohne Gast zählt das Netz");
    }
}
