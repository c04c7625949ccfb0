//! "Unsere Fragen an Sie" (the KDN deck's questions on every Themenfeld page): a reader names a
//! person active in the field, asks to take part or to be kept informed. What they send goes to
//! the coordination's inbox (`/anliegen`), never to a public page.

use crate::error::Feldfehler;
use crate::model::formular::Leser;
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 200;
pub const MAX_PERSON: usize = 500;
pub const MAX_NACHRICHT: usize = 2_000;
/// Requests in status "neu" at most; beyond that the form refuses (a flood cannot grow the
/// table without bound, and the coordination would not read more anyway).
pub const MAX_OFFEN: i64 = 2_000;

/// What a reader asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Art {
    /// "Kennen Sie jemanden, der im Themenfeld aktiv ist?"
    Person,
    /// "Haben Sie Interesse, sich zu beteiligen?"
    Beteiligen,
    /// "… regelmäßig informiert zu werden?" (without an account; with one it is a subscription)
    Informiert,
}

impl Art {
    pub const ALLE: [Art; 3] = [Art::Person, Art::Beteiligen, Art::Informiert];

    pub fn code(self) -> &'static str {
        match self {
            Art::Person => "person",
            Art::Beteiligen => "beteiligen",
            Art::Informiert => "informiert",
        }
    }

    pub fn aus_code(s: &str) -> Option<Art> {
        Art::ALLE.into_iter().find(|a| a.code() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Art::Person => "Person im Themenfeld genannt",
            Art::Beteiligen => "möchte sich beteiligen",
            Art::Informiert => "möchte informiert werden",
        }
    }
}

/// Where a request stands in the coordination's inbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Status {
    #[default]
    Neu,
    InBearbeitung,
    Erledigt,
}

impl Status {
    pub const ALLE: [Status; 3] = [Status::Neu, Status::InBearbeitung, Status::Erledigt];

    pub fn code(self) -> &'static str {
        match self {
            Status::Neu => "neu",
            Status::InBearbeitung => "in_bearbeitung",
            Status::Erledigt => "erledigt",
        }
    }

    pub fn aus_code(s: &str) -> Option<Status> {
        Status::ALLE.into_iter().find(|a| a.code() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Status::Neu => "neu",
            Status::InBearbeitung => "in Bearbeitung",
            Status::Erledigt => "erledigt",
        }
    }
}

/// The form as typed. For a logged-in person name and e-mail come from the account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnliegenEingabe {
    pub themenfeld: String,
    pub art: String,
    /// Art "person": who is active (name, function, Kommune).
    pub person: String,
    pub name: String,
    pub organisation: String,
    pub email: String,
    pub nachricht: String,
    /// "ja" when the reader agreed that the coordination stores what they sent.
    pub einwilligung: String,
}

/// The checked request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnliegenDaten {
    pub themenfeld_id: i64,
    pub art: Art,
    pub person: String,
    pub name: String,
    pub organisation: String,
    pub kontakt: String,
    pub nachricht: String,
}

/// The account of a logged-in sender: its name and e-mail stand in for the form's.
pub struct Absender<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub organisation: Option<&'a str>,
}

impl AnliegenEingabe {
    pub fn lesen(&self, konto: Option<&Absender<'_>>) -> Result<AnliegenDaten, Vec<Feldfehler>> {
        let mut l = Leser::default();
        let themenfeld_id = l.auswahl("themenfeld", &self.themenfeld, "Unbekanntes Themenfeld.").unwrap_or(0);
        let art = Art::aus_code(&self.art);
        if art.is_none() {
            l.fehler("art", "Bitte wählen, ob Sie sich beteiligen oder informiert werden möchten.");
        }
        let person = if art == Some(Art::Person) {
            l.pflicht("person", "Wer ist im Themenfeld aktiv?", &self.person, MAX_PERSON)
        } else {
            String::new()
        };
        let nachricht = l.text("nachricht", "Nachricht", &self.nachricht, MAX_NACHRICHT).unwrap_or_default();
        let (name, kontakt, organisation) = match konto {
            Some(k) => {
                let org = l.text("organisation", "Kommune oder Organisation", &self.organisation, MAX_NAME);
                (
                    k.name.to_string(),
                    k.email.to_string(),
                    org.or(k.organisation.map(str::to_string)).unwrap_or_default(),
                )
            }
            None => anonym(&mut l, self),
        };
        l.ergebnis(AnliegenDaten {
            themenfeld_id,
            art: art.unwrap_or(Art::Person),
            person,
            name,
            organisation,
            kontakt,
            nachricht,
        })
    }
}

/// Without an account: name, Kommune, e-mail and the consent are required.
fn anonym(l: &mut Leser, e: &AnliegenEingabe) -> (String, String, String) {
    let name = l.pflicht("name", "Ihr Name", &e.name, MAX_NAME);
    let organisation = l.pflicht("organisation", "Kommune oder Organisation", &e.organisation, MAX_NAME);
    let email = match crate::model::konto::Email::parse(e.email.trim()) {
        Ok(m) => m.to_string(),
        Err(m) => {
            l.fehler("email", m);
            String::new()
        }
    };
    if e.einwilligung.trim() != "ja" {
        l.fehler("einwilligung", "Bitte bestätigen Sie, dass die Koordination Ihre Angaben dafür speichern darf.");
    }
    (name, email, organisation)
}

/// What the sender is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gesendet {
    /// The receipt number of the request in the coordination's inbox.
    pub nummer: Option<i64>,
    /// A subscription of the Themenfeld was made (logged-in sender).
    pub abonniert: bool,
}

impl Gesendet {
    pub fn text(&self) -> String {
        let abo = "Sie folgen jetzt diesem Themenfeld: Neues finden Sie unter „Neu für mich“; wie Sie \
                   benachrichtigt werden, stellen Sie unter „Meine Abonnements“ ein.";
        match (self.nummer, self.abonniert) {
            (Some(n), true) => format!("Vielen Dank. Ihre Nachricht ist unter der Nummer {n} eingegangen. {abo}"),
            (Some(n), false) => {
                format!("Vielen Dank. Ihre Nachricht ist unter der Nummer {n} bei der Koordination eingegangen.")
            }
            (None, _) => format!("Vielen Dank. {abo}"),
        }
    }
}

/// One request in the coordination's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anliegen {
    pub id: i64,
    pub art: Art,
    pub themenfeld: String,
    pub themenfeld_slug: String,
    pub person: String,
    pub name: String,
    pub organisation: String,
    pub kontakt: String,
    pub nachricht: String,
    /// Sent by a logged-in account (its name and e-mail are the account's).
    pub mit_konto: bool,
    pub erstellt_ms: i64,
    pub status: Status,
    pub geaendert_ms: i64,
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eingabe(art: &str) -> AnliegenEingabe {
        AnliegenEingabe {
            themenfeld: "5".into(),
            art: art.into(),
            person: "Frau Beispiel, Bauamt Musterstadt".into(),
            name: "Paula Leserin".into(),
            organisation: "Stadt Ahaus".into(),
            email: "paula@example.org".into(),
            nachricht: String::new(),
            einwilligung: "ja".into(),
        }
    }

    #[test]
    fn without_account_name_kommune_email_and_consent_are_required() {
        assert!(eingabe("beteiligen").lesen(None).is_ok());
        let leer = AnliegenEingabe { themenfeld: "5".into(), art: "informiert".into(), ..Default::default() };
        let felder: Vec<String> = leer.lesen(None).unwrap_err().into_iter().map(|f| f.feld).collect();
        assert_eq!(felder, vec!["name", "organisation", "email", "einwilligung"]);
        let falsch = AnliegenEingabe { email: "keine adresse".into(), ..eingabe("informiert") };
        assert_eq!(falsch.lesen(None).unwrap_err()[0].feld, "email");
    }

    #[test]
    fn with_account_the_account_speaks() {
        let k = Absender { name: "Anna Ahaus", email: "anna@ahaus.de", organisation: Some("Stadt Ahaus") };
        let e = AnliegenEingabe {
            name: "Fremd".into(),
            email: String::new(),
            einwilligung: String::new(),
            organisation: String::new(),
            ..eingabe("person")
        };
        let d = e.lesen(Some(&k)).unwrap();
        assert_eq!(
            (d.name.as_str(), d.kontakt.as_str(), d.organisation.as_str()),
            ("Anna Ahaus", "anna@ahaus.de", "Stadt Ahaus")
        );
        assert_eq!(d.person, "Frau Beispiel, Bauamt Musterstadt");
    }

    #[test]
    fn a_named_person_is_required_and_everything_is_bounded() {
        let ohne = AnliegenEingabe { person: " ".into(), ..eingabe("person") };
        assert_eq!(ohne.lesen(None).unwrap_err()[0].feld, "person");
        let lang = AnliegenEingabe { nachricht: "x".repeat(MAX_NACHRICHT + 1), ..eingabe("beteiligen") };
        assert!(lang.lesen(None).unwrap_err()[0].meldung.contains("höchstens 2000"));
        let art = AnliegenEingabe { art: "alles".into(), ..eingabe("x") };
        assert_eq!(art.lesen(None).unwrap_err()[0].feld, "art");
        let tf = AnliegenEingabe { themenfeld: "eins".into(), ..eingabe("beteiligen") };
        assert_eq!(tf.lesen(None).unwrap_err()[0].feld, "themenfeld");
    }

    #[test]
    fn the_receipt_says_what_happened() {
        assert!(Gesendet { nummer: Some(7), abonniert: false }.text().contains("Nummer 7"));
        assert!(Gesendet { nummer: None, abonniert: true }.text().contains("folgen jetzt"));
    }
}
