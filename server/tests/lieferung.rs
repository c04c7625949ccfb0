//! Data delivery over real HTTP: a file with bad rows is reported row by row and stores nothing,
//! a correct one stores everything, a later upload replaces it, a stale one is refused, the
//! download can be uploaded again unchanged.

mod common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use base64::Engine;
use common::{kommune_konto_anmelden, konto_anmelden, senden, starten};

const AHAUS: &str = "05554004";
const BOCHOLT: &str = "05554008";

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

fn form(datei: &str, basis: Option<i64>) -> Vec<(&'static str, String)> {
    let mut f = vec![
        ("ags", AHAUS.to_string()),
        ("dateiname", "seiten.csv".to_string()),
        ("inhalt", base64::engine::general_purpose::STANDARD.encode(datei)),
    ];
    if let Some(b) = basis {
        f.push(("basis", b.to_string()));
    }
    f
}

const SCHLECHT: &str = "url;leika\n\
    https://www.ahaus.de/hund;99110009104000 99110009070000\n\
    www.ahaus.de/abbruch;99012001000000\n\
    https://www.ahaus.de/x;9911000910400\n\
    https://www.ahaus.de/y;99999999999999\n\
    https://www.ahaus.de/hund;99110009070000 99110009104000\n";

const GUT: &str = "\u{feff}url;leika\n\
    https://www.ahaus.de/hund;99110009104000 99110009070000\n\
    https://www.ahaus.de/abbruch;99012001000000\n";

async fn liefern_pruefen_ersetzen(db: Db) {
    let basis = starten(db.clone()).await;
    let ahaus = kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let bocholt =
        kommune_konto_anmelden(&db, &basis, "b@bocholt.de", "Ben Bocholt", Rolle::Kommune, Some(BOCHOLT)).await;
    let kora = konto_anmelden(&db, &basis, "k@kdn.de", "Kora Koordination", Rolle::Koordination).await;
    let protokoll = zahl(&db, "SELECT COUNT(*) FROM protokoll").await;

    // Preview: each bad row by its number (header = row 1), nothing stored.
    let (status, text) = senden(&basis, "lieferung_pruefen", &ahaus, &form(SCHLECHT, None)).await;
    assert_eq!(status, 200, "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let nummern: Vec<i64> = v["fehlerhaft"].as_array().unwrap().iter().map(|z| z["nr"].as_i64().unwrap()).collect();
    assert_eq!(nummern, [3, 4, 5, 6]);
    assert!(v["fehlerhaft"][0]["probleme"][0].as_str().unwrap().contains("keine gültige Webadresse"));
    assert!(v["fehlerhaft"][2]["probleme"][0].as_str().unwrap().contains("nicht im LeiKa-Katalog"));
    assert!(v["fehlerhaft"][3]["probleme"][0].as_str().unwrap().contains("Doppelte Zeile: gleich wie Zeile 2"));
    assert_eq!(v["gueltig"], 1);
    // Committing it anyway stores nothing at all.
    let (status, text) = senden(&basis, "lieferung_uebernehmen", &ahaus, &form(SCHLECHT, Some(0))).await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("es wurde nichts gespeichert"));
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM kommune_seite").await, 0);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM lieferung").await, 0);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM protokoll").await, protokoll);

    // Another Kommune's staff may neither check nor deliver for Ahaus.
    assert_eq!(senden(&basis, "lieferung_pruefen", &bocholt, &form(GUT, None)).await.0, 403);
    assert_eq!(senden(&basis, "lieferung_uebernehmen", &bocholt, &form(GUT, Some(0))).await.0, 403);

    // A correct file: everything stored, the delivery shown and downloadable.
    let (status, text) = senden(&basis, "lieferung_uebernehmen", &ahaus, &form(GUT, Some(0))).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(zahl(&db, &format!("SELECT COUNT(*) FROM kommune_seite WHERE kommune_ags = '{AHAUS}'")).await, 3);
    let (_, stand) = senden(&basis, "lieferung", &kora, &[("ags", AHAUS.to_string())]).await;
    let stand: serde_json::Value = serde_json::from_str(&stand).unwrap();
    assert_eq!(stand["basis"], 1);
    assert_eq!(stand["letzte"]["seiten"], 2);
    assert_eq!(stand["letzte"]["benutzer"], "Anna Ahaus <a@ahaus.de>");
    assert_eq!(stand["seiten"][0][1][0][1], "Hundehaltung Abmeldung", "keys of a page in key order");
    let csv = reqwest::get(format!("{basis}/export/lieferung-{AHAUS}.csv")).await.unwrap().text().await.unwrap();
    assert_eq!(
        csv.trim_start_matches('\u{feff}').lines().collect::<Vec<_>>(),
        [
            "url;leika",
            "https://www.ahaus.de/hund;99110009070000 99110009104000",
            "https://www.ahaus.de/abbruch;99012001000000"
        ]
    );

    // A stale preview (based on 0 deliveries) is refused; nothing changes.
    let neu = "url,leika\nhttps://www.ahaus.de/steuer,99110009104000\n";
    let (status, text) = senden(&basis, "lieferung_uebernehmen", &ahaus, &form(neu, Some(0))).await;
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("Anna Ahaus"), "{text}");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM kommune_seite").await, 3);
    // Re-upload on the current state replaces the whole delivery; the download uploads again.
    let (status, _) = senden(&basis, "lieferung_uebernehmen", &kora, &form(neu, Some(1))).await;
    assert_eq!(status, 200);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM kommune_seite").await, 1);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM kommune_seite WHERE url = 'https://www.ahaus.de/hund'").await, 0);
    let csv = reqwest::get(format!("{basis}/export/lieferung-{AHAUS}.csv")).await.unwrap().text().await.unwrap();
    let (status, text) = senden(&basis, "lieferung_pruefen", &ahaus, &form(&csv, None)).await;
    assert_eq!(status, 200);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!((v["gueltig"].as_i64(), v["fehlerhaft"].as_array().map(Vec::len)), (Some(1), Some(0)));
    assert_eq!(v["basis"], 2);

    // XLSX: the download opens as a workbook and uploads again unchanged (keys stay text).
    let r = reqwest::get(format!("{basis}/export/lieferung-{AHAUS}.xlsx")).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let xlsx = r.bytes().await.unwrap();
    assert!(xlsx.starts_with(b"PK\x03\x04"));
    let mut f = form("", None);
    f[1].1 = "seiten.xlsx".into();
    f[2].1 = base64::engine::general_purpose::STANDARD.encode(&xlsx);
    let (status, text) = senden(&basis, "lieferung_pruefen", &ahaus, &f).await;
    assert_eq!(status, 200, "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!((v["gueltig"].as_i64(), v["zuordnungen"].as_i64()), (Some(1), Some(1)), "{text}");
    assert_eq!(v["beispiele"][0]["schluessel"][0], "99110009104000");
    // Not every export has an XLSX form.
    assert_eq!(reqwest::get(format!("{basis}/export/leistungen.xlsx")).await.unwrap().status().as_u16(), 404);

    // The public sees the delivery, not who made it.
    let r = reqwest::Client::new().post(format!("{basis}/api/lieferung")).form(&[("ags", AHAUS)]).send().await.unwrap();
    let stand: serde_json::Value = r.json().await.unwrap();
    assert_eq!(stand["letzte"]["benutzer"], "");
    assert_eq!(stand["letzte"]["zuordnungen"], 1);
}

/// A large file (10,000 rows) is checked completely; timing is in `make bench`.
async fn grosse_datei(db: Db) {
    let basis = starten(db.clone()).await;
    let ahaus = kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let mut datei = String::from("url;leika\n");
    for i in 0..10_000 {
        let k = if i == 7_777 { "12345" } else { "99110009104000 99012001000000" };
        datei.push_str(&format!("https://www.ahaus.de/seite/{i};{k}\n"));
    }
    let (status, text) = senden(&basis, "lieferung_pruefen", &ahaus, &form(&datei, None)).await;
    assert_eq!(status, 200, "{}", &text[..text.len().min(300)]);
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["gueltig"], 9_999);
    assert_eq!(v["fehlerhaft"][0]["nr"], 7_779);
    let ohne_fehler = datei.replace(";12345\n", ";99110009104000\n");
    let (status, text) = senden(&basis, "lieferung_uebernehmen", &ahaus, &form(&ohne_fehler, Some(0))).await;
    assert_eq!(status, 200, "{}", &text[..text.len().min(300)]);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM kommune_seite").await, 19_999);

    // Near the limit of 50,000 rows the request (~4 MB) still arrives; above it the rows are
    // refused with a message, not with a transport error.
    let mut datei = String::from("url;leika\n");
    for i in 0..50_001 {
        datei.push_str(&format!("https://www.ahaus.de/s/{i};99110009104000\n"));
    }
    let (status, text) = senden(&basis, "lieferung_pruefen", &ahaus, &form(&datei, None)).await;
    assert_eq!(status, 200, "{}", &text[..text.len().min(300)]);
    assert!(text.contains("mehr als 50000 Zeilen; höchstens 50000 sind möglich"), "{}", &text[..text.len().min(300)]);
}

beide_datenbanken!(liefern_pruefen_ersetzen, grosse_datei);
