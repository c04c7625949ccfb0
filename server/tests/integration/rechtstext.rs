//! Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit over real HTTP: the pages
//! name what the operator has not entered yet, admins fill it in (versioned, logged), their
//! Markdown passes the sanitiser, and the feedback form stores a message and confirms it.

use crate::common;

use app::model::konto::Rolle;
use app::store::{Db, Sql};
use common::{konto_anmelden, senden, starten};

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

async fn seite(basis: &str, pfad: &str) -> String {
    let r = reqwest::get(format!("{basis}{pfad}")).await.unwrap();
    assert_eq!(r.status().as_u16(), 200, "{pfad}");
    r.text().await.unwrap()
}

const BETREIBER: &[(&str, &str)] = &[
    ("name", "Beispiel-Koordinierungsstelle (Testdaten)"),
    ("anschrift", "Musterstraße 1\n12345 Musterstadt"),
    ("vertreten_durch", "Erika Beispiel"),
    ("email", "kontakt@beispiel.test"),
    ("telefon", "0000 000000"),
    ("aufsicht", "Beispiel-Aufsicht"),
    ("datenschutzbeauftragter", "dsb@beispiel.test"),
    ("datenschutz_aufsicht", "Beispiel-Datenschutzaufsicht"),
    ("barrierefreiheit_kontakt", "barrierefrei@beispiel.test"),
    ("durchsetzung", "Beispiel-Durchsetzungsstelle"),
    ("pruef_stand", "Selbstbewertung, Beispiel"),
];

fn betreiber_form(version: i64) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&str, String)> = BETREIBER.iter().map(|(k, v)| (*k, v.to_string())).collect();
    f.push(("version", version.to_string()));
    f
}

async fn fehlende_angaben_dann_eingetragen(db: Db) {
    let basis = starten(db.clone()).await;
    // Every page links the three from its footer.
    let start = seite(&basis, "/").await;
    for link in ["href=\"/impressum\"", "href=\"/datenschutz\"", "href=\"/barrierefreiheit\""] {
        assert!(start.contains(link), "{link} fehlt im Fuß");
    }
    // Nothing invented: until an admin enters them, the pages name the missing details.
    for (pfad, fehlt) in [
        ("/impressum", "Postanschrift"),
        ("/datenschutz", "Datenschutzbeauftragte Person"),
        ("/barrierefreiheit", "Kontakt für Rückmeldungen zur Barrierefreiheit"),
    ] {
        let html = seite(&basis, pfad).await;
        assert!(html.contains("Noch nicht vollständig") && html.contains(fehlt), "{pfad}");
    }
    let ds = seite(&basis, "/datenschutz").await;
    for fakt in ["ozg_sitzung", "12 Stunden", "Argon2id", "24 Stunden", "30 Tage", "ein Jahr nach der Erledigung"] {
        assert!(ds.contains(fakt), "Datenschutz nennt {fakt}");
    }
    assert!(seite(&basis, "/barrierefreiheit").await.contains("https://www.schlichtungsstelle-bgg.de"));

    let admin = konto_anmelden(&db, &basis, "adam@kdn.de", "Adam", Rolle::Admin).await;
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    assert_eq!(senden(&basis, "betreiber_speichern", &kora, &betreiber_form(1)).await.0, 403);
    let (status, text) = senden(&basis, "betreiber_speichern", &admin, &betreiber_form(1)).await;
    assert_eq!((status, text.as_str()), (200, "2"));
    for pfad in ["/impressum", "/datenschutz", "/barrierefreiheit"] {
        let html = seite(&basis, pfad).await;
        assert!(!html.contains("Noch nicht vollständig"), "{pfad} vollständig");
        assert!(html.contains("Beispiel-Koordinierungsstelle (Testdaten)"));
    }
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'betreiber'").await, 11);
    // A stale form is refused and names who saved first.
    let (status, text) = senden(&basis, "betreiber_speichern", &admin, &betreiber_form(1)).await;
    assert_eq!(status, 409, "{text}");
    // Too long: a message at the field, nothing stored.
    let mut lang = betreiber_form(2);
    lang[0].1 = "x".repeat(400);
    let (status, text) = senden(&basis, "betreiber_speichern", &admin, &lang).await;
    assert_eq!(status, 422);
    assert!(text.contains("\"feld\":\"name\""), "{text}");
    assert_eq!(zahl(&db, "SELECT version FROM betreiber").await, 2);
}

async fn markdown_nur_durch_den_filter(db: Db) {
    let basis = starten(db.clone()).await;
    let admin = konto_anmelden(&db, &basis, "adam@kdn.de", "Adam", Rolle::Admin).await;
    let md = "## Hosting\n\nBetrieb durch **Beispiel**. [Mehr](https://kdn.de)\n\n<script>alert('x')</script>\n\
              <img src=x onerror=alert(1)> [böse](javascript:alert(1))";
    let form = vec![("art", "datenschutz".to_string()), ("version", "1".into()), ("markdown", md.into())];
    assert_eq!(senden(&basis, "rechtstext_speichern", &admin, &form).await, (200, "2".into()));
    let html = seite(&basis, "/datenschutz").await;
    assert!(html.contains("<h2>Hosting</h2>") && html.contains("<strong>Beispiel</strong>"));
    for verboten in ["alert('x')", "onerror", "javascript:"] {
        assert!(!html.contains(verboten), "{verboten} im Text");
    }
    let form = vec![("art", "unbekannt".to_string()), ("version", "1".into()), ("markdown", "x".into())];
    assert_eq!(senden(&basis, "rechtstext_speichern", &admin, &form).await.0, 404);
    let riesig = vec![("art", "impressum".to_string()), ("version", "1".into()), ("markdown", "x".repeat(60_000))];
    assert_eq!(senden(&basis, "rechtstext_speichern", &admin, &riesig).await.0, 422);
}

async fn rueckmeldung_wird_gespeichert_und_bestaetigt(db: Db) {
    let basis = starten(db.clone()).await;
    let leer = vec![("nachricht", "  ".to_string())];
    let (status, text) = senden(&basis, "rueckmeldung_senden", "", &leer).await;
    assert_eq!(status, 422);
    assert!(text.contains("\"feld\":\"nachricht\""), "{text}");
    let falsch = vec![("nachricht", "Kontrast zu gering".to_string()), ("email", "keine-adresse".into())];
    let (status, text) = senden(&basis, "rueckmeldung_senden", "", &falsch).await;
    assert_eq!(status, 422);
    assert!(text.contains("\"feld\":\"email\""), "{text}");
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM rueckmeldung").await, 0);
    let gut = vec![
        ("nachricht", "Die Landkarte ist mit der Bildschirmlupe schwer zu lesen.".to_string()),
        ("name", "Rita Rückmeldung".into()),
        ("email", "rita@beispiel.test".into()),
        ("seite", "/landkarte".into()),
    ];
    let (status, nummer) = senden(&basis, "rueckmeldung_senden", "", &gut).await;
    assert_eq!(status, 200, "{nummer}");
    let id: i64 = nummer.parse().unwrap();
    // Only admins read them; the sender's address never reaches anybody else.
    assert_eq!(senden(&basis, "rueckmeldungen", "", &[]).await.0, 401);
    let kora = konto_anmelden(&db, &basis, "kora@kdn.de", "Kora", Rolle::Koordination).await;
    assert_eq!(senden(&basis, "rueckmeldungen", &kora, &[]).await.0, 403);
    let admin = konto_anmelden(&db, &basis, "adam@kdn.de", "Adam", Rolle::Admin).await;
    let (status, liste) = senden(&basis, "rueckmeldungen", &admin, &[]).await;
    assert_eq!(status, 200);
    assert!(liste.contains("rita@beispiel.test") && liste.contains("Bildschirmlupe"));
    assert!(!seite(&basis, "/barrierefreiheit").await.contains("rita@beispiel.test"));
    let erledigt = vec![("id", id.to_string())];
    assert_eq!(senden(&basis, "rueckmeldung_erledigen", &admin, &erledigt).await.0, 200);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM rueckmeldung").await, 0);
    assert_eq!(senden(&basis, "rueckmeldung_erledigen", &admin, &erledigt).await.0, 404);
}

beide_datenbanken!(
    fehlende_angaben_dann_eingetragen,
    markdown_nur_durch_den_filter,
    rueckmeldung_wird_gespeichert_und_bestaetigt
);
