//! "Was betrifft meine Kommune?": the relevant Leistungen follow the stated rule, and the
//! progress figure follows the Kommune's reported use of online services.

use crate::common;

use app::model::filter::KatalogAnfrage;
use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::{kommune_konto_anmelden, senden, starten};

const AHAUS: &str = "05554004";
const BOCHOLT: &str = "05554008";

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

fn heute() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn sicht_von(db: &Db, ags: &str) -> app::model::kommune::KommuneSicht {
    app::store::kommune::sicht(db, ags, heute()).await.unwrap()
}

/// Independent count: relevant Leistungen (`ids`) covered by a Land-wide live service or by
/// one of `eigene` (services the Kommune reports in operation).
async fn abgedeckt(db: &Db, ids: &[i64], eigene: &[i64]) -> i64 {
    let liste = |v: &[i64]| {
        if v.is_empty() { "-1".to_string() } else { v.iter().map(i64::to_string).collect::<Vec<_>>().join(", ") }
    };
    zahl(
        db,
        &format!(
            "SELECT COUNT(DISTINCT k.ozg_id) FROM onlinedienst o JOIN onlinedienst_leika ol ON ol.onlinedienst_id = o.id \
             JOIN leika k ON k.schluessel = ol.schluessel WHERE k.ozg_id IN ({}) \
             AND ((o.reichweite = 'land' AND o.status = 'live') OR o.id IN ({}))",
            liste(ids),
            liste(eigene)
        ),
    )
    .await
}

/// The NRW-Karte's basis counts a Gemeinde exactly as its Kommune view does.
async fn wie_die_karte(db: &Db, ags: &str, s: &app::model::kommune::KommuneSicht) {
    let g = app::store::karte::grundlage(db, heute()).await.unwrap();
    let gem = g.gemeinden.iter().find(|x| x.ags == ags).unwrap();
    let (online, gesamt, _) = s.fortschritt();
    assert_eq!((gem.abgedeckt, gem.relevant), (online, gesamt), "{ags}: map and Kommune view");
}

async fn relevante_leistungen_und_fortschritt(db: Db) {
    let basis = starten(db.clone()).await;
    let sicht = sicht_von(&db, AHAUS).await;
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
    assert_eq!(facette.gesamt, app::model::anzahl(ids.len()));
    assert!(ids.len() > 400 && ids.len() < 557, "{}", ids.len());
    // Nothing reported yet: only the Land-wide services count (the real data's WSP services).
    let land = abgedeckt(&db, &ids, &[]).await;
    assert_eq!((sicht.fortschritt().0, sicht.gemeldet()), (land, 0));
    wie_die_karte(&db, AHAUS, &sicht).await;

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
    let sicht = sicht_von(&db, AHAUS).await;
    let eigene = zahl(
        &db,
        &format!(
            "SELECT COUNT(DISTINCT k.ozg_id) FROM onlinedienst_leika ol JOIN leika k ON k.schluessel = ol.schluessel \
             WHERE ol.onlinedienst_id = {dienst} AND k.ozg_id IN ({})",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
        ),
    )
    .await;
    assert!(eigene > 0);
    assert_eq!(sicht.gemeldet(), eigene);
    assert_eq!(sicht.fortschritt().0, abgedeckt(&db, &ids, &[dienst]).await);
    wie_die_karte(&db, AHAUS, &sicht).await;
    assert_eq!(sicht.dienste.len(), 1);
    // The Lösungsdatenbank's Kommune facet counts it; "ist nicht gleich" leaves the others.
    let suchen = |q: &str| {
        let (db, a) = (db.clone(), KatalogAnfrage::aus_query(q));
        async move { app::store::loesung::suchen(&db, &a).await.unwrap() }
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
    let b = sicht_von(&db, BOCHOLT).await;
    assert_eq!((b.fortschritt().0, b.gemeldet()), (land, 0));
    // A use reported with a start in the future does not count yet (here: written directly,
    // as a delivery could bring it).
    let mut spaeter = Sql::new("UPDATE onlinedienst_kommune SET in_betrieb_seit = ");
    spaeter.bind(Some(heute() + chrono::Days::new(40))).push(" WHERE kommune_ags = ").bind(AHAUS);
    db.transaktion(&[spaeter]).await.unwrap();
    let s = sicht_von(&db, AHAUS).await;
    assert_eq!((s.fortschritt().0, s.gemeldet()), (land, 0));
    wie_die_karte(&db, AHAUS, &s).await;
    let mut zurueck = Sql::new("UPDATE onlinedienst_kommune SET in_betrieb_seit = ");
    zurueck.bind(Some(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap())).push(" WHERE kommune_ags = ").bind(AHAUS);
    db.transaktion(&[zurueck]).await.unwrap();
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

/// The per-Kommune counter behind the unfiltered Kommune facet equals the usage table grouped
/// by Kommune after every kind of write: bulk insert, update (also of the Kommune), single
/// delete and the cascade when a service is deleted. The facet shows the same figures from the
/// counter and from the usage table.
async fn nutzungszaehler_folgt_jeder_aenderung(db: Db) {
    common::mit_daten(&db).await;
    let abweichungen = || async {
        zahl(
            &db,
            "SELECT COUNT(*) FROM (SELECT kommune_ags, COUNT(*) AS n FROM onlinedienst_kommune GROUP BY kommune_ags) g \
             FULL OUTER JOIN (SELECT kommune_ags, anzahl FROM onlinedienst_kommune_anzahl WHERE anzahl > 0) a \
             ON a.kommune_ags = g.kommune_ags WHERE a.anzahl IS NULL OR g.n IS NULL OR a.anzahl <> g.n",
        )
        .await
    };
    let ausfuehren = |sql: String| {
        let db = db.clone();
        async move { db.transaktion(&[Sql::new(&sql)]).await.unwrap() }
    };
    let summe = || zahl(&db, "SELECT CAST(COALESCE(SUM(anzahl), 0) AS BIGINT) FROM onlinedienst_kommune_anzahl");
    let kommune_facette = |q: &'static str| {
        let db = db.clone();
        async move {
            let s = app::store::loesung::suchen(&db, &KatalogAnfrage::aus_query(q)).await.unwrap();
            let f = s.facetten.into_iter().find(|f| f.schluessel == "kommune").unwrap();
            (f.werte.into_iter().map(|w| (w.wert, w.anzahl)).collect::<Vec<_>>(), f.weitere)
        }
    };
    // Three services used by the first 40 Kommunen each: one statement, 120 rows.
    ausfuehren(
        "INSERT INTO onlinedienst_kommune (onlinedienst_id, kommune_ags) \
         SELECT o.id, k.ags FROM (SELECT id FROM onlinedienst ORDER BY id LIMIT 3) o \
         CROSS JOIN (SELECT ags FROM kommune ORDER BY ags LIMIT 40) k"
            .into(),
    )
    .await;
    assert_eq!(summe().await, 120);
    assert_eq!(abweichungen().await, 0);
    // The first service's row of the smallest AGS moves to Ahaus; an update of other columns
    // changes nothing; one row goes; a whole service goes (cascade).
    ausfuehren(format!(
        "UPDATE onlinedienst_kommune SET kommune_ags = '{AHAUS}' WHERE kommune_ags = \
         (SELECT MIN(ags) FROM kommune) AND onlinedienst_id = (SELECT MIN(id) FROM onlinedienst)"
    ))
    .await;
    ausfuehren("UPDATE onlinedienst_kommune SET kommentar = 'geprüft'".into()).await;
    assert_eq!((summe().await, abweichungen().await), (120, 0));
    assert_eq!(
        zahl(&db, &format!("SELECT anzahl FROM onlinedienst_kommune_anzahl WHERE kommune_ags = '{AHAUS}'")).await,
        1
    );
    ausfuehren(format!(
        "DELETE FROM onlinedienst_kommune WHERE onlinedienst_id = (SELECT MAX(onlinedienst_id) FROM onlinedienst_kommune) \
         AND kommune_ags = (SELECT MAX(kommune_ags) FROM onlinedienst_kommune WHERE kommune_ags <> '{AHAUS}')"
    ))
    .await;
    assert_eq!((summe().await, abweichungen().await), (119, 0));
    ausfuehren("DELETE FROM onlinedienst WHERE id = (SELECT MIN(id) FROM onlinedienst)".into()).await;
    assert_eq!((summe().await, abweichungen().await), (79, 0));
    assert_eq!(
        zahl(&db, &format!("SELECT anzahl FROM onlinedienst_kommune_anzahl WHERE kommune_ags = '{AHAUS}'")).await,
        0
    );
    // The facet without conditions reads the counter; "Anbieter ist nicht gleich <none>" matches
    // every service but is a condition, so the usage table is counted: same figures.
    let (zaehler, weitere) = kommune_facette("").await;
    assert_eq!(kommune_facette("anbieter=keiner&nicht_anbieter=1").await, (zaehler.clone(), weitere));
    assert_eq!(zaehler.len(), 12 + 1, "the 12 most frequent and \"nicht erfasst\": {zaehler:?}");
    assert_eq!(zaehler.last().map(|(w, n)| (w.as_str(), *n)), Some(("-", 84 - 1 - 2)), "services without users");
    assert_eq!(weitere, 40 - 12, "40 Kommunen; Ahaus has no rows left");
    assert_eq!(zaehler.iter().filter(|(w, _)| w != "-").map(|(_, n)| n).sum::<i64>(), 12 * 2);
}

beide_datenbanken!(relevante_leistungen_und_fortschritt, themen_zuordnen, nutzungszaehler_folgt_jeder_aenderung);
