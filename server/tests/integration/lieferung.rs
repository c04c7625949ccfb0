//! Data delivery over real HTTP: a file with bad rows is reported row by row and stores nothing,
//! a correct one stores everything, a later upload replaces it, a stale one is refused, the
//! download can be uploaded again unchanged.

use crate::common;

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
    // Logged-in readers see who delivered – by name, not e-mail address.
    assert_eq!(stand["letzte"]["benutzer"], "Anna Ahaus");
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

/// A zip with the given entries, as an XLSX file is one.
fn zip_datei(eintraege: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    for (name, inhalt) in eintraege {
        z.start_file(*name, o).unwrap();
        z.write_all(inhalt).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const WORKBOOK: &[u8] = br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Seiten" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &[u8] = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

fn mappe(blatt: &[u8], texte: Option<&[u8]>) -> Vec<u8> {
    let mut e: Vec<(&str, &[u8])> =
        vec![("xl/workbook.xml", WORKBOOK), ("xl/_rels/workbook.xml.rels", RELS), ("xl/worksheets/sheet1.xml", blatt)];
    if let Some(t) = texte {
        e.push(("xl/sharedStrings.xml", t));
    }
    zip_datei(&e)
}

/// Files an attacker (or an unlucky export) would send, each with the words its refusal must
/// contain. None may take the server down or store anything.
fn feindliche_dateien() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let zwei_zellen = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>url</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
    let ohne_dimension = br#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>"#;
    // 200 MB of one repeated row: ~200 KB compressed.
    let mut bombe = b"<worksheet><sheetData>".to_vec();
    bombe.extend(std::iter::repeat_n(&b"<row><c><v>1</v></c></row>"[..], 8_000_000).flatten());
    bombe.extend_from_slice(b"</sheetData></worksheet>");
    let mut texte = b"<sst>".to_vec();
    texte.extend(std::iter::repeat_n(&b"<si><t>x</t></si>"[..], 300_000).flatten());
    texte.extend_from_slice(b"</sst>");
    let tief = format!("<worksheet>{}{}</worksheet>", "<a>".repeat(10_000), "</a>".repeat(10_000));
    let lachen = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>"#;
    vec![
        ("zwei Zellen A1 und XFD1048576", mappe(zwei_zellen, None), "A1:XFD1048576"),
        ("Zelle XFD1048576 ohne Bereichsangabe", mappe(ohne_dimension, None), "außerhalb der möglichen"),
        ("Zip-Bombe", mappe(&bombe, None), "Schutz des Servers"),
        ("300.000 geteilte Texte", mappe(b"<worksheet><sheetData/></worksheet>", Some(&texte)), "verschiedene Texte"),
        ("10.000 Ebenen tief", mappe(tief.as_bytes(), None), "verschachtelt"),
        ("Entitäten-Bombe", mappe(lachen, None), "Entität"),
        ("CSV mit Millionen Trennzeichen", format!("url;leika\n{}\n", ";".repeat(3_000_000)).into_bytes(), "Spalten"),
        ("gibt sich als XLSX aus", b"PK\x03\x04das ist keine Arbeitsmappe".to_vec(), "keine lesbare XLSX-Datei"),
        ("ZIP ohne Arbeitsmappe", zip_datei(&[("word/document.xml", b"<w/>")]), "keine lesbare XLSX-Datei"),
    ]
}

/// The corpus of hostile files: each is refused with a German message naming the limit, nothing
/// is stored, and the server answers its health check after each – and other users' pages while
/// all of them are checked at once.
async fn feindliche_dateien_schaden_nicht(db: Db) {
    let basis = starten(db.clone()).await;
    let ahaus = kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let dateien = feindliche_dateien();
    for (was, datei, meldung) in &dateien {
        let mut f = form("", None);
        f[2].1 = base64::engine::general_purpose::STANDARD.encode(datei);
        let (status, text) = senden(&basis, "lieferung_pruefen", &ahaus, &f).await;
        assert_eq!(status, 422, "{was}: {}", &text[..text.len().min(300)]);
        assert!(text.contains(meldung), "{was}: erwartet „{meldung}“ in {text}");
        let gesund = reqwest::get(format!("{basis}/gesund")).await.unwrap();
        assert_eq!(gesund.status().as_u16(), 200, "nach {was}");
    }
    // All at once, three times over, while another user reads a catalog page.
    let ansturm = dateien.iter().cycle().take(dateien.len() * 3).map(|(_, datei, _)| {
        let mut f = form("", None);
        f[2].1 = base64::engine::general_purpose::STANDARD.encode(datei);
        let (basis, ahaus) = (basis.clone(), ahaus.clone());
        async move {
            senden(&basis, "lieferung_uebernehmen", &ahaus, &{
                f.push(("basis", "0".into()));
                f
            })
            .await
            .0
        }
    });
    let leser = async {
        let r = reqwest::get(format!("{basis}/leistungen")).await.unwrap();
        r.status().as_u16()
    };
    let (status, seite) = tokio::join!(futures::future::join_all(ansturm), leser);
    assert_eq!(seite, 200);
    // Refused as wrong (422) or, beyond the bounded pool, turned away for now (503) – never more.
    assert!(status.iter().all(|s| *s == 422 || *s == 503), "{status:?}");
    assert!(status.contains(&422));
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM kommune_seite").await, 0, "nichts gespeichert");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM lieferung").await, 0);
    // A request over the limit is refused while it arrives, before it is parsed.
    let mut f = form("", None);
    f[2].1 = "A".repeat(9 * 1024 * 1024);
    let (status, text) = senden(&basis, "lieferung_pruefen", &ahaus, &f).await;
    assert_eq!(status, 413, "{}", &text[..text.len().min(300)]);
    assert!(text.contains("zu groß"), "{text}");
    assert_eq!(reqwest::get(format!("{basis}/gesund")).await.unwrap().status().as_u16(), 200);
}

beide_datenbanken!(liefern_pruefen_ersetzen, grosse_datei, feindliche_dateien_schaden_nicht);
