//! The roadmap seed, derived status and filters, on SQLite and PostgreSQL.

use crate::common;

use app::model::filter::KatalogAnfrage;
use app::model::roadmap::{Phase, Status};
use app::store::{Db, Sql};
use chrono::NaiveDate;
use common::{mit_daten, starten};

fn tag(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

async fn sieben_projekte_der_folie(db: Db) {
    mit_daten(&db).await;
    let alle = app::store::roadmap::projekte(&db, tag("2021-04-15")).await.unwrap();
    assert_eq!(alle.len(), 7);
    let p = |n: &str| alle.iter().find(|p| p.name == n).unwrap().clone();
    // On the slide's date the derived status matches the slide where its dates agree.
    assert_eq!(p("Einbürgerung").status, Status::In(Phase::Umsetzung));
    assert_eq!(p("Urkundenausgabe").status, Status::In(Phase::Umsetzung), "Umsetzung April 2021 has begun");
    assert_eq!(p("Geringverdiener & Seniorenpass").status, Status::In(Phase::Umsetzung));
    let urkunde = p("Urkundenausgabe");
    let namen: Vec<&str> = urkunde.themenfelder.iter().map(|t| t.1.as_str()).collect();
    assert_eq!(namen, ["Familie & Kind", "Gesundheit", "Querschnitt"]);
    assert!(urkunde.leistungen.is_empty(), "no unambiguous OZG-Leistung");
    assert_eq!(p("Einbürgerung").leistungen, vec![(10257, "Einbürgerung".to_string())]);
    // The data as given, with the contradiction reported.
    let spreng = p("Sprengstofferlaubnis");
    assert_eq!(spreng.phasen.umsetzung, Some(tag("2021-12-01")));
    assert_eq!(spreng.reihenfolge_fehler, vec![(Phase::Umsetzung, Phase::Inbetriebnahme)]);
    assert_eq!(alle.iter().filter(|p| !p.reihenfolge_fehler.is_empty()).count(), 1);
    assert!(alle.iter().all(|p| p.phasen.pilotierung.is_none()), "the slide has no Pilotierung column");

    // A forced re-import neither duplicates nor overwrites a coordinator's dates.
    db.transaktion(&[Sql::new(
        "UPDATE projekt SET umsetzung = '2021-05-01', version = version + 1 WHERE name = 'Sprengstofferlaubnis'",
    )])
    .await
    .unwrap();
    server::import::importieren(&db, true).await.unwrap();
    let alle = app::store::roadmap::projekte(&db, tag("2026-11-22")).await.unwrap();
    assert_eq!(alle.len(), 7);
    let spreng = alle.iter().find(|p| p.name == "Sprengstofferlaubnis").unwrap();
    assert_eq!(spreng.phasen.umsetzung, Some(tag("2021-05-01")));
    assert!(spreng.reihenfolge_fehler.is_empty());
    assert_eq!(db.zahl(&Sql::new("SELECT COUNT(*) FROM projekt_themenfeld")).await.unwrap(), 9);
}

async fn filter_und_sortierung(db: Db) {
    mit_daten(&db).await;
    let heute = tag("2021-04-15");
    let r = |q: &str| {
        let db = db.clone();
        let a = KatalogAnfrage::aus_query(q);
        async move { app::store::roadmap::roadmap(&db, &a, heute).await.unwrap() }
    };
    let umwelt = r("tf=13").await;
    let namen: Vec<String> = umwelt.projekte.iter().map(|p| p.name.clone()).collect();
    assert_eq!(namen, ["Altlasten & Bodenschutzkataster", "Sprengstofferlaubnis"]);
    assert_eq!(r("tf=13&nicht_tf=1").await.projekte.len(), 5);
    assert_eq!(r("status=umsetzung").await.projekte.len(), 6);
    assert_eq!(r("status=konzeption").await.projekte.len(), 1);
    let sortiert = r("sort=inbetriebnahme&ab=1").await;
    assert_eq!(sortiert.projekte[0].phasen.inbetriebnahme, Some(tag("2021-07-01")));
    let themen: Vec<&str> = umwelt.themenfelder.iter().map(|t| t.1.as_str()).collect();
    assert!(themen.contains(&"Umwelt") && themen.contains(&"Querschnitt"));
}

async fn roadmap_seite(db: Db) {
    let basis = starten(db).await;
    let html = reqwest::get(format!("{basis}/roadmap?tf=13")).await.unwrap().text().await.unwrap();
    assert!(html.contains("Sprengstofferlaubnis") && html.contains("Dezember 2021"));
    assert!(!html.contains("Einbürgerung</th>"));
    assert!(html.contains("Umsetzung beginnt (Dezember 2021) nach Inbetriebnahme NRW (Juni 2021)."));
}

async fn phasen_per_formular(db: Db) {
    let basis = starten(db.clone()).await;
    let cookie =
        common::konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", app::model::konto::Rolle::Koordination).await;
    let id = db.zahl(&Sql::new("SELECT id FROM projekt WHERE name = 'Sprengstofferlaubnis'")).await.unwrap();
    let speichern = |version: i64, umsetzung: &str, inbetriebnahme: &str| {
        let form = common::phasen_form(id, version, ["02.2021", "2021-04", umsetzung, "", inbetriebnahme, ""]);
        let (cookie, basis) = (cookie.clone(), basis.clone());
        async move { common::senden(&basis, "projekt_speichern", &cookie, &form).await }
    };
    // Saving the slide's contradiction as it is: refused, message at the later phase.
    let (status, text) = speichern(1, "2021-12", "2021-06").await;
    assert_eq!(status, 422, "{text}");
    let f: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(f["Eingabe"][0]["feld"], "inbetriebnahme");
    assert_eq!(
        f["Eingabe"][0]["meldung"],
        "Inbetriebnahme NRW (Juni 2021) darf nicht vor Umsetzung (Dezember 2021) beginnen."
    );
    // Unreadable month: message at its field.
    let (status, text) = speichern(1, "Dezember", "2022-06").await;
    assert_eq!(status, 422);
    assert!(text.contains("\"feld\":\"umsetzung\"") && text.contains("kein Monat"), "{text}");
    assert_eq!(db.zahl(&Sql::new("SELECT version FROM projekt WHERE name = 'Sprengstofferlaubnis'")).await.unwrap(), 1);
    // The coordinator resolves it: Inbetriebnahme after Umsetzung.
    let (status, text) = speichern(1, "12.2021", "2022-06").await;
    assert_eq!((status, text.as_str()), (200, "2"));
    let p = app::store::roadmap::projekte(&db, tag("2026-11-22")).await.unwrap();
    let spreng = p.iter().find(|p| p.name == "Sprengstofferlaubnis").unwrap();
    assert!(spreng.reihenfolge_fehler.is_empty());
    assert_eq!(spreng.phasen.inbetriebnahme, Some(tag("2022-06-01")));
    // History: who, old and new month.
    let n = db
        .zahl(&Sql::new(
            "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'projekt' AND feld = 'inbetriebnahme' \
             AND alt = '2021-06' AND neu = '2022-06' AND benutzer LIKE 'Kora%'",
        ))
        .await
        .unwrap();
    assert_eq!(n, 1);
    // A second coordinator still on version 1: 409, nothing changes.
    let (status, text) = speichern(1, "2021-11", "2022-07").await;
    assert_eq!(status, 409);
    assert!(text.contains("Kora"), "{text}");
    let html = reqwest::get(format!("{basis}/roadmap/{id}")).await.unwrap().text().await.unwrap();
    assert!(html.contains("Juni 2022") && !html.contains("Datenqualität"));
}

/// Archiving is not deleting: the project leaves roadmap, timeline data and the open API's list,
/// its page and history stay; restoring (the undo) brings it back. Hostile and stale forms
/// change nothing.
async fn archivieren_und_wiederherstellen(db: Db) {
    use app::model::konto::Rolle;
    let basis = starten(db.clone()).await;
    let kora = common::konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let anna =
        common::kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna", Rolle::Kommune, Some("05554004")).await;
    let id = db.zahl(&Sql::new("SELECT id FROM projekt WHERE name = 'Urkundenausgabe'")).await.unwrap();
    let version = || {
        let db = db.clone();
        async move { db.zahl(Sql::new("SELECT version FROM projekt WHERE id = ").bind(id)).await.unwrap() }
    };
    let form = |v: i64, archiv: &str| {
        vec![("id", id.to_string()), ("version", v.to_string()), ("archivieren", archiv.to_string())]
    };
    let v0 = version().await;
    assert_eq!(common::senden(&basis, "projekt_archivieren", "", &form(v0, "true")).await.0, 401);
    assert_eq!(common::senden(&basis, "projekt_archivieren", &anna, &form(v0, "true")).await.0, 403);
    for boese in [
        vec![("id", "x".to_string()), ("version", v0.to_string()), ("archivieren", "true".into())],
        vec![("id", id.to_string()), ("version", "1; DROP TABLE projekt".into()), ("archivieren", "true".into())],
        form(v0, "vielleicht"),
        form(v0, &"true".repeat(10_000)),
    ] {
        let (status, text) = common::senden(&basis, "projekt_archivieren", &kora, &boese).await;
        assert_eq!(status, 422, "{text}");
    }
    assert_eq!(common::senden(&basis, "projekt_archivieren", &kora, &form(v0 + 7, "true")).await.0, 409);
    assert_eq!(version().await, v0, "nothing written");

    let (status, text) = common::senden(&basis, "projekt_archivieren", &kora, &form(v0, "true")).await;
    assert_eq!(status, 200, "{text}");
    let v1: i64 = text.parse().unwrap();
    let heute = chrono::Utc::now().date_naive();
    let alle = app::store::roadmap::projekte(&db, heute).await.unwrap();
    assert!(!alle.iter().any(|p| p.id == id), "off the roadmap");
    let (_, json) = common::senden(&basis, "roadmap", "", &[("query", String::new())]).await;
    let r: app::model::roadmap::Roadmap = serde_json::from_str(&json).unwrap();
    assert!(!r.projekte.iter().any(|p| p.id == id) && r.archiviert == vec![(id, "Urkundenausgabe".to_string())]);
    let api = reqwest::get(format!("{basis}/api/v1/projekte")).await.unwrap().text().await.unwrap();
    assert!(!api.contains("Urkundenausgabe"), "off the open API's list");
    let html = reqwest::get(format!("{basis}/roadmap/{id}")).await.unwrap().text().await.unwrap();
    assert!(html.contains("Dieses Umsetzungsprojekt ist archiviert"), "the page stays");
    let tabelle = reqwest::get(format!("{basis}/roadmap")).await.unwrap().text().await.unwrap();
    assert!(tabelle.contains("Archivierte Umsetzungsprojekte (1)"));
    // Archiving twice changes nothing; an old form is a conflict.
    assert_eq!(common::senden(&basis, "projekt_archivieren", &kora, &form(v1, "true")).await.1, v1.to_string());
    assert_eq!(common::senden(&basis, "projekt_archivieren", &kora, &form(v0, "false")).await.0, 409);

    // The undo: restored with all its data; the history keeps both steps.
    let (status, text) = common::senden(&basis, "projekt_archivieren", &kora, &form(v1, "false")).await;
    assert_eq!(status, 200, "{text}");
    let p = app::store::roadmap::projekte(&db, heute).await.unwrap().into_iter().find(|p| p.id == id).unwrap();
    assert!(!p.archiviert && p.phasen.inbetriebnahme.is_some());
    let schritte: Vec<(Option<String>, Option<String>)> = db
        .alle(&Sql::new(&format!(
            "SELECT alt, neu FROM protokoll WHERE objekt_art = 'projekt' AND objekt_id = '{id}' AND feld = 'archiviert' ORDER BY id"
        )))
        .await
        .unwrap();
    assert_eq!(schritte, vec![(None, Some("archiviert".into())), (Some("archiviert".into()), None)]);
}

async fn eigene_letzte_aenderung_rueckgaengig(db: Db) {
    use app::model::konto::Rolle;
    let basis = starten(db.clone()).await;
    let kora = common::konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let otto = common::konto_anmelden(&db, &basis, "otto@kdn.de", "Otto", Rolle::Koordination).await;
    let id = db.zahl(&Sql::new("SELECT id FROM projekt WHERE name = 'Einbürgerung'")).await.unwrap();
    let speichern = |cookie: &str, version: i64, umsetzung: &str, inbetriebnahme: &str| {
        let form = common::phasen_form(id, version, ["2020-01", "2020-01", umsetzung, "", inbetriebnahme, "2021-08"]);
        let (cookie, basis) = (cookie.to_string(), basis.clone());
        async move { common::senden(&basis, "projekt_speichern", &cookie, &form).await }
    };
    let rueckgaengig = |cookie: &str, version: i64| {
        let form = vec![("id", id.to_string()), ("version", version.to_string())];
        let (cookie, basis) = (cookie.to_string(), basis.clone());
        async move { common::senden(&basis, "projekt_rueckgaengig", &cookie, &form).await }
    };
    let phasen = || {
        let db = db.clone();
        async move {
            let p = app::store::roadmap::projekte(&db, tag("2026-11-23")).await.unwrap();
            let p = p.into_iter().find(|p| p.id == id).unwrap();
            (p.phasen.umsetzung.unwrap().to_string(), p.phasen.inbetriebnahme.unwrap().to_string(), p.version)
        }
    };
    // Nothing to undo yet.
    assert_eq!(rueckgaengig(&kora, 1).await.0, 400);
    assert_eq!(speichern(&kora, 1, "2021-03", "2021-06").await, (200, "2".into()));
    // Undo restores both changed phases as a new, logged version.
    assert_eq!(rueckgaengig(&kora, 2).await, (200, "3".into()));
    assert_eq!(phasen().await, ("2021-02-01".into(), "2021-05-01".into(), 3));
    let rows = db
        .zahl(&Sql::new(
            "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'projekt' AND alt = '2021-03' AND neu = '2021-02'",
        ))
        .await
        .unwrap();
    assert_eq!(rows, 1);
    // Someone else changed the project since: Kora's undo is refused, naming Otto.
    assert_eq!(speichern(&kora, 3, "2021-04", "2021-06").await.0, 200);
    assert_eq!(speichern(&otto, 4, "2021-04", "2021-07").await.0, 200);
    let (status, text) = rueckgaengig(&kora, 5).await;
    assert_eq!(status, 409);
    assert!(text.contains("stammt von Otto"), "{text}");
    assert_eq!(phasen().await.2, 5, "nothing changed");
    // Otto's own undo with a stale version: 409; with the current one it works.
    assert_eq!(rueckgaengig(&otto, 4).await.0, 409);
    assert_eq!(rueckgaengig(&otto, 5).await, (200, "6".into()));
    assert_eq!(phasen().await, ("2021-04-01".into(), "2021-06-01".into(), 6));
}

async fn projekt_anlegen_und_stammdaten(db: Db) {
    use app::model::konto::Rolle;
    let basis = starten(db.clone()).await;
    let kora = common::konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    // Raw bodies as a browser sends the form: checkbox names with encoded brackets.
    let post = |funktion: &'static str, koerper: String| {
        let (kora, basis) = (kora.clone(), basis.clone());
        async move {
            let r = reqwest::Client::new()
                .post(format!("{basis}/api/{funktion}"))
                .header("cookie", kora)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(koerper)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    let feld = |text: &str, name: &str| -> String {
        let f: serde_json::Value = serde_json::from_str(text).unwrap();
        f["Eingabe"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["feld"] == name)
            .map(|e| e["meldung"].to_string())
            .unwrap_or_default()
    };
    let n = || {
        let db = db.clone();
        async move { db.zahl(&Sql::new("SELECT COUNT(*) FROM projekt")).await.unwrap() }
    };
    // Every problem at its field, nothing stored.
    let (status, text) =
        post("projekt_anlegen", "name=&beschreibung=&efa_status=&leistungen=10480%2C+abc".into()).await;
    assert_eq!(status, 422, "{text}");
    assert!(feld(&text, "name").contains("Bitte einen Namen"), "{text}");
    assert!(feld(&text, "leistungen").contains("„abc“"), "{text}");
    let (status, text) =
        post("projekt_anlegen", "name=Einb%C3%BCrgerung&beschreibung=&efa_status=&leistungen=10480+99999".into()).await;
    assert_eq!(status, 422);
    assert!(feld(&text, "name").contains("gibt es schon"), "{text}");
    assert!(feld(&text, "themenfelder").contains("mindestens ein Themenfeld"), "{text}");
    assert!(feld(&text, "leistungen").contains("99999"), "{text}");
    assert_eq!(n().await, 7);
    // A valid project: two Themenfelder, two Leistungen, no dates yet.
    let (status, text) = post(
        "projekt_anlegen",
        "name=Hundesteuer&beschreibung=Anmeldung+online&efa_status=EfA+NRW&themenfelder%5B%5D=13&themenfelder%5B%5D=2&leistungen=10480%2C+10485"
            .into(),
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let id: i64 = text.parse().unwrap();
    let alle = app::store::roadmap::projekte(&db, tag("2026-11-23")).await.unwrap();
    let p = alle.iter().find(|p| p.id == id).unwrap();
    assert_eq!(p.themenfelder.iter().map(|t| t.0).collect::<Vec<_>>(), [2, 13]);
    assert_eq!(p.leistungen.iter().map(|l| l.0).collect::<Vec<_>>(), [10480, 10485]);
    assert_eq!(p.status, Status::Geplant);
    assert_eq!(p.efa_status.as_deref(), Some("EfA NRW"));
    let log = db
        .zahl(&Sql::new(
            "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'projekt' AND alt IS NULL AND benutzer LIKE 'Kora%'",
        ))
        .await
        .unwrap();
    assert_eq!(log, 5, "name, description, EfA, Themenfelder, Leistungen");
    assert_eq!(db.zahl(&Sql::new("SELECT COUNT(*) FROM ereignis")).await.unwrap(), 1);

    // Master data: rename, one Themenfeld less, no Leistung; a stale version is refused.
    let koerper = |v: i64, name: &str| {
        format!("id={id}&version={v}&name={name}&beschreibung=&efa_status=&themenfelder%5B0%5D=13&leistungen=")
    };
    let (status, text) = post("projekt_stammdaten", koerper(1, "Hundesteuer+online")).await;
    assert_eq!((status, text.as_str()), (200, "2"));
    let (status, text) = post("projekt_stammdaten", koerper(1, "Hundesteuer+alt")).await;
    assert_eq!(status, 409, "{text}");
    let alle = app::store::roadmap::projekte(&db, tag("2026-11-23")).await.unwrap();
    let p = alle.iter().find(|p| p.id == id).unwrap();
    assert_eq!((p.name.as_str(), p.version), ("Hundesteuer online", 2));
    assert_eq!(p.themenfelder.len(), 1);
    assert!(p.leistungen.is_empty() && p.beschreibung.is_none());
    let alt_neu = db
        .zahl(&Sql::new(
            "SELECT COUNT(*) FROM protokoll WHERE feld = 'themenfelder' AND alt = 'Bauen & Wohnen; Umwelt' AND neu = 'Umwelt'",
        ))
        .await
        .unwrap();
    assert_eq!(alt_neu, 1);
}

beide_datenbanken!(
    projekt_anlegen_und_stammdaten,
    archivieren_und_wiederherstellen,
    sieben_projekte_der_folie,
    filter_und_sortierung,
    roadmap_seite,
    phasen_per_formular,
    eigene_letzte_aenderung_rueckgaengig
);
