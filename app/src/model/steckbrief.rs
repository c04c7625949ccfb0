//! Steckbrief "OZG-Dienst zur Übertragung" (seed slide "Stufe 3"): a Kommune or the coordination
//! describes an online service so others can reuse it. Coordinators review it; publishing puts
//! the service into the Lösungsdatenbank.

use crate::error::Feldfehler;
use crate::model::ids::{LeikaKey, WebAdresse};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SteckbriefStatus {
    Eingereicht,
    Veroeffentlicht,
    Zurueckgewiesen,
}

impl SteckbriefStatus {
    pub fn code(self) -> &'static str {
        match self {
            SteckbriefStatus::Eingereicht => "eingereicht",
            SteckbriefStatus::Veroeffentlicht => "veroeffentlicht",
            SteckbriefStatus::Zurueckgewiesen => "zurueckgewiesen",
        }
    }
    pub fn aus_code(c: &str) -> Option<Self> {
        [SteckbriefStatus::Eingereicht, SteckbriefStatus::Veroeffentlicht, SteckbriefStatus::Zurueckgewiesen]
            .into_iter()
            .find(|s| s.code() == c)
    }
    /// In review or returned: the submitter may still revise it; published ones are maintained
    /// in the Lösungsdatenbank.
    pub fn ueberarbeitbar(self) -> bool {
        self != SteckbriefStatus::Veroeffentlicht
    }
    pub fn label(self) -> &'static str {
        match self {
            SteckbriefStatus::Eingereicht => "eingereicht, in Prüfung",
            SteckbriefStatus::Veroeffentlicht => "veröffentlicht",
            SteckbriefStatus::Zurueckgewiesen => "zurückgegeben",
        }
    }
}

impl TryFrom<String> for SteckbriefStatus {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        SteckbriefStatus::aus_code(&s).ok_or(s)
    }
}

/// How evidence reaches the authority.
pub const NACHWEISE: [(&str, &str); 2] = [
    ("elektronisch", "Beantragung einschließlich aller Nachweise elektronisch"),
    ("papier", "Nachweise werden ggf. in Papierform eingereicht"),
];

pub fn nachweise_label(code: &str) -> &str {
    NACHWEISE.iter().find(|(c, _)| *c == code).map_or(code, |(_, l)| l)
}

/// The form as typed: every field as text, so a refused form can be shown again unchanged.
/// A field the form leaves out counts as empty (`steckbrief_einreichen` takes it flattened).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SteckbriefEingabe {
    pub organisation: String,
    pub dienst_name: String,
    pub url: String,
    /// LeiKa keys separated by commas, semicolons, spaces or line breaks.
    pub leika: String,
    pub dms: String,
    pub nachweise: String,
    /// "ja", "nein" or empty.
    pub once_only: String,
    pub bezahlung: String,
    pub authentifizierung: String,
    pub kontakt: String,
}

/// A checked Steckbrief; its keys are well-formed (whether the catalog has them is the
/// store's check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SteckbriefDaten {
    pub organisation: String,
    pub dienst_name: String,
    pub url: WebAdresse,
    pub leika: Vec<LeikaKey>,
    pub dms: Option<String>,
    pub nachweise: Option<String>,
    pub once_only: Option<bool>,
    pub bezahlung: Option<String>,
    pub authentifizierung: Option<String>,
    pub kontakt: Option<String>,
}

/// The form's field names, for the completeness indicator.
pub const FELDNAMEN: [&str; 10] = [
    "organisation",
    "dienst_name",
    "url",
    "leika",
    "dms",
    "nachweise",
    "once_only",
    "bezahlung",
    "authentifizierung",
    "kontakt",
];
#[allow(clippy::cast_possible_wrap, reason = "a constant 10, checked at compile time")]
pub const FELDER: i64 = FELDNAMEN.len() as i64;
pub const MAX_SCHLUESSEL: usize = 100;

/// Splits the key field; returns the well-formed keys (deduplicated, in order) and the others.
pub fn schluessel_lesen(text: &str) -> (Vec<LeikaKey>, Vec<String>) {
    let mut gut: Vec<LeikaKey> = Vec::new();
    let mut schlecht = Vec::new();
    for teil in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()).filter(|t| !t.is_empty()) {
        match LeikaKey::parse(teil) {
            Ok(k) if !gut.contains(&k) => gut.push(k),
            Ok(_) => {}
            Err(_) => schlecht.push(teil.chars().take(40).collect()),
        }
    }
    (gut, schlecht)
}

fn feld(
    wert: &str,
    name: &str,
    label: &str,
    max: usize,
    pflicht: bool,
    fehler: &mut Vec<Feldfehler>,
) -> Option<String> {
    let t = wert.trim();
    if t.is_empty() {
        if pflicht {
            fehler.push(Feldfehler::neu(name, format!("Bitte geben Sie {label} an.")));
        }
        return None;
    }
    if t.chars().count() > max {
        fehler.push(Feldfehler::neu(name, format!("Höchstens {max} Zeichen.")));
    }
    Some(t.to_string())
}

/// "Schlüssel „1234“, „abc“ sind keine 14-stelligen LeiKa-Schlüssel." and the like.
pub fn schluessel_meldung(liste: &[String], grund: &str) -> String {
    let genannt: Vec<String> = liste.iter().take(10).map(|s| format!("„{}“", crate::model::text::zitat(s))).collect();
    let mehr = if liste.len() > 10 { format!(" und {} weitere", liste.len() - 10) } else { String::new() };
    if liste.len() == 1 {
        format!("Der Schlüssel {}{mehr} {grund}.", genannt.join(", "))
    } else {
        format!("Die Schlüssel {}{mehr} {grund}.", genannt.join(", ")).replace(" ist ", " sind ")
    }
}

impl SteckbriefEingabe {
    /// The stored Steckbrief as the form shows it, for a revision.
    pub fn aus(s: &Steckbrief) -> Self {
        SteckbriefEingabe {
            organisation: s.organisation.clone(),
            dienst_name: s.dienst_name.clone(),
            url: s.url.clone(),
            leika: s.leika.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(", "),
            dms: s.dms.clone().unwrap_or_default(),
            nachweise: s.nachweise.clone().unwrap_or_default(),
            once_only: crate::model::text::ja_nein(s.once_only).unwrap_or_default(),
            bezahlung: s.bezahlung.clone().unwrap_or_default(),
            authentifizierung: s.authentifizierung.clone().unwrap_or_default(),
            kontakt: s.kontakt.clone().unwrap_or_default(),
        }
    }

    /// Filled fields of [`FELDER`].
    pub fn ausgefuellt(&self) -> i64 {
        let n = [
            &self.organisation,
            &self.dienst_name,
            &self.url,
            &self.leika,
            &self.dms,
            &self.nachweise,
            &self.once_only,
            &self.bezahlung,
            &self.authentifizierung,
            &self.kontakt,
        ]
        .iter()
        .filter(|v| !v.trim().is_empty())
        .count();
        crate::model::anzahl(n)
    }

    /// Checks form and lengths; every problem is reported at its field.
    pub fn pruefen(&self) -> Result<SteckbriefDaten, Vec<Feldfehler>> {
        let mut f = Vec::new();
        let organisation =
            feld(&self.organisation, "organisation", "Ihren Namen oder Ihre Organisation", 200, true, &mut f);
        let dienst_name = feld(&self.dienst_name, "dienst_name", "den Namen des Online-Dienstes", 200, true, &mut f);
        let url = match self.url.trim() {
            "" => {
                f.push(Feldfehler::neu("url", "Bitte geben Sie die Adresse an, unter der der Dienst aufrufbar ist."));
                None
            }
            u => WebAdresse::parse(u).map_err(|e| f.push(Feldfehler::neu("url", e.to_string()))).ok(),
        };
        let (leika, schlecht) = schluessel_lesen(&self.leika);
        if !schlecht.is_empty() {
            f.push(Feldfehler::neu("leika", schluessel_meldung(&schlecht, "ist kein 14-stelliger LeiKa-Schlüssel")));
        } else if leika.is_empty() {
            f.push(Feldfehler::neu("leika", "Bitte geben Sie mindestens einen LeiKa-Schlüssel an (14 Ziffern)."));
        } else if leika.len() > MAX_SCHLUESSEL {
            f.push(Feldfehler::neu("leika", format!("Höchstens {MAX_SCHLUESSEL} LeiKa-Schlüssel je Steckbrief.")));
        }
        let dms = feld(&self.dms, "dms", "", 300, false, &mut f);
        let nachweise = match self.nachweise.trim() {
            "" => None,
            c if NACHWEISE.iter().any(|(n, _)| *n == c) => Some(c.to_string()),
            _ => {
                f.push(Feldfehler::neu("nachweise", "Bitte wählen Sie eine der angebotenen Antworten."));
                None
            }
        };
        let once_only = match self.once_only.trim() {
            "" => None,
            "ja" => Some(true),
            "nein" => Some(false),
            _ => {
                f.push(Feldfehler::neu("once_only", "Bitte wählen Sie „ja“ oder „nein“."));
                None
            }
        };
        let bezahlung = feld(&self.bezahlung, "bezahlung", "", 200, false, &mut f);
        let authentifizierung = feld(&self.authentifizierung, "authentifizierung", "", 200, false, &mut f);
        let kontakt = feld(&self.kontakt, "kontakt", "", 300, false, &mut f);
        match (organisation, dienst_name, url) {
            (Some(organisation), Some(dienst_name), Some(url)) if f.is_empty() => Ok(SteckbriefDaten {
                organisation,
                dienst_name,
                url,
                leika,
                dms,
                nachweise,
                once_only,
                bezahlung,
                authentifizierung,
                kontakt,
            }),
            _ => Err(f),
        }
    }
}

/// A Steckbrief as listed and shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Steckbrief {
    pub id: i64,
    pub organisation: String,
    pub dienst_name: String,
    pub url: String,
    pub dms: Option<String>,
    pub nachweise: Option<String>,
    pub once_only: Option<bool>,
    pub bezahlung: Option<String>,
    pub authentifizierung: Option<String>,
    pub kontakt: Option<String>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub status: SteckbriefStatus,
    pub kommune_ags: Option<String>,
    pub kommune: Option<String>,
    pub eingereicht_von: Option<i64>,
    pub einreicher: Option<String>,
    pub eingereicht_ms: i64,
    pub pruefer: Option<String>,
    pub geprueft_ms: Option<i64>,
    pub pruef_kommentar: Option<String>,
    pub onlinedienst_id: Option<i64>,
    pub version: i64,
    /// Keys with their catalog names (filled by a second query).
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub leika: Vec<(String, String)>,
}

impl Steckbrief {
    /// Filled fields of [`FELDER`].
    pub fn ausgefuellt(&self) -> i64 {
        let opt = [&self.dms, &self.nachweise, &self.bezahlung, &self.authentifizierung, &self.kontakt]
            .iter()
            .filter(|v| v.is_some())
            .count();
        let opt = crate::model::anzahl(opt);
        3 + i64::from(!self.leika.is_empty()) + opt + i64::from(self.once_only.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gueltig() -> SteckbriefEingabe {
        SteckbriefEingabe {
            organisation: "Stadt Ahaus".into(),
            dienst_name: "Hundesteuer online".into(),
            url: "https://www.ahaus.de/hund".into(),
            leika: "99110009104000".into(),
            ..Default::default()
        }
    }

    #[test]
    fn keys_are_split_deduplicated_and_wrong_ones_named() {
        let (gut, schlecht) = schluessel_lesen("99110009104000, 99110009104000;\n1234 abc 99012001000000");
        assert_eq!(gut.len(), 2);
        assert_eq!(schlecht, vec!["1234".to_string(), "abc".to_string()]);
        let mut e = gueltig();
        e.leika = "99110009104000, 9911000910400".into();
        let f = e.pruefen().unwrap_err();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].feld, "leika");
        assert!(f[0].meldung.contains("„9911000910400“"), "{}", f[0].meldung);
    }

    #[test]
    fn required_fields_and_choices() {
        let f = SteckbriefEingabe::default().pruefen().unwrap_err();
        let felder: Vec<&str> = f.iter().map(|f| f.feld.as_str()).collect();
        assert_eq!(felder, ["organisation", "dienst_name", "url", "leika"]);
        let mut e = gueltig();
        e.nachweise = "fax".into();
        e.once_only = "vielleicht".into();
        e.url = "www.ahaus.de".into();
        let felder: Vec<String> = e.pruefen().unwrap_err().into_iter().map(|f| f.feld).collect();
        assert_eq!(felder, ["url", "nachweise", "once_only"]);
        let d = gueltig().pruefen().unwrap();
        assert_eq!(d.leika[0].as_str(), "99110009104000");
        assert_eq!(d.once_only, None);
    }

    #[test]
    fn completeness_counts_filled_fields() {
        assert_eq!(SteckbriefEingabe::default().ausgefuellt(), 0);
        let mut e = gueltig();
        assert_eq!(e.ausgefuellt(), 4);
        e.once_only = "nein".into();
        e.kontakt = "  ".into();
        assert_eq!(e.ausgefuellt(), 5);
    }

    #[test]
    fn key_message_in_singular_and_plural() {
        assert_eq!(
            schluessel_meldung(&["1".into()], "ist nicht im LeiKa-Katalog"),
            "Der Schlüssel „1“ ist nicht im LeiKa-Katalog."
        );
        assert_eq!(
            schluessel_meldung(&["1".into(), "2".into()], "ist nicht im LeiKa-Katalog"),
            "Die Schlüssel „1“, „2“ sind nicht im LeiKa-Katalog."
        );
    }
}
