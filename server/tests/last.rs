//! Floods are shed, not absorbed: per-network rate limits for anonymous readers and logins,
//! load shedding of anonymous exports, caps on live streams, a time limit per request – and
//! logged-in staff keep working meanwhile. Over real HTTP, on SQLite and PostgreSQL. The one
//! test binary besides `integration`: the process-wide limits (`app::schranke`) it fills must
//! not turn away another test's login running in parallel.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
#[path = "integration/common/mod.rs"]
mod common;

use app::model::konto::Rolle;
use app::store::Db;
use common::{dienen_mit, konto_anmelden, mit_daten};
use server::last::Lastgrenzen;
use server::sicherheit::Sicherheit;
use std::time::Duration;

/// Behind a proxy, so each request can say which network it comes from.
async fn server(db: &Db, grenzen: Lastgrenzen) -> String {
    mit_daten(db).await;
    dienen_mit(db.clone(), Sicherheit::aus_url(None, true), grenzen).await
}

async fn post(basis: &str, pfad: &str, koerper: &str, netz: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut r = reqwest::Client::new()
        .post(format!("{basis}{pfad}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("x-forwarded-for", netz)
        .body(koerper.to_string());
    if let Some(c) = cookie {
        r = r.header("cookie", c);
    }
    r.send().await.unwrap()
}

async fn get(basis: &str, pfad: &str, netz: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut r = reqwest::Client::new().get(format!("{basis}{pfad}")).header("x-forwarded-for", netz);
    if let Some(c) = cookie {
        r = r.header("cookie", c);
    }
    r.send().await.unwrap()
}

async fn anonyme_flut_wird_gedrosselt_angemeldete_arbeiten_weiter(db: Db) {
    let grenzen = Lastgrenzen { anonym_je_sekunde: 5, anmeldungen_je_minute: 5, ..Lastgrenzen::default() };
    let basis = server(&db, grenzen).await;
    let kora = konto_anmelden(&db, &basis, "k@kdn.de", "Kora", Rolle::Koordination).await;
    let flut = (0..100).map(|_| post(&basis, "/api/leistungen", "query=q%3Dbau", "203.0.113.5", None));
    let antworten = futures::future::join_all(flut).await;
    let gedrosselt: Vec<&reqwest::Response> = antworten.iter().filter(|r| r.status() == 429).collect();
    let ok = antworten.iter().filter(|r| r.status() == 200).count();
    // Burst of 4 × 5 = 20, then 5 per second: most of a burst of 100 is turned away at once.
    assert!((20..=30).contains(&ok), "{ok} beantwortet");
    assert_eq!(ok + gedrosselt.len(), 100);
    assert!(gedrosselt.iter().all(|r| r.headers().contains_key("retry-after")));
    let mut text = String::new();
    for _ in 0..200 {
        let r = post(&basis, "/api/leistungen", "query=q%3Dbau", "203.0.113.5", None).await;
        if r.status() == 429 {
            text = r.text().await.unwrap();
            break;
        }
    }
    assert!(text.contains("Zu viele Anfragen aus Ihrem Netz"), "{}", &text[..text.len().min(200)]);
    // The same network logged in, and another network, are not affected.
    for _ in 0..30 {
        assert_eq!(post(&basis, "/api/leistungen", "query=q%3Dbau", "203.0.113.5", Some(&kora)).await.status(), 200);
    }
    assert_eq!(post(&basis, "/api/leistungen", "query=q%3Dbau", "198.51.100.7", None).await.status(), 200);
    // Pages themselves are not limited (they are cheap and cached by nobody's rules but ours).
    assert_eq!(get(&basis, "/leistungen", "203.0.113.5", None).await.status(), 200);
    // Logins: 2 × 5 at once, then 5 a minute – whatever the password.
    let mut letzte = 0;
    for _ in 0..11 {
        letzte = post(&basis, "/api/anmelden", "email=x%40y.de&passwort=falsch+falsch", "192.0.2.9", None)
            .await
            .status()
            .as_u16();
    }
    assert_eq!(letzte, 429);
}

async fn anonyme_exporte_werden_abgewiesen_wenn_alle_plaetze_belegt(db: Db) {
    let grenzen = Lastgrenzen { exporte_parallel: 1, ..Lastgrenzen::default() };
    let basis = server(&db, grenzen).await;
    let kora = konto_anmelden(&db, &basis, "k@kdn.de", "Kora", Rolle::Koordination).await;
    // An export whose body nobody reads yet holds the one place.
    let haelt = get(&basis, "/export/leika.csv", "203.0.113.1", None).await;
    assert_eq!(haelt.status(), 200);
    let r = get(&basis, "/export/leika.json", "198.51.100.1", None).await;
    assert_eq!(r.status(), 503);
    assert_eq!(r.headers()["retry-after"], "5");
    assert!(r.text().await.unwrap().contains("viele Exporte"));
    // The coordinator's export does not wait for the public's places.
    assert_eq!(get(&basis, "/export/leika.csv", "198.51.100.1", Some(&kora)).await.status(), 200);
    // Read to the end: streamed, complete, and the place is free again.
    let csv = haelt.text().await.unwrap();
    assert_eq!(csv.lines().count(), 5_251 + 1, "Kopf und jede LeiKa-Leistung");
    let json: Vec<serde_json::Value> =
        get(&basis, "/export/leika.json", "198.51.100.1", None).await.json().await.unwrap();
    assert_eq!(json.len(), 5_251);
    let gefiltert: Vec<serde_json::Value> =
        get(&basis, "/export/loesungen.json?q=gewerbe", "198.51.100.1", None).await.json().await.unwrap();
    assert!(!gefiltert.is_empty() && gefiltert.iter().all(|z| z["kommunen"].is_number()));
    // Compressed on the way (the compression layer polls the stream once more after its end).
    let gz = reqwest::Client::new()
        .get(format!("{basis}/export/leika.csv"))
        .header("accept-encoding", "gzip")
        .header("x-forwarded-for", "198.51.100.1")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    let bytes = gz.bytes().await.expect("vollständig übertragen");
    assert!(bytes.len() > 10_000 && bytes.starts_with(&[0x1f, 0x8b]), "{}", bytes.len());
    let leer: Vec<serde_json::Value> =
        get(&basis, "/export/leistungen.json?q=zzzzqqq", "198.51.100.1", None).await.json().await.unwrap();
    assert!(leer.is_empty());
}

async fn live_stroeme_sind_begrenzt(db: Db) {
    let grenzen = Lastgrenzen { live_je_netz: 2, live_je_server: 3, ..Lastgrenzen::default() };
    let basis = server(&db, grenzen).await;
    let pfad = app::model::live::PFAD;
    let a = get(&basis, pfad, "203.0.113.1", None).await;
    let b = get(&basis, pfad, "203.0.113.1", None).await;
    assert_eq!((a.status(), b.status()), (reqwest::StatusCode::OK, reqwest::StatusCode::OK));
    let c = get(&basis, pfad, "203.0.113.1", None).await;
    assert_eq!(c.status(), 503, "dritter Strom aus einem Netz");
    assert!(c.headers().contains_key("retry-after"));
    let d = get(&basis, pfad, "198.51.100.1", None).await;
    assert_eq!(d.status(), 200);
    assert_eq!(get(&basis, pfad, "192.0.2.1", None).await.status(), 503, "vierter Strom des Servers");
    // A closed stream frees its place.
    drop(a);
    let mut frei = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        let r = get(&basis, pfad, "203.0.113.1", None).await;
        if r.status() == 200 {
            frei = true;
            break;
        }
    }
    assert!(frei, "der Platz des geschlossenen Stroms wird wieder frei");
    drop((b, d));
}

/// The Bund API's files are whole results: many at once, from many networks, share the
/// exports' places – each answer is the whole file or a 503 with Retry-After, never a torn one.
async fn bund_dateien_teilen_die_exportplaetze(db: Db) {
    let grenzen = Lastgrenzen { exporte_parallel: 1, ..Lastgrenzen::default() };
    let basis = server(&db, grenzen).await;
    let pfad = "/api/v1/bund/data/050000000000?filetype=csv";
    let flut = (0..40).map(|i| {
        let basis = basis.clone();
        async move {
            let r = get(&basis, pfad, &format!("203.0.{i}.7"), None).await;
            let (status, wieder) = (r.status().as_u16(), r.headers().contains_key("retry-after"));
            (status, wieder, r.bytes().await.unwrap())
        }
    });
    let antworten = futures::future::join_all(flut).await;
    let ganz: Vec<&bytes::Bytes> = antworten.iter().filter(|a| a.0 == 200).map(|a| &a.2).collect();
    assert!(!ganz.is_empty());
    assert!(ganz.iter().all(|b| *b == ganz[0]), "jede gelieferte Datei ist dieselbe, ganze");
    assert!(ganz[0].starts_with(&[0xEF, 0xBB, 0xBF]) && String::from_utf8_lossy(ganz[0]).lines().count() > 300);
    let status: Vec<(u16, bool)> = antworten.iter().map(|a| (a.0, a.1)).collect();
    assert!(status.iter().all(|a| a.0 == 200 || (a.0 == 503 && a.1)), "nur 200 oder 503 mit Retry-After: {status:?}");
    // Pages of the same data are no files: they do not wait for the places.
    let seite = get(&basis, "/api/v1/bund/data/050000000000?size=5", "192.0.2.1", None).await;
    assert_eq!(seite.status(), 200);
}

/// Every request has a time limit – except the live stream, which is meant to stay open.
async fn zeitlimit_gilt_fuer_anfragen_nicht_fuer_live(db: Db) {
    let grenzen = Lastgrenzen { zeitlimit: Duration::from_millis(1), ..Lastgrenzen::unbegrenzt() };
    let basis = server(&db, grenzen).await;
    let r = get(&basis, "/leika?pro=100", "203.0.113.1", None).await;
    assert_eq!(r.status(), 503, "eine Seite über dem Zeitlimit");
    let mut strom = get(&basis, app::model::live::PFAD, "203.0.113.1", None).await;
    assert_eq!(strom.status(), 200);
    let erstes = tokio::time::timeout(Duration::from_secs(5), strom.chunk()).await.unwrap().unwrap().unwrap();
    assert!(String::from_utf8_lossy(&erstes).contains("verbunden"));
}

/// A workshop room is one address (the venue's Wi-Fi): guests of an open session are counted
/// by themselves for live streams and page calls; a forged guest token or a guest of an ended
/// session is counted by the network again. Guests here are test values.
async fn ein_workshop_saal_hinter_einer_adresse(db: Db) {
    let grenzen = Lastgrenzen { live_je_netz: 2, live_je_person: 2, anonym_je_sekunde: 2, ..Lastgrenzen::default() };
    let basis = server(&db, grenzen).await;
    let kora = konto_anmelden(&db, &basis, "k@kdn.de", "Kora", Rolle::Koordination).await;
    let (v, _) = common::themenfeld_workshop(&db, "Testworkshop Saal").await;
    let (status, text) = common::senden(&basis, "workshop_starten", &kora, &[("veranstaltung", v.to_string())]).await;
    assert_eq!(status, 200, "{text}");
    let code = app::model::workshop::Code::parse(&serde_json::from_str::<String>(&text).unwrap()).unwrap();
    let sitzung = app::store::workshop::sitzung(&db, &code).await.unwrap().unwrap();
    let saal = "203.0.113.9";
    let mut gaeste = Vec::new();
    for i in 0..30 {
        let token = format!("{i:064x}");
        app::store::workshop::gast_beitreten(&db, sitzung.id, &token, &format!("Gast {i}"), "Testkommune")
            .await
            .unwrap();
        gaeste.push(format!("{}={token}", app::sitzung::GAST_COOKIE));
    }
    // 30 guests each open a stream – far more than the network's 2.
    let mut stroeme = Vec::new();
    for g in &gaeste {
        let r = get(&basis, app::model::live::PFAD, saal, Some(g)).await;
        assert_eq!(r.status(), 200, "Strom eines Gasts");
        stroeme.push(r);
    }
    let tab = get(&basis, app::model::live::PFAD, saal, Some(&gaeste[0])).await;
    assert_eq!(tab.status(), 200, "zweiter Tab");
    assert_eq!(get(&basis, app::model::live::PFAD, saal, Some(&gaeste[0])).await.status(), 503, "je Gast höchstens 2");
    // Each guest calls the pages' functions as often as a reader of its own network could.
    let koerper = format!("code={}", code.as_str());
    let aufrufe = gaeste.iter().flat_map(|g| (0..6).map(move |_| g)).map(|g| {
        let (basis, koerper) = (basis.clone(), koerper.clone());
        async move { post(&basis, "/api/workshop_ergebnis_aktuell", &koerper, saal, Some(g)).await.status().as_u16() }
    });
    let status = futures::future::join_all(aufrufe).await;
    assert!(status.iter().all(|s| *s == 200), "180 Aufrufe von 30 Gästen aus einem Netz: {status:?}");
    // Without a valid guest token the network counts: its burst of 8 is soon spent.
    let gefaelscht = format!("{}={}", app::sitzung::GAST_COOKIE, "f".repeat(64));
    let mut ohne = Vec::new();
    for c in [None, Some(gefaelscht.as_str())].into_iter().cycle().take(20) {
        ohne.push(post(&basis, "/api/workshop_ergebnis_aktuell", &koerper, saal, c).await.status().as_u16());
    }
    assert!(ohne.contains(&429), "{ohne:?}");
    let netz_a = get(&basis, app::model::live::PFAD, saal, Some(&gefaelscht)).await;
    let netz_b = get(&basis, app::model::live::PFAD, saal, None).await;
    assert_eq!((netz_a.status().as_u16(), netz_b.status().as_u16()), (200, 200));
    assert_eq!(get(&basis, app::model::live::PFAD, saal, Some(&gefaelscht)).await.status(), 503, "das Netz ist voll");
    // The session ends: its guests are readers of their network again.
    assert_eq!(common::senden(&basis, "workshop_beenden", &kora, &[("code", code.to_string())]).await.0, 200);
    assert_eq!(get(&basis, app::model::live::PFAD, saal, Some(&gaeste[5])).await.status(), 503);
    drop((stroeme, tab, netz_a, netz_b));
}

beide_datenbanken!(
    ein_workshop_saal_hinter_einer_adresse,
    anonyme_flut_wird_gedrosselt_angemeldete_arbeiten_weiter,
    anonyme_exporte_werden_abgewiesen_wenn_alle_plaetze_belegt,
    live_stroeme_sind_begrenzt,
    bund_dateien_teilen_die_exportplaetze,
    zeitlimit_gilt_fuer_anfragen_nicht_fuer_live,
);
