//! Who may write what, over real HTTP against the real router, on SQLite and PostgreSQL.
//!
//! The table `SCHREIBEN` lists every server function that changes state or reads protected
//! data, with the roles allowed to call it. The test walks all of them: anonymous → 401,
//! every other role → 403, every allowed role → success, GET → refused, cross-site → 403. A
//! server function that is neither in the table nor in `OEFFENTLICH` fails the test, so a new
//! write endpoint cannot slip in without its entry.

use crate::common;

use app::model::konto::{Email, NeuesPasswort, Rolle};
use app::store::akteur::Akteur;
use app::store::konto::{self, NeuesKonto};
use app::store::{Db, Sql};
use common::{starten, starten_mit};
use std::collections::BTreeSet;

const AHAUS: &str = "05554004";
const BOCHOLT: &str = "05554008";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wer {
    Anonym,
    KommuneAhaus,
    KommuneBocholt,
    Koordination,
    Admin,
}

const ANGEMELDET: [Wer; 4] = [Wer::KommuneAhaus, Wer::KommuneBocholt, Wer::Koordination, Wer::Admin];

impl Wer {
    fn email(self) -> &'static str {
        match self {
            Wer::Anonym => "",
            Wer::KommuneAhaus => "anna@ahaus.de",
            Wer::KommuneBocholt => "bernd@bocholt.de",
            Wer::Koordination => "kora@kdn.de",
            Wer::Admin => "adam@kdn.de",
        }
    }
    fn passwort(self) -> String {
        format!("Testpasswort {self:?} lang genug")
    }
}

/// Server functions that everybody may call: public reads, and the login itself.
const OEFFENTLICH: &[&str] = &[
    "/api/kommunen_namen",
    "/api/kennzahlen",
    "/api/landkarte",
    "/api/karte",
    "/api/themenfeld",
    "/api/leistungen",
    "/api/leistung",
    "/api/leika",
    "/api/loesungen",
    "/api/loesung",
    "/api/lieferung",
    "/api/kommune_sicht",
    "/api/bottom_up",
    "/api/themen",
    "/api/zustaendigkeit",
    "/api/kommunen",
    "/api/kommune",
    "/api/kreise",
    "/api/kreis",
    "/api/dienstleister",
    "/api/konto",
    "/api/anmelden",
    "/api/roadmap",
    "/api/projekt",
    "/api/themenfelder",
    "/api/rechtsseite",
    "/api/rueckmeldung_senden",
    "/api/veranstaltungen",
    "/api/veranstaltungskalender",
    "/api/veranstaltung",
    "/api/meldungen",
    "/api/meldung",
    "/api/dokumente",
    "/api/dokument",
    "/api/dokumente_zu",
    "/api/forum_bretter",
    "/api/forum_brett",
    "/api/forum_suche",
    "/api/forum_verweise",
    "/api/forum_thema",
    "/api/abo_stand",
    "/api/neu_anzahl",
    "/api/anliegen_senden",
    "/api/workshop",
    "/api/workshop_zustand",
    "/api/workshop_ergebnis",
    "/api/workshop_ergebnis_aktuell",
    "/api/workshop_beitreten",
    "/api/workshop_verlassen",
];

/// A protected endpoint: its path, the roles that may call it, and how to build a valid
/// request body for the current state of the database.
struct Eintrag {
    pfad: &'static str,
    erlaubt: &'static [Wer],
    koerper: fn(&Db, Wer) -> futures::future::BoxFuture<'_, String>,
}

async fn zahl(db: &Db, sql: &str) -> i64 {
    db.zahl(&Sql::new(sql)).await.unwrap()
}

fn tf_speichern(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let v = zahl(db, "SELECT version FROM themenfeld WHERE slug = 'bildung'").await;
        let koordination = format!("Wiebke Borchert {}", v + 1);
        serde_urlencoded::to_string([("slug", "bildung"), ("version", &v.to_string()), ("koordination", &koordination)])
            .unwrap()
    })
}

async fn person_in_ahaus(db: &Db) -> (i64, i64) {
    let d = app::store::ansprechperson::PersonDaten { name: "Testperson".into(), ..Default::default() };
    let id = app::store::ansprechperson::anlegen(db, AHAUS, &d, &Akteur::kommandozeile()).await.unwrap();
    (id, 1)
}

fn person_anlegen(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { format!("ags={AHAUS}&name=Neue+Person&funktion=&telefon=02561+72-0&email=") })
}

fn person_aendern(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (id, v) = person_in_ahaus(db).await;
        format!("id={id}&version={v}&name=Umbenannt&funktion=OZG&telefon=&email=p%40ahaus.de")
    })
}

fn person_loeschen(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (id, v) = person_in_ahaus(db).await;
        format!("id={id}&version={v}")
    })
}

async fn neue_meldung(db: &Db) -> i64 {
    let e = app::model::aktuelles::MeldungEingabe {
        titel: "Rechte-Meldung".into(),
        text: "Text".into(),
        veroeffentlicht: "01.01.2020".into(),
        ..Default::default()
    };
    app::store::aktuelles::anlegen(db, &e.lesen().unwrap(), &Akteur::kommandozeile()).await.unwrap()
}

fn meldung_neu(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "titel=Neu&text=**Neu**&veroeffentlicht=05.12.2026".into() })
}

fn meldung_form(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        format!("id={}&version=1&titel=Umbenannt&text=Neu&veroeffentlicht=02.01.2020", neue_meldung(db).await)
    })
}

fn meldung_id(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { format!("id={}", neue_meldung(db).await) })
}

async fn neues_dokument(db: &Db) -> i64 {
    let e = app::model::dokument::eingabe::DokumentEingabe {
        titel: "Rechte-Dokument".into(),
        art: "praesentation".into(),
        quelle: "Test".into(),
        ..Default::default()
    };
    app::store::dokument::anlegen(db, &e.lesen().unwrap(), &Akteur::kommandozeile()).await.unwrap()
}

fn dokument_neu(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "titel=Neu&art=protokoll&quelle=KDN&leistungen=10513".into() })
}

fn dokument_form(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(
        async move { format!("id={}&version=1&titel=Umbenannt&art=protokoll&quelle=KDN", neues_dokument(db).await) },
    )
}

fn dokument_id(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { format!("id={}", neues_dokument(db).await) })
}

/// A tiny PDF (recognised by its magic bytes) as a new Fassung of a fresh document.
fn fassung(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let d = neues_dokument(db).await;
        format!("dokument={d}&stand=11.03.2019&dateiname=folien.pdf&inhalt=JVBERi0xLjQgeA%3D%3D")
    })
}

/// A thread whose first post belongs to the caller (anonymous: to the command line).
async fn eigener_beitrag(db: &Db, wer: Wer) -> i64 {
    let mut akteur = Akteur::kommandozeile();
    if wer != Wer::Anonym {
        let mut s = Sql::new("SELECT id FROM benutzer WHERE email = ");
        s.bind(wer.email());
        akteur.id = Some(db.zahl(&s).await.unwrap());
    }
    let d = app::model::forum::ThemaDaten { brett: "allgemein".into(), betreff: "Rechte".into(), text: "Text".into() };
    let thema = app::store::forum::thema_anlegen(db, &d, &akteur).await.unwrap();
    let mut b = Sql::new("SELECT MAX(id) FROM forum_beitrag WHERE thema_id = ");
    b.bind(thema);
    db.zahl(&b).await.unwrap()
}

fn forum_thema(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "brett=allgemein&betreff=Neu&text=Hallo".into() })
}

fn forum_antwort(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let b = eigener_beitrag(db, wer).await;
        let mut s = Sql::new("SELECT thema_id FROM forum_beitrag WHERE id = ");
        s.bind(b);
        format!("thema={}&text=Antwort", db.zahl(&s).await.unwrap())
    })
}

/// A thread of the caller and the address of an OZG-Leistung to link it to.
fn forum_verknuepfen(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let b = eigener_beitrag(db, wer).await;
        let mut s = Sql::new("SELECT thema_id FROM forum_beitrag WHERE id = ");
        s.bind(b);
        let ozg = zahl(db, "SELECT MIN(ozg_id) FROM leistung").await;
        format!("thema={}&adresse=%2Fleistungen%2F{ozg}", db.zahl(&s).await.unwrap())
    })
}

/// A lab that has no board yet.
fn forum_labor(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let l = zahl(
            db,
            "SELECT MIN(id) FROM labor l WHERE NOT EXISTS (SELECT 1 FROM forum_brett b \
             WHERE b.slug = 'labor-' || CAST(l.id AS TEXT))",
        )
        .await;
        format!("labor={l}&beschreibung=")
    })
}

fn forum_oeffentlich(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "slug=allgemein&an=false".into() })
}

/// A link of a thread of the caller, to be removed.
fn forum_bezug_loesen(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let b = eigener_beitrag(db, wer).await;
        let mut s = Sql::new("SELECT thema_id FROM forum_beitrag WHERE id = ");
        s.bind(b);
        let thema = db.zahl(&s).await.unwrap();
        let ozg = zahl(db, "SELECT MIN(ozg_id) FROM leistung").await;
        let mut v = Sql::new("INSERT INTO forum_verknuepfung (thema_id, art, ziel, erstellt_ms) VALUES (");
        v.bind(thema).push(", 'leistung', ").bind(ozg.to_string()).push(", 0)");
        db.transaktion(&[v]).await.unwrap();
        format!("thema={thema}&art=leistung&ziel={ozg}")
    })
}

fn forum_bearbeiten(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { format!("id={}&version=1&text=Neu", eigener_beitrag(db, wer).await) })
}

fn folgen(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "art=aktuelles&ziel=&versand=taeglich".into() })
}

/// A subscription of the caller (anonymous: of nobody, id 0).
fn eigenes_abo(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        if wer == Wer::Anonym {
            return "id=0".into();
        }
        let mut s = Sql::new("SELECT id FROM benutzer WHERE email = ");
        s.bind(wer.email());
        let id = db.zahl(&s).await.unwrap();
        let art = app::model::infoverteiler::AboArt::Veranstaltungen;
        let v = app::model::infoverteiler::Versand::Portal;
        format!("id={}", app::store::infoverteiler::folgen(db, id, art, "", v).await.unwrap().id)
    })
}

fn thema_moderieren(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let b = eigener_beitrag(db, wer).await;
        let mut s = Sql::new("SELECT thema_id FROM forum_beitrag WHERE id = ");
        s.bind(b);
        format!("id={}&aktion=schliessen&brett=", db.zahl(&s).await.unwrap())
    })
}

fn beitrag_verbergen(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { format!("id={}&grund=Werbung&zeigen=false", eigener_beitrag(db, wer).await) })
}

fn beitrag_melden(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { format!("id={}&grund=Werbung", eigener_beitrag(db, Wer::Anonym).await) })
}

/// An open report of a post, made by Ahaus.
fn gemeldet(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let beitrag = eigener_beitrag(db, Wer::Anonym).await;
        let mut s = Sql::new("SELECT id FROM benutzer WHERE email = ");
        s.bind(Wer::KommuneAhaus.email());
        let mut ahaus = Akteur::kommandozeile();
        ahaus.id = Some(db.zahl(&s).await.unwrap());
        app::store::forum::moderation::melden(db, beitrag, "Werbung", &ahaus).await.unwrap();
        let mut m = Sql::new("SELECT MAX(id) FROM forum_meldung WHERE erledigt_ms IS NULL AND beitrag_id = ");
        m.bind(beitrag);
        format!("id={}", db.zahl(&m).await.unwrap())
    })
}

/// A request of "Unsere Fragen an Sie" in the inbox, with its current version.
fn anliegen_status(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let tf = zahl(db, "SELECT id FROM themenfeld WHERE slug = 'bildung'").await;
        let d = app::model::anliegen::AnliegenDaten {
            themenfeld_id: tf,
            art: app::model::anliegen::Art::Beteiligen,
            person: String::new(),
            name: "Test".into(),
            organisation: "Test".into(),
            kontakt: "test@beispiel.test".into(),
            nachricht: String::new(),
        };
        let id = app::store::anliegen::anlegen(db, &d, None).await.unwrap();
        let mut v = Sql::new("SELECT version FROM anliegen WHERE id = ");
        v.bind(id);
        format!("id={id}&version={}&status=in_bearbeitung", db.zahl(&v).await.unwrap())
    })
}

fn rundschreiben_vorschau(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "an=alle&betreff=Test&text=Hallo".into() })
}

/// A new Rundschreiben each time (the same text is sent only once), with its fingerprint.
fn rundschreiben_senden(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let n = zahl(db, "SELECT COUNT(*) FROM rundschreiben").await;
        let d = app::model::rundschreiben::RundschreibenDaten {
            an: app::model::rundschreiben::Empfaenger::Alle,
            betreff: format!("Test {wer:?} {n}"),
            text: "Hallo".into(),
        };
        let f = app::store::rundschreiben::fingerabdruck(&d);
        serde_urlencoded::to_string([("an", "alle"), ("betreff", &d.betreff), ("text", "Hallo"), ("fingerabdruck", &f)])
            .unwrap()
    })
}

fn rundschreiben_empfang(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "an=true".into() })
}

fn anliegen_liste(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "status=neu".into() })
}

fn reichweite(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (id, version): (i64, i64) =
            db.eine(&Sql::new("SELECT id, version FROM onlinedienst ORDER BY id LIMIT 1")).await.unwrap().unwrap();
        format!("id={id}&version={version}&reichweite=land")
    })
}

/// One row of the Abbruchgenehmigung's Themenfeld kept for two Größenklassen (test values).
fn zustaendigkeit(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (slug, version): (String, i64) = db
            .eine(&Sql::new(
                "SELECT t.slug, l.groessenklassen_version FROM leistung l JOIN themenfeld t ON t.id = l.themenfeld_id \
                 WHERE l.ozg_id = 10513",
            ))
            .await
            .unwrap()
            .unwrap();
        format!(
            "themenfeld={slug}&ozg%5B%5D=10513&versionen%5B%5D={version}&quellen%5B%5D=Test&klassen%5B%5D=10513%3Akreisfrei\
             &klassen%5B%5D=10513%3Agross"
        )
    })
}

fn link_verlauf(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "url=https%3A%2F%2Fwww.wsp.nrw.de%2F".into() })
}

fn markdown(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "markdown=%23+Titel".into() })
}

/// A new event with open registration, far in the future.
async fn neue_veranstaltung(db: &Db) -> i64 {
    let e = app::model::veranstaltung::eingabe::VeranstaltungEingabe {
        art: "workshop".into(),
        titel: "Rechte-Workshop".into(),
        termin: "01.06.2039".into(),
        anmeldung: "offen".into(),
        ..Default::default()
    };
    let d = e.lesen().unwrap();
    app::store::veranstaltung::anlegen(db, &d, &Akteur::kommandozeile()).await.unwrap()
}

fn veranstaltung_form(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let id = neue_veranstaltung(db).await;
        format!("id={id}&version=1&art=webinar&titel=Umbenannt&termin=Q3+2039&anmeldung=offen")
    })
}

fn veranstaltung_neu(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "art=info&titel=Neu&termin=12.2039&anmeldung=keine".into() })
}

fn veranstaltung_id(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { format!("id={}", neue_veranstaltung(db).await) })
}

fn ergebnis(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let projekt = zahl(db, "SELECT MIN(id) FROM projekt").await;
        format!("veranstaltung={}&wert=projekt%3A{projekt}", neue_veranstaltung(db).await)
    })
}

/// An event the caller is registered for (so that cancelling succeeds).
fn veranstaltung_angemeldet(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let id = neue_veranstaltung(db).await;
        if wer != Wer::Anonym {
            let mut s = Sql::new("SELECT id FROM benutzer WHERE email = ");
            s.bind(wer.email());
            let benutzer = db.zahl(&s).await.unwrap();
            let heute = chrono::Utc::now().date_naive();
            app::store::veranstaltung::teilnahme::anmelden(db, id, benutzer, &Akteur::kommandozeile(), heute)
                .await
                .unwrap();
        }
        format!("id={id}")
    })
}

fn nichts(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { String::new() })
}

fn benutzer_anlegen(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let n = zahl(db, "SELECT COUNT(*) FROM benutzer").await;
        format!("email=neu{n}%40kommune.de&name=Neu&rolle=koordination&kommune=&passwort=ein+langes+Passwort")
    })
}

fn benutzer_aendern(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let e = Email::parse("ziel@kdn.de").unwrap();
        let id = match konto::nach_email(db, &e).await.unwrap() {
            Some(z) => z.id,
            None => konto::anlegen(db, neues_konto("ziel@kdn.de", Rolle::Koordination, None), &Akteur::kommandozeile())
                .await
                .unwrap(),
        };
        let v = db.zahl(Sql::new("SELECT version FROM benutzer WHERE id = ").bind(id)).await.unwrap();
        format!("id={id}&version={v}&name=Ziel+{v}&rolle=koordination&kommune=&aktiv=ja")
    })
}

fn benutzer_passwort(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let id = zahl(db, "SELECT id FROM benutzer WHERE email = 'anna@ahaus.de'").await;
        // Sets the same password again, so the other rows of the table can still log in.
        serde_urlencoded::to_string([("id", id.to_string()), ("passwort", Wer::KommuneAhaus.passwort())]).unwrap()
    })
}

fn eigenes_passwort(_: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let pw = wer.passwort();
        serde_urlencoded::to_string([("bisher", &pw), ("neu", &pw), ("wiederholung", &pw)]).unwrap()
    })
}

/// Deleting one's own account: the password of the caller. For the admin a second admin is made
/// first (the last one is never deleted). The entry goes last in `SCHREIBEN`: the accounts are
/// gone after it.
fn konto_loeschen(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        if wer == Wer::Admin && zahl(db, "SELECT COUNT(*) FROM benutzer WHERE email = 'zweite@kdn.de'").await == 0 {
            konto::anlegen(db, neues_konto("zweite@kdn.de", Rolle::Admin, None), &Akteur::kommandozeile())
                .await
                .unwrap();
        }
        serde_urlencoded::to_string([("passwort", wer.passwort())]).unwrap()
    })
}

fn labor_speichern(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let id = zahl(db, "SELECT MIN(id) FROM labor").await;
        let v = db.zahl(Sql::new("SELECT version FROM labor WHERE id = ").bind(id)).await.unwrap();
        format!("id={id}&version={v}&status=abgeschlossen&hinweis=Stand+{v}")
    })
}

fn labor_anlegen(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { "slug=bildung&titel=Schulanmeldung&ozg_id=&status=geplant&hinweis=".to_string() })
}

const FIXTURE: &str = "Testvorbereitung";

fn projekt_anlegen(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let n = zahl(db, "SELECT COUNT(*) FROM projekt").await;
        format!("name=Testprojekt+{n}&beschreibung=&efa_status=&themenfelder%5B13%5D=13&leistungen=10480")
    })
}

fn projekt_stammdaten(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let id = zahl(db, "SELECT id FROM projekt WHERE name = 'Reitkennzeichen'").await;
        let v = db.zahl(Sql::new("SELECT version FROM projekt WHERE id = ").bind(id)).await.unwrap();
        // Alternates the description so every allowed call really changes something.
        format!(
            "id={id}&version={v}&name=Reitkennzeichen&beschreibung=Fassung+{v}&efa_status=&themenfelder%5B0%5D=5&leistungen=10162"
        )
    })
}

/// Undo is allowed only for one's own newest change: the body first makes that change as `wer`
/// (directly in the store, like a save a moment earlier), so an allowed role really undoes.
fn projekt_rueckgaengig(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let id = zahl(db, "SELECT id FROM projekt WHERE name = 'Reitkennzeichen'").await;
        let v = db.zahl(Sql::new("SELECT version FROM projekt WHERE id = ").bind(id)).await.unwrap();
        let person = db.zahl(Sql::new("SELECT id FROM benutzer WHERE email = ").bind(wer.email())).await.ok();
        let akteur = Akteur { id: person, name: FIXTURE.into(), oeffentlich: FIXTURE.into() };
        let heute = chrono::Utc::now().date_naive();
        let alt = app::store::roadmap::projekte(db, heute).await.unwrap().into_iter().find(|p| p.id == id).unwrap();
        let neu =
            alt.phasen.verschoben(app::model::roadmap::Phase::Vorbereitung, app::model::zeitachse::Griff::Anfang, -1);
        let v = app::store::roadmap::phasen_speichern(db, id, v, &neu, &akteur, None).await.unwrap();
        format!("id={id}&version={v}")
    })
}

/// Alternates archiving and restoring, so every allowed call really changes something.
fn projekt_archivieren(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let id = zahl(db, "SELECT id FROM projekt WHERE name = 'Urkundenausgabe'").await;
        let v = db.zahl(Sql::new("SELECT version FROM projekt WHERE id = ").bind(id)).await.unwrap();
        let archiviert =
            zahl(db, &format!("SELECT COUNT(*) FROM projekt WHERE id = {id} AND archiviert_ms IS NOT NULL")).await;
        format!("id={id}&version={v}&archivieren={}", archiviert == 0)
    })
}

fn projekt_speichern(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let id = zahl(db, "SELECT id FROM projekt WHERE name = 'Einbürgerung'").await;
        let v = db.zahl(Sql::new("SELECT version FROM projekt WHERE id = ").bind(id)).await.unwrap();
        // Alternates the preparation month so every allowed call really changes something.
        let vorbereitung = if v % 2 == 0 { "2019-12" } else { "2020-01" };
        format!(
            "id={id}&version={v}&vorbereitung={vorbereitung}&konzeption=2020-01&umsetzung=2021-02&pilotierung=\
             &inbetriebnahme=2021-05&rollout=2021-08"
        )
    })
}

const STECKBRIEF_FORM: &str = "organisation=Stadt+Ahaus&dienst_name=Hundeanmeldung+online\
    &url=https%3A%2F%2Fwww.ahaus.de%2Fhund&leika=99110009104000%2C+99110009070000&dms=&nachweise=elektronisch\
    &once_only=nein&bezahlung=&authentifizierung=Servicekonto.NRW&kontakt=";

fn steckbrief_einreichen(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async { STECKBRIEF_FORM.to_string() })
}

/// A Steckbrief submitted a moment earlier by `wer` (through the store), so each caller reads
/// their own; returns its id.
async fn steckbrief_von(db: &Db, wer: Wer) -> i64 {
    let person = db.zahl(Sql::new("SELECT id FROM benutzer WHERE email = ").bind(wer.email())).await.ok();
    let ags = db
        .text(Sql::new("SELECT COALESCE(kommune_ags, '') FROM benutzer WHERE email = ").bind(wer.email()))
        .await
        .unwrap()
        .filter(|a| !a.is_empty());
    let akteur = Akteur { id: person, name: FIXTURE.into(), oeffentlich: FIXTURE.into() };
    let eingabe: app::model::steckbrief::SteckbriefEingabe = serde_urlencoded::from_str(STECKBRIEF_FORM).unwrap();
    let daten = eingabe.pruefen().unwrap();
    app::store::steckbrief::einreichen(db, &daten, ags, &akteur).await.unwrap()
}

fn steckbrief_lesen(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { format!("id={}", steckbrief_von(db, wer).await) })
}

fn steckbrief_entscheiden(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        format!("id={}&version=1&entscheidung=veroeffentlichen&kommentar=", steckbrief_von(db, wer).await)
    })
}

fn lieferung_form(basis: Option<i64>) -> String {
    use base64::Engine;
    let datei = "url;leika\nhttps://www.ahaus.de/hund;99110009104000\n";
    let mut f = vec![
        ("ags", AHAUS.to_string()),
        ("dateiname", "seiten.csv".to_string()),
        ("inhalt", base64::engine::general_purpose::STANDARD.encode(datei)),
    ];
    if let Some(b) = basis {
        f.push(("basis", b.to_string()));
    }
    serde_urlencoded::to_string(f).unwrap()
}

fn lieferung_pruefen(_: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async { lieferung_form(None) })
}

fn lieferung_uebernehmen(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let basis = db.zahl(Sql::new("SELECT lieferung_version FROM kommune WHERE ags = ").bind(AHAUS)).await.unwrap();
        lieferung_form(Some(basis))
    })
}

fn nutzung_speichern(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let dienst = zahl(db, "SELECT MIN(id) FROM onlinedienst").await;
        let mut v = Sql::new("SELECT COALESCE(MAX(version), 0) FROM onlinedienst_kommune WHERE kommune_ags = ");
        v.bind(AHAUS).push(" AND onlinedienst_id = ").bind(dienst);
        let version = db.zahl(&v).await.unwrap();
        format!(
            "onlinedienst_id={dienst}&ags={AHAUS}&version={version}&geplant_ab=2026-0{}&in_betrieb_seit=&kommentar=",
            version % 9 + 1
        )
    })
}

fn themen_zuordnen(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (person, _) = person_in_ahaus(db).await;
        let v = db.zahl(Sql::new("SELECT themen_version FROM kommune WHERE ags = ").bind(AHAUS)).await.unwrap();
        format!("ags={AHAUS}&version={v}&themenfelder%5B%5D=2&personen%5B%5D={person}")
    })
}

fn betreiber_speichern(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let v = zahl(db, "SELECT version FROM betreiber").await;
        format!("version={v}&name=Testbetreiber+{v}")
    })
}

fn rechtstext_speichern(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let v = zahl(db, "SELECT version FROM rechtstext WHERE art = 'impressum'").await;
        format!("art=impressum&version={v}&markdown=Fassung+{v}")
    })
}

/// Each call gets a message of its own to mark as handled.
fn rueckmeldung_erledigen(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let id = app::store::rechtstext::rueckmeldung_anlegen(db, None, None, None, "Test").await.unwrap();
        format!("id={id}")
    })
}

/// A new open workshop session (on a new Themenfeld-Workshop of the Abbruchgenehmigung's
/// Themenfeld) with an open question of `art`; returns the session and the question.
async fn workshop_mit_frage(db: &Db, art: app::model::workshop::FrageArt) -> (app::store::workshop::SitzungZeile, i64) {
    let tf = zahl(db, "SELECT themenfeld_id FROM leistung WHERE ozg_id = 10513").await;
    let e = app::model::veranstaltung::eingabe::VeranstaltungEingabe {
        art: "workshop".into(),
        titel: "Rechte-Workshop-Sitzung".into(),
        termin: "01.06.2039".into(),
        themenfeld: tf.to_string(),
        anmeldung: "keine".into(),
        ..Default::default()
    };
    let v = app::store::veranstaltung::anlegen(db, &e.lesen().unwrap(), &Akteur::kommandozeile()).await.unwrap();
    let n = u8::try_from(zahl(db, "SELECT COUNT(*) FROM workshop_sitzung").await % 200).unwrap();
    let code = app::model::workshop::Code::aus_zufall([n, n / 31, 7, 11, 13, 17]);
    let code = app::store::workshop::starten(db, v, &code, &Akteur::kommandozeile()).await.unwrap();
    let s = app::store::workshop::sitzung(db, &code).await.unwrap().unwrap();
    let optionen = match art {
        app::model::workshop::FrageArt::Prioritaet => vec!["10513".to_string()],
        _ => vec![],
    };
    let neu = app::model::workshop::FrageNeu { art, text: "Rechte?".into(), optionen };
    let f = app::store::workshop::frage_stellen(db, &s, &neu, &Akteur::kommandozeile()).await.unwrap();
    (app::store::workshop::sitzung(db, &code).await.unwrap().unwrap(), f)
}

fn workshop_starten(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move { format!("veranstaltung={}", neue_veranstaltung(db).await) })
}

fn workshop_code(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (s, _) = workshop_mit_frage(db, app::model::workshop::FrageArt::Skala).await;
        format!("code={}", s.code)
    })
}

fn workshop_ansicht(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (s, _) = workshop_mit_frage(db, app::model::workshop::FrageArt::Skala).await;
        format!("code={}&ansicht=%2Fkarte&markierung=", s.code)
    })
}

fn workshop_frage(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (s, _) = workshop_mit_frage(db, app::model::workshop::FrageArt::Skala).await;
        format!("code={}&art=einfach&text=Wann%3F&optionen=2026%0A2027", s.code)
    })
}

/// The caller (as an account) joined a session with an open question, which they answer.
fn workshop_antworten(db: &Db, wer: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (s, f) = workshop_mit_frage(db, app::model::workshop::FrageArt::Skala).await;
        if wer != Wer::Anonym {
            let id = db.zahl(Sql::new("SELECT id FROM benutzer WHERE email = ").bind(wer.email())).await.unwrap();
            app::store::workshop::teilnahme_konto(db, s.id, id, "Test", true).await.unwrap();
        }
        format!("code={}&frage={f}&wahl%5B%5D=3", s.code)
    })
}

/// A session whose free-text question has a guest's answer, to be shown to the room.
fn workshop_freigeben(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (s, f) = workshop_mit_frage(db, app::model::workshop::FrageArt::Freitext).await;
        let t = app::store::workshop::gast_beitreten(db, s.id, &app::store::konto::token().unwrap(), "Gast", "Ahaus")
            .await
            .unwrap();
        app::store::workshop::antworten(db, f, t, &[(String::new(), "Gute Idee".into())]).await.unwrap();
        format!("code={}&frage={f}&teilnahme={t}&zeigen=true", s.code)
    })
}

/// A session whose Priorität question has a vote for the Abbruchgenehmigung. The decision
/// writes Priorität 2, the value of the imported catalog for it, so the data stays as it was.
fn workshop_beschliessen(db: &Db, _: Wer) -> futures::future::BoxFuture<'_, String> {
    Box::pin(async move {
        let (s, f) = workshop_mit_frage(db, app::model::workshop::FrageArt::Prioritaet).await;
        let t = app::store::workshop::gast_beitreten(db, s.id, &app::store::konto::token().unwrap(), "Gast", "Ahaus")
            .await
            .unwrap();
        app::store::workshop::antworten(db, f, t, &[("10513".into(), "2".into())]).await.unwrap();
        let p = zahl(db, "SELECT COALESCE(prioritaet, 2) FROM leistung WHERE ozg_id = 10513").await;
        format!("code={}&frage={f}&ozg_id=10513&prioritaet={p}", s.code)
    })
}

const KOMMUNE_AHAUS: &[Wer] = &[Wer::KommuneAhaus, Wer::Koordination, Wer::Admin];
const KOORDINATION: &[Wer] = &[Wer::Koordination, Wer::Admin];
const ADMIN: &[Wer] = &[Wer::Admin];

const SCHREIBEN: &[Eintrag] = &[
    Eintrag { pfad: "/api/themenfeld_speichern", erlaubt: KOORDINATION, koerper: tf_speichern },
    Eintrag { pfad: "/api/projekt_speichern", erlaubt: KOORDINATION, koerper: projekt_speichern },
    Eintrag { pfad: "/api/projekt_rueckgaengig", erlaubt: KOORDINATION, koerper: projekt_rueckgaengig },
    Eintrag { pfad: "/api/projekt_archivieren", erlaubt: KOORDINATION, koerper: projekt_archivieren },
    Eintrag { pfad: "/api/projekt_anlegen", erlaubt: KOORDINATION, koerper: projekt_anlegen },
    Eintrag { pfad: "/api/projekt_stammdaten", erlaubt: KOORDINATION, koerper: projekt_stammdaten },
    Eintrag { pfad: "/api/labor_speichern", erlaubt: KOORDINATION, koerper: labor_speichern },
    Eintrag { pfad: "/api/labor_anlegen", erlaubt: KOORDINATION, koerper: labor_anlegen },
    Eintrag { pfad: "/api/ansprechperson_anlegen", erlaubt: KOMMUNE_AHAUS, koerper: person_anlegen },
    Eintrag { pfad: "/api/ansprechperson_aendern", erlaubt: KOMMUNE_AHAUS, koerper: person_aendern },
    Eintrag { pfad: "/api/ansprechperson_loeschen", erlaubt: KOMMUNE_AHAUS, koerper: person_loeschen },
    Eintrag {
        pfad: "/api/protokoll",
        erlaubt: KOORDINATION,
        koerper: |_, _| Box::pin(async { "art=&id=&seite=0".into() }),
    },
    Eintrag { pfad: "/api/themen_zuordnen", erlaubt: KOMMUNE_AHAUS, koerper: themen_zuordnen },
    Eintrag { pfad: "/api/nutzung_speichern", erlaubt: KOMMUNE_AHAUS, koerper: nutzung_speichern },
    Eintrag { pfad: "/api/lieferung_pruefen", erlaubt: KOMMUNE_AHAUS, koerper: lieferung_pruefen },
    Eintrag { pfad: "/api/lieferung_uebernehmen", erlaubt: KOMMUNE_AHAUS, koerper: lieferung_uebernehmen },
    Eintrag { pfad: "/api/steckbrief_einreichen", erlaubt: &ANGEMELDET, koerper: steckbrief_einreichen },
    Eintrag { pfad: "/api/steckbriefe", erlaubt: &ANGEMELDET, koerper: nichts },
    Eintrag { pfad: "/api/steckbrief", erlaubt: &ANGEMELDET, koerper: steckbrief_lesen },
    Eintrag { pfad: "/api/steckbrief_entscheiden", erlaubt: KOORDINATION, koerper: steckbrief_entscheiden },
    Eintrag { pfad: "/api/workshop_starten", erlaubt: KOORDINATION, koerper: workshop_starten },
    Eintrag { pfad: "/api/workshop_ansicht", erlaubt: KOORDINATION, koerper: workshop_ansicht },
    Eintrag { pfad: "/api/workshop_frage", erlaubt: KOORDINATION, koerper: workshop_frage },
    Eintrag { pfad: "/api/workshop_frage_schliessen", erlaubt: KOORDINATION, koerper: workshop_code },
    Eintrag { pfad: "/api/workshop_freigeben", erlaubt: KOORDINATION, koerper: workshop_freigeben },
    Eintrag { pfad: "/api/workshop_beschliessen", erlaubt: KOORDINATION, koerper: workshop_beschliessen },
    Eintrag { pfad: "/api/workshop_beenden", erlaubt: KOORDINATION, koerper: workshop_code },
    Eintrag { pfad: "/api/workshop_antworten", erlaubt: &ANGEMELDET, koerper: workshop_antworten },
    Eintrag { pfad: "/api/benutzer", erlaubt: ADMIN, koerper: nichts },
    Eintrag { pfad: "/api/benutzer_anlegen", erlaubt: ADMIN, koerper: benutzer_anlegen },
    Eintrag { pfad: "/api/benutzer_aendern", erlaubt: ADMIN, koerper: benutzer_aendern },
    Eintrag { pfad: "/api/benutzer_passwort", erlaubt: ADMIN, koerper: benutzer_passwort },
    Eintrag { pfad: "/api/anmeldesperren", erlaubt: ADMIN, koerper: nichts },
    Eintrag { pfad: "/api/betreiber_speichern", erlaubt: ADMIN, koerper: betreiber_speichern },
    Eintrag { pfad: "/api/rechtstext_speichern", erlaubt: ADMIN, koerper: rechtstext_speichern },
    Eintrag { pfad: "/api/rueckmeldungen", erlaubt: ADMIN, koerper: nichts },
    Eintrag { pfad: "/api/rueckmeldung_erledigen", erlaubt: ADMIN, koerper: rueckmeldung_erledigen },
    Eintrag {
        pfad: "/api/sperre_aufheben",
        erlaubt: ADMIN,
        koerper: |_, _| Box::pin(async { "schluessel=netz%3A192.0.2.1".into() }),
    },
    Eintrag { pfad: "/api/veranstaltung_anlegen", erlaubt: KOORDINATION, koerper: veranstaltung_neu },
    Eintrag { pfad: "/api/veranstaltung_speichern", erlaubt: KOORDINATION, koerper: veranstaltung_form },
    Eintrag { pfad: "/api/veranstaltung_formular", erlaubt: KOORDINATION, koerper: veranstaltung_id },
    Eintrag { pfad: "/api/ergebnis_verknuepfen", erlaubt: KOORDINATION, koerper: ergebnis },
    Eintrag { pfad: "/api/ergebnis_loesen", erlaubt: KOORDINATION, koerper: ergebnis },
    Eintrag { pfad: "/api/teilnahme_anmelden", erlaubt: &ANGEMELDET, koerper: veranstaltung_id },
    Eintrag { pfad: "/api/teilnahme_abmelden", erlaubt: &ANGEMELDET, koerper: veranstaltung_angemeldet },
    Eintrag { pfad: "/api/meine_veranstaltungen", erlaubt: &ANGEMELDET, koerper: nichts },
    Eintrag { pfad: "/api/kalender_abo_erneuern", erlaubt: &ANGEMELDET, koerper: nichts },
    Eintrag { pfad: "/api/kalender_abo_beenden", erlaubt: &ANGEMELDET, koerper: nichts },
    Eintrag { pfad: "/api/meldung_anlegen", erlaubt: KOORDINATION, koerper: meldung_neu },
    Eintrag { pfad: "/api/meldung_speichern", erlaubt: KOORDINATION, koerper: meldung_form },
    Eintrag { pfad: "/api/meldung_formular", erlaubt: KOORDINATION, koerper: meldung_id },
    Eintrag { pfad: "/api/meldung_vorschau", erlaubt: KOORDINATION, koerper: markdown },
    Eintrag { pfad: "/api/dokument_anlegen", erlaubt: KOORDINATION, koerper: dokument_neu },
    Eintrag { pfad: "/api/dokument_speichern", erlaubt: KOORDINATION, koerper: dokument_form },
    Eintrag { pfad: "/api/dokument_formular", erlaubt: KOORDINATION, koerper: dokument_id },
    Eintrag { pfad: "/api/fassung_hochladen", erlaubt: KOORDINATION, koerper: fassung },
    Eintrag { pfad: "/api/thema_anlegen", erlaubt: &ANGEMELDET, koerper: forum_thema },
    Eintrag { pfad: "/api/beitrag_antworten", erlaubt: &ANGEMELDET, koerper: forum_antwort },
    Eintrag { pfad: "/api/forum_verknuepfen", erlaubt: &ANGEMELDET, koerper: forum_verknuepfen },
    Eintrag { pfad: "/api/forum_labore", erlaubt: KOORDINATION, koerper: nichts },
    Eintrag { pfad: "/api/forum_labor_eroeffnen", erlaubt: KOORDINATION, koerper: forum_labor },
    Eintrag { pfad: "/api/forum_oeffentlich", erlaubt: ADMIN, koerper: forum_oeffentlich },
    Eintrag { pfad: "/api/forum_bezug_loesen", erlaubt: &ANGEMELDET, koerper: forum_bezug_loesen },
    Eintrag { pfad: "/api/beitrag_bearbeiten", erlaubt: &ANGEMELDET, koerper: forum_bearbeiten },
    Eintrag { pfad: "/api/thema_moderieren", erlaubt: KOORDINATION, koerper: thema_moderieren },
    Eintrag { pfad: "/api/beitrag_verbergen", erlaubt: KOORDINATION, koerper: beitrag_verbergen },
    Eintrag { pfad: "/api/beitrag_melden", erlaubt: &ANGEMELDET, koerper: beitrag_melden },
    Eintrag { pfad: "/api/forum_gemeldete", erlaubt: KOORDINATION, koerper: nichts },
    Eintrag { pfad: "/api/anliegen_liste", erlaubt: KOORDINATION, koerper: anliegen_liste },
    Eintrag { pfad: "/api/linkpruefung", erlaubt: KOORDINATION, koerper: nichts },
    Eintrag { pfad: "/api/reichweite_setzen", erlaubt: KOORDINATION, koerper: reichweite },
    Eintrag { pfad: "/api/zustaendigkeit_speichern", erlaubt: KOORDINATION, koerper: zustaendigkeit },
    Eintrag { pfad: "/api/link_verlauf", erlaubt: KOORDINATION, koerper: link_verlauf },
    Eintrag { pfad: "/api/anliegen_status", erlaubt: KOORDINATION, koerper: anliegen_status },
    Eintrag { pfad: "/api/rundschreiben_vorschau", erlaubt: KOORDINATION, koerper: rundschreiben_vorschau },
    Eintrag { pfad: "/api/rundschreiben_senden", erlaubt: KOORDINATION, koerper: rundschreiben_senden },
    Eintrag { pfad: "/api/rundschreiben_archiv", erlaubt: &ANGEMELDET, koerper: nichts },
    Eintrag { pfad: "/api/rundschreiben_empfang", erlaubt: &ANGEMELDET, koerper: rundschreiben_empfang },
    Eintrag { pfad: "/api/gemeldet_erledigen", erlaubt: KOORDINATION, koerper: gemeldet },
    Eintrag { pfad: "/api/folgen", erlaubt: &ANGEMELDET, koerper: folgen },
    Eintrag { pfad: "/api/entfolgen", erlaubt: &ANGEMELDET, koerper: eigenes_abo },
    Eintrag { pfad: "/api/abos_laden", erlaubt: &ANGEMELDET, koerper: nichts },
    Eintrag { pfad: "/api/neu_laden", erlaubt: &ANGEMELDET, koerper: nichts },
    Eintrag { pfad: "/api/infofeed_erneuern", erlaubt: &ANGEMELDET, koerper: nichts },
    Eintrag { pfad: "/api/infofeed_beenden", erlaubt: &ANGEMELDET, koerper: nichts },
    Eintrag { pfad: "/api/passwort", erlaubt: &ANGEMELDET, koerper: eigenes_passwort },
    Eintrag { pfad: "/api/abmelden", erlaubt: &ANGEMELDET, koerper: nichts },
    // Last: it deletes the calling accounts.
    Eintrag { pfad: "/api/konto_loeschen", erlaubt: &ANGEMELDET, koerper: konto_loeschen },
];

fn neues_konto(email: &str, rolle: Rolle, kommune: Option<&str>) -> NeuesKonto {
    let e = Email::parse(email).unwrap();
    NeuesKonto {
        passwort: NeuesPasswort::parse("ein anderes langes Passwort", &e).unwrap(),
        email: e,
        name: email.split('@').next().unwrap().to_string(),
        rolle,
        kommune_ags: kommune.map(str::to_string),
    }
}

async fn konten_anlegen(db: &Db) {
    for (wer, rolle, kommune) in [
        (Wer::KommuneAhaus, Rolle::Kommune, Some(AHAUS)),
        (Wer::KommuneBocholt, Rolle::Kommune, Some(BOCHOLT)),
        (Wer::Koordination, Rolle::Koordination, None),
        (Wer::Admin, Rolle::Admin, None),
    ] {
        let mut k = neues_konto(wer.email(), rolle, kommune);
        k.passwort = NeuesPasswort::parse(&wer.passwort(), &k.email).unwrap();
        konto::anlegen(db, k, &Akteur::kommandozeile()).await.unwrap();
    }
}

struct Antwort {
    status: u16,
    cookie: Option<String>,
    retry_after: Option<u64>,
    text: String,
}

async fn post(basis: &str, pfad: &str, koerper: &str, kopf: &[(&str, &str)]) -> Antwort {
    let mut r = reqwest::Client::new()
        .post(format!("{basis}{pfad}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(koerper.to_string());
    for (k, v) in kopf {
        r = r.header(*k, *v);
    }
    let r = r.send().await.unwrap();
    let cookie = r.headers().get("set-cookie").map(|v| v.to_str().unwrap().to_string());
    let retry_after = r.headers().get("retry-after").and_then(|v| v.to_str().ok()?.parse().ok());
    Antwort { status: r.status().as_u16(), cookie, retry_after, text: r.text().await.unwrap() }
}

fn token(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().trim().to_string()
}

/// Logs in and returns the `Cookie` header value for the session.
async fn anmelden(basis: &str, wer: Wer) -> String {
    let body = serde_urlencoded::to_string([("email", wer.email().to_string()), ("passwort", wer.passwort())]).unwrap();
    let a = post(basis, "/api/anmelden", &body, &[]).await;
    assert_eq!(a.status, 200, "Anmeldung {wer:?}: {}", a.text);
    token(&a.cookie.expect("Anmeldung setzt ein Cookie"))
}

async fn rufen(basis: &str, db: &Db, e: &Eintrag, wer: Wer) -> Antwort {
    let koerper = (e.koerper)(db, wer).await;
    let cookie = if wer == Wer::Anonym { None } else { Some(anmelden(basis, wer).await) };
    let kopf: Vec<(&str, &str)> = cookie.iter().map(|c| ("cookie", c.as_str())).collect();
    post(basis, e.pfad, &koerper, &kopf).await
}

async fn jeder_endpunkt_prueft_die_rolle(db: Db) {
    let basis = starten(db.clone()).await;
    konten_anlegen(&db).await;

    // Completeness: every registered server function is either public or in the table.
    let registriert: BTreeSet<String> = server_fn::axum::server_fn_paths().map(|(p, _)| p.to_string()).collect();
    let bekannt: BTreeSet<String> =
        OEFFENTLICH.iter().copied().chain(SCHREIBEN.iter().map(|e| e.pfad)).map(str::to_string).collect();
    let neu: Vec<&String> = registriert.difference(&bekannt).collect();
    assert!(neu.is_empty(), "Serverfunktionen ohne Eintrag in der Rechte-Tabelle (tests/rechte.rs): {neu:?}");
    let veraltet: Vec<&String> = bekannt.difference(&registriert).collect();
    assert!(veraltet.is_empty(), "Einträge ohne Serverfunktion: {veraltet:?}");

    for e in SCHREIBEN {
        let a = rufen(&basis, &db, e, Wer::Anonym).await;
        assert_eq!(a.status, 401, "{} anonym: {}", e.pfad, a.text);
        assert!(a.text.contains("NichtAngemeldet"), "{}: {}", e.pfad, a.text);
        for wer in ANGEMELDET {
            let a = rufen(&basis, &db, e, wer).await;
            if e.erlaubt.contains(&wer) {
                assert!(
                    (200..300).contains(&a.status),
                    "{} als {wer:?} erlaubt, bekam {}: {}",
                    e.pfad,
                    a.status,
                    a.text
                );
            } else {
                assert_eq!(a.status, 403, "{} als {wer:?} verboten: {}", e.pfad, a.text);
                assert!(a.text.contains("KeineBerechtigung"), "{}", a.text);
            }
        }
    }
}

async fn ohne_post_und_von_fremden_seiten_aendert_sich_nichts(db: Db) {
    let basis = starten(db.clone()).await;
    konten_anlegen(&db).await;
    let vorher = zahl(&db, "SELECT COUNT(*) FROM protokoll").await;
    let admin = anmelden(&basis, Wer::Admin).await;
    let client = reqwest::Client::new();
    for e in SCHREIBEN.iter().filter(|e| e.pfad != "/api/abmelden") {
        let koerper = (e.koerper)(&db, Wer::Admin).await;
        let vorher_tf = zahl(&db, "SELECT version FROM themenfeld WHERE slug = 'bildung'").await;
        // No state change behind GET: the write endpoints answer POST only.
        let r = client.get(format!("{basis}{}?{koerper}", e.pfad)).header("cookie", &admin).send().await.unwrap();
        assert!(!r.status().is_success(), "GET {} darf nicht gelingen", e.pfad);
        // A page of another site posting with the admin's cookie is refused before anything runs.
        for kopf in [("origin", "https://boese.example"), ("sec-fetch-site", "cross-site")] {
            let a = post(&basis, e.pfad, &koerper, &[("cookie", &admin), kopf]).await;
            assert_eq!(a.status, 403, "{} mit {kopf:?}", e.pfad);
            assert!(a.text.contains("Cross-Site-Request-Forgery"));
        }
        assert_eq!(zahl(&db, "SELECT version FROM themenfeld WHERE slug = 'bildung'").await, vorher_tf);
    }
    // The fixtures above were written through the store (CLI actor or marked as fixture);
    // nothing came through HTTP.
    let durch_http = zahl(
        &db,
        "SELECT COUNT(*) FROM protokoll WHERE benutzer_id IS NOT NULL AND benutzer <> 'Testvorbereitung' \
             AND objekt_art <> 'anmeldung'",
    )
    .await;
    assert_eq!(durch_http, 0, "vorher {vorher}");
    // Same origin passes.
    let body = tf_speichern(&db, Wer::Admin).await;
    let host = basis.trim_start_matches("http://").to_string();
    let a =
        post(&basis, "/api/themenfeld_speichern", &body, &[("cookie", &admin), ("origin", &basis), ("host", &host)])
            .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let a = post(
        &basis,
        "/api/themenfeld_speichern",
        &tf_speichern(&db, Wer::Admin).await,
        &[("cookie", &admin), ("sec-fetch-site", "same-origin")],
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.text);
}

async fn sitzungscookie_und_sitzungen(db: Db) {
    let basis = starten(db.clone()).await;
    konten_anlegen(&db).await;
    let body =
        serde_urlencoded::to_string([("email", "kora@kdn.de"), ("passwort", &Wer::Koordination.passwort())]).unwrap();
    let a = post(&basis, "/api/anmelden", &body, &[]).await;
    let c = a.cookie.unwrap();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(c.contains(flag), "{flag} fehlt: {c}");
    }
    assert!(!c.contains("Secure"), "über http ohne Secure");

    // Session renewal: a token brought along is replaced and ends.
    let alt = token(&c);
    let a = post(&basis, "/api/anmelden", &body, &[("cookie", &alt)]).await;
    let neu = token(&a.cookie.unwrap());
    assert_ne!(alt, neu);
    assert_eq!(post(&basis, "/api/abmelden", "", &[("cookie", &alt)]).await.status, 401, "alte Sitzung ist beendet");
    // Logout ends the session on the server, not only in the browser.
    assert_eq!(post(&basis, "/api/abmelden", "", &[("cookie", &neu)]).await.status, 200);
    assert_eq!(post(&basis, "/api/abmelden", "", &[("cookie", &neu)]).await.status, 401);

    // Locking an account ends its sessions at once.
    let kora = anmelden(&basis, Wer::Koordination).await;
    let admin = anmelden(&basis, Wer::Admin).await;
    let id = zahl(&db, "SELECT id FROM benutzer WHERE email = 'kora@kdn.de'").await;
    let v = db.zahl(Sql::new("SELECT version FROM benutzer WHERE id = ").bind(id)).await.unwrap();
    let a = post(
        &basis,
        "/api/benutzer_aendern",
        &format!("id={id}&version={v}&name=Kora&rolle=koordination&kommune="),
        &[("cookie", &admin)],
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.text);
    assert_eq!(post(&basis, "/api/protokoll", "art=&id=&seite=0", &[("cookie", &kora)]).await.status, 401);
    let a = post(&basis, "/api/anmelden", &body, &[]).await;
    assert_eq!(a.status, 401, "gesperrtes Konto meldet sich nicht an");
    // The last admin cannot lock themself out.
    let id = zahl(&db, "SELECT id FROM benutzer WHERE email = 'adam@kdn.de'").await;
    let v = db.zahl(Sql::new("SELECT version FROM benutzer WHERE id = ").bind(id)).await.unwrap();
    let a = post(
        &basis,
        "/api/benutzer_aendern",
        &format!("id={id}&version={v}&name=Adam&rolle=koordination&kommune=&aktiv=ja"),
        &[("cookie", &admin)],
    )
    .await;
    assert_eq!(a.status, 400, "{}", a.text);
    assert!(a.text.contains("letzte aktive Administrationskonto"));

    // Served as https (public URL): the cookie is Secure, HSTS is sent.
    let https =
        starten_mit(db.clone(), server::sicherheit::Sicherheit::aus_url(Some("https://ozg.example"), false)).await;
    let body = serde_urlencoded::to_string([("email", "adam@kdn.de"), ("passwort", &Wer::Admin.passwort())]).unwrap();
    let a = post(&https, "/api/anmelden", &body, &[]).await;
    assert!(a.cookie.unwrap().contains("; Secure"));
    let r = reqwest::get(format!("{https}/")).await.unwrap();
    assert!(r.headers().contains_key("strict-transport-security"));
}

async fn anmeldung_verraet_nichts_und_drosselt(db: Db) {
    let basis = starten(db.clone()).await;
    konten_anlegen(&db).await;
    let versuch = |email: &str, pw: &str| serde_urlencoded::to_string([("email", email), ("passwort", pw)]).unwrap();

    // Wrong password and unknown account: same status, same words.
    let a = post(&basis, "/api/anmelden", &versuch("kora@kdn.de", "falsch falsch falsch"), &[]).await;
    let b = post(&basis, "/api/anmelden", &versuch("niemand@kdn.de", "falsch falsch falsch"), &[]).await;
    assert_eq!((a.status, &a.text), (b.status, &b.text));
    assert_eq!(a.status, 401);
    assert!(a.text.contains("E-Mail-Adresse oder Passwort ist falsch."));
    assert!(a.cookie.is_none());

    // Injection attempts in the login fields are data, nothing else.
    for (email, pw) in [
        ("' OR '1'='1", "' OR '1'='1"),
        ("kora@kdn.de' --", "x"),
        ("kora@kdn.de\"; DROP TABLE benutzer; --", "x"),
        ("<script>alert(1)</script>", "x"),
    ] {
        let a = post(&basis, "/api/anmelden", &versuch(email, pw), &[]).await;
        assert_eq!(a.status, 401, "{email}");
        assert!(!a.text.contains("<script>"));
    }
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM benutzer").await, 4);
    // An absurdly long password is refused without hashing it.
    let a = post(&basis, "/api/anmelden", &versuch("adam@kdn.de", &"x".repeat(100_000)), &[]).await;
    assert_eq!(a.status, 401);
    // Empty fields: messages at the fields.
    let a = post(&basis, "/api/anmelden", &versuch("", ""), &[]).await;
    assert_eq!(a.status, 422);
    assert!(a.text.contains("Bitte geben Sie Ihre E-Mail-Adresse ein."));

    // An e-mail address too long to be one is refused before it becomes a throttling key.
    let a = post(&basis, "/api/anmelden", &versuch(&"a".repeat(10_000), "x"), &[]).await;
    assert_eq!(a.status, 422, "{}", a.text);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM anmeldesperre WHERE length(schluessel) > 300").await, 0);
}

/// Behind a proxy, `X-Forwarded-For` names the client; every request here says where it is from.
fn von(ip: &str) -> [(&'static str, &str); 1] {
    [("x-forwarded-for", ip)]
}

fn versuch(email: &str, pw: &str) -> String {
    serde_urlencoded::to_string([("email", email), ("passwort", pw)]).unwrap()
}

const FALSCH: &str = "falsch falsch falsch";

/// Throttling per (account, network): a guesser is stopped, the owner elsewhere is not; IPv6
/// counts by /64; a network lock spares accounts proven there; an admin lifts a lock.
async fn drosselung_sperrt_den_rater_nicht_die_besitzerin(db: Db) {
    let basis = starten_mit(db.clone(), server::sicherheit::Sicherheit::aus_url(None, true)).await;
    konten_anlegen(&db).await;
    let richtig = versuch("kora@kdn.de", &Wer::Koordination.passwort());
    let angreifer = von("203.0.113.7");
    for i in 0..konto::PAAR.limit {
        let a = post(&basis, "/api/anmelden", &versuch("kora@kdn.de", FALSCH), &angreifer).await;
        assert_eq!(a.status, 401, "Versuch {i}: {}", a.text);
    }
    // From there even the right password waits now, with a time to come back …
    let a = post(&basis, "/api/anmelden", &richtig, &angreifer).await;
    assert_eq!(a.status, 429, "{}", a.text);
    assert!(a.text.contains("Zu viele fehlgeschlagene Anmeldeversuche"), "{}", a.text);
    assert!(a.retry_after.is_some_and(|s| (1..=60).contains(&s)), "Retry-After: {:?}", a.retry_after);
    assert!(a.cookie.is_none());
    // … while the owner logs in from her own network at once.
    assert_eq!(post(&basis, "/api/anmelden", &richtig, &von("198.51.100.20")).await.status, 200);
    // A non-existent account locks alike, so the lock reveals nothing.
    for _ in 0..konto::PAAR.limit {
        post(&basis, "/api/anmelden", &versuch("niemand@kdn.de", FALSCH), &angreifer).await;
    }
    assert_eq!(post(&basis, "/api/anmelden", &versuch("niemand@kdn.de", FALSCH), &angreifer).await.status, 429);

    // IPv6: one /64 is one network; the next /64 is another.
    for i in 0..konto::PAAR.limit {
        let ip = format!("2001:db8:1:2::{}", i + 1);
        assert_eq!(post(&basis, "/api/anmelden", &versuch("adam@kdn.de", FALSCH), &von(&ip)).await.status, 401);
    }
    let admin = versuch("adam@kdn.de", &Wer::Admin.passwort());
    assert_eq!(post(&basis, "/api/anmelden", &admin, &von("2001:db8:1:2:ffff::9")).await.status, 429);
    assert_eq!(post(&basis, "/api/anmelden", &admin, &von("2001:db8:1:3::1")).await.status, 200);

    // Spraying many accounts from one network locks the network – but not for an account that
    // logged in from there before (a town hall's staff).
    let rathaus = von("192.0.2.50");
    let anna = versuch("anna@ahaus.de", &Wer::KommuneAhaus.passwort());
    assert_eq!(post(&basis, "/api/anmelden", &anna, &rathaus).await.status, 200);
    let mut letzte = 0;
    for i in 0..=konto::NETZ.limit {
        letzte = post(&basis, "/api/anmelden", &versuch(&format!("raten{i}@kdn.de"), FALSCH), &rathaus).await.status;
    }
    assert_eq!(letzte, 429, "Netz nach {} Fehlversuchen gesperrt", konto::NETZ.limit);
    assert_eq!(post(&basis, "/api/anmelden", &admin, &rathaus).await.status, 429, "nie von dort angemeldet");
    assert_eq!(post(&basis, "/api/anmelden", &anna, &rathaus).await.status, 200, "bewährtes Paar");

    // The admin sees the locks and lifts the network's; then the admin gets in from there too.
    let cookie = anmelden_von(&basis, Wer::Admin, "198.51.100.99").await;
    let a = post(&basis, "/api/anmeldesperren", "", &[("cookie", &cookie)]).await;
    assert!(a.text.contains("netz:192.0.2.50") && a.text.contains("paar:kora@kdn.de|203.0.113.7"), "{}", a.text);
    let a = post(&basis, "/api/sperre_aufheben", "schluessel=netz%3A192.0.2.50", &[("cookie", &cookie)]).await;
    assert_eq!((a.status, a.text.as_str()), (200, "1"));
    assert_eq!(post(&basis, "/api/anmelden", &admin, &rathaus).await.status, 200);
    // The command line's way: by e-mail address, every network of it.
    let n = konto::entsperren(&db, "kora@kdn.de", &Akteur::kommandozeile()).await.unwrap();
    assert_eq!(n, 1);
    assert_eq!(post(&basis, "/api/anmelden", &richtig, &angreifer).await.status, 200);

    // Security events in the audit log, without passwords; only admins read them.
    let ereignisse = |feld: &str| {
        let mut s = Sql::new("SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'anmeldung' AND feld = ");
        s.bind(feld.to_string());
        s
    };
    assert!(db.zahl(&ereignisse("angemeldet")).await.unwrap() >= 6);
    assert!(db.zahl(&ereignisse("fehlgeschlagen")).await.unwrap() >= 110);
    assert!(db.zahl(&ereignisse("gesperrt")).await.unwrap() >= 3);
    assert_eq!(db.zahl(&ereignisse("entsperrt")).await.unwrap(), 2);
    let mut pw = Sql::new("SELECT COUNT(*) FROM protokoll WHERE neu LIKE ");
    pw.bind(format!("%{FALSCH}%"));
    assert_eq!(db.zahl(&pw).await.unwrap(), 0, "kein Passwort im Protokoll");
    let kora = anmelden_von(&basis, Wer::Koordination, "198.51.100.20").await;
    let a = post(&basis, "/api/protokoll", "art=anmeldung&id=&seite=0", &[("cookie", &kora)]).await;
    assert!(a.text.contains("\"gesamt\":0"), "Koordination sieht keine Kontoereignisse: {}", a.text);
    let a = post(&basis, "/api/protokoll", "art=anmeldung&id=&seite=0", &[("cookie", &cookie)]).await;
    assert!(!a.text.contains("\"gesamt\":0"), "{}", a.text);
}

/// 100 parallel wrong passwords for one account from one address: exactly the limit is
/// checked, every other attempt is refused without a hash, and all of them are counted.
async fn paralleler_ansturm_zaehlt_jeden_versuch(db: Db) {
    let basis = starten_mit(db.clone(), server::sicherheit::Sicherheit::aus_url(None, true)).await;
    konten_anlegen(&db).await;
    let versuche = (0..100).map(|_| {
        let basis = basis.clone();
        async move { post(&basis, "/api/anmelden", &versuch("kora@kdn.de", FALSCH), &von("203.0.113.9")).await }
    });
    let antworten = futures::future::join_all(versuche).await;
    let anzahl = |s: u16| app::model::anzahl(antworten.iter().filter(|a| a.status == s).count());
    assert_eq!((anzahl(401), anzahl(429)), (konto::PAAR.limit, 100 - konto::PAAR.limit));
    assert!(antworten.iter().filter(|a| a.status == 429).all(|a| a.retry_after.is_some()));
    #[derive(sqlx::FromRow)]
    struct Zeile {
        fehlschlaege: i64,
        abgewiesen: i64,
        sperren: i64,
    }
    let z: Zeile = db
        .eine(&Sql::new(
            "SELECT fehlschlaege, abgewiesen, sperren FROM anmeldesperre WHERE schluessel = 'paar:kora@kdn.de|203.0.113.9'",
        ))
        .await
        .unwrap()
        .unwrap();
    // 5 checked and failed (counted, then cleared by the lock), 95 refused: 100 in all.
    assert_eq!((z.fehlschlaege, z.abgewiesen, z.sperren), (0, 95, 1));
    let fehl = zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE objekt_art = 'anmeldung' AND feld = 'fehlgeschlagen'");
    assert_eq!(fehl.await, konto::PAAR.limit);
    // The owner from elsewhere is not affected.
    let richtig = versuch("kora@kdn.de", &Wer::Koordination.passwort());
    assert_eq!(post(&basis, "/api/anmelden", &richtig, &von("198.51.100.1")).await.status, 200);
}

async fn anmelden_von(basis: &str, wer: Wer, ip: &str) -> String {
    let a = post(basis, "/api/anmelden", &versuch(wer.email(), &wer.passwort()), &von(ip)).await;
    assert_eq!(a.status, 200, "Anmeldung {wer:?}: {}", a.text);
    token(&a.cookie.expect("Anmeldung setzt ein Cookie"))
}

async fn schreiben_mit_protokoll_konflikt_und_feldfehlern(db: Db) {
    let basis = starten(db.clone()).await;
    konten_anlegen(&db).await;
    let kora = anmelden(&basis, Wer::Koordination).await;
    let body = |v: i64, koordination: &str| {
        serde_urlencoded::to_string([
            ("slug", "mobilitaet-reisen"),
            ("version", &v.to_string()),
            ("koordination", koordination),
        ])
        .unwrap()
    };
    let a =
        post(&basis, "/api/themenfeld_speichern", &body(1, "Wiebke Borchert (Vertretung)"), &[("cookie", &kora)]).await;
    assert_eq!(a.status, 200, "{}", a.text);
    let log: Vec<(String, Option<String>, Option<String>)> = {
        #[derive(sqlx::FromRow)]
        struct Z {
            feld: String,
            alt: Option<String>,
            neu: Option<String>,
        }
        db.alle::<Z>(&Sql::new(
            "SELECT feld, alt, neu FROM protokoll WHERE objekt_art = 'themenfeld' AND objekt_id = 'mobilitaet-reisen' ORDER BY feld",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|z| (z.feld, z.alt, z.neu))
        .collect()
    };
    assert_eq!(
        log,
        vec![("koordination".into(), Some("Wiebke Borchert".into()), Some("Wiebke Borchert (Vertretung)".into())),],
        "only the changed fields, with old and new value"
    );
    // A second coordinator still holding version 1 is refused and told who changed it.
    let a = post(&basis, "/api/themenfeld_speichern", &body(1, "Otto"), &[("cookie", &kora)]).await;
    assert_eq!(a.status, 409);
    // … by name; the e-mail address stays in the audit log.
    assert!(a.text.contains("von kora ("), "{}", a.text);
    assert!(!a.text.contains("kdn.de"), "keine E-Mail-Adresse in der Meldung: {}", a.text);
    assert_eq!(zahl(&db, "SELECT version FROM themenfeld WHERE slug = 'mobilitaet-reisen'").await, 2);
    // Bad input: German message at the field, nothing stored.
    let a = post(&basis, "/api/themenfeld_speichern", &body(2, &"x".repeat(201)), &[("cookie", &kora)]).await;
    assert_eq!(a.status, 422);
    let fehler: serde_json::Value = serde_json::from_str(&a.text).unwrap();
    assert_eq!(fehler["Eingabe"][0]["feld"], "koordination");
    assert!(fehler["Eingabe"][0]["meldung"].as_str().unwrap().contains("höchstens 200 Zeichen"));
    assert_eq!(zahl(&db, "SELECT version FROM themenfeld WHERE slug = 'mobilitaet-reisen'").await, 2);

    // Contact persons: Bocholt's staff cannot touch Ahaus' persons, whatever the form claims.
    let anna = anmelden(&basis, Wer::KommuneAhaus).await;
    let bernd = anmelden(&basis, Wer::KommuneBocholt).await;
    let a = post(
        &basis,
        "/api/ansprechperson_anlegen",
        &format!(
            "ags={AHAUS}&name=Anna+Muster&funktion=OZG-Koordination&telefon=02561+72-0&email=anna.muster%40ahaus.de"
        ),
        &[("cookie", &anna)],
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.text);
    let id: i64 = a.text.parse().unwrap();
    let a = post(
        &basis,
        "/api/ansprechperson_aendern",
        &format!("id={id}&version=1&name=Gekapert&funktion=&telefon=&email="),
        &[("cookie", &bernd)],
    )
    .await;
    assert_eq!(a.status, 403);
    let a = post(
        &basis,
        "/api/ansprechperson_anlegen",
        &format!("ags={BOCHOLT}&name=Bernd&funktion=&telefon=0800+%3Cscript%3E&email=kein-mail"),
        &[("cookie", &bernd)],
    )
    .await;
    assert_eq!(a.status, 422, "{}", a.text);
    assert!(a.text.contains("keine Telefonnummer") && a.text.contains("gültige E-Mail-Adresse"), "{}", a.text);
    // Contact data only for logged-in readers, also in the server-rendered page.
    let html = reqwest::get(format!("{basis}/kommunen/{AHAUS}")).await.unwrap().text().await.unwrap();
    assert!(!html.contains("anna.muster@ahaus.de") && html.contains("eine Ansprechperson hinterlegt"));
    let html = reqwest::Client::new()
        .get(format!("{basis}/kommunen/{AHAUS}"))
        .header("cookie", &bernd)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("anna.muster@ahaus.de"));
    let html = reqwest::get(format!("{basis}/themenfelder/mobilitaet-reisen")).await.unwrap().text().await.unwrap();
    assert!(!html.contains("Wiebke.Borchert@kdn.de") && html.contains("Kontaktdaten nach Anmeldung"));
}

async fn labore_bearbeiten(db: Db) {
    let basis = starten(db.clone()).await;
    konten_anlegen(&db).await;
    let kora = anmelden(&basis, Wer::Koordination).await;
    let neu = |ozg: &str, status: &str| {
        format!("slug=mobilitaet-reisen&titel=Parkausweis&ozg_id={ozg}&status={status}&hinweis=")
    };
    // Unknown OZG-ID and status: both named at their fields, nothing stored.
    let a = post(&basis, "/api/labor_anlegen", &neu("99999", "fertig"), &[("cookie", &kora)]).await;
    assert_eq!(a.status, 422, "{}", a.text);
    assert!(a.text.contains("99999 steht nicht im Katalog") && a.text.contains("kein Status"), "{}", a.text);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM labor").await, 9);
    // Labs added in the portal get ids clear of the slide rows.
    let a = post(&basis, "/api/labor_anlegen", &neu("10169", "geplant"), &[("cookie", &kora)]).await;
    assert_eq!((a.status, a.text.as_str()), (200, "1000"));
    let a = post(&basis, "/api/labor_anlegen", &neu("", "Kandidat"), &[("cookie", &kora)]).await;
    assert_eq!(a.text, "1001");
    // A forced re-import keeps them and the coordinators' edits of slide labs.
    let erstes = zahl(&db, "SELECT MIN(id) FROM labor").await;
    let body = format!("id={erstes}&version=1&status=l%C3%A4uft&hinweis=");
    let a = post(&basis, "/api/labor_speichern", &body, &[("cookie", &kora)]).await;
    assert_eq!(a.status, 200, "{}", a.text);
    server::import::importieren(&db, true).await.unwrap();
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM labor").await, 11);
    let s = db.text(Sql::new("SELECT status FROM labor WHERE id = ").bind(erstes)).await.unwrap();
    assert_eq!(s.as_deref(), Some("läuft"));
    // The Themenfeld's log lists its labs.
    let slug = db
        .text(
            Sql::new("SELECT t.slug FROM labor l JOIN themenfeld t ON t.id = l.themenfeld_id WHERE l.id = ")
                .bind(erstes),
        )
        .await
        .unwrap()
        .unwrap();
    let a = post(&basis, "/api/protokoll", &format!("art=&id={slug}&seite=0"), &[("cookie", &kora)]).await;
    assert!(a.text.contains("\"feld\":\"status\"") && a.text.contains("läuft"), "{}", a.text);
    // Stale version: 409.
    let body = format!("id={erstes}&version=1&status=abgeschlossen&hinweis=");
    let a = post(&basis, "/api/labor_speichern", &body, &[("cookie", &kora)]).await;
    assert_eq!(a.status, 409);
}

async fn sicherheitskoepfe(db: Db) {
    let basis = starten(db.clone()).await;
    let r = reqwest::get(format!("{basis}/leistungen")).await.unwrap();
    let h = r.headers().clone();
    let csp = h["content-security-policy"].to_str().unwrap().to_string();
    let html = r.text().await.unwrap();
    // The nonce of the header is the one on the page's scripts; no script runs without it.
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")));
    assert_eq!(html.matches("<script").count(), html.matches(&format!("nonce=\"{nonce}\"")).count());
    for teil in ["frame-ancestors 'none'", "object-src 'none'", "'wasm-unsafe-eval'", "base-uri 'none'"] {
        assert!(csp.contains(teil), "{teil} fehlt in {csp}");
    }
    assert!(!csp.contains("'unsafe-eval'") && !csp.contains("script-src 'self' 'unsafe-inline'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert_eq!(h["x-frame-options"], "DENY");
    // A second page gets a fresh nonce.
    let r2 = reqwest::get(format!("{basis}/leistungen")).await.unwrap();
    assert_ne!(r2.headers()["content-security-policy"].to_str().unwrap(), csp);
    // Non-page answers may not run anything.
    let r = reqwest::get(format!("{basis}/export/leistungen.csv")).await.unwrap();
    assert!(r.headers()["content-security-policy"].to_str().unwrap().starts_with("default-src 'none'"));
    // Pages of a logged-in reader and answers of server functions are kept by no cache.
    assert!(!h.get("cache-control").is_some_and(|c| c.to_str().unwrap().contains("no-store")), "anonym: {h:?}");
    konten_anlegen(&db).await;
    let cookie = anmelden(&basis, Wer::Koordination).await;
    let r = reqwest::Client::new().get(format!("{basis}/leistungen")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "private, no-store");
    let a = reqwest::Client::new().post(format!("{basis}/api/konto")).header("cookie", &cookie).send().await.unwrap();
    assert_eq!(a.headers()["cache-control"], "private, no-store");
    // Other routes take no POST.
    for pfad in ["/", "/leistungen", "/export/leistungen.csv", "/gesund"] {
        let a = post(&basis, pfad, "x=1", &[]).await;
        assert!(!(200..300).contains(&a.status), "POST {pfad} → {}", a.status);
    }
}

beide_datenbanken!(
    jeder_endpunkt_prueft_die_rolle,
    ohne_post_und_von_fremden_seiten_aendert_sich_nichts,
    sitzungscookie_und_sitzungen,
    anmeldung_verraet_nichts_und_drosselt,
    drosselung_sperrt_den_rater_nicht_die_besitzerin,
    paralleler_ansturm_zaehlt_jeden_versuch,
    schreiben_mit_protokoll_konflikt_und_feldfehlern,
    labore_bearbeiten,
    sicherheitskoepfe,
    protokoll_ist_unveraenderlich,
    jede_serverfunktion_uebersteht_unsinn,
    keine_persoenlichen_daten_fuer_anonyme,
);

/// What must never reach an anonymous reader after the writes below.
const PERSOENLICH: &[&str] = &["anna@ahaus.de", "kora@kdn.de", "adam@kdn.de", "p.geheim@ahaus.de", "02561 99999"];

/// After every kind of write that records a person (Labor, Themenfeld, roadmap, contact person,
/// delivery, Steckbrief, usage, responsibility), no public page, hydration data, server function,
/// export or live event shows an e-mail address or phone number to a reader without login.
async fn keine_persoenlichen_daten_fuer_anonyme(db: Db) {
    let basis = starten(db.clone()).await;
    konten_anlegen(&db).await;
    let kora = anmelden(&basis, Wer::Koordination).await;
    let anna = anmelden(&basis, Wer::KommuneAhaus).await;
    let person = "ags=05554004&name=Petra+Geheim&funktion=OZG&telefon=02561+99999&email=p.geheim%40ahaus.de";
    let schreiben: Vec<(&str, String, &str)> = vec![
        ("/api/labor_anlegen", labor_anlegen(&db, Wer::Koordination).await, &kora),
        ("/api/labor_speichern", labor_speichern(&db, Wer::Koordination).await, &kora),
        ("/api/themenfeld_speichern", tf_speichern(&db, Wer::Koordination).await, &kora),
        ("/api/projekt_speichern", projekt_speichern(&db, Wer::Koordination).await, &kora),
        ("/api/ansprechperson_anlegen", person.to_string(), &anna),
        ("/api/themen_zuordnen", themen_zuordnen(&db, Wer::KommuneAhaus).await, &anna),
        ("/api/lieferung_uebernehmen", lieferung_uebernehmen(&db, Wer::KommuneAhaus).await, &anna),
        ("/api/nutzung_speichern", nutzung_speichern(&db, Wer::KommuneAhaus).await, &anna),
        ("/api/steckbrief_einreichen", STECKBRIEF_FORM.to_string(), &anna),
    ];
    for (pfad, koerper, cookie) in &schreiben {
        let a = post(&basis, pfad, koerper, &[("cookie", cookie)]).await;
        assert!((200..300).contains(&a.status), "{pfad}: {} {}", a.status, a.text);
    }
    let steckbrief = zahl(&db, "SELECT MAX(id) FROM steckbrief").await;
    let entscheiden = format!("id={steckbrief}&version=1&entscheidung=veroeffentlichen&kommentar=");
    assert_eq!(post(&basis, "/api/steckbrief_entscheiden", &entscheiden, &[("cookie", &kora)]).await.status, 200);

    let mut seiten: Vec<String> = [
        "/",
        "/landkarte",
        "/leistungen",
        "/leika",
        "/loesungen",
        "/loesungen/kennzahlen",
        "/kommunen",
        "/kommunen/05554004",
        "/kreise",
        "/kreise/05554",
        "/dienstleister",
        "/roadmap",
        "/roadmap/zeitachse",
        "/roadmap/praesentation",
        "/quellen",
        "/leistungen/10480",
        "/steckbriefe",
    ]
    .map(String::from)
    .to_vec();
    let slugs: Vec<(String,)> = db.alle(&Sql::new("SELECT slug FROM themenfeld")).await.unwrap();
    seiten.extend(slugs.iter().map(|(s,)| format!("/themenfelder/{s}")));
    let projekte: Vec<(i64,)> = db.alle(&Sql::new("SELECT id FROM projekt")).await.unwrap();
    seiten.extend(projekte.iter().map(|(id,)| format!("/roadmap/{id}")));
    let dienste: Vec<(i64,)> =
        db.alle(&Sql::new("SELECT id FROM onlinedienst ORDER BY id DESC LIMIT 5")).await.unwrap();
    seiten.extend(dienste.iter().map(|(id,)| format!("/loesungen/{id}")));
    for export in ["leistungen", "leika", "kommunen", "loesungen", "lieferung-05554004"] {
        seiten.push(format!("/export/{export}.json"));
        seiten.push(format!("/export/{export}.csv"));
    }
    let mut antworten: Vec<(String, String)> = Vec::new();
    for s in &seiten {
        antworten.push((s.clone(), reqwest::get(format!("{basis}{s}")).await.unwrap().text().await.unwrap()));
    }
    // Every public server function, with the arguments its readers use.
    let werte = |feld: &str| match feld {
        "ags" => "05554004".to_string(),
        "slug" => "bildung".into(),
        "ozg_id" => "10480".into(),
        "id" => projekte.first().map(|p| p.0).unwrap_or(1).to_string(),
        _ => "0".into(),
    };
    for pfad in OEFFENTLICH.iter().filter(|p| **p != "/api/anmelden") {
        let felder = pflichtfelder_finden(&basis, pfad, &[]).await;
        let mut koerper: Vec<(String, String)> = felder.iter().map(|f| (f.clone(), werte(f))).collect();
        antworten.push((
            pfad.to_string(),
            post(&basis, pfad, &serde_urlencoded::to_string(&koerper).unwrap(), &[]).await.text,
        ));
        if felder.iter().any(|f| f == "id") {
            koerper.retain(|(f, _)| f != "id");
            for (id,) in &dienste {
                let k = format!("{}&id={id}", serde_urlencoded::to_string(&koerper).unwrap());
                antworten.push((format!("{pfad}?id={id}"), post(&basis, pfad, &k, &[]).await.text));
            }
        }
    }
    // The live events since the beginning, as a new anonymous tab replays them.
    let mut strom = reqwest::Client::new()
        .get(format!("{basis}{}", app::model::live::PFAD))
        .header("last-event-id", "0")
        .send()
        .await
        .unwrap();
    let mut live = String::new();
    while let Ok(Ok(Some(teil))) = tokio::time::timeout(std::time::Duration::from_millis(500), strom.chunk()).await {
        live.push_str(&String::from_utf8_lossy(&teil));
    }
    assert!(live.contains("Erika") || live.contains("kora") || live.contains("event:"), "Live-Strom leer: {live}");
    antworten.push(("live".into(), live));
    for (wo, text) in &antworten {
        for p in PERSOENLICH {
            assert!(!text.contains(p), "{wo} zeigt Anonymen „{p}“");
        }
    }
    assert!(antworten.len() > 60, "{} Antworten geprüft", antworten.len());
    // Logged in, the contact person's details are there: the check above can see them.
    let a = post(&basis, "/api/kommune", "ags=05554004", &[("cookie", &kora)]).await;
    assert!(a.text.contains("p.geheim@ahaus.de"), "{}", a.text);
}

/// The fields a server function requires, learnt from its own answers ("Das Feld „x“ fehlt").
async fn pflichtfelder_finden(basis: &str, pfad: &str, cookie: &[(&str, &str)]) -> Vec<String> {
    let mut felder: Vec<String> = Vec::new();
    for _ in 0..20 {
        let koerper: Vec<String> = felder.iter().map(|f| format!("{f}=1")).collect();
        let a = post(basis, pfad, &koerper.join("&"), cookie).await;
        let Some(feld) = a.text.split("Das Feld „").nth(1).and_then(|r| r.split('“').next()) else { break };
        if !a.text.contains("fehlt") || felder.iter().any(|f| f == feld) {
            break;
        }
        felder.push(feld.to_string());
    }
    felder
}

/// Hostile and malformed values for one field.
const UNSINN: &[&str] = &[
    "",
    "abc",
    "-1",
    "99999999999999999999999",
    "1.5e400",
    "'; DROP TABLE benutzer; --",
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "\u{202e}\u{feff}ä😀",
    "%ZZ",
];

/// Bodies for one server function: its valid form (if the rights table has one) or its learnt
/// required fields, with each field dropped, repeated, replaced by every value of [`UNSINN`],
/// made huge and nested; and shapeless bodies.
fn unsinn_koerper(felder: &[(String, String)]) -> Vec<String> {
    let kodiert = |paare: &[(String, String)]| serde_urlencoded::to_string(paare).unwrap();
    let mut k: Vec<String> = vec![
        String::new(),
        "&&&==&".into(),
        "%".into(),
        "a[b][c][d][e][f][g][h][i][j]=1".into(),
        "x[]=1&x[]=2&x[0]=3".into(),
        format!("x={}", "A".repeat(1_000_000)),
        "seite=4294967296&id=-9223372036854775808&version=9223372036854775807".into(),
    ];
    k.push(kodiert(felder));
    for (i, (name, _)) in felder.iter().enumerate() {
        let ohne: Vec<_> = felder.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, p)| p.clone()).collect();
        k.push(kodiert(&ohne));
        let mut doppelt = felder.to_vec();
        doppelt.push(felder[i].clone());
        k.push(kodiert(&doppelt));
        for wert in UNSINN.iter().map(|w| w.to_string()).chain([("ß".repeat(100_000))]) {
            let mut f = felder.to_vec();
            f[i].1 = wert;
            k.push(kodiert(&f));
        }
        k.push(format!("{}&{name}[x][y]=1", kodiert(felder)));
    }
    k
}

/// Every registered server function, under each role, with missing, repeated, oversized,
/// wrongly typed and hostile arguments: never a 5xx (that is reserved for the server's own
/// faults), never a hang, and the server stays up.
async fn jede_serverfunktion_uebersteht_unsinn(db: Db) {
    let basis = starten(db.clone()).await;
    konten_anlegen(&db).await;
    let mut pfade: Vec<String> = server_fn::axum::server_fn_paths().map(|(p, _)| p.to_string()).collect();
    pfade.sort();
    // Ending one's session or changing passwords would log the later rows out: those go last.
    pfade.sort_by_key(|p| {
        ["/api/abmelden", "/api/benutzer_passwort", "/api/passwort", "/api/konto_loeschen"]
            .iter()
            .position(|l| l == p)
            .map_or(0, |i| i + 1)
    });
    let mut rollen: Vec<(Wer, Option<String>)> = vec![(Wer::Anonym, None)];
    for wer in ANGEMELDET {
        rollen.push((wer, Some(anmelden(&basis, wer).await)));
    }
    let admin = rollen.last().and_then(|r| r.1.clone()).unwrap();
    let mut aufrufe = 0;
    for pfad in &pfade {
        let gueltig = match SCHREIBEN.iter().find(|e| e.pfad == pfad) {
            Some(e) => {
                serde_urlencoded::from_str::<Vec<(String, String)>>(&(e.koerper)(&db, Wer::Admin).await).unwrap()
            }
            None => {
                let felder = pflichtfelder_finden(&basis, pfad, &[("cookie", &admin)]).await;
                felder.into_iter().map(|f| (f, "1".to_string())).collect()
            }
        };
        let koerper = unsinn_koerper(&gueltig);
        for (wer, cookie) in &rollen {
            let kopf: Vec<(&str, &str)> = cookie.iter().map(|c| ("cookie", c.as_str())).collect();
            for k in &koerper {
                let a = tokio::time::timeout(std::time::Duration::from_secs(30), post(&basis, pfad, k, &kopf))
                    .await
                    .unwrap_or_else(|_| panic!("{pfad} als {wer:?} hängt: {}", &k[..k.len().min(200)]));
                aufrufe += 1;
                assert!(
                    a.status < 500,
                    "{pfad} als {wer:?} → {}: {} (Körper: {})",
                    a.status,
                    &a.text[..a.text.len().min(300)],
                    &k[..k.len().min(200)]
                );
                let englisch = ["deserializ", "missing field", "invalid type", "expected"];
                assert!(!englisch.iter().any(|e| a.text.contains(e)), "{pfad}: Meldung nicht auf Deutsch: {}", a.text);
            }
        }
        assert_eq!(reqwest::get(format!("{basis}/gesund")).await.unwrap().status().as_u16(), 200, "nach {pfad}");
    }
    assert!(aufrufe > 5_000, "{aufrufe} Aufrufe");
}

/// UPDATE and DELETE on the audit log are refused by the database itself; the last-admin check
/// holds even when two admins demote each other at the same moment.
async fn protokoll_ist_unveraenderlich(db: Db) {
    common::mit_daten(&db).await;
    konten_anlegen(&db).await;
    let vorher = zahl(&db, "SELECT COUNT(*) FROM protokoll").await;
    assert!(vorher > 0);
    for sql in ["UPDATE protokoll SET neu = 'gefälscht'", "DELETE FROM protokoll"] {
        let e = db.transaktion(&[Sql::new(sql)]).await.unwrap_err();
        assert!(e.to_string().contains("Das Protokoll ist unveränderlich"), "{sql}: {e}");
    }
    if let Db::Postgres(_) = db {
        let e = db.transaktion(&[Sql::new("TRUNCATE protokoll")]).await.unwrap_err();
        assert!(e.to_string().contains("unveränderlich"), "{e}");
    }
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM protokoll").await, vorher);
    assert_eq!(zahl(&db, "SELECT COUNT(*) FROM protokoll WHERE neu = 'gefälscht'").await, 0);

    // Two admins, each demoting the other at once: one of them must stay.
    let cli = Akteur::kommandozeile();
    let zweit = konto::anlegen(&db, neues_konto("zweit@kdn.de", Rolle::Admin, None), &cli).await.unwrap();
    let adam = zahl(&db, "SELECT id FROM benutzer WHERE email = 'adam@kdn.de'").await;
    let herabstufen = |id: i64| {
        let db = db.clone();
        async move {
            let v = db.zahl(Sql::new("SELECT version FROM benutzer WHERE id = ").bind(id)).await.unwrap();
            let a = konto::KontoAenderung {
                id,
                version: v,
                name: "Herabgestuft".into(),
                rolle: Rolle::Koordination,
                kommune_ags: None,
                aktiv: true,
            };
            konto::aendern(&db, a, &Akteur::kommandozeile()).await
        }
    };
    let (a, b) = tokio::join!(herabstufen(adam), herabstufen(zweit));
    assert!(a.is_err() || b.is_err(), "einer der beiden Wechsel muss scheitern: {a:?} {b:?}");
    assert!(zahl(&db, "SELECT COUNT(*) FROM benutzer WHERE aktiv AND rolle = 'admin'").await >= 1);
}
