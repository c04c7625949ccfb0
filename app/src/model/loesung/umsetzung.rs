//! The seed's bottom-up figures ("OZG: NRW hat gute Ausgangsposition"), computed from the
//! Lösungsdatenbank, each with the rule that produces it, and their bar chart as SVG.

use crate::model::text::xml;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BottomUp {
    pub leistungen: i64,
    pub mit_dienst: i64,
    pub relevant: i64,
    pub relevant_mit_dienst: i64,
    /// Relevant Leistungen with a service, by number of providers: 1, 2-6, 7 and more.
    pub anbieter_1: i64,
    pub anbieter_2_6: i64,
    pub anbieter_7: i64,
    pub dienste: i64,
    /// LeiKa keys by the best `art_flaechendeckung` they reach somewhere in NRW (the Bund's
    /// dashboard values, rules in [`super::abdeckung`]).
    pub flaechendeckung: Vec<(super::abdeckung::Flaechendeckung, i64)>,
    /// How far the Zuständigkeit je Größenklasse is kept ("relevant" follows it where kept).
    pub zustaendigkeit: crate::model::zustaendigkeit::Pflegestand,
}

pub const REGEL_MIT_DIENST: &str = "OZG-Leistungen, von denen mindestens eine LeiKa-Leistung durch einen Online-Dienst der \
     Lösungsdatenbank abgedeckt ist (über dessen LeiKa-Schlüssel).";
pub const REGEL_ANTEIL: &str = "Anteil der für Kommunen relevanten OZG-Leistungen (Regel wie in der Kommunensicht: für \
     mindestens eine Größenklasse zuständig, nach der gepflegten Zuständigkeit je Größenklasse, sonst nach der allgemeinen \
     Regel), die mindestens einen Online-Dienst haben.";
pub const REGEL_ANBIETER: &str = "Für Kommunen relevante OZG-Leistungen mit Online-Dienst, gezählt nach der Zahl \
     verschiedener Anbieter ihrer Dienste (IT-Dienstleister, sonst der genannte Anbieter).";

impl BottomUp {
    pub fn anteil(&self) -> i64 {
        if self.relevant == 0 { 0 } else { (self.relevant_mit_dienst * 100 + self.relevant / 2) / self.relevant }
    }

    pub fn verteilung(&self) -> [(&'static str, i64); 3] {
        [
            ("bei 1 Anbieter", self.anbieter_1),
            ("bei 2–6 Anbietern", self.anbieter_2_6),
            ("bei 7 und mehr Anbietern", self.anbieter_7),
        ]
    }
}

/// Counts per Leistung → the three classes of the seed.
pub fn klassen(anbieter_je_leistung: impl IntoIterator<Item = i64>) -> (i64, i64, i64) {
    anbieter_je_leistung.into_iter().fold((0, 0, 0), |(a, b, c), n| match n {
        ..=0 => (a, b, c),
        1 => (a + 1, b, c),
        2..=6 => (a, b + 1, c),
        _ => (a, b, c + 1),
    })
}

/// A horizontal bar chart as a standalone SVG document: title, one labelled bar per value.
pub fn balken_svg(titel: &str, werte: &[(&str, i64)]) -> String {
    let max = werte.iter().map(|(_, w)| *w).max().unwrap_or(0).max(1);
    let (breite, label_b, zeile) = (640, 220, 44);
    let hoehe = 60 + zeile * crate::model::anzahl(werte.len());
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {breite} {hoehe}\" width=\"{breite}\" height=\"{hoehe}\" \
         role=\"img\" aria-labelledby=\"t\" font-family=\"system-ui, sans-serif\"><title id=\"t\">{}</title>\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <text x=\"16\" y=\"30\" font-size=\"18\" font-weight=\"600\" fill=\"#1a1a1a\">{}</text>",
        xml(titel),
        xml(titel)
    );
    let platz = breite - label_b - 80;
    for (i, (label, wert)) in werte.iter().enumerate() {
        let y = 50 + zeile * crate::model::anzahl(i);
        let b = if *wert > 0 { (wert * platz / max).max(2) } else { 0 };
        svg.push_str(&format!(
            "<text x=\"16\" y=\"{}\" font-size=\"15\" fill=\"#1a1a1a\">{}</text>\
             <rect x=\"{label_b}\" y=\"{}\" width=\"{b}\" height=\"26\" fill=\"#005ca9\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"15\" font-weight=\"600\" fill=\"#1a1a1a\">{wert}</text>",
            y + 18,
            xml(label),
            y,
            label_b + b + 8,
            y + 18,
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_the_seed() {
        assert_eq!(klassen([1, 1, 2, 6, 7, 12, 0]), (2, 2, 2));
    }

    #[test]
    fn share_rounds_and_never_divides_by_zero() {
        let b = BottomUp { relevant: 3, relevant_mit_dienst: 2, ..Default::default() };
        assert_eq!(b.anteil(), 67);
        assert_eq!(BottomUp::default().anteil(), 0);
    }

    #[test]
    fn chart_scales_bars_and_escapes_text() {
        let svg = balken_svg("A & <B>", &[("eins", 10), ("zwei", 5), ("null", 0)]);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains("<title id=\"t\">A &amp; &lt;B&gt;</title>"));
        assert!(svg.contains("width=\"340\" height=\"26\""), "largest bar fills the space");
        assert!(svg.contains("width=\"170\" height=\"26\""), "half the value, half the bar");
        assert!(svg.contains("width=\"0\" height=\"26\""));
    }
}
