//! Black-box tests over real HTTP: the router on a loopback port, a fresh database each time.

use crate::common;

use app::store::Db;
use common::starten;

async fn get(url: &str) -> (u16, String) {
    // A page that never answers fails here, naming the URL, instead of blocking the whole run.
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(60)).build().unwrap();
    let r = client.get(url).send().await.unwrap_or_else(|e| panic!("GET {url}: {e}"));
    (r.status().as_u16(), r.text().await.unwrap_or_else(|e| panic!("GET {url}: {e}")))
}

async fn seiten_werden_serverseitig_gerendert(db: Db) {
    let basis = starten(db).await;
    let (status, html) = get(&format!("{basis}/")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<html lang=\"de\""));
    assert!(html.contains(">557<"), "live count of OZG-Leistungen");
    assert!(html.contains(">5.251<"), "live count of LeiKa-Leistungen");
    assert!(html.contains(">396<"));

    let (status, html) = get(&format!("{basis}/leistungen?tf=2&sort=ozg_id")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Abbruchgenehmigung"));
    assert!(!html.contains("Führerschein</a>"), "filtered to Bauen & Wohnen");

    let (status, html) = get(&format!("{basis}/landkarte?mass=leika")).await;
    assert_eq!(status, 200);
    assert!(html.contains("/themenfelder/bauen-wohnen"));
    assert!(html.contains("LeiKa-Leistungen"));

    let (status, html) = get(&format!("{basis}/themenfelder/mobilitaet-reisen")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Wiebke Borchert"));
    // The workshops are Veranstaltungen: the past one with its day and place, the planned one
    // with its quarter.
    for teil in ["Themenfeld-Workshops", "03.12.2019", "FHDW Mettmann", "Q1 2020", "themenfeld-mobilitaet-reisen.ics"] {
        assert!(html.contains(teil), "{teil}");
    }

    let (status, html) = get(&format!("{basis}/kommunen/05554004")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ahaus"));
    assert!(html.contains("Mittlere kreisangehörige Stadt"));

    let (status, html) = get(&format!("{basis}/leistungen/10513")).await;
    assert_eq!(status, 200);
    assert!(html.contains("99012001000000"));
}

async fn fehler_haben_echte_statuscodes(db: Db) {
    let basis = starten(db).await;
    assert_eq!(get(&format!("{basis}/gibt-es-nicht")).await.0, 404);
    let (status, html) = get(&format!("{basis}/leistungen/99999")).await;
    assert_eq!(status, 404);
    assert!(html.contains("Die OZG-Leistung 99999 wurde nicht gefunden."));
    let (status, html) = get(&format!("{basis}/leistungen/abc")).await;
    assert_eq!(status, 400);
    assert!(html.contains("keine gültige OZG-ID"));
    assert_eq!(get(&format!("{basis}/themenfelder/unbekannt")).await.0, 404);
    assert_eq!(get(&format!("{basis}/export/geheim.csv")).await.0, 404);
    // Markup in a query is escaped, never rendered.
    let (_, html) = get(&format!("{basis}/leistungen?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")).await;
    assert!(!html.contains("<script>alert(1)</script>"));
}

async fn export_entspricht_dem_filter(db: Db) {
    let basis = starten(db).await;
    let r = reqwest::get(format!("{basis}/export/leistungen.csv?tf=2&sort=ozg_id")).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains("ozg-atlas-leistungen.csv"));
    let text = r.text().await.unwrap();
    let zeilen: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        zeilen[0],
        "ozg_id;name;themenfeld;lebenslage;zustaendigkeit;prioritaet;efa;leika_anzahl;groessenklassen"
    );
    assert!(zeilen[1..].iter().all(|z| z.contains(";Bauen & Wohnen;")));

    let json: serde_json::Value =
        reqwest::get(format!("{basis}/export/leistungen.json?tf=2")).await.unwrap().json().await.unwrap();
    assert_eq!(json.as_array().unwrap().len(), zeilen.len() - 1, "CSV and JSON hold the same rows");

    let json: serde_json::Value =
        reqwest::get(format!("{basis}/export/leika.json?sg=fehlt")).await.unwrap().json().await.unwrap();
    assert_eq!(json.as_array().unwrap().len(), 438);
}

async fn serverfunktionen_antworten(db: Db) {
    let basis = starten(db).await;
    let client = reqwest::Client::new();
    let r = client
        .post(format!("{basis}/api/leistungen"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("query=zs%3Dland")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let seite: serde_json::Value = r.json().await.unwrap();
    assert_eq!(seite["gesamt"], 3);
    let r = client
        .post(format!("{basis}/api/kommune"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("ags=123")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    let fehler: serde_json::Value = r.json().await.unwrap();
    assert!(fehler["Ungueltig"].as_str().unwrap().contains("Gemeindeschlüssel"));
}

/// The Lösungsdatenbank as a user and a spreadsheet see it: rows with filter links, the export of
/// a negated filter, the Steckbrief of one service with its keys resolved against the catalog.
async fn loesungsdatenbank_seiten_und_export(db: Db) {
    let basis = starten(db.clone()).await;
    let (status, html) = get(&format!("{basis}/loesungen?q=versteiger")).await;
    assert_eq!(status, 200);
    assert!(html.contains("§34b GewO Versteigerergewerbe"));
    assert!(html.contains("1 Online-Dienste"), "hit count shown");
    // The status value in the row is a link adding it as a filter to the current view.
    assert!(html.contains("href=\"/loesungen?q=versteiger&amp;status=live\""), "row value is a filter link");

    let tf = app::store::Sql::new(
        "SELECT CAST(t.id AS TEXT) FROM themenfeld t WHERE t.slug = 'wirtschaft-verwaltung' \
         OR t.name LIKE 'Unternehmensf%' ORDER BY t.id",
    );
    let tf = db.text(&tf).await.unwrap().expect("Themenfeld of the Wirtschafts-Service-Portal");
    let csv = |q: String| {
        let url = format!("{basis}/export/loesungen.csv?{q}");
        async move {
            let r = reqwest::get(url).await.unwrap();
            assert_eq!(r.status().as_u16(), 200);
            r.text()
                .await
                .unwrap()
                .trim_start_matches('\u{feff}')
                .lines()
                .skip(1)
                .map(str::to_string)
                .collect::<Vec<_>>()
        }
    };
    let alle = csv(String::new()).await;
    let mit = csv(format!("tf={tf}")).await;
    let ohne = csv(format!("tf={tf}&nicht_tf=1")).await;
    assert_eq!(alle.len(), 84);
    assert!(!mit.is_empty() && !ohne.is_empty());
    assert_eq!(mit.len() + ohne.len(), 84, "ist gleich + ist nicht gleich = alle");
    assert!(mit.iter().all(|z| !ohne.contains(z)));

    let id = db
        .zahl(&app::store::Sql::new("SELECT id FROM onlinedienst WHERE name = '§34b GewO Versteigerergewerbe'"))
        .await
        .unwrap();
    let (status, html) = get(&format!("{basis}/loesungen/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Wirtschafts-Service-Portal.NRW"));
    assert!(html.contains("99050036005000"));
    assert_eq!(get(&format!("{basis}/loesungen/999999")).await.0, 404);
    // The note on keys missing from the catalog counts them in proper German (1 vs. several).
    for (anzahl, satz) in
        [("= 1", "Ein Schlüssel steht nicht im LeiKa-Katalog"), ("> 1", "der Schlüssel stehen nicht im LeiKa-Katalog")]
    {
        let id = db
            .zahl(&app::store::Sql::new(&format!(
                "SELECT MIN(x.onlinedienst_id) FROM (SELECT onlinedienst_id FROM onlinedienst_leika l \
                 WHERE NOT EXISTS (SELECT 1 FROM leika k WHERE k.schluessel = l.schluessel) \
                 GROUP BY onlinedienst_id HAVING COUNT(*) {anzahl}) x"
            )))
            .await
            .unwrap();
        let (_, html) = get(&format!("{basis}/loesungen/{id}")).await;
        assert!(html.contains(satz), "{id}: {satz}");
    }
}

/// The bottom-up figures against an independent count, their SVG chart and the map's measure.
async fn umsetzungsstand_und_grafik(db: Db) {
    let basis = starten(db.clone()).await;
    let b = app::store::loesung::bottom_up(&db).await.unwrap();
    let mit_dienst = db
        .zahl(&app::store::Sql::new(
            "SELECT COUNT(DISTINCT k.ozg_id) FROM onlinedienst_leika ol JOIN leika k ON k.schluessel = ol.schluessel",
        ))
        .await
        .unwrap();
    assert_eq!(b.mit_dienst, mit_dienst);
    assert!(b.relevant_mit_dienst > 0 && b.relevant_mit_dienst <= b.mit_dienst);
    // One provider (the Wirtschafts-Service-Portal) so far: every Leistung in the first class.
    assert_eq!((b.anbieter_1, b.anbieter_2_6, b.anbieter_7), (b.relevant_mit_dienst, 0, 0));
    let (status, html) = get(&format!("{basis}/loesungen/kennzahlen")).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("{} von 557", b.mit_dienst)), "figure on the page");
    assert!(html.contains("Wie gezählt wird"));
    let r = reqwest::get(format!("{basis}/grafik/anbieter.svg")).await.unwrap();
    assert_eq!(r.headers()["content-type"], "image/svg+xml; charset=utf-8");
    let svg = r.text().await.unwrap();
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains(&format!(">{}</text>", b.anbieter_1)));
    assert_eq!(get(&format!("{basis}/grafik/geheim.svg")).await.0, 404);
    let (status, html) = get(&format!("{basis}/landkarte?mass=online")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Anteil der OZG-Leistungen mit Online-Dienst"));
    let tf = app::store::leistung::themenfelder_kennzahlen(&db).await.unwrap();
    assert_eq!(tf.iter().map(|t| t.mit_dienst).sum::<i64>(), mit_dienst, "each Leistung in one Themenfeld");
}

/// A second router built in the same process (a second app server in a test, a benchmark) must
/// not hold up pages of the first. Leptos suppresses resource loads process-wide while it
/// generates a route list, and a resource first polled in that window waited forever (leptos
/// #4773) – the hang that made the tests run one at a time. Routers now share one route list.
async fn zweiter_router_haelt_keine_seite_an(db: Db) {
    let basis = starten(db.clone()).await;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let fertig = std::sync::Arc::new(AtomicBool::new(false));
    let gebaut = std::sync::Arc::new(AtomicUsize::new(0));
    let bauer = {
        let (db, fertig, gebaut) = (db.clone(), fertig.clone(), gebaut.clone());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(async {
                while !fertig.load(Ordering::Relaxed) {
                    let optionen = server::config::leptos_options("127.0.0.1:0".parse().unwrap(), "target/site");
                    let grenzen = server::last::Lastgrenzen::unbegrenzt();
                    drop(server::router::router(db.clone(), optionen, Default::default(), grenzen));
                    gebaut.fetch_add(1, Ordering::Relaxed);
                    tokio::task::yield_now().await;
                }
            });
        })
    };
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(10)).build().unwrap();
    // At least 40 pages, and on until routers were built meanwhile (a busy machine builds them
    // slowly; the overlap, not the speed, is what is tested).
    let mut i = 0;
    while i < 40 || (gebaut.load(Ordering::Relaxed) <= 10 && i < 2_000) {
        // A distinct query each time: every page is rendered, none comes from the page cache.
        let url = format!("{basis}/leistungen/{}?abruf={i}", if i % 2 == 0 { "10513" } else { "99999" });
        let status = client.get(&url).send().await.map(|r| r.status().as_u16());
        assert!(matches!(status, Ok(200 | 404)), "Seite {i} ({url}) hing: {status:?}");
        i += 1;
    }
    fertig.store(true, Ordering::Relaxed);
    bauer.join().unwrap();
    assert!(gebaut.load(Ordering::Relaxed) > 10, "während der Seitenabrufe wurden Router gebaut");
}

beide_datenbanken!(
    zweiter_router_haelt_keine_seite_an,
    umsetzungsstand_und_grafik,
    loesungsdatenbank_seiten_und_export,
    seiten_werden_serverseitig_gerendert,
    fehler_haben_echte_statuscodes,
    export_entspricht_dem_filter,
    serverfunktionen_antworten,
);
