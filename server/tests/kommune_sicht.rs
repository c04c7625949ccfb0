//! "Was betrifft meine Kommune?": the relevant Leistungen follow the stated rule, and the
//! progress figure follows the Kommune's reported use of online services.

mod common;

use app::model::filter::KatalogAnfrage;
use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::{kommune_konto_anmelden, senden, starten};

const AHAUS: &str = "05554004";
const BOCHOLT: &str = "05554008";

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

async fn relevante_leistungen_und_fortschritt(db: Db) {
    let basis = starten(db.clone()).await;
    let sicht = app::store::kommune::sicht(&db, AHAUS).await.unwrap();
    let ids: Vec<i64> = sicht.leistungen.iter().map(|l| l.leistung.ozg_id).collect();
    // The slide's Ahaus table: Abbruchgenehmigung (Kommunal) is relevant.
    assert!(ids.contains(&10513));
    // A Leistung whose LeiKa-Leistungen are all of type 1 (Bund) and without recorded
    // Zuständigkeit is not.
    let nur_bund = zahl(
        &db,
        "SELECT MIN(l.ozg_id) FROM leistung l WHERE l.zustaendigkeit IS NULL \
         AND EXISTS (SELECT 1 FROM leika k WHERE k.ozg_id = l.ozg_id) \
         AND NOT EXISTS (SELECT 1 FROM leika k WHERE k.ozg_id = l.ozg_id AND (k.typisierung IS NULL OR k.typisierung <> '1'))",
    )
    .await;
    assert!(!ids.contains(&nur_bund), "{nur_bund} is Bund only");
    // A recorded Zuständigkeit without the municipal level wins over the LeiKa types.
    assert!(
        sicht.leistungen.iter().all(|l| l.leistung.zustaendigkeit.as_deref().is_none_or(|z| z.contains(";kommunal;")))
    );
    // Same rule as the catalog facet "Für Kommunen relevant".
    let facette = app::store::leistung::leistungen(&db, &KatalogAnfrage::aus_query("kr=ja")).await.unwrap();
    assert_eq!(facette.gesamt, ids.len() as i64);
    assert!(ids.len() > 400 && ids.len() < 557, "{}", ids.len());
    assert_eq!(sicht.fortschritt().0, 0, "no service in use yet");

    // Ahaus' staff report a service of the Wirtschafts-Service-Portal as in operation.
    let ahaus = kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let bocholt =
        kommune_konto_anmelden(&db, &basis, "b@bocholt.de", "Ben Bocholt", Rolle::Kommune, Some(BOCHOLT)).await;
    let dienst = zahl(
        &db,
        "SELECT MIN(ol.onlinedienst_id) FROM onlinedienst_leika ol JOIN leika k ON k.schluessel = ol.schluessel \
         WHERE k.ozg_id IS NOT NULL",
    )
    .await;
    let form = |version: i64, geplant: &str, betrieb: &str| {
        vec![
            ("onlinedienst_id", dienst.to_string()),
            ("ags", AHAUS.to_string()),
            ("version", version.to_string()),
            ("geplant_ab", geplant.to_string()),
            ("in_betrieb_seit", betrieb.to_string()),
            ("kommentar", String::new()),
        ]
    };
    let (status, text) = senden(&basis, "nutzung_speichern", &ahaus, &form(0, "2025-13", "")).await;
    assert_eq!(status, 422);
    assert!(text.contains("geplant_ab"), "{text}");
    assert_eq!(senden(&basis, "nutzung_speichern", &bocholt, &form(0, "2026-01", "")).await.0, 403);
    let (status, text) = senden(&basis, "nutzung_speichern", &ahaus, &form(0, "2025-01", "2025-06")).await;
    assert_eq!(status, 200, "{text}");
    let sicht = app::store::kommune::sicht(&db, AHAUS).await.unwrap();
    let erwartet = zahl(
        &db,
        &format!(
            "SELECT COUNT(DISTINCT k.ozg_id) FROM onlinedienst_leika ol JOIN leika k ON k.schluessel = ol.schluessel \
             WHERE ol.onlinedienst_id = {dienst} AND k.ozg_id IN ({})",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
        ),
    )
    .await;
    assert!(erwartet > 0);
    assert_eq!(sicht.fortschritt().0, erwartet);
    assert_eq!(sicht.dienste.len(), 1);
    // The Lösungsdatenbank's Kommune facet counts it; "ist nicht gleich" leaves the others.
    let suchen = |q: &str| {
        let (db, a) = (db.clone(), KatalogAnfrage::aus_query(q));
        async move { app::store::onlinedienst::suchen(&db, &a).await.unwrap() }
    };
    let kommune = |s: &app::model::filter::Trefferseite<_>| {
        s.facetten.iter().find(|f| f.schluessel == "kommune").unwrap().werte.clone()
    };
    let alle = suchen("").await;
    let k = kommune(&alle);
    assert_eq!((k[0].wert.as_str(), k[0].label.as_str(), k[0].anzahl), (AHAUS, "Ahaus, Stadt", 1));
    assert_eq!(k.iter().find(|w| w.wert == "-").unwrap().anzahl, 83);
    assert_eq!(suchen(&format!("kommune={AHAUS}")).await.gesamt, 1);
    assert_eq!(suchen(&format!("kommune={AHAUS}&nicht_kommune=1")).await.gesamt, 83);
    // With another filter the counts follow it.
    let gefiltert = suchen("status=geplant").await;
    assert_eq!(kommune(&gefiltert).iter().find(|w| w.wert == AHAUS).map_or(0, |w| w.anzahl), 0);
    // Bocholt's progress is untouched.
    assert_eq!(app::store::kommune::sicht(&db, BOCHOLT).await.unwrap().fortschritt().0, 0);
    // A second form on the old version is refused; removal on the current one works.
    assert_eq!(senden(&basis, "nutzung_speichern", &ahaus, &form(0, "2025-02", "")).await.0, 409);
    let mut weg = form(1, "", "");
    weg.push(("entfernen", "1".into()));
    assert_eq!(senden(&basis, "nutzung_speichern", &ahaus, &weg).await.0, 200);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM onlinedienst_kommune").await, 0);
    // Two months recorded, then both removed (the empty comment is no change).
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'nutzung'").await, 2 + 2);
}

/// "Themen zuordnen": only the Kommune's own contact persons, a stale form is refused, the
/// public sees the coverage but no names.
async fn themen_zuordnen(db: Db) {
    let basis = starten(db.clone()).await;
    let ahaus = kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let bocholt =
        kommune_konto_anmelden(&db, &basis, "b@bocholt.de", "Ben Bocholt", Rolle::Kommune, Some(BOCHOLT)).await;
    let person = |ags: &str, name: &str| {
        vec![
            ("ags", ags.to_string()),
            ("name", name.to_string()),
            ("funktion", String::new()),
            ("telefon", String::new()),
            ("email", String::new()),
        ]
    };
    let (s1, id_a) = senden(&basis, "ansprechperson_anlegen", &ahaus, &person(AHAUS, "Paula Pflicht")).await;
    let (s2, id_b) = senden(&basis, "ansprechperson_anlegen", &ahaus, &person(AHAUS, "Karl Kür")).await;
    let (s3, fremd) = senden(&basis, "ansprechperson_anlegen", &bocholt, &person(BOCHOLT, "Bernd Bocholt")).await;
    assert_eq!((s1, s2, s3), (200, 200, 200), "{id_a} {id_b} {fremd}");
    let form = |version: i64, paare: &[(i64, &str)]| {
        let mut f = vec![("ags", AHAUS.to_string()), ("version", version.to_string())];
        for (tf, p) in paare {
            f.push(("themenfelder[]", tf.to_string()));
            f.push(("personen[]", p.to_string()));
        }
        f
    };
    // Another Kommune's person is refused at its row; nothing stored.
    let (status, text) = senden(&basis, "themen_zuordnen", &ahaus, &form(0, &[(2, &id_a), (5, &fremd)])).await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("tf-5"), "{text}");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM themen_zuordnung").await, 0);
    assert_eq!(senden(&basis, "themen_zuordnen", &bocholt, &form(0, &[(2, &fremd)])).await.0, 403);
    let (status, text) = senden(&basis, "themen_zuordnen", &ahaus, &form(0, &[(2, &id_a), (5, &id_b), (7, "")])).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM themen_zuordnung").await, 2);
    // A second form based on version 0 comes too late.
    assert_eq!(senden(&basis, "themen_zuordnen", &ahaus, &form(0, &[(2, &id_b)])).await.0, 409);
    let (_, mit) = senden(&basis, "themen", &ahaus, &[("ags", AHAUS.to_string())]).await;
    assert!(mit.contains("Paula Pflicht") && mit.contains("Karl Kür"));
    let r = reqwest::Client::new().post(format!("{basis}/api/themen")).form(&[("ags", AHAUS)]).send().await.unwrap();
    let oeffentlich = r.text().await.unwrap();
    assert!(!oeffentlich.contains("Paula") && !oeffentlich.contains("Karl"), "no names for the public");
    assert_eq!(oeffentlich.matches("\"ansprechperson_id\":null").count(), 13);
    // Removing a person removes the assignment; the log has the change.
    let (s, _) =
        senden(&basis, "ansprechperson_loeschen", &ahaus, &[("id", id_b.clone()), ("version", "1".into())]).await;
    assert_eq!(s, 200);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM themen_zuordnung").await, 1);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'themen'").await, 2);
}

beide_datenbanken!(relevante_leistungen_und_fortschritt, themen_zuordnen);
