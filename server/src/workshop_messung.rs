//! Benchmark of the Workshop-Modus (`make bench`, issue 20). N guests join one session over
//! HTTP from one address – a room on a venue Wi-Fi – against servers with the default limits,
//! spread over one or more servers on the same database. Each holds the session's live stream.
//!
//! - **Follow**: the facilitator shows R pages one after another; each participant, on the
//!   event, loads the page and the bar's state on a fresh stream, as a browser does. Follow
//!   latency: from the facilitator's request to the participant having page and state; the
//!   event's arrival alone is reported too.
//! - **Vote to projector**: a question; every participant answers within 2 s. The projector (on
//!   the last server) fetches the result on each live event. Latency of an answer: from sending
//!   it to the end of the projector's first fetch that began after the answer was stored.
//!
//! Names of the guests are marked as benchmark values ("Bench-Gast n", Kommune "Benchmark").
//! Login of the facilitator from BENCH_EMAIL / BENCH_PW.

use crate::live_messung::{Fehler, perzentil};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Pages the facilitator shows, in turn (public pages of the portal with real data).
const SEITEN: [&str; 5] = ["/karte", "/leistungen?tf=7", "/roadmap/zeitachse", "/leika?q=hund", "/landkarte"];

enum Meldung {
    Bereit,
    /// A followed page: its view, arrival of the event, page and state loaded.
    Gefolgt {
        ansicht: String,
        ereignis: Instant,
        fertig: Instant,
    },
    /// An answer: sent, stored (response), status.
    Gestimmt {
        gesendet: Instant,
        gespeichert: Instant,
        status: u16,
    },
    Fehler(String),
}

/// The facilitator's session on the first server.
struct Leitung {
    c: reqwest::Client,
    basis: String,
    cookie: String,
}

impl Leitung {
    async fn senden(&self, funktion: &str, form: &[(&str, &str)]) -> Result<String, Fehler> {
        let r = self
            .c
            .post(format!("{}/api/{funktion}", self.basis))
            .header("cookie", &self.cookie)
            .header("accept", "application/json")
            .form(form)
            .send()
            .await?;
        let (s, t) = (r.status().as_u16(), r.text().await?);
        if s != 200 {
            return Err(format!("{funktion}: {s} {t}").into());
        }
        Ok(t)
    }
}

fn cookies(r: &reqwest::Response) -> String {
    let teile: Vec<&str> =
        r.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()?.split(';').next()).collect();
    teile.join("; ")
}

/// Joins as a guest; a 429 of the room's network (many join at once) is waited out as its
/// `Retry-After` says, as a person would try again.
async fn beitreten(c: &reqwest::Client, basis: &str, code: &str, nr: usize) -> Result<(String, u32), Fehler> {
    let name = format!("Bench-Gast {nr}");
    let mut abgewiesen = 0;
    loop {
        let form = [("code", code), ("als", "gast"), ("name", name.as_str()), ("kommune", "Benchmark")];
        let r = c.post(format!("{basis}/api/workshop_beitreten")).form(&form).send().await?;
        match r.status().as_u16() {
            200 => return Ok((cookies(&r), abgewiesen)),
            429 | 503 => {
                abgewiesen += 1;
                let s = r.headers().get("retry-after").and_then(|v| v.to_str().ok()?.parse().ok()).unwrap_or(1);
                tokio::time::sleep(Duration::from_secs(s)).await;
            }
            s => return Err(format!("Beitreten: {s} {}", r.text().await?).into()),
        }
    }
}

/// One server-sent event: (id, kind, data).
fn ereignis(block: &str) -> (Option<String>, String, String) {
    let (mut id, mut art, mut daten) = (None, String::new(), String::new());
    for z in block.lines() {
        if let Some(v) = z.strip_prefix("id:") {
            id = Some(v.trim().to_string());
        } else if let Some(v) = z.strip_prefix("event:") {
            art = v.trim().to_string();
        } else if let Some(v) = z.strip_prefix("data:") {
            daten.push_str(v.trim_start());
        }
    }
    (id, art, daten)
}

/// The states of the session on a stream until the stream ends; `bei` returns false to close it.
async fn zuhoeren(
    c: &reqwest::Client,
    basis: &str,
    cookie: &str,
    code: &str,
    seit: &mut Option<String>,
    mut bei: impl FnMut(Option<app::model::workshop::Zustand>, Instant) -> bool,
) -> Result<(), Fehler> {
    let url = match seit {
        Some(s) => format!("{basis}{}?seit={s}", app::model::live::PFAD),
        None => format!("{basis}{}", app::model::live::PFAD),
    };
    let mut r = c.get(url).header("cookie", cookie).header("accept", "text/event-stream").send().await?;
    if r.status() != 200 {
        return Err(format!("Live: {}", r.status()).into());
    }
    let mut puffer = String::new();
    while let Some(stueck) = r.chunk().await? {
        let jetzt = Instant::now();
        puffer.push_str(&String::from_utf8_lossy(&stueck));
        while let Some(i) = puffer.find("\n\n") {
            let block: String = puffer.drain(..i + 2).collect();
            let (id, art, daten) = ereignis(&block);
            if id.is_some() {
                *seit = id;
            }
            let z = if art == app::model::live::WORKSHOP {
                serde_json::from_str::<app::model::live::Ereignis>(&daten)
                    .ok()
                    .filter(|e| e.objekt_id == code)
                    .and_then(|e| e.workshop())
            } else if art == app::model::live::VERBUNDEN {
                None
            } else {
                continue;
            };
            if !bei(z, jetzt) {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// One participant: join, follow each view, answer each new question.
async fn teilnehmen(
    c: reqwest::Client,
    basis: String,
    code: String,
    nr: usize,
    n: usize,
    tx: mpsc::UnboundedSender<Meldung>,
) -> Result<u32, Fehler> {
    let (cookie, abgewiesen) = beitreten(&c, &basis, &code, nr).await?;
    let mut seit = None;
    let mut ansicht = app::pfad::workshop(&code);
    let (mut stand, mut frage, mut bereit) = (0, None, false);
    loop {
        let mut folgen = None;
        let mut ende = false;
        zuhoeren(&c, &basis, &cookie, &code, &mut seit, |z, jetzt| {
            let Some(z) = z else {
                if !bereit {
                    bereit = true;
                    let _ = tx.send(Meldung::Bereit);
                }
                return true;
            };
            if z.stand <= stand {
                return true;
            }
            stand = z.stand;
            ende = z.beendet;
            if z.frage_id.is_some() && z.frage_id != frage {
                frage = z.frage_id;
                abstimmen(&c, &basis, &cookie, &code, z.frage_id.unwrap_or(0), nr, n, tx.clone());
            }
            if z.ansicht != ansicht {
                ansicht = z.ansicht.clone();
                folgen = Some(jetzt);
                return false;
            }
            !ende
        })
        .await?;
        if ende {
            return Ok(abgewiesen);
        }
        let Some(ereignis) = folgen else { continue };
        // As the browser: the page (with the session's bar) and the bar's state.
        let s = lesen(c.get(format!("{basis}{ansicht}")).header("cookie", &cookie)).await?;
        let l =
            lesen(c.post(format!("{basis}/api/workshop_zustand")).header("cookie", &cookie).form(&[("code", &code)]))
                .await?;
        if s != 200 || l != 200 {
            let _ = tx.send(Meldung::Fehler(format!("Folgen {ansicht}: Seite {s}, Zustand {l}")));
        }
        let _ = tx.send(Meldung::Gefolgt { ansicht: ansicht.clone(), ereignis, fertig: Instant::now() });
    }
}

/// Status of a read, its body read to the end. Tried twice, as a browser retries a read whose
/// reused connection the server had just closed.
async fn lesen(anfrage: reqwest::RequestBuilder) -> Result<u16, Fehler> {
    let zweite = anfrage.try_clone();
    let r = match (anfrage.send().await, zweite) {
        (Ok(r), _) => r,
        (Err(e), Some(z)) if e.is_connect() || e.is_request() => z.send().await?,
        (Err(e), _) => return Err(e.into()),
    };
    let status = r.status().as_u16();
    r.bytes().await?;
    Ok(status)
}

/// The answer of participant `nr`: a point of the scale (keys 0–4), sent within 2 s of the question (the
/// room does not answer all at once).
#[allow(clippy::too_many_arguments)]
fn abstimmen(
    c: &reqwest::Client,
    basis: &str,
    cookie: &str,
    code: &str,
    frage: i64,
    nr: usize,
    n: usize,
    tx: mpsc::UnboundedSender<Meldung>,
) {
    let (c, basis, cookie, code) = (c.clone(), basis.to_string(), cookie.to_string(), code.to_string());
    let warten = Duration::from_millis(u64::try_from(nr * 2000 / n.max(1)).unwrap_or(0));
    tokio::spawn(async move {
        tokio::time::sleep(warten).await;
        let wert = (nr % 5).to_string();
        let frage = frage.to_string();
        let form = [("code", code.as_str()), ("frage", frage.as_str()), ("wahl[]", wert.as_str())];
        let gesendet = Instant::now();
        let status = match c
            .post(format!("{basis}/api/workshop_antworten"))
            .header("cookie", &cookie)
            .form(&form)
            .send()
            .await
        {
            Ok(r) => r.status().as_u16(),
            Err(_) => 0,
        };
        let _ = tx.send(Meldung::Gestimmt { gesendet, gespeichert: Instant::now(), status });
    });
}

/// The projector as the page does it: on each live state of the session the result it brought
/// along, or else the result fetched. Returns when the projector showed how many answers.
async fn projektor(
    c: reqwest::Client,
    basis: String,
    cookie: String,
    code: String,
    mut stopp: tokio::sync::oneshot::Receiver<()>,
) -> Vec<(Instant, i64)> {
    let mut gezeigt = Vec::new();
    let mut seit = None;
    let (tx, mut rx) = mpsc::unbounded_channel();
    let hoeren = {
        let (c, basis, cookie, code) = (c.clone(), basis.clone(), cookie.clone(), code.clone());
        tokio::spawn(async move {
            let _ = zuhoeren(&c, &basis, &cookie, &code, &mut seit, |z, jetzt| {
                if let Some(z) = z {
                    let _ = tx.send((z.ergebnis.map(|e| e.antwortende), jetzt));
                }
                true
            })
            .await;
        })
    };
    loop {
        tokio::select! {
            _ = &mut stopp => break,
            Some((mitgebracht, jetzt)) = rx.recv() => {
                if let Some(n) = mitgebracht {
                    gezeigt.push((jetzt, n));
                    continue;
                }
                let r = c.post(format!("{basis}/api/workshop_ergebnis_aktuell")).header("cookie", &cookie)
                    .form(&[("code", &code)]).send().await;
                if let Ok(r) = r && r.status() == 200
                    && let Ok(b) = r.bytes().await
                    && let Ok(Some(e)) = serde_json::from_slice::<Option<app::model::workshop::Ergebnis>>(&b)
                {
                    gezeigt.push((Instant::now(), e.antwortende));
                }
            }
        }
    }
    hoeren.abort();
    gezeigt
}

/// An error with its causes (a connection error says why only in its source).
fn kette(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut q = e.source();
    while let Some(u) = q {
        text.push_str(&format!(": {u}"));
        q = u.source();
    }
    text
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn kennzahlen(v: &mut [f64]) -> String {
    let (p50, p99) = (perzentil(v, 0.5), perzentil(v, 0.99));
    format!("p50 {p50:.0} ms, p99 {p99:.0} ms, max {:.0} ms", v.last().copied().unwrap_or(f64::NAN))
}

/// Runs the measurement against running servers (all on one database); the result line.
pub async fn messen(basen: &[String], teilnehmende: usize, runden: usize) -> Result<String, Fehler> {
    let erster = basen.first().ok_or("kein Server")?.trim_end_matches('/').to_string();
    let c = reqwest::Client::builder().pool_max_idle_per_host(teilnehmende * 2).build()?;
    let login = [("email", std::env::var("BENCH_EMAIL")?), ("passwort", std::env::var("BENCH_PW")?)];
    let r = c.post(format!("{erster}/api/anmelden")).form(&login).send().await?;
    if r.status() != 200 {
        return Err(format!("Anmeldung: {}", r.status()).into());
    }
    let leitung = Leitung { c: c.clone(), basis: erster.clone(), cookie: cookies(&r) };
    let form = [
        ("art", "workshop"),
        ("titel", "Bench-Workshop (Benchmark)"),
        ("termin", "01.06.2039"),
        ("themenfeld", "7"),
        ("anmeldung", "keine"),
    ];
    let veranstaltung = leitung.senden("veranstaltung_anlegen", &form).await?;
    let code: String =
        serde_json::from_str(&leitung.senden("workshop_starten", &[("veranstaltung", veranstaltung.trim())]).await?)?;

    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut gaeste = Vec::new();
    for nr in 0..teilnehmende {
        let basis = basen[nr % basen.len()].trim_end_matches('/').to_string();
        let (c, code, tx) = (c.clone(), code.clone(), tx.clone());
        gaeste.push(tokio::spawn(async move {
            let r = teilnehmen(c, basis, code, nr, teilnehmende, tx.clone()).await;
            if let Err(e) = &r {
                let _ = tx.send(Meldung::Fehler(format!("Gast {nr}: {}", kette(e.as_ref()))));
            }
            r.unwrap_or(0)
        }));
    }
    let beginn = Instant::now();
    let mut fehler = Vec::new();
    let mut bereit = 0;
    while bereit < teilnehmende {
        match tokio::time::timeout(Duration::from_secs(120), rx.recv()).await?.ok_or("Kanal zu")? {
            Meldung::Bereit => bereit += 1,
            Meldung::Fehler(f) => return Err(f.into()),
            _ => {}
        }
    }
    let beitritt = beginn.elapsed();

    // Follow: R views, each awaited by all.
    let (mut folgen, mut ankunft) = (Vec::new(), Vec::new());
    for r in 0..runden {
        let seite = SEITEN[r % SEITEN.len()];
        let t0 = Instant::now();
        leitung.senden("workshop_ansicht", &[("code", &code), ("ansicht", seite), ("markierung", "")]).await?;
        let mut gefolgt = 0;
        while gefolgt < teilnehmende {
            match tokio::time::timeout(Duration::from_secs(60), rx.recv()).await?.ok_or("Kanal zu")? {
                Meldung::Gefolgt { ansicht, ereignis, fertig } if ansicht == seite => {
                    gefolgt += 1;
                    folgen.push(ms(fertig - t0));
                    ankunft.push(ms(ereignis - t0));
                }
                Meldung::Fehler(f) => fehler.push(f),
                _ => {}
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }

    // Vote: the projector on the last server.
    let letzter = basen.last().ok_or("kein Server")?.trim_end_matches('/').to_string();
    let (stopp, stopp_rx) = tokio::sync::oneshot::channel();
    let beamer = tokio::spawn(projektor(c.clone(), letzter, leitung.cookie.clone(), code.clone(), stopp_rx));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let frage = [("code", code.as_str()), ("art", "skala"), ("text", "Bench-Frage (Benchmark)"), ("optionen", "")];
    leitung.senden("workshop_frage", &frage).await?;
    let mut stimmen = Vec::new();
    while stimmen.len() < teilnehmende {
        match tokio::time::timeout(Duration::from_secs(60), rx.recv()).await?.ok_or("Kanal zu")? {
            Meldung::Gestimmt { gesendet, gespeichert, status } => {
                if status != 200 {
                    fehler.push(format!("Antwort: {status}"));
                }
                // A refused answer counts as done, not as stored.
                stimmen.push((gesendet, (status == 200).then_some(gespeichert)));
            }
            Meldung::Fehler(f) => fehler.push(f),
            _ => {}
        }
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let _ = stopp.send(());
    let gezeigt = beamer.await?;
    let abrufe = gezeigt.len();
    let mut projektor = Vec::new();
    // A vote is on the projector once it shows at least as many answers as were stored when the
    // vote's answer came back (each guest answers once; counts only grow).
    for (gesendet, gespeichert) in stimmen.iter().filter_map(|(s, g)| g.as_ref().map(|g| (s, g))) {
        let vorher = i64::try_from(stimmen.iter().filter(|(_, g)| g.is_some_and(|g| g <= *gespeichert)).count())
            .unwrap_or(i64::MAX);
        match gezeigt.iter().find(|(t, n)| t >= gespeichert && *n >= vorher) {
            Some((t, _)) => projektor.push(ms(*t - *gesendet)),
            None => fehler.push("eine Antwort erreichte den Projektor nicht".into()),
        }
    }
    leitung.senden("workshop_beenden", &[("code", &code)]).await?;
    let mut abgewiesen = 0;
    for g in gaeste {
        abgewiesen += tokio::time::timeout(Duration::from_secs(30), g).await.map(|r| r.unwrap_or(0)).unwrap_or(0);
    }
    if !fehler.is_empty() {
        return Err(format!("{} Fehler, zuerst: {}", fehler.len(), fehler[0]).into());
    }
    Ok(format!(
        "{teilnehmende} Teilnehmende auf {} Server(n), eine Adresse, Standardgrenzen: Beitritt aller {:.1} s \
         ({abgewiesen} × 429 abgewartet); Folgen ({runden} Seiten, {} Mal): Ereignis {}, Seite + Zustand {}; \
         Stimme → Projektor ({} Antworten, {} Stände am Projektor): {}",
        basen.len(),
        beitritt.as_secs_f64(),
        folgen.len(),
        kennzahlen(&mut ankunft),
        kennzahlen(&mut folgen),
        projektor.len(),
        abrufe,
        kennzahlen(&mut projektor),
    ))
}
