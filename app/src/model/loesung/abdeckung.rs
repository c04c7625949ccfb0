//! Flächendeckung as the Bund's "Dashboard Digitale Verwaltung" reports it (its API's
//! `art_flaechendeckung`), computed from the Lösungsdatenbank: which LeiKa-Leistung is online
//! where in NRW. Each value has its counting rule here, once – the API's rows, the figures on
//! `/loesungen/kennzahlen` and the documentation show the same text.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Flaechendeckung {
    /// Ordered from the widest: the best of several is the smallest.
    Bundesweit,
    Landesweit,
    Kreisweit,
    MindEineKommune,
    NichtBeruecksichtigt,
}

impl Flaechendeckung {
    pub const ALLE: [Flaechendeckung; 5] = [
        Flaechendeckung::Bundesweit,
        Flaechendeckung::Landesweit,
        Flaechendeckung::Kreisweit,
        Flaechendeckung::MindEineKommune,
        Flaechendeckung::NichtBeruecksichtigt,
    ];

    /// The value exactly as the Bund's API spells it.
    pub fn bund(self) -> &'static str {
        match self {
            Flaechendeckung::Bundesweit => "bundesweit flächendeckend",
            Flaechendeckung::Landesweit => "landesweit flächendeckend",
            Flaechendeckung::Kreisweit => "kreisweit flächendeckend",
            Flaechendeckung::MindEineKommune => "in mind. einer Kommune verfügbar",
            Flaechendeckung::NichtBeruecksichtigt => "nicht in Auswertung berücksichtigt",
        }
    }

    /// How the atlas decides on the value.
    pub fn regel(self) -> &'static str {
        match self {
            Flaechendeckung::Bundesweit => {
                "Wird nicht vergeben: Der Atlas kennt nur NRW und kann nicht sagen, ob ein Dienst in allen Ländern läuft."
            }
            Flaechendeckung::Landesweit => {
                "Ein Online-Dienst mit dem LeiKa-Schlüssel steht allen Kommunen in NRW zur Verfügung (Reichweite „Land“, \
                 z. B. das Wirtschafts-Service-Portal.NRW), oder alle 396 Kommunen melden einen solchen Dienst in Betrieb."
            }
            Flaechendeckung::Kreisweit => {
                "Alle Gemeinden des Kreises melden einen Online-Dienst mit dem LeiKa-Schlüssel in Betrieb (für eine \
                 kreisfreie Stadt: die Stadt selbst)."
            }
            Flaechendeckung::MindEineKommune => {
                "Mindestens eine Kommune meldet einen Online-Dienst mit dem LeiKa-Schlüssel in Betrieb („in Betrieb seit“ \
                 in der Lösungsdatenbank, nicht in der Zukunft), aber nicht alle Gemeinden ihres Kreises."
            }
            Flaechendeckung::NichtBeruecksichtigt => {
                "Der Online-Dienst nennt einen Schlüssel, der im LeiKa-Katalog des Atlas fehlt; er wird mitgeliefert, \
                 aber nicht ausgewertet."
            }
        }
    }
}

/// One row of the coverage: a LeiKa key online in an area through one service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abdeckung {
    pub leika_key: String,
    /// The catalog's name; `None`: the key is not in the catalog.
    pub leika_name: Option<String>,
    /// The name the service's source gives.
    pub leika_bezeichnung: Option<String>,
    pub ozg_id: Option<i64>,
    pub ozg_name: Option<String>,
    /// The Gemeinde (AGS) where it is in operation; `None`: the whole Land.
    pub ags: Option<String>,
    pub kreis_ags: Option<String>,
    pub dienst_id: i64,
    pub url: Option<String>,
    /// The link check's verdict on the URL; `None` while it was not checked.
    pub erreichbar: Option<bool>,
    pub art: Flaechendeckung,
}

/// An area of NRW as the 12-digit Amtlicher Regionalschlüssel names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gebiet {
    Land,
    /// The Regierungsbezirk's digit (`1`, `3`, `5`, `7`, `9`).
    Bezirk(char),
    /// A Kreis or kreisfreie Stadt (5-digit key).
    Kreis(String),
    /// A Gemeinde (8-digit AGS).
    Gemeinde(String),
}

pub const LAND_ARS: &str = "050000000000";

/// The ARS of a Gemeinde: AGS with the Gemeindeverband inserted. NRW has no Gemeindeverbände
/// (Ämter, Verbandsgemeinden), so the Verband digits are `0` and the Gemeinde's own three – the
/// ARS of Ahaus (05554004) is 055540004004; a kreisfreie Stadt (05111000) has 051110000000.
pub fn gemeinde_ars(ags: &str) -> String {
    match (ags.get(..5), ags.get(5..8)) {
        (Some(kreis), Some("000")) => format!("{kreis}0000000"),
        (Some(kreis), Some(g)) => format!("{kreis}0{g}{g}"),
        _ => ags.to_string(),
    }
}

pub fn kreis_ars(kreis_ags: &str) -> String {
    format!("{kreis_ags}0000000")
}

impl Gebiet {
    /// The area of an ARS (12 digits), or `None` when it is not one of NRW's forms. Whether the
    /// Kreis or Gemeinde exists is for the caller to look up.
    pub fn aus_ars(ars: &str) -> Option<Gebiet> {
        if ars.len() != 12 || !ars.bytes().all(|b| b.is_ascii_digit()) || !ars.starts_with("05") {
            return None;
        }
        let (kreis, verband, gemeinde) = (&ars[..5], &ars[5..9], &ars[9..]);
        match (&ars[2..3], &ars[3..5], verband, gemeinde) {
            ("0", "00", "0000", "000") => Some(Gebiet::Land),
            (rb, "00", "0000", "000") => rb.chars().next().map(Gebiet::Bezirk),
            (_, _, "0000", "000") => Some(Gebiet::Kreis(kreis.to_string())),
            (_, _, v, g) if v == format!("0{g}") && g != "000" => Some(Gebiet::Gemeinde(format!("{kreis}{g}"))),
            _ => None,
        }
    }

    /// Whether a row (at a Gemeinde, or Land-wide) lies in this area (`unten`) or covers it from
    /// above (`oben`). A kreisfreie Stadt is both Kreis and Gemeinde: its rows are its own.
    pub fn umfasst(&self, zeile_ags: Option<&str>, oben: bool, unten: bool) -> bool {
        let Some(ags) = zeile_ags else {
            return *self == Gebiet::Land || oben;
        };
        match self {
            Gebiet::Land => unten,
            Gebiet::Bezirk(rb) => unten && ags.chars().nth(2) == Some(*rb),
            // A Gemeinde key ending in 000 is a kreisfreie Stadt: the Kreis itself.
            Gebiet::Kreis(k) => ags.starts_with(k.as_str()) && (unten || ags.ends_with("000")),
            Gebiet::Gemeinde(g) => g == ags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ars_and_areas() {
        assert_eq!(gemeinde_ars("05554004"), "055540004004");
        assert_eq!(gemeinde_ars("05111000"), "051110000000");
        assert_eq!(Gebiet::aus_ars("055540004004"), Some(Gebiet::Gemeinde("05554004".into())));
        assert_eq!(Gebiet::aus_ars("051110000000"), Some(Gebiet::Kreis("05111".into())));
        assert_eq!(Gebiet::aus_ars("055540000000"), Some(Gebiet::Kreis("05554".into())));
        assert_eq!(Gebiet::aus_ars("055000000000"), Some(Gebiet::Bezirk('5')));
        assert_eq!(Gebiet::aus_ars(LAND_ARS), Some(Gebiet::Land));
        for falsch in ["010510000000", "05554000400", "055540001004", "0555400040a4", ""] {
            assert_eq!(Gebiet::aus_ars(falsch), None, "{falsch}");
        }
        for ags in ["05554004", "05111000", "05334002"] {
            let g = Gebiet::aus_ars(&gemeinde_ars(ags));
            assert!(matches!(g, Some(Gebiet::Gemeinde(_)) | Some(Gebiet::Kreis(_))), "{ags}");
        }
    }

    #[test]
    fn which_rows_an_area_holds() {
        let ahaus = Some("05554004");
        let kreis = Gebiet::Kreis("05554".into());
        assert!(kreis.umfasst(ahaus, false, true));
        assert!(!kreis.umfasst(ahaus, true, false));
        assert!(kreis.umfasst(None, true, false));
        assert!(!kreis.umfasst(None, false, true));
        assert!(Gebiet::Land.umfasst(None, false, false));
        assert!(Gebiet::Land.umfasst(ahaus, false, true) && !Gebiet::Land.umfasst(ahaus, true, false));
        assert!(Gebiet::Bezirk('5').umfasst(ahaus, false, true) && !Gebiet::Bezirk('1').umfasst(ahaus, false, true));
        let koeln = Gebiet::Kreis("05315".into());
        assert!(koeln.umfasst(Some("05315000"), false, false), "the Stadt's own rows");
        let g = Gebiet::Gemeinde("05554004".into());
        assert!(g.umfasst(ahaus, false, false) && !g.umfasst(Some("05554008"), true, true));
        assert!(g.umfasst(None, true, false) && !g.umfasst(None, false, true));
    }
}
