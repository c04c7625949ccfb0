//! The NRW-Karte: every Gemeinde and Kreis of the database has exactly one shape and vice versa;
//! the measures on the page equal independent SQL counts (a test service in operation in two
//! Gemeinden of Kreis Borken and planned in a third, two deliveries of different age); a Kreis
//! opens its Gemeinden, "Nur gleiche Größenklasse" ranks within the class, "Kommune finden"
//! highlights; unknown areas are 404, a hostile query gets a German message.

use crate::common::{self, holen};
use app::store::{Arg, Db, Sql};
use std::collections::BTreeSet;

const TAG_MS: i64 = 86_400_000;

async fn schluessel(db: &Db, sql: &str) -> BTreeSet<String> {
    db.alle::<(String,)>(&Sql::new(sql)).await.unwrap().into_iter().map(|(s,)| s).collect()
}

async fn jede_gemeinde_hat_genau_eine_form(db: Db) {
    common::mit_daten(&db).await;
    let geo = app::store::karte::geometrie::geometrie().unwrap();
    let formen = |f: &[app::store::karte::geometrie::Form]| {
        let s: BTreeSet<String> = f.iter().map(|f| f.schluessel.clone()).collect();
        assert_eq!(s.len(), f.len(), "ein Schlüssel mit zwei Formen");
        s
    };
    assert_eq!(formen(&geo.gemeinden), schluessel(&db, "SELECT ags FROM kommune").await);
    assert_eq!(formen(&geo.kreise), schluessel(&db, "SELECT ags FROM kreis").await);
}

/// A test service with two relevant OZG-Leistungen that no Land-wide service covers: in
/// operation in Ahaus and Heek since 2024, in Gescher only from 2099 on.
async fn testdaten(db: &Db, jetzt_ms: i64) {
    let leistungen = format!(
        "SELECT MIN(k.schluessel) FROM leistung l JOIN leika k ON k.ozg_id = l.ozg_id WHERE ({}) = 'ja' \
         AND k.schluessel IS NOT NULL AND l.ozg_id NOT IN (SELECT k2.ozg_id FROM onlinedienst_leika ol \
         JOIN leika k2 ON k2.schluessel = ol.schluessel WHERE k2.ozg_id IS NOT NULL) GROUP BY l.ozg_id ORDER BY 1 LIMIT 2",
        app::store::leistung::KOMMUNAL_RELEVANT
    );
    let keys = schluessel(db, &leistungen).await;
    assert_eq!(keys.len(), 2);
    let mut s = vec![Sql::new(
        "INSERT INTO onlinedienst (name, suchname, suchtext, url, status, quelle) VALUES \
         ('Kartendienst (Testzeile)', ' kartendienst ', 'kartendienst', 'https://test.example/karte', 'live', 'Test')",
    )];
    let dienst = "(SELECT id FROM onlinedienst WHERE name = 'Kartendienst (Testzeile)')";
    for k in keys {
        let mut l = Sql::new(&format!(
            "INSERT INTO onlinedienst_leika (onlinedienst_id, schluessel, bezeichnung) SELECT {dienst}, "
        ));
        l.bind(k).push(", 'Test'");
        s.push(l);
    }
    let tag = |t: &str| Arg::OptDate(chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok());
    for (ags, seit) in [("05554004", "2024-01-01"), ("05554024", "2024-03-01"), ("05554020", "2099-01-01")] {
        let mut b = Sql::new(&format!(
            "INSERT INTO onlinedienst_kommune (onlinedienst_id, kommune_ags, in_betrieb_seit) SELECT {dienst}, "
        ));
        b.bind(ags).push(", ").bind(tag(seit));
        s.push(b);
    }
    for (ags, tage) in [("05554004", 10), ("05554024", 400)] {
        let mut l =
            Sql::new("INSERT INTO lieferung (kommune_ags, dateiname, seiten, zuordnungen, benutzer, zeit_ms) VALUES (");
        l.bind(ags).push(", 'test.csv', 1, 1, 'Test', ").bind(jetzt_ms - tage * TAG_MS - 1000).push(")");
        s.push(l);
    }
    db.transaktion(&s).await.unwrap();
}

/// Relevant OZG-Leistungen of a Gemeinde with a service in operation – one query, written apart
/// from the store's (which unions sets in Rust).
async fn abgedeckt(db: &Db, ags: &str) -> (i64, i64) {
    let rel = app::store::leistung::KOMMUNAL_RELEVANT;
    let heute = chrono::Utc::now().date_naive();
    let mut s = Sql::new(&format!(
        "SELECT COUNT(*) FROM leistung l WHERE ({rel}) = 'ja' AND (EXISTS (SELECT 1 FROM onlinedienst o \
         JOIN onlinedienst_leika ol ON ol.onlinedienst_id = o.id JOIN leika k ON k.schluessel = ol.schluessel \
         WHERE o.reichweite = 'land' AND o.status = 'live' AND k.ozg_id = l.ozg_id) OR EXISTS (SELECT 1 \
         FROM onlinedienst_kommune m JOIN onlinedienst_leika ol ON ol.onlinedienst_id = m.onlinedienst_id \
         JOIN leika k ON k.schluessel = ol.schluessel WHERE k.ozg_id = l.ozg_id AND m.kommune_ags = "
    ));
    s.bind(ags).push(" AND m.in_betrieb_seit <= ").bind(Arg::OptDate(Some(heute))).push("))");
    let alle = db.zahl(&Sql::new(&format!("SELECT COUNT(*) FROM leistung l WHERE ({rel}) = 'ja'"))).await.unwrap();
    (db.zahl(&s).await.unwrap(), alle)
}

async fn name(db: &Db, ags: &str) -> String {
    app::store::kommune::name(db, ags).await.unwrap().unwrap()
}

fn prozent(a: i64, r: i64) -> String {
    let p = format!("{:.1}", (a as f64 * 1000.0 / r as f64).round() / 10.0).replace('.', ",");
    format!("{} % ({a} von {r})", p.trim_end_matches(",0"))
}

fn bezeichnung(html: &str, name: &str) -> String {
    let start = html.find(&format!("aria-label=\"{name}: ")).unwrap_or_else(|| panic!("{name} fehlt auf der Karte"));
    let rest = &html[start + "aria-label=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

async fn masse_wie_eigene_zaehlung(db: Db) {
    let basis = common::starten(db.clone()).await;
    testdaten(&db, app::store::jetzt_ms()).await;
    let kreis = "05554";

    let (_, html) = holen(&format!("{basis}/karte?gebiet={kreis}")).await;
    let gemeinden = db.zahl(&Sql::new("SELECT COUNT(*) FROM kommune WHERE kreis_ags = '05554'")).await.unwrap();
    assert_eq!(app::model::anzahl(html.matches("class=\"einheit ").count()), gemeinden);
    for ags in ["05554004", "05554024", "05554020"] {
        let (a, r) = abgedeckt(&db, ags).await;
        let name = name(&db, ags).await;
        assert_eq!(bezeichnung(&html, &name), format!("{name}: {}", prozent(a, r)));
    }
    let (ahaus, heek, gescher) =
        (name(&db, "05554004").await, name(&db, "05554024").await, name(&db, "05554020").await);
    assert_ne!(abgedeckt(&db, "05554004").await, abgedeckt(&db, "05554020").await, "der Testdienst zählt in Ahaus");

    // The Kreis on the Land map: the sums over its Gemeinden.
    let (mut summe, mut relevant) = (0, 0);
    for (ags,) in db.alle::<(String,)>(&Sql::new("SELECT ags FROM kommune WHERE kreis_ags = '05554'")).await.unwrap() {
        let (a, r) = abgedeckt(&db, &ags).await;
        summe += a;
        relevant += r;
    }
    let (_, land) = holen(&format!("{basis}/karte")).await;
    assert_eq!(land.matches("class=\"einheit ").count(), 53);
    assert!(land.contains("aria-label=\"Borken: "), "der Kreis heißt Borken");
    assert_eq!(bezeichnung(&land, "Borken"), format!("Borken: {}", prozent(summe, relevant)));

    let (_, dienste) = holen(&format!("{basis}/karte?gebiet={kreis}&mass=dienste")).await;
    assert_eq!(bezeichnung(&dienste, &ahaus), format!("{ahaus}: 1 Online-Dienst"));
    assert_eq!(bezeichnung(&dienste, &gescher), format!("{gescher}: 0 Online-Dienste"));
    let (_, dienste_land) = holen(&format!("{basis}/karte?mass=dienste")).await;
    assert_eq!(bezeichnung(&dienste_land, "Borken"), "Borken: 1 Online-Dienst");

    let (_, lieferung) = holen(&format!("{basis}/karte?gebiet={kreis}&mass=lieferung")).await;
    assert_eq!(bezeichnung(&lieferung, &ahaus), format!("{ahaus}: vor 10 Tagen geliefert"));
    assert_eq!(bezeichnung(&lieferung, &heek), format!("{heek}: vor 400 Tagen geliefert"));
    assert_eq!(bezeichnung(&lieferung, &gescher), format!("{gescher}: keine Lieferung"));
    let (_, lieferung_land) = holen(&format!("{basis}/karte?mass=lieferung")).await;
    assert_eq!(
        bezeichnung(&lieferung_land, "Borken"),
        format!("Borken: 1 von {gemeinden} Gemeinden mit Lieferung aus den letzten 365 Tagen")
    );

    let (_, gk) = holen(&format!("{basis}/karte?gebiet={kreis}&mass=groessenklasse")).await;
    assert_eq!(bezeichnung(&gk, &ahaus), format!("{ahaus}: Mittlere kreisangehörige Stadt"));
    let (_, dl) = holen(&format!("{basis}/karte?mass=dienstleister")).await;
    let erwartet = db
        .alle::<(String,)>(&Sql::new(
            "SELECT DISTINCT d.name FROM dienstleister_gebiet_kreis gk JOIN dienstleister_gebiet g ON g.id = gk.gebiet_id \
             JOIN dienstleister d ON d.id = g.dienstleister_id WHERE gk.kreis_ags = '05554' ORDER BY d.name",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|(n,)| n)
        .collect::<Vec<_>>()
        .join(" / ");
    let erwartet = if erwartet.is_empty() { "keiner genannt".to_string() } else { erwartet };
    assert_eq!(bezeichnung(&dl, "Borken"), format!("Borken: {}", html_text(&erwartet)));
}

fn html_text(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

async fn vergleichen_finden_und_grenzen(db: Db) {
    let basis = common::starten(db.clone()).await;
    testdaten(&db, app::store::jetzt_ms()).await;
    // Only the mittlere kreisangehörige Städte of Kreis Borken are ranked; Ahaus leads them.
    let (_, html) = holen(&format!("{basis}/karte?gebiet=05554&klasse=mittel&markiert=05554004")).await;
    let mittel = db
        .zahl(&Sql::new("SELECT COUNT(*) FROM kommune WHERE kreis_ags = '05554' AND groessenklasse = 'mittel'"))
        .await
        .unwrap();
    assert!(mittel >= 2);
    let alle = db.zahl(&Sql::new("SELECT COUNT(*) FROM kommune WHERE kreis_ags = '05554'")).await.unwrap();
    assert_eq!(app::model::anzahl(html.matches("(nicht im Vergleich)\"").count()), alle - mittel);
    assert!(markiert(&html, "05554004"));
    let zeile = &html[html.find("<th scope=\"row\"><a href=\"/kommunen/05554004\"").unwrap()..];
    assert!(zeile[..zeile.find("</tr>").unwrap()].contains("<td class=\"zahl\">1</td>"), "Ahaus auf Rang 1");

    // "Kommune finden": folded, the Kreis opens with the Gemeinde highlighted.
    let (status, gefunden) = holen(&format!("{basis}/karte?finden=%20AHAUS%20")).await;
    assert_eq!(status, 200);
    let ahaus = name(&db, "05554004").await;
    assert!(gefunden.contains(&format!("Gefunden: {ahaus}.")));
    assert!(markiert(&gefunden, "05554004"));
    let (_, nichts) = holen(&format!("{basis}/karte?finden=Atlantis")).await;
    assert!(nichts.contains("Keine Gemeinde „Atlantis“ gefunden."));

    // A Kreis links to its Gemeinden, a Gemeinde to its Kommune page; an unknown area is 404.
    let (_, land) = holen(&format!("{basis}/karte?mass=dienste")).await;
    assert!(land.contains("href=\"/karte?mass=dienste&amp;gebiet=05554\""));
    assert!(html.contains("href=\"/kommunen/05554004\""));
    assert_eq!(holen(&format!("{basis}/karte?gebiet=05999")).await.0, 404);
    assert_eq!(holen(&format!("{basis}/karte?gebiet=059")).await.0, 200);
    let (_, alle_gemeinden) = holen(&format!("{basis}/karte?teilung=gemeinden")).await;
    assert_eq!(alle_gemeinden.matches("class=\"einheit ").count(), 396);
    assert!(alle_gemeinden.contains("© GeoBasis-DE / BKG"));

    // Hostile: an overlong query gets a German message; nonsense falls back to the Land map;
    // many at once all answer.
    let lang = "x".repeat(5_000);
    let (status, text) = holen(&format!("{basis}/karte?finden={lang}")).await;
    assert_eq!(status, 422, "{}", &text[..text.len().min(300)]);
    assert!(text.contains("Die Adresse der Karte ist zu lang."));
    let (status, unsinn) = holen(&format!("{basis}/karte?mass=%3Cscript%3E&gebiet=abc&teilung[]=1&klasse=%00")).await;
    assert_eq!(status, 200);
    assert_eq!(unsinn.matches("class=\"einheit ").count(), 53);
    let abrufe = (0..24).map(|i| holen_owned(format!("{basis}/karte?gebiet=05554&abruf={i}")));
    for (status, _) in futures::future::join_all(abrufe).await {
        assert_eq!(status, 200);
    }
}

/// Rows of a CSV export (BOM, semicolons).
fn csv_zeilen(body: &[u8]) -> Vec<Vec<String>> {
    let body = body.strip_prefix(&[0xEF, 0xBB, 0xBF][..]).expect("BOM");
    let mut r = csv::ReaderBuilder::new().delimiter(b';').has_headers(false).from_reader(body);
    r.records().map(|z| z.unwrap().iter().map(String::from).collect()).collect()
}

async fn export(url: &str) -> (u16, String, String, Vec<u8>) {
    let r = reqwest::get(url).await.unwrap();
    let kopf = |n: &str| r.headers().get(n).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let (typ, datei) = (kopf("content-type"), kopf("content-disposition"));
    (r.status().as_u16(), typ, datei, r.bytes().await.unwrap().to_vec())
}

/// The exports carry the view of the page: the same units and values, the legend, the counting
/// rule and the attribution; the file is named after the view; "Kommune finden" works there too.
async fn export_wie_die_seite(db: Db) {
    let basis = common::starten(db.clone()).await;
    testdaten(&db, app::store::jetzt_ms()).await;
    let sicht = "gebiet=05554&klasse=mittel&markiert=05554004";
    let (status, typ, datei, body) = export(&format!("{basis}/export/karte.svg?{sicht}")).await;
    assert_eq!((status, typ.as_str()), (200, "image/svg+xml; charset=utf-8"));
    assert!(datei.contains("ozg-atlas-karte-gebiet-05554-klasse-mittel-markiert-05554004.svg"), "{datei}");
    let svg = String::from_utf8(body).unwrap();
    let gemeinden = db.zahl(&Sql::new("SELECT COUNT(*) FROM kommune WHERE kreis_ags = '05554'")).await.unwrap();
    assert_eq!(app::model::anzahl(svg.matches("<title>").count()), gemeinden, "eine Fläche je Gemeinde");
    let (a, r) = abgedeckt(&db, "05554004").await;
    let ahaus = name(&db, "05554004").await;
    assert!(svg.contains(&format!("<title>{}: {}</title>", html_text(&ahaus), prozent(a, r))));
    for teil in
        ["© GeoBasis-DE / BKG", "Legende: Anteil mit Online-Dienst", "Wie gezählt wird:", "nicht im Vergleich ("]
    {
        assert!(svg.contains(teil), "{teil} fehlt im SVG");
    }
    assert!(svg.contains("Nur gleiche Größenklasse verglichen: Mittlere kreisangehörige Stadt"));
    assert!(svg.contains(&format!("hervorgehoben: {}", html_text(&ahaus))));

    let (status, typ, datei, body) = export(&format!("{basis}/export/karte.csv?gebiet=05554&mass=dienste")).await;
    assert_eq!((status, typ.as_str()), (200, "text/csv; charset=utf-8"));
    assert!(datei.contains("ozg-atlas-karte-mass-dienste-gebiet-05554.csv"), "{datei}");
    let zeilen = csv_zeilen(&body);
    assert_eq!(zeilen[0][..3], ["AGS", "Gemeinde", "Kreis"].map(String::from));
    let daten: Vec<&Vec<String>> = zeilen.iter().skip(1).take_while(|z| !z[0].is_empty()).collect();
    assert_eq!(app::model::anzahl(daten.len()), gemeinden);
    let zeile = daten.iter().find(|z| z[0] == "05554004").expect("Ahaus fehlt");
    assert_eq!((zeile[1].as_str(), zeile[5].as_str(), zeile[6].as_str()), (ahaus.as_str(), "1 Online-Dienst", "1"));
    let fuss: Vec<&str> = zeilen.iter().skip(daten.len() + 1).map(|z| z[0].as_str()).collect();
    assert!(fuss.iter().any(|z| z.contains("© GeoBasis-DE / BKG")), "{fuss:?}");
    assert!(fuss.iter().any(|z| z.starts_with("Wie gezählt wird: ")), "{fuss:?}");

    let (_, _, datei, body) = export(&format!("{basis}/export/karte.csv?finden=ahaus")).await;
    assert!(datei.contains("gebiet-05554-markiert-05554004"), "{datei}");
    assert_eq!(
        app::model::anzahl(csv_zeilen(&body).iter().skip(1).take_while(|z| !z[0].is_empty()).count()),
        gemeinden
    );
    let (_, _, _, land) = export(&format!("{basis}/export/karte.csv")).await;
    assert_eq!(csv_zeilen(&land).iter().skip(1).take_while(|z| !z[0].is_empty()).count(), 53);

    // Unknown area, overlong address, a format the map has not: German messages, no file.
    let (status, _, _, text) = export(&format!("{basis}/export/karte.svg?gebiet=05999")).await;
    assert_eq!(status, 404);
    assert!(
        String::from_utf8_lossy(&text).contains("Das Gebiet oder der Online-Dienst der Karte wurde nicht gefunden.")
    );
    let (status, _, _, text) = export(&format!("{basis}/export/karte.csv?finden={}", "x".repeat(5_000))).await;
    assert_eq!(status, 422);
    assert!(String::from_utf8_lossy(&text).contains("zu lang"));
    assert_eq!(export(&format!("{basis}/export/karte.json")).await.0, 404);
    assert_eq!(export(&format!("{basis}/export/leistungen.svg")).await.0, 404);
}

/// A Kommune's page shows its Kreis with the Kommune highlighted (a kreisfreie Stadt: itself),
/// and only the neighbours that reach into the frame are drawn around it.
async fn kommunenseite_zeigt_den_kreis(db: Db) {
    let basis = common::starten(db.clone()).await;
    let (status, html) = holen(&format!("{basis}/kommunen/05554004")).await;
    assert_eq!(status, 200);
    let gemeinden = db.zahl(&Sql::new("SELECT COUNT(*) FROM kommune WHERE kreis_ags = '05554'")).await.unwrap();
    assert_eq!(app::model::anzahl(html.matches("class=\"einheit ").count()), gemeinden);
    assert!(markiert(&html, "05554004"));
    assert!(html.contains("href=\"/karte?gebiet=05554&amp;markiert=05554004\""));
    let (_, duesseldorf) = holen(&format!("{basis}/kommunen/05111000")).await;
    assert_eq!(duesseldorf.matches("class=\"einheit ").count(), 1);
    assert!(markiert(&duesseldorf, "05111000"));

    let g = app::store::karte::grundlage(&db, chrono::Utc::now().date_naive()).await.unwrap();
    let geo = app::store::karte::geometrie::geometrie().unwrap();
    let a = app::model::karte::KartenAnfrage::aus_query("gebiet=05554");
    let k = app::store::karte::ansicht(&g, geo, None, a, app::store::jetzt_ms()).unwrap();
    assert!(!k.umgebung.is_empty() && k.umgebung.len() < 20, "{} Nachbarn um Borken", k.umgebung.len());
}

/// A service's use: Gemeinden in operation, planned, not reported; a Kreis's share; the map on
/// the service's page; a Land-wide service everywhere; unknown services are 404.
async fn nutzung_eines_dienstes(db: Db) {
    let basis = common::starten(db.clone()).await;
    testdaten(&db, app::store::jetzt_ms()).await;
    let id = db.zahl(&Sql::new("SELECT id FROM onlinedienst WHERE name = 'Kartendienst (Testzeile)'")).await.unwrap();
    let (status, html) = holen(&format!("{basis}/karte?dienst={id}&gebiet=05554")).await;
    assert_eq!(status, 200);
    let (ahaus, heek, gescher) =
        (name(&db, "05554004").await, name(&db, "05554024").await, name(&db, "05554020").await);
    assert_eq!(bezeichnung(&html, &ahaus), format!("{ahaus}: in Betrieb"));
    assert_eq!(bezeichnung(&html, &heek), format!("{heek}: in Betrieb"));
    assert_eq!(bezeichnung(&html, &gescher), format!("{gescher}: geplant"));
    assert_eq!(html.matches(": nicht gemeldet\"").count() + 3, html.matches("class=\"einheit ").count());
    assert!(html.contains("Online-Dienst „Kartendienst (Testzeile)“"));
    let gemeinden = db.zahl(&Sql::new("SELECT COUNT(*) FROM kommune WHERE kreis_ags = '05554'")).await.unwrap();
    let erwartet = format!("Borken: 2 von {gemeinden} Gemeinden in Betrieb, 1 geplant");
    let (_, land) = holen(&format!("{basis}/karte?dienst={id}")).await;
    assert_eq!(bezeichnung(&land, "Borken"), erwartet);
    assert!(land.contains(&format!("href=\"/karte?dienst={id}&amp;gebiet=05554\"")), "der Kreis öffnet die Gemeinden");
    let (_, seite) = holen(&format!("{basis}/loesungen/{id}")).await;
    assert_eq!(bezeichnung(&seite, "Borken"), erwartet, "die Karte auf der Seite des Dienstes");
    let (_, _, _, csv) = export(&format!("{basis}/export/karte.csv?dienst={id}&gebiet=05554")).await;
    let zeilen = csv_zeilen(&csv);
    assert!(zeilen.iter().any(|z| z[0] == "05554020" && z[5] == "geplant"));

    // Another measure leaves the service; an unknown service is 404, nonsense is ignored.
    let (_, anders) = holen(&format!("{basis}/karte?dienst={id}&mass=dienste")).await;
    assert!(!anders.contains("Kartendienst (Testzeile)"));
    assert_eq!(holen(&format!("{basis}/karte?dienst=999999999")).await.0, 404);
    assert_eq!(export(&format!("{basis}/export/karte.svg?dienst=999999999")).await.0, 404);
    assert_eq!(holen(&format!("{basis}/karte?dienst=abc")).await.0, 200);

    let land_id = db
        .zahl(&Sql::new("SELECT MIN(id) FROM onlinedienst WHERE reichweite = 'land' AND status = 'live'"))
        .await
        .unwrap();
    let (_, landesweit) = holen(&format!("{basis}/karte?dienst={land_id}&teilung=gemeinden")).await;
    assert_eq!(landesweit.matches(": in Betrieb (Reichweite Land)\"").count(), 396);
    assert!(landesweit.contains("gilt in allen Gemeinden"));
}

/// Whether the unit with this key is drawn highlighted.
fn markiert(html: &str, ags: &str) -> bool {
    let start = html.find(&format!("data-schluessel=\"{ags}\"")).expect("Einheit fehlt");
    let tag = &html[start..start + html[start..].find('>').unwrap()];
    tag.contains(" markiert\"")
}

async fn holen_owned(url: String) -> (u16, String) {
    holen(&url).await
}

beide_datenbanken!(
    jede_gemeinde_hat_genau_eine_form,
    masse_wie_eigene_zaehlung,
    vergleichen_finden_und_grenzen,
    export_wie_die_seite,
    kommunenseite_zeigt_den_kreis,
    nutzung_eines_dienstes
);
