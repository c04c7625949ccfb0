//! Benchmark of the live updates (`make bench`): N clients hold `/live/ereignisse` open, one
//! coordinator saves a project M times; for each save the time from sending the save request to
//! the event arriving at each client. Also the server's resident memory per open stream.
//!
//! Plain HTTP/1.1 over tokio sockets, so the client side adds as little as possible. A hidden
//! subcommand of the server binary (`ozg-atlas live-messung`), so the benchmark needs no second
//! release build. Login from BENCH_EMAIL / BENCH_PW.

use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

pub type Fehler = Box<dyn std::error::Error + Send + Sync>;

pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// One request on a fresh connection; returns status, headers and body.
pub async fn anfrage(addr: &str, roh: String) -> Result<(u16, String, String), Fehler> {
    let mut s = TcpStream::connect(addr).await?;
    s.set_nodelay(true)?;
    s.write_all(roh.as_bytes()).await?;
    let mut puffer = Vec::new();
    s.read_to_end(&mut puffer).await?;
    let text = String::from_utf8_lossy(&puffer).to_string();
    let (kopf, rumpf) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = kopf.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, kopf.to_string(), rumpf.to_string()))
}

pub fn post(addr: &str, pfad: &str, cookie: &str, koerper: &str) -> String {
    format!(
        "POST {pfad} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept: application/json\r\nCookie: {cookie}\r\nContent-Length: {}\r\n\r\n{koerper}",
        koerper.len()
    )
}

/// Holds one event stream open; reports (client, number of project events so far, arrival).
async fn zuhoeren(
    addr: String,
    nr: usize,
    bereit: mpsc::UnboundedSender<usize>,
    an: mpsc::UnboundedSender<(usize, usize, Instant)>,
) -> Result<(), Fehler> {
    let mut s = TcpStream::connect(&addr).await?;
    s.set_nodelay(true)?;
    s.write_all(
        format!("GET /live/ereignisse HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n").as_bytes(),
    )
    .await?;
    let mut puffer = String::new();
    let mut chunk = vec![0u8; 16 * 1024];
    let mut gemeldet = false;
    let mut gezaehlt = 0;
    loop {
        let n = s.read(&mut chunk).await?;
        if n == 0 {
            return Err("Verbindung geschlossen".into());
        }
        let jetzt = Instant::now();
        puffer.push_str(&String::from_utf8_lossy(&chunk[..n]));
        if !gemeldet && puffer.contains("event: verbunden") {
            gemeldet = true;
            let _ = bereit.send(nr);
        }
        let anzahl = puffer.matches("event: projekt").count();
        while gezaehlt < anzahl {
            gezaehlt += 1;
            let _ = an.send((nr, gezaehlt, jetzt));
        }
        // Keep only the tail a split marker could start in.
        if puffer.len() > 64 * 1024 {
            let rest = puffer.split_off(puffer.len() - 64);
            let im_rest = rest.matches("event: projekt").count();
            gezaehlt = im_rest;
            puffer = rest;
        }
    }
}

/// The form of one save of the benchmark project: the preparation moved back by one month on
/// every odd save, so each save really changes something.
pub fn speicher_form(projekt: &app::model::roadmap::Projekt, version: i64, k: i32) -> Result<String, Fehler> {
    let phasen = projekt.phasen.verschoben(
        app::model::roadmap::Phase::Vorbereitung,
        app::model::zeitachse::Griff::Anfang,
        -(k % 2),
    );
    let p = app::model::roadmap::PhasenEingabe::von(&phasen);
    Ok(serde_urlencoded::to_string([
        ("id", projekt.id.to_string()),
        ("version", version.to_string()),
        ("vorbereitung", p.vorbereitung),
        ("konzeption", p.konzeption),
        ("umsetzung", p.umsetzung),
        ("pilotierung", p.pilotierung),
        ("inbetriebnahme", p.inbetriebnahme),
        ("rollout", p.rollout),
    ])?)
}

/// `name=wert` of the first `Set-Cookie` in raw response headers (the session after a login).
pub fn sitzungscookie(kopf: &str) -> Option<String> {
    kopf.lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .and_then(|l| l.split_once(':').map(|(_, v)| v.trim().split(';').next().unwrap_or("").to_string()))
}

pub fn perzentil(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return f64::NAN;
    }
    // p in 0..=1 and fewer than 2^52 values: the rounded index is exact and in range.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let i = (((v.len() - 1) as f64) * p).round() as usize;
    v[i.min(v.len() - 1)]
}

/// Runs the measurement against a running server; returns the result line.
pub async fn messen(basis: &str, pid: u32, clients: usize, saves: usize) -> Result<String, Fehler> {
    let addr = basis.trim_start_matches("http://").trim_end_matches('/').to_string();
    let email = std::env::var("BENCH_EMAIL")?;
    let pw = std::env::var("BENCH_PW")?;

    let login = serde_urlencoded::to_string([("email", email.as_str()), ("passwort", pw.as_str())])?;
    let (status, kopf, rumpf) = anfrage(&addr, post(&addr, "/api/anmelden", "", &login)).await?;
    if status != 200 {
        return Err(format!("Anmeldung: {status} {rumpf}").into());
    }
    let cookie = sitzungscookie(&kopf).ok_or("kein Sitzungscookie")?;

    let projekt = {
        let (s, _, rumpf) = anfrage(&addr, post(&addr, "/api/roadmap", "", "query=")).await?;
        if s != 200 {
            return Err(format!("Roadmap: {s}").into());
        }
        let r: app::model::roadmap::Roadmap = serde_json::from_str(&rumpf)?;
        r.projekte.into_iter().find(|p| p.name == "Einbürgerung").ok_or("Projekt fehlt")?
    };
    let mut version = projekt.version;

    let vorher = rss_kib(pid);
    let (bereit_tx, mut bereit_rx) = mpsc::unbounded_channel();
    let (an_tx, mut an_rx) = mpsc::unbounded_channel();
    for nr in 0..clients {
        let (addr, b, a) = (addr.clone(), bereit_tx.clone(), an_tx.clone());
        tokio::spawn(async move {
            if let Err(e) = zuhoeren(addr, nr, b, a).await {
                eprintln!("Client {nr}: {e}");
            }
        });
    }
    for _ in 0..clients {
        tokio::time::timeout(Duration::from_secs(60), bereit_rx.recv()).await?.ok_or("Client fehlt")?;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let nachher = rss_kib(pid);

    let mut latenz = Vec::with_capacity(clients * saves);
    let mut antwort = Vec::with_capacity(saves);
    for k in 1..=saves {
        let form = speicher_form(&projekt, version, i32::try_from(k).unwrap_or(i32::MAX))?;
        let t0 = Instant::now();
        let (s, _, rumpf) = anfrage(&addr, post(&addr, "/api/projekt_speichern", &cookie, &form)).await?;
        antwort.push(t0.elapsed().as_secs_f64() * 1000.0);
        if s != 200 {
            return Err(format!("Speichern {k}: {s} {rumpf}").into());
        }
        version = rumpf.trim().parse()?;
        let mut angekommen = 0;
        while angekommen < clients {
            let (_, zahl, zeit) =
                tokio::time::timeout(Duration::from_secs(10), an_rx.recv()).await?.ok_or("Kanal zu")?;
            if zahl == k {
                latenz.push(zeit.duration_since(t0).as_secs_f64() * 1000.0);
                angekommen += 1;
            }
        }
        // A pause between saves, as between two drags.
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let n = latenz.len();
    let p50 = perzentil(&mut latenz, 0.5);
    let p99 = perzentil(&mut latenz, 0.99);
    let max = latenz.last().copied().unwrap_or(f64::NAN);
    let a50 = perzentil(&mut antwort, 0.5);
    let je_client = (nachher.saturating_sub(vorher)) as f64 / clients as f64;
    Ok(format!(
        "{clients} Clients, {saves} Speichervorgänge: {n} Zustellungen, Speichern→Ankunft p50 {p50:.2} ms, p99 {p99:.2} ms, \
         max {max:.2} ms; Speicherantwort p50 {a50:.2} ms; Server-RSS {vorher} → {nachher} KiB ({je_client:.1} KiB je Verbindung)"
    ))
}
