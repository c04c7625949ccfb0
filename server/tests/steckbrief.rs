//! Steckbriefe over real HTTP: field errors naming each wrong key with nothing stored, who may
//! read what, publishing into the Lösungsdatenbank, and decisions that race.

mod common;

use app::model::filter::KatalogAnfrage;
use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::{kommune_konto_anmelden, konto_anmelden, senden, starten};

const AHAUS: &str = "05554004";
const BOCHOLT: &str = "05554008";

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

fn formular(leika: &str) -> Vec<(&'static str, String)> {
    vec![
        ("organisation", "Stadt Ahaus".into()),
        ("dienst_name", "Hundeanmeldung online".into()),
        ("url", "https://www.ahaus.de/hund".into()),
        ("leika", leika.into()),
        ("dms", "".into()),
        ("nachweise", "elektronisch".into()),
        ("once_only", "nein".into()),
        ("bezahlung", "".into()),
        ("authentifizierung", "Servicekonto.NRW".into()),
        ("kontakt", "".into()),
    ]
}

async fn einreichen_pruefen_veroeffentlichen(db: Db) {
    let basis = starten(db.clone()).await;
    let ahaus = kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let bocholt =
        kommune_konto_anmelden(&db, &basis, "b@bocholt.de", "Ben Bocholt", Rolle::Kommune, Some(BOCHOLT)).await;
    let kora = konto_anmelden(&db, &basis, "k@kdn.de", "Kora Koordination", Rolle::Koordination).await;
    let protokoll = zahl(&db, "SELECT COUNT(*) FROM protokoll").await;

    // A malformed key and a well-formed key missing from the catalog: each named at the field.
    let (status, text) =
        senden(&basis, "steckbrief_einreichen", &ahaus, &formular("99110009104000, 9911000910400")).await;
    assert_eq!(status, 422, "{text}");
    let fehler: serde_json::Value = serde_json::from_str(&text).unwrap();
    let liste = fehler["Eingabe"].as_array().unwrap();
    assert_eq!(liste.len(), 1);
    assert_eq!(liste[0]["feld"], "leika");
    assert!(liste[0]["meldung"].as_str().unwrap().contains("„9911000910400“ ist kein 14-stelliger"), "{text}");
    let (status, text) =
        senden(&basis, "steckbrief_einreichen", &ahaus, &formular("99110009104000 99999999999999;99999999999998"))
            .await;
    assert_eq!(status, 422);
    assert!(text.contains("„99999999999999“, „99999999999998“ sind nicht im LeiKa-Katalog"), "{text}");
    let mut ohne_url = formular("99110009104000");
    ohne_url[2].1 = "javascript:alert(1)".into();
    let (status, text) = senden(&basis, "steckbrief_einreichen", &ahaus, &ohne_url).await;
    assert_eq!(status, 422);
    assert!(text.contains("\"feld\":\"url\""), "{text}");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM steckbrief").await, 0, "nothing stored");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM protokoll").await, protokoll);

    // Fixed: stored with both keys, bound to the submitter's Kommune.
    let (status, text) =
        senden(&basis, "steckbrief_einreichen", &ahaus, &formular("99110009104000,99110009070000, 99110009104000"))
            .await;
    assert_eq!(status, 200, "{text}");
    let id: i64 = text.parse().unwrap();
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM steckbrief_leika").await, 2, "duplicates collapsed");
    assert_eq!(zahl(&db, &format!("SELECT COUNT(*) FROM steckbrief WHERE kommune_ags = '{AHAUS}'")).await, 1);

    // Ahaus and the coordination see it; Bocholt neither in its list nor by id.
    let (_, liste) = senden(&basis, "steckbriefe", &ahaus, &[]).await;
    assert!(liste.contains("Hundeanmeldung online"));
    let (_, liste) = senden(&basis, "steckbriefe", &bocholt, &[]).await;
    assert_eq!(liste, "[]");
    assert_eq!(senden(&basis, "steckbrief", &bocholt, &[("id", id.to_string())]).await.0, 404);
    let (status, s) = senden(&basis, "steckbrief", &kora, &[("id", id.to_string())]).await;
    assert_eq!(status, 200);
    assert!(s.contains("Hundehaltung Anmeldung"), "keys with catalog names: {s}");

    // Returning needs a reason; Kommune staff cannot decide.
    let entscheiden = |e: &str, k: &str, v: i64| {
        vec![("id", id.to_string()), ("version", v.to_string()), ("entscheidung", e.into()), ("kommentar", k.into())]
    };
    let (status, text) = senden(&basis, "steckbrief_entscheiden", &kora, &entscheiden("zurueckgeben", "", 1)).await;
    assert_eq!(status, 422);
    assert!(text.contains("kommentar"));
    assert_eq!(senden(&basis, "steckbrief_entscheiden", &ahaus, &entscheiden("veroeffentlichen", "", 1)).await.0, 403);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM onlinedienst").await, 84);

    // Published: a new online service with the keys, found in the Lösungsdatenbank under the
    // Themenfeld of its Leistung.
    let (status, text) =
        senden(&basis, "steckbrief_entscheiden", &kora, &entscheiden("veroeffentlichen", "Danke", 1)).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM onlinedienst").await, 85);
    let dienst = zahl(&db, &format!("SELECT onlinedienst_id FROM steckbrief WHERE id = {id}")).await;
    assert_eq!(
        zahl(&db, &format!("SELECT COUNT(*) FROM onlinedienst_leika WHERE onlinedienst_id = {dienst}")).await,
        2
    );
    let tf = zahl(&db, "SELECT themenfeld_id FROM leistung WHERE ozg_id = 10160").await;
    let treffer =
        app::store::onlinedienst::suchen(&db, &KatalogAnfrage::aus_query(&format!("tf={tf}&q=hundeanmeldung")))
            .await
            .unwrap();
    assert_eq!(treffer.gesamt, 1);
    assert_eq!(treffer.zeilen[0].anbieter.as_deref(), Some("Stadt Ahaus"));
    assert_eq!(app::store::steckbrief::im_themenfeld(&db, tf).await.unwrap().len(), 1);

    // A second decision on the old version is a conflict naming who decided; nothing changes.
    let (status, text) =
        senden(&basis, "steckbrief_entscheiden", &kora, &entscheiden("zurueckgeben", "doch nicht", 1)).await;
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("Kora Koordination"), "{text}");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM onlinedienst").await, 85);
    assert_eq!(
        zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'steckbrief' AND feld = 'status'").await,
        2
    );
}

beide_datenbanken!(einreichen_pruefen_veroeffentlichen);
