//! Aktuelles over real HTTP on SQLite and PostgreSQL: writing by the coordination, what the
//! public sees on which day (planned, current, expired), Markdown through the sanitiser, stale
//! saves refused, the audit trail, hostile input, and the Atom feeds read by an independent
//! parser (feedparser).

use crate::common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use chrono::{Days, Utc};
use common::{holen, konto_anmelden, senden, starten};
use serde_json::Value;

fn tag(versatz: i64) -> String {
    let heute = Utc::now().date_naive();
    let tage = Days::new(versatz.unsigned_abs());
    let d = if versatz >= 0 { heute.checked_add_days(tage) } else { heute.checked_sub_days(tage) };
    d.unwrap().format("%d.%m.%Y").to_string()
}

async fn themenfeld(db: &Db) -> (i64, String) {
    let id = db.zahl(&Sql::new("SELECT MIN(id) FROM themenfeld")).await.unwrap();
    let mut s = Sql::new("SELECT slug FROM themenfeld WHERE id = ");
    s.bind(id);
    (id, db.text(&s).await.unwrap().unwrap())
}

async fn schreiben(basis: &str, kora: &str, form: &[(&str, String)]) -> i64 {
    let (s, t) = senden(basis, "meldung_anlegen", kora, form).await;
    assert_eq!(s, 200, "{t}");
    t.trim().parse().unwrap()
}

fn form(titel: &str, text: &str, tf: &str, ab: i64, bis: Option<i64>) -> Vec<(&'static str, String)> {
    vec![
        ("titel", titel.into()),
        ("text", text.into()),
        ("themenfeld", tf.into()),
        ("veroeffentlicht", tag(ab)),
        ("ablauf", bis.map(tag).unwrap_or_default()),
    ]
}

async fn liste(basis: &str, cookie: &str, query: &str) -> Value {
    let (s, t) = senden(basis, "meldungen", cookie, &[("query", query.to_string())]).await;
    assert_eq!(s, 200, "{t}");
    serde_json::from_str(&t).unwrap()
}

fn titel(l: &Value) -> Vec<String> {
    l["zeilen"].as_array().unwrap().iter().map(|m| m["titel"].as_str().unwrap().to_string()).collect()
}

async fn nur_aktuelle_meldungen_fuer_die_oeffentlichkeit(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let (tf, slug) = themenfeld(&db).await;
    let allgemein =
        schreiben(&basis, &kora, &form("Start des Portals", "Das **Portal** ist online.", "", -2, None)).await;
    let im_tf =
        schreiben(&basis, &kora, &form("Neues im Themenfeld", "Workshop-Ergebnisse", &tf.to_string(), 0, None)).await;
    let geplant = schreiben(&basis, &kora, &form("Geheime Vorankündigung", "erst morgen", "", 1, None)).await;
    let vorbei =
        schreiben(&basis, &kora, &form("Anmeldeschluss verstrichen", "war bis gestern", "", -10, Some(-1))).await;

    let oeffentlich = liste(&basis, "", "").await;
    assert_eq!(titel(&oeffentlich), vec!["Neues im Themenfeld", "Start des Portals"], "newest first, current only");
    assert!(oeffentlich["facetten"].as_array().unwrap().iter().all(|f| f["schluessel"] != "stand"));
    let koordination = liste(&basis, &kora, "stand=geplant").await;
    assert_eq!(titel(&koordination), vec!["Geheime Vorankündigung"]);
    assert_eq!(titel(&liste(&basis, "", &format!("tf={tf}")).await), vec!["Neues im Themenfeld"]);
    assert_eq!(titel(&liste(&basis, "", "tf=allgemein").await), vec!["Start des Portals"]);
    assert_eq!(titel(&liste(&basis, "", "q=portal+onlin").await), vec!["Start des Portals"], "search reads the text");

    // A planned item does not exist for the public – not as data, page or feed entry.
    let (s, _) = senden(&basis, "meldung", "", &[("id", geplant.to_string())]).await;
    assert_eq!(s, 404);
    let (s, html) = holen(&format!("{basis}{}", app::pfad::meldung(geplant))).await;
    assert_eq!(s, 404);
    assert!(!html.contains("erst morgen"));
    let (s, _) = senden(&basis, "meldung", &kora, &[("id", geplant.to_string())]).await;
    assert_eq!(s, 200, "the coordination sees its planned item");
    // An expired one keeps its page, marked.
    let (s, html) = holen(&format!("{basis}{}", app::pfad::meldung(vorbei))).await;
    assert_eq!(s, 200);
    assert!(html.contains("nicht mehr aktuell"), "{html}");
    let (s, html) = holen(&format!("{basis}{}", app::pfad::meldung(allgemein))).await;
    assert!(s == 200 && html.contains("<strong>Portal</strong>"), "Markdown rendered");

    // The lists on the pages.
    let (_, start) = holen(&format!("{basis}/")).await;
    assert!(start.contains("Start des Portals") && start.contains("Neues im Themenfeld"));
    assert!(!start.contains("Geheime Vorankündigung") && !start.contains("Anmeldeschluss verstrichen"));
    let (_, tf_seite) = holen(&format!("{basis}{}", app::pfad::themenfeld(&slug))).await;
    assert!(tf_seite.contains("Neues im Themenfeld") && !tf_seite.contains("Start des Portals"));
    assert!(tf_seite.contains(&app::pfad::feed_themenfeld(&slug)), "the page names its feed");
    let (_, aktuelles) = holen(&format!("{basis}{}", app::pfad::AKTUELLES)).await;
    assert!(aktuelles.contains("Start des Portals") && !aktuelles.contains("Geheime Vorankündigung"));
    assert!(aktuelles.contains("application/atom+xml"), "feed discovery in the head");
    let _ = im_tf;
}

async fn markdown_nur_durch_den_bereiniger(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let text = "Hallo <script>alert('x')</script>\n\n[klick](javascript:alert(1)) <img src=x onerror=alert(2)>\n\n<iframe src=\"https://boese.example\"></iframe>";
    let id = schreiben(&basis, &kora, &form("Bereinigt", text, "", 0, None)).await;
    let (_, html) = holen(&format!("{basis}{}", app::pfad::meldung(id))).await;
    for boese in ["alert('x')", "javascript:alert", "onerror", "boese.example"] {
        assert!(!html.contains(boese), "{boese} im Seiten-HTML");
    }
    let (s, vorschau) = senden(&basis, "meldung_vorschau", &kora, &[("markdown", text.to_string())]).await;
    assert_eq!(s, 200);
    assert!(!vorschau.contains("javascript:") && !vorschau.contains("<script"), "{vorschau}");
    let (_, feed) = holen(&format!("{basis}{}", app::pfad::FEED_AKTUELLES)).await;
    let f = common::unabhaengig_pruefen("atom_pruefen.py", &feed);
    let inhalt = f["eintraege"][0]["inhalt"].as_str().unwrap();
    assert!(inhalt.contains("Hallo") && !inhalt.contains("script") && !inhalt.contains("onerror"), "{inhalt}");
}

async fn speichern_versioniert_protokolliert_und_erkennt_konflikte(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let karl = konto_anmelden(&db, &basis, "karl@kdn.de", "Karl", Rolle::Koordination).await;
    let id = schreiben(&basis, &kora, &form("Erste Fassung", "Text eins", "", 0, None)).await;
    let mut f = form("Zweite Fassung", "Text zwei", "", 0, None);
    f.extend([("id", id.to_string()), ("version", "1".into())]);
    let (s, t) = senden(&basis, "meldung_speichern", &kora, &f).await;
    assert_eq!((s, t.trim()), (200, "2"));
    // Karl's form still shows version 1: refused, naming who saved first; nothing overwritten.
    let mut alt = form("Karls Fassung", "Text drei", "", 0, None);
    alt.extend([("id", id.to_string()), ("version", "1".into())]);
    let (s, t) = senden(&basis, "meldung_speichern", &karl, &alt).await;
    assert_eq!(s, 409, "{t}");
    assert!(t.contains("Kora"), "{t}");
    let (_, json) = senden(&basis, "meldung", "", &[("id", id.to_string())]).await;
    assert!(json.contains("Zweite Fassung") && !json.contains("Karls Fassung"));
    // Every wording is in the audit log; the form gets the Markdown back.
    let mut s = Sql::new(
        "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'meldung' AND feld = 'text' AND alt = 'Text eins' AND neu = 'Text zwei' AND objekt_id = ",
    );
    s.bind(id.to_string());
    assert_eq!(db.zahl(&s).await.unwrap(), 1);
    let (s, t) = senden(&basis, "meldung_formular", &kora, &[("id", id.to_string())]).await;
    assert!(s == 200 && t.contains("Text zwei"), "{t}");
    // Eight saves of the same version at once: exactly one wins, the others hear who did.
    let auftraege = (0..8).map(|i| {
        let (basis, karl) = (basis.clone(), karl.clone());
        let mut f = form(&format!("Parallel {i}"), "Text", "", 0, None);
        f.extend([("id", id.to_string()), ("version", "2".into())]);
        tokio::spawn(async move { senden(&basis, "meldung_speichern", &karl, &f).await.0 })
    });
    let mut status: Vec<u16> = futures::future::join_all(auftraege).await.into_iter().map(Result::unwrap).collect();
    status.sort_unstable();
    assert_eq!(status, vec![200, 409, 409, 409, 409, 409, 409, 409]);
    // A live event without content: a planned item must not travel before its day.
    let mut e = Sql::new("SELECT COUNT(*) FROM ereignis WHERE art = 'meldung' AND daten = '{}' AND objekt_id = ");
    e.bind(id.to_string());
    assert_eq!(db.zahl(&e).await.unwrap(), 3, "created, saved, one parallel save");
}

async fn feindliche_eingaben(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let riesig = "x".repeat(300_000);
    let (s, t) = senden(&basis, "meldung_anlegen", &kora, &form(&riesig, &riesig, "999999", 0, Some(-5))).await;
    assert_eq!(s, 422, "{t}");
    assert!(t.len() < 2_000, "{} bytes", t.len());
    for feld in ["titel", "text", "ablauf"] {
        assert!(t.contains(&format!("\"{feld}\"")), "{feld}: {t}");
    }
    let (s, t) = senden(&basis, "meldung_anlegen", &kora, &form("Gut", "Text", "999999", 0, None)).await;
    assert!(s == 422 && t.contains("Unbekanntes Themenfeld"), "{s} {t}");
    let (s, t) = senden(&basis, "meldung_vorschau", &kora, &[("markdown", riesig.clone())]).await;
    assert_eq!(s, 422, "{t}");
    // Deeply nested Markdown is rendered in bounded time and size (pulldown-cmark is linear).
    let verschachtelt = format!("{}x", "> ".repeat(5_000));
    let (s, _) = senden(&basis, "meldung_vorschau", &kora, &[("markdown", verschachtelt)]).await;
    assert_eq!(s, 200);
    let (s, _) = senden(&basis, "meldung", "", &[("id", "1 OR 1=1".into())]).await;
    assert_eq!(s, 400);
    assert_eq!(db.zahl(&Sql::new("SELECT COUNT(*) FROM meldung")).await.unwrap(), 0, "nothing half-written");
}

async fn atom_feeds_nach_rfc_4287(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let (tf, slug) = themenfeld(&db).await;
    let (s, leer) = holen(&format!("{basis}{}", app::pfad::FEED_AKTUELLES)).await;
    assert_eq!(s, 200);
    assert_eq!(common::unabhaengig_pruefen("atom_pruefen.py", &leer)["eintraege"], serde_json::json!([]));
    let a =
        schreiben(&basis, &kora, &form("A & B <Sonderzeichen> „Zitat“", "Text mit <b>HTML</b>", "", -1, None)).await;
    schreiben(&basis, &kora, &form("Im Themenfeld", "tf", &tf.to_string(), 0, None)).await;
    schreiben(&basis, &kora, &form("Noch geplant", "morgen", &tf.to_string(), 1, None)).await;
    let (_, alle) = holen(&format!("{basis}{}", app::pfad::FEED_AKTUELLES)).await;
    let f = common::unabhaengig_pruefen("atom_pruefen.py", &alle);
    let titel: Vec<&str> = f["eintraege"].as_array().unwrap().iter().map(|e| e["titel"].as_str().unwrap()).collect();
    assert_eq!(titel, vec!["Im Themenfeld", "A & B <Sonderzeichen> „Zitat“"]);
    let erster = &f["eintraege"][1];
    assert_eq!(erster["link"], format!("{basis}{}", app::pfad::meldung(a)));
    assert_eq!(erster["id"], erster["link"], "the id is the item's stable address");
    assert_eq!(erster["kategorien"], serde_json::json!(["Allgemein"]));
    assert_eq!(f["selbst"], format!("{basis}{}", app::pfad::FEED_AKTUELLES));
    let (s, tf_feed) = holen(&format!("{basis}{}", app::pfad::feed_themenfeld(&slug))).await;
    assert_eq!(s, 200);
    let f = common::unabhaengig_pruefen("atom_pruefen.py", &tf_feed);
    assert_eq!(f["eintraege"].as_array().unwrap().len(), 1);
    assert_eq!(f["eintraege"][0]["titel"], "Im Themenfeld");
    for unbekannt in ["/feed/themenfeld-gibt-es-nicht.atom", "/feed/aktuelles.rss", "/feed/..%2F..%2Fetc.atom"] {
        let (s, t) = holen(&format!("{basis}{unbekannt}")).await;
        assert_eq!(s, 404, "{unbekannt}: {t}");
    }
}

beide_datenbanken!(
    nur_aktuelle_meldungen_fuer_die_oeffentlichkeit,
    markdown_nur_durch_den_bereiniger,
    speichern_versioniert_protokolliert_und_erkennt_konflikte,
    feindliche_eingaben,
    atom_feeds_nach_rfc_4287,
);
