//! NRW-Karte: where in the Land the OZG is live. The measures with their counting rules and
//! class breaks, the levels, and the drawn map as the server hands it to the page – shared by
//! the map, its table, the exports and the tests.

pub mod ausschnitt;

use serde::{Deserialize, Serialize};

/// What the colours show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mass {
    #[default]
    Anteil,
    Dienste,
    Lieferung,
    Dienstleister,
    Groessenklasse,
    /// Where one online service is in operation or planned (`dienst=<id>`; not in the choice of
    /// measures, the service's page links to it).
    Nutzung,
}

impl Mass {
    pub const ALLE: [Mass; 5] =
        [Mass::Anteil, Mass::Dienste, Mass::Lieferung, Mass::Dienstleister, Mass::Groessenklasse];

    pub fn code(self) -> &'static str {
        match self {
            Mass::Anteil => "anteil",
            Mass::Dienste => "dienste",
            Mass::Lieferung => "lieferung",
            Mass::Dienstleister => "dienstleister",
            Mass::Groessenklasse => "groessenklasse",
            Mass::Nutzung => "nutzung",
        }
    }

    pub fn aus_code(code: &str) -> Option<Mass> {
        Mass::ALLE.into_iter().find(|m| m.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Mass::Anteil => "Anteil mit Online-Dienst",
            Mass::Dienste => "Online-Dienste in Betrieb",
            Mass::Lieferung => "Datenlieferung",
            Mass::Dienstleister => "IT-Dienstleister",
            Mass::Groessenklasse => "Größenklasse",
            Mass::Nutzung => "Nutzung des Online-Dienstes",
        }
    }

    /// How the value of a Gemeinde and of a Kreis is counted (shown next to the legend).
    pub fn regel(self) -> &'static str {
        match self {
            Mass::Anteil => {
                "Anteil der OZG-Leistungen, die für Kommunen ihrer Größenklasse relevant sind (Regel wie in der \
                 Kommunensicht: die gepflegte Zuständigkeit je Größenklasse, sonst die allgemeine Regel), für die in der \
                 Gemeinde mindestens ein Online-Dienst in Betrieb ist: ein Dienst mit Reichweite „Land“ im Status \
                 live, oder ein Dienst, den die Gemeinde mit „in Betrieb seit“ (nicht in der Zukunft) meldet. Ein \
                 Kreis: die Summe über seine Gemeinden (abgedeckte durch relevante Leistungen)."
            }
            Mass::Dienste => {
                "Zahl der Online-Dienste, die die Gemeinde mit „in Betrieb seit“ (nicht in der Zukunft) meldet. Dienste \
                 mit Reichweite „Land“ gelten überall und sind nicht mitgezählt (ihre Zahl steht unter der Karte). Ein \
                 Kreis: die Zahl verschiedener Dienste, die mindestens eine seiner Gemeinden meldet."
            }
            Mass::Lieferung => {
                "Alter der letzten Datenlieferung der Gemeinde (Daten liefern: Seiten mit LeiKa-Schlüsseln) in Tagen. \
                 Ein Kreis: Anteil seiner Gemeinden mit einer Lieferung aus den letzten 365 Tagen."
            }
            Mass::Dienstleister => {
                "Der kommunale IT-Dienstleister, den die Zuordnungsquelle für den Kreis nennt (siehe IT-Dienstleister); \
                 die Gemeinden erben ihn. Mehrere werden zusammen genannt. Die sieben häufigsten haben eigene Farben."
            }
            Mass::Groessenklasse => {
                "Größenklasse nach der Verordnung zu § 4 GO NRW (Stand 01.01.2025). Ein Kreis: Kreis oder kreisfreie Stadt."
            }
            Mass::Nutzung => {
                "In Betrieb: die Gemeinde meldet den Dienst mit „in Betrieb seit“ (nicht in der Zukunft); ein Dienst \
                 mit Reichweite „Land“ im Status live gilt in allen Gemeinden. Geplant: die Gemeinde meldet ihn ohne \
                 Inbetriebnahme oder mit einer in der Zukunft. Ein Kreis: Anteil seiner Gemeinden mit dem Dienst in \
                 Betrieb."
            }
        }
    }

    /// Whether the classes are ordered (one colour ramp) or categories (colours and patterns).
    pub fn geordnet(self) -> bool {
        matches!(self, Mass::Anteil | Mass::Dienste | Mass::Lieferung | Mass::Nutzung)
    }
}

/// Which areas are the units: Kreise (a Kreis opens its Gemeinden) or Gemeinden.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Teilung {
    #[default]
    Kreise,
    Gemeinden,
}

/// The map's state, all in the URL: `/karte?mass=anteil&gebiet=05554&klasse=mittel&markiert=05554004`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KartenAnfrage {
    pub mass: Mass,
    /// Empty: the Land; three digits: a Regierungsbezirk (`055`); five: a Kreis (`05554`).
    pub gebiet: String,
    pub teilung: Teilung,
    /// Compare only this Größenklasse (its code; `kreis` for Kreise); the others are greyed.
    pub klasse: Option<String>,
    /// A highlighted Gemeinde or Kreis (AGS).
    pub markiert: Option<String>,
    /// Table order: `name` (default), `wert`, `klasse`.
    pub sort: String,
    /// "Kommune finden": a name to look up (at most 100 characters); the view then shows its
    /// Kreis with the Gemeinde highlighted. The drawn map's request no longer has it (its links
    /// carry the found area instead).
    pub finden: Option<String>,
    /// The online service whose use the map shows ([`Mass::Nutzung`]).
    pub dienst: Option<i64>,
}

fn ziffern(s: &str, laengen: &[usize]) -> bool {
    laengen.contains(&s.len()) && s.starts_with("05") && s.bytes().all(|b| b.is_ascii_digit())
}

impl KartenAnfrage {
    /// Reads the query string; what it does not understand falls back to the default (a map is
    /// always drawn), nothing longer than an AGS is kept.
    pub fn aus_query(query: &str) -> KartenAnfrage {
        let mut a = KartenAnfrage::default();
        let mut mass: Option<String> = None;
        for (k, v) in
            serde_urlencoded::from_str::<Vec<(String, String)>>(query).unwrap_or_default().into_iter().take(20)
        {
            match k.as_str() {
                "mass" => mass = Some(v),
                "dienst" if v.len() <= 12 => a.dienst = v.parse().ok().filter(|d| *d > 0),
                "gebiet" if ziffern(&v, &[3, 5]) => a.gebiet = v,
                "teilung" if v == "gemeinden" => a.teilung = Teilung::Gemeinden,
                "klasse" if v.len() <= 20 && !v.is_empty() => a.klasse = Some(v),
                "markiert" if ziffern(&v, &[5, 8]) => a.markiert = Some(v),
                "sort" if ["wert", "klasse"].contains(&v.as_str()) => a.sort = v,
                "finden" if !v.trim().is_empty() => a.finden = Some(v.trim().chars().take(100).collect()),
                _ => {}
            }
        }
        // A service's map unless another measure is chosen explicitly (then the service is left).
        match (a.dienst, mass.as_deref()) {
            (Some(_), None | Some("nutzung")) => a.mass = Mass::Nutzung,
            (_, m) => {
                a.mass = m.and_then(Mass::aus_code).unwrap_or_default();
                a.dienst = None;
            }
        }
        a
    }

    /// The query string of this state (defaults left out).
    pub fn query(&self) -> String {
        let mut p: Vec<(&str, &str)> = Vec::new();
        let dienst = self.dienst.map(|d| d.to_string());
        match (&dienst, self.mass) {
            (Some(d), Mass::Nutzung) => p.push(("dienst", d)),
            (_, Mass::Nutzung) => {}
            (_, m) if m != Mass::default() => p.push(("mass", m.code())),
            _ => {}
        }
        if !self.gebiet.is_empty() {
            p.push(("gebiet", &self.gebiet));
        }
        if self.teilung == Teilung::Gemeinden && self.gebiet.len() < 5 {
            p.push(("teilung", "gemeinden"));
        }
        if let Some(k) = &self.klasse {
            p.push(("klasse", k));
        }
        if let Some(m) = &self.markiert {
            p.push(("markiert", m));
        }
        if !self.sort.is_empty() {
            p.push(("sort", &self.sort));
        }
        if let Some(f) = &self.finden {
            p.push(("finden", f));
        }
        serde_urlencoded::to_string(&p).unwrap_or_default()
    }

    pub fn pfad(&self) -> String {
        crate::pfad::gefiltert_roh(crate::pfad::KARTE, &self.query())
    }

    /// Where this view is downloaded as `svg` or `csv` (the same query string as the page).
    pub fn export_pfad(&self, endung: &str) -> String {
        crate::pfad::gefiltert_roh(&format!("/export/karte.{endung}"), &self.query())
    }

    /// The file name of this view's download: `ozg-atlas-karte-mass-dienste-gebiet-05554.svg`.
    pub fn dateiname(&self, endung: &str) -> String {
        let q = self.mit(|a| a.sort.clear()).query();
        let teil = if q.is_empty() { String::new() } else { format!("-{}", q.replace(['&', '='], "-")) };
        format!("ozg-atlas-karte{teil}.{endung}")
    }

    /// The same view with a change applied (for links of the page).
    pub fn mit(&self, aendern: impl FnOnce(&mut KartenAnfrage)) -> KartenAnfrage {
        let mut a = self.clone();
        aendern(&mut a);
        a
    }

    /// Whether the units drawn are Gemeinden (always inside a Kreis).
    pub fn gemeinden(&self) -> bool {
        self.teilung == Teilung::Gemeinden || self.gebiet.len() == 5
    }
}

/// A class of the legend: its label, its style (index into the ramp or the categories) and how
/// many areas fall into it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Klasse {
    pub label: String,
    pub stil: usize,
    pub anzahl: i64,
}

/// One drawn and linked area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flaeche {
    pub schluessel: String,
    pub name: String,
    /// The Kreis's name for a Gemeinde, the Regierungsbezirk for a Kreis.
    pub oben: String,
    pub pfad: String,
    pub link: String,
    /// The value as the table and the accessible name show it ("42 % (194 von 462)").
    pub text: String,
    /// The value for sorting and the CSV (none for categories).
    pub zahl: Option<f64>,
    /// Index of the legend class.
    pub klasse: usize,
    /// The Größenklasse's code and label (Kreise: `kreis` / `kreisfrei`).
    pub groessenklasse: String,
    pub groessenklasse_label: String,
    pub einwohner: i64,
    /// False if "Nur gleiche Größenklasse vergleichen" greys it out.
    pub verglichen: bool,
    /// Rank within the compared areas (1 = highest value), for ordered measures.
    pub rang: Option<i64>,
    pub markiert: bool,
}

/// A breadcrumb of the levels: label and link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stufe {
    pub label: String,
    pub link: String,
}

/// The map as drawn for one [`KartenAnfrage`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Karte {
    pub anfrage: KartenAnfrage,
    pub titel: String,
    pub stufen: Vec<Stufe>,
    /// viewBox: x, y, width, height.
    pub rahmen: [i64; 4],
    pub flaechen: Vec<Flaeche>,
    /// Shapes around the area shown (grey, not linked).
    pub umgebung: Vec<String>,
    /// Borders drawn thicker above the units (Kreise among Gemeinden, Bezirke among Kreise).
    pub grenzen: Vec<String>,
    pub legende: Vec<Klasse>,
    /// The Größenklassen to compare with at this level: code and label.
    pub klassen: Vec<(String, String)>,
    /// The five Regierungsbezirke and the 53 Kreise, for the choice of the area.
    pub bezirke: Vec<(String, String)>,
    pub kreise: Vec<(String, String)>,
    /// Online services of Land-wide reach (counted everywhere).
    pub landesweit: i64,
    /// Relevant OZG-Leistungen per Gemeinde, by Größenklasse (label, count).
    pub relevant: Vec<(String, i64)>,
    /// How far the Zuständigkeit je Größenklasse is kept (the rest follows the general rule).
    pub zustaendigkeit: crate::model::zustaendigkeit::Pflegestand,
    pub stand: String,
    /// Every Gemeinde's name, for "Kommune finden".
    pub namen: Vec<String>,
    /// A message about the request ("Keine Gemeinde „…“ gefunden.").
    pub hinweis: Option<String>,
}

/// The attribution every drawing and export of the map carries.
pub const NAMENSNENNUNG: &str = "Grenzen: © GeoBasis-DE / BKG 2016 (VG250, dl-de/by-2-0), vereinfacht";

/// Fills of the ordered classes, light to dark (ColorBrewer "Blues", readable in greyscale);
/// the page's CSS (`.stufe-N`) and the exported SVG use the same.
pub const RAMPE: [&str; 5] = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"];

/// Colours of the categories (Okabe–Ito, distinguishable with colour-vision deficiencies);
/// the last two are "weitere" and "keiner genannt".
pub const KATEGORIEN: [&str; 9] =
    ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999", "#ffffff"];

/// The pattern over category `stil`'s colour in a tile of size `t`, so that no category
/// depends on colour alone (6 is a dot: drawn with a thicker stroke).
pub fn muster(stil: usize, t: f64) -> String {
    let h = t / 2.0;
    match stil {
        1 => format!("M0 {t}L{t} 0"),
        2 => format!("M0 0L{t} {t}"),
        3 => format!("M0 {h}H{t}"),
        4 => format!("M{h} 0V{t}"),
        5 => format!("M0 {h}H{t}M{h} 0V{t}"),
        6 => format!("M{h} {h}h0.01"),
        7 => format!("M0 0L{t} {t}M0 {t}L{t} 0"),
        _ => String::new(),
    }
}

/// The pattern tile in map units for a view box `rahmen`: the same on screen at every level.
pub fn kachelgroesse(rahmen: [i64; 4]) -> f64 {
    (rahmen[2] as f64 / 120.0).round().max(1.0)
}

/// Breaks of the ordered measures: the lower bound of each class above the first.
pub const ANTEIL_GRENZEN: [f64; 4] = [20.0, 40.0, 60.0, 80.0];
pub const DIENSTE_GRENZEN: [f64; 4] = [1.0, 3.0, 6.0, 11.0];

/// The class of `wert` for breaks `grenzen` (0 below the first).
pub fn klasse_von(wert: f64, grenzen: &[f64]) -> usize {
    grenzen.iter().filter(|g| wert >= **g).count()
}

/// Legend labels of the ordered measures.
pub fn klassen_labels(mass: Mass, gemeinden: bool) -> Vec<String> {
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect();
    match (mass, gemeinden) {
        (Mass::Anteil, _) => {
            s(&["unter 20 %", "20 bis unter 40 %", "40 bis unter 60 %", "60 bis unter 80 %", "80 % und mehr"])
        }
        (Mass::Dienste, _) => s(&["keiner", "1 bis 2", "3 bis 5", "6 bis 10", "mehr als 10"]),
        (Mass::Lieferung, true) => s(&["keine Lieferung", "älter als 365 Tage", "91 bis 365 Tage", "bis 90 Tage"]),
        (Mass::Lieferung, false) => {
            s(&["keine Gemeinde", "unter 50 % der Gemeinden", "50 bis unter 100 %", "alle Gemeinden"])
        }
        // Three states on the ramp's light, middle and dark steps (the empty ones are left out).
        (Mass::Nutzung, true) => s(&["nicht gemeldet", "", "geplant", "", "in Betrieb"]),
        (Mass::Nutzung, false) => s(&[
            "unter 20 % der Gemeinden",
            "20 bis unter 40 %",
            "40 bis unter 60 %",
            "60 bis unter 80 %",
            "80 % und mehr",
        ]),
        _ => Vec::new(),
    }
}

/// The class of a Gemeinde's delivery age in days (None: never delivered).
pub fn lieferung_klasse(tage: Option<i64>) -> usize {
    match tage {
        None => 0,
        Some(t) if t > 365 => 1,
        Some(t) if t > 90 => 2,
        Some(_) => 3,
    }
}

/// The class of a Kreis's share of Gemeinden with a recent delivery.
pub fn lieferung_kreis_klasse(mit: i64, alle: i64) -> usize {
    match (mit, alle) {
        (0, _) => 0,
        (m, a) if m >= a => 3,
        (m, a) if m * 2 >= a => 2,
        _ => 1,
    }
}

/// Ranks by value, highest first; equal values share a rank ("1, 2, 2, 4").
pub fn raenge(werte: &[f64]) -> Vec<i64> {
    werte.iter().map(|w| 1 + crate::model::anzahl(werte.iter().filter(|v| **v > *w).count())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_round_trips_and_ignores_nonsense() {
        let a = KartenAnfrage::aus_query("mass=dienste&gebiet=05554&klasse=mittel&markiert=05554004&sort=wert");
        assert_eq!(a.mass, Mass::Dienste);
        assert!(a.gemeinden());
        assert_eq!(KartenAnfrage::aus_query(&a.query()), a);
        let b =
            KartenAnfrage::aus_query("mass=x&gebiet=99999&gebiet=<script>&markiert=0555400400000&sort=drop&teilung=a");
        assert_eq!(b, KartenAnfrage::default());
        assert_eq!(KartenAnfrage::default().pfad(), "/karte");
        assert_eq!(KartenAnfrage::default().dateiname("svg"), "ozg-atlas-karte.svg");
        assert_eq!(a.dateiname("png"), "ozg-atlas-karte-mass-dienste-gebiet-05554-klasse-mittel-markiert-05554004.png");
        assert_eq!(a.export_pfad("csv"), format!("/export/karte.csv?{}", a.query()));
        let f = KartenAnfrage::aus_query("finden=%20Ahaus%20&mass=dienste");
        assert_eq!(f.finden.as_deref(), Some("Ahaus"));
        assert_eq!(f.query(), "mass=dienste&finden=Ahaus");
        let n = KartenAnfrage::aus_query("dienst=42&gebiet=05554");
        assert_eq!((n.mass, n.dienst), (Mass::Nutzung, Some(42)));
        assert_eq!(n.query(), "dienst=42&gebiet=05554");
        assert_eq!(KartenAnfrage::aus_query(&n.query()), n);
        let anders = KartenAnfrage::aus_query("dienst=42&mass=dienste");
        assert_eq!((anders.mass, anders.dienst), (Mass::Dienste, None), "another measure leaves the service");
        assert_eq!(KartenAnfrage::aus_query("mass=nutzung").mass, Mass::Anteil, "no service, no use map");
        assert_eq!(KartenAnfrage::aus_query("dienst=-1&dienst=9999999999999").dienst, None);
        let lang = format!("klasse={}", "x".repeat(10_000));
        assert_eq!(KartenAnfrage::aus_query(&lang).klasse, None);
    }

    #[test]
    fn classes_follow_the_breaks() {
        assert_eq!(klasse_von(0.0, &ANTEIL_GRENZEN), 0);
        assert_eq!(klasse_von(19.9, &ANTEIL_GRENZEN), 0);
        assert_eq!(klasse_von(20.0, &ANTEIL_GRENZEN), 1);
        assert_eq!(klasse_von(100.0, &ANTEIL_GRENZEN), 4);
        assert_eq!(klasse_von(2.0, &DIENSTE_GRENZEN), 1);
        assert_eq!(klasse_von(11.0, &DIENSTE_GRENZEN), 4);
        assert_eq!([None, Some(400), Some(91), Some(90)].map(lieferung_klasse), [0, 1, 2, 3]);
        assert_eq!([(0, 5), (2, 5), (3, 5), (5, 5)].map(|(m, a)| lieferung_kreis_klasse(m, a)), [0, 1, 2, 3]);
        for m in [Mass::Anteil, Mass::Dienste] {
            assert_eq!(klassen_labels(m, true).len(), 5);
        }
    }

    #[test]
    fn equal_values_share_a_rank() {
        assert_eq!(raenge(&[3.0, 5.0, 5.0, 1.0]), vec![3, 1, 1, 4]);
    }
}
