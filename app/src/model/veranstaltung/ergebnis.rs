//! What came out of a workshop: the Umsetzungsprojekte of the roadmap and the online services
//! (published Steckbriefe of the Lösungsdatenbank) it produced, linked by the coordination and
//! shown on the workshop's page.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ErgebnisArt {
    Projekt,
    Loesung,
}

impl ErgebnisArt {
    pub const ALLE: [ErgebnisArt; 2] = [ErgebnisArt::Projekt, ErgebnisArt::Loesung];

    pub fn code(self) -> &'static str {
        match self {
            ErgebnisArt::Projekt => "projekt",
            ErgebnisArt::Loesung => "loesung",
        }
    }

    pub fn aus_code(c: &str) -> Option<ErgebnisArt> {
        Self::ALLE.into_iter().find(|a| a.code() == c)
    }

    /// As a heading of its group.
    pub fn mehrzahl(self) -> &'static str {
        match self {
            ErgebnisArt::Projekt => "Umsetzungsprojekte",
            ErgebnisArt::Loesung => "Online-Dienste (Steckbriefe)",
        }
    }

    pub fn pfad(self, id: i64) -> String {
        match self {
            ErgebnisArt::Projekt => crate::pfad::projekt(id),
            ErgebnisArt::Loesung => crate::pfad::loesung(id),
        }
    }

    /// The column of `veranstaltung_ergebnis` that holds this kind's id.
    pub fn spalte(self) -> &'static str {
        match self {
            ErgebnisArt::Projekt => "projekt_id",
            ErgebnisArt::Loesung => "onlinedienst_id",
        }
    }
}

/// One linked result, or a candidate the coordination may link.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Ergebnis {
    pub art: ErgebnisArt,
    pub id: i64,
    pub name: String,
}

/// The form value of a candidate: `projekt:7`.
impl Ergebnis {
    pub fn wert(&self) -> String {
        format!("{}:{}", self.art.code(), self.id)
    }

    /// Reads a form value back; `None` for anything else.
    pub fn aus_wert(w: &str) -> Option<(ErgebnisArt, i64)> {
        let (a, id) = w.split_once(':')?;
        Some((ErgebnisArt::aus_code(a)?, id.parse().ok().filter(|i: &i64| *i > 0)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_round_trip_and_refuse_the_rest() {
        let e = Ergebnis { art: ErgebnisArt::Loesung, id: 42, name: "Hundeanmeldung".into() };
        assert_eq!(Ergebnis::aus_wert(&e.wert()), Some((ErgebnisArt::Loesung, 42)));
        for boese in ["", "projekt", "projekt:", "projekt:-1", "projekt:0", "kommune:1", "projekt:1 OR 1=1", ":3"] {
            assert_eq!(Ergebnis::aus_wert(boese), None, "{boese}");
        }
    }
}
