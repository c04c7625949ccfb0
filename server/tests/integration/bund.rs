//! The Bund-compatible coverage `/api/v1/bund`: rows and `art_flaechendeckung` against counts
//! of our own SQL, the areas with includeAbove/includeBelow, pages from 0, CSV and XLSX, the
//! aliases for the Bund's generated clients, and errors as JSON objects. (The Bund's schema and
//! Python client check the same addresses in `scripts/bund.sh`.)

use crate::common;
use app::store::{Db, Sql};
use serde_json::Value;

async fn json(url: &str) -> (u16, String, Value) {
    let r = reqwest::get(url).await.unwrap();
    let s = r.status().as_u16();
    let typ = r.headers().get("content-type").map(|t| t.to_str().unwrap().to_string()).unwrap_or_default();
    (s, typ, r.json().await.unwrap_or(Value::Null))
}

fn arten(v: &Value) -> Vec<(String, String)> {
    v["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|z| (z["ars"].as_str().unwrap().to_string(), z["art_flaechendeckung"].as_str().unwrap().to_string()))
        .collect()
}

/// A test service (marked as such) with a catalogued LeiKa key, in operation in every Gemeinde
/// of Kreis Borken and in Köln; another in planning only.
async fn testdienst(db: &Db) -> String {
    let key: (String,) = db
        .eine(&Sql::new(
            "SELECT k.schluessel FROM leika k WHERE k.schluessel IS NOT NULL AND k.schluessel NOT IN \
             (SELECT schluessel FROM onlinedienst_leika) ORDER BY k.schluessel LIMIT 1",
        ))
        .await
        .unwrap()
        .unwrap();
    let mut s = vec![Sql::new(
        "INSERT INTO onlinedienst (name, suchname, suchtext, url, status, quelle) VALUES \
         ('Testdienst (Testzeile)', ' testdienst ', 'testdienst', 'https://test.example/dienst', 'live', 'Test')",
    )];
    let dienst = "(SELECT id FROM onlinedienst WHERE name = 'Testdienst (Testzeile)')";
    let mut l = Sql::new(&format!(
        "INSERT INTO onlinedienst_leika (onlinedienst_id, schluessel, bezeichnung) SELECT {dienst}, "
    ));
    l.bind(key.0.clone()).push(", 'Test'");
    s.push(l);
    let tag = |t: &str| app::store::Arg::OptDate(chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok());
    let mut b = Sql::new(&format!(
        "INSERT INTO onlinedienst_kommune (onlinedienst_id, kommune_ags, in_betrieb_seit) SELECT {dienst}, ags, "
    ));
    b.bind(tag("2024-01-01")).push(" FROM kommune WHERE kreis_ags = '05554' OR ags = '05315000'");
    s.push(b);
    let mut p = Sql::new(&format!(
        "INSERT INTO onlinedienst_kommune (onlinedienst_id, kommune_ags, geplant_ab) SELECT {dienst}, ags, "
    ));
    p.bind(tag("2030-01-01")).push(" FROM kommune WHERE ags = '05711000'");
    s.push(p);
    db.transaktion(&s).await.unwrap();
    key.0
}

async fn abdeckung_wie_beim_bund(db: Db) {
    let basis = common::starten(db.clone()).await;
    let key = testdienst(&db).await;
    let land_sql = Sql::new(
        "SELECT COUNT(*) FROM onlinedienst o JOIN onlinedienst_leika ol ON ol.onlinedienst_id = o.id \
         WHERE o.reichweite = 'land' AND o.status = 'live'",
    );
    let land = db.zahl(&land_sql).await.unwrap();
    assert!(land > 300, "WSP.NRW: {land}");
    let borken = db.zahl(&Sql::new("SELECT COUNT(*) FROM kommune WHERE kreis_ags = '05554'")).await.unwrap();

    // The Land alone: the Land-wide rows; with includeBelow also every Gemeinde's.
    let (s, _, v) = json(&format!("{basis}/api/v1/bund/data/050000000000?includeBelow=false&size=1000")).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["totalElements"].as_i64(), Some(land));
    assert!(arten(&v).iter().all(|(ars, _)| ars == "050000000000"));
    let (_, _, alle) = json(&format!("{basis}/api/v1/bund/data?size=1")).await;
    assert_eq!(alle["totalElements"].as_i64(), Some(land + borken + 1));
    assert_eq!(
        (alle["number"].as_i64(), alle["first"].as_bool(), alle["size"].as_i64()),
        (Some(0), Some(true), Some(1))
    );

    // Kreis Borken below: every Gemeinde "kreisweit"; above: the Land's rows.
    let (_, _, v) = json(&format!("{basis}/api/v1/bund/data/055540000000?includeAbove=false&size=1000")).await;
    let a = arten(&v);
    assert_eq!(i64::try_from(a.len()).unwrap(), borken);
    assert!(a.iter().all(|(ars, art)| ars.starts_with("05554") && art == "kreisweit flächendeckend"), "{a:?}");
    assert_eq!(v["content"][0]["leika_key"], key);
    assert_eq!(v["content"][0]["url"], "https://test.example/dienst");
    assert_eq!(v["content"][0]["aktiv"], "ja");
    let (_, _, v) = json(&format!("{basis}/api/v1/bund/data/055540000000?includeBelow=false&size=1000")).await;
    assert_eq!(v["totalElements"].as_i64(), Some(land));
    let (_, _, v) = json(&format!("{basis}/api/v1/bund/data/055540000000?includeBelow=false&includeAbove=false")).await;
    assert_eq!((v["totalElements"].as_i64(), v["empty"].as_bool()), (Some(0), Some(true)));

    // Ahaus (ARS with the Verband digits): its own row and the Land's; Köln is a kreisfreie Stadt
    // whose Kreis is the Stadt: "kreisweit" too. Planned use (Bielefeld) is no row.
    let (_, _, v) = json(&format!("{basis}/api/v1/bund/data/055540004004?size=1000&order=desc")).await;
    assert_eq!(v["totalElements"].as_i64(), Some(land + 1));
    let zeilen = v["content"].as_array().unwrap();
    let keys: Vec<&str> = zeilen.iter().map(|z| z["leika_key"].as_str().unwrap()).collect();
    assert!(keys.is_sorted_by(|a, b| a >= b), "desc");
    let eigene = zeilen.iter().find(|z| z["ars"] == "055540004004").unwrap();
    assert_eq!((eigene["ars_name"].as_str(), eigene["leika_key"].as_str()), (Some("Ahaus, Stadt"), Some(key.as_str())));
    let (_, _, v) = json(&format!("{basis}/api/v1/bund/data/053150000000?includeAbove=false")).await;
    assert_eq!(arten(&v), vec![("053150000000".to_string(), "kreisweit flächendeckend".to_string())]);
    let (_, _, v) = json(&format!("{basis}/api/v1/bund/data/057110000000?includeAbove=false")).await;
    assert_eq!(v["totalElements"].as_i64(), Some(0));
    let (_, _, v) = json(&format!("{basis}/api/v1/bund/data/050000000000?includeAbove=false&size=1000")).await;
    let koeln = arten(&v).into_iter().find(|(a, _)| a == "053150000000").unwrap();
    assert_eq!(koeln.1, "kreisweit flächendeckend");

    // Pages from 0; past the end empty; the generated clients' addresses give the same.
    let (_, _, p1) = json(&format!("{basis}/api/v1/bund/data/050000000000?page=1&size=7")).await;
    let (_, _, p1b) = json(&format!("{basis}/api/v1/bund/v1/data/050000000000?page=1&size=7")).await;
    assert_eq!(p1, p1b);
    assert_eq!(
        (p1["number"].as_i64(), p1["numberOfElements"].as_i64(), p1["pageable"]["offset"].as_i64()),
        (Some(1), Some(7), Some(7))
    );
    let (_, _, weit) = json(&format!("{basis}/api/v1/bund/data/050000000000?page=99999")).await;
    assert_eq!((weit["empty"].as_bool(), weit["last"].as_bool()), (Some(true), Some(true)));
    // Outside NRW, or no area of it: an empty page, as the Bund answers an area without data.
    for ars in ["010510000000", "059990000000", "055540001004"] {
        let (s, _, v) = json(&format!("{basis}/api/v1/bund/data/{ars}")).await;
        assert_eq!((s, v["totalElements"].as_i64()), (200, Some(0)), "{ars}");
    }
    for falsch in ["05554000400", "0555400040041", "05554000400a", "%00"] {
        let (s, typ, v) = json(&format!("{basis}/api/v1/bund/data/{falsch}")).await;
        assert_eq!((s, typ.as_str(), v["parameter"].as_str()), (400, "application/json", Some("ars")), "{falsch}");
    }
    for falsch in
        ["size=0", "size=1001", "page=-1", "order=auf", "filetype=pdf", "includeAbove=1", "x=1", "page=1&page=1"]
    {
        let (s, typ, v) = json(&format!("{basis}/api/v1/bund/data/050000000000?{falsch}")).await;
        assert_eq!((s, typ.as_str()), (400, "application/json"), "{falsch}: {v}");
        assert!(v["detail"].as_str().unwrap().contains('„'), "{v}");
    }

    // Files: the whole result with a header row.
    let r =
        reqwest::get(format!("{basis}/api/v1/bund/data/055540000000?filetype=csv&includeAbove=false")).await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/octet-stream");
    assert!(r.headers()["content-disposition"].to_str().unwrap().ends_with(".csv\""));
    let text = r.text().await.unwrap();
    let zeilen: Vec<&str> = text.lines().collect();
    assert!(zeilen[0].trim_start_matches('\u{feff}').starts_with("leika_key;leika_name;ars;"), "{}", zeilen[0]);
    assert_eq!(i64::try_from(zeilen.len()).unwrap(), borken + 1);
    let r = reqwest::get(format!("{basis}/api/v1/bund/data/050000000000?filetype=xlsx")).await.unwrap();
    assert!(r.headers()["content-disposition"].to_str().unwrap().ends_with(".xlsx\""));
    assert!(r.bytes().await.unwrap().starts_with(b"PK"));

    // The figures on /loesungen/kennzahlen: each key once, at its best value; the rules beside.
    use app::model::loesung::abdeckung::Flaechendeckung as F;
    let b = app::store::loesung::bottom_up(&db).await.unwrap();
    let n = |a: F| b.flaechendeckung.iter().find(|(x, _)| *x == a).unwrap().1;
    let im_katalog = Sql::new(
        "SELECT COUNT(DISTINCT ol.schluessel) FROM onlinedienst o JOIN onlinedienst_leika ol ON ol.onlinedienst_id = o.id \
         JOIN leika k ON k.schluessel = ol.schluessel WHERE o.reichweite = 'land' AND o.status = 'live'",
    );
    assert_eq!(n(F::Landesweit), db.zahl(&im_katalog).await.unwrap());
    assert_eq!((n(F::Kreisweit), n(F::MindEineKommune), n(F::Bundesweit)), (1, 0, 0));
    let html = reqwest::get(format!("{basis}/loesungen/kennzahlen")).await.unwrap().text().await.unwrap();
    for a in F::ALLE {
        assert!(html.contains(a.bund()) && html.contains(a.regel()), "{}", a.bund());
    }

    // The areas: Land, 5 Bezirke, the Kreise, the Gemeinden (a kreisfreie Stadt once).
    let (_, _, g) = json(&format!("{basis}/api/v1/bund/ars?size=1000")).await;
    let kreise = db.zahl(&Sql::new("SELECT COUNT(*) FROM kreis")).await.unwrap();
    let gemeinden = db.zahl(&Sql::new("SELECT COUNT(*) FROM kommune WHERE ags NOT LIKE '%000'")).await.unwrap();
    assert_eq!(g["totalElements"].as_i64(), Some(1 + 5 + kreise + gemeinden));
    assert_eq!(g["content"][0], serde_json::json!({"ars": "050000000000", "arsName": "Nordrhein-Westfalen"}));
}

/// The coordination sets a service's reach on its page: Land-wide, its rows cover the Land at
/// once; the change is audited, a stale version is refused and a wrong value named at the field.
async fn reichweite_wird_gepflegt(db: Db) {
    let basis = common::starten(db.clone()).await;
    let key = testdienst(&db).await;
    let (id, version): (i64, i64) = db
        .eine(&Sql::new("SELECT id, version FROM onlinedienst WHERE name = 'Testdienst (Testzeile)'"))
        .await
        .unwrap()
        .unwrap();
    let land = |v: &Value| v["totalElements"].as_i64().unwrap();
    let (_, _, vorher) = json(&format!("{basis}/api/v1/bund/data/050000000000?includeBelow=false&size=1")).await;
    let kora = common::konto_anmelden(&db, &basis, "k@kdn.de", "Kora", app::model::konto::Rolle::Koordination).await;
    let form =
        |v: i64, r: &str| vec![("id", id.to_string()), ("version", v.to_string()), ("reichweite", r.to_string())];
    let (s, text) = common::senden(&basis, "reichweite_setzen", &kora, &form(version, "bund")).await;
    assert_eq!(s, 422, "{text}");
    assert!(text.contains("landesweit"), "{text}");
    let (s, text) = common::senden(&basis, "reichweite_setzen", &kora, &form(version, "land")).await;
    assert_eq!((s, text.as_str()), (200, (version + 1).to_string().as_str()));
    let (_, _, nachher) = json(&format!("{basis}/api/v1/bund/data/050000000000?includeBelow=false&size=1000")).await;
    assert_eq!(land(&nachher), land(&vorher) + 1);
    let neu = nachher["content"].as_array().unwrap().iter().find(|z| z["leika_key"] == key.as_str()).unwrap();
    assert_eq!(neu["art_flaechendeckung"], "landesweit flächendeckend");
    let (s, text) = common::senden(&basis, "reichweite_setzen", &kora, &form(version, "")).await;
    assert_eq!(s, 409, "veraltete Version: {text}");
    let mut p = Sql::new(
        "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'onlinedienst' AND feld = 'reichweite' AND objekt_id = ",
    );
    p.bind(id.to_string());
    assert_eq!(db.zahl(&p).await.unwrap(), 1);
    let html = reqwest::Client::new()
        .get(format!("{basis}/loesungen/{id}"))
        .header("cookie", &kora)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Reichweite speichern") && html.contains("value=\"land\" checked"), "das Formular");
}

beide_datenbanken!(abdeckung_wie_beim_bund, reichweite_wird_gepflegt);
