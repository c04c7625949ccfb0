//! Reading a form as typed: every field's message collected at once, so the page shows them all
//! at their fields. Shared by the forms of Veranstaltungen, Meldungen and Dokumente; runs in the
//! browser and on the server alike.

use crate::error::Feldfehler;
use crate::model::ids::WebAdresse;
use chrono::NaiveDate;

/// The trimmed text, or `None` when nothing was typed.
pub fn leer(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Collects the messages of one form.
#[derive(Default)]
pub struct Leser(pub Vec<Feldfehler>);

impl Leser {
    /// An optional text of at most `max` characters.
    pub fn text(&mut self, feld: &str, label: &str, wert: &str, max: usize) -> Option<String> {
        let t = leer(wert);
        if t.as_ref().is_some_and(|t| t.chars().count() > max) {
            self.fehler(feld, format!("{label}: höchstens {max} Zeichen."));
        }
        t
    }

    /// A required text of at most `max` characters.
    pub fn pflicht(&mut self, feld: &str, label: &str, wert: &str, max: usize) -> String {
        let t = self.text(feld, label, wert, max);
        if t.is_none() {
            self.fehler(feld, format!("Bitte „{label}“ angeben."));
        }
        t.unwrap_or_default()
    }

    /// An optional http(s) address.
    pub fn adresse(&mut self, feld: &str, wert: &str) -> Option<String> {
        let t = leer(wert)?;
        match WebAdresse::parse(&t) {
            Ok(w) => Some(w.as_str().to_string()),
            Err(e) => {
                self.fehler(feld, e.to_string());
                None
            }
        }
    }

    /// An optional day as 30.11.2019 or 2019-11-30.
    pub fn tag(&mut self, feld: &str, label: &str, wert: &str) -> Option<NaiveDate> {
        let d = leer(wert)?;
        NaiveDate::parse_from_str(&d, "%d.%m.%Y")
            .or_else(|_| NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
            .map_err(|_| self.fehler(feld, format!("{label}: ein Tag wie 30.11.2019.")))
            .ok()
    }

    /// An optional id of a choice list (the server checks that it exists).
    pub fn auswahl(&mut self, feld: &str, wert: &str, meldung: &str) -> Option<i64> {
        leer(wert)?.parse::<i64>().map_err(|_| self.fehler(feld, meldung)).ok()
    }

    pub fn fehler(&mut self, feld: &str, meldung: impl ToString) {
        self.0.push(Feldfehler::neu(feld, meldung));
    }

    /// The value when no field had a message, else every message.
    pub fn ergebnis<T>(self, wert: T) -> Result<T, Vec<Feldfehler>> {
        if self.0.is_empty() { Ok(wert) } else { Err(self.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reader_names_its_field() {
        let mut l = Leser::default();
        assert_eq!(l.text("a", "A", "  x  ", 5), Some("x".into()));
        assert_eq!(l.text("b", "B", "123456", 5), Some("123456".into()));
        assert_eq!(l.pflicht("c", "Titel", "   ", 5), "");
        assert_eq!(l.adresse("d", "javascript:alert(1)"), None);
        assert_eq!(l.tag("e", "Stand", "31.02.2019"), None);
        assert_eq!(l.tag("f", "Stand", "2019-03-11"), NaiveDate::from_ymd_opt(2019, 3, 11));
        assert_eq!(l.auswahl("g", "Bildung", "Unbekannt"), None);
        let felder: Vec<&str> = l.0.iter().map(|f| f.feld.as_str()).collect();
        assert_eq!(felder, vec!["b", "c", "d", "e", "g"]);
        assert!(l.0[1].meldung.contains("„Titel“"), "{:?}", l.0[1]);
    }
}
