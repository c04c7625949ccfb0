//! The page cache (server/src/seitenspeicher.rs) and the data generation it is keyed by
//! (migration 0011): two app servers with their own connection pools on one database, a write
//! through one, the page read through the other right after the acknowledgement.

use crate::common;

use app::model::konto::Rolle;
use app::store::Db;
use common::*;

struct Antwort {
    text: String,
    treffer: bool,
    csp_nonce: String,
}

async fn holen(basis: &str, pfad: &str, cookie: Option<&str>) -> Antwort {
    let mut r = reqwest::Client::new().get(format!("{basis}{pfad}"));
    if let Some(c) = cookie {
        r = r.header("cookie", c);
    }
    let r = r.send().await.unwrap();
    assert_eq!(r.status(), 200, "{pfad}");
    let treffer = r.headers().get(server::seitenspeicher::KOPF).is_some_and(|v| v == "treffer");
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    let csp_nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string();
    Antwort { text: r.text().await.unwrap(), treffer, csp_nonce }
}

/// A second pool with its own connections, as a second app server on another machine has.
async fn eigener_pool(db: &Db) -> Db {
    match db {
        Db::Sqlite(p) => Db::Sqlite(
            sqlx::sqlite::SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with((*p.connect_options()).clone())
                .await
                .unwrap(),
        ),
        Db::Postgres(p) => Db::Postgres(
            sqlx::postgres::PgPoolOptions::new()
                .max_connections(4)
                .connect_with((*p.connect_options()).clone())
                .await
                .unwrap(),
        ),
    }
}

async fn version(db: &Db) -> i64 {
    db.zahl(&app::store::Sql::new("SELECT version FROM themenfeld WHERE slug = 'bildung'")).await.unwrap()
}

fn themenfeld_form(version: i64, ort: &str) -> Vec<(&'static str, String)> {
    vec![("slug", "bildung".into()), ("version", version.to_string()), ("koordination", ort.into())]
}

async fn kein_veralteter_stand_nach_dem_speichern(db: Db) {
    let a = starten(db.clone()).await;
    let b = dienen(eigener_pool(&db).await, Default::default()).await;
    let kora = konto_anmelden(&db, &a, "kora@example.org", "Kora Koordination", Rolle::Koordination).await;
    const SEITE: &str = "/themenfelder/bildung";
    for basis in [&a, &b] {
        let erste = holen(basis, SEITE, None).await;
        let zweite = holen(basis, SEITE, None).await;
        assert!(zweite.treffer, "die zweite anonyme Anfrage kommt aus dem Zwischenspeicher");
        // Each answer has its own nonce, in the header and on every script of the page.
        assert_ne!(erste.csp_nonce, zweite.csp_nonce);
        assert!(zweite.text.contains(&format!("nonce=\"{}\"", zweite.csp_nonce)));
        assert!(!zweite.text.contains(&erste.csp_nonce));
        assert_eq!(erste.text.replace(&erste.csp_nonce, ""), zweite.text.replace(&zweite.csp_nonce, ""));
    }
    for i in 0..12 {
        let ort = format!("Schreibtest Nummer {i}");
        let (status, text) =
            senden(&a, "themenfeld_speichern", &kora, &themenfeld_form(version(&db).await, &ort)).await;
        assert_eq!(status, 200, "{text}");
        // Right after the acknowledgement, on the other server first: never the old page.
        let auf_b = holen(&b, SEITE, None).await;
        assert!(auf_b.text.contains(&ort), "Server B lieferte nach Schreibvorgang {i} einen alten Stand");
        assert!(!auf_b.treffer);
        assert!(holen(&a, SEITE, None).await.text.contains(&ort));
        let wieder = holen(&b, SEITE, None).await;
        assert!(wieder.treffer && wieder.text.contains(&ort));
    }
    // A logged-in reader's page is never kept or served from the cache.
    for _ in 0..2 {
        let angemeldet = holen(&a, SEITE, Some(&kora)).await;
        assert!(!angemeldet.treffer);
        assert!(angemeldet.text.contains("Kora Koordination"));
    }
    assert!(!holen(&a, SEITE, None).await.text.contains("Kora Koordination"));
}

/// The query cache behind the server functions (each facet click of a hydrated page): a usage
/// recorded through server A is in the next answer of server B, which had the old one cached.
async fn abfragespeicher_folgt_jeder_aenderung(db: Db) {
    const AHAUS: &str = "05554004";
    let a = starten(db.clone()).await;
    let b = dienen(eigener_pool(&db).await, Default::default()).await;
    let ahaus = kommune_konto_anmelden(&db, &a, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let dienste =
        db.alle::<(i64,)>(&app::store::Sql::new("SELECT id FROM onlinedienst ORDER BY id LIMIT 3")).await.unwrap();
    let gesamt = |basis: String| async move {
        let (status, text) = senden(&basis, "loesungen", "", &[("query", format!("kommune={AHAUS}"))]).await;
        assert_eq!(status, 200, "{text}");
        serde_json::from_str::<serde_json::Value>(&text).unwrap()["gesamt"].as_i64().unwrap()
    };
    assert_eq!(gesamt(b.clone()).await, 0);
    for (i, (dienst,)) in dienste.into_iter().enumerate() {
        assert_eq!(gesamt(b.clone()).await, app::model::anzahl(i), "aus dem Zwischenspeicher, noch gleich");
        let form = vec![
            ("onlinedienst_id", dienst.to_string()),
            ("ags", AHAUS.to_string()),
            ("version", "0".to_string()),
            ("geplant_ab", String::new()),
            ("in_betrieb_seit", "2025-06".to_string()),
            ("kommentar", String::new()),
        ];
        let (status, text) = senden(&a, "nutzung_speichern", &ahaus, &form).await;
        assert_eq!(status, 200, "{text}");
        assert_eq!(gesamt(b.clone()).await, app::model::anzahl(i) + 1, "Server B nach Speichern {i}");
    }
}

/// Every table either raises the generation or is listed with its reason.
async fn jede_tabelle_zaehlt_oder_ist_begruendet(db: Db) {
    assert_eq!(app::store::generation::ungezaehlte_tabellen(&db).await.unwrap(), Vec::<String>::new());
    let vorher = app::store::generation::aktuell(&db).await.unwrap();
    mit_daten(&db).await;
    let nach_import = app::store::generation::aktuell(&db).await.unwrap();
    assert!(nach_import > vorher);
    // A login writes the session and the login time, neither shown on a page: no new generation.
    let basis = dienen(db.clone(), Default::default()).await;
    konto_anmelden(&db, &basis, "leser@example.org", "Leser", Rolle::Koordination).await;
    let nach_konto = app::store::generation::aktuell(&db).await.unwrap();
    konto_anmelden_erneut(&basis).await;
    assert_eq!(app::store::generation::aktuell(&db).await.unwrap(), nach_konto);
    // A transaction that rolls back leaves the number alone.
    let mut tx = db.beginnen().await.unwrap();
    tx.ausfuehren(&app::store::Sql::new("UPDATE leistung SET name = name || ' x'")).await.unwrap();
    drop(tx);
    assert_eq!(app::store::generation::aktuell(&db).await.unwrap(), nach_konto);
}

async fn konto_anmelden_erneut(basis: &str) {
    let r = reqwest::Client::new()
        .post(format!("{basis}/api/anmelden"))
        .form(&[("email", "leser@example.org"), ("passwort", "ein langes Testpasswort")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
}

/// A crawler or attacker asking for thousands of distinct URLs fills at most the configured
/// bytes; the pages still answer.
async fn flut_einmaliger_adressen_bleibt_begrenzt(db: Db) {
    mit_daten(&db).await;
    let grenzen = server::last::Lastgrenzen { seitenspeicher_mb: 1, ..server::last::Lastgrenzen::unbegrenzt() };
    let dienst = server::router::dienst(
        db,
        server::config::leptos_options("127.0.0.1:0".parse().unwrap(), "target/site"),
        Default::default(),
        grenzen,
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let basis = format!("http://{}", listener.local_addr().unwrap());
    let app = dienst.router.into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();
    let anfragen = (0..120).map(|i| {
        let (client, basis) = (client.clone(), basis.clone());
        async move { client.get(format!("{basis}/leistungen?pro=100&q=flut{i}")).send().await.unwrap().status() }
    });
    for status in futures::future::join_all(anfragen).await {
        assert_eq!(status, 200);
    }
    let belegt = dienst.seiten.belegt();
    assert!(belegt <= 1024 * 1024, "Zwischenspeicher hält {belegt} Bytes bei 1 MiB Grenze");
    assert!(holen(&basis, "/leistungen", None).await.text.contains("OZG-Leistungen"));
}

/// Guests of a workshop share one copy per page and session (with the bar), never the copy of
/// readers outside the workshop (without it), nor the projector's; the session's end files its
/// protocol, a write, so no copy with the bar outlives it.
async fn workshop_gaeste_teilen_eine_kopie_mit_leiste(db: Db) {
    let a = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &a, "kora@example.org", "Kora Koordination", Rolle::Koordination).await;
    let (v, _) = common::themenfeld_workshop(&db, "Testworkshop Speicher").await;
    let (status, text) = senden(&a, "workshop_starten", &kora, &[("veranstaltung", v.to_string())]).await;
    assert_eq!(status, 200, "{text}");
    let code: String = serde_json::from_str(&text).unwrap();
    let gast = format!("ozg_workshop={code}");
    const SEITE: &str = "/leistungen?tf=2";
    assert!(!holen(&a, SEITE, None).await.text.contains("workshop-leiste"));
    assert!(holen(&a, SEITE, None).await.treffer);
    let erster = holen(&a, SEITE, Some(&gast)).await;
    assert!(!erster.treffer, "nicht die Kopie ohne Leiste");
    assert!(erster.text.contains("workshop-leiste") && erster.text.contains("Testworkshop Speicher"));
    let zweiter = holen(&a, SEITE, Some(&gast)).await;
    assert!(zweiter.treffer && zweiter.text.contains("workshop-leiste"), "die Gäste teilen eine Kopie");
    let projektor = holen(&a, SEITE, Some(&format!("{gast}~p"))).await;
    assert!(!projektor.treffer && projektor.text.contains("workshop-projektor-leiste"));
    assert!(!holen(&a, SEITE, None).await.text.contains("workshop-leiste"), "Leser ohne Workshop: ohne Leiste");
    assert_eq!(senden(&a, "workshop_beenden", &kora, &[("code", code.clone())]).await.0, 200);
    let danach = holen(&a, SEITE, Some(&gast)).await;
    assert!(!danach.treffer && !danach.text.contains("workshop-leiste"), "nach dem Ende keine Leiste mehr");
}

/// A room following its facilitator: 50 readers ask for the same page at once; it is
/// rendered once, the others get that copy (waiting for it), each with its own nonce.
async fn gleichzeitige_fehlgriffe_rendern_einmal(db: Db) {
    let a = starten(db.clone()).await;
    const SEITE: &str = "/leika?pro=100&q=hund";
    let antworten = futures::future::join_all((0..50).map(|_| holen(&a, SEITE, None))).await;
    let gerendert = antworten.iter().filter(|a| !a.treffer).count();
    assert_eq!(gerendert, 1, "eine Darstellung für 50 gleichzeitige Leser");
    let nonces: std::collections::HashSet<&str> = antworten.iter().map(|a| a.csp_nonce.as_str()).collect();
    assert_eq!(nonces.len(), 50);
    let ohne = |a: &Antwort| a.text.replace(&a.csp_nonce, "");
    assert!(antworten.iter().all(|x| ohne(x) == ohne(&antworten[0])));
}

beide_datenbanken!(
    gleichzeitige_fehlgriffe_rendern_einmal,
    workshop_gaeste_teilen_eine_kopie_mit_leiste,
    kein_veralteter_stand_nach_dem_speichern,
    abfragespeicher_folgt_jeder_aenderung,
    jede_tabelle_zaehlt_oder_ist_begruendet,
    flut_einmaliger_adressen_bleibt_begrenzt
);
