//! The link check against a real HTTP server on this machine that answers 200, 301, 404, 500,
//! HEAD-refusing, a redirect loop, slowly – and never. Two rounds confirm failures; the states
//! reach the Lösungsdatenbank's facet, the open API, the Bund rows' `online_status` and the
//! coordination's list; unchanged results leave the data generation alone; one host never gets
//! more than two requests at once; and without the test's permission nothing local is requested.

use crate::common;
use app::model::konto::Rolle;
use app::store::linkpruefung as lp;
use app::store::{Db, Sql};
use axum::Router;
use axum::http::{Method, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::any;
use serde_json::Value;
use server::linkpruefung::{Pruefer, runde};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What the test server saw: requests in all, at once at most, and at once right now.
#[derive(Default)]
struct Zaehler {
    alle: AtomicUsize,
    hoechstens: AtomicUsize,
    jetzt: AtomicUsize,
}

/// Counts a request as open until its handler ends – or is dropped when the client gives up.
struct Offen(Arc<Zaehler>);

impl Drop for Offen {
    fn drop(&mut self) {
        self.0.jetzt.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn antwort(z: Arc<Zaehler>, methode: Method, pfad: String) -> axum::response::Response {
    z.alle.fetch_add(1, Ordering::SeqCst);
    let n = z.jetzt.fetch_add(1, Ordering::SeqCst) + 1;
    z.hoechstens.fetch_max(n, Ordering::SeqCst);
    let _offen = Offen(z.clone());
    match pfad.as_str() {
        "/ok" => StatusCode::OK.into_response(),
        "/weiter" => (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, "/ok")]).into_response(),
        "/fehlt" => StatusCode::NOT_FOUND.into_response(),
        "/kaputt" => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        "/nur-get" if methode == Method::HEAD => StatusCode::METHOD_NOT_ALLOWED.into_response(),
        "/nur-get" => StatusCode::OK.into_response(),
        "/schleife" => (StatusCode::FOUND, [(header::LOCATION, "/schleife")]).into_response(),
        "/nie" => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
            StatusCode::OK.into_response()
        }
        p if p.starts_with("/langsam") => {
            tokio::time::sleep(Duration::from_millis(150)).await;
            StatusCode::OK.into_response()
        }
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn testserver() -> (String, Arc<Zaehler>) {
    let z = Arc::new(Zaehler::default());
    let zz = z.clone();
    let app = Router::new().fallback(any(move |m: Method, uri: axum::http::Uri| {
        let z = zz.clone();
        async move { antwort(z, m, uri.path().to_string()).await }
    }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), z)
}

/// Only the test's addresses: the shipped data's real addresses are not checked from a test.
/// The first service of the Land-wide WSP.NRW gets `/fehlt`, six others one path each, and
/// Ahaus delivers a page at `/kaputt` and twelve slow ones.
async fn adressen_setzen(db: &Db, web: &str) -> (i64, Vec<(i64, &'static str)>) {
    let mut s = vec![Sql::new("UPDATE onlinedienst SET url = NULL"), Sql::new("DELETE FROM kommune_seite")];
    let land: (i64,) = db
        .eine(&Sql::new("SELECT MIN(id) FROM onlinedienst WHERE reichweite = 'land' AND status = 'live'"))
        .await
        .unwrap()
        .unwrap();
    let mut andere = Sql::new("SELECT id FROM onlinedienst WHERE id <> ");
    andere.bind(land.0).push(" ORDER BY id LIMIT 6");
    let andere: Vec<(i64,)> = db.alle(&andere).await.unwrap();
    assert_eq!(andere.len(), 6);
    let pfade = ["/ok", "/weiter", "/nur-get", "/kaputt", "/schleife", "/nie"];
    let mut zuordnung = vec![(land.0, "/fehlt")];
    zuordnung.extend(andere.iter().zip(pfade).map(|((id,), p)| (*id, p)));
    for (id, pfad) in &zuordnung {
        let mut u = Sql::new("UPDATE onlinedienst SET url = ");
        u.bind(format!("{web}{pfad}")).push(" WHERE id = ").bind(*id);
        s.push(u);
    }
    let schluessel: (String,) =
        db.eine(&Sql::new("SELECT MIN(schluessel) FROM leika WHERE schluessel IS NOT NULL")).await.unwrap().unwrap();
    for (i, pfad) in std::iter::once("/kaputt".to_string()).chain((0..12).map(|i| format!("/langsam/{i}"))).enumerate()
    {
        let mut k = Sql::new("INSERT INTO kommune_seite (kommune_ags, url, schluessel, zeile) VALUES ('05554004', ");
        k.bind(format!("{web}{pfad}"))
            .push(", ")
            .bind(schluessel.0.clone())
            .push(", ")
            .bind(i64::try_from(i).unwrap() + 2)
            .push(")");
        s.push(k);
    }
    db.transaktion(&s).await.unwrap();
    (land.0, zuordnung)
}

async fn stand(db: &Db, url: &str) -> Option<app::model::linkpruefung::LinkStand> {
    lp::stand(db, url).await.unwrap()
}

async fn json(url: &str) -> Value {
    reqwest::get(url).await.unwrap().json().await.unwrap()
}

async fn links_werden_geprueft(db: Db) {
    let basis = common::starten(db.clone()).await;
    let (web, zaehler) = testserver().await;
    let (land_id, zuordnung) = adressen_setzen(&db, &web).await;
    let pruefer = Pruefer::neu(Duration::from_secs(2), true).unwrap();
    let tag = Duration::from_secs(86_400);
    let t0 = 1_800_000_000_000_i64;

    // Round 1: every address once; what answers 2xx is reachable at once, failures wait.
    let r = runde(&db, &pruefer, "test-a", t0, tag).await.unwrap();
    assert_eq!(r.geprueft, 7 + 12, "sieben Dienste, zwölf weitere gelieferte Seiten (/kaputt ist beides)");
    assert!(zaehler.hoechstens.load(Ordering::SeqCst) <= server::linkpruefung::JE_HOST, "höchstens 2 je Host");
    for p in ["/ok", "/weiter", "/nur-get", "/langsam/0"] {
        let s = stand(&db, &format!("{web}{p}")).await.unwrap_or_else(|| panic!("{p} geprüft"));
        assert!(s.erreichbar && s.status == Some(200) && s.seit_ms == t0, "{p}: {s:?}");
    }
    for p in ["/fehlt", "/kaputt", "/schleife", "/nie"] {
        assert_eq!(stand(&db, &format!("{web}{p}")).await, None, "{p}: ein erster Fehler zählt noch nicht");
    }
    let verlauf = lp::verlauf(&db, &format!("{web}/weiter"), 5).await.unwrap();
    assert_eq!(verlauf[0].weiterleitungen, format!("301 {web}/ok"));
    let verlauf = lp::verlauf(&db, &format!("{web}/nie"), 5).await.unwrap();
    assert_eq!(verlauf[0].fehler.as_deref(), Some("Zeitüberschreitung nach 2 s"));
    assert!(verlauf[0].dauer_ms >= 2_000);
    let vorher = zaehler.alle.load(Ordering::SeqCst);
    assert_eq!(runde(&db, &pruefer, "test-a", t0 + 1, tag).await.unwrap().geprueft, 0, "nichts fällig");
    assert_eq!(zaehler.alle.load(Ordering::SeqCst), vorher);

    // Round 2, after the repeat delay: the failures are confirmed, each with its reason.
    let t1 = t0 + lp::WIEDERHOLEN_MS;
    let r = runde(&db, &pruefer, "test-b", t1, tag).await.unwrap();
    assert_eq!((r.geprueft, r.geaendert), (4, 4));
    let grund = |p: &'static str| {
        let db = db.clone();
        let url = format!("{web}{p}");
        async move { stand(&db, &url).await.map(|s| (s.erreichbar, s.grund(), s.seit_ms)) }
    };
    assert_eq!(grund("/fehlt").await, Some((false, "HTTP 404".into(), t1)));
    assert_eq!(grund("/kaputt").await, Some((false, "HTTP 500".into(), t1)));
    assert_eq!(grund("/schleife").await, Some((false, "mehr als 5 Weiterleitungen".into(), t1)));
    assert_eq!(grund("/nie").await, Some((false, "Zeitüberschreitung nach 2 s".into(), t1)));
    let schleife = lp::verlauf(&db, &format!("{web}/schleife"), 1).await.unwrap();
    assert_eq!(schleife[0].weiterleitungen.lines().count(), 5);

    // A day later everything is due again; the same results leave the data generation alone.
    let g = app::store::generation::aktuell(&db).await.unwrap();
    let r = runde(&db, &pruefer, "test-a", t1 + i64::try_from(tag.as_millis()).unwrap(), tag).await.unwrap();
    assert_eq!((r.geprueft, r.geaendert), (19, 0));
    assert_eq!(app::store::generation::aktuell(&db).await.unwrap(), g, "unverändert: kein neuer Datenstand");
    assert_eq!(grund("/fehlt").await.unwrap().2, t1, "„seit“ bleibt");

    // The public face: facet, open API, Bund rows.
    let v = json(&format!("{basis}/api/v1/onlinedienste?erreichbar=nein&limit=100")).await;
    let ids: Vec<i64> = v["daten"].as_array().unwrap().iter().map(|d| d["id"].as_i64().unwrap()).collect();
    let mut erwartet: Vec<i64> = zuordnung
        .iter()
        .filter(|(_, p)| ["/fehlt", "/kaputt", "/schleife", "/nie"].contains(p))
        .map(|(id, _)| *id)
        .collect();
    let mut gesehen = ids.clone();
    gesehen.sort();
    erwartet.sort();
    assert_eq!(gesehen, erwartet, "{v}");
    let v = json(&format!("{basis}/api/v1/onlinedienste/{}", zuordnung[1].0)).await;
    assert_eq!((v["erreichbar"].as_bool(), v["erreichbar_seit"].as_str()), (Some(true), Some("2027-01-15T08:00:00Z")));
    let v = json(&format!("{basis}/api/v1/bund/data/050000000000?includeBelow=false&size=1000")).await;
    let status: Vec<&str> = v["content"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|z| z["url"].as_str() == Some(&format!("{web}/fehlt")))
        .map(|z| z["online_status"].as_str().unwrap())
        .collect();
    assert!(!status.is_empty() && status.iter().all(|s| *s == "nicht ok"), "{status:?}");
    let seite = reqwest::get(format!("{basis}/loesungen/{land_id}")).await.unwrap().text().await.unwrap();
    assert!(seite.contains("nicht erreichbar seit") && seite.contains("(HTTP 404)"));

    // The coordination's list: Ahaus's page, the services by provider; the public gets nothing.
    let kora = common::konto_anmelden(&db, &basis, "k@kdn.de", "Kora", Rolle::Koordination).await;
    let (s, text) = common::senden(&basis, "linkpruefung", &kora, &[]).await;
    assert_eq!(s, 200, "{text}");
    let k: app::model::linkpruefung::KaputteLinks = serde_json::from_str(&text).unwrap();
    assert_eq!(k.je_kommune.len(), 1);
    assert_eq!((k.je_kommune[0].gruppe.as_str(), k.je_kommune[0].status), ("05554004", Some(500)));
    assert_eq!(k.je_dienstleister.len(), 4);
    assert_eq!((k.adressen, k.geprueft), (19, 19));
    let (s, _) = common::senden(&basis, "linkpruefung", "", &[]).await;
    assert_eq!(s, 401);
    let (s, text) = common::senden(&basis, "link_verlauf", &kora, &[("url", format!("{web}/weiter"))]).await;
    let v: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert_eq!((s, v.len()), (200, 2));
    let html = reqwest::Client::new()
        .get(format!("{basis}/loesungen/linkpruefung"))
        .header("cookie", &kora)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Ahaus") && html.contains(&format!("{web}/kaputt")), "die Liste auf der Seite");

    // An address that goes away leaves schedule and state.
    db.transaktion(&[Sql::new("DELETE FROM kommune_seite")]).await.unwrap();
    lp::abgleichen(&db, t1).await.unwrap();
    assert_eq!(stand(&db, &format!("{web}/langsam/3")).await, None);
}

/// Without the test's permission the checker connects to nothing in the own network: neither an
/// address literal nor a name that resolves to one – on the first hop or after a redirect.
async fn nichts_lokales_ohne_erlaubnis(db: Db) {
    let _ = db;
    let (web, zaehler) = testserver().await;
    let streng = Pruefer::neu(Duration::from_secs(2), false).unwrap();
    let port = web.rsplit(':').next().unwrap();
    for url in [format!("{web}/ok"), format!("http://localhost:{port}/ok"), format!("http://[::1]:{port}/ok")] {
        let p = streng.pruefen(&url).await;
        assert!(!p.erreichbar, "{url}");
        assert_eq!(p.fehler.as_deref(), Some("Adresse nicht öffentlich erreichbar (internes Netz)"), "{url}");
    }
    for url in ["ftp://example.org/", "nicht einmal eine Adresse", "http://"] {
        assert!(streng.pruefen(url).await.fehler.is_some(), "{url}");
    }
    assert_eq!(zaehler.alle.load(Ordering::SeqCst), 0, "keine Anfrage erreichte den lokalen Server");
}

beide_datenbanken!(links_werden_geprueft, nichts_lokales_ohne_erlaubnis);
