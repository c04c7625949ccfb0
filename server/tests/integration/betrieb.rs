//! Operation: `/gesund`, `/bereit` and shutting down gracefully, on both databases.

use crate::common;

use app::store::{Db, Sql};
use server::betrieb::abschalten::{Abschaltplan, dienen};
use std::time::Duration;

async fn bereit(basis: &str) -> (u16, serde_json::Value) {
    let r = reqwest::get(format!("{basis}/bereit")).await.unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap())
}

/// `/bereit` once the live bus is connected (PostgreSQL: LISTEN), within five seconds.
async fn warten_bis_bereit(basis: &str) -> serde_json::Value {
    for _ in 0..50 {
        let (status, b) = bereit(basis).await;
        if status == 200 {
            return b;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("nicht bereit: {:?}", bereit(basis).await)
}

/// The shipped data, a router with its shutdown handles, and a loopback listener with its URL.
async fn dienst_mit_listener(db: &Db) -> (server::router::Dienst, tokio::net::TcpListener, String) {
    common::mit_daten(db).await;
    let optionen = server::config::leptos_options("127.0.0.1:0".parse().unwrap(), "target/site");
    let dienst =
        server::router::dienst(db.clone(), optionen, Default::default(), server::last::Lastgrenzen::unbegrenzt());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let basis = format!("http://{}", listener.local_addr().unwrap());
    (dienst, listener, basis)
}

async fn gesund_und_bereit(db: Db) {
    let (dienst, listener, basis) = dienst_mit_listener(&db).await;
    let zustand = dienst.zustand.clone();
    let app = dienst.router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let r = reqwest::get(format!("{basis}/gesund")).await.unwrap();
    assert_eq!((r.status().as_u16(), r.text().await.unwrap().as_str()), (200, "ok"));
    let b = warten_bis_bereit(&basis).await;
    assert_eq!(
        b,
        serde_json::json!({"bereit": true, "datenbank": true, "schema": true, "live": true, "site": true, "faehrt_herunter": false})
    );

    // A migration of this program missing in the database: out of rotation, still alive.
    let neueste = db.schema_programm();
    let mut s = Sql::new("UPDATE _sqlx_migrations SET success = false WHERE version = ");
    s.bind(neueste);
    db.transaktion(&[s]).await.unwrap();
    let (status, b) = bereit(&basis).await;
    assert_eq!((status, &b["schema"], &b["datenbank"]), (503, &serde_json::json!(false), &serde_json::json!(true)));
    assert_eq!(reqwest::get(format!("{basis}/gesund")).await.unwrap().status().as_u16(), 200);
    let mut s = Sql::new("UPDATE _sqlx_migrations SET success = true WHERE version = ");
    s.bind(neueste);
    db.transaktion(&[s]).await.unwrap();
    warten_bis_bereit(&basis).await;

    // Shutting down: not ready any more, before anything else changes.
    zustand.abschalten();
    let (status, b) = bereit(&basis).await;
    assert_eq!((status, &b["faehrt_herunter"]), (503, &serde_json::json!(true)));
}

/// SIGTERM's path: `/bereit` says no at once, an open live stream ends (the browser reconnects
/// elsewhere), the listener closes after the lead time, and the server returns having finished
/// every request.
async fn herunterfahren_ohne_abbruch(db: Db) {
    let (dienst, listener, basis) = dienst_mit_listener(&db).await;
    let (signal, ausloeser) = tokio::sync::oneshot::channel::<()>();
    let plan = Abschaltplan { vorlauf: Duration::from_millis(700), frist: Duration::from_secs(5) };
    let server = tokio::spawn(dienen(listener, dienst.router, dienst.zustand, dienst.live, plan, async move {
        let _ = ausloeser.await;
    }));
    warten_bis_bereit(&basis).await;

    let mut strom = reqwest::get(format!("{basis}{}", app::model::live::PFAD)).await.unwrap();
    assert_eq!(strom.status().as_u16(), 200);
    let erstes = strom.chunk().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&erstes).contains("event: verbunden"));

    let start = std::time::Instant::now();
    signal.send(()).unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (status, b) = bereit(&basis).await;
    assert_eq!((status, &b["faehrt_herunter"]), (503, &serde_json::json!(true)), "during the lead time");
    // The live stream ends (its body completes) instead of holding the server up.
    let ende =
        tokio::time::timeout(Duration::from_secs(3), async { while strom.chunk().await.unwrap().is_some() {} }).await;
    assert!(ende.is_ok(), "live stream ended on shutdown");

    let vollstaendig = tokio::time::timeout(Duration::from_secs(10), server).await.unwrap().unwrap().unwrap();
    assert!(vollstaendig, "every request finished within the deadline");
    assert!(start.elapsed() >= plan.vorlauf, "the listener stayed open for the lead time");
    assert!(reqwest::get(format!("{basis}/gesund")).await.is_err(), "nobody listens any more");
}

/// A new version rolled out to two app servers at once: both migrate and import the same empty
/// database at the same moment; the schema is applied once and the data is there once.
async fn zwei_server_starten_zugleich(db: Db) {
    let (url, dir) = match &db {
        Db::Sqlite(_) => {
            let dir = std::env::temp_dir().join(format!("ozg-start-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let _ = std::fs::remove_file(dir.join("neu.sqlite"));
            (format!("sqlite:{}", dir.join("neu.sqlite").display()), Some(dir))
        }
        Db::Postgres(p) => {
            let name = format!("ozg_start_{}", std::process::id());
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(p).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(p).await.unwrap();
            (server::betrieb::sicherung::mit_datenbank(&std::env::var("DATABASE_URL").unwrap(), &name), None)
        }
    };
    // Each step names itself in the error, so a failure says which one lost the race.
    let starten = |url: String| async move {
        let db = Db::verbinden(&url).await.map_err(|e| format!("verbinden: {e:?}"))?;
        db.migrieren().await.map_err(|e| format!("migrieren: {e:?}"))?;
        server::import::importieren(&db, false).await.map_err(|e| format!("importieren: {e:?}"))?;
        Ok::<_, String>(db)
    };
    let (a, b) = tokio::join!(tokio::spawn(starten(url.clone())), tokio::spawn(starten(url.clone())));
    let (a, b) = (a.unwrap().unwrap(), b.unwrap().unwrap());
    assert!(a.schema_aktuell().await.unwrap() && b.schema_aktuell().await.unwrap());
    let n = a.zahl(&Sql::new("SELECT COUNT(*) FROM _sqlx_migrations")).await.unwrap();
    assert_eq!(n, app::model::anzahl(a.schema_angewendet().await.unwrap().len()), "each migration once");
    assert_eq!(a.zahl(&Sql::new("SELECT COUNT(*) FROM kommune")).await.unwrap(), 396);
    assert_eq!(a.zahl(&Sql::new("SELECT COUNT(*) FROM leistung")).await.unwrap(), 557);
    a.schliessen().await;
    b.schliessen().await;
    match (&db, dir) {
        (Db::Postgres(p), _) => {
            let name = url.rsplit('/').next().unwrap();
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(p).await.unwrap();
        }
        (_, Some(dir)) => {
            let _ = std::fs::remove_dir_all(dir);
        }
        _ => {}
    }
}

/// A site directory as a build leaves it (only the file the start checks), stamped by the binary
/// under test as `make` does after each build.
fn site_anlegen(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("pkg")).unwrap();
    std::fs::write(dir.join("pkg/ozg-atlas.js"), "").unwrap();
    let aus = std::process::Command::new(env!("CARGO_BIN_EXE_ozg-atlas"))
        .args(["site-stempeln", "--site-root", &dir.display().to_string()])
        .output()
        .unwrap();
    assert!(aus.status.success(), "{}", String::from_utf8_lossy(&aus.stderr));
}

/// The binary itself: a port in use and a bad setting end the start with one German line on
/// stderr and exit code 1 – no backtrace, nothing started.
#[tokio::test]
async fn falsche_konfiguration_eine_zeile() {
    let dir = std::env::temp_dir().join(format!("ozg-konfig-{}", std::process::id()));
    site_anlegen(&dir);
    let belegt = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = belegt.local_addr().unwrap().to_string();
    let db = format!("sqlite:{}", dir.join("k.sqlite").display());
    let site = dir.display().to_string();
    let laufen = |args: &[&str], env: &[(&str, &str)]| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_ozg-atlas"));
        c.args(args).env_remove("DATABASE_URL").env("RUST_LOG", "error");
        for (k, v) in env {
            c.env(k, v);
        }
        let aus = c.output().unwrap();
        (aus.status.code(), String::from_utf8_lossy(&aus.stderr).trim().to_string())
    };
    let (code, fehler) = laufen(&["--database-url", &db, "serve", "--addr", &addr, "--site-root", &site], &[]);
    assert_eq!(code, Some(1));
    assert_eq!(fehler.lines().count(), 1, "{fehler}");
    assert!(fehler.starts_with("Fehler: Adresse") && fehler.contains("schon belegt"), "{fehler}");
    let (code, fehler) =
        laufen(&["--database-url", &db, "serve", "--site-root", &site], &[("OZG_HINTER_PROXY", "true")]);
    assert_eq!((code, fehler.lines().count()), (Some(1), 1), "{fehler}");
    assert!(fehler.contains("OZG_OEFFENTLICHE_URL"), "{fehler}");
    let (code, fehler) = laufen(&["--database-url", "mysql://a:geheim@h/d", "serve", "--site-root", &site], &[]);
    assert_eq!(code, Some(1));
    assert!(fehler.contains("weder sqlite") && !fehler.contains("geheim"), "{fehler}");
    // A site of another build: refused, the fix named.
    std::fs::write(dir.join("ozg-atlas-build"), "0000\n").unwrap();
    let (code, fehler) = laufen(&["--database-url", &db, "serve", "--site-root", &site], &[]);
    assert_eq!((code, fehler.lines().count()), (Some(1), 1), "{fehler}");
    assert!(fehler.contains("anderen Build"), "{fehler}");
    drop(belegt);
    let _ = std::fs::remove_dir_all(dir);
}

/// `/metrics`: Prometheus text for the local network, 404 for a request that came through the
/// proxy; requests by route pattern, the pool, live streams, login results.
async fn metriken_nur_lokal(db: Db) {
    let basis = common::starten(db.clone()).await;
    let client = reqwest::Client::new();
    assert_eq!(client.get(format!("{basis}/leistungen/10513")).send().await.unwrap().status().as_u16(), 200);
    let falsch = [("email", "niemand@e2e.test"), ("passwort", "falsches Passwort 123")];
    assert_eq!(client.post(format!("{basis}/api/anmelden")).form(&falsch).send().await.unwrap().status().as_u16(), 401);
    let r = client.get(format!("{basis}/metrics")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/plain; version=0.0.4"));
    let text = r.text().await.unwrap();
    for erwartet in [
        "ozg_http_anfragen_total{route=\"/leistungen/{ozg_id}\",methode=\"GET\",status=\"200\"}",
        "ozg_http_dauer_sekunden_bucket{route=\"/leistungen/{ozg_id}\",le=\"0.005\"}",
        "ozg_anmeldungen_total{ergebnis=\"fehlgeschlagen\"}",
        "ozg_db_verbindungen{zustand=\"belegt\"}",
        "ozg_db_verbindungen_max",
        "ozg_db_wartend",
        "ozg_live_verbindungen",
    ] {
        assert!(text.contains(erwartet), "{erwartet} fehlt in:\n{text}");
    }
    assert!(!text.contains("/leistungen/10513"), "one series per route pattern, not per path");
    let ueber_proxy =
        client.get(format!("{basis}/metrics")).header("x-forwarded-for", "203.0.113.9").send().await.unwrap();
    assert_eq!(ueber_proxy.status().as_u16(), 404);
}

/// `OZG_LOG=json`: one JSON object per line; a line written while a request runs carries the
/// proxy's request id, which the response echoes.
#[tokio::test]
async fn json_log_mit_anfrage_id() {
    let dir = std::env::temp_dir().join(format!("ozg-log-{}", std::process::id()));
    site_anlegen(&dir);
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let basis = format!("http://127.0.0.1:{port}");
    let server = tokio::process::Command::new(env!("CARGO_BIN_EXE_ozg-atlas"))
        .args(["--database-url", &format!("sqlite:{}", dir.join("l.sqlite").display()), "serve"])
        .args(["--addr", &format!("127.0.0.1:{port}"), "--site-root", &dir.display().to_string()])
        .args(["--hinter-proxy", "--oeffentliche-url", &basis])
        .env("OZG_LOG", "json")
        .env("OZG_ABSCHALT_VORLAUF_S", "0")
        .env_remove("RUST_LOG")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let mut bereit = false;
    for _ in 0..120 {
        if client.get(format!("{basis}/bereit")).send().await.is_ok_and(|r| r.status() == 200) {
            bereit = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(bereit);
    let r = client
        .post(format!("{basis}/api/anmelden"))
        .header("x-request-id", "pruef-4711")
        .header("x-forwarded-for", "192.0.2.7")
        .form(&[("email", "niemand@e2e.test"), ("passwort", "falsches Passwort 123")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(r.headers()["x-request-id"], "pruef-4711");
    // An id that is no id is replaced, never written to the log.
    let r = client.get(format!("{basis}/gesund")).header("x-request-id", "<script>").send().await.unwrap();
    assert_ne!(r.headers()["x-request-id"], "<script>");
    let pid = i32::try_from(server.id().unwrap()).unwrap();
    std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().unwrap();
    let aus = tokio::time::timeout(Duration::from_secs(20), server.wait_with_output()).await.unwrap().unwrap();
    assert!(aus.status.success(), "SIGTERM ends the server cleanly");
    let text = String::from_utf8_lossy(&aus.stdout);
    let zeilen: Vec<serde_json::Value> =
        text.lines().map(|z| serde_json::from_str(z).unwrap_or_else(|_| panic!("keine JSON-Zeile: {z}"))).collect();
    let fehlschlag = zeilen.iter().find(|z| z["message"] == "Anmeldung fehlgeschlagen").expect("log line of the login");
    assert_eq!(fehlschlag["span"]["id"], "pruef-4711", "{fehlschlag}");
    assert_eq!(fehlschlag["netz"], "192.0.2.7");
    assert!(zeilen.iter().any(|z| z["message"] == "Server beendet"));
    let _ = std::fs::remove_dir_all(dir);
}

beide_datenbanken!(metriken_nur_lokal);

beide_datenbanken!(gesund_und_bereit, herunterfahren_ohne_abbruch, zwei_server_starten_zugleich);

/// The nightly backup as `betrieb/systemd/ozg-atlas-sicherung.service` runs it (its ExecStart
/// with this machine's paths): each run writes a checked backup, and only the newest stay.
#[tokio::test]
async fn sicherung_wie_der_timer_sie_startet() {
    let dir = std::env::temp_dir().join(format!("ozg-timer-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let bin = env!("CARGO_BIN_EXE_ozg-atlas");
    let db = format!("sqlite:{}", dir.join("portal.sqlite").display());
    let unit = std::fs::read_to_string("../betrieb/systemd/ozg-atlas-sicherung.service").unwrap();
    let befehl = unit.lines().find_map(|z| z.strip_prefix("ExecStart=")).unwrap();
    let ziel = dir.join("sicherungen");
    let befehl = befehl
        .replace("/opt/ozg-atlas/ozg-atlas", bin)
        .replace("/var/backups/ozg-atlas", &ziel.display().to_string())
        // Two kept instead of 14, so that three runs show the rotation.
        .replace("--behalten 14", "--behalten 2");
    let teile: Vec<&str> = befehl.split_whitespace().collect();
    let import = std::process::Command::new(bin).args(["--database-url", &db, "import"]).output().unwrap();
    assert!(import.status.success());
    for _ in 0..3 {
        let aus = std::process::Command::new(teile[0]).args(&teile[1..]).env("DATABASE_URL", &db).output().unwrap();
        let text = String::from_utf8_lossy(&aus.stdout);
        assert!(aus.status.success(), "{text}{}", String::from_utf8_lossy(&aus.stderr));
        assert!(text.contains("Alle Tabellen gleich."), "{text}");
        // Names carry the time to the second.
        tokio::time::sleep(Duration::from_millis(1100)).await;
    }
    let mut namen: Vec<String> =
        std::fs::read_dir(&ziel).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    namen.sort();
    assert_eq!(namen.len(), 2, "{namen:?}");
    assert!(namen.iter().all(|n| n.starts_with("ozg-atlas-") && n.ends_with(".sicherung")), "{namen:?}");
    let _ = std::fs::remove_dir_all(dir);
}
