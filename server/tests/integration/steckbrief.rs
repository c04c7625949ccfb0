//! Steckbriefe over real HTTP: field errors naming each wrong key with nothing stored, who may
//! read what, publishing into the Lösungsdatenbank, and decisions that race.

use crate::common;

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
    let treffer = app::store::loesung::suchen(&db, &KatalogAnfrage::aus_query(&format!("tf={tf}&q=hundeanmeldung")))
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

/// Returned → the submitter revises it (a wrong key is refused at the field and nothing
/// changes), it is in review again with the new keys and a log of exactly the changed fields;
/// a stale form, another Kommune and a published Steckbrief are refused.
async fn zurueckgeben_ueberarbeiten(db: Db) {
    let basis = starten(db.clone()).await;
    let ahaus = kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let bocholt =
        kommune_konto_anmelden(&db, &basis, "b@bocholt.de", "Ben Bocholt", Rolle::Kommune, Some(BOCHOLT)).await;
    let kora = konto_anmelden(&db, &basis, "k@kdn.de", "Kora Koordination", Rolle::Koordination).await;
    let (status, text) = senden(&basis, "steckbrief_einreichen", &ahaus, &formular("99110009104000")).await;
    assert_eq!(status, 200, "{text}");
    let id: i64 = text.parse().unwrap();
    // In review it shows on the Themenfeld page for the coordination and its Kommune only.
    let in_pruefung = |cookie: Option<String>| {
        let basis = basis.clone();
        async move {
            let mut r =
                reqwest::Client::new().post(format!("{basis}/api/themenfeld")).form(&[("slug", "engagement-hobby")]);
            if let Some(c) = cookie {
                r = r.header("Cookie", c);
            }
            let seite: serde_json::Value = r.send().await.unwrap().json().await.unwrap();
            seite["in_pruefung"]
                .as_array()
                .unwrap()
                .iter()
                .map(|z| z[1].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    let hund = vec!["Hundeanmeldung online".to_string()];
    assert_eq!(in_pruefung(Some(kora.clone())).await, hund);
    assert_eq!(in_pruefung(Some(ahaus.clone())).await, hund);
    assert!(in_pruefung(Some(bocholt.clone())).await.is_empty());
    assert!(in_pruefung(None).await.is_empty(), "not for the public");
    let entscheiden = |e: &str, k: &str, v: i64| {
        vec![("id", id.to_string()), ("version", v.to_string()), ("entscheidung", e.into()), ("kommentar", k.into())]
    };
    let kommentar = "Bitte auch den Schlüssel der Hundesteuer angeben.";
    assert_eq!(
        senden(&basis, "steckbrief_entscheiden", &kora, &entscheiden("zurueckgeben", kommentar, 1)).await.0,
        200
    );
    let ueberarbeitet = |leika: &str, version: i64| {
        let mut f = formular(leika);
        f.push(("id", id.to_string()));
        f.push(("version", version.to_string()));
        f[5].1 = "papier".into();
        f
    };
    let stand = || async {
        (
            zahl(&db, &format!("SELECT version FROM steckbrief WHERE id = {id}")).await,
            zahl(&db, &format!("SELECT COUNT(*) FROM steckbrief_leika WHERE steckbrief_id = {id}")).await,
            zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'steckbrief'").await,
        )
    };
    let vorher = stand().await;
    // A key not in the catalog: named at the field, nothing changes.
    let (status, text) =
        senden(&basis, "steckbrief_einreichen", &ahaus, &ueberarbeitet("99110009104000, 99999999999999", 2)).await;
    assert_eq!(status, 422, "{text}");
    assert!(
        text.contains("\"feld\":\"leika\"") && text.contains("„99999999999999“ ist nicht im LeiKa-Katalog"),
        "{text}"
    );
    assert_eq!(stand().await, vorher);
    // Another Kommune does not see it, so cannot revise it; a stale version is a conflict.
    assert_eq!(senden(&basis, "steckbrief_einreichen", &bocholt, &ueberarbeitet("99110009104000", 2)).await.0, 404);
    let (status, text) = senden(&basis, "steckbrief_einreichen", &ahaus, &ueberarbeitet("99110009104000", 1)).await;
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("Kora Koordination"), "names who changed it last: {text}");
    assert_eq!(stand().await, vorher);
    // Revised: in review again, keys replaced, the same id.
    let (status, text) =
        senden(&basis, "steckbrief_einreichen", &ahaus, &ueberarbeitet("99110009070000 99110009104000", 2)).await;
    assert_eq!((status, text.as_str()), (200, id.to_string().as_str()));
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM steckbrief").await, 1, "no second Steckbrief");
    assert_eq!(in_pruefung(Some(kora.clone())).await, hund, "in review again");
    let (version, schluessel, protokoll) = stand().await;
    assert_eq!((version, schluessel), (3, 2));
    let (_, s) = senden(&basis, "steckbrief", &ahaus, &[("id", id.to_string())]).await;
    let s: serde_json::Value = serde_json::from_str(&s).unwrap();
    assert_eq!(s["status"], "Eingereicht");
    assert_eq!(s["nachweise"], "papier");
    assert_eq!(s["pruef_kommentar"], kommentar, "the last return stays readable");
    // Exactly status, keys and evidence changed.
    #[derive(sqlx::FromRow)]
    struct Feld {
        feld: String,
        alt: Option<String>,
        neu: Option<String>,
    }
    let felder: Vec<Feld> = db
        .alle(&Sql::new(&format!(
            "SELECT feld, alt, neu FROM protokoll WHERE objekt_art = 'steckbrief' ORDER BY id DESC LIMIT {}",
            protokoll - vorher.2
        )))
        .await
        .unwrap();
    let mut namen: Vec<&str> = felder.iter().map(|f| f.feld.as_str()).collect();
    namen.sort_unstable();
    assert_eq!(namen, ["leika", "nachweise", "status"]);
    let leika = felder.iter().find(|f| f.feld == "leika").unwrap();
    assert_eq!(
        (leika.alt.as_deref(), leika.neu.as_deref()),
        (Some("99110009104000"), Some("99110009070000, 99110009104000"))
    );
    // Published, it is no longer revised (409 with a reason), not even by its submitter.
    assert_eq!(senden(&basis, "steckbrief_entscheiden", &kora, &entscheiden("veroeffentlichen", "", 3)).await.0, 200);
    let (status, text) = senden(&basis, "steckbrief_einreichen", &ahaus, &ueberarbeitet("99110009104000", 4)).await;
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("bereits veröffentlicht"), "{text}");
    assert_eq!(zahl(&db, &format!("SELECT COUNT(*) FROM steckbrief_leika WHERE steckbrief_id = {id}")).await, 2);
}

beide_datenbanken!(einreichen_pruefen_veroeffentlichen, zurueckgeben_ueberarbeiten);
