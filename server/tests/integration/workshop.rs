//! Workshop-Modus over real HTTP on both databases: start, join with account and as guest,
//! what guests cannot do, one vote per participant under many parallel clients, moderation,
//! the facilitator's view, decisions with their votes in the audit log, the end of a session.
//! Names and Kommunen of guests here are test values.

use crate::common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::{holen, kommune_konto_anmelden, konto_anmelden, senden, starten};

const AHAUS: &str = "05554004";

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

/// A Themenfeld-Workshop of a Themenfeld with at least two Leistungen: (event id, two OZG-IDs,
/// one OZG-ID of another Themenfeld).
async fn workshop(db: &Db) -> (i64, [i64; 2], i64) {
    let (v, tf) = common::themenfeld_workshop(db, "Testworkshop Bauen").await;
    let andere =
        zahl(db, &format!("SELECT MIN(ozg_id) FROM leistung WHERE ozg_id <> 10513 AND themenfeld_id = {tf}")).await;
    let fremd = zahl(db, &format!("SELECT MIN(ozg_id) FROM leistung WHERE themenfeld_id <> {tf}")).await;
    (v, [10513, andere], fremd)
}

/// A browser without an account: joins as a guest, keeps its cookies.
struct Gast {
    client: reqwest::Client,
    cookie: String,
}

impl Gast {
    async fn beitreten(basis: &str, code: &str, name: &str) -> (u16, Gast) {
        let client = reqwest::Client::new();
        let r = client
            .post(format!("{basis}/api/workshop_beitreten"))
            .form(&[("code", code), ("als", "gast"), ("name", name), ("kommune", "Testkommune")])
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let cookie: Vec<String> = r
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_string))
            .collect();
        (status, Gast { client, cookie: cookie.join("; ") })
    }

    async fn senden(&self, basis: &str, funktion: &str, form: &[(&str, String)]) -> (u16, String) {
        let r = self
            .client
            .post(format!("{basis}/api/{funktion}"))
            .header("cookie", &self.cookie)
            .form(form)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }
}

/// The data of the newest workshop event, once the coalesced one of the last answers is written.
async fn letztes_ereignis(db: &Db) -> String {
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let s = Sql::new("SELECT daten FROM ereignis WHERE art = 'workshop' ORDER BY id DESC LIMIT 1");
    db.text(&s).await.unwrap().unwrap()
}

fn code_aus(text: &str) -> String {
    serde_json::from_str::<String>(text).unwrap()
}

async fn ergebnis(basis: &str, code: &str, frage: i64, cookie: &str) -> app::model::workshop::Ergebnis {
    let (status, text) =
        senden(basis, "workshop_ergebnis", cookie, &[("code", code.to_string()), ("frage", frage.to_string())]).await;
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn eine_sitzung_von_anfang_bis_ende(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora Koordination", Rolle::Koordination).await;
    let anna = kommune_konto_anmelden(&db, &basis, "a@ahaus.de", "Anna Ahaus", Rolle::Kommune, Some(AHAUS)).await;
    let (v, [l1, l2], fremd) = workshop(&db).await;

    // Only the coordination starts; starting again gives the same session.
    assert_eq!(senden(&basis, "workshop_starten", &anna, &[("veranstaltung", v.to_string())]).await.0, 403);
    assert_eq!(senden(&basis, "workshop_starten", "", &[("veranstaltung", v.to_string())]).await.0, 401);
    let (status, text) = senden(&basis, "workshop_starten", &kora, &[("veranstaltung", v.to_string())]).await;
    assert_eq!(status, 200, "{text}");
    let code = code_aus(&text);
    let (_, nochmal) = senden(&basis, "workshop_starten", &kora, &[("veranstaltung", v.to_string())]).await;
    assert_eq!(code_aus(&nochmal), code);
    let info = zahl(&db, "SELECT MIN(id) FROM veranstaltung WHERE art <> 'workshop'").await;
    let (status, text) = senden(&basis, "workshop_starten", &kora, &[("veranstaltung", info.to_string())]).await;
    assert_eq!(status, 409, "only for Themenfeld-Workshops: {text}");

    // Public: the session page, its state (no e-mail address), the QR code.
    let (status, html) = holen(&format!("{basis}/workshop/{code}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Testworkshop Bauen") && !html.contains("kora@kdn.de"));
    let (status, html) = holen(&format!("{basis}/workshop?code={}", code.to_lowercase())).await;
    assert_eq!(status, 200, "the code typed in leads to the session");
    assert!(html.contains("Testworkshop Bauen"), "{}", &html[html.find("<main").unwrap_or(0)..]);
    assert_eq!(holen(&format!("{basis}/workshop/ZZZZZZ")).await.0, 404);
    let (status, svg) = holen(&format!("{basis}/grafik/workshop-{code}.svg")).await;
    assert!(status == 200 && svg.contains("<svg"), "{svg}");
    let (_, json) = senden(&basis, "workshop", "", &[("code", code.clone())]).await;
    assert!(!json.contains("@"), "{json}");

    // Guests: name and Kommune needed; then they answer, and nothing else opens to them.
    let (status, _) = Gast::beitreten(&basis, &code, "").await;
    assert_eq!(status, 422);
    let (status, gast) = Gast::beitreten(&basis, &code, "Gerda Gast").await;
    assert_eq!(status, 200);
    assert!(gast.cookie.contains("ozg_gast=") && gast.cookie.contains("ozg_workshop="), "{}", gast.cookie);
    for (f, form) in [
        ("workshop_frage", vec![("code", code.clone()), ("art", "skala".into()), ("text", "X".into())]),
        ("workshop_beenden", vec![("code", code.clone())]),
        ("workshop_starten", vec![("veranstaltung", v.to_string())]),
        ("steckbriefe", vec![]),
    ] {
        assert_eq!(gast.senden(&basis, f, &form).await.0, 401, "{f} as guest");
    }

    // A Priorität question about two Leistungen; one of another Themenfeld is refused.
    let frage_form = |ids: &[i64]| {
        let mut f = vec![("code", code.clone()), ("art", "prioritaet".to_string()), ("text", "Priorität?".to_string())];
        f.extend(ids.iter().map(|i| ("leistungen[]", i.to_string())));
        f
    };
    let (status, text) = senden(&basis, "workshop_frage", &kora, &frage_form(&[l1, fremd])).await;
    assert!(status == 422 && text.contains("leistungen"), "{status} {text}");
    let (status, text) = senden(&basis, "workshop_frage", &kora, &frage_form(&[l1, l2])).await;
    assert_eq!(status, 200, "{text}");
    let frage: i64 = text.parse().unwrap();
    let stimme = |ozg: i64, p: &str| ("prio[]", format!("{ozg}:{p}"));
    let antwort = |stimmen: Vec<(&'static str, String)>| {
        let mut f = vec![("code", code.clone()), ("frage", frage.to_string())];
        f.extend(stimmen);
        f
    };

    // Hostile answers: a foreign Leistung, a value out of range, too many votes.
    for boese in [
        vec![stimme(fremd, "1")],
        vec![stimme(l1, "4")],
        vec![stimme(l1, "1"), stimme(l1, "2")],
        (0..500).map(|_| stimme(l1, "1")).collect(),
    ] {
        let (status, text) = gast.senden(&basis, "workshop_antworten", &antwort(boese)).await;
        assert_eq!(status, 422, "{text}");
    }
    // Without joining, an account cannot answer (409: it is known, but not in the room); without
    // an account or guest token nobody is there (401).
    let (status, text) = senden(&basis, "workshop_antworten", &anna, &antwort(vec![stimme(l1, "1")])).await;
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("zuerst bei"), "{text}");
    assert_eq!(senden(&basis, "workshop_antworten", "", &antwort(vec![stimme(l1, "1")])).await.0, 401);

    // 60 guests join and vote at once, each twice (the second replaces the first); Anna joins
    // with her account and votes from two tabs.
    let gaeste = futures::future::join_all((0..60).map(|i| {
        let (basis, code) = (basis.clone(), code.clone());
        async move { Gast::beitreten(&basis, &code, &format!("Gast {i}")).await.1 }
    }))
    .await;
    let ereignisse_vorher = zahl(&db, "SELECT COUNT(*) FROM ereignis WHERE art = 'workshop'").await;
    let runde = |zweite: bool| {
        futures::future::join_all(gaeste.iter().enumerate().map(|(i, g)| {
            let p = if zweite { (i % 3 + 1).to_string() } else { "3".to_string() };
            let f = antwort(vec![stimme(l1, &p), stimme(l2, if zweite { "" } else { "1" })]);
            let basis = basis.clone();
            async move { g.senden(&basis, "workshop_antworten", &f).await }
        }))
    };
    for r in runde(false).await.into_iter().chain(runde(true).await) {
        assert_eq!(r.0, 200, "{}", r.1);
    }
    let (status, text) =
        senden(&basis, "workshop_beitreten", &anna, &[("code", code.clone()), ("als", "konto".into())]).await;
    assert_eq!(status, 200, "{text}");
    let tabs = ["1", "2"].map(|p| vec![("code", code.clone()), ("frage", frage.to_string()), stimme(l1, p)]);
    let zwei_tabs =
        futures::future::join_all(tabs.iter().map(|f| senden(&basis, "workshop_antworten", &anna, f))).await;
    assert!(zwei_tabs.iter().all(|(s, _)| *s == 200), "{zwei_tabs:?}");
    let e = ergebnis(&basis, &code, frage, "").await;
    assert_eq!(e.antwortende, 61, "one answer per participant");
    let z1 = e.prioritaeten.iter().find(|z| z.ozg_id == l1).unwrap();
    assert_eq!(z1.stimmen.iter().sum::<i64>(), 61);
    // The guests' second round: 20 each for 1, 2, 3; Anna's one vote on top.
    assert_eq!(z1.stimmen.iter().map(|n| n - 20).filter(|n| *n == 1).count(), 1, "{:?}", z1.stimmen);
    let z2 = e.prioritaeten.iter().find(|z| z.ozg_id == l2).unwrap();
    assert_eq!(z2.stimmen, [0, 0, 0], "the second round withdrew these votes");
    assert!(e.svg.starts_with("<svg") && e.zaehlung.len() == 2);
    let ereignisse = zahl(&db, "SELECT COUNT(*) FROM ereignis WHERE art = 'workshop'").await - ereignisse_vorher;
    assert!(ereignisse < 120, "120 answers, coalesced into {ereignisse} events");
    // The last event carries the final count and the result itself (the screens need not fetch).
    let daten = letztes_ereignis(&db).await;
    let z: app::model::workshop::Zustand = serde_json::from_str(&daten).unwrap();
    let stand = zahl(&db, &format!("SELECT stand FROM workshop_frage WHERE id = {frage}")).await;
    assert_eq!(z.frage_stand, stand);
    assert!(!daten.contains("Gast"), "no names in the event: {daten}");
    let mitgebracht = z.ergebnis.expect("the result in the event");
    assert_eq!((mitgebracht.stand, mitgebracht.antwortende), (stand, 61));
    assert_eq!(mitgebracht.prioritaeten, e.prioritaeten);

    // The decision: Priorität into the catalog, audited with the votes behind it.
    let beschluss = |p: &str| {
        vec![
            ("code", code.clone()),
            ("frage", frage.to_string()),
            ("ozg_id", l1.to_string()),
            ("prioritaet", p.to_string()),
        ]
    };
    assert_eq!(senden(&basis, "workshop_beschliessen", &anna, &beschluss("1")).await.0, 403);
    assert_eq!(gast.senden(&basis, "workshop_beschliessen", &beschluss("1")).await.0, 401);
    assert_eq!(senden(&basis, "workshop_beschliessen", &kora, &beschluss("4")).await.0, 422);
    // A value other than the catalog's (test value: the decision is what is tested).
    let bisher = zahl(&db, &format!("SELECT COALESCE(prioritaet, 0) FROM leistung WHERE ozg_id = {l1}")).await;
    let neu = if bisher == 1 { 2 } else { 1 };
    let (status, text) = senden(&basis, "workshop_beschliessen", &kora, &beschluss(&neu.to_string())).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(zahl(&db, &format!("SELECT prioritaet FROM leistung WHERE ozg_id = {l1}")).await, neu);
    let vermerk = db
        .text(&Sql::new(&format!(
            "SELECT neu FROM protokoll WHERE objekt_art = 'leistung' AND objekt_id = '{l1}' AND feld = 'beschluss'"
        )))
        .await
        .unwrap()
        .unwrap();
    assert!(
        vermerk.contains("im Workshop „Testworkshop Bauen“ beschlossen") && vermerk.contains("61 Stimmen"),
        "{vermerk}"
    );
    assert_eq!(
        zahl(&db, &format!("SELECT COUNT(*) FROM protokoll WHERE objekt_id = '{l1}' AND feld = 'prioritaet'")).await,
        1
    );
    let (_, json) = senden(&basis, "workshop", "", &[("code", code.clone())]).await;
    let s: app::model::workshop::Sitzung = serde_json::from_str(&json).unwrap();
    assert_eq!(s.beschluesse.len(), 1);
    assert!(s.beschluesse[0].stimmen.contains("61 Stimmen"));

    // The facilitator's view: pages of this site only.
    let ansicht =
        |a: &str| vec![("code", code.clone()), ("ansicht", a.to_string()), ("markierung", "projekt-3".to_string())];
    assert_eq!(senden(&basis, "workshop_ansicht", &kora, &ansicht("/karte")).await.0, 200);
    for boese in ["https://boese.example/", "//boese.example", "/api/konto"] {
        assert_eq!(senden(&basis, "workshop_ansicht", &kora, &ansicht(boese)).await.0, 422, "{boese}");
    }
    let (_, json) = senden(&basis, "workshop", "", &[("code", code.clone())]).await;
    let s: app::model::workshop::Sitzung = serde_json::from_str(&json).unwrap();
    assert_eq!((s.zustand.ansicht.as_str(), s.zustand.markierung.as_str()), ("/karte", "projekt-3"));
    // The bar's light read: the same state in one query, nothing about people.
    let (status, json) = senden(&basis, "workshop_zustand", "", &[("code", code.to_lowercase())]).await;
    assert_eq!(status, 200, "{json}");
    let z: app::model::workshop::Zustand = serde_json::from_str(&json).unwrap();
    assert_eq!(z, s.zustand);
    assert!(!json.contains("Kora") && !json.contains('@'), "{json}");
    assert_eq!(senden(&basis, "workshop_zustand", "", &[("code", "ZZZZZZ".into())]).await.0, 404);
    assert_eq!(senden(&basis, "workshop_zustand", "", &[("code", "x".repeat(5000))]).await.0, 422);

    // Free text: shown to the room only once approved.
    let (status, text) = senden(
        &basis,
        "workshop_frage",
        &kora,
        &[("code", code.clone()), ("art", "freitext".into()), ("text", "Gute Dienste?".into())],
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let frei: i64 = text.parse().unwrap();
    let (status, text) = gast
        .senden(
            &basis,
            "workshop_antworten",
            &[("code", code.clone()), ("frage", frei.to_string()), ("text", "Hundeanmeldung <b>Ahaus</b>".into())],
        )
        .await;
    assert_eq!(status, 200, "{text}");
    assert!(ergebnis(&basis, &code, frei, "").await.freitexte.is_empty());
    // Free text is moderated: its event carries no result (the answer is not yet public).
    let daten = letztes_ereignis(&db).await;
    assert!(!daten.contains("ergebnis") && !daten.contains("Hundeanmeldung"), "{daten}");
    let alle = ergebnis(&basis, &code, frei, &kora).await.freitexte;
    assert_eq!(alle.len(), 1);
    let freigabe = [
        ("code", code.clone()),
        ("frage", frei.to_string()),
        ("teilnahme", alle[0].teilnahme_id.to_string()),
        ("zeigen", "true".into()),
    ];
    assert_eq!(senden(&basis, "workshop_freigeben", &kora, &freigabe).await.0, 200);
    assert_eq!(ergebnis(&basis, &code, frei, "").await.freitexte[0].text, "Hundeanmeldung <b>Ahaus</b>");
    let (_, html) = holen(&format!("{basis}/workshop/{code}")).await;
    assert!(html.contains("Hundeanmeldung &lt;b&gt;Ahaus&lt;/b&gt;"), "escaped on the page");

    // Someone follows the Themenfeld: the protocol's Mitteilung reaches them.
    let ahaus_id = zahl(&db, "SELECT id FROM benutzer WHERE email = 'a@ahaus.de'").await;
    let tf = zahl(&db, "SELECT themenfeld_id FROM leistung WHERE ozg_id = 10513").await;
    let art = app::model::infoverteiler::AboArt::Themenfeld;
    app::store::infoverteiler::folgen(&db, ahaus_id, art, &tf.to_string(), app::model::infoverteiler::Versand::Portal)
        .await
        .unwrap();

    // The end: no answers, no joining; the guest's access is gone; the protocol is filed.
    let (status, text) = senden(&basis, "workshop_beenden", &kora, &[("code", code.clone())]).await;
    assert_eq!(status, 200, "{text}");
    let dokument: i64 = text.parse().unwrap();
    assert_eq!(senden(&basis, "workshop_beenden", &kora, &[("code", code.clone())]).await.0, 409, "only once");
    protokoll_pruefen(&db, &basis, dokument, v, tf).await;
    let neu = app::store::infoverteiler::neu_fuer_mich(&db, ahaus_id).await.unwrap();
    assert!(format!("{neu:?}").contains("Protokoll: Testworkshop Bauen"), "{neu:?}");
    let (status, _) = gast
        .senden(
            &basis,
            "workshop_antworten",
            &[("code", code.clone()), ("frage", frei.to_string()), ("text", "Noch was".into())],
        )
        .await;
    assert_eq!(status, 409);
    assert_eq!(Gast::beitreten(&basis, &code, "Spät").await.0, 409);
    let (_, json) = gast.senden(&basis, "workshop", &[("code", code.clone())]).await;
    let s: app::model::workshop::Sitzung = serde_json::from_str(&json).unwrap();
    assert!(s.zustand.beendet && s.ich.is_none(), "{json}");
    assert_eq!(senden(&basis, "workshop_frage", &kora, &frage_form(&[l1])).await.0, 409);
}

/// The protocol: one document of the library (art Protokoll) linked to the event and the
/// Themenfeld, an HTML and a DOCX Fassung; the DOCX read by Python's own zip and XML parsers.
/// No guest names, no e-mail addresses: the library is public.
async fn protokoll_pruefen(db: &Db, basis: &str, dokument: i64, veranstaltung: i64, tf: i64) {
    let d = app::store::dokument::eines(db, dokument).await.unwrap().unwrap();
    assert_eq!(d.art, app::model::dokument::Art::Protokoll);
    let bezuege: Vec<(app::model::dokument::BezugArt, String)> =
        d.bezuege.iter().map(|b| (b.art, b.schluessel.clone())).collect();
    assert!(bezuege.contains(&(app::model::dokument::BezugArt::Veranstaltung, veranstaltung.to_string())));
    assert!(bezuege.contains(&(app::model::dokument::BezugArt::Themenfeld, tf.to_string())));
    let formate: Vec<app::model::dokument::Format> = d.fassungen.iter().map(|f| f.format).collect();
    assert!(
        formate.contains(&app::model::dokument::Format::Html) && formate.contains(&app::model::dokument::Format::Docx)
    );
    for f in &d.fassungen {
        let (_, format, inhalt) = app::store::dokument::datei(db, f.id).await.unwrap().unwrap();
        let text = if format == app::model::dokument::Format::Docx {
            use base64::Engine;
            let gelesen = common::unabhaengig_pruefen(
                "docx_lesen.py",
                &base64::engine::general_purpose::STANDARD.encode(&inhalt),
            );
            gelesen["absaetze"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            String::from_utf8(inhalt).unwrap()
        };
        assert!(text.contains("Protokoll: Testworkshop Bauen"), "{text}");
        assert!(text.contains("61 Teilnehmende haben geantwortet."), "{text}");
        assert!(text.contains("Testkommune") && text.contains("Stimmen 1:"), "{text}");
        assert!(!text.contains("Gerda") && !text.contains("@"), "no names, no addresses: {text}");
    }
    let (status, _) = holen(&format!("{basis}{}", app::pfad::dokument(dokument))).await;
    assert_eq!(status, 200);
}

/// Decisions on the roadmap: while the facilitator leads an open session (the workshop cookie of
/// this browser), moving a phase and creating a project are audited as the workshop's decision
/// with the votes of the current question; the same change without the cookie, by a
/// participant's screen, or after the session ended is an ordinary change.
async fn beschluesse_zur_roadmap(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora Koordination", Rolle::Koordination).await;
    let (v, _, _) = workshop(&db).await;
    let (_, text) = senden(&basis, "workshop_starten", &kora, &[("veranstaltung", v.to_string())]).await;
    let code = code_aus(&text);
    let leitung = format!("{kora}; ozg_workshop={code}");
    let frage = [
        ("code", code.clone()),
        ("art", "einfach".to_string()),
        ("text", "Umsetzung auf Mai verschieben?".to_string()),
        ("optionen", "Ja\nNein".to_string()),
    ];
    let (status, text) = senden(&basis, "workshop_frage", &leitung, &frage).await;
    assert_eq!(status, 200, "{text}");
    let frage_id: i64 = text.parse().unwrap();
    for (i, wahl) in ["0", "0", "1"].iter().enumerate() {
        let (_, gast) = Gast::beitreten(&basis, &code, &format!("Gast {i}")).await;
        let antwort = [("code", code.clone()), ("frage", frage_id.to_string()), ("wahl[]", wahl.to_string())];
        let (status, text) = gast.senden(&basis, "workshop_antworten", &antwort).await;
        assert_eq!(status, 200, "{text}");
    }

    // A phase moved on the timeline by the facilitator: the workshop's decision.
    let id = zahl(&db, "SELECT id FROM projekt WHERE name = 'Einbürgerung'").await;
    let version = |db: Db| async move { zahl(&db, &format!("SELECT version FROM projekt WHERE id = {id}")).await };
    let monate = |umsetzung| ["2020-01", "2020-01", umsetzung, "", "2021-06", "2021-08"];
    let form = common::phasen_form(id, version(db.clone()).await, monate("2020-05"));
    let (status, text) = senden(&basis, "projekt_speichern", &leitung, &form).await;
    assert_eq!(status, 200, "{text}");
    let notiz = |objekt: String| {
        let db = db.clone();
        async move {
            let q = format!(
                "SELECT neu FROM protokoll WHERE objekt_art = 'projekt' AND objekt_id = '{objekt}' AND feld = 'beschluss' ORDER BY id"
            );
            let z: Vec<(Option<String>,)> = db.alle(&Sql::new(&q)).await.unwrap();
            z.into_iter().filter_map(|(n,)| n).collect::<Vec<_>>()
        }
    };
    let n = notiz(id.to_string()).await;
    assert_eq!(n.len(), 1, "{n:?}");
    assert!(
        n[0].contains("im Workshop „Testworkshop Bauen“ beschlossen")
            && n[0].contains("„Umsetzung auf Mai verschieben?“")
            && n[0].contains("Ja: 2; Nein: 1 (3 Antwortende)"),
        "{n:?}"
    );
    let (_, json) = senden(&basis, "workshop", "", &[("code", code.clone())]).await;
    let s: app::model::workshop::Sitzung = serde_json::from_str(&json).unwrap();
    assert_eq!(s.beschluesse.len(), 1, "{json}");
    let b = &s.beschluesse[0];
    assert_eq!((b.art.as_str(), b.objekt_id.clone()), ("termin", id.to_string()));
    assert!(
        b.text().contains("Umsetzung 05/2020") && b.alt.as_deref().is_some_and(|a| a.contains("Umsetzung")),
        "{b:?}"
    );

    // A new project by the facilitator: the workshop's decision, too.
    let (status, text) = senden(
        &basis,
        "projekt_anlegen",
        &leitung,
        &[
            ("name", "Workshop-Testprojekt Bauantrag".to_string()),
            ("beschreibung", String::new()),
            ("efa_status", String::new()),
            ("themenfelder[]", zahl(&db, "SELECT themenfeld_id FROM leistung WHERE ozg_id = 10513").await.to_string()),
            ("leistungen", "10513".to_string()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{text}");
    let neu: i64 = text.parse().unwrap();
    assert_eq!(notiz(neu.to_string()).await.len(), 1);
    let (_, json) = senden(&basis, "workshop", "", &[("code", code.clone())]).await;
    let s: app::model::workshop::Sitzung = serde_json::from_str(&json).unwrap();
    assert_eq!(s.beschluesse.iter().map(|b| b.art.as_str()).collect::<Vec<_>>(), ["termin", "projekt"]);
    assert!(s.beschluesse[1].text().contains("Workshop-Testprojekt Bauantrag"));

    // Ordinary changes: without the cookie, from the projector's cookie, with a forged code.
    for cookie in [kora.clone(), format!("{kora}; ozg_workshop={code}~p"), format!("{kora}; ozg_workshop=ZZZZZZ")] {
        let form = common::phasen_form(id, version(db.clone()).await, monate("2020-03"));
        assert_eq!(senden(&basis, "projekt_speichern", &cookie, &form).await.0, 200);
        let form = common::phasen_form(id, version(db.clone()).await, monate("2020-05"));
        assert_eq!(senden(&basis, "projekt_speichern", &cookie, &form).await.0, 200);
    }
    assert_eq!(notiz(id.to_string()).await.len(), 1);
    // After the end: ordinary again; the protocol lists both decisions.
    assert_eq!(senden(&basis, "workshop_beenden", &leitung, &[("code", code.clone())]).await.0, 200);
    let form = common::phasen_form(id, version(db.clone()).await, monate("2020-04"));
    assert_eq!(senden(&basis, "projekt_speichern", &leitung, &form).await.0, 200);
    assert_eq!(notiz(id.to_string()).await.len(), 1);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM workshop_beschluss").await, 2);
}

beide_datenbanken!(eine_sitzung_von_anfang_bis_ende, beschluesse_zur_roadmap);
