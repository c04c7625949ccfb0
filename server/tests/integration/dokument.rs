//! The document library over real HTTP on SQLite and PostgreSQL: documents linked to a Leistung
//! and Themenfeld, files by Stand side by side, the download's headers (what may show in the
//! browser, what must come as an attachment), formats judged by content, hostile uploads, and
//! stale or parallel writes.

use crate::common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use base64::Engine;
use common::{holen, konto_anmelden, senden, starten};
use serde_json::Value;

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// A small PDF as the OZG-Informationsplattform would offer it (example content, not a real one).
fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% Beispiel: {text}\n%%EOF\n").into_bytes()
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";

async fn tf_id(db: &Db) -> i64 {
    db.zahl(&Sql::new("SELECT MIN(id) FROM themenfeld")).await.unwrap()
}

async fn anlegen(basis: &str, kora: &str, form: &[(&str, String)]) -> i64 {
    let (s, t) = senden(basis, "dokument_anlegen", kora, form).await;
    assert_eq!(s, 200, "{t}");
    t.trim().parse().unwrap()
}

fn datei(dokument: i64, stand: &str, name: &str, inhalt: &[u8]) -> Vec<(&'static str, String)> {
    vec![
        ("dokument", dokument.to_string()),
        ("stand", stand.into()),
        ("dateiname", name.into()),
        ("inhalt", b64(inhalt)),
    ]
}

async fn seite(basis: &str, id: i64) -> Value {
    let (s, t) = senden(basis, "dokument", "", &[("id", id.to_string())]).await;
    assert_eq!(s, 200, "{t}");
    serde_json::from_str(&t).unwrap()
}

async fn fassungen_nebeneinander_und_abruf(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let tf = tf_id(&db).await;
    let id = anlegen(
        &basis,
        &kora,
        &[
            ("titel", "OZG-Referenzprozess Abbruchgenehmigung (Beispiel)".into()),
            ("art", "referenzprozess".into()),
            ("quelle", "OZG-Informationsplattform".into()),
            ("leistungen", "10513".into()),
            ("themenfeld", tf.to_string()),
        ],
    )
    .await;
    let (s, t) =
        senden(&basis, "fassung_hochladen", &kora, &datei(id, "11.03.2019", "Prozess Übersicht.pdf", &pdf("alt")))
            .await;
    assert_eq!(s, 200, "{t}");
    // A PNG that calls itself .pdf is a PNG: type and ending follow the content.
    let (s, t) = senden(&basis, "fassung_hochladen", &kora, &datei(id, "09.09.2019", "grafik.pdf", PNG)).await;
    assert_eq!(s, 200, "{t}");
    let html = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>";
    let (s, t) = senden(&basis, "fassung_hochladen", &kora, &datei(id, "01.01.2018", "felder.html", html)).await;
    assert_eq!(s, 200, "{t}");
    // The same content again is said at the file field, naming the Stand it already has.
    let (s, t) = senden(&basis, "fassung_hochladen", &kora, &datei(id, "01.02.2020", "kopie.pdf", &pdf("alt"))).await;
    assert!(s == 422 && t.contains("\"datei\"") && t.contains("11.03.2019"), "{s} {t}");

    let d = seite(&basis, id).await;
    let f = d["dokument"]["fassungen"].as_array().unwrap();
    let staende: Vec<&str> = f.iter().map(|x| x["stand"].as_str().unwrap()).collect();
    assert_eq!(staende, vec!["2019-09-09", "2019-03-11", "2018-01-01"], "newest Stand first, all kept");
    assert_eq!(f[0]["dateiname"], "grafik.png");
    assert_eq!(f[1]["dateiname"], "Prozess_Übersicht.pdf");
    assert_eq!(d["verwalten"], false, "the public does not manage");

    // Downloads: PDF and images inline, HTML as an attachment in a sandbox; always nosniff.
    let pfad = |i: usize| format!("/dokumente/datei/{}/{}", f[i]["id"], f[i]["dateiname"].as_str().unwrap());
    let r = reqwest::get(format!("{basis}{}", pfad(1))).await.unwrap();
    assert_eq!(r.status(), 200);
    let h = r.headers().clone();
    assert_eq!(h["content-type"], "application/pdf");
    assert!(h["content-disposition"].to_str().unwrap().starts_with("inline;"));
    assert!(h["content-disposition"].to_str().unwrap().contains("filename*=UTF-8''Prozess_%C3%9Cbersicht.pdf"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["content-length"], pdf("alt").len().to_string().as_str());
    assert!(!h["content-security-policy"].to_str().unwrap().contains("script-src"));
    assert_eq!(r.bytes().await.unwrap().as_ref(), pdf("alt").as_slice(), "the bytes as uploaded");
    let r = reqwest::get(format!("{basis}{}", pfad(2))).await.unwrap();
    let h = r.headers();
    assert_eq!(h["content-type"], "text/html");
    assert!(h["content-disposition"].to_str().unwrap().starts_with("attachment;"), "HTML never inline");
    assert!(h["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(reqwest::get(format!("{basis}{}", pfad(0))).await.unwrap().headers()["content-type"], "image/png");
    // Many at once: each gets the whole file or, beyond the places, 503 with a time to return.
    let adresse = format!("{basis}{}", pfad(1));
    let abrufe = (0..48).map(|_| {
        let adresse = adresse.clone();
        tokio::spawn(async move {
            let r = reqwest::get(adresse).await.unwrap();
            let (status, warten) = (r.status().as_u16(), r.headers().get("retry-after").is_some());
            (status, warten, r.bytes().await.unwrap().len())
        })
    });
    for (status, warten, laenge) in futures::future::join_all(abrufe).await.into_iter().map(Result::unwrap) {
        assert!((status == 200 && laenge == pdf("alt").len()) || (status == 503 && warten), "{status} {laenge}");
    }
    let falsch = format!("/dokumente/datei/{}/anders.pdf", f[1]["id"]);
    for unbekannt in
        [falsch.as_str(), "/dokumente/datei/999999/x.pdf", "/dokumente/datei/abc/x.pdf", "/dokumente/datei/1"]
    {
        let (s, _) = holen(&format!("{basis}{unbekannt}")).await;
        assert_eq!(s, 404, "{unbekannt}");
    }

    // Found from the Leistung, the Themenfeld and the library with its facets.
    let (s, zu) =
        senden(&basis, "dokumente_zu", "", &[("art", "leistung".into()), ("schluessel", "10513".into())]).await;
    assert!(s == 200 && zu.contains("Abbruchgenehmigung (Beispiel)"), "{s} {zu}");
    let (_, zu) =
        senden(&basis, "dokumente_zu", "", &[("art", "themenfeld".into()), ("schluessel", tf.to_string())]).await;
    assert!(zu.contains("Abbruchgenehmigung (Beispiel)"), "{zu}");
    let (s, _) = senden(&basis, "dokumente_zu", "", &[("art", "kommune".into()), ("schluessel", "1".into())]).await;
    assert_eq!(s, 400);
    let (_, leistung) = holen(&format!("{basis}{}", app::pfad::leistung("10513"))).await;
    assert!(leistung.contains("Abbruchgenehmigung (Beispiel)"), "the Leistung page lists its documents");
    let (_, liste) =
        senden(&basis, "dokumente", "", &[("query", "format=image%2Fpng&art=referenzprozess".into())]).await;
    let liste: Value = serde_json::from_str(&liste).unwrap();
    assert_eq!(liste["gesamt"], 1, "{liste}");
    let (_, liste) = senden(&basis, "dokumente", "", &[("query", "q=abbruchgenehmigung+beispiel".into())]).await;
    assert!(liste.contains("\"gesamt\":1"), "{liste}");
    let (s, html) = holen(&format!("{basis}{}", app::pfad::dokument(id))).await;
    assert!(s == 200 && html.contains("grafik.png") && html.contains("Prozess_Übersicht.pdf"), "{s}");
    assert!(html.contains("OZG-Informationsplattform"), "the source is named");
}

async fn feindliche_dateien_und_eingaben(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let form =
        |titel: &str| vec![("titel", titel.to_string()), ("art", "praesentation".into()), ("quelle", "KDN".into())];
    let id = anlegen(&basis, &kora, &form("Folien")).await;
    // An executable named .pdf, a shell script, broken base64: refused at the file field.
    for (name, inhalt) in
        [("folien.pdf", b64(b"MZ\x90\0\x03\0\0\0")), ("x.xml", b64(b"#!/bin/sh\nrm -rf /")), ("y.pdf", "@@@".into())]
    {
        let f = vec![
            ("dokument", id.to_string()),
            ("stand", "01.01.2020".into()),
            ("dateiname", name.into()),
            ("inhalt", inhalt),
        ];
        let (s, t) = senden(&basis, "fassung_hochladen", &kora, &f).await;
        assert!(s == 422 && t.contains("\"datei\""), "{name}: {s} {t}");
    }
    // Over 5 MB: refused before decoding, with the limit in the message.
    let gross = vec![0x25u8; 5 * 1024 * 1024 + 10];
    let (s, t) = senden(&basis, "fassung_hochladen", &kora, &datei(id, "01.01.2020", "gross.pdf", &gross)).await;
    assert!(s == 422 && t.contains("5 MB"), "{s} {t}");
    // Over the request limit: the body is not read to the end.
    let riesig = "A".repeat(9 * 1024 * 1024);
    let (s, _) = senden(&basis, "fassung_hochladen", &kora, &[("dokument", id.to_string()), ("inhalt", riesig)]).await;
    assert_eq!(s, 413);
    // A Stand that is no day, an unknown document, a file for a link.
    let (s, t) = senden(&basis, "fassung_hochladen", &kora, &datei(id, "gestern", "a.pdf", &pdf("a"))).await;
    assert!(s == 422 && t.contains("\"stand\""), "{t}");
    let (s, _) = senden(&basis, "fassung_hochladen", &kora, &datei(999_999, "01.01.2020", "a.pdf", &pdf("a"))).await;
    assert_eq!(s, 404);
    let link = anlegen(
        &basis,
        &kora,
        &[
            ("titel", "Mitschnitt".into()),
            ("art", "video".into()),
            ("quelle", "KDN".into()),
            ("link", "https://www.kdn.de/".into()),
        ],
    )
    .await;
    let (s, t) = senden(&basis, "fassung_hochladen", &kora, &datei(link, "01.01.2020", "a.pdf", &pdf("a"))).await;
    assert!(s == 422 && t.contains("Link"), "{s} {t}");
    // Links to things that do not exist; a javascript: address; too many Leistungen.
    let mut f = form("Verweise");
    f.extend([("leistungen", "99998".into()), ("projekt", "999999".into()), ("link", "javascript:alert(1)".into())]);
    let (s, t) = senden(&basis, "dokument_anlegen", &kora, &f).await;
    assert!(s == 422 && t.contains("\"link\""), "{s} {t}");
    f.retain(|(k, _)| *k != "link");
    let (s, t) = senden(&basis, "dokument_anlegen", &kora, &f).await;
    assert!(s == 422 && t.contains("99998") && t.contains("\"projekt\""), "{s} {t}");
    let viele = (10_000..10_100).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
    let mut f = form("Viele");
    f.push(("leistungen", viele));
    let (s, t) = senden(&basis, "dokument_anlegen", &kora, &f).await;
    assert!(s == 422 && t.contains("Höchstens 50"), "{s} {t}");
    let (s, _) = senden(&basis, "dokument", "", &[("id", "1 OR 1=1".into())]).await;
    assert_eq!(s, 400);
    let n = db.zahl(&Sql::new("SELECT COUNT(*) FROM dokument_fassung")).await.unwrap();
    assert_eq!(n, 0, "nothing stored from refused files");

    // The same file in parallel: exactly one Fassung.
    let auftraege = (0..8).map(|_| {
        let (basis, kora) = (basis.clone(), kora.clone());
        tokio::spawn(async move {
            senden(&basis, "fassung_hochladen", &kora, &datei(id, "02.02.2020", "p.pdf", &pdf("p"))).await.0
        })
    });
    let mut status: Vec<u16> = futures::future::join_all(auftraege).await.into_iter().map(Result::unwrap).collect();
    status.sort_unstable();
    assert_eq!(status, vec![200, 422, 422, 422, 422, 422, 422, 422]);
    let n = db.zahl(&Sql::new("SELECT COUNT(*) FROM dokument_fassung")).await.unwrap();
    assert_eq!(n, 1);
}

async fn speichern_versioniert_und_protokolliert(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    let karl = konto_anmelden(&db, &basis, "karl@kdn.de", "Karl", Rolle::Koordination).await;
    let form = |titel: &str, version: &str| {
        vec![
            ("titel", titel.to_string()),
            ("art", "protokoll".into()),
            ("quelle", "KDN".into()),
            ("version", version.to_string()),
        ]
    };
    let id = anlegen(&basis, &kora, &form("Protokoll Workshop", "")).await;
    let mut f = form("Protokoll Workshop Bildung", "1");
    f.push(("id", id.to_string()));
    let (s, t) = senden(&basis, "dokument_speichern", &kora, &f).await;
    assert_eq!((s, t.trim()), (200, "2"));
    let mut alt = form("Karls Titel", "1");
    alt.push(("id", id.to_string()));
    let (s, t) = senden(&basis, "dokument_speichern", &karl, &alt).await;
    assert!(s == 409 && t.contains("Kora"), "{s} {t}");
    assert_eq!(seite(&basis, id).await["dokument"]["titel"], "Protokoll Workshop Bildung");
    // A new file also moves the version on: a form opened before it is stale.
    let (s, _) = senden(&basis, "fassung_hochladen", &kora, &datei(id, "12.12.2019", "p.pdf", &pdf("p"))).await;
    assert_eq!(s, 200);
    let mut nach = form("Nach dem Hochladen", "2");
    nach.push(("id", id.to_string()));
    let (s, _) = senden(&basis, "dokument_speichern", &kora, &nach).await;
    assert_eq!(s, 409);
    let mut p = Sql::new(
        "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'dokument' AND feld IN ('titel', 'fassung') AND objekt_id = ",
    );
    p.bind(id.to_string());
    assert_eq!(db.zahl(&p).await.unwrap(), 3, "created, renamed, file added");
    let (s, t) = senden(&basis, "dokument_formular", &kora, &[("id", id.to_string())]).await;
    assert!(s == 200 && t.contains("Protokoll Workshop Bildung"), "{t}");
}

async fn impressionen_mit_alternativtext(db: Db) {
    let basis = starten(db.clone()).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    // A lab of the slides; its pictures show on its Themenfeld's page.
    let labor = db.zahl(&Sql::new("SELECT MIN(id) FROM labor")).await.unwrap();
    let mut s = Sql::new("SELECT t.slug FROM labor l JOIN themenfeld t ON t.id = l.themenfeld_id WHERE l.id = ");
    s.bind(labor);
    let slug = db.text(&s).await.unwrap().unwrap();
    let mut s = Sql::new("SELECT titel FROM labor WHERE id = ");
    s.bind(labor);
    let labor_titel = db.text(&s).await.unwrap().unwrap();
    let mut form = vec![
        ("titel", "Labor Führerschein: Ergebnisse an der Pinnwand".to_string()),
        ("art", "impression".into()),
        ("quelle", "KDN (Beispiel für den Test)".into()),
        ("labor", labor.to_string()),
    ];
    let (s, t) = senden(&basis, "dokument_anlegen", &kora, &form).await;
    assert!(s == 422 && t.contains("\"alt_text\""), "a picture needs its text: {s} {t}");
    form.push(("alt_text", "IMG_2031.JPG".into()));
    let (s, _) = senden(&basis, "dokument_anlegen", &kora, &form).await;
    assert_eq!(s, 422, "a file name is no description");
    form.pop();
    let alt = "Pinnwand mit Karten zum Antragsweg Führerschein & <Zwischenschritten>";
    form.push(("alt_text", alt.into()));
    let mut fremd = form.clone();
    fremd.retain(|(k, _)| *k != "labor");
    fremd.push(("labor", "999999".into()));
    let (s, t) = senden(&basis, "dokument_anlegen", &kora, &fremd).await;
    assert!(s == 422 && t.contains("\"labor\""), "an unknown lab: {s} {t}");
    let id = anlegen(&basis, &kora, &form).await;
    let (s, t) = senden(&basis, "fassung_hochladen", &kora, &datei(id, "12.12.2019", "labor.pdf", &pdf("x"))).await;
    assert!(s == 422 && t.contains("\"datei\"") && t.contains("PNG oder JPEG"), "{s} {t}");
    let (s, t) = senden(&basis, "fassung_hochladen", &kora, &datei(id, "12.12.2019", "pinnwand.png", PNG)).await;
    assert_eq!(s, 200, "{t}");

    // The Themenfeld page shows the gallery; the text is escaped once, as an attribute.
    let (_, html) = holen(&format!("{basis}{}", app::pfad::themenfeld(&slug))).await;
    assert!(html.contains("Impressionen aus den Laboren"), "gallery on the Themenfeld page");
    assert!(
        html.contains("alt=\"Pinnwand mit Karten zum Antragsweg Führerschein &amp; &lt;Zwischenschritten&gt;\""),
        "alt text on the img"
    );
    assert!(html.contains("pinnwand.png"));
    assert!(html.contains(&format!(" – Labor {labor_titel}")), "the caption names the lab");
    assert!(html.contains(&format!("id=\"labor-{labor}\"")), "the lab is an anchor on the page");
    let d = seite(&basis, id).await;
    assert_eq!(d["dokument"]["bezuege"][0]["pfad"], format!("{}#labor-{labor}", app::pfad::themenfeld(&slug)));
    let (_, seite) = holen(&format!("{basis}{}", app::pfad::dokument(id))).await;
    assert!(seite.contains("class=\"impression\""), "the document page shows the picture");
}

beide_datenbanken!(
    fassungen_nebeneinander_und_abruf,
    feindliche_dateien_und_eingaben,
    speichern_versioniert_und_protokolliert,
    impressionen_mit_alternativtext,
);
