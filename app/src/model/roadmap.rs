//! Umsetzungsprojekte of the roadmap: six phases, each with a start month. The status is
//! derived from the dates and a reference day, never stored.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The range of years a date may take (the server refuses others).
pub const JAHR_MIN: i32 = 2015;
pub const JAHR_MAX: i32 = 2040;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Phase {
    Vorbereitung,
    Konzeption,
    Umsetzung,
    Pilotierung,
    Inbetriebnahme,
    Rollout,
}

impl Phase {
    pub const ALLE: [Phase; 6] = [
        Phase::Vorbereitung,
        Phase::Konzeption,
        Phase::Umsetzung,
        Phase::Pilotierung,
        Phase::Inbetriebnahme,
        Phase::Rollout,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Vorbereitung => "Vorbereitung",
            Phase::Konzeption => "Konzeption",
            Phase::Umsetzung => "Umsetzung",
            Phase::Pilotierung => "Pilotierung NRW",
            Phase::Inbetriebnahme => "Inbetriebnahme NRW",
            Phase::Rollout => "Start bundesweiter Roll-out",
        }
    }

    /// Column name and URL code.
    pub fn code(self) -> &'static str {
        match self {
            Phase::Vorbereitung => "vorbereitung",
            Phase::Konzeption => "konzeption",
            Phase::Umsetzung => "umsetzung",
            Phase::Pilotierung => "pilotierung",
            Phase::Inbetriebnahme => "inbetriebnahme",
            Phase::Rollout => "rollout",
        }
    }

    pub fn aus_code(code: &str) -> Option<Phase> {
        Phase::ALLE.into_iter().find(|p| p.code() == code)
    }
}

/// The derived state of a project on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Status {
    /// No phase has started yet.
    Geplant,
    In(Phase),
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Geplant => "Geplant",
            Status::In(p) => p.label(),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Status::Geplant => "geplant",
            Status::In(p) => p.code(),
        }
    }
    pub fn alle() -> impl Iterator<Item = Status> {
        std::iter::once(Status::Geplant).chain(Phase::ALLE.into_iter().map(Status::In))
    }
    pub fn aus_code(code: &str) -> Option<Status> {
        Status::alle().find(|s| s.code() == code)
    }
}

/// Start months of the six phases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phasen {
    pub vorbereitung: Option<NaiveDate>,
    pub konzeption: Option<NaiveDate>,
    pub umsetzung: Option<NaiveDate>,
    pub pilotierung: Option<NaiveDate>,
    pub inbetriebnahme: Option<NaiveDate>,
    pub rollout: Option<NaiveDate>,
}

impl Phasen {
    pub fn beginn(&self, p: Phase) -> Option<NaiveDate> {
        match p {
            Phase::Vorbereitung => self.vorbereitung,
            Phase::Konzeption => self.konzeption,
            Phase::Umsetzung => self.umsetzung,
            Phase::Pilotierung => self.pilotierung,
            Phase::Inbetriebnahme => self.inbetriebnahme,
            Phase::Rollout => self.rollout,
        }
    }

    /// The phase the project is in on `tag`: the latest phase (in phase order) that has started.
    /// With dates out of order this is still the furthest phase reached, which is what a
    /// coordinator reads off the slide; the order problem is reported separately.
    pub fn status(&self, tag: NaiveDate) -> Status {
        Phase::ALLE
            .into_iter()
            .rev()
            .find(|p| self.beginn(*p).is_some_and(|d| d <= tag))
            .map_or(Status::Geplant, Status::In)
    }

    /// Pairs of phases whose dates contradict the phase order (a later phase starting before an
    /// earlier one), for the data-quality warning.
    pub fn reihenfolge_fehler(&self) -> Vec<(Phase, Phase)> {
        let gesetzt: Vec<(Phase, NaiveDate)> =
            Phase::ALLE.into_iter().filter_map(|p| self.beginn(p).map(|d| (p, d))).collect();
        let mut fehler = vec![];
        for (i, (frueh, d1)) in gesetzt.iter().enumerate() {
            for (spaet, d2) in &gesetzt[i + 1..] {
                if d2 < d1 {
                    fehler.push((*frueh, *spaet));
                }
            }
        }
        fehler
    }
}

/// One Umsetzungsprojekt as listed on the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Projekt {
    pub id: i64,
    pub name: String,
    pub beschreibung: Option<String>,
    pub efa_status: Option<String>,
    pub phasen: Phasen,
    /// (id, name, slug) of its Themenfelder.
    pub themenfelder: Vec<(i64, String, String)>,
    /// (OZG-ID, name) of its linked OZG-Leistungen.
    pub leistungen: Vec<(i64, String)>,
    pub quelle: String,
    pub version: i64,
    pub status: Status,
    pub reihenfolge_fehler: Vec<(Phase, Phase)>,
    /// Archived: off the roadmap and the timeline, page and history kept, can be restored.
    #[serde(default)]
    pub archiviert: bool,
}

impl Projekt {
    /// The project after a save of `phasen` that produced `version`, with status and order check
    /// derived anew for `stichtag`.
    pub fn mit_phasen(self, phasen: Phasen, version: i64, stichtag: NaiveDate) -> Projekt {
        Projekt {
            status: phasen.status(stichtag),
            reihenfolge_fehler: phasen.reihenfolge_fehler(),
            phasen,
            version,
            ..self
        }
    }
}

/// "Februar 2021".
pub fn monat(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", super::veranstaltung::termin::monatsname(d.month()), d.year())
}

/// The table of the roadmap page with the reference day its statuses were derived for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roadmap {
    pub stichtag: NaiveDate,
    pub projekte: Vec<Projekt>,
    /// Every Themenfeld that has at least one project: (id, name, count).
    pub themenfelder: Vec<(i64, String, i64)>,
    pub gesamt: usize,
    /// Archived projects (id, name): listed apart, so their pages stay found.
    #[serde(default)]
    pub archiviert: Vec<(i64, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    /// Sprengstofferlaubnis as on the slide.
    fn spreng() -> Phasen {
        Phasen {
            vorbereitung: d("2021-02-01"),
            konzeption: d("2021-04-01"),
            umsetzung: d("2021-12-01"),
            pilotierung: None,
            inbetriebnahme: d("2021-06-01"),
            rollout: None,
        }
    }

    #[test]
    fn status_follows_the_dates() {
        let p = spreng();
        assert_eq!(p.status(d("2021-01-15").unwrap()), Status::Geplant);
        assert_eq!(p.status(d("2021-02-01").unwrap()), Status::In(Phase::Vorbereitung));
        assert_eq!(p.status(d("2021-04-30").unwrap()), Status::In(Phase::Konzeption));
        assert_eq!(p.status(d("2021-07-01").unwrap()), Status::In(Phase::Inbetriebnahme));
        assert_eq!(p.status(d("2026-11-22").unwrap()), Status::In(Phase::Inbetriebnahme));
    }

    #[test]
    fn out_of_order_dates_are_reported() {
        assert_eq!(spreng().reihenfolge_fehler(), vec![(Phase::Umsetzung, Phase::Inbetriebnahme)]);
        let ok = Phasen { vorbereitung: d("2020-01-01"), konzeption: d("2020-01-01"), ..Default::default() };
        assert!(ok.reihenfolge_fehler().is_empty(), "two phases may start in the same month");
    }

    #[test]
    fn codes_roundtrip() {
        for s in Status::alle() {
            assert_eq!(Status::aus_code(s.code()), Some(s));
        }
        assert_eq!(monat(d("2021-03-01").unwrap()), "März 2021");
    }
}

/// The phase form as it arrives: one month per phase as typed ("JJJJ-MM", "MM.JJJJ" or empty
/// for "not planned"). `projekt_speichern` takes it as one parameter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhasenEingabe {
    pub vorbereitung: String,
    pub konzeption: String,
    pub umsetzung: String,
    pub pilotierung: String,
    pub inbetriebnahme: String,
    pub rollout: String,
}

impl PhasenEingabe {
    /// The form values of stored phases.
    pub fn von(p: &Phasen) -> Self {
        let monat = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m").to_string()).unwrap_or_default();
        PhasenEingabe {
            vorbereitung: monat(p.vorbereitung),
            konzeption: monat(p.konzeption),
            umsetzung: monat(p.umsetzung),
            pilotierung: monat(p.pilotierung),
            inbetriebnahme: monat(p.inbetriebnahme),
            rollout: monat(p.rollout),
        }
    }

    /// The phases, or a message per field: first every unreadable month, then (if all were
    /// readable) every phase out of order.
    pub fn lesen(&self) -> Result<Phasen, Vec<crate::error::Feldfehler>> {
        use crate::error::Feldfehler;
        let mut fehler = vec![];
        let mut lesen = |feld: &str, wert: &str| monat_feld(feld, wert, &mut fehler);
        let neu = Phasen {
            vorbereitung: lesen("vorbereitung", &self.vorbereitung),
            konzeption: lesen("konzeption", &self.konzeption),
            umsetzung: lesen("umsetzung", &self.umsetzung),
            pilotierung: lesen("pilotierung", &self.pilotierung),
            inbetriebnahme: lesen("inbetriebnahme", &self.inbetriebnahme),
            rollout: lesen("rollout", &self.rollout),
        };
        if fehler.is_empty() {
            fehler.extend(neu.pruefen().into_iter().map(|(ph, m)| Feldfehler::neu(ph.code(), m)));
        }
        if fehler.is_empty() { Ok(neu) } else { Err(fehler) }
    }
}

/// A month field of a form: the month (`None` if empty or unreadable); an unreadable one adds
/// its message for the field to `fehler`.
pub fn monat_feld(feld: &str, wert: &str, fehler: &mut Vec<crate::error::Feldfehler>) -> Option<NaiveDate> {
    monat_parse(wert).unwrap_or_else(|m| {
        fehler.push(crate::error::Feldfehler::neu(feld, m));
        None
    })
}

/// A month as typed in a form: "2021-12" (input type=month), "12.2021" or "12/2021".
/// Stored as the first day of the month.
pub fn monat_parse(raw: &str) -> Result<Option<NaiveDate>, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let zitiert = crate::model::text::zitat(s);
    let (jahr, mon) = if let Some((j, m)) = s.split_once('-') {
        (j, m)
    } else if let Some((m, j)) = s.split_once(['.', '/']) {
        (j, m)
    } else {
        return Err(format!("„{zitiert}“ ist kein Monat. Bitte als MM.JJJJ angeben, z. B. 12.2021."));
    };
    let datum = match (jahr.trim().parse::<i32>(), mon.trim().parse::<u32>()) {
        (Ok(j), Ok(m)) => NaiveDate::from_ymd_opt(j, m, 1),
        _ => None,
    };
    match datum {
        Some(d) if (JAHR_MIN..=JAHR_MAX).contains(&chrono::Datelike::year(&d)) => Ok(Some(d)),
        Some(_) => Err(format!("„{zitiert}“ liegt außerhalb von {JAHR_MIN} bis {JAHR_MAX}.")),
        None => Err(format!("„{zitiert}“ ist kein Monat. Bitte als MM.JJJJ angeben, z. B. 12.2021.")),
    }
}

impl Phasen {
    /// The data-quality notes of the dates as stored, one per contradicting pair, e.g.
    /// "Umsetzung beginnt (Dezember 2021) nach Inbetriebnahme NRW (Juni 2021)."
    pub fn hinweise(&self) -> Vec<String> {
        self.reihenfolge_fehler()
            .into_iter()
            .map(|(frueh, spaet)| {
                format!(
                    "{} beginnt ({}) nach {} ({}).",
                    frueh.label(),
                    self.beginn(frueh).map(monat).unwrap_or_default(),
                    spaet.label(),
                    self.beginn(spaet).map(monat).unwrap_or_default()
                )
            })
            .collect()
    }

    /// The rule a save must meet: every phase starts no earlier than the phases before it.
    /// Returns one message per offending phase (the later one of each pair).
    pub fn pruefen(&self) -> Vec<(Phase, String)> {
        let mut fehler: Vec<(Phase, String)> = vec![];
        for (frueh, spaet) in self.reihenfolge_fehler() {
            if fehler.iter().any(|(p, _)| *p == spaet) {
                continue;
            }
            fehler.push((
                spaet,
                format!(
                    "{} ({}) darf nicht vor {} ({}) beginnen.",
                    spaet.label(),
                    self.beginn(spaet).map(monat).unwrap_or_default(),
                    frueh.label(),
                    self.beginn(frueh).map(monat).unwrap_or_default()
                ),
            ));
        }
        fehler
    }
}

#[cfg(test)]
mod pruef_tests {
    use super::*;

    #[test]
    fn months_in_three_spellings() {
        let d = NaiveDate::from_ymd_opt(2021, 12, 1);
        assert_eq!(monat_parse("2021-12"), Ok(d));
        assert_eq!(monat_parse("12.2021"), Ok(d));
        assert_eq!(monat_parse(" 12/2021 "), Ok(d));
        assert_eq!(monat_parse(""), Ok(None));
        assert!(monat_parse("13.2021").is_err());
        assert!(monat_parse("Dezember").is_err());
        assert!(monat_parse("01.1999").unwrap_err().contains("außerhalb"));
    }

    #[test]
    fn a_save_must_keep_the_order() {
        let p = Phasen {
            vorbereitung: monat_parse("02.2021").unwrap(),
            umsetzung: monat_parse("12.2021").unwrap(),
            inbetriebnahme: monat_parse("06.2021").unwrap(),
            ..Default::default()
        };
        let f = p.pruefen();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, Phase::Inbetriebnahme);
        assert_eq!(f[0].1, "Inbetriebnahme NRW (Juni 2021) darf nicht vor Umsetzung (Dezember 2021) beginnen.");
    }
}
