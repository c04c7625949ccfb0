//! Backups: taken while four coordinators save, restored into an empty database, compared table
//! by table – on SQLite (online backup API) and PostgreSQL (pg_dump on an exported snapshot).

use crate::common;

use app::store::{Db, Sql};
use server::betrieb::sicherung::{self, SicherungsFehler};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The URL of the test's own database, as the CLI would get it in DATABASE_URL.
async fn url_von(db: &Db) -> String {
    match db {
        Db::Sqlite(p) => format!("sqlite:{}", p.connect_options().get_filename().display()),
        Db::Postgres(_) => {
            let name = db.text(&Sql::new("SELECT current_database()::text")).await.unwrap().unwrap();
            sicherung::mit_datenbank(&std::env::var("DATABASE_URL").unwrap(), &name)
        }
    }
}

/// An empty database of the same backend; dropped by the caller's `weg`.
async fn leere_datenbank(db: &Db, name: &str) -> (String, PathBuf) {
    // Per backend too: both variants of a test run at the same time in this process.
    let dir = std::env::temp_dir().join(format!("ozg-sicherung-{}-{name}-{}", std::process::id(), db.backend()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    match db {
        Db::Sqlite(_) => (format!("sqlite:{}", dir.join("ziel.sqlite").display()), dir),
        Db::Postgres(p) => {
            let name = format!("ozg_ziel_{}_{}", name, std::process::id());
            sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(p).await.unwrap();
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(p).await.unwrap();
            (sicherung::mit_datenbank(&std::env::var("DATABASE_URL").unwrap(), &name), dir)
        }
    }
}

async fn weg(db: &Db, url: &str, dir: PathBuf) {
    if let Db::Postgres(p) = db {
        let name = url.rsplit('/').next().unwrap();
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(p).await.unwrap();
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// One coordinator saving one project's Inbetriebnahme as fast as the server answers; returns
/// every acknowledged (version, moment).
async fn schreiben(
    basis: String,
    cookie: String,
    id: i64,
    mut version: i64,
    halt: Arc<AtomicBool>,
) -> Vec<(i64, Instant)> {
    let mut quittiert = Vec::new();
    let mut i = 0;
    while !halt.load(Ordering::Relaxed) {
        i += 1;
        let monat = format!("2021-{:02}", 1 + (version + i) % 12);
        let form = common::phasen_form(id, version, ["2020-01", "2020-02", "2020-03", "", &monat, ""]);
        let (status, text) = common::senden(&basis, "projekt_speichern", &cookie, &form).await;
        assert_eq!(status, 200, "{text}");
        version = text.trim().parse().unwrap();
        quittiert.push((version, Instant::now()));
    }
    quittiert
}

async fn waehrend_vier_schreibern(db: Db) {
    let basis = common::starten(db.clone()).await;
    let cookie =
        common::konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", app::model::konto::Rolle::Koordination).await;
    let projekte: Vec<(i64, i64)> =
        db.alle(&Sql::new("SELECT id, version FROM projekt ORDER BY id LIMIT 4")).await.unwrap();
    let halt = Arc::new(AtomicBool::new(false));
    let schreiber: Vec<_> = projekte
        .iter()
        .map(|&(id, v)| tokio::spawn(schreiben(basis.clone(), cookie.clone(), id, v, halt.clone())))
        .collect();
    tokio::time::sleep(Duration::from_millis(800)).await;

    let dir = std::env::temp_dir().join(format!("ozg-sicherung-{}-{}", std::process::id(), db.backend()));
    std::fs::create_dir_all(&dir).unwrap();
    let datei = dir.join("test.sicherung");
    let beginn = Instant::now();
    let manifest = sicherung::erstellen(&url_von(&db).await, &datei).await.unwrap();
    let ende = Instant::now();
    tokio::time::sleep(Duration::from_millis(300)).await;
    halt.store(true, Ordering::Relaxed);
    let mut quittiert = Vec::new();
    for s in schreiber {
        quittiert.push(s.await.unwrap());
    }
    assert!(quittiert.iter().all(|q| q.iter().filter(|(_, t)| *t < beginn).count() >= 2), "saves before the backup");
    assert!(
        quittiert.iter().any(|q| q.iter().any(|(_, t)| *t > beginn && *t < ende))
            || ende - beginn < Duration::from_millis(50),
        "the writers went on while the backup ran"
    );
    assert_eq!(manifest.schema, db.schema_programm());

    let (ziel, ziel_dir) = leere_datenbank(&db, "schreiber").await;
    let bericht = sicherung::einspielen(&datei, &ziel).await.unwrap();
    assert!(bericht.gleich());
    assert!(bericht.to_string().contains("projekt ") && bericht.to_string().contains("gleich"));

    let wieder = Db::verbinden(&ziel).await.unwrap();
    for (&(id, v0), q) in projekte.iter().zip(&quittiert) {
        let vor_beginn = q.iter().filter(|(_, t)| *t < beginn).map(|(v, _)| *v).max().unwrap();
        let mut s = Sql::new("SELECT version FROM projekt WHERE id = ");
        s.bind(id);
        let v = wieder.zahl(&s).await.unwrap();
        assert!(v >= vor_beginn, "project {id}: save {vor_beginn} acknowledged before the backup, restored {v}");
        // Nothing half-written: the project row, its audit rows and its live event belong to the
        // same saves.
        let mut s = Sql::new(
            "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'projekt' AND feld = 'inbetriebnahme' AND objekt_id = ",
        );
        s.bind(id.to_string());
        assert_eq!(wieder.zahl(&s).await.unwrap(), v - v0, "project {id}: one audit row per save");
        let mut s = Sql::new("SELECT daten FROM ereignis WHERE art = ");
        s.bind(app::model::live::PROJEKT)
            .push(" AND objekt_id = ")
            .bind(id.to_string())
            .push(" ORDER BY id DESC LIMIT 1");
        let daten = wieder.text(&s).await.unwrap().unwrap();
        let p: app::model::roadmap::Projekt = serde_json::from_str(&daten).unwrap();
        assert_eq!(p.version, v, "project {id}: newest event of the newest save");
    }
    wieder.schliessen().await;
    weg(&db, &ziel, ziel_dir).await;
    let _ = std::fs::remove_dir_all(dir);
}

/// A backup of a newer program, a foreign file and a non-empty target are refused with a clear
/// message before anything is written.
async fn einspielen_verweigert(db: Db) {
    common::mit_daten(&db).await;
    let dir = std::env::temp_dir().join(format!("ozg-sicherung-v-{}-{}", std::process::id(), db.backend()));
    std::fs::create_dir_all(&dir).unwrap();
    let datei = dir.join("echt.sicherung");
    let m = sicherung::erstellen(&url_von(&db).await, &datei).await.unwrap();

    // The same backup with a newer schema in its manifest.
    let neuer = dir.join("neuer.sicherung");
    {
        use std::io::{Read, Write};
        let mut alt = zip::ZipArchive::new(std::fs::File::open(&datei).unwrap()).unwrap();
        let mut neu = zip::ZipWriter::new(std::fs::File::create(&neuer).unwrap());
        for i in 0..alt.len() {
            let mut e = alt.by_index(i).unwrap();
            let name = e.name().unwrap().to_string();
            let mut inhalt = Vec::new();
            e.read_to_end(&mut inhalt).unwrap();
            if name == "manifest.json" {
                let mut m2 = m.clone();
                m2.schema = 9999;
                inhalt = serde_json::to_vec(&m2).unwrap();
            }
            neu.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            neu.write_all(&inhalt).unwrap();
        }
        neu.finish().unwrap();
    }
    let (ziel, ziel_dir) = leere_datenbank(&db, "verweigert").await;
    let fehler = sicherung::einspielen(&neuer, &ziel).await.unwrap_err();
    assert!(matches!(fehler, SicherungsFehler::NeueresSchema { sicherung: 9999, .. }), "{fehler}");
    assert!(fehler.to_string().contains("Schemastand 9999"), "{fehler}");
    // Nothing was written: the target is still empty and takes the real backup.
    sicherung::einspielen(&datei, &ziel).await.unwrap();
    // Now it is not empty any more.
    let fehler = sicherung::einspielen(&datei, &ziel).await.unwrap_err();
    assert!(matches!(fehler, SicherungsFehler::ZielNichtLeer { .. }), "{fehler}");

    let fremd = dir.join("fremd.sicherung");
    std::fs::write(&fremd, b"PK\x03\x04 kein zip").unwrap();
    let fehler = sicherung::einspielen(&fremd, &ziel).await.unwrap_err();
    assert!(fehler.to_string().contains("keine Sicherung von OZG-Atlas"), "{fehler}");

    // `pruefen` restores into a scratch database of its own and compares.
    assert!(sicherung::pruefen(&datei, &url_von(&db).await).await.unwrap().gleich());
    weg(&db, &ziel, ziel_dir).await;
    let _ = std::fs::remove_dir_all(dir);
}

beide_datenbanken!(waehrend_vier_schreibern, einspielen_verweigert);
