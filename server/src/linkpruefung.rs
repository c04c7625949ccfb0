//! The link check: a worker on every app server (when `OZG_LINKPRUEFUNG_TAKT_S` is set) checks
//! the address of every online service and every delivered Kommune page on a schedule and keeps
//! the result (`app::store::linkpruefung`); `ozg-atlas links-pruefen` runs one pass by hand.
//!
//! One check: HEAD, and GET where HEAD fails (many servers refuse HEAD), redirects followed by
//! hand – each hop recorded, at most [`MAX_WEITERLEITUNGEN`] – with a time limit per request.
//! Polite: at most [`JE_HOST`] requests to one host at a time and [`GLEICHZEITIG`] in all. Never
//! into the operator's own network (SSRF): names are resolved here and only public addresses are
//! connected to; an address literal is checked the same way, on every hop.

use app::model::linkpruefung::{MAX_WEITERLEITUNGEN, Pruefung};
use app::store::linkpruefung as lp;
use app::store::{Db, StoreError};
use futures::StreamExt;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::{Method, StatusCode, Url};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Requests to one host at a time.
pub const JE_HOST: usize = 2;
/// Requests at a time in all.
pub const GLEICHZEITIG: usize = 8;
/// Addresses taken from the schedule at once.
const JE_ZUG: i64 = 32;

/// How the worker checks: its rhythm, how often an address is due, the time limit per request.
#[derive(Clone, Debug)]
pub struct LinkKonfig {
    pub takt: Duration,
    pub intervall: Duration,
    pub zeitlimit: Duration,
}

impl LinkKonfig {
    /// From `OZG_LINKPRUEFUNG_TAKT_S` (unset or 0: no worker), `OZG_LINKPRUEFUNG_INTERVALL_H`
    /// (default 24) and `OZG_LINKPRUEFUNG_ZEITLIMIT_S` (default 10).
    pub fn aus(lesen: crate::config::Lesen) -> Result<Option<LinkKonfig>, crate::config::KonfigFehler> {
        let takt: u64 = crate::config::zahl(lesen, "OZG_LINKPRUEFUNG_TAKT_S", 0)?;
        let stunden: u64 = crate::config::zahl(lesen, "OZG_LINKPRUEFUNG_INTERVALL_H", 24)?;
        let zeitlimit: u64 = crate::config::zahl(lesen, "OZG_LINKPRUEFUNG_ZEITLIMIT_S", 10)?;
        Ok((takt > 0).then(|| LinkKonfig {
            takt: Duration::from_secs(takt),
            intervall: Duration::from_secs(stunden.clamp(1, 24 * 90) * 3600),
            zeitlimit: Duration::from_secs(zeitlimit.clamp(1, 120)),
        }))
    }
}

/// Why an address is refused before any connection.
#[derive(Debug, thiserror::Error)]
#[error("Adresse nicht öffentlich erreichbar (internes Netz)")]
struct NichtOeffentlich;

/// Whether an address is on the public internet (not loopback, private, link-local, shared,
/// documentation, multicast or unspecified).
pub fn oeffentlich(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => {
            let o = a.octets();
            !(a.is_loopback()
                || a.is_private()
                || a.is_link_local()
                || a.is_unspecified()
                || a.is_broadcast()
                || a.is_documentation()
                || a.is_multicast()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
                || o[0] >= 240)
        }
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(v4) => oeffentlich(IpAddr::V4(v4)),
            None => {
                let s = a.segments()[0];
                !(a.is_loopback()
                    || a.is_unspecified()
                    || a.is_multicast()
                    || (s & 0xfe00) == 0xfc00
                    || (s & 0xffc0) == 0xfe80
                    || s == 0x2001 && a.segments()[1] == 0x0db8)
            }
        },
    }
}

/// Resolves names and hands on only public addresses (all, in tests, with `lokal_erlaubt`).
struct Aufloeser {
    lokal_erlaubt: bool,
}

type Fehler = Box<dyn std::error::Error + Send + Sync>;

impl Resolve for Aufloeser {
    fn resolve(&self, name: Name) -> Resolving {
        let lokal = self.lokal_erlaubt;
        Box::pin(async move {
            let alle: Vec<SocketAddr> = match tokio::net::lookup_host((name.as_str(), 0)).await {
                Ok(a) => a.collect(),
                Err(e) => return Err(Box::new(e) as Fehler),
            };
            let gut: Vec<SocketAddr> = alle.into_iter().filter(|a| lokal || oeffentlich(a.ip())).collect();
            if gut.is_empty() {
                return Err(Box::new(NichtOeffentlich) as Fehler);
            }
            Ok::<Addrs, Fehler>(Box::new(gut.into_iter()))
        })
    }
}

/// Checks addresses; one per server process, shared by the worker's requests.
pub struct Pruefer {
    client: reqwest::Client,
    zeitlimit: Duration,
    lokal_erlaubt: bool,
    gesamt: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl Pruefer {
    /// `lokal_erlaubt` only for tests against a server on this machine.
    pub fn neu(zeitlimit: Duration, lokal_erlaubt: bool) -> Result<Pruefer, String> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(zeitlimit)
            .connect_timeout(zeitlimit)
            .user_agent(concat!("OZG-Atlas-NRW-Linkpruefung/", env!("CARGO_PKG_VERSION")))
            .dns_resolver(Arc::new(Aufloeser { lokal_erlaubt }))
            .build()
            .map_err(|e| format!("Linkprüfung: HTTP-Client: {e}"))?;
        Ok(Pruefer {
            client,
            zeitlimit,
            lokal_erlaubt,
            gesamt: Arc::new(Semaphore::new(GLEICHZEITIG)),
            hosts: Mutex::default(),
        })
    }

    fn host_platz(&self, host: &str) -> Arc<Semaphore> {
        let mut hosts = self.hosts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Forget hosts nobody waits for, so the map does not grow with every host ever seen.
        hosts.retain(|_, s| Arc::strong_count(s) > 1);
        hosts.entry(host.to_ascii_lowercase()).or_insert_with(|| Arc::new(Semaphore::new(JE_HOST))).clone()
    }

    /// One request, within the host's and the total limit.
    async fn anfrage(&self, methode: Method, url: &Url) -> Result<reqwest::Response, String> {
        let host = url.host_str().unwrap_or_default().to_string();
        let platz_host = self.host_platz(&host);
        let _h = platz_host.acquire().await.map_err(|e| e.to_string())?;
        let _g = self.gesamt.acquire().await.map_err(|e| e.to_string())?;
        self.client.request(methode, url.clone()).send().await.map_err(|e| self.fehlertext(&e))
    }

    fn fehlertext(&self, e: &reqwest::Error) -> String {
        let mut quelle: Option<&(dyn std::error::Error + 'static)> = Some(e);
        while let Some(q) = quelle {
            if q.is::<NichtOeffentlich>() {
                return NichtOeffentlich.to_string();
            }
            quelle = q.source();
        }
        if e.is_timeout() {
            format!("Zeitüberschreitung nach {} s", self.zeitlimit.as_secs())
        } else if e.is_connect() {
            "Verbindung fehlgeschlagen".into()
        } else {
            "keine gültige HTTP-Antwort".into()
        }
    }

    /// Refuses what must not be requested: other schemes, and address literals outside the
    /// public internet (names are checked by the resolver).
    fn zulaessig(&self, url: &Url) -> Result<(), String> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("kein http(s): {}", url.scheme()));
        }
        let ip = match url.host() {
            Some(url::Host::Ipv4(a)) => Some(IpAddr::V4(a)),
            Some(url::Host::Ipv6(a)) => Some(IpAddr::V6(a)),
            Some(url::Host::Domain(_)) => None,
            None => return Err("Adresse ohne Host".into()),
        };
        match ip {
            Some(ip) if !self.lokal_erlaubt && !oeffentlich(ip) => Err(NichtOeffentlich.to_string()),
            _ => Ok(()),
        }
    }

    /// HEAD; GET where HEAD got no answer or an error status (not after a time-out: the time
    /// limit is not spent twice).
    async fn abrufen(&self, url: &Url) -> Result<reqwest::Response, String> {
        match self.anfrage(Method::HEAD, url).await {
            Ok(r) if r.status().is_success() || r.status().is_redirection() => Ok(r),
            Err(e) if e.starts_with("Zeitüberschreitung") || e == NichtOeffentlich.to_string() => Err(e),
            _ => self.anfrage(Method::GET, url).await,
        }
    }

    /// Checks one address, following redirects by hand.
    pub async fn pruefen(&self, adresse: &str) -> Pruefung {
        let beginn = Instant::now();
        let mut p = Pruefung {
            url: adresse.to_string(),
            erreichbar: false,
            status: None,
            fehler: None,
            weiterleitungen: Vec::new(),
            dauer_ms: 0,
        };
        let ergebnis = self.folgen(adresse, &mut p).await;
        match ergebnis {
            Ok(status) => {
                p.status = Some(i64::from(status.as_u16()));
                p.erreichbar = status.is_success();
            }
            Err(f) => p.fehler = Some(f),
        }
        p.dauer_ms = i64::try_from(beginn.elapsed().as_millis()).unwrap_or(i64::MAX);
        p
    }

    async fn folgen(&self, adresse: &str, p: &mut Pruefung) -> Result<StatusCode, String> {
        let mut url = Url::parse(adresse.trim()).map_err(|_| "keine gültige Adresse".to_string())?;
        loop {
            self.zulaessig(&url)?;
            let r = self.abrufen(&url).await?;
            let status = r.status();
            if !status.is_redirection() {
                return Ok(status);
            }
            let ziel =
                r.headers().get(reqwest::header::LOCATION).and_then(|v| v.to_str().ok()).and_then(|l| url.join(l).ok());
            let Some(ziel) = ziel else { return Ok(status) };
            if p.weiterleitungen.len() >= MAX_WEITERLEITUNGEN {
                p.status = Some(i64::from(status.as_u16()));
                return Err(format!("mehr als {MAX_WEITERLEITUNGEN} Weiterleitungen"));
            }
            p.weiterleitungen.push((status.as_u16(), ziel.to_string()));
            url = ziel;
        }
    }
}

/// What one round did.
#[derive(Debug, Default, PartialEq)]
pub struct Runde {
    pub geprueft: usize,
    pub geaendert: usize,
}

/// One round at `jetzt_ms`: bring the schedule in line with the data, then check every due
/// address (in batches taken for `server`) and record each result.
pub async fn runde(
    db: &Db,
    pruefer: &Pruefer,
    server: &str,
    jetzt_ms: i64,
    intervall: Duration,
) -> Result<Runde, StoreError> {
    lp::abgleichen(db, jetzt_ms).await?;
    lp::verlauf_kuerzen(db, jetzt_ms).await?;
    let naechste = jetzt_ms + i64::try_from(intervall.as_millis()).unwrap_or(i64::MAX / 2);
    let mut r = Runde::default();
    loop {
        let urls = lp::nehmen(db, server, jetzt_ms, JE_ZUG).await?;
        if urls.is_empty() {
            return Ok(r);
        }
        let mut ergebnisse = futures::stream::iter(urls)
            .map(|u| async move { pruefer.pruefen(&u).await })
            .buffer_unordered(GLEICHZEITIG);
        while let Some(p) = ergebnisse.next().await {
            r.geprueft += 1;
            if lp::eintragen(db, server, &p, jetzt_ms, naechste).await? == lp::Ergebnis::Geaendert {
                r.geaendert += 1;
            }
        }
    }
}

/// Checks one address of the schedule now, whether due or not (`links-pruefen --adresse`);
/// `None` when the schedule does not know it.
pub async fn eine(
    db: &Db,
    pruefer: &Pruefer,
    server: &str,
    url: &str,
    jetzt_ms: i64,
    intervall: Duration,
) -> Result<Option<Pruefung>, StoreError> {
    lp::abgleichen(db, jetzt_ms).await?;
    if !lp::nehmen_adresse(db, server, url, jetzt_ms).await? {
        return Ok(None);
    }
    let p = pruefer.pruefen(url).await;
    let naechste = jetzt_ms + i64::try_from(intervall.as_millis()).unwrap_or(i64::MAX / 2);
    lp::eintragen(db, server, &p, jetzt_ms, naechste).await?;
    Ok(Some(p))
}

/// Runs rounds until the process ends.
pub fn starten(db: Db, k: LinkKonfig) -> Result<tokio::task::JoinHandle<()>, String> {
    let pruefer = Pruefer::neu(k.zeitlimit, false)?;
    let server = crate::infoverteiler::arbeiter::servername();
    Ok(tokio::spawn(async move {
        loop {
            match runde(&db, &pruefer, &server, app::store::jetzt_ms(), k.intervall).await {
                Ok(r) if r.geprueft > 0 => {
                    tracing::info!(geprueft = r.geprueft, geaendert = r.geaendert, "Linkprüfung: Runde")
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "Linkprüfung: Runde fehlgeschlagen"),
            }
            tokio::time::sleep(k.takt).await;
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses() {
        for innen in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
        ] {
            assert!(!oeffentlich(innen.parse().unwrap()), "{innen}");
        }
        for aussen in ["193.99.144.80", "2a02:2e0:3fe:1001:302::"] {
            assert!(oeffentlich(aussen.parse().unwrap()), "{aussen}");
        }
    }

    #[test]
    fn literals_and_schemes_are_refused() {
        let p = Pruefer::neu(Duration::from_secs(1), false).unwrap();
        assert!(p.zulaessig(&Url::parse("http://127.0.0.1:8080/").unwrap()).is_err());
        assert!(p.zulaessig(&Url::parse("http://[::1]/").unwrap()).is_err());
        assert!(p.zulaessig(&Url::parse("ftp://example.org/").unwrap()).is_err());
        assert!(p.zulaessig(&Url::parse("https://www.wsp.nrw.de/").unwrap()).is_ok());
    }
}
