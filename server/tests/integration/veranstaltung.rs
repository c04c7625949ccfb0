//! Veranstaltungen over real HTTP on SQLite and PostgreSQL: the seed events as the slides give
//! them, announcing and editing, seats and the waiting list (also under a race for the last
//! seat), the cancel deadline, registering colleagues, what anonymous readers do not see, the
//! participant export, and the calendar feeds parsed by an independent implementation.

use crate::common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::{kommune_konto_anmelden, konto_anmelden, mit_daten, senden, starten};
use serde_json::Value;

const AHAUS: &str = "05554004";
const BOCHOLT: &str = "05554008";

async fn sql_zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

/// The form of `veranstaltung_anlegen` / `_speichern` for a workshop far in the future.
fn formular(titel: &str, plaetze: &str, extra: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&'static str, String)> = vec![
        ("art", "workshop".into()),
        ("titel", titel.into()),
        ("termin", "03.12.2039 10:00–16:00".into()),
        ("themenfeld", "7".into()),
        ("ort", "FHDW Mettmann".into()),
        ("kommune_ags", "05158024".into()),
        ("anmeldung", "offen".into()),
        ("plaetze", plaetze.into()),
        ("online_url", "https://konferenz.example.org/raum-42".into()),
        ("agenda", "Begrüßung\nStand der Umsetzung".into()),
    ];
    for (k, v) in extra {
        f.retain(|(x, _)| x != k);
        f.push((k, v.to_string()));
    }
    f
}

async fn anlegen(basis: &str, kora: &str, titel: &str, plaetze: &str) -> i64 {
    let (s, t) = senden(basis, "veranstaltung_anlegen", kora, &formular(titel, plaetze, &[])).await;
    assert_eq!(s, 200, "{t}");
    t.trim().parse().unwrap()
}

async fn laden(basis: &str, cookie: &str, id: i64) -> Value {
    let (s, t) = senden(basis, "veranstaltung", cookie, &[("id", id.to_string())]).await;
    assert_eq!(s, 200, "{t}");
    serde_json::from_str(&t).unwrap()
}

async fn anmelden(basis: &str, cookie: &str, id: i64) -> (u16, String) {
    senden(basis, "teilnahme_anmelden", cookie, &[("id", id.to_string())]).await
}

async fn seed_wie_auf_den_folien(db: Db) {
    mit_daten(&db).await;
    let alle = app::store::veranstaltung::alle(&db).await.unwrap();
    assert_eq!(alle.len(), 10);
    let finde = |t: &str| alle.iter().find(|v| v.titel == t).unwrap_or_else(|| panic!("{t}"));
    let bildung = finde("Themenfeld-Workshop Bildung");
    assert_eq!(bildung.termin.anzeigen(), "Q4 2019", "the slide names a quarter, not a day");
    assert_eq!(bildung.termin_hinweis.as_deref(), Some("voraussichtlich 12.12."));
    let bonn = finde("OZG-Informationsveranstaltung Bonn");
    assert_eq!(bonn.termin.anzeigen(), "Fr., 18.10.2019");
    assert_eq!(bonn.kommune.as_ref().map(|k| k.2.as_str()), Some("05314"));
    assert_eq!(bonn.anmeldung_extern.as_deref(), Some("http://www.kdn.de"));
    assert!(bonn.quelle.contains("erschlossen"), "the inferred year is marked: {}", bonn.quelle);
    let mettmann = alle.iter().find(|v| v.ort.as_deref() == Some("FHDW Mettmann")).unwrap();
    assert_eq!(mettmann.agenda.len(), 4);
    assert_eq!(mettmann.themenfeld.as_ref().map(|t| t.1.as_str()), Some("Mobilität & Reisen"));
    // A re-import neither duplicates nor overwrites a coordinator's edit.
    db.transaktion(&[Sql::new(
        "UPDATE veranstaltung SET titel = 'Umbenannt', version = version + 1 WHERE import_schluessel = 'kdn-info-bonn'",
    )])
    .await
    .unwrap();
    server::import::importieren(&db, true).await.unwrap();
    assert_eq!(sql_zahl(&db, "SELECT COUNT(*) FROM veranstaltung").await, 10);
    assert_eq!(sql_zahl(&db, "SELECT COUNT(*) FROM veranstaltung WHERE titel = 'Umbenannt'").await, 1);
}

async fn plaetze_warteliste_und_nachruecken(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let carla = kommune_konto_anmelden(&db, &basis, "carla@ahaus.de", "Carla", Rolle::Kommune, Some(AHAUS)).await;
    let id = anlegen(&basis, &kora, "Workshop mit zwei Plätzen", "2").await;

    assert_eq!(anmelden(&basis, &anna, id).await.1.trim(), "\"Platz\"");
    assert_eq!(anmelden(&basis, &bernd, id).await.1.trim(), "\"Platz\"");
    let (s, t) = anmelden(&basis, &carla, id).await;
    assert_eq!((s, t.trim()), (200, "{\"Warteliste\":1}"));
    let (s, t) = anmelden(&basis, &carla, id).await;
    assert_eq!(s, 409, "twice: {t}");
    assert!(t.contains("bereits auf der Warteliste"), "{t}");

    // The online link: to people with a seat and the coordination only.
    let anonym = laden(&basis, "", id).await;
    let text = anonym.to_string();
    assert!(!text.contains("konferenz.example.org") && !text.contains("@"), "anonymous: {text}");
    assert_eq!(anonym["veranstaltung"]["belegt"], 2);
    assert_eq!(anonym["veranstaltung"]["warteliste"], 1);
    assert_eq!(anonym["kommunen_vertreten"], serde_json::json!(["Ahaus, Stadt", "Bocholt, Stadt"]));
    let (s, html) = common::holen(&format!("{basis}{}", app::pfad::veranstaltung(id))).await;
    assert_eq!(s, 200);
    assert!(
        !html.contains("konferenz.example.org") && !html.contains("anna@ahaus.de"),
        "the page, hydration data included"
    );
    assert_eq!(laden(&basis, &anna, id).await["ich"]["online_url"], "https://konferenz.example.org/raum-42");
    assert_eq!(laden(&basis, &carla, id).await["ich"]["online_url"], Value::Null, "waiting list");
    let teilnehmer_fuer_anna = laden(&basis, &anna, id).await["teilnehmende"].to_string();
    assert!(!teilnehmer_fuer_anna.contains("@"), "e-mail only for the coordination: {teilnehmer_fuer_anna}");

    // Anna cancels: Carla moves up in the same transaction, and the log says so.
    let (s, t) = senden(&basis, "teilnahme_abmelden", &anna, &[("id", id.to_string())]).await;
    assert_eq!(s, 200, "{t}");
    let carla_sicht = laden(&basis, &carla, id).await;
    assert_eq!(carla_sicht["ich"]["status"], "Platz");
    assert_eq!(carla_sicht["ich"]["online_url"], "https://konferenz.example.org/raum-42");
    assert_eq!(
        sql_zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'teilnahme' AND neu = 'platz (nachgerückt)'")
            .await,
        1
    );
    assert!(sql_zahl(&db, "SELECT COUNT(*) FROM ereignis WHERE art = 'veranstaltung'").await >= 5, "live events");

    // More seats move the next ones up; the participant list for the coordination only.
    let dora = kommune_konto_anmelden(&db, &basis, "dora@ahaus.de", "Dora", Rolle::Kommune, Some(AHAUS)).await;
    assert_eq!(anmelden(&basis, &anna, id).await.1.trim(), "{\"Warteliste\":1}");
    assert_eq!(anmelden(&basis, &dora, id).await.1.trim(), "{\"Warteliste\":2}");
    let version = laden(&basis, &kora, id).await["veranstaltung"]["version"].as_i64().unwrap();
    let mut f = formular("Workshop mit zwei Plätzen", "3", &[]);
    f.extend([("id", id.to_string()), ("version", version.to_string())]);
    let (s, t) = senden(&basis, "veranstaltung_speichern", &kora, &f).await;
    assert_eq!(s, 200, "{t}");
    let liste = laden(&basis, &kora, id).await["teilnehmende"].clone();
    let status: Vec<(String, Value)> = liste
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap().to_string(), t["status"].clone()))
        .collect();
    assert_eq!(
        status,
        vec![
            ("Bernd".into(), "Platz".into()),
            ("Carla".into(), "Platz".into()),
            ("Anna".into(), "Platz".into()),
            ("Dora".into(), serde_json::json!({"Warteliste": 1})),
        ]
    );
    // A stale form is refused and names who saved.
    let (s, t) = senden(&basis, "veranstaltung_speichern", &kora, &f).await;
    assert_eq!(s, 409, "{t}");
    assert!(t.contains("Kora"), "{t}");

    let csv = get(&basis, &app::pfad::teilnehmende_export(id, "csv"), &kora).await;
    assert_eq!(csv.0, 200);
    assert!(csv.1.contains("Anna;anna@ahaus.de;Ahaus, Stadt;angemeldet"), "{}", csv.1);
    assert!(csv.1.contains("Dora;dora@ahaus.de;Ahaus, Stadt;auf der Warteliste (Platz 1)"), "{}", csv.1);
    let xlsx = reqwest::Client::new()
        .get(format!("{basis}{}", app::pfad::teilnehmende_export(id, "xlsx")))
        .header("cookie", &kora)
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    assert_eq!(xlsx.headers()["cache-control"], "private, no-store");
    let bytes = xlsx.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip (xlsx)");
    assert_eq!(get(&basis, &app::pfad::teilnehmende_export(id, "csv"), &anna).await.0, 403);
    assert_eq!(get(&basis, &app::pfad::teilnehmende_export(id, "csv"), "").await.0, 401);
}

async fn get(basis: &str, pfad: &str, cookie: &str) -> (u16, String) {
    let r = reqwest::Client::new().get(format!("{basis}{pfad}")).header("cookie", cookie).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn der_letzte_platz_geht_an_genau_eine_person(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let id = anlegen(&basis, &kora, "Ein Platz", "1").await;
    let mut cookies = vec![];
    for i in 0..16 {
        let email = format!("person{i}@ahaus.de");
        cookies.push(
            kommune_konto_anmelden(&db, &basis, &email, &format!("Person {i}"), Rolle::Kommune, Some(AHAUS)).await,
        );
    }
    let antworten = futures::future::join_all(cookies.iter().map(|c| anmelden(&basis, c, id))).await;
    let mut plaetze = 0;
    let mut wartend = vec![];
    for (s, t) in &antworten {
        assert_eq!(*s, 200, "{t}");
        let v: Value = serde_json::from_str(t).unwrap();
        if v == "Platz" {
            plaetze += 1;
        } else {
            wartend.push(v["Warteliste"].as_i64().unwrap());
        }
    }
    assert_eq!(plaetze, 1, "{antworten:?}");
    wartend.sort_unstable();
    assert_eq!(wartend, (1..=15).collect::<Vec<_>>(), "every waiting place once");
    assert_eq!(sql_zahl(&db, "SELECT COUNT(*) FROM teilnahme WHERE status = 'platz'").await, 1);
}

async fn frist_kollegen_und_geschlossene_anmeldung(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    kommune_konto_anmelden(&db, &basis, "carla@ahaus.de", "Carla", Rolle::Kommune, Some(AHAUS)).await;
    kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let id_von = |email: &'static str| {
        let db = db.clone();
        async move {
            let mut s = Sql::new("SELECT id FROM benutzer WHERE email = ");
            s.bind(email);
            db.zahl(&s).await.unwrap()
        }
    };
    let (s, t) =
        senden(&basis, "veranstaltung_anlegen", &kora, &formular("Zu spät", "", &[("abmeldeschluss", "04.12.2039")]))
            .await;
    assert!(s == 422 && t.contains("Abmeldeschluss liegt nach"), "{s} {t}");
    let id = anlegen(&basis, &kora, "Mit Frist", "").await;
    // A colleague of the same Kommune: yes; of another Kommune: no.
    let carla = id_von("carla@ahaus.de").await;
    let (s, t) =
        senden(&basis, "teilnahme_anmelden", &anna, &[("id", id.to_string()), ("fuer", carla.to_string())]).await;
    assert_eq!((s, t.trim()), (200, "\"Platz\""));
    let bernd = id_von("bernd@bocholt.de").await;
    let (s, t) =
        senden(&basis, "teilnahme_anmelden", &anna, &[("id", id.to_string()), ("fuer", bernd.to_string())]).await;
    assert_eq!(s, 403, "{t}");
    assert_eq!(sql_zahl(&db, "SELECT COUNT(*) FROM teilnahme").await, 1);
    // The deadline passed (set in the data, as time passes): staff cannot cancel, the coordination can.
    db.transaktion(&[Sql::new("UPDATE veranstaltung SET abmeldeschluss = '2020-01-01'")]).await.unwrap();
    let (s, t) =
        senden(&basis, "teilnahme_abmelden", &anna, &[("id", id.to_string()), ("fuer", carla.to_string())]).await;
    assert_eq!(s, 409, "{t}");
    assert!(t.contains("Frist zur Abmeldung ist abgelaufen"), "{t}");
    let (s, t) =
        senden(&basis, "teilnahme_abmelden", &kora, &[("id", id.to_string()), ("fuer", carla.to_string())]).await;
    assert_eq!(s, 200, "{t}");
    // Closed registration and cancelled or past events take no one.
    db.transaktion(&[Sql::new("UPDATE veranstaltung SET anmeldung = 'geschlossen'")]).await.unwrap();
    let (s, t) = anmelden(&basis, &anna, id).await;
    assert!(s == 409 && t.contains("nicht geöffnet"), "{s} {t}");
    let seed = sql_zahl(&db, "SELECT id FROM veranstaltung WHERE import_schluessel = 'kdn-info-bonn'").await;
    db.transaktion(&[Sql::new(
        "UPDATE veranstaltung SET anmeldung = 'offen' WHERE import_schluessel = 'kdn-info-bonn'",
    )])
    .await
    .unwrap();
    let (s, t) = anmelden(&basis, &anna, seed).await;
    assert!(s == 409 && t.contains("bereits stattgefunden"), "{s} {t}");
    let (s, _) = anmelden(&basis, &anna, 999_999).await;
    assert_eq!(s, 404);
}

/// Runs the independent parser over a feed; returns its reading.
fn ics_lesen(ics: &str) -> Value {
    common::unabhaengig_pruefen("ics_pruefen.py", ics)
}

async fn kalender_feeds_nach_rfc_5545(db: Db) {
    let basis = starten(db.clone()).await;
    let (s, alle) = common::holen(&format!("{basis}{}", app::pfad::KALENDER_ALLE)).await;
    assert_eq!(s, 200);
    let k = ics_lesen(&alle);
    assert_eq!(k["zonen"], serde_json::json!(["Europe/Berlin"]));
    let ev = k["ereignisse"].as_array().unwrap();
    assert_eq!(ev.len(), 10);
    let finde = |t: &str| ev.iter().find(|e| e["summary"] == t).unwrap().clone();
    let bildung = finde("Themenfeld-Workshop Bildung");
    assert_eq!(bildung["dtstart"], serde_json::json!({"art": "tag", "wert": "2019-10-01"}));
    assert_eq!(bildung["dtend"], serde_json::json!({"art": "tag", "wert": "2020-01-01"}), "the quarter, end exclusive");
    assert_eq!((bildung["status"].as_str(), bildung["transp"].as_str()), (Some("TENTATIVE"), Some("TRANSPARENT")));
    assert!(bildung["description"].as_str().unwrap().contains("voraussichtlich 12.12."));
    let bonn = finde("OZG-Informationsveranstaltung Bonn");
    assert_eq!(bonn["dtstart"], serde_json::json!({"art": "tag", "wert": "2019-10-18"}));
    assert_eq!(bonn["status"], "CONFIRMED");

    // A new event with times: Berlin wall clock, correct in UTC (winter: +01:00).
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let id = anlegen(&basis, &kora, "Workshop, mit; Sonderzeichen", "5").await;
    let (_, eins) = common::holen(&format!("{basis}{}", app::pfad::kalender_veranstaltung(id))).await;
    let e = &ics_lesen(&eins)["ereignisse"][0];
    assert_eq!(e["summary"], "Workshop, mit; Sonderzeichen");
    assert_eq!(e["dtstart"]["utc"], "2039-12-03T09:00:00+00:00");
    assert_eq!(e["dtend"]["utc"], "2039-12-03T15:00:00+00:00");
    assert_eq!(e["sequence"], 0);
    assert!(!eins.contains("konferenz.example.org"), "the public feed has no online link");
    let uid = e["uid"].clone();

    // Changed, then cancelled: same UID, SEQUENCE rises, STATUS:CANCELLED.
    for (n, extra) in [(1, vec![("termin", "03.12.2039 11:00–16:00")]), (2, vec![("abgesagt", "on")])] {
        let version = laden(&basis, &kora, id).await["veranstaltung"]["version"].as_i64().unwrap();
        let mut f = formular("Workshop, mit; Sonderzeichen", "5", &[("termin", "03.12.2039 11:00–16:00")]);
        for (k, v) in extra {
            f.retain(|(x, _)| *x != k);
            f.push((k, v.to_string()));
        }
        f.extend([("id", id.to_string()), ("version", version.to_string())]);
        let (s, t) = senden(&basis, "veranstaltung_speichern", &kora, &f).await;
        assert_eq!(s, 200, "{t}");
        let (_, eins) = common::holen(&format!("{basis}{}", app::pfad::kalender_veranstaltung(id))).await;
        let e = &ics_lesen(&eins)["ereignisse"][0];
        assert_eq!((e["uid"].clone(), e["sequence"].as_i64()), (uid.clone(), Some(n)));
        assert_eq!(e["status"], if n == 2 { "CANCELLED" } else { "CONFIRMED" });
    }

    // The Themenfeld feed holds its events only.
    let (_, tf) = common::holen(&format!("{basis}{}", app::pfad::kalender_themenfeld("bildung"))).await;
    let tf = ics_lesen(&tf);
    assert_eq!(tf["ereignisse"].as_array().unwrap().len(), 1);
    assert_eq!(common::holen(&format!("{basis}/kalender/themenfeld-gibt-es-nicht.ics")).await.0, 404);

    // The personal feed: behind a token, with the online link; renewing revokes the old one.
    let id2 = anlegen(&basis, &kora, "Noch ein Workshop", "5").await;
    assert_eq!(anmelden(&basis, &anna, id2).await.0, 200);
    let (s, pfad) = senden(&basis, "kalender_abo_erneuern", &anna, &[]).await;
    assert_eq!(s, 200, "{pfad}");
    let pfad: String = serde_json::from_str(&pfad).unwrap();
    let r = reqwest::get(format!("{basis}{pfad}")).await.unwrap();
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let meins = ics_lesen(&r.text().await.unwrap());
    let ev = meins["ereignisse"].as_array().unwrap();
    assert_eq!(ev.len(), 1);
    assert!(ev[0]["description"].as_str().unwrap().contains("https://konferenz.example.org/raum-42"));
    assert_eq!(db.zahl(&Sql::new("SELECT COUNT(*) FROM kalender_zugang")).await.unwrap(), 1);
    assert_eq!(
        sql_zahl(&db, &format!("SELECT COUNT(*) FROM kalender_zugang WHERE token_hash LIKE '%{}%'", &pfad[22..40]))
            .await,
        0,
        "only the hash is stored"
    );
    let (_, neu) = senden(&basis, "kalender_abo_erneuern", &anna, &[]).await;
    let neu: String = serde_json::from_str(&neu).unwrap();
    assert_eq!(common::holen(&format!("{basis}{pfad}")).await.0, 404, "the old address is revoked");
    assert_eq!(common::holen(&format!("{basis}{neu}")).await.0, 200);
    assert_eq!(senden(&basis, "kalender_abo_beenden", &anna, &[]).await.0, 200);
    assert_eq!(common::holen(&format!("{basis}{neu}")).await.0, 404);
    for falsch in [
        "/kalender/persoenlich-x'--.ics",
        "/kalender/veranstaltung-abc.ics",
        "/kalender/nichts.ics",
        "/kalender/veranstaltungen",
    ] {
        assert_eq!(common::holen(&format!("{basis}{falsch}")).await.0, 404, "{falsch}");
    }
}

async fn formular_fehler_an_ihren_feldern(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let (s, t) = senden(
        &basis,
        "veranstaltung_anlegen",
        &kora,
        &formular("", "null", &[("termin", "Q5 2020"), ("kommune_ags", "05999999"), ("themenfeld", "999")]),
    )
    .await;
    assert_eq!(s, 422, "{t}");
    for feld in ["titel", "termin", "plaetze"] {
        assert!(t.contains(&format!("\"feld\":\"{feld}\"")), "{feld}: {t}");
    }
    // Links are checked once the fields are fine.
    let (s, t) = senden(
        &basis,
        "veranstaltung_anlegen",
        &kora,
        &formular("Gut", "", &[("kommune_ags", "05999999"), ("themenfeld", "999")]),
    )
    .await;
    assert_eq!(s, 422, "{t}");
    assert!(t.contains("\"feld\":\"kommune_ags\"") && t.contains("\"feld\":\"themenfeld\""), "{t}");
    // Huge input is refused with a short message, nothing stored.
    let riesig = "x".repeat(300_000);
    let (s, t) = senden(&basis, "veranstaltung_anlegen", &kora, &formular(&riesig, "", &[("termin", &riesig)])).await;
    assert_eq!(s, 422);
    assert!(t.len() < 2_000, "{} bytes", t.len());
    assert_eq!(sql_zahl(&db, "SELECT COUNT(*) FROM veranstaltung").await, 10);
}

/// A workshop's results: the coordination links the field's projects, the public sees them
/// with the jump into the presenter view; a double link is harmless, a foreign value refused,
/// every change audited and announced live.
async fn ergebnisse_eines_workshops(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let tf = sql_zahl(&db, "SELECT MIN(themenfeld_id) FROM projekt_themenfeld").await;
    let tf_text = tf.to_string();
    let (s, t) = senden(
        &basis,
        "veranstaltung_anlegen",
        &kora,
        &formular("Workshop Ergebnisse", "", &[("themenfeld", &tf_text)]),
    )
    .await;
    assert_eq!(s, 200, "{t}");
    let id: i64 = t.trim().parse().unwrap();
    let mut p = Sql::new("SELECT MIN(projekt_id) FROM projekt_themenfeld WHERE themenfeld_id = ");
    p.bind(tf);
    let projekt = db.zahl(&p).await.unwrap();
    let fremd = sql_zahl(&db, &format!("SELECT MIN(projekt_id) FROM projekt_themenfeld WHERE projekt_id NOT IN (SELECT projekt_id FROM projekt_themenfeld WHERE themenfeld_id = {tf})")).await;

    let v = laden(&basis, &kora, id).await;
    let werte: Vec<&str> =
        v["ergebnis_auswahl"].as_array().unwrap().iter().map(|e| e["art"].as_str().unwrap()).collect();
    assert!(!werte.is_empty(), "the field's projects are offered");
    let ids: Vec<i64> = v["ergebnis_auswahl"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&projekt) && !ids.contains(&fremd), "{ids:?}");
    let wert = format!("projekt:{projekt}");
    let form = |w: &str| vec![("veranstaltung", id.to_string()), ("wert", w.to_string())];
    for _ in 0..2 {
        let (s, t) = senden(&basis, "ergebnis_verknuepfen", &kora, &form(&wert)).await;
        assert_eq!(s, 200, "{t}");
    }
    let mut n = Sql::new("SELECT COUNT(*) FROM veranstaltung_ergebnis WHERE veranstaltung_id = ");
    n.bind(id);
    assert_eq!(db.zahl(&n).await.unwrap(), 1, "a double click links once");
    let oeffentlich = laden(&basis, "", id).await;
    assert_eq!(oeffentlich["ergebnisse"][0]["id"], projekt);
    assert_eq!(oeffentlich["ergebnis_auswahl"], serde_json::json!([]), "candidates only for the coordination");
    let (_, html) = get(&basis, &app::pfad::veranstaltung(id), "").await;
    assert!(html.contains(&app::pfad::projekt(projekt)), "the page links the project");
    assert!(html.contains(&format!("/roadmap/praesentation?tf={tf}")), "and the presenter view");
    assert!(!html.contains("Ergebnis verknüpfen"));

    for (falsch, status) in [("kommune:1", 422), ("projekt:abc", 422), ("projekt:999999", 404)] {
        let (s, t) = senden(&basis, "ergebnis_verknuepfen", &kora, &form(falsch)).await;
        assert_eq!(s, status, "{falsch}: {t}");
    }
    let (s, _) =
        senden(&basis, "ergebnis_verknuepfen", &kora, &[("veranstaltung", "999999".into()), ("wert", wert.clone())])
            .await;
    assert_eq!(s, 404);
    let (s, t) = senden(&basis, "ergebnis_loesen", &kora, &form(&wert)).await;
    assert_eq!(s, 200, "{t}");
    assert_eq!(db.zahl(&n).await.unwrap(), 0);
    let mut a = Sql::new(
        "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'veranstaltung' AND feld = 'ergebnis' AND objekt_id = ",
    );
    a.bind(id.to_string());
    assert_eq!(db.zahl(&a).await.unwrap(), 2, "linked once, unlinked once");
    let mut e = Sql::new("SELECT COUNT(*) FROM ereignis WHERE art = 'veranstaltung' AND objekt_id = ");
    e.bind(id.to_string());
    assert_eq!(db.zahl(&e).await.unwrap(), 3, "created, linked, unlinked");
}

beide_datenbanken!(
    seed_wie_auf_den_folien,
    plaetze_warteliste_und_nachruecken,
    der_letzte_platz_geht_an_genau_eine_person,
    frist_kollegen_und_geschlossene_anmeldung,
    kalender_feeds_nach_rfc_5545,
    formular_fehler_an_ihren_feldern,
    ergebnisse_eines_workshops,
);

/// Migration 0012 on a database of the previous version: a Themenfeld workshop a coordinator
/// had entered becomes a Veranstaltung of the field; the columns are gone; untouched seed values
/// are left to the import (which brings them with their precision).
async fn workshop_angaben_werden_veranstaltungen(db: Db) {
    let tf = "INSERT INTO themenfeld (id, name, slug, koordination, workshop_datum, workshop_ort, workshop_hinweis, quelle, version) VALUES ";
    db.transaktion(&[
        Sql::new(&format!("{tf}(3, 'Bildung', 'bildung', 'W', '2019-12-12', NULL, 'Seed', 'Folie', 1)")),
        Sql::new(&format!("{tf}(9, 'Mobilität & Reisen', 'mobilitaet-reisen', 'W', '2020-02-04', 'Kreishaus Mettmann', 'verschoben', 'Folie', 3)")),
    ])
    .await
    .unwrap();
    db.migrieren().await.unwrap();
    let alle = app::store::veranstaltung::alle(&db).await.unwrap();
    assert_eq!(alle.len(), 1, "only the edited one");
    let v = &alle[0];
    assert_eq!(
        (v.titel.as_str(), v.termin.anzeigen()),
        ("Themenfeld-Workshop Mobilität & Reisen", "Di., 04.02.2020".into())
    );
    assert_eq!((v.ort.as_deref(), v.termin_hinweis.as_deref()), (Some("Kreishaus Mettmann"), Some("verschoben")));
    assert!(v.geaendert_ms > 1_700_000_000_000, "a real time for the calendar's DTSTAMP");
    assert!(db.zahl(&Sql::new("SELECT COUNT(*) FROM themenfeld")).await.unwrap() == 2);
    mit_daten(&db).await;
    assert_eq!(app::store::veranstaltung::alle(&db).await.unwrap().len(), 11, "the import adds the slides' ten");
}

mod workshop_angaben_werden_veranstaltungen {
    use app::store::Db;

    fn bis_0011(m: sqlx::migrate::Migrator) -> sqlx::migrate::Migrator {
        let alt: Vec<sqlx::migrate::Migration> = m.migrations.iter().filter(|x| x.version <= 11).cloned().collect();
        sqlx::migrate::Migrator { migrations: alt.into(), ..m }
    }

    #[sqlx::test(migrations = false)]
    async fn sqlite(pool: sqlx::SqlitePool) {
        bis_0011(sqlx::migrate!("../migrations/sqlite")).run(&pool).await.unwrap();
        super::workshop_angaben_werden_veranstaltungen(Db::Sqlite(pool)).await
    }

    #[sqlx::test(migrations = false)]
    async fn postgres(pool: sqlx::PgPool) {
        bis_0011(sqlx::migrate!("../migrations/postgres")).run(&pool).await.unwrap();
        super::workshop_angaben_werden_veranstaltungen(Db::Postgres(pool)).await
    }
}
