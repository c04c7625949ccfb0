//! OZG catalog: Themenfelder, Lebenslagen, OZG-Leistungen, LeiKa-Leistungen, Digitalisierungslabore.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Themenfeld {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub koordination: Option<String>,
    pub quelle: String,
    /// Raised by every save; a save based on an older version is refused.
    pub version: i64,
}

/// A Themenfeld with its measures, as shown on the map and the start page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ThemenfeldKennzahlen {
    pub id: i64,
    pub name: String,
    pub slug: String,
    pub leistungen: i64,
    pub leika: i64,
    pub lebenslagen: i64,
    /// OZG-Leistungen of the field with an online service (through its LeiKa keys).
    pub mit_dienst: i64,
}

impl ThemenfeldKennzahlen {
    /// Share of the field's OZG-Leistungen with an online service, whole percent.
    pub fn anteil_online(&self) -> i64 {
        if self.leistungen == 0 { 0 } else { (self.mit_dienst * 100 + self.leistungen / 2) / self.leistungen }
    }
}

/// Zuständigkeit (executing level). Several may apply to one Leistung.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ebene {
    Bund,
    Land,
    Kommunal,
}

impl Ebene {
    pub const ALLE: [Ebene; 3] = [Ebene::Bund, Ebene::Land, Ebene::Kommunal];
    pub fn code(self) -> &'static str {
        match self {
            Ebene::Bund => "bund",
            Ebene::Land => "land",
            Ebene::Kommunal => "kommunal",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Ebene::Bund => "Bund",
            Ebene::Land => "Land",
            Ebene::Kommunal => "Kommunal",
        }
    }
    pub fn parse(s: &str) -> Option<Ebene> {
        Ebene::ALLE.into_iter().find(|e| e.label().eq_ignore_ascii_case(s.trim()) || e.code() == s.trim())
    }
    /// Stored form of a set of levels: `;land;kommunal;` (so a level is found with LIKE '%;land;%').
    pub fn speicherform(ebenen: &[Ebene]) -> Option<String> {
        if ebenen.is_empty() {
            return None;
        }
        let codes: Vec<&str> = Ebene::ALLE.into_iter().filter(|e| ebenen.contains(e)).map(Ebene::code).collect();
        Some(format!(";{};", codes.join(";")))
    }
    pub fn aus_speicherform(s: Option<&str>) -> Vec<Ebene> {
        let Some(s) = s else { return vec![] };
        Ebene::ALLE.into_iter().filter(|e| s.contains(&format!(";{};", e.code()))).collect()
    }
}

pub fn prioritaet_label(p: i64) -> &'static str {
    match p {
        1 => "1 – höchste Umsetzungspriorität",
        2 => "2 – hohe Umsetzungspriorität",
        3 => "3 – niedrige Umsetzungspriorität",
        _ => "unbekannt",
    }
}

/// Row of the OZG-Leistungen catalog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LeistungZeile {
    pub ozg_id: i64,
    pub name: String,
    pub themenfeld_id: i64,
    pub themenfeld: String,
    pub themenfeld_slug: String,
    pub lebenslage: String,
    pub zustaendigkeit: Option<String>,
    pub prioritaet: Option<i64>,
    pub efa: Option<bool>,
    pub leika_anzahl: i64,
    /// Zuständigkeit je Größenklasse as kept (see [`crate::model::zustaendigkeit`]); None = not kept.
    pub groessenklassen: Option<String>,
}

impl LeistungZeile {
    pub fn ebenen(&self) -> Vec<Ebene> {
        Ebene::aus_speicherform(self.zustaendigkeit.as_deref())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LeistungDetail {
    pub ozg_id: i64,
    pub name: String,
    pub themenfeld_id: i64,
    pub themenfeld: String,
    pub themenfeld_slug: String,
    pub lebenslage: String,
    pub zustaendigkeit: Option<String>,
    pub prioritaet: Option<i64>,
    pub efa: Option<bool>,
    pub efa_hinweis: Option<String>,
    pub online_dienst_nrw: Option<bool>,
    pub weitere_aktivitaeten: Option<String>,
    pub attribute_quelle: Option<String>,
    /// Zuständigkeit je Größenklasse as kept; None = not kept.
    pub groessenklassen: Option<String>,
    pub groessenklassen_quelle: Option<String>,
    /// The general rule's answer ("ja"/"nein"), which applies while nothing is kept.
    pub regel: String,
}

/// Row of the LeiKa catalog. Rows without a valid key or without an OZG-ID are kept and flagged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LeikaZeile {
    pub id: i64,
    pub schluessel: Option<String>,
    pub schluessel_roh: String,
    pub name: String,
    pub typisierung: Option<String>,
    pub ozg_id: Option<i64>,
    pub ozg_name: Option<String>,
    pub themenfeld: Option<String>,
    pub rechtsgrundlage: Option<String>,
}

impl LeikaZeile {
    pub fn hinweise(&self) -> Vec<&'static str> {
        let mut h = vec![];
        if self.schluessel.is_none() {
            h.push("kein gültiger LeiKa-Schlüssel");
        }
        if self.ozg_id.is_none() {
            h.push("keiner OZG-Leistung zugeordnet");
        }
        h
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Labor {
    pub id: i64,
    pub themenfeld_id: i64,
    pub ozg_id: Option<i64>,
    pub titel: String,
    pub status: String,
    pub hinweis: Option<String>,
    pub quelle: String,
    pub version: i64,
}

/// The states a Digitalisierungslabor can be in; the slides use the first four.
pub const LABOR_STATUS: [&str; 5] = ["genannt", "Kandidat", "geplant", "läuft", "abgeschlossen"];

/// A Lebenslage with its Themenfeld and the number of its OZG-Leistungen (the open API's list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LebenslageZeile {
    pub id: i64,
    pub name: String,
    pub themenfeld_id: i64,
    pub themenfeld: String,
    pub leistungen: i64,
}

/// One Lebenslage of a Themenfeld with its Leistungen, for the Themenfeld page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LebenslageMitLeistungen {
    pub name: String,
    pub leistungen: Vec<LeistungZeile>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThemenfeldSeite {
    pub themenfeld: Themenfeld,
    pub lebenslagen: Vec<LebenslageMitLeistungen>,
    pub labore: Vec<Labor>,
    pub leika_gesamt: i64,
    /// Contact data of the coordinator: only for logged-in users, `None` for the public.
    pub kontakt: Option<crate::model::kommune::Ansprechperson>,
    /// Online services covering a Leistung of the field (through their LeiKa keys).
    pub onlinedienste: i64,
    /// Published Steckbriefe of the field: (online service id, service name, organisation).
    pub steckbriefe: Vec<(i64, String, String)>,
    /// Submitted Steckbriefe still in review, only those the reader may see (the coordination
    /// all, Kommune staff their Kommune's; none for the public): (Steckbrief id, name, organisation).
    pub in_pruefung: Vec<(i64, String, String)>,
    /// The field's Veranstaltungen (workshops and others), in date order.
    pub veranstaltungen: Vec<crate::model::veranstaltung::Veranstaltung>,
    /// The server's date: which of them are past.
    pub heute: chrono::NaiveDate,
}

/// The rule behind "für Kommunen relevant", as the pages state it.
pub const RELEVANZ_REGEL: &str = "Für Kommunen relevant ist eine OZG-Leistung, wenn die erfasste Zuständigkeit die kommunale \
     Ebene nennt oder – wo keine erfasst ist – mindestens eine ihrer LeiKa-Leistungen einen Typ hat, bei dem der Vollzug bei \
     den Kommunen liegen kann (Typ 2, 3, 2/3, 4, 5; nicht Typ 1: Regelung und Vollzug beim Bund). Zuständigkeiten je \
     Größenklasse nennen die Quellen nicht; wo die Koordination sie je Leistung gepflegt hat, gilt ihre Angabe, sonst die \
     Regel für alle Größenklassen gleich.";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeistungSeite {
    pub leistung: LeistungDetail,
    pub leika: Vec<LeikaZeile>,
    pub labore: Vec<Labor>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ebenen_roundtrip_through_storage() {
        let s = Ebene::speicherform(&[Ebene::Kommunal, Ebene::Land]).unwrap();
        assert_eq!(s, ";land;kommunal;");
        assert_eq!(Ebene::aus_speicherform(Some(&s)), vec![Ebene::Land, Ebene::Kommunal]);
        assert_eq!(Ebene::speicherform(&[]), None);
        assert_eq!(Ebene::parse("Kommunal"), Some(Ebene::Kommunal));
        assert_eq!(Ebene::parse("Kreis"), None);
    }
}
