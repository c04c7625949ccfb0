//! The forum over real HTTP on SQLite and PostgreSQL: boards only for logged-in readers, the
//! "Neu" marker per person, posts through the sanitiser, editing one's own post with versions,
//! hostile input, pagination and parallel replies counted exactly.

use crate::common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::{kommune_konto_anmelden, konto_anmelden, senden, starten};
use serde_json::Value;

const AHAUS: &str = "05554004";
const BOCHOLT: &str = "05554008";

async fn json(basis: &str, funktion: &str, cookie: &str, form: &[(&str, String)]) -> Value {
    let (s, t) = senden(basis, funktion, cookie, form).await;
    assert_eq!(s, 200, "{funktion}: {t}");
    serde_json::from_str(&t).unwrap()
}

async fn thema(basis: &str, cookie: &str, betreff: &str, text: &str) -> i64 {
    let f = [("brett", "allgemein".to_string()), ("betreff", betreff.to_string()), ("text", text.to_string())];
    let (s, t) = senden(basis, "thema_anlegen", cookie, &f).await;
    assert_eq!(s, 200, "{t}");
    t.trim().parse().unwrap()
}

async fn antworten(basis: &str, cookie: &str, thema: i64, text: &str) -> (u16, String) {
    senden(basis, "beitrag_antworten", cookie, &[("thema", thema.to_string()), ("text", text.to_string())]).await
}

async fn seite(basis: &str, cookie: &str, thema: i64, seite: usize) -> Value {
    json(basis, "forum_thema", cookie, &[("id", thema.to_string()), ("seite", seite.to_string())]).await
}

fn allgemein(bretter: &Value) -> &Value {
    bretter.as_array().unwrap().iter().find(|b| b["slug"] == "allgemein").unwrap()
}

async fn nur_angemeldet_und_neu_je_person(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;

    // The boards of the import: the general one and one per Themenfeld; none open to the public.
    assert_eq!(json(&basis, "forum_bretter", "", &[]).await, serde_json::json!([]));
    let bretter = json(&basis, "forum_bretter", &bernd, &[]).await;
    let themenfelder = db.zahl(&Sql::new("SELECT COUNT(*) FROM themenfeld")).await.unwrap();
    assert_eq!(bretter.as_array().unwrap().len(), usize::try_from(themenfelder).unwrap() + 1);
    assert_eq!(allgemein(&bretter)["titel"], "Allgemeines und Themenübergreifendes");

    let id = thema(&basis, &anna, "Austausch zu Referenzimplementierungen", "Wer pilotiert **schon**?").await;
    let (s, _) = senden(&basis, "forum_thema", "", &[("id", id.to_string()), ("seite", "1".into())]).await;
    assert_eq!(s, 404, "a closed board's thread does not exist for the public");

    // New for Bernd, not for Anna who wrote it.
    assert_eq!(allgemein(&json(&basis, "forum_bretter", &bernd, &[]).await)["neu"], 1);
    assert_eq!(allgemein(&json(&basis, "forum_bretter", &anna, &[]).await)["neu"], 0);
    let brett = json(&basis, "forum_brett", &bernd, &[("slug", "allgemein".into()), ("seite", "1".into())]).await;
    assert_eq!(brett["themen"][0]["neu"], 1);
    assert_eq!(brett["themen"][0]["autor"], "Anna");
    let erste = seite(&basis, &bernd, id, 1).await;
    assert_eq!(erste["beitraege"][0]["neu"], true);
    assert_eq!(erste["beitraege"][0]["herkunft"], "Ahaus, Stadt");
    assert!(erste["beitraege"][0]["html"].as_str().unwrap().contains("<strong>schon</strong>"));
    // Within the visit (the browser renders the page again) the mark stays; the lists count it read.
    assert_eq!(seite(&basis, &bernd, id, 1).await["beitraege"][0]["neu"], true, "same visit");
    assert_eq!(allgemein(&json(&basis, "forum_bretter", &bernd, &[]).await)["neu"], 0);
    // Half an hour later a new visit begins.
    db.transaktion(&[Sql::new("UPDATE forum_gelesen SET gelesen_ms = gelesen_ms - 1860000")]).await.unwrap();

    // The coordination answers: new again for Bernd – only the answer.
    let (s, t) = antworten(&basis, &kora, id, "Ahaus und Bocholt, siehe Roadmap.").await;
    assert_eq!(s, 200, "{t}");
    let zweite = seite(&basis, &bernd, id, 1).await;
    let neu: Vec<bool> = zweite["beitraege"].as_array().unwrap().iter().map(|b| b["neu"].as_bool().unwrap()).collect();
    assert_eq!(neu, vec![false, true]);
    assert_eq!(zweite["thema"]["beitraege"], 2);
    assert_eq!(zweite["moderieren"], false);
    assert_eq!(seite(&basis, &kora, id, 1).await["moderieren"], true);
    let mut e = Sql::new("SELECT COUNT(*) FROM ereignis WHERE art = 'forum' AND daten = '{}' AND objekt_id = ");
    e.bind(id.to_string());
    assert_eq!(db.zahl(&e).await.unwrap(), 2, "opened and answered, live without content");
}

async fn beitraege_nur_durch_den_bereiniger(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let text = "Hallo <script>alert('x')</script> [klick](javascript:alert(1)) <img src=x onerror=alert(2)> \
                ![p](data:image/png;base64,AAAA) [Forum](https://www.ozg-kommunal.de)";
    let id = thema(&basis, &anna, "<b>Betreff</b> & Co", text).await;
    let s = seite(&basis, &anna, id, 1).await;
    let html = s["beitraege"][0]["html"].as_str().unwrap();
    for boese in ["<script", "javascript:", "onerror", "data:", "<img"] {
        assert!(!html.contains(boese), "{boese} in {html}");
    }
    assert!(html.contains("rel=\"nofollow ugc noopener noreferrer\""), "{html}");
    assert_eq!(s["thema"]["betreff"], "<b>Betreff</b> & Co", "the subject is text, escaped by the page");
}

async fn eigene_beitraege_versioniert_bearbeiten(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let id = thema(&basis, &anna, "Frage", "Erste Fassung").await;
    let beitrag = seite(&basis, &anna, id, 1).await["beitraege"][0]["id"].as_i64().unwrap();
    let form =
        |v: &str, t: &str| vec![("id", beitrag.to_string()), ("version", v.to_string()), ("text", t.to_string())];
    let (s, _) = senden(&basis, "beitrag_bearbeiten", &bernd, &form("1", "Fremd")).await;
    assert_eq!(s, 403, "only the author edits");
    let (s, t) = senden(&basis, "beitrag_bearbeiten", &anna, &form("1", "Zweite Fassung")).await;
    assert_eq!((s, t.trim()), (200, "2"));
    let (s, _) = senden(&basis, "beitrag_bearbeiten", &anna, &form("1", "Veraltet")).await;
    assert_eq!(s, 409);
    let b = &seite(&basis, &anna, id, 1).await["beitraege"][0];
    assert!(b["html"].as_str().unwrap().contains("Zweite Fassung") && b["eigener"] == true);
    let mut f = Sql::new("SELECT text FROM forum_fassung WHERE version = 1 AND beitrag_id = ");
    f.bind(beitrag);
    assert_eq!(db.text(&f).await.unwrap().as_deref(), Some("Erste Fassung"), "the earlier wording is kept");
}

async fn feindliche_eingaben_und_parallele_antworten(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let riesig = "x".repeat(300_000);
    let f = [("brett", "allgemein".to_string()), ("betreff", riesig.clone()), ("text", riesig.clone())];
    let (s, t) = senden(&basis, "thema_anlegen", &anna, &f).await;
    assert!(s == 422 && t.contains("\"betreff\"") && t.contains("\"text\"") && t.len() < 2_000, "{s}");
    let f = [("brett", "gibt-es-nicht".to_string()), ("betreff", "B".into()), ("text", "T".into())];
    assert_eq!(senden(&basis, "thema_anlegen", &anna, &f).await.0, 404);
    assert_eq!(senden(&basis, "thema_anlegen", "", &f).await.0, 401);
    assert_eq!(antworten(&basis, &anna, 999_999, "Hallo").await.0, 404);
    let id = thema(&basis, &anna, "Viele Antworten", "Start").await;
    assert_eq!(antworten(&basis, &anna, id, "   ").await.0, 422);
    let (s, _) = senden(&basis, "forum_thema", &anna, &[("id", "1 OR 1=1".into()), ("seite", "1".into())]).await;
    assert_eq!(s, 400);

    // Thirty replies at once: every one counted, the newest marked as the last.
    let auftraege = (0..30).map(|i| {
        let (basis, anna) = (basis.clone(), anna.clone());
        tokio::spawn(async move { antworten(&basis, &anna, id, &format!("Antwort {i}")).await.0 })
    });
    for s in futures::future::join_all(auftraege).await {
        assert_eq!(s.unwrap(), 200);
    }
    let mut t = Sql::new("SELECT beitraege FROM forum_thema WHERE id = ");
    t.bind(id);
    assert_eq!(db.zahl(&t).await.unwrap(), 31);
    let mut l = Sql::new(
        "SELECT COUNT(*) FROM forum_thema t WHERE t.letzter_beitrag = (SELECT MAX(id) FROM forum_beitrag WHERE thema_id = t.id) AND t.id = ",
    );
    l.bind(id);
    assert_eq!(db.zahl(&l).await.unwrap(), 1);
    // 31 posts: two pages of 25; a page beyond the last shows the last.
    let zweite = seite(&basis, &anna, id, 2).await;
    assert_eq!((zweite["seiten"].as_u64(), zweite["beitraege"].as_array().unwrap().len()), (Some(2), 6));
    assert_eq!(seite(&basis, &anna, id, 99).await["seite"], 2);
}

/// The moderation: a member reports a post, the coordination sees the report and hides the post
/// with a reason (its author and the moderation still read it, everyone else only the reason),
/// pins, closes and moves the thread, shows the post again – each audited; members cannot.
async fn moderation_mit_grund_und_meldungen(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let id = thema(&basis, &anna, "Pilotierung", "Wer macht mit?").await;
    assert_eq!(antworten(&basis, &bernd, id, "Billige **Software** hier!").await.0, 200);
    let spam = seite(&basis, &anna, id, 1).await["beitraege"][1]["id"].as_i64().unwrap();
    assert_eq!(seite(&basis, &anna, id, 1).await["beitraege"][1]["markdown"], "Billige **Software** hier!");

    // Reporting: a reason is required and short; only the moderation reads the reports.
    let melden = |g: &str| vec![("id", spam.to_string()), ("grund", g.to_string())];
    let (s, t) = senden(&basis, "beitrag_melden", &anna, &melden("  ")).await;
    assert!(s == 422 && t.contains("grund"), "{s} {t}");
    assert_eq!(senden(&basis, "beitrag_melden", &anna, &melden(&"x".repeat(501))).await.0, 422);
    let fremd = [("id", "999999".to_string()), ("grund", "Werbung".to_string())];
    assert_eq!(senden(&basis, "beitrag_melden", &anna, &fremd).await.0, 404);
    assert_eq!(senden(&basis, "beitrag_melden", &anna, &melden("Werbung")).await.0, 200);
    assert_eq!(senden(&basis, "beitrag_melden", &anna, &melden("Werbung, zweimal")).await.0, 200);
    assert_eq!(senden(&basis, "forum_gemeldete", &anna, &[]).await.0, 403);
    let offen = json(&basis, "forum_gemeldete", &kora, &[]).await;
    assert_eq!(offen.as_array().unwrap().len(), 1, "one report per person and post: {offen}");
    assert_eq!((offen[0]["grund"].as_str(), offen[0]["von"].as_str()), (Some("Werbung, zweimal"), Some("Anna")));

    // Hiding: members may not; the reason is for everyone, the text only for author and moderation.
    let verbergen = |g: &str, zeigen: bool| {
        vec![("id", spam.to_string()), ("grund", g.to_string()), ("zeigen", zeigen.to_string())]
    };
    assert_eq!(senden(&basis, "beitrag_verbergen", &anna, &verbergen("Werbung", false)).await.0, 403);
    assert_eq!(senden(&basis, "beitrag_verbergen", &kora, &verbergen("", false)).await.0, 422);
    assert_eq!(senden(&basis, "beitrag_verbergen", &kora, &verbergen("Werbung entfernt", false)).await.0, 200);
    let fuer = |b: &Value| (b["verborgen"].as_str().map(str::to_string), b["html"].as_str().unwrap().is_empty());
    let bei_anna = seite(&basis, &anna, id, 1).await;
    assert_eq!(fuer(&bei_anna["beitraege"][1]), (Some("Werbung entfernt".into()), true));
    assert_eq!(bei_anna["beitraege"][1]["markdown"], "");
    assert_eq!(fuer(&seite(&basis, &bernd, id, 1).await["beitraege"][1]), (Some("Werbung entfernt".into()), false));
    assert_eq!(fuer(&seite(&basis, &kora, id, 1).await["beitraege"][1]), (Some("Werbung entfernt".into()), false));
    assert_eq!(json(&basis, "forum_gemeldete", &kora, &[]).await, serde_json::json!([]), "hiding closes the report");

    // The thread: pinned, closed (no more replies), moved; unknown actions and boards refused.
    let moderieren = |aktion: &str, brett: &str| {
        vec![("id", id.to_string()), ("aktion", aktion.to_string()), ("brett", brett.to_string())]
    };
    assert_eq!(senden(&basis, "thema_moderieren", &bernd, &moderieren("schliessen", "")).await.0, 403);
    for a in ["anheften", "schliessen"] {
        assert_eq!(senden(&basis, "thema_moderieren", &kora, &moderieren(a, "")).await.0, 200, "{a}");
    }
    assert_eq!(senden(&basis, "thema_moderieren", &kora, &moderieren("loeschen", "")).await.0, 422);
    assert_eq!(senden(&basis, "thema_moderieren", &kora, &moderieren("verschieben", "gibt-es-nicht")).await.0, 404);
    let (s, t) = antworten(&basis, &anna, id, "Noch etwas").await;
    assert!(s == 409 && t.contains("geschlossen"), "{s} {t}");
    let ziel = db.text(&Sql::new("SELECT slug FROM forum_brett WHERE slug <> 'allgemein' ORDER BY id LIMIT 1")).await;
    let ziel = ziel.unwrap().unwrap();
    assert_eq!(senden(&basis, "thema_moderieren", &kora, &moderieren("verschieben", &ziel)).await.0, 200);
    let jetzt = seite(&basis, &anna, id, 1).await;
    assert_eq!(
        (jetzt["thema"]["brett_slug"].as_str(), jetzt["thema"]["angeheftet"].as_bool()),
        (Some(ziel.as_str()), Some(true))
    );
    assert_eq!((jetzt["thema"]["gesperrt"].as_bool(), jetzt["darf_antworten"].as_bool()), (Some(true), Some(false)));
    assert!(seite(&basis, &kora, id, 1).await["bretter"].as_array().unwrap().len() > 1);
    assert_eq!(jetzt["bretter"], serde_json::json!([]), "only the moderation gets the boards to move to");

    // Shown again; every step is in the audit log.
    assert_eq!(senden(&basis, "beitrag_verbergen", &kora, &verbergen("", true)).await.0, 200);
    assert_eq!(fuer(&seite(&basis, &anna, id, 1).await["beitraege"][1]), (None, false));
    let mut p = Sql::new(
        "SELECT COUNT(*) FROM protokoll WHERE objekt_art IN ('forum_thema', 'forum_beitrag') AND objekt_id IN (",
    );
    p.bind(id.to_string()).push(", ").bind(spam.to_string()).push(")");
    assert_eq!(db.zahl(&p).await.unwrap(), 5, "hidden, pinned, closed, moved, shown");
}

/// A member deletes their account: the password is asked (and a wrong one refused), their posts
/// stay as "ehemaliges Mitglied", their subscriptions, read marks and sessions go, their
/// Steckbrief stays without them; the last admin cannot go.
async fn konto_loeschen_laesst_beitraege_stehen(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let t = thema(&basis, &anna, "Erfahrungen mit dem Wohngeld-Antrag", "Wer nutzt ihn schon?").await;
    assert_eq!(antworten(&basis, &bernd, t, "Wir, seit März.").await.0, 200);
    seite(&basis, &anna, t, 1).await;
    let f = [("art", "thema".to_string()), ("ziel", t.to_string()), ("versand", "taeglich".to_string())];
    json(&basis, "folgen", &anna, &f).await;
    let steckbrief = [
        ("organisation", "Stadt Ahaus".to_string()),
        ("dienst_name", "Wohngeld online (Testdaten)".into()),
        ("url", "https://www.ahaus.de/wohngeld".into()),
        ("leika", "99110009104000".into()),
        ("nachweise", "elektronisch".into()),
    ];
    assert_eq!(senden(&basis, "steckbrief_einreichen", &anna, &steckbrief).await.0, 200);
    let anna_id = db.zahl(&Sql::new("SELECT id FROM benutzer WHERE email = 'anna@ahaus.de'")).await.unwrap();
    let von_anna = |t: &str| format!("SELECT COUNT(*) FROM {t} WHERE benutzer_id = {anna_id}");

    assert_eq!(senden(&basis, "konto_loeschen", "", &[("passwort", "x".into())]).await.0, 401);
    let (s, text) = senden(&basis, "konto_loeschen", &anna, &[("passwort", "falsch geraten".into())]).await;
    assert_eq!(s, 422, "{text}");
    assert!(text.contains("Das Passwort ist falsch."), "{text}");
    assert_eq!(senden(&basis, "konto_loeschen", &anna, &[("passwort", "ein langes Testpasswort".into())]).await.0, 200);

    // Gone: the account, its session, subscriptions and read marks.
    assert_eq!(senden(&basis, "konto", &anna, &[]).await, (200, "null".to_string()), "die Sitzung ist beendet");
    assert_eq!(db.zahl(&Sql::new(&format!("SELECT COUNT(*) FROM benutzer WHERE id = {anna_id}"))).await.unwrap(), 0);
    for tabelle in ["sitzung", "abo", "forum_gelesen"] {
        assert_eq!(db.zahl(&Sql::new(&von_anna(tabelle))).await.unwrap(), 0, "{tabelle}");
    }
    // Stays: the thread and post as "ehemaliges Mitglied", the Steckbrief without its sender.
    let s = seite(&basis, &bernd, t, 1).await;
    assert_eq!(s["thema"]["autor"], app::model::forum::EHEMALIG, "{s}");
    assert_eq!(s["beitraege"][0]["autor"], app::model::forum::EHEMALIG);
    assert!(!s.to_string().contains("Anna Ahaus"));
    let sb =
        "SELECT COUNT(*) FROM steckbrief WHERE dienst_name = 'Wohngeld online (Testdaten)' AND eingereicht_von IS NULL";
    assert_eq!(db.zahl(&Sql::new(sb)).await.unwrap(), 1);
    let log = "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'benutzer' AND feld = 'geloescht'";
    assert_eq!(db.zahl(&Sql::new(log)).await.unwrap(), 1);

    // The last admin stays.
    let adam = konto_anmelden(&db, &basis, "adam@kdn.de", "Adam", Rolle::Admin).await;
    let (s, text) = senden(&basis, "konto_loeschen", &adam, &[("passwort", "ein langes Testpasswort".into())]).await;
    assert!(text.contains("letzte aktive Administrationskonto"), "{s} {text}");
    assert_eq!(db.zahl(&Sql::new("SELECT COUNT(*) FROM benutzer WHERE email = 'adam@kdn.de'")).await.unwrap(), 1);
}

/// Search: folded like the catalogs, over subject and replies, only what the reader may see,
/// hidden posts and edited-away words no longer found; threads from before the search are
/// filled in; hostile queries answer calmly.
async fn suche_faltet_und_zeigt_nur_sichtbares(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let t = thema(&basis, &anna, "Führerschein-Antrag digital", "Wir nutzen das Servicekonto.").await;
    thema(&basis, &anna, "Ganz anderes Thema", "Nichts davon.").await;
    let (s, antwort) = antworten(&basis, &bernd, t, "Die Straßenverkehrsbehörde hilft.").await;
    assert_eq!(s, 200);
    let suche = |cookie: &str, q: &str| {
        let (cookie, q, basis) = (cookie.to_string(), q.to_string(), basis.clone());
        async move {
            let v = json(&basis, "forum_suche", &cookie, &[("q", q)]).await;
            v.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect::<Vec<_>>()
        }
    };
    assert_eq!(suche(&bernd, "fuehrerschein").await, vec![t]);
    assert_eq!(suche(&bernd, "STRASSENVERKEHRSBEHÖRDE").await, vec![t]);
    assert_eq!(suche(&bernd, "servicekonto führer").await, vec![t]);
    assert_eq!(suche(&bernd, "servicekonto fehlt").await, Vec::<i64>::new());
    // The board is closed: anonymous readers find nothing.
    assert_eq!(suche("", "fuehrerschein").await, Vec::<i64>::new());

    // A hidden reply is no longer found; an edit replaces the old words.
    let f = [("id", antwort.trim().to_string()), ("grund", "Test".to_string()), ("zeigen", "false".to_string())];
    assert_eq!(senden(&basis, "beitrag_verbergen", &kora, &f).await.0, 200);
    assert_eq!(suche(&bernd, "strassenverkehrsbehorde").await, Vec::<i64>::new());
    let erster = db.zahl(&Sql::new(&format!("SELECT MIN(id) FROM forum_beitrag WHERE thema_id = {t}"))).await.unwrap();
    let e = [("id", erster.to_string()), ("version", "1".to_string()), ("text", "Jetzt mit ELSTER.".to_string())];
    assert_eq!(senden(&basis, "beitrag_bearbeiten", &anna, &e).await.0, 200);
    assert_eq!(suche(&bernd, "servicekonto").await, Vec::<i64>::new());
    assert_eq!(suche(&bernd, "elster").await, vec![t]);

    // Threads from before the search column: filled in by the next search.
    db.transaktion(&[Sql::new("UPDATE forum_thema SET suchtext = ''")]).await.unwrap();
    assert_eq!(suche(&bernd, "führerschein elster").await, vec![t]);
    assert_eq!(db.zahl(&Sql::new("SELECT COUNT(*) FROM forum_thema WHERE suchtext = ''")).await.unwrap(), 0);

    // Hostile: LIKE wildcards are folded away, a long query is refused before any work.
    for q in ["%", "_", "%%%_", "' OR 1=1 --", ""] {
        assert_eq!(suche(&bernd, q).await, Vec::<i64>::new(), "{q}");
    }
    let viele = "wort ".repeat(99);
    assert_eq!(senden(&basis, "forum_suche", &bernd, &[("q", viele)]).await.0, 200);
    let (s, text) = senden(&basis, "forum_suche", &bernd, &[("q", "x".repeat(501))]).await;
    assert_eq!(s, 422, "{text}");
    assert!(text.contains("höchstens 500 Zeichen"), "{text}");
}

async fn verknuepfen(basis: &str, cookie: &str, thema: i64, adresse: &str) -> (u16, String) {
    senden(basis, "forum_verknuepfen", cookie, &[("thema", thema.to_string()), ("adresse", adresse.to_string())]).await
}

async fn verweise(basis: &str, cookie: &str, art: &str, ziel: &str) -> Vec<String> {
    let v = json(basis, "forum_verweise", cookie, &[("art", art.into()), ("ziel", ziel.into())]).await;
    v.as_array().unwrap().iter().map(|t| t["betreff"].as_str().unwrap().to_string()).collect()
}

/// A thread linked to an OZG-Leistung and a project: by its author and the moderation only,
/// shown on the thread and on the Leistung's page (for the public only once the board is public,
/// and the cached public page follows), at most ten, removed again; all audited.
async fn verknuepfung_auf_beiden_seiten(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let ozg = db.zahl(&Sql::new("SELECT MIN(ozg_id) FROM leistung")).await.unwrap().to_string();
    let name = db.text(&Sql::new("SELECT name FROM leistung ORDER BY ozg_id LIMIT 1")).await.unwrap().unwrap();
    let projekt = db.zahl(&Sql::new("SELECT MIN(id) FROM projekt")).await.unwrap();
    let id = thema(&basis, &anna, "Bauantrag online pilotieren", "Wer macht mit?").await;
    let leistungsseite = format!("{basis}/leistungen/{ozg}");
    let (s, vorher) = common::holen(&leistungsseite).await;
    assert_eq!(s, 200);
    assert!(!vorher.contains("Bauantrag online pilotieren"));

    // The author pastes the page's address; another member may not, the moderation may.
    let (s, t) = verknuepfen(&basis, &anna, id, &format!("https://atlas.example/leistungen/{ozg}?q=x#oben")).await;
    assert_eq!(s, 200, "{t}");
    assert_eq!(verknuepfen(&basis, &anna, id, &format!("/leistungen/{ozg}")).await.0, 200, "again: no change");
    assert_eq!(verknuepfen(&basis, &bernd, id, &format!("/roadmap/{projekt}")).await.0, 403);
    assert_eq!(verknuepfen(&basis, &kora, id, &format!("/roadmap/{projekt}")).await.0, 200);
    let s_anna = seite(&basis, &anna, id, 1).await;
    assert_eq!(s_anna["darf_verknuepfen"], true);
    let bezuege: Vec<(&str, &str)> = s_anna["bezuege"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["art"].as_str().unwrap(), b["ziel"].as_str().unwrap()))
        .collect();
    assert_eq!(bezuege, vec![("Leistung", ozg.as_str()), ("Projekt", projekt.to_string().as_str())]);
    assert_eq!(s_anna["bezuege"][0]["titel"], name.as_str());
    assert_eq!(seite(&basis, &bernd, id, 1).await["darf_verknuepfen"], false);

    // The other side: members see the thread; the public only once the board is public, and the
    // cached public page of the Leistung shows it then.
    assert_eq!(verweise(&basis, &bernd, "leistung", &ozg).await, vec!["Bauantrag online pilotieren"]);
    assert_eq!(verweise(&basis, &bernd, "projekt", &projekt.to_string()).await.len(), 1);
    assert!(verweise(&basis, "", "leistung", &ozg).await.is_empty());
    assert!(!common::holen(&leistungsseite).await.1.contains("Bauantrag online pilotieren"));
    db.transaktion(&[Sql::new("UPDATE forum_brett SET oeffentlich = TRUE WHERE slug = 'allgemein'")]).await.unwrap();
    assert_eq!(verweise(&basis, "", "leistung", &ozg).await.len(), 1);
    let (_, nachher) = common::holen(&leistungsseite).await;
    assert!(nachher.contains("Im Forum") && nachher.contains("Bauantrag online pilotieren"), "cached page renewed");
    for (art, ziel) in [("leistung", "1; DROP"), ("passwort", "1"), ("steckbrief", "-1"), ("projekt", "")] {
        assert!(verweise(&basis, "", art, ziel).await.is_empty(), "{art}");
    }

    // Hostile or wrong addresses: a message at the field, or 404; nothing stored.
    for (adresse, status) in [
        ("/forum/thema/1".to_string(), 422),
        ("javascript:alert(1)".into(), 422),
        (format!("/roadmap/{}", "9".repeat(600)), 422),
        ("/roadmap/neu".into(), 422),
        ("/leistungen/99999".into(), 404),
        ("/veranstaltungen/999999".into(), 404),
        ("/steckbriefe/999999".into(), 404),
    ] {
        let (s, t) = verknuepfen(&basis, &anna, id, &adresse).await;
        assert_eq!(s, status, "{adresse}: {t}");
        assert!(status != 422 || t.contains("adresse"), "{t}");
    }
    assert_eq!(verknuepfen(&basis, &anna, 999_999, &format!("/leistungen/{ozg}")).await.0, 404);
    assert_eq!(verknuepfen(&basis, "", id, &format!("/leistungen/{ozg}")).await.0, 401);

    // At most ten, also when twelve more arrive at once: eight pass, four are refused.
    let mut weitere = Sql::new("SELECT ozg_id FROM leistung ORDER BY ozg_id LIMIT 12 OFFSET 1");
    let mehr: Vec<(i64,)> = db.alle(&weitere).await.unwrap();
    let auftraege = mehr.iter().map(|(o,)| {
        let (basis, anna) = (basis.clone(), anna.clone());
        async move { verknuepfen(&basis, &anna, id, &format!("/leistungen/{o}")).await }
    });
    let antworten = futures::future::join_all(auftraege).await;
    let zaehlen = |status: u16| antworten.iter().filter(|(s, _)| *s == status).count();
    assert_eq!((zaehlen(200), zaehlen(409)), (8, 4), "{antworten:?}");
    assert!(antworten.iter().all(|(s, t)| *s == 200 || t.contains("höchstens 10")), "{antworten:?}");
    weitere = Sql::new("SELECT COUNT(*) FROM forum_verknuepfung");
    assert_eq!(db.zahl(&weitere).await.unwrap(), 10);

    // Removed by its author; a closed thread only by the moderation.
    let loesen =
        |art: &str, ziel: &str| vec![("thema", id.to_string()), ("art", art.to_string()), ("ziel", ziel.to_string())];
    assert_eq!(senden(&basis, "forum_bezug_loesen", &bernd, &loesen("leistung", &ozg)).await.0, 403);
    assert_eq!(senden(&basis, "forum_bezug_loesen", &anna, &loesen("leistung", &ozg)).await.0, 200);
    assert_eq!(senden(&basis, "forum_bezug_loesen", &anna, &loesen("leistung", &ozg)).await.0, 404);
    assert_eq!(senden(&basis, "forum_bezug_loesen", &anna, &loesen("leistung", "1 OR 1=1")).await.0, 422);
    assert!(verweise(&basis, &bernd, "leistung", &ozg).await.is_empty());
    let f = [("id", id.to_string()), ("aktion", "schliessen".to_string()), ("brett", String::new())];
    assert_eq!(senden(&basis, "thema_moderieren", &kora, &f).await.0, 200);
    assert_eq!(verknuepfen(&basis, &anna, id, &format!("/leistungen/{ozg}")).await.0, 403);
    assert_eq!(seite(&basis, &anna, id, 1).await["darf_verknuepfen"], false);
    assert_eq!(senden(&basis, "forum_bezug_loesen", &kora, &loesen("projekt", &projekt.to_string())).await.0, 200);
    let protokoll = Sql::new("SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'forum_thema' AND feld = 'bezug'");
    assert_eq!(db.zahl(&protokoll).await.unwrap(), 2 + 8 + 2);
}

/// A board for a Digitalisierungslabor (moderation, once per lab) and a board open to the public
/// (the operator only): the public reads its threads with names and Kommune, never an e-mail
/// address; closed again, they are gone for the public.
async fn labor_und_oeffentliche_foren(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let adam = konto_anmelden(&db, &basis, "adam@kdn.de", "Adam", Rolle::Admin).await;
    let labore = json(&basis, "forum_labore", &kora, &[]).await;
    let (labor, titel) = (labore[0][0].as_i64().unwrap(), labore[0][1].as_str().unwrap().to_string());
    let eroeffnen = |l: &str, b: &str| vec![("labor", l.to_string()), ("beschreibung", b.to_string())];
    assert_eq!(senden(&basis, "forum_labor_eroeffnen", &anna, &eroeffnen(&labor.to_string(), "")).await.0, 403);
    for (l, b, status) in
        [("", "", 422), ("x", "", 422), ("999999", "", 404), (&labor.to_string()[..], &"b".repeat(300)[..], 422)]
    {
        let (s, t) = senden(&basis, "forum_labor_eroeffnen", &kora, &eroeffnen(l, b)).await;
        assert_eq!(s, status, "{l}: {t}");
    }
    let (s, slug) =
        senden(&basis, "forum_labor_eroeffnen", &kora, &eroeffnen(&labor.to_string(), "Austausch im Labor")).await;
    assert_eq!(s, 200, "{slug}");
    let slug: String = serde_json::from_str(&slug).unwrap();
    assert_eq!(slug, format!("labor-{labor}"));
    let (s, t) = senden(&basis, "forum_labor_eroeffnen", &kora, &eroeffnen(&labor.to_string(), "")).await;
    assert_eq!((s, t.contains("schon ein Forum")), (409, true), "{t}");
    let bretter = json(&basis, "forum_bretter", &anna, &[]).await;
    let b = bretter.as_array().unwrap().iter().find(|b| b["slug"] == slug.as_str()).unwrap();
    assert_eq!(b["titel"], format!("Digitalisierungslabor: {titel}"));
    let labore = json(&basis, "forum_labore", &kora, &[]).await;
    assert!(labore.as_array().unwrap().iter().all(|l| l[0] != labor), "opened once");

    let f = [("brett", slug.clone()), ("betreff", "Pilot im Labor".to_string()), ("text", "Wir starten.".into())];
    let (s, thema) = senden(&basis, "thema_anlegen", &anna, &f).await;
    assert_eq!(s, 200, "{thema}");
    let lesen = [("id", thema.clone()), ("seite", "1".to_string())];
    assert_eq!(senden(&basis, "forum_thema", "", &lesen).await.0, 404);
    let oeffnen = |an: &str| vec![("slug", slug.clone()), ("an", an.to_string())];
    assert_eq!(senden(&basis, "forum_oeffentlich", &kora, &oeffnen("true")).await.0, 403);
    assert_eq!(senden(&basis, "forum_oeffentlich", &adam, &oeffnen("true")).await.0, 200);
    assert_eq!(senden(&basis, "forum_oeffentlich", &adam, &oeffnen("true")).await.0, 200, "already so");
    let oeffentlich = json(&basis, "forum_bretter", "", &[]).await;
    let slugs: Vec<&str> = oeffentlich.as_array().unwrap().iter().map(|b| b["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, vec![slug.as_str()]);
    let (s, t) = senden(&basis, "forum_thema", "", &lesen).await;
    assert_eq!(s, 200, "{t}");
    let (s, html) = common::holen(&format!("{basis}/forum/thema/{thema}")).await;
    assert_eq!(s, 200);
    for seite in [&t, &html] {
        assert!(seite.contains("Wir starten.") && seite.contains("Anna"), "{seite}");
        assert!(!seite.contains("anna@ahaus.de") && !seite.contains("kora@kdn.de"), "no e-mail for the public");
    }
    assert_eq!(
        senden(&basis, "forum_oeffentlich", &adam, &[("slug", "gibt-es-nicht".into()), ("an", "true".into())]).await.0,
        404
    );
    assert_eq!(senden(&basis, "forum_oeffentlich", &adam, &oeffnen("false")).await.0, 200);
    assert_eq!(senden(&basis, "forum_thema", "", &lesen).await.0, 404);
    let p = Sql::new("SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'forum_brett'");
    assert_eq!(db.zahl(&p).await.unwrap(), 3, "opened, public, closed again");
}

beide_datenbanken!(
    labor_und_oeffentliche_foren,
    verknuepfung_auf_beiden_seiten,
    suche_faltet_und_zeigt_nur_sichtbares,
    konto_loeschen_laesst_beitraege_stehen,
    moderation_mit_grund_und_meldungen,
    nur_angemeldet_und_neu_je_person,
    beitraege_nur_durch_den_bereiniger,
    eigene_beitraege_versioniert_bearbeiten,
    feindliche_eingaben_und_parallele_antworten,
);
