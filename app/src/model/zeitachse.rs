//! The timeline (Gantt) of the roadmap: where each phase lies on a month axis, and how a drag or
//! a key press changes the dates. Only start months are stored, so a phase ends where the next
//! planned phase begins; moving the end of a phase is moving the start of the next one.

use super::roadmap::{JAHR_MAX, JAHR_MIN, Phase, Phasen, monat};
use chrono::{Datelike, NaiveDate};

/// Months since year 0: the unit of the axis.
pub fn monatsindex(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0().cast_signed()
}

/// The first of the month `n` months after `d` (negative: before), kept within the allowed
/// years.
pub fn monate_plus(d: NaiveDate, n: i32) -> NaiveDate {
    let i = (monatsindex(d) + n).clamp(JAHR_MIN * 12, JAHR_MAX * 12 + 11);
    NaiveDate::from_ymd_opt(i.div_euclid(12), i.rem_euclid(12) as u32 + 1, 1).unwrap_or(d)
}

/// Inbetriebnahme NRW and Start bundesweiter Roll-out are events, drawn as milestones; the
/// other phases are bars.
pub fn ist_meilenstein(p: Phase) -> bool {
    matches!(p, Phase::Inbetriebnahme | Phase::Rollout)
}

/// What a pointer or key moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Griff {
    /// The whole bar: its start and its end (the next phase's start) by the same months.
    Ganz,
    /// Only the start.
    Anfang,
    /// Only the end, i.e. the start of the next planned phase.
    Ende,
}

/// One phase on the axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abschnitt {
    pub phase: Phase,
    pub von: NaiveDate,
    /// Start of the next planned phase; `None`: open (nothing planned after it) or a milestone.
    pub bis: Option<NaiveDate>,
    /// The next planned phase starts before this one (data-quality problem).
    pub widerspruch: bool,
}

impl Abschnitt {
    /// "Konzeption: April 2021 bis Dezember 2021" – the accessible name and tooltip.
    pub fn beschreibung(&self) -> String {
        let von = monat(self.von);
        match (ist_meilenstein(self.phase), self.bis) {
            (true, _) => format!("{}: {von}", self.phase.label()),
            (false, Some(bis)) if self.widerspruch => {
                format!("{}: ab {von}, aber die nächste Phase beginnt schon {}", self.phase.label(), monat(bis))
            }
            (false, Some(bis)) => format!("{}: {von} bis {}", self.phase.label(), monat(bis)),
            (false, None) => format!("{}: ab {von}, Ende offen", self.phase.label()),
        }
    }
}

impl Phasen {
    /// The next phase after `p` (in phase order) that has a start month.
    pub fn naechste(&self, p: Phase) -> Option<Phase> {
        Phase::ALLE.into_iter().filter(|q| *q > p).find(|q| self.beginn(*q).is_some())
    }

    pub fn setzen(&mut self, p: Phase, d: Option<NaiveDate>) {
        match p {
            Phase::Vorbereitung => self.vorbereitung = d,
            Phase::Konzeption => self.konzeption = d,
            Phase::Umsetzung => self.umsetzung = d,
            Phase::Pilotierung => self.pilotierung = d,
            Phase::Inbetriebnahme => self.inbetriebnahme = d,
            Phase::Rollout => self.rollout = d,
        }
    }

    fn schieben(&mut self, p: Phase, monate: i32) {
        if let Some(d) = self.beginn(p) {
            self.setzen(p, Some(monate_plus(d, monate)));
        }
    }

    /// The dates after moving phase `p` by `monate` with `griff`. A milestone has no end: every
    /// grip moves its date. A bar with an open end keeps it open.
    pub fn verschoben(&self, p: Phase, griff: Griff, monate: i32) -> Phasen {
        let mut neu = *self;
        let griff = if ist_meilenstein(p) { Griff::Anfang } else { griff };
        if matches!(griff, Griff::Ganz | Griff::Anfang) {
            neu.schieben(p, monate);
        }
        if matches!(griff, Griff::Ganz | Griff::Ende)
            && let Some(q) = self.naechste(p)
        {
            neu.schieben(q, monate);
        }
        neu
    }

    /// Every planned phase on the axis, in phase order.
    pub fn abschnitte(&self) -> Vec<Abschnitt> {
        Phase::ALLE
            .into_iter()
            .filter_map(|p| {
                let von = self.beginn(p)?;
                let bis = if ist_meilenstein(p) { None } else { self.naechste(p).and_then(|q| self.beginn(q)) };
                Some(Abschnitt { phase: p, von, bis, widerspruch: bis.is_some_and(|b| b < von) })
            })
            .collect()
    }
}

/// The month axis: whole years from the earliest to the latest date shown, and one year more
/// so a phase can be dragged past the last one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Achse {
    pub erstes_jahr: i32,
    pub letztes_jahr: i32,
}

impl Achse {
    pub fn fuer<'a>(phasen: impl IntoIterator<Item = &'a Phasen>, heute: NaiveDate) -> Achse {
        let mut jahre: Vec<i32> = phasen
            .into_iter()
            .flat_map(|p| Phase::ALLE.into_iter().filter_map(|ph| p.beginn(ph)))
            .map(|d| d.year())
            .collect();
        jahre.push(heute.year());
        let erstes = jahre.iter().copied().min().unwrap_or(heute.year()).max(JAHR_MIN);
        let letztes = (jahre.iter().copied().max().unwrap_or(heute.year()) + 1).min(JAHR_MAX);
        Achse { erstes_jahr: erstes, letztes_jahr: letztes }
    }

    pub fn monate(&self) -> i32 {
        (self.letztes_jahr - self.erstes_jahr + 1) * 12
    }

    /// Position of a month on the axis in months, 0 = January of the first year.
    pub fn x(&self, d: NaiveDate) -> i32 {
        monatsindex(d) - self.erstes_jahr * 12
    }
}

/// How much time one screen width shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zoom {
    Monat,
    #[default]
    Quartal,
    Jahr,
}

impl Zoom {
    pub const ALLE: [Zoom; 3] = [Zoom::Monat, Zoom::Quartal, Zoom::Jahr];

    pub fn code(self) -> &'static str {
        match self {
            Zoom::Monat => "monat",
            Zoom::Quartal => "quartal",
            Zoom::Jahr => "jahr",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Zoom::Monat => "Monate",
            Zoom::Quartal => "Quartale",
            Zoom::Jahr => "Jahre",
        }
    }
    pub fn aus_code(c: &str) -> Zoom {
        Zoom::ALLE.into_iter().find(|z| z.code() == c).unwrap_or_default()
    }
    /// Width of one month in CSS pixels.
    pub fn pixel_je_monat(self) -> i32 {
        match self {
            Zoom::Monat => 40,
            Zoom::Quartal => 16,
            Zoom::Jahr => 6,
        }
    }
    /// The labels of the axis: (first month in axis units, width in months, text, whether it is
    /// a year label). Years always, and months or quarters below them.
    pub fn beschriftung(self, achse: &Achse) -> Vec<(i32, i32, String, bool)> {
        const KURZ: [&str; 12] = ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"];
        let mut v = vec![];
        for jahr in achse.erstes_jahr..=achse.letztes_jahr {
            let basis = (jahr - achse.erstes_jahr) * 12;
            v.push((basis, 12, jahr.to_string(), true));
            match self {
                Zoom::Monat => v.extend((0..12).zip(KURZ).map(|(m, kurz)| (basis + m, 1, kurz.to_string(), false))),
                Zoom::Quartal => v.extend((0..4).map(|q| (basis + q * 3, 3, format!("Q{}", q + 1), false))),
                Zoom::Jahr => {}
            }
        }
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::roadmap::monat_parse;

    fn m(s: &str) -> Option<NaiveDate> {
        monat_parse(s).unwrap()
    }

    fn spreng() -> Phasen {
        Phasen {
            vorbereitung: m("02.2021"),
            konzeption: m("04.2021"),
            umsetzung: m("12.2021"),
            inbetriebnahme: m("06.2021"),
            ..Default::default()
        }
    }

    #[test]
    fn a_phase_ends_where_the_next_planned_one_begins() {
        let a = spreng().abschnitte();
        assert_eq!(a.len(), 4);
        assert_eq!((a[1].phase, a[1].bis), (Phase::Konzeption, m("12.2021")));
        // Umsetzung ends at Inbetriebnahme (no Pilotierung), which lies before it.
        assert_eq!((a[2].phase, a[2].bis, a[2].widerspruch), (Phase::Umsetzung, m("06.2021"), true));
        assert_eq!((a[3].phase, a[3].bis), (Phase::Inbetriebnahme, None));
        assert_eq!(a[1].beschreibung(), "Konzeption: April 2021 bis Dezember 2021");
        assert_eq!(a[3].beschreibung(), "Inbetriebnahme NRW: Juni 2021");
        let offen = Phasen { konzeption: m("01.2022"), ..Default::default() };
        assert_eq!(offen.abschnitte()[0].beschreibung(), "Konzeption: ab Januar 2022, Ende offen");
    }

    #[test]
    fn moving_a_bar_moves_its_end_too() {
        let p = spreng();
        let ganz = p.verschoben(Phase::Konzeption, Griff::Ganz, 2);
        assert_eq!((ganz.konzeption, ganz.umsetzung), (m("06.2021"), m("02.2022")));
        assert_eq!(ganz.vorbereitung, p.vorbereitung);
        let ende = p.verschoben(Phase::Konzeption, Griff::Ende, -1);
        assert_eq!((ende.konzeption, ende.umsetzung), (m("04.2021"), m("11.2021")));
        let anfang = p.verschoben(Phase::Konzeption, Griff::Anfang, -14);
        assert_eq!(anfang.konzeption, m("02.2020"), "across a year boundary");
        // A milestone moves alone, whatever the grip.
        let ms = p.verschoben(Phase::Inbetriebnahme, Griff::Ende, 7);
        assert_eq!((ms.inbetriebnahme, ms.umsetzung), (m("01.2022"), m("12.2021")));
        assert!(ms.reihenfolge_fehler().is_empty(), "that resolves the slide's contradiction");
        // Dates stay in the range the server accepts.
        assert_eq!(p.verschoben(Phase::Vorbereitung, Griff::Anfang, -1000).vorbereitung, m("01.2015"));
        assert_eq!(p.verschoben(Phase::Vorbereitung, Griff::Anfang, 1000).vorbereitung, m("12.2040"));
    }

    #[test]
    fn axis_covers_all_dates_and_today() {
        let p = spreng();
        let heute = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let a = Achse::fuer([&p], heute);
        assert_eq!((a.erstes_jahr, a.letztes_jahr, a.monate()), (2021, 2027, 84));
        assert_eq!(a.x(m("04.2021").unwrap()), 3);
        assert_eq!(Zoom::Quartal.beschriftung(&a)[2], (3, 3, "Q2".to_string(), false));
        assert_eq!(Zoom::Monat.beschriftung(&a)[13], (12, 12, "2022".to_string(), true));
        assert_eq!(Zoom::Jahr.beschriftung(&a).len(), 7);
        assert_eq!(Zoom::aus_code("unsinn"), Zoom::Quartal);
        let form = crate::model::roadmap::PhasenEingabe::von(&p);
        assert_eq!(form.umsetzung, "2021-12");
        assert_eq!(form.pilotierung, "");
    }
}
