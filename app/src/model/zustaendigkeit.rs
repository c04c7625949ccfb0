//! Zuständigkeit je Größenklasse: which Größenklassen of Kommunen have to offer an
//! OZG-Leistung. No public source says it, so the coordination keeps it per Leistung with a
//! source note; where it is kept, the Kommune view, the NRW-Karte and the progress figures use
//! it, elsewhere the general rule ([`super::leistung::RELEVANZ_REGEL`]) applies to every
//! Größenklasse alike.

use super::kommune::Groessenklasse;
use crate::error::Feldfehler;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest source note (a law, a decree, a decision with its date).
pub const MAX_QUELLE: usize = 300;
/// Most rows one form may send: more than any Themenfeld holds (the largest, Unternehmensführung
/// & -entwicklung, has 78), far below what would make the check costly.
pub const MAX_ZEILEN: usize = 400;

/// The stored form: `;kreisfrei;gross;` in the order of [`Groessenklasse::ALLE`], `;` for none.
pub fn speicherform(klassen: &[Groessenklasse]) -> String {
    let mut s = String::from(";");
    for g in Groessenklasse::ALLE.into_iter().filter(|g| klassen.contains(g)) {
        s.push_str(g.code());
        s.push(';');
    }
    s
}

/// The Größenklassen of a stored value (unknown codes are skipped).
pub fn aus_speicherform(s: &str) -> Vec<Groessenklasse> {
    let codes: Vec<&str> = s.split(';').collect();
    Groessenklasse::ALLE.into_iter().filter(|g| codes.contains(&g.code())).collect()
}

/// How a kept value reads in the audit log and on the Leistung's page.
pub fn anzeige(klassen: &[Groessenklasse]) -> String {
    if klassen.is_empty() {
        return "keine Größenklasse (nicht kommunal)".into();
    }
    klassen.iter().map(|g| g.label()).collect::<Vec<_>>().join(", ")
}

/// One OZG-Leistung of a Themenfeld with its kept Zuständigkeit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ZustaendigkeitZeile {
    pub ozg_id: i64,
    pub name: String,
    pub lebenslage: String,
    /// Stored form; None = not kept.
    pub groessenklassen: Option<String>,
    pub quelle: Option<String>,
    pub version: i64,
    /// What the general rule says ("ja"/"nein"), shown beside the kept value.
    pub regel: String,
}

impl ZustaendigkeitZeile {
    /// The kept Größenklassen; None if not kept.
    pub fn klassen(&self) -> Option<Vec<Groessenklasse>> {
        self.groessenklassen.as_deref().map(aus_speicherform)
    }
}

/// The bulk edit of one Themenfeld, and how far the whole catalog is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZustaendigkeitSeite {
    pub themenfeld_id: i64,
    pub themenfeld: String,
    pub slug: String,
    pub zeilen: Vec<ZustaendigkeitZeile>,
    pub stand: Pflegestand,
}

/// For how many OZG-Leistungen the Zuständigkeit je Größenklasse is kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pflegestand {
    pub gepflegt: i64,
    pub gesamt: i64,
}

impl Pflegestand {
    /// The sentence every page that counts by Größenklasse shows.
    pub fn satz(&self) -> String {
        if self.gepflegt == 0 {
            return format!(
                "Die Zuständigkeit je Größenklasse ist noch für keine der {} OZG-Leistungen gepflegt; es gilt für alle \
                 Größenklassen die allgemeine Regel.",
                self.gesamt
            );
        }
        format!(
            "Die Zuständigkeit je Größenklasse ist für {} von {} OZG-Leistungen gepflegt; für die übrigen gilt die \
             allgemeine Regel, für alle Größenklassen gleich.",
            self.gepflegt, self.gesamt
        )
    }
}

/// The bulk form as sent: one entry per row in `ozg`, `versionen` and `quellen` (same order),
/// and `ozg:code` for each ticked box. All text, read by [`ZustaendigkeitEingabe::lesen`], so a
/// bad value gets a German message instead of a decoding error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ZustaendigkeitEingabe {
    /// Slug of the Themenfeld.
    pub themenfeld: String,
    pub ozg: Vec<String>,
    pub versionen: Vec<String>,
    pub quellen: Vec<String>,
    pub klassen: Vec<String>,
    /// Source for every row with ticked boxes and no source of its own.
    pub quelle_alle: String,
}

/// One row as it is to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZustaendigkeitNeu {
    pub ozg_id: i64,
    pub version: i64,
    /// None = not kept (no box ticked, no source).
    pub klassen: Option<Vec<Groessenklasse>>,
    pub quelle: Option<String>,
}

/// The field of a row's source, for its message.
pub fn quelle_feld(ozg_id: i64) -> String {
    format!("quelle-{ozg_id}")
}

const UNVOLLSTAENDIG: &str = "Das Formular ist unvollständig angekommen. Bitte laden Sie die Seite neu.";

impl ZustaendigkeitEingabe {
    /// Checks the form; every message at its row's source field or at `zeilen`.
    pub fn lesen(&self) -> Result<Vec<ZustaendigkeitNeu>, Vec<Feldfehler>> {
        let n = self.ozg.len();
        if n > MAX_ZEILEN || self.klassen.len() > n * Groessenklasse::ALLE.len() {
            return Err(vec![Feldfehler::neu("zeilen", format!("Höchstens {MAX_ZEILEN} Zeilen auf einmal."))]);
        }
        if self.versionen.len() != n || self.quellen.len() != n {
            return Err(vec![Feldfehler::neu("zeilen", UNVOLLSTAENDIG)]);
        }
        let mut zeilen: BTreeMap<i64, (i64, Vec<Groessenklasse>, &str)> = BTreeMap::new();
        let mut reihenfolge = Vec::with_capacity(n);
        for ((id, v), q) in self.ozg.iter().zip(&self.versionen).zip(&self.quellen) {
            let (Ok(id), Ok(v)) = (id.trim().parse::<i64>(), v.trim().parse::<i64>()) else {
                return Err(vec![Feldfehler::neu("zeilen", UNVOLLSTAENDIG)]);
            };
            if zeilen.insert(id, (v, vec![], q.trim())).is_some() {
                return Err(vec![Feldfehler::neu(
                    "zeilen",
                    format!("Die OZG-Leistung {id} steht zweimal im Formular."),
                )]);
            }
            reihenfolge.push(id);
        }
        for k in &self.klassen {
            let gelesen = k
                .split_once(':')
                .and_then(|(id, code)| Some((id.parse::<i64>().ok()?, Groessenklasse::aus_code(code)?)));
            let Some((id, g)) = gelesen else {
                return Err(vec![Feldfehler::neu("zeilen", format!("Unbekannte Auswahl „{}“.", kuerzen(k)))]);
            };
            match zeilen.get_mut(&id) {
                Some((_, klassen, _)) if !klassen.contains(&g) => klassen.push(g),
                Some(_) => {}
                None => return Err(vec![Feldfehler::neu("zeilen", UNVOLLSTAENDIG)]),
            }
        }
        let alle = self.quelle_alle.trim();
        let mut fehler = vec![];
        if alle.chars().count() > MAX_QUELLE {
            fehler.push(Feldfehler::neu("quelle_alle", format!("Höchstens {MAX_QUELLE} Zeichen.")));
        }
        let neu = reihenfolge
            .into_iter()
            .filter_map(|id| {
                let (version, klassen, quelle) = zeilen.remove(&id)?;
                zeile(id, version, klassen, quelle, alle, &mut fehler)
            })
            .collect();
        if fehler.is_empty() { Ok(neu) } else { Err(fehler) }
    }
}

/// One row: ticked boxes need a source (its own or the common one); a source alone keeps "no
/// Größenklasse"; neither means "not kept".
fn zeile(
    id: i64,
    version: i64,
    klassen: Vec<Groessenklasse>,
    quelle: &str,
    alle: &str,
    fehler: &mut Vec<Feldfehler>,
) -> Option<ZustaendigkeitNeu> {
    if quelle.chars().count() > MAX_QUELLE {
        fehler.push(Feldfehler::neu(&quelle_feld(id), format!("Höchstens {MAX_QUELLE} Zeichen.")));
        return None;
    }
    let quelle = if quelle.is_empty() && !klassen.is_empty() { alle } else { quelle };
    match (klassen.is_empty(), quelle.is_empty()) {
        (true, true) => Some(ZustaendigkeitNeu { ozg_id: id, version, klassen: None, quelle: None }),
        (false, true) => {
            fehler.push(Feldfehler::neu(
                &quelle_feld(id),
                "Bitte geben Sie die Quelle an (Gesetz, Erlass oder Beschluss), auf der die Zuständigkeit beruht.",
            ));
            None
        }
        (_, false) => {
            let mut klassen = klassen;
            klassen.sort_by_key(|g| Groessenklasse::ALLE.iter().position(|x| x == g));
            Some(ZustaendigkeitNeu { ozg_id: id, version, klassen: Some(klassen), quelle: Some(quelle.to_string()) })
        }
    }
}

fn kuerzen(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Groessenklasse::*;

    fn eingabe(zeilen: &[(&str, &str, &str)], klassen: &[&str]) -> ZustaendigkeitEingabe {
        ZustaendigkeitEingabe {
            themenfeld: "bildung".into(),
            ozg: zeilen.iter().map(|z| z.0.to_string()).collect(),
            versionen: zeilen.iter().map(|z| z.1.to_string()).collect(),
            quellen: zeilen.iter().map(|z| z.2.to_string()).collect(),
            klassen: klassen.iter().map(|k| k.to_string()).collect(),
            quelle_alle: String::new(),
        }
    }

    #[test]
    fn stored_form_round_trips_in_a_fixed_order() {
        assert_eq!(speicherform(&[MittlereKreisangehoerigeStadt, KreisfreieStadt]), ";kreisfrei;mittel;");
        assert_eq!(speicherform(&[]), ";");
        assert_eq!(aus_speicherform(";kreisfrei;mittel;"), vec![KreisfreieStadt, MittlereKreisangehoerigeStadt]);
        assert_eq!(aus_speicherform(";unbekannt;gross;"), vec![GrosseKreisangehoerigeStadt]);
        assert!(aus_speicherform(";").is_empty());
    }

    #[test]
    fn a_row_is_kept_with_a_source_and_reset_without_one() {
        let e = eingabe(
            &[("10001", "0", "§ 1 Gesetz"), ("10002", "3", " "), ("10003", "1", "Erlass 2025")],
            &["10001:gross", "10001:kreisfrei", "10001:gross"],
        );
        let neu = e.lesen().unwrap();
        assert_eq!(neu[0].klassen, Some(vec![KreisfreieStadt, GrosseKreisangehoerigeStadt]));
        assert_eq!(neu[0].quelle.as_deref(), Some("§ 1 Gesetz"));
        assert_eq!((neu[1].klassen.clone(), neu[1].quelle.clone(), neu[1].version), (None, None, 3));
        assert_eq!(neu[2].klassen, Some(vec![]), "a source without boxes: no Größenklasse");
    }

    #[test]
    fn ticked_boxes_need_a_source_the_common_one_fills_in() {
        let mut e = eingabe(&[("10001", "0", ""), ("10002", "0", "")], &["10001:mittel"]);
        let f = e.lesen().unwrap_err();
        assert_eq!(f[0].feld, "quelle-10001");
        e.quelle_alle = "Beschluss der Koordination vom 1.12.2026".into();
        let neu = e.lesen().unwrap();
        assert_eq!(neu[0].quelle.as_deref(), Some("Beschluss der Koordination vom 1.12.2026"));
        assert_eq!(neu[1].klassen, None, "the common source does not keep untouched rows");
    }

    #[test]
    fn hostile_forms_are_refused_with_a_message() {
        let feld = |e: ZustaendigkeitEingabe| e.lesen().unwrap_err()[0].feld.clone();
        assert_eq!(feld(eingabe(&[("10001", "x", "")], &[])), "zeilen");
        assert_eq!(feld(eingabe(&[("10001", "0", ""), ("10001", "0", "")], &[])), "zeilen");
        assert_eq!(feld(eingabe(&[("10001", "0", "q")], &["10001:riesig"])), "zeilen");
        assert_eq!(feld(eingabe(&[("10001", "0", "q")], &["10009:gross"])), "zeilen");
        assert_eq!(feld(eingabe(&[("10001", "0", &"x".repeat(MAX_QUELLE + 1))], &[])), "quelle-10001");
        let mut e = eingabe(&[("10001", "0", "")], &[]);
        e.versionen.clear();
        assert_eq!(feld(e), "zeilen");
        let viele: Vec<(String, &str, &str)> = (0..=MAX_ZEILEN).map(|i| (format!("{}", 10000 + i), "0", "")).collect();
        let viele: Vec<(&str, &str, &str)> = viele.iter().map(|(a, b, c)| (a.as_str(), *b, *c)).collect();
        assert_eq!(feld(eingabe(&viele, &[])), "zeilen");
        let e = eingabe(&[("10001", "0", "q")], &["10001:gross"; 6]);
        assert_eq!(feld(e), "zeilen", "more boxes than rows × classes");
    }
}
