//! The event form as it arrives (all text, as typed) and what it becomes once checked. The
//! checks that need the database (Themenfeld, Kommune exist) run in the store; these run
//! anywhere, so the browser and the server say the same.

use super::{Anmeldung, Art, Termin};
use crate::error::Feldfehler;
use crate::model::formular::{Leser, leer};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest title, place, hint; description and agenda.
pub const MAX_KURZ: usize = 200;
pub const MAX_LANG: usize = 5000;
/// More seats than any room or video conference of the coordination holds.
pub const MAX_PLAETZE: i64 = 10_000;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VeranstaltungEingabe {
    pub art: String,
    pub titel: String,
    pub termin: String,
    pub termin_hinweis: String,
    pub themenfeld: String,
    pub ort: String,
    pub kommune_ags: String,
    pub online_url: String,
    pub anmeldung_extern: String,
    pub anmeldung: String,
    pub plaetze: String,
    pub abmeldeschluss: String,
    pub beschreibung: String,
    pub agenda: String,
    /// Checkbox: present ("on") when ticked.
    pub abgesagt: Option<String>,
}

/// A checked event, ready to store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VeranstaltungDaten {
    pub art: Art,
    pub titel: String,
    pub termin: Termin,
    pub termin_hinweis: Option<String>,
    pub themenfeld_id: Option<i64>,
    pub ort: Option<String>,
    pub kommune_ags: Option<String>,
    pub online_url: Option<String>,
    pub anmeldung_extern: Option<String>,
    pub anmeldung: Anmeldung,
    pub plaetze: Option<i64>,
    pub abmeldeschluss: Option<NaiveDate>,
    pub beschreibung: Option<String>,
    pub agenda: Option<String>,
    pub abgesagt: bool,
}

impl VeranstaltungEingabe {
    /// The form values of a stored event (the online link comes separately: only the
    /// coordination's edit form gets it).
    pub fn von(v: &super::Veranstaltung, online_url: Option<String>) -> Self {
        VeranstaltungEingabe {
            art: v.art.code().into(),
            titel: v.titel.clone(),
            termin: v.termin.eingabe(),
            termin_hinweis: v.termin_hinweis.clone().unwrap_or_default(),
            themenfeld: v.themenfeld.as_ref().map(|t| t.0.to_string()).unwrap_or_default(),
            ort: v.ort.clone().unwrap_or_default(),
            kommune_ags: v.kommune.as_ref().map(|k| k.0.clone()).unwrap_or_default(),
            online_url: online_url.unwrap_or_default(),
            anmeldung_extern: v.anmeldung_extern.clone().unwrap_or_default(),
            anmeldung: v.anmeldung.code().into(),
            plaetze: v.plaetze.map(|p| p.to_string()).unwrap_or_default(),
            abmeldeschluss: v.abmeldeschluss.map(|d| d.format("%d.%m.%Y").to_string()).unwrap_or_default(),
            beschreibung: v.beschreibung.clone().unwrap_or_default(),
            agenda: v.agenda.join("\n"),
            abgesagt: v.abgesagt.then(|| "on".into()),
        }
    }

    /// The checked event, or every message at its field at once.
    pub fn lesen(&self) -> Result<VeranstaltungDaten, Vec<Feldfehler>> {
        let mut l = Leser::default();
        let art = Art::aus_code(self.art.trim());
        if art.is_none() {
            l.fehler("art", "Bitte die Art der Veranstaltung wählen.");
        }
        let titel = l.text("titel", "Titel", &self.titel, MAX_KURZ);
        if titel.is_none() {
            l.fehler("titel", "Bitte einen Titel angeben.");
        }
        let termin = Termin::lesen(&self.termin).map_err(|m| l.fehler("termin", m)).ok();
        let themenfeld_id = l.auswahl("themenfeld", &self.themenfeld, "Unbekanntes Themenfeld gewählt.");
        let kommune_ags = leer(&self.kommune_ags);
        if kommune_ags.as_ref().is_some_and(|a| a.len() != 8 || !a.bytes().all(|b| b.is_ascii_digit())) {
            l.fehler("kommune_ags", "Der Gemeindeschlüssel hat 8 Ziffern, z. B. 05158024 für Mettmann.");
        }
        let anmeldung = Anmeldung::aus_code(self.anmeldung.trim()).unwrap_or(Anmeldung::Keine);
        let plaetze = match leer(&self.plaetze) {
            None => None,
            Some(p) => match p.parse::<i64>() {
                Ok(n) if (1..=MAX_PLAETZE).contains(&n) => Some(n),
                _ => {
                    l.fehler(
                        "plaetze",
                        format!("Plätze: eine ganze Zahl von 1 bis {MAX_PLAETZE}, leer für unbegrenzt."),
                    );
                    None
                }
            },
        };
        let abmeldeschluss = l.tag("abmeldeschluss", "Abmeldeschluss", &self.abmeldeschluss);
        if let (Some(s), Some(t)) = (abmeldeschluss, termin)
            && s > t.bis()
        {
            l.fehler("abmeldeschluss", "Der Abmeldeschluss liegt nach der Veranstaltung.");
        }
        let daten = VeranstaltungDaten {
            art: art.unwrap_or(Art::Info),
            titel: titel.unwrap_or_default(),
            termin_hinweis: l.text("termin_hinweis", "Hinweis zum Termin", &self.termin_hinweis, MAX_KURZ),
            themenfeld_id,
            ort: l.text("ort", "Ort", &self.ort, MAX_KURZ),
            kommune_ags,
            online_url: l.adresse("online_url", &self.online_url),
            anmeldung_extern: l.adresse("anmeldung_extern", &self.anmeldung_extern),
            anmeldung,
            plaetze,
            abmeldeschluss,
            beschreibung: l.text("beschreibung", "Beschreibung", &self.beschreibung, MAX_LANG),
            agenda: l.text("agenda", "Agenda", &self.agenda, MAX_LANG),
            abgesagt: self.abgesagt.is_some(),
            termin: termin.unwrap_or(Termin::Quartal { jahr: 2020, quartal: 1 }),
        };
        l.ergebnis(daten)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gut() -> VeranstaltungEingabe {
        VeranstaltungEingabe {
            art: "workshop".into(),
            titel: "Themenfeld-Workshop Bildung".into(),
            termin: "Q4 2019".into(),
            anmeldung: "offen".into(),
            plaetze: "30".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_is_read() {
        let d = gut().lesen().unwrap();
        assert_eq!(d.art, Art::Workshop);
        assert_eq!(d.termin, Termin::Quartal { jahr: 2019, quartal: 4 });
        assert_eq!((d.anmeldung, d.plaetze, d.abgesagt), (Anmeldung::Offen, Some(30), false));
    }

    #[test]
    fn every_bad_field_gets_its_message() {
        let e = VeranstaltungEingabe {
            art: "party".into(),
            titel: "x".repeat(201),
            termin: "bald".into(),
            themenfeld: "Bildung".into(),
            kommune_ags: "0515802".into(),
            online_url: "javascript:alert(1)".into(),
            anmeldung_extern: "www.kdn.de".into(),
            plaetze: "0".into(),
            abmeldeschluss: "31.02.2019".into(),
            beschreibung: "y".repeat(MAX_LANG + 1),
            ..Default::default()
        };
        let felder: Vec<String> = e.lesen().unwrap_err().into_iter().map(|f| f.feld).collect();
        for f in [
            "art",
            "titel",
            "termin",
            "themenfeld",
            "kommune_ags",
            "online_url",
            "anmeldung_extern",
            "plaetze",
            "abmeldeschluss",
            "beschreibung",
        ] {
            assert!(felder.iter().any(|x| x == f), "{f} fehlt in {felder:?}");
        }
        let mut spaet = gut();
        spaet.abmeldeschluss = "01.01.2020".into();
        assert_eq!(spaet.lesen().unwrap_err()[0].feld, "abmeldeschluss");
        for plaetze in ["-1", "1e9", "99999999999999999999", "10001"] {
            let mut p = gut();
            p.plaetze = plaetze.into();
            assert_eq!(p.lesen().unwrap_err()[0].feld, "plaetze", "{plaetze}");
        }
    }
}
