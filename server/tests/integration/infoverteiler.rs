//! The Infoverteiler over real HTTP on SQLite and PostgreSQL, its mails through a real SMTP
//! server (aiosmtpd) read back by Python's e-mail parser: following, "Neu für mich" with its count,
//! the personal Atom feed behind a revocable token, the daily digest grouped by subscription with
//! a one-click unsubscribe that works without login, immediate mails never to their author and
//! never twice with two workers, retries after a failed delivery, and hostile input.

use crate::common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::smtp::Postfach;
use common::{holen, kommune_konto_anmelden, konto_anmelden, senden, starten};
use serde_json::Value;
use server::infoverteiler::arbeiter::{MailKonfig, runde};

const AHAUS: &str = "05554004";
const BOCHOLT: &str = "05554008";
const TAG_MS: i64 = 24 * 3600 * 1000;

async fn json(basis: &str, funktion: &str, cookie: &str, form: &[(&str, String)]) -> Value {
    let (s, t) = senden(basis, funktion, cookie, form).await;
    assert_eq!(s, 200, "{funktion}: {t}");
    serde_json::from_str(&t).unwrap()
}

async fn folgen(basis: &str, cookie: &str, art: &str, ziel: &str, versand: &str) -> Value {
    let f = [("art", art.to_string()), ("ziel", ziel.to_string()), ("versand", versand.to_string())];
    json(basis, "folgen", cookie, &f).await
}

async fn themenfeld_id(db: &Db, name: &str) -> i64 {
    let mut s = Sql::new("SELECT id FROM themenfeld WHERE name = ");
    s.bind(name);
    db.zahl(&s).await.unwrap()
}

async fn brett_von(db: &Db, tf: i64) -> String {
    let mut s = Sql::new("SELECT slug FROM forum_brett WHERE themenfeld_id = ");
    s.bind(tf);
    db.text(&s).await.unwrap().unwrap()
}

fn mailkonfig(smtp: &str, basis: &str) -> MailKonfig {
    let url = smtp.to_string();
    let lesen = move |n: &str| (n == "OZG_SMTP_URL").then(|| url.clone());
    MailKonfig::aus(&lesen, basis).unwrap().unwrap()
}

/// Tomorrow at 06:00 UTC: the daily digest of today is due.
fn morgen_frueh() -> i64 {
    let heute = chrono::Utc::now().date_naive();
    (heute + chrono::Duration::days(1)).and_hms_opt(6, 0, 0).unwrap().and_utc().timestamp_millis()
}

fn heute() -> String {
    chrono::Utc::now().date_naive().format("%d.%m.%Y").to_string()
}

/// The "done when": a Kommune's staff member follows "Bauen & Wohnen"; a coordinator
/// posts a news item and answers a thread; the member finds both under "Neu für mich", in their
/// Atom feed and in their daily digest mail – and unsubscribes from it in one click.
async fn folgen_neu_feed_und_tagesmail(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let bauen = themenfeld_id(&db, "Bauen & Wohnen").await;

    let abo = folgen(&basis, &anna, "themenfeld", &bauen.to_string(), "taeglich").await;
    assert_eq!(abo["titel"], "Themenfeld Bauen & Wohnen");
    let stand = json(&basis, "abo_stand", &anna, &[("art", "themenfeld".into()), ("ziel", bauen.to_string())]).await;
    assert_eq!(stand["abo"]["versand"], "Taeglich");
    assert_eq!(json(&basis, "neu_anzahl", &anna, &[]).await, 0);

    // Bernd opens a thread in the Themenfeld's board, the coordination answers and posts news;
    // a news item of another Themenfeld and one planned for tomorrow do not count.
    let brett = brett_von(&db, bauen).await;
    let f = [("brett", brett), ("betreff", "Bauantrag online".to_string()), ("text", "Wer nutzt schon **X**?".into())];
    let (s, thema) = senden(&basis, "thema_anlegen", &bernd, &f).await;
    assert_eq!(s, 200, "{thema}");
    let (s, t) =
        senden(&basis, "beitrag_antworten", &kora, &[("thema", thema.clone()), ("text", "Siehe Roadmap.".into())])
            .await;
    assert_eq!(s, 200, "{t}");
    let meldung = |titel: &str, tf: i64, tag: String| {
        vec![
            ("titel", titel.to_string()),
            ("text", "Neu im Themenfeld.".to_string()),
            ("themenfeld", tf.to_string()),
            ("veroeffentlicht", tag),
            ("ablauf", String::new()),
        ]
    };
    let (s, t) = senden(&basis, "meldung_anlegen", &kora, &meldung("Workshop Bauen", bauen, heute())).await;
    assert_eq!(s, 200, "{t}");
    let anderes = themenfeld_id(&db, "Gesundheit").await;
    assert_eq!(senden(&basis, "meldung_anlegen", &kora, &meldung("Anderswo", anderes, heute())).await.0, 200);
    let morgen = (chrono::Utc::now().date_naive() + chrono::Duration::days(1)).format("%d.%m.%Y").to_string();
    assert_eq!(senden(&basis, "meldung_anlegen", &kora, &meldung("Geplant", bauen, morgen)).await.0, 200);

    // "Neu für mich": the count in the header, then the page, grouped by the subscription.
    assert_eq!(json(&basis, "neu_anzahl", &anna, &[]).await, 3);
    assert_eq!(json(&basis, "neu_anzahl", &bernd, &[]).await, 0, "Bernd follows nothing");
    let neu = json(&basis, "neu_laden", &anna, &[]).await;
    assert_eq!(neu["neu"], 3, "{neu}");
    assert_eq!(neu["gruppen"][0][0], "Themenfeld Bauen & Wohnen");
    let titel: Vec<&str> =
        neu["gruppen"][0][1].as_array().unwrap().iter().map(|m| m["titel"].as_str().unwrap()).collect();
    assert_eq!(titel, vec!["Workshop Bauen", "Re: Bauantrag online", "Bauantrag online"]);
    assert_eq!(neu["gruppen"][0][1][1]["von"], "Kora");
    // The page rendered again in the browser keeps the marks; the header counts them seen.
    assert_eq!(json(&basis, "neu_laden", &anna, &[]).await["neu"], 3);
    assert_eq!(json(&basis, "neu_anzahl", &anna, &[]).await, 0);
    // Bernd follows his own thread: the answer is new to him, his own post never.
    folgen(&basis, &bernd, "thema", &thema, "portal").await;
    let b = json(&basis, "neu_laden", &bernd, &[]).await;
    assert_eq!(b["gruppen"][0][1].as_array().unwrap().len(), 1, "{b}");

    // The personal feed: shown once, readable without a session, revoked by a new one.
    let (s, pfad) = senden(&basis, "infofeed_erneuern", &anna, &[]).await;
    assert_eq!(s, 200);
    let pfad: String = serde_json::from_str(&pfad).unwrap();
    let (s, feed) = holen(&format!("{basis}{pfad}")).await;
    assert_eq!(s, 200, "{feed}");
    let f = common::unabhaengig_pruefen("atom_pruefen.py", &feed);
    let eintraege = f["eintraege"].as_array().unwrap();
    assert_eq!(eintraege.len(), 3, "{f}");
    assert!(feed.contains("Aktuelles: Workshop Bauen") && feed.contains(&format!("{basis}/forum/thema/{thema}")));
    let (_, zweiter) = senden(&basis, "infofeed_erneuern", &anna, &[]).await;
    let zweiter: String = serde_json::from_str(&zweiter).unwrap();
    assert_eq!(holen(&format!("{basis}{pfad}")).await.0, 404, "the old address is revoked");
    assert_eq!(holen(&format!("{basis}{zweiter}")).await.0, 200);
    assert_eq!(senden(&basis, "infofeed_beenden", &anna, &[]).await.0, 200);
    assert_eq!(holen(&format!("{basis}{zweiter}")).await.0, 404);

    // The daily digest through a real SMTP server: one mail, grouped, with one-click unsubscribe.
    let postfach = Postfach::starten().await;
    let k = mailkonfig(&postfach.url(), &basis);
    runde(&db, &k, "server-a", morgen_frueh()).await.unwrap();
    runde(&db, &k, "server-b", morgen_frueh() + 60_000).await.unwrap();
    let mails = postfach.mails();
    assert_eq!(mails.len(), 1, "one digest, planned once by two servers: {mails:?}");
    let m = &mails[0];
    assert_eq!(m["an"], serde_json::json!(["anna@ahaus.de"]));
    assert_eq!(m["betreff"], "[OZG-Atlas NRW] Ihre tägliche Zusammenfassung: 3 Neuigkeiten");
    assert_eq!(m["art"], "multipart/alternative");
    let text = m["text"].as_str().unwrap();
    assert!(text.contains("== Themenfeld Bauen & Wohnen ==") && text.contains("Re: Bauantrag online"), "{text}");
    assert!(!text.contains("Anderswo") && !text.contains("Geplant"), "{text}");
    assert!(m["html"].as_str().unwrap().contains("<h2>Themenfeld Bauen &amp; Wohnen</h2>"));
    assert_eq!(m["list_unsubscribe_post"], "List-Unsubscribe=One-Click");
    let abmelden = m["list_unsubscribe"]
        .as_str()
        .unwrap()
        .trim_matches(|c: char| c == '<' || c == '>' || c.is_whitespace())
        .to_string();
    assert!(abmelden.starts_with(&format!("{basis}/abmelden/")) && abmelden.ends_with("/taeglich"), "{abmelden}");

    // GET shows a button (link scanners unsubscribe no one); the mail program's POST unsubscribes.
    let (s, seite) = holen(&abmelden).await;
    assert_eq!(s, 200);
    assert!(seite.contains("<form method=\"post\"") && seite.contains("tägliche Zusammenfassung"));
    assert_eq!(folgen(&basis, &anna, "themenfeld", &bauen.to_string(), "taeglich").await["versand"], "Taeglich");
    let r = reqwest::Client::new().post(&abmelden).body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let stand = json(&basis, "abo_stand", &anna, &[("art", "themenfeld".into()), ("ziel", bauen.to_string())]).await;
    assert_eq!(stand["abo"]["versand"], "Portal", "still followed in the portal, no more mail");
    let falsch = abmelden.replace("/abmelden/", "/abmelden/0");
    assert_eq!(reqwest::Client::new().post(&falsch).send().await.unwrap().status().as_u16(), 404);
    assert_eq!(holen(&format!("{basis}/abmelden/x/stündlich")).await.0, 404);
}

/// Immediate mails: one per post to each follower, never to the author; two workers (two
/// connection pools, as two app servers) send each exactly once; a failed delivery is retried.
async fn sofort_genau_einmal_und_wiederholt(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let allgemein = db.zahl(&Sql::new("SELECT id FROM forum_brett WHERE slug = 'allgemein'")).await.unwrap();
    folgen(&basis, &bernd, "brett", &allgemein.to_string(), "sofort").await;
    folgen(&basis, &anna, "brett", &allgemein.to_string(), "sofort").await;

    let f = [("brett", "allgemein".to_string()), ("betreff", "Sofort".to_string()), ("text", "Beitrag 0".into())];
    let (_, thema) = senden(&basis, "thema_anlegen", &anna, &f).await;
    for i in 1..30 {
        let (s, t) =
            senden(&basis, "beitrag_antworten", &anna, &[("thema", thema.clone()), ("text", format!("Beitrag {i}"))])
                .await;
        assert_eq!(s, 200, "{t}");
    }
    assert_eq!(db.zahl(&Sql::new("SELECT COUNT(*) FROM mail_ausgang")).await.unwrap(), 30, "to Bernd only");

    // First the mail server is down: every attempt fails and is kept for later.
    let tot = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let jetzt = app::store::jetzt_ms();
    let k_tot = mailkonfig(&format!("smtp://127.0.0.1:{tot}"), &basis);
    assert_eq!(runde(&db, &k_tot, "server-a", jetzt).await.unwrap(), 30);
    let stand = app::store::infoverteiler::ausgang::stand(&db).await.unwrap();
    assert_eq!((stand.wartend, stand.gesendet), (30, 0));
    let fehler = db
        .zahl(&Sql::new("SELECT COUNT(*) FROM mail_ausgang WHERE fehler IS NOT NULL AND versuche = 1"))
        .await
        .unwrap();
    assert_eq!(fehler, 30);
    assert_eq!(runde(&db, &k_tot, "server-a", jetzt + 1000).await.unwrap(), 0, "not before the pause");

    // Then two servers at once, each with its own pool: every mail exactly once.
    let zweite = match &db {
        Db::Postgres(p) => Db::Postgres(sqlx::PgPool::connect_with((*p.connect_options()).clone()).await.unwrap()),
        Db::Sqlite(p) => Db::Sqlite(p.clone()),
    };
    let postfach = Postfach::starten().await;
    let k = mailkonfig(&postfach.url(), &basis);
    // The pause after the first failure is two minutes.
    let spaeter = jetzt + 3 * 60_000;
    let (a, b) = tokio::join!(runde(&db, &k, "server-a", spaeter), runde(&zweite, &k, "server-b", spaeter));
    assert_eq!(a.unwrap() + b.unwrap(), 30);
    let mails = postfach.mails();
    assert_eq!(mails.len(), 30);
    assert!(mails.iter().all(|m| m["an"] == serde_json::json!(["bernd@bocholt.de"])));
    let mut texte: Vec<String> = mails
        .iter()
        .map(|m| {
            m["text"].as_str().unwrap().lines().find(|l| l.trim().starts_with("Beitrag")).unwrap().trim().to_string()
        })
        .collect();
    texte.sort();
    texte.dedup();
    assert_eq!(texte.len(), 30, "each post once: {texte:?}");
    assert!(mails[0]["list_unsubscribe"].as_str().unwrap().contains("/abo-"));
    let stand = app::store::infoverteiler::ausgang::stand(&db).await.unwrap();
    assert_eq!((stand.wartend, stand.gesendet, stand.aufgegeben), (0, 30, 0));
    assert_eq!(runde(&db, &k, "server-a", spaeter + TAG_MS).await.unwrap(), 0);
}

/// Hostile and foreign input: unknown kinds and targets, someone else's subscription, tokens of
/// every shape, the cap on subscriptions; nothing for the public.
async fn feindliche_eingaben(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let f = |art: &str, ziel: &str, versand: &str| {
        vec![("art", art.to_string()), ("ziel", ziel.to_string()), ("versand", versand.to_string())]
    };
    for (form, status, feld) in [
        (f("passwoerter", "1", "portal"), 422, "art"),
        (f("themenfeld", "1; DROP TABLE abo", "portal"), 422, "ziel"),
        (f("kommune", "0555400", "portal"), 422, "ziel"),
        (f("themenfeld", "1", "stündlich"), 422, "versand"),
        (f("thema", "999999", "portal"), 404, ""),
        (f("kommune", "99999999", "portal"), 404, ""),
        (f("themenfeld", &"9".repeat(5000), "portal"), 422, "ziel"),
    ] {
        let (s, t) = senden(&basis, "folgen", &anna, &form).await;
        assert_eq!(s, status, "{form:?}: {t}");
        assert!(feld.is_empty() || t.contains(feld), "{t}");
    }
    assert_eq!(senden(&basis, "folgen", "", &f("aktuelles", "", "portal")).await.0, 401);
    assert_eq!(
        json(&basis, "abo_stand", "", &[("art", "aktuelles".into()), ("ziel", String::new())]).await["abo"],
        Value::Null
    );
    assert_eq!(json(&basis, "neu_anzahl", "", &[]).await, 0);

    // Someone else's subscription is not found, not ended.
    let abo = folgen(&basis, &anna, "kommune", AHAUS, "woechentlich").await;
    assert_eq!(abo["titel"], "Kommune Ahaus, Stadt");
    let (s, _) = senden(&basis, "entfolgen", &bernd, &[("id", abo["id"].to_string())]).await;
    assert_eq!(s, 404);
    assert_eq!(json(&basis, "abos_laden", &anna, &[]).await["abos"].as_array().unwrap().len(), 1);
    assert_eq!(senden(&basis, "entfolgen", &anna, &[("id", abo["id"].to_string())]).await.0, 200);
    assert_eq!(json(&basis, "abos_laden", &anna, &[]).await["abos"], serde_json::json!([]));

    // Following the same thing twice keeps one subscription; the cap holds.
    folgen(&basis, &anna, "aktuelles", "", "portal").await;
    folgen(&basis, &anna, "aktuelles", "", "sofort").await;
    assert_eq!(json(&basis, "abos_laden", &anna, &[]).await["abos"].as_array().unwrap().len(), 1);
    let anna_id = db.zahl(&Sql::new("SELECT id FROM benutzer WHERE email = 'anna@ahaus.de'")).await.unwrap();
    let zeilen: Vec<Vec<app::store::Arg>> = (0..app::store::infoverteiler::MAX_ABOS)
        .map(|i| vec![anna_id.into(), "thema".into(), (1_000_000 + i).to_string().into(), "portal".into(), 0i64.into()])
        .collect();
    db.transaktion(&[Sql::insert_rows("INSERT INTO abo (benutzer_id, art, ziel, versand, erstellt_ms)", zeilen, "")])
        .await
        .unwrap();
    let (s, t) = senden(&basis, "folgen", &anna, &f("veranstaltungen", "", "portal")).await;
    assert_eq!(s, 409, "{t}");
    assert!(t.contains("500"), "{t}");

    // Feed tokens of every shape: 404, never a server error.
    for token in ["", "x", "../../etc/passwd", &"a".repeat(5000), "%00", "' OR '1'='1"] {
        let (s, _) = holen(&format!("{basis}/feed/mein-{token}.atom")).await;
        assert_eq!(s, 404, "{token}");
    }
    for (token, was) in
        [("a".repeat(300), "taeglich".to_string()), ("abc".into(), "abo-0".into()), ("abc".into(), "abo-x".into())]
    {
        let r = reqwest::Client::new().post(format!("{basis}/abmelden/{token}/{was}")).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 404, "{was}");
    }
}

fn rundschreiben_form(an: &str, betreff: &str, text: &str) -> Vec<(&'static str, String)> {
    vec![("an", an.to_string()), ("betreff", betreff.to_string()), ("text", text.to_string())]
}

/// Previews, then sends once (also when clicked five times at once), audited.
async fn rundschreiben_senden(basis: &str, kora: &str, an: &str, betreff: &str, text: &str) -> Value {
    let v = json(basis, "rundschreiben_vorschau", kora, &rundschreiben_form(an, betreff, text)).await;
    let mut f = rundschreiben_form(an, betreff, text);
    f.push(("fingerabdruck", v["fingerabdruck"].as_str().unwrap().to_string()));
    let (s, t) = senden(basis, "rundschreiben_senden", kora, &f).await;
    assert_eq!(s, 200, "{t}");
    assert_eq!(t, v["empfaenger"].to_string());
    v
}

fn mails_an<'a>(mails: &'a [Value], wer: &str) -> Vec<&'a Value> {
    mails.iter().filter(|m| m["an"] == serde_json::json!([wer])).collect()
}

/// The coordination's Rundschreiben: a preview that sends nothing, a send of exactly what was
/// previewed and only once, mails through a real SMTP server to the Themenfeld's followers
/// (whatever their rhythm) or to everyone, never again in a digest, and switched off in one
/// click or in the portal – also for a mail already queued.
async fn rundschreiben_einmal_und_abbestellbar(db: Db) {
    let basis = starten(db.clone()).await;
    let anna = kommune_konto_anmelden(&db, &basis, "anna@ahaus.de", "Anna", Rolle::Kommune, Some(AHAUS)).await;
    let _bernd = kommune_konto_anmelden(&db, &basis, "bernd@bocholt.de", "Bernd", Rolle::Kommune, Some(BOCHOLT)).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let bauen = themenfeld_id(&db, "Bauen & Wohnen").await.to_string();
    folgen(&basis, &anna, "themenfeld", &bauen, "portal").await;
    let zaehlen = |sql: &'static str| {
        let db = db.clone();
        async move { db.zahl(&Sql::new(sql)).await.unwrap() }
    };

    let betreff = "Workshop Bauen am 3. März";
    let text = "Liebe Kommunen,\r\n\r\nder <b>Workshop</b> findet statt.";
    assert_eq!(
        senden(&basis, "rundschreiben_vorschau", &anna, &rundschreiben_form(&bauen, betreff, text)).await.0,
        403
    );
    let v = json(&basis, "rundschreiben_vorschau", &kora, &rundschreiben_form(&bauen, betreff, text)).await;
    assert_eq!(v["empfaenger"], 1, "{v}");
    assert_eq!(v["an"], "alle, die dem Themenfeld Bauen & Wohnen folgen");
    assert!(
        v["text"].as_str().unwrap().starts_with("Guten Tag Kora,\n\nLiebe Kommunen,\n\nder <b>Workshop</b>"),
        "{v}"
    );
    assert_eq!(zaehlen("SELECT COUNT(*) FROM rundschreiben").await, 0, "a preview sends nothing");

    // Changed after the preview: refused. Clicked five times at once: sent once.
    let mut f = rundschreiben_form(&bauen, betreff, text);
    f.push(("fingerabdruck", v["fingerabdruck"].as_str().unwrap().to_string()));
    let mut anders = f.clone();
    anders[2].1 = "Ein anderer Text".into();
    let (s, t) = senden(&basis, "rundschreiben_senden", &kora, &anders).await;
    assert_eq!(s, 409, "{t}");
    assert!(t.contains("Vorschau"), "{t}");
    let alle = futures::future::join_all((0..5).map(|_| senden(&basis, "rundschreiben_senden", &kora, &f))).await;
    let mut status: Vec<u16> = alle.iter().map(|(s, _)| *s).collect();
    status.sort();
    assert_eq!(status, vec![200, 409, 409, 409, 409], "{alle:?}");
    assert!(alle.iter().any(|(s, t)| *s == 409 && t.contains("bereits am")), "{alle:?}");
    assert_eq!(zaehlen("SELECT COUNT(*) FROM mail_ausgang WHERE art = 'rundschreiben'").await, 1);
    assert_eq!(zaehlen("SELECT COUNT(DISTINCT objekt_id) FROM protokoll WHERE objekt_art = 'rundschreiben'").await, 1);
    let neu = json(&basis, "neu_laden", &anna, &[]).await;
    assert_eq!(neu["gruppen"][0][0], "Themenfeld Bauen & Wohnen", "{neu}");
    assert_eq!(neu["gruppen"][0][1][0]["art"], "rundschreiben");

    // To everyone: every active account.
    let aktive = zaehlen("SELECT COUNT(*) FROM benutzer WHERE aktiv = TRUE").await;
    let w = rundschreiben_senden(&basis, &kora, "alle", "Wartung am Samstag", "Das Portal ruht von 8 bis 9 Uhr.").await;
    assert_eq!(w["empfaenger"], aktive);

    // Through a real SMTP server; the next day's digest does not repeat it.
    let postfach = Postfach::starten().await;
    let k = mailkonfig(&postfach.url(), &basis);
    runde(&db, &k, "server-a", app::store::jetzt_ms()).await.unwrap();
    folgen(&basis, &anna, "themenfeld", &bauen, "taeglich").await;
    runde(&db, &k, "server-a", morgen_frueh()).await.unwrap();
    let mails = postfach.mails();
    assert_eq!(i64::try_from(mails.len()).unwrap(), 1 + aktive, "{mails:?}");
    let an_anna = mails_an(&mails, "anna@ahaus.de");
    let betreffe: Vec<&str> = an_anna.iter().map(|m| m["betreff"].as_str().unwrap()).collect();
    assert_eq!(
        betreffe,
        vec![
            "[OZG-Atlas NRW] Rundschreiben: Wartung am Samstag",
            "[OZG-Atlas NRW] Rundschreiben: Workshop Bauen am 3. März"
        ]
    );
    let m = an_anna[1];
    assert!(m["text"].as_str().unwrap().contains("Guten Tag Anna,\n\nLiebe Kommunen,\n\nder <b>Workshop</b>"), "{m}");
    assert!(m["html"].as_str().unwrap().contains("der &lt;b&gt;Workshop&lt;/b&gt; findet statt."), "{m}");
    assert_eq!(m["list_unsubscribe_post"], "List-Unsubscribe=One-Click");
    let abmelden =
        m["list_unsubscribe"].as_str().unwrap().trim_matches(|c: char| c == '<' || c == '>' || c.is_whitespace());
    assert!(abmelden.ends_with("/rundschreiben"), "{abmelden}");
    assert_eq!(mails_an(&mails, "bernd@bocholt.de").len(), 1, "Bernd follows nothing: only the one to everyone");

    // One click (no login) switches them off; the archive still shows them, the numbers only
    // to the coordination.
    let r = reqwest::Client::new().post(abmelden).body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let archiv = json(&basis, "rundschreiben_archiv", &anna, &[]).await;
    assert_eq!((archiv["per_mail"].clone(), archiv["liste"].as_array().unwrap().len()), (Value::Bool(false), 2));
    assert_eq!(archiv["liste"][0]["empfaenger"], Value::Null);
    assert_eq!(json(&basis, "rundschreiben_archiv", &kora, &[]).await["liste"][0]["empfaenger"], aktive);
    let dritte = rundschreiben_senden(&basis, &kora, "alle", "Ohne Anna", "Text").await;
    assert_eq!(dritte["empfaenger"], aktive - 1);

    // Back on, a fourth is queued, then switched off in the portal before the worker runs.
    assert_eq!(json(&basis, "rundschreiben_empfang", &anna, &[("an", "true".into())]).await, true);
    rundschreiben_senden(&basis, &kora, "alle", "Vierte", "Text").await;
    assert_eq!(json(&basis, "rundschreiben_empfang", &anna, &[("an", "false".into())]).await, false);
    runde(&db, &k, "server-a", morgen_frueh() + 60_000).await.unwrap();
    let mails = postfach.mails();
    assert_eq!(mails_an(&mails, "anna@ahaus.de").len(), 2, "nothing after switching off");
    assert_eq!(mails_an(&mails, "bernd@bocholt.de").len(), 3);
    let abbestellt = "SELECT COUNT(*) FROM mail_ausgang WHERE fehler = 'Rundschreiben abbestellt'";
    assert_eq!(zaehlen(abbestellt).await, 1);

    // Hostile input: a field message each, nothing sent.
    let vorher = zaehlen("SELECT COUNT(*) FROM rundschreiben").await;
    for (form, status, feld) in [
        (rundschreiben_form("alle", "Hallo\r\nBcc: alle@example.org", "t"), 422, "betreff"),
        (rundschreiben_form("alle", "b", &"x".repeat(20_001)), 422, "text"),
        (rundschreiben_form("1 OR 1=1", "b", "t"), 422, "an"),
        (rundschreiben_form("alle", "", ""), 422, "betreff"),
        (rundschreiben_form("999999", "b", "t"), 404, ""),
    ] {
        let (s, t) = senden(&basis, "rundschreiben_vorschau", &kora, &form).await;
        assert_eq!(s, status, "{t}");
        assert!(feld.is_empty() || t.contains(feld), "{t}");
    }
    assert_eq!(senden(&basis, "rundschreiben_archiv", "", &[]).await.0, 401);
    assert_eq!(zaehlen("SELECT COUNT(*) FROM rundschreiben").await, vorher);
}

beide_datenbanken!(
    folgen_neu_feed_und_tagesmail,
    sofort_genau_einmal_und_wiederholt,
    feindliche_eingaben,
    rundschreiben_einmal_und_abbestellbar
);
