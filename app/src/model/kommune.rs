//! Gemeinden and Kreise of NRW with their Größenklasse.

use serde::{Deserialize, Serialize};

/// NRW size class of a Gemeinde (decides which tasks it executes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Groessenklasse {
    KreisfreieStadt,
    /// Aachen: kreisangehörig in the Städteregion, with the legal position of a kreisfreie Stadt.
    Sonderstatus,
    GrosseKreisangehoerigeStadt,
    MittlereKreisangehoerigeStadt,
    KreisangehoerigeGemeinde,
}

impl Groessenklasse {
    pub const ALLE: [Groessenklasse; 5] = [
        Groessenklasse::KreisfreieStadt,
        Groessenklasse::Sonderstatus,
        Groessenklasse::GrosseKreisangehoerigeStadt,
        Groessenklasse::MittlereKreisangehoerigeStadt,
        Groessenklasse::KreisangehoerigeGemeinde,
    ];
    pub fn code(self) -> &'static str {
        match self {
            Groessenklasse::KreisfreieStadt => "kreisfrei",
            Groessenklasse::Sonderstatus => "sonderstatus",
            Groessenklasse::GrosseKreisangehoerigeStadt => "gross",
            Groessenklasse::MittlereKreisangehoerigeStadt => "mittel",
            Groessenklasse::KreisangehoerigeGemeinde => "gemeinde",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Groessenklasse::KreisfreieStadt => "Kreisfreie Stadt",
            Groessenklasse::Sonderstatus => "Kreisangehörige Stadt mit Sonderstatus (Aachen)",
            Groessenklasse::GrosseKreisangehoerigeStadt => "Große kreisangehörige Stadt",
            Groessenklasse::MittlereKreisangehoerigeStadt => "Mittlere kreisangehörige Stadt",
            Groessenklasse::KreisangehoerigeGemeinde => "Kreisangehörige Gemeinde",
        }
    }
    pub fn aus_code(code: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|g| g.code() == code)
    }
    /// Reads the wording of the NRW size class file.
    pub fn aus_quelle(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase();
        if t.starts_with("kreisfreie stadt") {
            Some(Groessenklasse::KreisfreieStadt)
        } else if t.contains("sonderstatus") {
            Some(Groessenklasse::Sonderstatus)
        } else if t.starts_with("große kreisangehörige stadt") {
            Some(Groessenklasse::GrosseKreisangehoerigeStadt)
        } else if t.starts_with("mittlere kreisangehörige stadt") {
            Some(Groessenklasse::MittlereKreisangehoerigeStadt)
        } else if t.starts_with("kreisangehörige gemeinde") {
            Some(Groessenklasse::KreisangehoerigeGemeinde)
        } else {
            None
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct KommuneZeile {
    pub ags: String,
    pub name: String,
    pub typ: String,
    pub kreis_ags: String,
    pub kreis: String,
    pub regierungsbezirk: String,
    pub groessenklasse: String,
    pub einwohner: i64,
}

impl KommuneZeile {
    pub fn groessenklasse_label(&self) -> &'static str {
        Groessenklasse::aus_code(&self.groessenklasse).map(Groessenklasse::label).unwrap_or("unbekannt")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct KommuneDetail {
    pub ags: String,
    pub name: String,
    pub typ: String,
    pub kreis_ags: String,
    pub kreis: String,
    pub kreis_typ: String,
    pub regierungsbezirk: String,
    pub groessenklasse: String,
    pub groessenklasse_quelle: String,
    pub einwohner: i64,
    pub flaeche_km2: f64,
    pub plz: String,
    pub laengengrad: f64,
    pub breitengrad: f64,
    pub verstaedterung: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct KommuneName {
    pub ags: String,
    pub name: String,
    pub kreis: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Kreis {
    pub ags: String,
    pub name: String,
    pub typ: String,
    pub regierungsbezirk: String,
    pub einwohner: i64,
    pub anzahl_gemeinden: i64,
}

/// An IT provider named as serving a Kreis, with the source of that claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct DienstleisterBezug {
    pub dienstleister_id: i64,
    pub dienstleister: String,
    pub bezeichnung: String,
    pub art: String,
    pub stand: String,
    pub quelle_url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KommuneSeite {
    pub kommune: KommuneDetail,
    pub dienstleister: Vec<DienstleisterBezug>,
    /// Contact persons: only for logged-in users, `None` for the public.
    pub ansprechpersonen: Option<Vec<Ansprechperson>>,
    pub ansprechpersonen_anzahl: i64,
}

/// A contact person of a Kommune (or, without `kommune_ags`, of the coordination office).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Ansprechperson {
    pub id: i64,
    pub kommune_ags: Option<String>,
    pub name: String,
    pub funktion: Option<String>,
    pub organisation: Option<String>,
    pub telefon: Option<String>,
    pub mobil: Option<String>,
    pub email: Option<String>,
    pub quelle: Option<String>,
    pub version: i64,
}

/// A phone number as people write it: digits, spaces and + - / ( ).
pub fn telefon_gueltig(s: &str) -> bool {
    let ziffern = s.chars().filter(char::is_ascii_digit).count();
    (4..=20).contains(&ziffern) && s.chars().all(|c| c.is_ascii_digit() || " +-/()".contains(c)) && s.len() <= 40
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KreisSeite {
    pub kreis: Kreis,
    pub gemeinden: Vec<KommuneZeile>,
    pub dienstleister: Vec<DienstleisterBezug>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groessenklassen_from_source_wording() {
        assert_eq!(Groessenklasse::aus_quelle("kreisfreie Stadt"), Some(Groessenklasse::KreisfreieStadt));
        assert_eq!(
            Groessenklasse::aus_quelle(
                "kreisangehörige Stadt mit Sonderstatus (Aachen, Städteregion; Rechtsstellung kreisfreie Stadt)"
            ),
            Some(Groessenklasse::Sonderstatus)
        );
        assert_eq!(
            Groessenklasse::aus_quelle("Große kreisangehörige Stadt"),
            Some(Groessenklasse::GrosseKreisangehoerigeStadt)
        );
        assert_eq!(
            Groessenklasse::aus_quelle("Mittlere kreisangehörige Stadt"),
            Some(Groessenklasse::MittlereKreisangehoerigeStadt)
        );
        assert_eq!(
            Groessenklasse::aus_quelle("kreisangehörige Gemeinde"),
            Some(Groessenklasse::KreisangehoerigeGemeinde)
        );
        assert_eq!(Groessenklasse::aus_quelle("Dorf"), None);
        for g in Groessenklasse::ALLE {
            assert_eq!(Groessenklasse::aus_code(g.code()), Some(g));
        }
    }

    #[test]
    fn phone_numbers() {
        assert!(telefon_gueltig("+49 (0) 2241 999 - 1187"));
        assert!(telefon_gueltig("02561/72-0"));
        assert!(!telefon_gueltig("12"));
        assert!(!telefon_gueltig("0800 <script>"));
    }

    #[test]
    fn groessenklassen_codes_roundtrip() {
        for g in Groessenklasse::ALLE {
            assert_eq!(Groessenklasse::aus_code(g.code()), Some(g));
        }
    }
}

/// An online service a Kommune uses or plans to use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct GenutzterDienst {
    pub id: i64,
    pub name: String,
    pub anbieter: Option<String>,
    pub geplant_ab: Option<chrono::NaiveDate>,
    pub in_betrieb_seit: Option<chrono::NaiveDate>,
    pub kommentar: Option<String>,
}

/// A relevant OZG-Leistung as the Kommune sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KommuneLeistung {
    pub leistung: crate::model::leistung::LeistungZeile,
    /// The Kommune reports an online service in operation (not from a future date) covering
    /// one of its LeiKa keys.
    pub in_betrieb: bool,
    /// A Land-wide live service covers it: online for every Kommune.
    pub landesweit: bool,
    /// Online services in the Lösungsdatenbank covering it.
    pub dienste: i64,
}

/// "Was betrifft meine Kommune?": the relevant Leistungen, progress and the services in use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KommuneSicht {
    pub leistungen: Vec<KommuneLeistung>,
    pub leika_relevant: i64,
    pub dienste: Vec<GenutzterDienst>,
    /// How far the Zuständigkeit je Größenklasse is kept (the rest follows the general rule).
    pub stand: crate::model::zustaendigkeit::Pflegestand,
}

impl KommuneSicht {
    /// Relevant Leistungen with an online service in operation (the Kommune's own or a Land-wide
    /// one), and their share in whole percent – the NRW-Karte's "Anteil mit Online-Dienst".
    pub fn fortschritt(&self) -> (i64, i64, i64) {
        let gesamt = super::anzahl(self.leistungen.len());
        let online = super::anzahl(self.leistungen.iter().filter(|l| l.in_betrieb || l.landesweit).count());
        let prozent = if gesamt == 0 { 0 } else { (online * 100 + gesamt / 2) / gesamt };
        (online, gesamt, prozent)
    }

    /// Of those, the ones with a service the Kommune reports itself.
    pub fn gemeldet(&self) -> i64 {
        super::anzahl(self.leistungen.iter().filter(|l| l.in_betrieb).count())
    }
}

/// One Themenfeld and who in the Kommune is responsible for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ThemenZuordnung {
    pub themenfeld_id: i64,
    pub themenfeld: String,
    pub slug: String,
    pub ansprechperson_id: Option<i64>,
    /// Only for logged-in readers (names of contact persons are not public).
    pub person: Option<String>,
}

/// The assignments of a Kommune with the version the form is based on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Themenzuordnungen {
    pub version: i64,
    pub zeilen: Vec<ThemenZuordnung>,
    /// The Kommune's contact persons to choose from (logged-in readers only).
    pub personen: Vec<(i64, String)>,
}
