//! The legally required pages of a German public portal: Impressum (§ 5 DDG),
//! Datenschutzerklärung (Art. 13 DSGVO) and Erklärung zur Barrierefreiheit (BITV 2.0 § 7), and
//! the feedback on accessibility they ask for.
//!
//! The operator's details are never invented: admins enter them ([`Betreiber`]); until then the
//! pages name every missing one. What the software itself stores and for how long is written
//! in the page components next to the code that does it.

use serde::{Deserialize, Serialize};

/// Which of the three pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Art {
    Impressum,
    Datenschutz,
    Barrierefreiheit,
}

impl Art {
    pub const ALLE: [Art; 3] = [Art::Impressum, Art::Datenschutz, Art::Barrierefreiheit];

    pub fn code(self) -> &'static str {
        match self {
            Art::Impressum => "impressum",
            Art::Datenschutz => "datenschutz",
            Art::Barrierefreiheit => "barrierefreiheit",
        }
    }

    pub fn parse(s: &str) -> Option<Art> {
        Art::ALLE.into_iter().find(|a| a.code() == s)
    }

    pub fn titel(self) -> &'static str {
        match self {
            Art::Impressum => "Impressum",
            Art::Datenschutz => "Datenschutzerklärung",
            Art::Barrierefreiheit => "Erklärung zur Barrierefreiheit",
        }
    }

    pub fn pfad(self) -> &'static str {
        match self {
            Art::Impressum => "/impressum",
            Art::Datenschutz => "/datenschutz",
            Art::Barrierefreiheit => "/barrierefreiheit",
        }
    }

    /// The operator's fields this page needs.
    pub fn pflichtangaben(self) -> &'static [BetreiberFeld] {
        use BetreiberFeld::*;
        match self {
            Art::Impressum => &[Name, Anschrift, VertretenDurch, Email, Telefon, Aufsicht],
            Art::Datenschutz => &[Name, Anschrift, Email, Datenschutzbeauftragter, DatenschutzAufsicht],
            Art::Barrierefreiheit => &[Name, BarrierefreiheitKontakt, Durchsetzung, PruefStand],
        }
    }
}

/// One field of the operator's details, with its label and help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BetreiberFeld {
    Name,
    Anschrift,
    VertretenDurch,
    Email,
    Telefon,
    Aufsicht,
    Datenschutzbeauftragter,
    DatenschutzAufsicht,
    BarrierefreiheitKontakt,
    Durchsetzung,
    PruefStand,
}

impl BetreiberFeld {
    pub const ALLE: [BetreiberFeld; 11] = [
        BetreiberFeld::Name,
        BetreiberFeld::Anschrift,
        BetreiberFeld::VertretenDurch,
        BetreiberFeld::Email,
        BetreiberFeld::Telefon,
        BetreiberFeld::Aufsicht,
        BetreiberFeld::Datenschutzbeauftragter,
        BetreiberFeld::DatenschutzAufsicht,
        BetreiberFeld::BarrierefreiheitKontakt,
        BetreiberFeld::Durchsetzung,
        BetreiberFeld::PruefStand,
    ];

    /// The form field's name (also the column).
    pub fn code(self) -> &'static str {
        match self {
            BetreiberFeld::Name => "name",
            BetreiberFeld::Anschrift => "anschrift",
            BetreiberFeld::VertretenDurch => "vertreten_durch",
            BetreiberFeld::Email => "email",
            BetreiberFeld::Telefon => "telefon",
            BetreiberFeld::Aufsicht => "aufsicht",
            BetreiberFeld::Datenschutzbeauftragter => "datenschutzbeauftragter",
            BetreiberFeld::DatenschutzAufsicht => "datenschutz_aufsicht",
            BetreiberFeld::BarrierefreiheitKontakt => "barrierefreiheit_kontakt",
            BetreiberFeld::Durchsetzung => "durchsetzung",
            BetreiberFeld::PruefStand => "pruef_stand",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BetreiberFeld::Name => "Betreiber (Behörde oder Einrichtung)",
            BetreiberFeld::Anschrift => "Postanschrift",
            BetreiberFeld::VertretenDurch => "Vertreten durch",
            BetreiberFeld::Email => "E-Mail-Adresse des Betreibers",
            BetreiberFeld::Telefon => "Telefon des Betreibers",
            BetreiberFeld::Aufsicht => "Zuständige Aufsichtsbehörde",
            BetreiberFeld::Datenschutzbeauftragter => "Datenschutzbeauftragte Person (Kontakt)",
            BetreiberFeld::DatenschutzAufsicht => "Datenschutz-Aufsichtsbehörde",
            BetreiberFeld::BarrierefreiheitKontakt => "Kontakt für Rückmeldungen zur Barrierefreiheit",
            BetreiberFeld::Durchsetzung => "Durchsetzungsverfahren / Schlichtungsstelle",
            BetreiberFeld::PruefStand => "Stand der Prüfung der Barrierefreiheit (Datum, Methode)",
        }
    }

    /// Longest text allowed.
    pub fn max(self) -> usize {
        match self {
            BetreiberFeld::Anschrift | BetreiberFeld::Durchsetzung | BetreiberFeld::PruefStand => 1000,
            _ => 300,
        }
    }
}

/// The operator's details as stored: `None` where nobody has entered them yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Betreiber {
    pub name: Option<String>,
    pub anschrift: Option<String>,
    pub vertreten_durch: Option<String>,
    pub email: Option<String>,
    pub telefon: Option<String>,
    pub aufsicht: Option<String>,
    pub datenschutzbeauftragter: Option<String>,
    pub datenschutz_aufsicht: Option<String>,
    pub barrierefreiheit_kontakt: Option<String>,
    pub durchsetzung: Option<String>,
    pub pruef_stand: Option<String>,
    pub version: i64,
}

impl Betreiber {
    pub fn wert(&self, f: BetreiberFeld) -> Option<&str> {
        let w = match f {
            BetreiberFeld::Name => &self.name,
            BetreiberFeld::Anschrift => &self.anschrift,
            BetreiberFeld::VertretenDurch => &self.vertreten_durch,
            BetreiberFeld::Email => &self.email,
            BetreiberFeld::Telefon => &self.telefon,
            BetreiberFeld::Aufsicht => &self.aufsicht,
            BetreiberFeld::Datenschutzbeauftragter => &self.datenschutzbeauftragter,
            BetreiberFeld::DatenschutzAufsicht => &self.datenschutz_aufsicht,
            BetreiberFeld::BarrierefreiheitKontakt => &self.barrierefreiheit_kontakt,
            BetreiberFeld::Durchsetzung => &self.durchsetzung,
            BetreiberFeld::PruefStand => &self.pruef_stand,
        };
        w.as_deref().filter(|w| !w.trim().is_empty())
    }

    /// The fields a page needs that are still empty.
    pub fn fehlend(&self, art: Art) -> Vec<BetreiberFeld> {
        art.pflichtangaben().iter().copied().filter(|f| self.wert(*f).is_none()).collect()
    }
}

/// The operator's details as typed into the form (every field as text). One parameter struct
/// for the server function; its fields are the form's fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BetreiberEingabe {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub anschrift: String,
    #[serde(default)]
    pub vertreten_durch: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub telefon: String,
    #[serde(default)]
    pub aufsicht: String,
    #[serde(default)]
    pub datenschutzbeauftragter: String,
    #[serde(default)]
    pub datenschutz_aufsicht: String,
    #[serde(default)]
    pub barrierefreiheit_kontakt: String,
    #[serde(default)]
    pub durchsetzung: String,
    #[serde(default)]
    pub pruef_stand: String,
}

impl BetreiberEingabe {
    pub fn wert(&self, f: BetreiberFeld) -> &str {
        match f {
            BetreiberFeld::Name => &self.name,
            BetreiberFeld::Anschrift => &self.anschrift,
            BetreiberFeld::VertretenDurch => &self.vertreten_durch,
            BetreiberFeld::Email => &self.email,
            BetreiberFeld::Telefon => &self.telefon,
            BetreiberFeld::Aufsicht => &self.aufsicht,
            BetreiberFeld::Datenschutzbeauftragter => &self.datenschutzbeauftragter,
            BetreiberFeld::DatenschutzAufsicht => &self.datenschutz_aufsicht,
            BetreiberFeld::BarrierefreiheitKontakt => &self.barrierefreiheit_kontakt,
            BetreiberFeld::Durchsetzung => &self.durchsetzung,
            BetreiberFeld::PruefStand => &self.pruef_stand,
        }
    }

    /// Checks lengths; returns the details to store or the messages per field.
    pub fn pruefen(&self) -> Result<Vec<(BetreiberFeld, Option<String>)>, Vec<crate::error::Feldfehler>> {
        let mut fehler = Vec::new();
        let mut werte = Vec::new();
        for f in BetreiberFeld::ALLE {
            let w = self.wert(f).trim();
            if w.chars().count() > f.max() {
                fehler.push(crate::error::Feldfehler::neu(
                    f.code(),
                    format!("{}: höchstens {} Zeichen.", f.label(), f.max()),
                ));
            }
            werte.push((f, (!w.is_empty()).then(|| w.to_string())));
        }
        if fehler.is_empty() { Ok(werte) } else { Err(fehler) }
    }
}

/// A page as readers get it: the operator's details, what is missing, and the admins' text
/// rendered to HTML that passed the sanitiser on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rechtsseite {
    pub art: Art,
    pub betreiber: Betreiber,
    pub fehlend: Vec<BetreiberFeld>,
    /// The admins' own text (Markdown) and its version, for the edit form.
    pub markdown: String,
    pub version: i64,
    /// `markdown` as sanitised HTML.
    pub html: String,
}

/// Most characters of an admin's text on one page.
pub const MAX_MARKDOWN: usize = 50_000;
/// Most characters of a feedback message.
pub const MAX_RUECKMELDUNG: usize = 5_000;

/// A feedback message on accessibility, as admins read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Rueckmeldung {
    pub id: i64,
    pub zeit_ms: i64,
    pub seite: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub nachricht: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_fields_are_named_per_page() {
        let mut b = Betreiber::default();
        assert_eq!(b.fehlend(Art::Impressum).len(), 6);
        b.name = Some("Koordinierungsstelle".into());
        b.email = Some("   ".into());
        let f = b.fehlend(Art::Impressum);
        assert!(!f.contains(&BetreiberFeld::Name) && f.contains(&BetreiberFeld::Email));
    }

    #[test]
    fn input_is_limited_per_field() {
        let e = BetreiberEingabe { name: "x".repeat(301), ..Default::default() };
        let f = e.pruefen().unwrap_err();
        assert_eq!(f[0].feld, "name");
        let ok = BetreiberEingabe { name: " Stelle ".into(), ..Default::default() }.pruefen().unwrap();
        assert_eq!(ok[0], (BetreiberFeld::Name, Some("Stelle".into())));
        assert_eq!(ok[1], (BetreiberFeld::Anschrift, None));
    }
}
