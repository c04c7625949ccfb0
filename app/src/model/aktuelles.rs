//! Aktuelles: news items (Meldungen) of the coordination, general or for one Themenfeld, with a
//! first day and an optional last day. The text is Markdown; what reaches a page is the HTML the
//! sanitiser made of it ([`crate::markdown`]), never the raw input.

use crate::error::Feldfehler;
use crate::model::formular::Leser;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest title; longest text (a long news item is ~5,000 characters).
pub const MAX_TITEL: usize = 200;
pub const MAX_TEXT: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meldung {
    pub id: i64,
    pub titel: String,
    /// The Markdown text rendered through the sanitiser: safe to insert as HTML.
    pub html: String,
    /// (id, name, slug); `None` = general (themenübergreifend).
    pub themenfeld: Option<(i64, String, String)>,
    pub veroeffentlicht: NaiveDate,
    pub ablauf: Option<NaiveDate>,
    pub geaendert_ms: i64,
    pub version: i64,
    /// Where it stands on the day of the answer (the server's day: the browser's clock is not asked).
    pub stand: Stand,
}

/// Where a Meldung stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stand {
    /// Its first day is still to come: only the coordination sees it.
    Geplant,
    Aktuell,
    /// Past its last day: out of the lists and feeds; its page says so.
    Abgelaufen,
}

impl Stand {
    pub const ALLE: [Stand; 3] = [Stand::Geplant, Stand::Aktuell, Stand::Abgelaufen];

    pub fn code(self) -> &'static str {
        match self {
            Stand::Geplant => "geplant",
            Stand::Aktuell => "aktuell",
            Stand::Abgelaufen => "abgelaufen",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stand::Geplant => "geplant (noch nicht veröffentlicht)",
            Stand::Aktuell => "aktuell",
            Stand::Abgelaufen => "abgelaufen",
        }
    }
}

impl Meldung {
    pub fn stand_am(&self, heute: NaiveDate) -> Stand {
        if self.veroeffentlicht > heute {
            Stand::Geplant
        } else if self.ablauf.is_some_and(|a| a < heute) {
            Stand::Abgelaufen
        } else {
            Stand::Aktuell
        }
    }

    /// "Allgemein" or the Themenfeld's name.
    pub fn bereich(&self) -> String {
        self.themenfeld.as_ref().map(|t| t.1.clone()).unwrap_or_else(|| "Allgemein".into())
    }
}

/// One Meldung as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeldungSeite {
    pub meldung: Meldung,
    pub heute: NaiveDate,
    /// The caller may edit it (the page shows the link and, for planned items, why only they see it).
    pub verwalten: bool,
}

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeldungEingabe {
    pub titel: String,
    pub text: String,
    pub themenfeld: String,
    pub veroeffentlicht: String,
    pub ablauf: String,
}

/// A checked Meldung, ready to store (the Themenfeld's existence is checked by the store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeldungDaten {
    pub titel: String,
    pub text: String,
    pub themenfeld_id: Option<i64>,
    pub veroeffentlicht: NaiveDate,
    pub ablauf: Option<NaiveDate>,
}

fn tag(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

impl MeldungEingabe {
    /// A new item's form: published today.
    pub fn neu(heute: NaiveDate) -> Self {
        MeldungEingabe { veroeffentlicht: tag(heute), ..Default::default() }
    }

    /// The form of a stored item (its Markdown comes separately: pages never get it).
    pub fn von(m: &Meldung, markdown: String) -> Self {
        MeldungEingabe {
            titel: m.titel.clone(),
            text: markdown,
            themenfeld: m.themenfeld.as_ref().map(|t| t.0.to_string()).unwrap_or_default(),
            veroeffentlicht: tag(m.veroeffentlicht),
            ablauf: m.ablauf.map(tag).unwrap_or_default(),
        }
    }

    pub fn lesen(&self) -> Result<MeldungDaten, Vec<Feldfehler>> {
        let mut l = Leser::default();
        let titel = l.pflicht("titel", "Titel", &self.titel, MAX_TITEL);
        let text = l.pflicht("text", "Text", &self.text, MAX_TEXT);
        let themenfeld_id = l.auswahl("themenfeld", &self.themenfeld, "Unbekanntes Themenfeld gewählt.");
        let veroeffentlicht = l.tag("veroeffentlicht", "Veröffentlichen ab", &self.veroeffentlicht);
        if veroeffentlicht.is_none() && !l.0.iter().any(|f| f.feld == "veroeffentlicht") {
            l.fehler("veroeffentlicht", "Bitte den ersten Tag der Veröffentlichung angeben, z. B. 05.12.2026.");
        }
        let ablauf = l.tag("ablauf", "Sichtbar bis", &self.ablauf);
        if let (Some(v), Some(a)) = (veroeffentlicht, ablauf)
            && a < v
        {
            l.fehler("ablauf", "„Sichtbar bis“ liegt vor dem ersten Tag der Veröffentlichung.");
        }
        let daten =
            MeldungDaten { titel, text, themenfeld_id, veroeffentlicht: veroeffentlicht.unwrap_or_default(), ablauf };
        l.ergebnis(daten)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn meldung(von: &str, bis: Option<&str>) -> Meldung {
        Meldung {
            id: 1,
            titel: "t".into(),
            html: String::new(),
            themenfeld: None,
            veroeffentlicht: d(von),
            ablauf: bis.map(d),
            geaendert_ms: 0,
            version: 1,
            stand: Stand::Aktuell,
        }
    }

    #[test]
    fn the_first_and_the_last_day_count() {
        let heute = d("2026-12-05");
        assert_eq!(meldung("2026-12-06", None).stand_am(heute), Stand::Geplant);
        assert_eq!(meldung("2026-12-05", Some("2026-12-05")).stand_am(heute), Stand::Aktuell);
        assert_eq!(meldung("2026-12-01", Some("2026-12-04")).stand_am(heute), Stand::Abgelaufen);
        assert_eq!(meldung("2019-01-01", None).stand_am(heute), Stand::Aktuell);
    }

    #[test]
    fn every_bad_field_gets_its_message() {
        let e = MeldungEingabe {
            titel: " ".into(),
            text: "x".repeat(MAX_TEXT + 1),
            themenfeld: "Bildung".into(),
            veroeffentlicht: "".into(),
            ablauf: "31.02.2026".into(),
        };
        let felder: Vec<String> = e.lesen().unwrap_err().into_iter().map(|f| f.feld).collect();
        assert_eq!(felder, vec!["titel", "text", "themenfeld", "veroeffentlicht", "ablauf"]);
        let rueckwaerts = MeldungEingabe {
            titel: "Neu".into(),
            text: "**Text**".into(),
            veroeffentlicht: "10.12.2026".into(),
            ablauf: "2026-12-09".into(),
            ..Default::default()
        };
        assert_eq!(rueckwaerts.lesen().unwrap_err()[0].feld, "ablauf");
        let gut = MeldungEingabe { ablauf: "31.12.2026".into(), ..rueckwaerts };
        let daten = gut.lesen().unwrap();
        assert_eq!((daten.veroeffentlicht, daten.ablauf), (d("2026-12-10"), Some(d("2026-12-31"))));
    }
}
