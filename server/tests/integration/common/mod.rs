//! Shared helpers: every test runs once on a fresh SQLite and once on a fresh PostgreSQL
//! database (`#[sqlx::test]` creates and drops it; PostgreSQL comes from DATABASE_URL).

#![allow(dead_code, reason = "each helper is used by some test modules, not all")]

pub mod smtp;

use app::store::Db;

/// `beide_datenbanken!(name)` turns `async fn name(db: Db)` into two tests, `name::sqlite` and
/// `name::postgres`, each on its own freshly migrated database.
#[macro_export]
macro_rules! beide_datenbanken {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[sqlx::test(migrations = "../migrations/sqlite")]
            async fn sqlite(pool: sqlx::SqlitePool) {
                super::$name(app::store::Db::Sqlite(pool)).await
            }
            #[sqlx::test(migrations = "../migrations/postgres")]
            async fn postgres(pool: sqlx::PgPool) {
                super::$name(app::store::Db::Postgres(pool)).await
            }
        }
    )*};
}

pub async fn mit_daten(db: &Db) {
    server::import::importieren(db, false).await.expect("Import der mitgelieferten Daten");
}

/// The real router with the shipped data on a loopback port; returns its base URL.
pub async fn starten(db: Db) -> String {
    starten_mit(db, server::sicherheit::Sicherheit::default()).await
}

pub async fn starten_mit(db: Db, sicherheit: server::sicherheit::Sicherheit) -> String {
    mit_daten(&db).await;
    dienen(db, sicherheit).await
}

/// The router on a loopback port over the database as it is (e.g. a second app server). Tests
/// call it far faster than people do: without the rate limits (their own test sets them).
pub async fn dienen(db: Db, sicherheit: server::sicherheit::Sicherheit) -> String {
    dienen_mit(db, sicherheit, server::last::Lastgrenzen::unbegrenzt()).await
}

pub async fn dienen_mit(
    db: Db,
    sicherheit: server::sicherheit::Sicherheit,
    grenzen: server::last::Lastgrenzen,
) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = server::router::router(db, server::config::leptos_options(addr, "target/site"), sicherheit, grenzen)
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// Creates an account and logs it in; returns the session cookie (`name=value`).
pub async fn konto_anmelden(db: &Db, basis: &str, email: &str, name: &str, rolle: app::model::konto::Rolle) -> String {
    kommune_konto_anmelden(db, basis, email, name, rolle, None).await
}

/// [`konto_anmelden`] for an account bound to a Kommune (AGS).
pub async fn kommune_konto_anmelden(
    db: &Db,
    basis: &str,
    email: &str,
    name: &str,
    rolle: app::model::konto::Rolle,
    kommune_ags: Option<&str>,
) -> String {
    const PASSWORT: &str = "ein langes Testpasswort";
    let e = app::model::konto::Email::parse(email).unwrap();
    let neu = app::store::konto::NeuesKonto {
        passwort: app::model::konto::NeuesPasswort::parse(PASSWORT, &e).unwrap(),
        email: e,
        name: name.into(),
        rolle,
        kommune_ags: kommune_ags.map(str::to_string),
    };
    app::store::konto::anlegen(db, neu, &app::store::akteur::Akteur::kommandozeile()).await.unwrap();
    let r = reqwest::Client::new()
        .post(format!("{basis}/api/anmelden"))
        .form(&[("email", email), ("passwort", PASSWORT)])
        .send()
        .await
        .unwrap();
    r.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_string()
}

/// POSTs a form to a server function (`/api/{fn}`) with a session cookie; returns status and body.
/// Turned away by a bounded pool (503 "Ueberlastet", e.g. while a parallel test floods it), it
/// comes back later as a client should.
/// A Themenfeld-Workshop (far in the future) of the Themenfeld of OZG-Leistung 10513, made
/// through the store: (event id, Themenfeld id). Titles here are test values.
pub async fn themenfeld_workshop(db: &Db, titel: &str) -> (i64, i64) {
    let tf = db.zahl(&app::store::Sql::new("SELECT themenfeld_id FROM leistung WHERE ozg_id = 10513")).await.unwrap();
    let e = app::model::veranstaltung::eingabe::VeranstaltungEingabe {
        art: "workshop".into(),
        titel: titel.into(),
        termin: "01.06.2039".into(),
        themenfeld: tf.to_string(),
        anmeldung: "keine".into(),
        ..Default::default()
    };
    let akteur = app::store::akteur::Akteur::kommandozeile();
    (app::store::veranstaltung::anlegen(db, &e.lesen().unwrap(), &akteur).await.unwrap(), tf)
}

pub async fn senden(basis: &str, funktion: &str, cookie: &str, form: &[(&str, String)]) -> (u16, String) {
    for _ in 0..60 {
        let r = reqwest::Client::new()
            .post(format!("{basis}/api/{funktion}"))
            .header("cookie", cookie)
            .form(form)
            .send()
            .await
            .unwrap();
        let (status, text) = (r.status().as_u16(), r.text().await.unwrap());
        if status != 503 || !text.contains("Ueberlastet") {
            return (status, text);
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    panic!("{funktion}: 30 s lang überlastet")
}

/// The form of `projekt_speichern`: the start months in phase order (Vorbereitung … Roll-out).
pub fn phasen_form(id: i64, version: i64, monate: [&str; 6]) -> Vec<(&'static str, String)> {
    let mut f = vec![("id", id.to_string()), ("version", version.to_string())];
    f.extend(app::model::roadmap::Phase::ALLE.iter().zip(monate).map(|(p, m)| (p.code(), m.to_string())));
    f
}

/// Runs a checker script of `scripts/` (in the pinned venv of `scripts/testpython.sh`, with
/// parsers independent of the portal's writers) over `eingabe`; returns its JSON reading.
pub fn unabhaengig_pruefen(skript: &str, eingabe: &str) -> serde_json::Value {
    use std::io::Write;
    let python = std::process::Command::new("../scripts/testpython.sh").output().expect("scripts/testpython.sh");
    assert!(python.status.success(), "{}", String::from_utf8_lossy(&python.stderr));
    let python = String::from_utf8(python.stdout).unwrap();
    let mut kind = std::process::Command::new(python.trim())
        .arg(format!("../scripts/{skript}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    kind.stdin.take().unwrap().write_all(eingabe.as_bytes()).unwrap();
    let aus = kind.wait_with_output().unwrap();
    assert!(aus.status.success(), "{skript} lehnt ab: {}\n{eingabe}", String::from_utf8_lossy(&aus.stderr));
    serde_json::from_slice(&aus.stdout).unwrap()
}

/// GET without a session: status and body.
pub async fn holen(url: &str) -> (u16, String) {
    let r = reqwest::get(url).await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}
