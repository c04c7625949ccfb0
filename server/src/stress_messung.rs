//! Stress run of `make bench`: while 200 parallel anonymous logins, 64 parallel full exports and
//! 2,000 open live streams run against one server, does a logged-in coordinator's save and a
//! public catalog page still answer? Reports p99 of each, the errors, how the flood was shed,
//! and the server's peak resident memory. Goal (issue 12): no failed save, page p99 < 500 ms,
//! RSS < 1 GiB.
//!
//! The server runs behind a (pretend) proxy with its default limits; each attacker connection
//! names its own address in `X-Forwarded-For`, as a botnet would, so the per-network limits do
//! not simply turn one address away – the bounded pools have to hold. Plain HTTP/1.1 over tokio
//! sockets like `live_messung`. Login from BENCH_EMAIL / BENCH_PW.

use crate::live_messung::{Fehler, anfrage, perzentil, post, rss_kib, sitzungscookie, speicher_form};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Mutex;

const LOGINS: usize = 200;
const EXPORTE: usize = 64;
const STROEME: usize = 2_000;
const DAUER: Duration = Duration::from_secs(20);

/// Statuses seen per kind of request.
#[derive(Default)]
struct Zaehler(Mutex<BTreeMap<(&'static str, u16), u64>>);

impl Zaehler {
    async fn zaehlen(&self, art: &'static str, status: u16) {
        *self.0.lock().await.entry((art, status)).or_default() += 1;
    }
    async fn text(&self, art: &'static str) -> String {
        let m = self.0.lock().await;
        let teile: Vec<String> =
            m.iter().filter(|((a, _), _)| *a == art).map(|((_, s), n)| format!("{s}×{n}")).collect();
        teile.join(" ")
    }
}

fn mit_adresse(roh: String, adresse: &str) -> String {
    roh.replacen("\r\n", &format!("\r\nX-Forwarded-For: {adresse}\r\n"), 1)
}

fn get(addr: &str, pfad: &str, adresse: &str) -> String {
    format!("GET {pfad} HTTP/1.1\r\nHost: {addr}\r\nX-Forwarded-For: {adresse}\r\nConnection: close\r\n\r\n")
}

/// Opens a live stream from its own address and reads it until the run ends.
async fn strom(addr: String, nr: usize, stopp: Arc<AtomicBool>, offen: Arc<AtomicU64>, z: Arc<Zaehler>) {
    let Ok(mut s) = TcpStream::connect(&addr).await else { return z.zaehlen("strom", 0).await };
    let adresse = format!("10.{}.{}.1", nr / 250, nr % 250);
    let anfrage = format!("GET /live/ereignisse HTTP/1.1\r\nHost: {addr}\r\nX-Forwarded-For: {adresse}\r\n\r\n");
    if s.write_all(anfrage.as_bytes()).await.is_err() {
        return z.zaehlen("strom", 0).await;
    }
    let mut puffer = vec![0u8; 4096];
    let mut erster = true;
    while !stopp.load(Ordering::Relaxed) {
        match tokio::time::timeout(Duration::from_millis(500), s.read(&mut puffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(n)) if erster => {
                erster = false;
                let status =
                    String::from_utf8_lossy(&puffer[..n]).split_whitespace().nth(1).and_then(|s| s.parse().ok());
                z.zaehlen("strom", status.unwrap_or(0)).await;
                offen.fetch_add(1, Ordering::Relaxed);
            }
            _ => {}
        }
    }
}

/// Runs the stress measurement against a running server; returns the result line.
pub async fn messen(basis: &str, pid: u32) -> Result<String, Fehler> {
    let addr = basis.trim_start_matches("http://").trim_end_matches('/').to_string();
    let email = std::env::var("BENCH_EMAIL")?;
    let pw = std::env::var("BENCH_PW")?;
    let login = serde_urlencoded::to_string([("email", email.as_str()), ("passwort", pw.as_str())])?;
    let buero = "198.51.100.10";
    let (status, kopf, rumpf) = anfrage(&addr, mit_adresse(post(&addr, "/api/anmelden", "", &login), buero)).await?;
    if status != 200 {
        return Err(format!("Anmeldung: {status} {rumpf}").into());
    }
    let cookie = sitzungscookie(&kopf).ok_or("kein Sitzungscookie")?;
    let (s, _, rumpf) = anfrage(&addr, mit_adresse(post(&addr, "/api/roadmap", "", "query="), buero)).await?;
    if s != 200 {
        return Err(format!("Roadmap: {s}").into());
    }
    let r: app::model::roadmap::Roadmap = serde_json::from_str(&rumpf)?;
    let projekt = r.projekte.into_iter().find(|p| p.name == "Einbürgerung").ok_or("Projekt fehlt")?;

    let stopp = Arc::new(AtomicBool::new(false));
    let offen = Arc::new(AtomicU64::new(0));
    let z = Arc::new(Zaehler::default());
    let spitze = Arc::new(AtomicU64::new(rss_kib(pid)));
    let mut aufgaben = Vec::new();
    {
        let (stopp, spitze) = (stopp.clone(), spitze.clone());
        aufgaben.push(tokio::spawn(async move {
            while !stopp.load(Ordering::Relaxed) {
                spitze.fetch_max(rss_kib(pid), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }));
    }
    for nr in 0..STROEME {
        aufgaben.push(tokio::spawn(strom(addr.clone(), nr, stopp.clone(), offen.clone(), z.clone())));
    }
    for nr in 0..LOGINS {
        let (addr, stopp, z, email) = (addr.clone(), stopp.clone(), z.clone(), email.clone());
        aufgaben.push(tokio::spawn(async move {
            let adresse = format!("203.0.{}.{}", nr / 250, nr % 250);
            let koerper = serde_urlencoded::to_string([("email", email.as_str()), ("passwort", "falsch geraten 123")])
                .unwrap_or_default();
            while !stopp.load(Ordering::Relaxed) {
                let roh = mit_adresse(post(&addr, "/api/anmelden", "", &koerper), &adresse);
                let s = anfrage(&addr, roh).await.map(|a| a.0).unwrap_or(0);
                z.zaehlen("anmeldung", s).await;
            }
        }));
    }
    for nr in 0..EXPORTE {
        let (addr, stopp, z) = (addr.clone(), stopp.clone(), z.clone());
        aufgaben.push(tokio::spawn(async move {
            let adresse = format!("192.0.2.{nr}");
            while !stopp.load(Ordering::Relaxed) {
                let s = anfrage(&addr, get(&addr, "/export/leika.csv", &adresse)).await.map(|a| a.0).unwrap_or(0);
                z.zaehlen("export", s).await;
                if s != 200 {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
        }));
    }
    // Let the streams open and the flood start.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let ende = Instant::now() + DAUER;
    let (mut speichern, mut seite) = (Vec::new(), Vec::new());
    let mut version = projekt.version;
    let mut k: i32 = 0;
    while Instant::now() < ende {
        k += 1;
        let form = speicher_form(&projekt, version, k)?;
        let t0 = Instant::now();
        let (s, _, rumpf) = anfrage(&addr, mit_adresse(post(&addr, "/api/projekt_speichern", &cookie, &form), buero))
            .await
            .unwrap_or((0, String::new(), String::new()));
        speichern.push(t0.elapsed().as_secs_f64() * 1000.0);
        z.zaehlen("speichern", s).await;
        if let (200, Ok(v)) = (s, rumpf.trim().parse()) {
            version = v;
        }
        let t0 = Instant::now();
        let s = anfrage(&addr, get(&addr, "/leistungen", "198.51.100.20")).await.map(|a| a.0).unwrap_or(0);
        seite.push(t0.elapsed().as_secs_f64() * 1000.0);
        z.zaehlen("seite", s).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    stopp.store(true, Ordering::Relaxed);
    for a in aufgaben {
        let _ = tokio::time::timeout(Duration::from_secs(30), a).await;
    }
    let (n_s, n_p) = (speichern.len(), seite.len());
    let (s50, s99) = (perzentil(&mut speichern, 0.5), perzentil(&mut speichern, 0.99));
    let (p50, p99) = (perzentil(&mut seite, 0.5), perzentil(&mut seite, 0.99));
    Ok(format!(
        "Speichern der Koordinatorin: {n_s}, p50 {s50:.1} ms, p99 {s99:.1} ms, Status {}; Katalogseite: {n_p}, p50 {p50:.1} ms, \
         p99 {p99:.1} ms, Status {}; Ströme offen {} von {STROEME} ({}); Anmeldungen {}; Exporte {}; Server-RSS Spitze {} MiB",
        z.text("speichern").await,
        z.text("seite").await,
        offen.load(Ordering::Relaxed),
        z.text("strom").await,
        z.text("anmeldung").await,
        z.text("export").await,
        spitze.load(Ordering::Relaxed) / 1024,
    ))
}
