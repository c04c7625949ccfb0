//! Zuständigkeit je Größenklasse: the coordination's bulk edit per Themenfeld (one form, one
//! transaction, conflicts per row, audited) and how the Kommune view, the NRW-Karte and the
//! Kennzahlen follow it. The values written here are test values, not real Zuständigkeiten.

use crate::common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::{holen, kommune_konto_anmelden, konto_anmelden, senden, starten};

const AHAUS: &str = "05554004";
/// Münster, a kreisfreie Stadt.
const MUENSTER: &str = "05515000";
/// Abbruchgenehmigung (Bauen & Wohnen), relevant for Kommunen by the general rule.
const ABBRUCH: i64 = 10513;

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

fn heute() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn slug_von(db: &Db, ozg_id: i64) -> String {
    let mut s = Sql::new("SELECT t.slug FROM leistung l JOIN themenfeld t ON t.id = l.themenfeld_id WHERE l.ozg_id = ");
    s.bind(ozg_id);
    db.text(&s).await.unwrap().unwrap()
}

/// The whole form of a Themenfeld as stored, with `aenderungen` (OZG-ID, boxes, source) applied.
async fn formular(db: &Db, slug: &str, aenderungen: &[(i64, &[&str], &str)]) -> Vec<(&'static str, String)> {
    let seite = app::store::zustaendigkeit::laden(db, slug).await.unwrap().unwrap();
    let mut f = vec![("themenfeld", slug.to_string())];
    for z in &seite.zeilen {
        f.push(("ozg[]", z.ozg_id.to_string()));
        f.push(("versionen[]", z.version.to_string()));
        let (klassen, quelle): (Vec<String>, String) = match aenderungen.iter().find(|a| a.0 == z.ozg_id) {
            Some((_, k, q)) => (k.iter().map(|c| c.to_string()).collect(), q.to_string()),
            None => (
                z.klassen().unwrap_or_default().iter().map(|g| g.code().to_string()).collect(),
                z.quelle.clone().unwrap_or_default(),
            ),
        };
        f.push(("quellen[]", quelle));
        f.extend(klassen.into_iter().map(|c| ("klassen[]", format!("{}:{c}", z.ozg_id))));
    }
    f
}

async fn leistungen_von(db: &Db, ags: &str) -> Vec<i64> {
    let s = app::store::kommune::sicht(db, ags, heute()).await.unwrap();
    s.leistungen.iter().map(|l| l.leistung.ozg_id).collect()
}

/// The map's basis counts a Gemeinde as its Kommune view does, also with kept Zuständigkeit.
async fn wie_die_karte(db: &Db, ags: &str) {
    let s = app::store::kommune::sicht(db, ags, heute()).await.unwrap();
    let g = app::store::karte::grundlage(db, heute()).await.unwrap();
    let gem = g.gemeinden.iter().find(|x| x.ags == ags).unwrap();
    let (online, gesamt, _) = s.fortschritt();
    assert_eq!((gem.abgedeckt, gem.relevant), (online, gesamt), "{ags}: map and Kommune view");
}

async fn bulk_edit_per_themenfeld(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora Koordination", Rolle::Koordination).await;
    let anna = kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let slug = slug_von(&db, ABBRUCH).await;
    testdienst(&db).await;
    let vorher_ahaus = leistungen_von(&db, AHAUS).await;
    assert!(vorher_ahaus.contains(&ABBRUCH));
    let online = |ags: &'static str| {
        let db = db.clone();
        async move { app::store::kommune::sicht(&db, ags, heute()).await.unwrap().fortschritt().0 }
    };
    let (ahaus_online, muenster_online) = (online(AHAUS).await, online(MUENSTER).await);
    wie_die_karte(&db, AHAUS).await;
    let bottom_up = app::store::loesung::bottom_up(&db).await.unwrap();
    assert_eq!(bottom_up.zustaendigkeit.gepflegt, 0);

    // Public table: nothing kept yet.
    let (status, html) = holen(&format!("{basis}/themenfelder/{slug}/zustaendigkeit")).await;
    assert_eq!(status, 200);
    assert!(html.contains("noch für keine der 557 OZG-Leistungen gepflegt"), "{}", &html[..500.min(html.len())]);
    assert!(html.contains("nicht gepflegt – allgemeine Regel"));
    let (_, json) = holen(&format!("{basis}/api/v1/leistungen/{ABBRUCH}")).await;
    assert!(json.contains(r#""groessenklassen":null"#), "{json}");

    // Ticked boxes without a source: refused at the row, nothing written.
    let ohne_quelle = formular(&db, &slug, &[(ABBRUCH, &["kreisfrei", "gross"], "")]).await;
    let (status, text) = senden(&basis, "zustaendigkeit_speichern", &kora, &ohne_quelle).await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains(&format!("quelle-{ABBRUCH}")), "{text}");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM leistung WHERE groessenklassen IS NOT NULL").await, 0);

    // A Kommune may not.
    let form = formular(&db, &slug, &[(ABBRUCH, &["kreisfrei", "gross"], "Testquelle (keine echte Angabe)")]).await;
    assert_eq!(senden(&basis, "zustaendigkeit_speichern", &anna, &form).await.0, 403);

    // The coordination saves: one row changed, audited.
    let (status, text) = senden(&basis, "zustaendigkeit_speichern", &kora, &form).await;
    assert_eq!((status, text.as_str()), (200, "1"));
    let gespeichert = zahl(
        &db,
        &format!("SELECT COUNT(*) FROM leistung WHERE ozg_id = {ABBRUCH} AND groessenklassen = ';kreisfrei;gross;' AND groessenklassen_version = 1"),
    )
    .await;
    assert_eq!(gespeichert, 1);
    let protokoll = format!("SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'leistung' AND objekt_id = '{ABBRUCH}'");
    assert_eq!(zahl(&db, &protokoll).await, 2, "Größenklassen and source");
    let neu = db
        .text(&Sql::new(&format!(
            "SELECT neu FROM protokoll WHERE objekt_id = '{ABBRUCH}' AND feld = 'groessenklassen'"
        )))
        .await
        .unwrap();
    assert_eq!(neu.as_deref(), Some("Kreisfreie Stadt, Große kreisangehörige Stadt"));

    // The Kommune view of a mittlere kreisangehörige Stadt drops it, a kreisfreie Stadt keeps it;
    // the map counts both as their Kommune views do; the Kennzahlen still count it (some
    // Größenklasse is responsible).
    let ahaus = leistungen_von(&db, AHAUS).await;
    assert!(!ahaus.contains(&ABBRUCH));
    assert_eq!(ahaus.len() + 1, vorher_ahaus.len());
    assert!(leistungen_von(&db, MUENSTER).await.contains(&ABBRUCH));
    // The test service covers it in both: Ahaus counts one online Leistung less, Münster the same.
    assert_eq!((online(AHAUS).await, online(MUENSTER).await), (ahaus_online - 1, muenster_online));
    wie_die_karte(&db, AHAUS).await;
    wie_die_karte(&db, MUENSTER).await;
    let nachher = app::store::loesung::bottom_up(&db).await.unwrap();
    assert_eq!((nachher.relevant, nachher.zustaendigkeit.gepflegt), (bottom_up.relevant, 1));
    let (_, karte) = holen(&format!("{basis}/karte")).await;
    assert!(karte.contains("für 1 von 557 OZG-Leistungen gepflegt"));
    assert!(karte.contains("Relevante OZG-Leistungen je Gemeinde nach Größenklasse"));
    let (_, json) = holen(&format!("{basis}/api/v1/leistungen/{ABBRUCH}")).await;
    assert!(json.contains(r#""groessenklassen":["kreisfrei","gross"]"#), "{json}");
    let (_, csv) = holen(&format!("{basis}/export/leistungen.csv?q={ABBRUCH}")).await;
    assert!(csv.contains(";Kreisfreie Stadt, Große kreisangehörige Stadt"), "{csv}");
    let (_, seite) = holen(&format!("{basis}/leistungen/{ABBRUCH}")).await;
    assert!(seite.contains("Kreisfreie Stadt, Große kreisangehörige Stadt"));
    assert!(seite.contains("Testquelle (keine echte Angabe)"));

    // A form on the old version that changes the row: 409 naming it, nothing written.
    let (status, text) = senden(&basis, "zustaendigkeit_speichern", &kora, &ohne_quelle_mit(&form, "andere")).await;
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("Abbruchgenehmigung") && text.contains("Kora Koordination"), "{text}");
    assert_eq!(zahl(&db, &protokoll).await, 2);
    // The same old form unchanged in that row but with another row changed: saved (nothing of
    // the other writer's is lost).
    let andere = app::store::zustaendigkeit::laden(&db, &slug).await.unwrap().unwrap();
    let zweite = andere.zeilen.iter().find(|z| z.ozg_id != ABBRUCH).unwrap().ozg_id;
    let mut alt = form.clone();
    let i = alt.iter().position(|(k, v)| *k == "ozg[]" && *v == zweite.to_string()).unwrap();
    alt[i + 2].1 = "Testquelle: keine Größenklasse".into();
    let (status, text) = senden(&basis, "zustaendigkeit_speichern", &kora, &alt).await;
    assert_eq!((status, text.as_str()), (200, "1"));
    assert_eq!(
        zahl(&db, &format!("SELECT COUNT(*) FROM leistung WHERE ozg_id = {zweite} AND groessenklassen = ';'")).await,
        1
    );

    // Reset: no box and no source → not kept, the general rule again.
    let zurueck = formular(&db, &slug, &[(ABBRUCH, &[], "")]).await;
    assert_eq!(senden(&basis, "zustaendigkeit_speichern", &kora, &zurueck).await.0, 200);
    assert_eq!(
        zahl(&db, &format!("SELECT COUNT(*) FROM leistung WHERE ozg_id = {ABBRUCH} AND groessenklassen IS NULL")).await,
        1
    );
    assert!(leistungen_von(&db, AHAUS).await.contains(&ABBRUCH));
    wie_die_karte(&db, AHAUS).await;
}

/// A service of local reach (test row) covering the Abbruchgenehmigung, in operation in Ahaus
/// and Münster since 2024: the map's own count of covered Leistungen has to follow the
/// Größenklasse.
async fn testdienst(db: &Db) {
    let s = [
        Sql::new(
            "INSERT INTO onlinedienst (name, suchname, suchtext, url, status, quelle) VALUES \
             ('Abbruchdienst (Testzeile)', ' abbruchdienst ', 'abbruchdienst', 'https://test.example/abbruch', 'live', 'Test')",
        ),
        Sql::new(&format!(
            "INSERT INTO onlinedienst_leika (onlinedienst_id, schluessel, bezeichnung) SELECT o.id, MIN(k.schluessel), 'Test' \
             FROM onlinedienst o, leika k WHERE o.name = 'Abbruchdienst (Testzeile)' AND k.ozg_id = {ABBRUCH} \
             AND k.schluessel IS NOT NULL GROUP BY o.id"
        )),
        Sql::new(&format!(
            "INSERT INTO onlinedienst_kommune (onlinedienst_id, kommune_ags, in_betrieb_seit) SELECT o.id, g.ags, '2024-01-01' \
             FROM onlinedienst o, kommune g WHERE o.name = 'Abbruchdienst (Testzeile)' AND g.ags IN ('{AHAUS}', '{MUENSTER}')"
        )),
    ];
    db.transaktion(&s).await.unwrap();
}

/// `form` with the Abbruchgenehmigung's boxes replaced by `kreisfrei` only and source `quelle`.
fn ohne_quelle_mit(form: &[(&'static str, String)], quelle: &str) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&'static str, String)> =
        form.iter().filter(|(k, v)| !(*k == "klassen[]" && v.starts_with(&format!("{ABBRUCH}:")))).cloned().collect();
    let i = f.iter().position(|(k, v)| *k == "ozg[]" && *v == ABBRUCH.to_string()).unwrap();
    f[i + 2].1 = quelle.to_string();
    f.push(("klassen[]", format!("{ABBRUCH}:kreisfrei")));
    f
}

/// Hostile forms: too many rows, rows of another Themenfeld, unknown boxes, a huge source,
/// missing parts – each a 422 with its message, nothing written; two saves of the same row at
/// once: one wins, the other is a conflict.
async fn feindliche_und_gleichzeitige_formulare(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora Koordination", Rolle::Koordination).await;
    let slug = slug_von(&db, ABBRUCH).await;
    let mut viele = vec![("themenfeld", slug.clone())];
    for i in 0..401 {
        viele.extend([("ozg[]", (10000 + i).to_string()), ("versionen[]", "0".into()), ("quellen[]", String::new())]);
    }
    let fremd_slug = db
        .text(&Sql::new(&format!(
            "SELECT MIN(t.slug) FROM themenfeld t JOIN leistung l ON l.themenfeld_id = t.id WHERE t.slug <> '{slug}'"
        )))
        .await
        .unwrap()
        .unwrap();
    let fremd = formular(&db, &fremd_slug, &[]).await;
    let mut fremd_hier: Vec<(&'static str, String)> = fremd.into_iter().skip(1).collect();
    fremd_hier.insert(0, ("themenfeld", slug.clone()));
    let gross = formular(&db, &slug, &[(ABBRUCH, &["gross"], &"ü".repeat(301))]).await;
    let mut unbekannt = formular(&db, &slug, &[]).await;
    unbekannt.push(("klassen[]", format!("{ABBRUCH}:<script>")));
    let mut luecke = formular(&db, &slug, &[]).await;
    let i = luecke.iter().position(|(k, _)| *k == "versionen[]").unwrap();
    luecke.remove(i);
    for (form, feld) in [
        (viele, "Höchstens 400 Zeilen"),
        (fremd_hier, "gehört nicht zum Themenfeld"),
        (gross, &format!("quelle-{ABBRUCH}") as &str),
        (unbekannt, "Unbekannte Auswahl"),
        (luecke, "unvollständig"),
    ] {
        let (status, text) = senden(&basis, "zustaendigkeit_speichern", &kora, &form).await;
        assert_eq!(status, 422, "{feld}: {text}");
        assert!(text.contains(feld), "{feld}: {text}");
    }
    let (status, _) =
        senden(&basis, "zustaendigkeit_speichern", &kora, &[("themenfeld", "gibt-es-nicht".to_string())]).await;
    assert_eq!(status, 404);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM leistung WHERE groessenklassen IS NOT NULL").await, 0);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'leistung'").await, 0);

    // Eight saves of the same row from the same version at once: exactly one is stored.
    let quellen: Vec<String> = (0..8).map(|i| format!("Testquelle {i}")).collect();
    let mut formulare = Vec::new();
    for q in &quellen {
        formulare.push(formular(&db, &slug, &[(ABBRUCH, &["mittel"], q.as_str())]).await);
    }
    let antworten =
        futures::future::join_all(formulare.iter().map(|f| senden(&basis, "zustaendigkeit_speichern", &kora, f))).await;
    let status: Vec<u16> = antworten.iter().map(|a| a.0).collect();
    assert_eq!(status.iter().filter(|s| **s == 200).count(), 1, "{antworten:?}");
    assert_eq!(status.iter().filter(|s| **s == 409).count(), 7, "{antworten:?}");
    assert_eq!(zahl(&db, &format!("SELECT groessenklassen_version FROM leistung WHERE ozg_id = {ABBRUCH}")).await, 1);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'leistung'").await, 2);
}

beide_datenbanken!(bulk_edit_per_themenfeld, feindliche_und_gleichzeitige_formulare);
