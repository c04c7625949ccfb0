//! "Unsere Fragen an Sie" over real HTTP on both databases: what readers send reaches the
//! coordination's inbox and no public page; a logged-in person's wish to be informed is a
//! subscription; the inbox's status is versioned and audited; hostile input stores nothing.

use crate::common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::{konto_anmelden, senden, starten};
use serde_json::Value;

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

async fn themenfeld(db: &Db, name: &str) -> (i64, String) {
    let mut s = Sql::new("SELECT id, slug FROM themenfeld WHERE name = ");
    s.bind(name);
    db.eine::<(i64, String)>(&s).await.unwrap().unwrap()
}

fn formular(tf: i64, art: &str, person: &str) -> Vec<(&'static str, String)> {
    vec![
        ("themenfeld", tf.to_string()),
        ("art", art.into()),
        ("person", person.into()),
        ("name", "Paula Leserin".into()),
        ("organisation", "Stadt Beispielhausen (Testdaten)".into()),
        ("email", "paula@beispiel.test".into()),
        ("nachricht", "Gern auch zum nächsten Workshop.".into()),
        ("einwilligung", "ja".into()),
    ]
}

async fn json(basis: &str, funktion: &str, cookie: &str, form: &[(&str, String)]) -> Value {
    let (s, t) = senden(basis, funktion, cookie, form).await;
    assert_eq!(s, 200, "{funktion}: {t}");
    serde_json::from_str(&t).unwrap()
}

async fn fragen_erreichen_die_koordination(db: Db) {
    let basis = starten(db.clone()).await;
    let (bauen, slug) = themenfeld(&db, "Bauen & Wohnen").await;
    let seite = reqwest::get(format!("{basis}/themenfelder/{slug}")).await.unwrap().text().await.unwrap();
    for frage in ["Unsere Fragen an Sie", "Kennen Sie jemanden, der im Themenfeld aktiv ist?", "Steckbrief ausfüllen"]
    {
        assert!(seite.contains(frage), "{frage}");
    }

    // Anonymous: a named person and a wish to take part, each with a receipt number.
    let person = formular(bauen, "person", "Herr Beispiel, Bauaufsicht Beispielhausen");
    let erst = json(&basis, "anliegen_senden", "", &person).await;
    let nummer = erst["nummer"].as_i64().unwrap();
    assert_eq!(erst["abonniert"], false);
    // Sent again (a double click, a reload): the same request, the same number.
    assert_eq!(json(&basis, "anliegen_senden", "", &person).await["nummer"].as_i64(), Some(nummer));
    json(&basis, "anliegen_senden", "", &formular(bauen, "beteiligen", "")).await;
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM anliegen").await, 2);

    // Logged in: "informiert" is a weekly subscription and no request; "beteiligen" keeps the
    // person's own choice of subscription and reaches the inbox with the account's name.
    let anna =
        common::kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some("05554004"))
            .await;
    let mut informiert = formular(bauen, "informiert", "");
    informiert.retain(|(k, _)| ["themenfeld", "art"].contains(k));
    let g = json(&basis, "anliegen_senden", &anna, &informiert).await;
    assert_eq!((g["nummer"].clone(), g["abonniert"].clone()), (Value::Null, Value::Bool(true)));
    let abo = "SELECT versand FROM abo WHERE art = 'themenfeld'";
    assert_eq!(db.text(&Sql::new(abo)).await.unwrap().as_deref(), Some("woechentlich"));
    db.transaktion(&[Sql::new("UPDATE abo SET versand = 'taeglich'")]).await.unwrap();
    informiert[1].1 = "beteiligen".into();
    assert!(json(&basis, "anliegen_senden", &anna, &informiert).await["nummer"].is_i64());
    assert_eq!(db.text(&Sql::new(abo)).await.unwrap().as_deref(), Some("taeglich"));
    assert_eq!(
        zahl(&db, "SELECT COUNT(*) FROM anliegen WHERE name = 'Anna Ahaus' AND kontakt = 'anna@ahaus.de'").await,
        1
    );

    // Nothing of it on a public page.
    let seite = reqwest::get(format!("{basis}/themenfelder/{slug}")).await.unwrap().text().await.unwrap();
    assert!(!seite.contains("paula@beispiel.test") && !seite.contains("Herr Beispiel"));

    // The inbox: only the coordination.
    let status = |s: &str| vec![("status", s.to_string())];
    assert_eq!(senden(&basis, "anliegen_liste", "", &status("neu")).await.0, 401);
    assert_eq!(senden(&basis, "anliegen_liste", &anna, &status("neu")).await.0, 403);
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let (eintraege, zahlen) = match json(&basis, "anliegen_liste", &kora, &status("neu")).await {
        Value::Array(v) => (v[0].as_array().unwrap().clone(), v[1].clone()),
        v => panic!("{v}"),
    };
    assert_eq!(eintraege.len(), 3);
    assert_eq!(zahlen[0], serde_json::json!(["Neu", 3]));
    let erster = eintraege.iter().find(|e| e["id"].as_i64() == Some(nummer)).unwrap();
    assert_eq!(erster["person"], "Herr Beispiel, Bauaufsicht Beispielhausen");
    assert_eq!(erster["kontakt"], "paula@beispiel.test");
    assert_eq!(erster["themenfeld"], "Bauen & Wohnen");

    // Status: versioned and audited; a stale form is refused.
    let setzen =
        |v: i64, s: &str| vec![("id", nummer.to_string()), ("version", v.to_string()), ("status", s.to_string())];
    assert_eq!(senden(&basis, "anliegen_status", &anna, &setzen(1, "erledigt")).await.0, 403);
    assert_eq!(senden(&basis, "anliegen_status", &kora, &setzen(1, "in_bearbeitung")).await, (200, "2".into()));
    let (s, t) = senden(&basis, "anliegen_status", &kora, &setzen(1, "erledigt")).await;
    assert_eq!(s, 409, "{t}");
    assert!(t.contains("Kora"), "{t}");
    assert_eq!(senden(&basis, "anliegen_status", &kora, &setzen(2, "gelöscht")).await.0, 422);
    let protokoll = "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'anliegen' AND neu = 'in Bearbeitung'";
    assert_eq!(zahl(&db, protokoll).await, 1);
    let in_arbeit = json(&basis, "anliegen_liste", &kora, &status("in_bearbeitung")).await;
    assert_eq!(in_arbeit[0].as_array().unwrap().len(), 1);
    let weg = vec![("id", "999999".into()), ("version", "1".into()), ("status", "erledigt".into())];
    assert_eq!(senden(&basis, "anliegen_status", &kora, &weg).await.0, 404);
}

async fn feindliche_eingaben_speichern_nichts(db: Db) {
    let basis = starten(db.clone()).await;
    let (bauen, _) = themenfeld(&db, "Bauen & Wohnen").await;
    let gut = formular(bauen, "beteiligen", "");
    let mit = |k: &str, v: String| {
        let mut f = gut.clone();
        f.iter_mut().filter(|(n, _)| *n == k).for_each(|(_, w)| *w = v.clone());
        f
    };
    // Each bad field answers at its field (422), nothing is stored.
    for (feld, wert) in [
        ("nachricht", "x".repeat(100_000)),
        ("email", "paula@beispiel.test\r\nBcc: alle@beispiel.test".into()),
        ("art", "alles".into()),
        ("themenfeld", "1 OR 1=1".into()),
        ("einwilligung", "nein".into()),
        ("name", " ".into()),
    ] {
        let (s, t) = senden(&basis, "anliegen_senden", "", &mit(feld, wert)).await;
        assert_eq!(s, 422, "{feld}: {t}");
        assert!(t.contains(&format!("\"{feld}\"")), "{feld}: {t}");
    }
    // An unknown Themenfeld; a parameter given twice; a body over the limit.
    assert_eq!(senden(&basis, "anliegen_senden", "", &mit("themenfeld", "99999".into())).await.0, 404);
    let mut doppelt = gut.clone();
    doppelt.push(("art", "person".into()));
    assert!((400..500).contains(&senden(&basis, "anliegen_senden", "", &doppelt).await.0));
    let riesig = senden(&basis, "anliegen_senden", "", &mit("nachricht", "y".repeat(9 * 1024 * 1024))).await.0;
    assert_eq!(riesig, 413);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM anliegen").await, 0);

    // In parallel: 24 different requests are 24 rows, 24 copies of one are one row.
    let verschieden = (0..24).map(|i| {
        let f = mit("email", format!("person{i}@beispiel.test"));
        let b = basis.clone();
        tokio::spawn(async move { senden(&b, "anliegen_senden", "", &f).await.0 })
    });
    let gleich = (0..24).map(|_| {
        let f = mit("email", "gleich@beispiel.test".into());
        let b = basis.clone();
        tokio::spawn(async move { senden(&b, "anliegen_senden", "", &f).await.0 })
    });
    for h in verschieden.chain(gleich).collect::<Vec<_>>() {
        assert_eq!(h.await.unwrap(), 200);
    }
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM anliegen").await, 25);

    // A flood fills the open requests up to the bound; then the form refuses (409) with a message.
    let offen = app::model::anliegen::MAX_OFFEN - 25;
    let mut s = Sql::new(
        "INSERT INTO anliegen (art, themenfeld_id, name, organisation, kontakt, person, nachricht, erstellt_ms, geaendert_ms) \
         SELECT 'person', ",
    );
    s.bind(bauen).push(", 'Flut (Testdaten)', '', 'flut' || n || '@beispiel.test', '', '', 0, 0 FROM (");
    s.push(&zahlen_bis(offen)).push(") AS z");
    db.transaktion(&[s]).await.unwrap();
    let (s, t) = senden(&basis, "anliegen_senden", "", &mit("email", "spaet@beispiel.test".into())).await;
    assert_eq!(s, 409, "{t}");
    assert!(t.contains("sehr viele unbearbeitete"), "{t}");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM anliegen").await, app::model::anliegen::MAX_OFFEN);
}

/// `SELECT n` for 1..=`bis`, as a recursive query both databases understand.
fn zahlen_bis(bis: i64) -> String {
    format!("WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < {bis}) SELECT n FROM r")
}

beide_datenbanken!(fragen_erreichen_die_koordination, feindliche_eingaben_speichern_nichts);
