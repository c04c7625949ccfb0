//! Online services of the Lösungsdatenbank: who offers them, which LeiKa keys (and through them
//! OZG-Leistungen) they cover, their maturity and which Kommunen use them.

/// The bottom-up figures of the Kennzahlen page, computed from the Lösungsdatenbank.
pub mod abdeckung;
pub mod umsetzung;

use serde::{Deserialize, Serialize};

/// The version of the maturity model a level belongs to: 1.x has levels 0-4, 2.0 (since July
/// 2025) levels 0-7. A level is never shown without its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reifegradmodell {
    V1,
    V2,
}

impl Reifegradmodell {
    pub fn code(self) -> &'static str {
        match self {
            Reifegradmodell::V1 => "1.x",
            Reifegradmodell::V2 => "2.0",
        }
    }
    pub fn aus_code(c: &str) -> Option<Reifegradmodell> {
        match c {
            "1.x" => Some(Reifegradmodell::V1),
            "2.0" => Some(Reifegradmodell::V2),
            _ => None,
        }
    }
    pub fn hoechste_stufe(self) -> i64 {
        match self {
            Reifegradmodell::V1 => 4,
            Reifegradmodell::V2 => 7,
        }
    }
}

/// "Reifegrad 3 (Modell 1.x)" from the facet value "1.x:3"; the value itself otherwise.
pub fn reifegrad_label(wert: &str) -> String {
    match wert.split_once(':') {
        Some((m, s)) if Reifegradmodell::aus_code(m).is_some() => format!("Reifegrad {s} (Modell {m})"),
        _ => wert.to_string(),
    }
}

pub fn status_label(code: &str) -> String {
    match code {
        "live" => "in Betrieb".into(),
        "in_umsetzung" => "in Umsetzung".into(),
        "geplant" => "geplant".into(),
        "eingestellt" => "eingestellt".into(),
        andere => andere.to_string(),
    }
}

/// Row of the Lösungsdatenbank.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OnlinedienstZeile {
    pub id: i64,
    pub name: String,
    pub url: Option<String>,
    pub status: String,
    pub reifegrad: Option<i64>,
    pub reifegrad_modell: Option<String>,
    /// IT-Dienstleister or other provider, and its facet value.
    pub anbieter: Option<String>,
    pub anbieter_wert: Option<String>,
    /// The link check's verdict on `url` and since when; `None` while not checked.
    pub link_erreichbar: Option<bool>,
    pub link_seit_ms: Option<i64>,
    pub leika_anzahl: i64,
    /// Of those, keys found in the LeiKa catalog.
    pub leika_im_katalog: i64,
    pub kommunen: i64,
    /// Themenfelder reached through the covered LeiKa keys (filled by a second query).
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub themenfelder: Vec<ThemenfeldBezug>,
}

impl OnlinedienstZeile {
    pub fn reifegrad_wert(&self) -> Option<String> {
        reifegrad_wert(self.reifegrad, self.reifegrad_modell.as_deref())
    }
}

/// Facet value of a maturity level ("2.0:6"), the same string the store's facet builds.
pub fn reifegrad_wert(stufe: Option<i64>, modell: Option<&str>) -> Option<String> {
    Some(format!("{}:{}", modell?, stufe?))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ThemenfeldBezug {
    pub onlinedienst_id: i64,
    pub id: i64,
    pub name: String,
    pub slug: String,
}

/// All attributes of one online service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Onlinedienst {
    pub id: i64,
    pub name: String,
    pub dienstleister_id: Option<i64>,
    pub anbieter: Option<String>,
    pub url: Option<String>,
    pub reifegrad: Option<i64>,
    pub reifegrad_modell: Option<String>,
    pub status: String,
    pub efa_status: Option<String>,
    pub authentifizierung: Option<String>,
    pub bezahlung: Option<String>,
    pub zustaendige_stelle: Option<String>,
    pub quelle: String,
    /// `land`: offered to every Kommune in NRW regardless of what they report (migration 0024).
    pub reichweite: Option<String>,
    pub version: i64,
}

/// The reach of a service as the form sends it: `land` or empty ("wo Kommunen ihn melden").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReichweiteEingabe {
    pub reichweite: String,
}

/// What a reach means, for the form and the audit log.
pub fn reichweite_label(reichweite: Option<&str>) -> &'static str {
    match reichweite {
        Some("land") => "landesweit (allen Kommunen in NRW angeboten)",
        _ => "wo Kommunen ihn als in Betrieb melden",
    }
}

/// A LeiKa key the service covers, resolved against the catalog where possible.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AbgedeckterSchluessel {
    pub schluessel: String,
    /// Name as the source gives it.
    pub bezeichnung: Option<String>,
    /// Name in the LeiKa catalog; None = key not in the catalog.
    pub katalog_name: Option<String>,
    pub ozg_id: Option<i64>,
    pub ozg_name: Option<String>,
    pub themenfeld: Option<String>,
    pub themenfeld_slug: Option<String>,
}

/// A Kommune using (or planning to use) the service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Nutzung {
    pub ags: String,
    pub kommune: String,
    pub geplant_ab: Option<chrono::NaiveDate>,
    pub in_betrieb_seit: Option<chrono::NaiveDate>,
    pub kommentar: Option<String>,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnlinedienstSeite {
    pub dienst: Onlinedienst,
    pub schluessel: Vec<AbgedeckterSchluessel>,
    pub kommunen: Vec<Nutzung>,
    /// The link check's state of the service's address; `None` while not checked.
    pub link: Option<crate::model::linkpruefung::LinkStand>,
}

impl OnlinedienstSeite {
    /// Distinct OZG-Leistungen reached through the keys: (OZG-ID, name, Themenfeld, slug).
    pub fn leistungen(&self) -> Vec<(i64, String, String, String)> {
        let mut out: Vec<(i64, String, String, String)> = self
            .schluessel
            .iter()
            .filter_map(|s| {
                Some((
                    s.ozg_id?,
                    s.ozg_name.clone()?,
                    s.themenfeld.clone().unwrap_or_default(),
                    s.themenfeld_slug.clone().unwrap_or_default(),
                ))
            })
            .collect();
        out.sort();
        out.dedup_by_key(|l| l.0);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maturity_is_shown_with_its_model() {
        assert_eq!(reifegrad_label("2.0:6"), "Reifegrad 6 (Modell 2.0)");
        assert_eq!(Reifegradmodell::aus_code("1.x").map(Reifegradmodell::hoechste_stufe), Some(4));
        assert_eq!(Reifegradmodell::V2.hoechste_stufe(), 7);
        assert_eq!(status_label("live"), "in Betrieb");
        assert_eq!(reifegrad_wert(Some(3), Some("1.x")).as_deref(), Some("1.x:3"));
        assert_eq!(reifegrad_wert(None, Some("2.0")), None);
    }
}
