//! The open API `/api/v1`: lists paged by cursor completely and stably in every order (NULLs
//! too), the catalogs' filters, strict parameters with problem+json, conditional requests, CORS,
//! the per-network limit, the generated description, and an anonymous walk over every list that
//! finds nothing personal.

use crate::common;
use app::store::{Db, Sql};
use serde_json::Value;
use std::collections::HashSet;

async fn json(url: &str) -> (u16, reqwest::header::HeaderMap, Value) {
    let r = reqwest::get(url).await.unwrap();
    let (s, h) = (r.status().as_u16(), r.headers().clone());
    (s, h, r.json().await.unwrap_or(Value::Null))
}

/// Every row of a list, page by page along `naechste`; checks `gesamt` on each page.
async fn alle(basis: &str, pfad_und_abfrage: &str) -> Vec<Value> {
    let mut zeilen = Vec::new();
    let trenner = if pfad_und_abfrage.contains('?') { '&' } else { '?' };
    let mut url = format!("{basis}{pfad_und_abfrage}");
    let mut gesamt = None;
    for _ in 0..200 {
        let (s, h, v) = json(&url).await;
        assert_eq!(s, 200, "{url}: {v}");
        assert_eq!(*gesamt.get_or_insert(v["gesamt"].as_i64().unwrap()), v["gesamt"].as_i64().unwrap());
        zeilen.extend(v["daten"].as_array().unwrap().iter().cloned());
        match v["naechste"].as_str() {
            Some(m) => {
                let link = h["link"].to_str().unwrap();
                assert!(link.contains("rel=\"next\"") && link.contains(m), "{link}");
                url = format!("{basis}{pfad_und_abfrage}{trenner}cursor={m}");
            }
            None => {
                assert!(h.get("link").is_none());
                assert_eq!(i64::try_from(zeilen.len()).unwrap(), gesamt.unwrap(), "{pfad_und_abfrage}");
                return zeilen;
            }
        }
    }
    panic!("{pfad_und_abfrage}: kein Ende");
}

fn schluessel(zeilen: &[Value], feld: &str) -> Vec<String> {
    zeilen.iter().map(|z| z[feld].to_string()).collect()
}

/// Every Kommune once, in the order of the page; sorted by a number both ways; a sort with empty
/// values (priority) without gaps or repeats; a row added before the cursor does not shift the
/// next page (offset paging would repeat a row).
async fn blaettern_vollstaendig_und_stabil(db: Db) {
    let basis = common::starten(db.clone()).await;
    let kommunen = alle(&basis, "/api/v1/kommunen?limit=100").await;
    let erwartet: Vec<(String,)> = db.alle(&Sql::new("SELECT ags FROM kommune ORDER BY suchname, ags")).await.unwrap();
    let ags: Vec<String> = kommunen.iter().map(|k| k["ags"].as_str().unwrap().to_string()).collect();
    assert_eq!(ags, erwartet.into_iter().map(|(a,)| a).collect::<Vec<_>>());
    assert_eq!(ags.len(), 396);
    assert_eq!(kommunen[0]["adresse"], format!("/kommunen/{}", ags[0]));

    let gross = alle(&basis, "/api/v1/kommunen?sort=-einwohner&limit=37").await;
    let einwohner: Vec<i64> = gross.iter().map(|k| k["einwohner"].as_i64().unwrap()).collect();
    assert!(einwohner.windows(2).all(|w| w[0] >= w[1]), "absteigend");
    assert_eq!(gross[0]["name"], "Köln, Stadt");

    for sort in ["prio", "-prio", "lebenslage", "ozg_id"] {
        let l = alle(&basis, &format!("/api/v1/leistungen?sort={sort}&limit=100")).await;
        let ids = schluessel(&l, "ozg_id");
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "{sort}: doppelt");
        if sort.ends_with("prio") {
            let prio: Vec<Option<i64>> = l.iter().map(|z| z["prioritaet"].as_i64()).collect();
            let erste_leere = prio.iter().position(Option::is_none).unwrap_or(prio.len());
            assert!(prio[erste_leere..].iter().all(Option::is_none), "{sort}: leere Werte zuletzt");
        }
    }

    let (_, _, erste) = json(&format!("{basis}/api/v1/onlinedienste?limit=5")).await;
    let (_, _, sechs) = json(&format!("{basis}/api/v1/onlinedienste?limit=6")).await;
    let mut s = Sql::new("INSERT INTO onlinedienst (name, suchname, suchtext, status, quelle) VALUES (");
    s.push("'0000 Beispieldienst (Testzeile)', ' 0000 beispieldienst ', '0000 beispieldienst', 'live', 'Test')");
    db.transaktion(&[s]).await.unwrap();
    let m = erste["naechste"].as_str().unwrap();
    let (_, _, weiter) = json(&format!("{basis}/api/v1/onlinedienste?limit=5&cursor={m}")).await;
    assert_eq!(weiter["daten"][0]["id"], sechs["daten"][5]["id"], "die Marke hält die Stelle");
    assert_eq!(weiter["gesamt"].as_i64().unwrap(), erste["gesamt"].as_i64().unwrap() + 1);
}

/// The catalogs' filters: a value, "ist nicht gleich", several values, search; both parts add up.
async fn filter_wie_im_katalog(db: Db) {
    let basis = common::starten(db.clone()).await;
    let gesamt = |v: &Value| v["gesamt"].as_i64().unwrap();
    let (_, _, alle_l) = json(&format!("{basis}/api/v1/leistungen?limit=1")).await;
    let (_, _, tf2) = json(&format!("{basis}/api/v1/leistungen?tf=2&limit=100")).await;
    let (_, _, ohne2) = json(&format!("{basis}/api/v1/leistungen?tf=2&nicht_tf=1&limit=1")).await;
    let mut z = Sql::new("SELECT COUNT(*) FROM leistung WHERE themenfeld_id = 2");
    assert_eq!(gesamt(&tf2), db.zahl(&z).await.unwrap());
    assert!(gesamt(&tf2) > 0);
    assert_eq!(gesamt(&tf2) + gesamt(&ohne2), gesamt(&alle_l));
    assert!(tf2["daten"].as_array().unwrap().iter().all(|l| l["themenfeld_id"] == 2));
    let (_, _, zwei) = json(&format!("{basis}/api/v1/leistungen?tf=2&tf=3&limit=1")).await;
    z = Sql::new("SELECT COUNT(*) FROM leistung WHERE themenfeld_id IN (2, 3)");
    assert_eq!(gesamt(&zwei), db.zahl(&z).await.unwrap());

    let (_, _, koeln) = json(&format!("{basis}/api/v1/kommunen?q=koln")).await;
    assert_eq!(koeln["daten"][0]["name"], "Köln, Stadt", "{koeln}");
    let (_, _, bezirk) = json(&format!("{basis}/api/v1/kommunen?rb=M%C3%BCnster&limit=1")).await;
    z = Sql::new("SELECT COUNT(*) FROM kommune WHERE regierungsbezirk = 'Münster'");
    assert_eq!(gesamt(&bezirk), db.zahl(&z).await.unwrap());
    let (_, _, dienste) = json(&format!("{basis}/api/v1/onlinedienste?limit=100")).await;
    assert!(
        dienste["daten"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["kommunen"].as_i64().unwrap() > 0 || !d["themenfelder"].as_array().unwrap().is_empty())
    );
    let (_, _, leika) = json(&format!("{basis}/api/v1/leika?ozg=-&limit=1")).await;
    z = Sql::new("SELECT COUNT(*) FROM leika WHERE ozg_id IS NULL");
    assert_eq!(gesamt(&leika), db.zahl(&z).await.unwrap());
}

/// Wrong, hostile or oversized parameters: 400 as problem+json that names the parameter; unknown
/// addresses 404, writes 405 – all in German, with the path as `instance`.
async fn parameter_streng_mit_problemen(db: Db) {
    let basis = common::starten(db.clone()).await;
    let (_, _, seite) = json(&format!("{basis}/api/v1/kommunen?sort=name&limit=2")).await;
    let marke = seite["naechste"].as_str().unwrap().to_string();
    let lang = "x".repeat(201);
    let viele = (0..101).map(|i| format!("tf={i}")).collect::<Vec<_>>().join("&");
    let riesig = format!("q={}", "y".repeat(5000));
    let faelle: Vec<(String, Option<&str>)> = vec![
        ("limit=0".into(), Some("limit")),
        ("limit=101".into(), Some("limit")),
        ("limit=abc".into(), Some("limit")),
        ("limit=-1".into(), Some("limit")),
        ("sort=passwort".into(), Some("sort")),
        ("xyz=1".into(), Some("xyz")),
        ("q=a&q=b".into(), Some("q")),
        (format!("q={lang}"), Some("q")),
        ("q=%00".into(), Some("q")),
        ("tf=".into(), None),
        ("cursor=kaputt".into(), Some("cursor")),
        ("cursor=eyJzIjoxfQ".into(), Some("cursor")),
        (format!("sort=-name&cursor={marke}"), Some("cursor")),
        ("nicht_tf=vielleicht".into(), Some("nicht_tf")),
        ("nicht_tf=true".into(), Some("nicht_tf")),
        ("tf=1&nicht_tf=1&nicht_tf=0".into(), Some("nicht_tf")),
        (vec!["tf=0"; 51].join("&"), Some("tf")),
        (viele, None),
        (riesig, None),
        ("%ZZ=%".into(), None),
    ];
    for (abfrage, parameter) in faelle {
        let pfad = if abfrage.starts_with("tf") || abfrage.starts_with("nicht_tf") { "leistungen" } else { "kommunen" };
        let r = reqwest::get(format!("{basis}/api/v1/{pfad}?{abfrage}")).await.unwrap();
        assert_eq!(r.status().as_u16(), 400, "{abfrage}");
        assert_eq!(r.headers()["content-type"], "application/problem+json", "{abfrage}");
        let p: Value = r.json().await.unwrap();
        assert_eq!(p["status"], 400);
        assert_eq!(p["instance"], format!("/api/v1/{pfad}"));
        assert!(p["type"].as_str().unwrap().starts_with("/api/v1/doku#problem-"), "{p}");
        assert!(p["detail"].as_str().unwrap().len() > 10, "{p}");
        if let Some(name) = parameter {
            assert_eq!(p["parameter"], name, "{abfrage}: {p}");
        }
    }
    let (s, _, p) = json(&format!("{basis}/api/v1/gibt-es-nicht")).await;
    assert_eq!((s, p["title"].as_str()), (404, Some("Nicht gefunden")));
    let r = reqwest::Client::new().post(format!("{basis}/api/v1/kommunen")).body("x").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 405);
    assert_eq!(r.headers()["allow"], "GET, HEAD, OPTIONS");
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let (s, _, _) = json(&format!("{basis}/api/v1/themenfelder?limit=3")).await;
    assert_eq!(s, 400);
    // The server functions next door are untouched by the API's rules.
    assert_eq!(common::holen(&format!("{basis}/api/abo_stand")).await.0 / 100, 4);
}

/// `ETag` and `Last-Modified`: 304 while nothing changed, 200 with a new tag after a write;
/// CORS for reading from any origin; publicly cacheable even with a session cookie.
async fn bedingt_und_cors(db: Db) {
    let basis = common::starten(db.clone()).await;
    let url = format!("{basis}/api/v1/themenfelder");
    let c = reqwest::Client::new();
    let r = c.get(&url).header("origin", "https://daten.example").send().await.unwrap();
    assert_eq!(r.status(), 200);
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let zeit = r.headers()["last-modified"].to_str().unwrap().to_string();
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert_eq!(r.headers()["cache-control"], "public, no-cache");
    let tf: Value = r.json().await.unwrap();
    assert_eq!(
        i64::try_from(tf.as_array().unwrap().len()).unwrap(),
        db.zahl(&Sql::new("SELECT COUNT(*) FROM themenfeld")).await.unwrap()
    );
    let r = c.get(&url).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(r.status(), 304);
    assert_eq!(r.headers()["etag"].to_str().unwrap(), etag);
    let r = c.get(&url).header("if-modified-since", &zeit).send().await.unwrap();
    assert_eq!(r.status(), 304);
    let r = c
        .get(&url)
        .header("cookie", format!("ozg_sitzung={}", "a".repeat(64)))
        .header("if-none-match", "\"alt\"")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "public, no-cache");

    db.transaktion(&[Sql::new("UPDATE themenfeld SET name = name || ' (geändert)' WHERE id = 1")]).await.unwrap();
    let r = c.get(&url).header("if-none-match", &etag).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_ne!(r.headers()["etag"].to_str().unwrap(), etag);
    assert!(r.text().await.unwrap().contains("(geändert)"));

    let r = c
        .request(reqwest::Method::OPTIONS, format!("{basis}/api/v1/leistungen"))
        .header("origin", "https://daten.example")
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "if-none-match")
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    assert!(r.headers()["access-control-allow-headers"].to_str().unwrap().contains("if-none-match"));
}

/// The description is OpenAPI 3.1 and names every list with its catalog's filters and sorts;
/// each list answers with what its schema says it has.
async fn beschreibung_passt_zu_den_antworten(db: Db) {
    let basis = common::starten(db).await;
    let (s, _, doc) = json(&format!("{basis}/api/v1/openapi.json")).await;
    assert_eq!(s, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    let pfade = doc["paths"].as_object().unwrap();
    for (pfad, filter) in [
        ("/api/v1/leistungen", "tf"),
        ("/api/v1/leika", "ozg"),
        ("/api/v1/kommunen", "kreis"),
        ("/api/v1/onlinedienste", "anbieter"),
    ] {
        let params: Vec<&str> =
            pfade[pfad]["get"]["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        for p in ["q", "sort", "limit", "cursor", filter, &format!("nicht_{filter}")] {
            assert!(params.contains(&p), "{pfad}: {p} fehlt in {params:?}");
        }
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for (pfad, schema) in [("/api/v1/kommunen", "Kommune"), ("/api/v1/onlinedienste", "Onlinedienst")] {
        let (_, _, v) = json(&format!("{basis}{pfad}?limit=3")).await;
        let felder: HashSet<&String> = v["daten"][0].as_object().unwrap().keys().collect();
        let beschrieben: HashSet<&String> = schemas[schema]["properties"].as_object().unwrap().keys().collect();
        assert_eq!(felder, beschrieben, "{schema}");
    }
}

/// Looks like an e-mail address: a local part and a domain with a dot and a letter TLD (a URL of
/// a legal text with `@attr_id%3D…` in its query is none).
fn ist_email(w: &str) -> bool {
    let Some((lokal, domain)) = w.split_once('@') else { return false };
    let tld = domain.rsplit('.').next().unwrap_or_default();
    !lokal.is_empty()
        && lokal.chars().all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c))
        && domain.contains('.')
        && domain.chars().all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
}

#[test]
fn e_mail_erkannt() {
    assert!(ist_email("geheim@kdn.example"));
    assert!(!ist_email("//*%5B@attr_id%3D%2527bgbl111s0610.pd"));
    assert!(!ist_email("@"));
}

/// Anonymously through every list of the description, all pages: no e-mail address, no phone
/// field, nothing from accounts – also after an account and contacts exist.
async fn anonym_nichts_persoenliches(db: Db) {
    let basis = common::starten(db.clone()).await;
    common::konto_anmelden(&db, &basis, "geheim@kdn.example", "Geheime Person", app::model::konto::Rolle::Admin).await;
    let (_, _, doc) = json(&format!("{basis}/api/v1/openapi.json")).await;
    let email = |t: &str| t.split(|c: char| c.is_whitespace() || "\"<>()[],;".contains(c)).any(ist_email);
    for (pfad, item) in doc["paths"].as_object().unwrap() {
        assert!(item.get("get").is_some() && item.as_object().unwrap().len() == 1, "{pfad}: nur GET");
        let antwort = if item["get"]["parameters"].as_array().is_some_and(|p| p.iter().any(|p| p["name"] == "cursor")) {
            Value::Array(alle(&basis, &format!("{pfad}?limit=100")).await)
        } else if pfad.ends_with("/dcat") {
            Value::String(reqwest::get(format!("{basis}{pfad}")).await.unwrap().text().await.unwrap())
        } else if pfad.starts_with("/api/v1/bund/") {
            // The Bund's shape: every row of the Land at once.
            json(&format!("{basis}{}?size=1000", pfad.replace("{ars}", "050000000000"))).await.2
        } else if let Some((liste, param)) = einzeln(pfad) {
            // Every entry of the list at its own address (the single answers say more).
            let mut einzelne = Vec::new();
            for z in alle(&basis, &format!("{liste}?limit=100")).await {
                let k = z[param.as_str()].to_string().replace('"', "");
                let (s, _, v) = json(&format!("{basis}{liste}/{k}")).await;
                assert_eq!(s, 200, "{liste}/{k}: {v}");
                einzelne.push(v);
                if einzelne.len() == 150 {
                    break;
                }
            }
            assert!(!einzelne.is_empty(), "{pfad}");
            Value::Array(einzelne)
        } else {
            json(&format!("{basis}{pfad}")).await.2
        };
        let text = serde_json::to_string(&antwort).unwrap();
        assert!(!email(&text), "{pfad}: E-Mail-Adresse in der Antwort");
        assert!(!text.contains("Geheime Person"), "{pfad}");
        let mut felder = HashSet::new();
        feldnamen(&antwort, &mut felder);
        for f in felder {
            let f = f.to_lowercase();
            for wort in ["mail", "telefon", "passwort", "kontakt", "ansprech", "protokoll", "sitzung"] {
                assert!(!f.contains(wort), "{pfad}: Feld „{f}“");
            }
        }
    }
}

/// `/api/v1/x/{k}` → (`/api/v1/x`, `k`).
fn einzeln(pfad: &str) -> Option<(String, String)> {
    let (liste, rest) = pfad.rsplit_once("/{")?;
    Some((liste.to_string(), rest.trim_end_matches('}').to_string()))
}

fn feldnamen(v: &Value, aus: &mut HashSet<String>) {
    match v {
        Value::Object(o) => {
            for (k, w) in o {
                aus.insert(k.clone());
                feldnamen(w, aus);
            }
        }
        Value::Array(a) => a.iter().for_each(|w| feldnamen(w, aus)),
        _ => {}
    }
}

/// The per-network limit holds for the API (logged in or not) with 429, Retry-After and a
/// problem a browser client on another origin can read.
async fn drosselung_mit_retry_after(db: Db) {
    common::mit_daten(&db).await;
    let grenzen = server::last::Lastgrenzen { api_je_sekunde: 1, ..server::last::Lastgrenzen::unbegrenzt() };
    let basis = common::dienen_mit(db, server::sicherheit::Sicherheit::default(), grenzen).await;
    let mut status = Vec::new();
    for _ in 0..8 {
        let r = reqwest::get(format!("{basis}/api/v1/themenfelder")).await.unwrap();
        status.push(r.status().as_u16());
        if r.status() == 429 {
            assert!(r.headers()["retry-after"].to_str().unwrap().parse::<u64>().unwrap() >= 1);
            assert_eq!(r.headers()["content-type"], "application/problem+json");
            assert_eq!(r.headers()["access-control-allow-origin"], "*");
            let p: Value = r.json().await.unwrap();
            assert_eq!(p["status"], 429);
        }
    }
    assert!(status.starts_with(&[200, 200, 200, 200]) && status.contains(&429), "{status:?}");
    // The pages are not the API's limit.
    assert_eq!(common::holen(&format!("{basis}/kommunen")).await.0, 200);
}

/// The documentation page: HTML under a policy that lets no script run, and every example on it
/// answers with data.
async fn doku_mit_beispielen(db: Db) {
    let basis = common::starten(db).await;
    let r = reqwest::get(format!("{basis}/api/v1/doku")).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let csp = r.headers()["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"), "{csp}");
    let html = r.text().await.unwrap();
    let beispiele: Vec<&str> = html
        .split("href=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .filter(|u| u.starts_with("/api/v1/"))
        .collect();
    assert!(beispiele.len() >= 6, "{beispiele:?}");
    for url in beispiele {
        let url = url.replace("&amp;", "&");
        if url.ends_with("/dcat") {
            let text = reqwest::get(format!("{basis}{url}")).await.unwrap().text().await.unwrap();
            assert!(text.contains("<dcat:Catalog"), "{url}");
            continue;
        }
        let (s, _, v) = json(&format!("{basis}{url}")).await;
        assert_eq!(s, 200, "{url}");
        let zeilen = v.get("daten").or(v.get("content")).unwrap_or(&v);
        let leer = zeilen.as_array().map(Vec::is_empty).unwrap_or_else(|| zeilen.as_object().unwrap().is_empty());
        assert!(url.ends_with("openapi.json") || !leer, "{url}: leer");
    }
}

/// Projects, events and documents: every row once in every order the list offers, both ways,
/// with the counts of the database; their facets with "ist nicht gleich" split the list; each
/// row at its own address; keys of the wrong form are 400, unknown ones 404.
async fn koordination_und_einzelne(db: Db) {
    let basis = common::starten(db.clone()).await;
    let listen = [
        ("projekte", "projekt", &["name", "status", "umsetzung", "rollout"][..]),
        ("veranstaltungen", "veranstaltung", &["titel", "datum"][..]),
        ("dokumente", "dokument", &["titel", "stand"][..]),
    ];
    for (liste, tabelle, sorten) in listen {
        let n = db.zahl(&Sql::new(&format!("SELECT COUNT(*) FROM {tabelle}"))).await.unwrap();
        assert!(n > 0, "{tabelle}");
        let mut ids: Vec<String> = schluessel(&alle(&basis, &format!("/api/v1/{liste}?limit=7")).await, "id");
        ids.sort();
        for sort in sorten {
            for richtung in ["", "-"] {
                let mut z =
                    schluessel(&alle(&basis, &format!("/api/v1/{liste}?limit=3&sort={richtung}{sort}")).await, "id");
                z.sort();
                assert_eq!(z, ids, "{liste} {richtung}{sort}");
            }
        }
        assert_eq!(i64::try_from(ids.len()).unwrap(), n, "{liste}");
        let (s, _, v) = json(&format!("{basis}/api/v1/{liste}/{}", ids[0])).await;
        assert_eq!((s, v["id"].to_string()), (200, ids[0].clone()), "{v}");
        let (s, h, v) = json(&format!("{basis}/api/v1/{liste}/99999999")).await;
        assert_eq!((s, v["status"].as_i64()), (404, Some(404)), "{v}");
        assert_eq!(h["content-type"], "application/problem+json");
        let (s, _, v) = json(&format!("{basis}/api/v1/{liste}/abc")).await;
        assert_eq!((s, v["parameter"].as_str()), (400, Some("id")), "{v}");
        let (s, _, _) = json(&format!("{basis}/api/v1/{liste}/{}?x=1", ids[0])).await;
        assert_eq!(s, 400);
    }
    // Names sorted as the portal folds them, dates with the undated last.
    let namen: Vec<String> = alle(&basis, "/api/v1/projekte?sort=name&limit=100")
        .await
        .iter()
        .map(|p| app::model::text::fold(p["name"].as_str().unwrap()))
        .collect();
    assert!(namen.is_sorted(), "{namen:?}");
    let rollout: Vec<Option<String>> = alle(&basis, "/api/v1/projekte?sort=-rollout&limit=100")
        .await
        .iter()
        .map(|p| p["phasen"][5]["beginn"].as_str().map(String::from))
        .collect();
    let erstes_leeres = rollout.iter().position(Option::is_none).unwrap_or(rollout.len());
    assert!(rollout[erstes_leeres..].iter().all(Option::is_none), "{rollout:?}");
    assert!(rollout[..erstes_leeres].is_sorted_by(|a, b| a >= b), "{rollout:?}");

    let gesamt = |v: &Value| v["gesamt"].as_i64().unwrap();
    let tf = db.zahl(&Sql::new("SELECT MIN(themenfeld_id) FROM projekt_themenfeld")).await.unwrap();
    let (_, _, mit) = json(&format!("{basis}/api/v1/projekte?tf={tf}&limit=1")).await;
    let (_, _, ohne) = json(&format!("{basis}/api/v1/projekte?tf={tf}&nicht_tf=1&limit=1")).await;
    let z = Sql::new(&format!("SELECT COUNT(DISTINCT projekt_id) FROM projekt_themenfeld WHERE themenfeld_id = {tf}"));
    assert_eq!(gesamt(&mit), db.zahl(&z).await.unwrap());
    assert_eq!(gesamt(&mit) + gesamt(&ohne), db.zahl(&Sql::new("SELECT COUNT(*) FROM projekt")).await.unwrap());
    let (s, _, v) = json(&format!("{basis}/api/v1/veranstaltungen?zeit=vergangen&sort=datum&limit=100")).await;
    assert_eq!(s, 200);
    assert!(v["daten"].as_array().unwrap().iter().all(|e| e["bis"].as_str().unwrap() < "2026-01-01"));
    let (s, _, v) = json(&format!("{basis}/api/v1/projekte?sort=titel")).await;
    assert_eq!((s, v["parameter"].as_str()), (400, Some("sort")), "{v}");

    // Single catalog entries: the same fields as in the list; an online service with its users.
    let (s, _, k) = json(&format!("{basis}/api/v1/kommunen/05554004")).await;
    assert_eq!((s, k["name"].as_str()), (200, Some("Ahaus, Stadt")), "{k}");
    let (_, _, liste) = json(&format!("{basis}/api/v1/kommunen?q=ahaus")).await;
    assert_eq!(liste["daten"][0], k);
    for falsch in ["0555400", "05554004x", "%00", "-1"] {
        let (s, _, v) = json(&format!("{basis}/api/v1/kommunen/{falsch}")).await;
        assert_eq!((s, v["parameter"].as_str()), (400, Some("ags")), "{falsch}: {v}");
    }
    assert_eq!(json(&format!("{basis}/api/v1/kommunen/05999999")).await.0, 404);
    let (s, _, l) = json(&format!("{basis}/api/v1/leistungen/10257")).await;
    assert_eq!((s, l["ozg_id"].as_i64()), (200, Some(10257)), "{l}");
    assert_eq!(json(&format!("{basis}/api/v1/leistungen/99999999999999999999")).await.0, 400);
    let dienst = db
        .zahl(&Sql::new("SELECT onlinedienst_id FROM onlinedienst_kommune GROUP BY onlinedienst_id ORDER BY COUNT(*) DESC, onlinedienst_id LIMIT 1"))
        .await;
    if let Ok(d) = dienst {
        let (s, _, o) = json(&format!("{basis}/api/v1/onlinedienste/{d}")).await;
        assert_eq!(s, 200);
        let z = Sql::new(&format!("SELECT COUNT(*) FROM onlinedienst_kommune WHERE onlinedienst_id = {d}"));
        let n = db.zahl(&z).await.unwrap();
        assert_eq!(i64::try_from(o["nutzung"].as_array().unwrap().len()).unwrap(), n);
        assert_eq!(o["kommunen"].as_i64(), Some(n), "{o}");
        assert_eq!(o["id"].as_i64(), Some(d));
    }
}

/// Kept answers: the same address twice gives the same bytes and headers (the `Link` too); a
/// change of the data is seen at once, at the same address.
async fn antwortspeicher_folgt_den_daten(db: Db) {
    let basis = common::starten(db.clone()).await;
    let url = format!("{basis}/api/v1/onlinedienste?limit=2&sort=-name");
    let holen = || async {
        let r = reqwest::get(&url).await.unwrap();
        let link = r.headers().get("link").map(|l| l.to_str().unwrap().to_string());
        let typ = r.headers()["content-type"].to_str().unwrap().to_string();
        (link, typ, r.text().await.unwrap())
    };
    let erste = holen().await;
    let zweite = holen().await;
    assert_eq!(erste, zweite);
    assert!(erste.0.is_some() && erste.1 == "application/json");
    let vorher: Value = serde_json::from_str(&erste.2).unwrap();
    let mut s = Sql::new("INSERT INTO onlinedienst (name, suchname, suchtext, status, quelle) VALUES (");
    s.push("'zzzz Zwischendienst (Testzeile)', ' zzzz zwischendienst ', 'zzzz zwischendienst', 'live', 'Test')");
    db.transaktion(&[s]).await.unwrap();
    let nachher: Value = serde_json::from_str(&holen().await.2).unwrap();
    assert_eq!(nachher["gesamt"].as_i64().unwrap(), vorher["gesamt"].as_i64().unwrap() + 1);
    assert_eq!(nachher["daten"][0]["name"], "zzzz Zwischendienst (Testzeile)");
}

beide_datenbanken!(
    antwortspeicher_folgt_den_daten,
    koordination_und_einzelne,
    doku_mit_beispielen,
    blaettern_vollstaendig_und_stabil,
    filter_wie_im_katalog,
    parameter_streng_mit_problemen,
    bedingt_und_cors,
    beschreibung_passt_zu_den_antworten,
    anonym_nichts_persoenliches,
    drosselung_mit_retry_after,
);
