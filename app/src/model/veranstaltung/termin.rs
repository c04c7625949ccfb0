//! The date of a Veranstaltung with its precision: a day with times, whole days, a month or a
//! quarter. A planned workshop "Q1 2020" stays a quarter – no page, feed or sort ever turns it
//! into a day that nobody named. Times are wall-clock times in Europe/Berlin.

use chrono::{Datelike, Months, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Termin {
    /// One day with a start time and an optional end time.
    Zeit {
        tag: NaiveDate,
        beginn: NaiveTime,
        ende: Option<NaiveTime>,
    },
    /// Whole days, `von` = `bis` for a single day.
    Tage {
        von: NaiveDate,
        bis: NaiveDate,
    },
    Monat {
        jahr: i32,
        monat: u32,
    },
    Quartal {
        jahr: i32,
        quartal: u32,
    },
}

const MONATE: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const WOCHENTAGE: [&str; 7] = ["Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So."];

/// The years a date may lie in: wide enough for the OZG's history and plans, narrow enough to
/// catch a typing error ("20199").
pub const JAHRE: std::ops::RangeInclusive<i32> = 2017..=2040;

pub fn monatsname(monat: u32) -> &'static str {
    MONATE.get(monat.saturating_sub(1) as usize).copied().unwrap_or("")
}

pub fn wochentag(d: NaiveDate) -> &'static str {
    WOCHENTAGE[d.weekday().num_days_from_monday() as usize]
}

fn tag_text(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

fn erster(jahr: i32, monat: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(jahr, monat, 1).unwrap_or_default()
}

fn letzter(jahr: i32, monat: u32) -> NaiveDate {
    erster(jahr, monat).checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or_default()
}

impl Termin {
    /// Code of the precision, as stored (`genauigkeit`).
    pub fn genauigkeit(&self) -> &'static str {
        match self {
            Termin::Zeit { .. } => "zeit",
            Termin::Tage { .. } => "tag",
            Termin::Monat { .. } => "monat",
            Termin::Quartal { .. } => "quartal",
        }
    }

    /// First day of the span the date covers.
    pub fn von(&self) -> NaiveDate {
        match *self {
            Termin::Zeit { tag, .. } => tag,
            Termin::Tage { von, .. } => von,
            Termin::Monat { jahr, monat } => erster(jahr, monat),
            Termin::Quartal { jahr, quartal } => erster(jahr, quartal * 3 - 2),
        }
    }

    /// Last day of the span the date covers.
    pub fn bis(&self) -> NaiveDate {
        match *self {
            Termin::Zeit { tag, .. } => tag,
            Termin::Tage { bis, .. } => bis,
            Termin::Monat { jahr, monat } => letzter(jahr, monat),
            Termin::Quartal { jahr, quartal } => letzter(jahr, quartal * 3),
        }
    }

    /// Whether the date names a day (with or without times).
    pub fn hat_tag(&self) -> bool {
        matches!(self, Termin::Zeit { .. } | Termin::Tage { .. })
    }

    /// Over once its last day has passed.
    pub fn vorbei(&self, heute: NaiveDate) -> bool {
        self.bis() < heute
    }

    /// As precisely as known: "Di., 03.12.2019, 10:00–16:00 Uhr", "18.10.2019",
    /// "18.10.–19.10.2019", "Dezember 2019", "Q1 2020".
    pub fn anzeigen(&self) -> String {
        match *self {
            Termin::Zeit { tag, beginn, ende } => {
                let zeit = match ende {
                    Some(e) => format!("{}–{} Uhr", beginn.format("%H:%M"), e.format("%H:%M")),
                    None => format!("{} Uhr", beginn.format("%H:%M")),
                };
                format!("{}, {}, {zeit}", wochentag(tag), tag_text(tag))
            }
            Termin::Tage { von, bis } if von == bis => format!("{}, {}", wochentag(von), tag_text(von)),
            Termin::Tage { von, bis } => format!("{}–{}", von.format("%d.%m."), tag_text(bis)),
            Termin::Monat { jahr, monat } => format!("{} {jahr}", monatsname(monat)),
            Termin::Quartal { jahr, quartal } => format!("Q{quartal} {jahr}"),
        }
    }

    /// The spoken form for the precision ("genauer Tag noch offen" for month and quarter).
    pub fn genauigkeit_text(&self) -> Option<String> {
        match *self {
            Termin::Monat { .. } => Some("Tag noch nicht festgelegt".into()),
            Termin::Quartal { jahr, quartal } => Some(format!(
                "{}–{} {jahr}, Tag noch nicht festgelegt",
                monatsname(quartal * 3 - 2),
                monatsname(quartal * 3)
            )),
            _ => None,
        }
    }

    /// The text a form field shows for this date; [`Termin::lesen`] reads it back.
    pub fn eingabe(&self) -> String {
        match *self {
            Termin::Zeit { tag, beginn, ende: Some(e) } => {
                format!("{} {}–{}", tag_text(tag), beginn.format("%H:%M"), e.format("%H:%M"))
            }
            Termin::Zeit { tag, beginn, ende: None } => format!("{} {}", tag_text(tag), beginn.format("%H:%M")),
            Termin::Tage { von, bis } if von == bis => tag_text(von),
            Termin::Tage { von, bis } => format!("{}–{}", tag_text(von), tag_text(bis)),
            Termin::Monat { jahr, monat } => format!("{monat:02}.{jahr}"),
            Termin::Quartal { jahr, quartal } => format!("Q{quartal} {jahr}"),
        }
    }

    /// Reads the stored columns back; `None` if they do not fit together.
    pub fn aus_spalten(
        genauigkeit: &str,
        von: NaiveDate,
        bis: NaiveDate,
        beginn: Option<&str>,
        ende: Option<&str>,
    ) -> Option<Termin> {
        let zeit = |t: Option<&str>| t.and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
        match genauigkeit {
            "zeit" => Some(Termin::Zeit { tag: von, beginn: zeit(beginn)?, ende: zeit(ende) }),
            "tag" => Some(Termin::Tage { von, bis }),
            "monat" => Some(Termin::Monat { jahr: von.year(), monat: von.month() }),
            "quartal" => Some(Termin::Quartal { jahr: von.year(), quartal: von.month().div_ceil(3) }),
            _ => None,
        }
    }

    /// Start and end time as stored ("HH:MM").
    pub fn zeiten(&self) -> (Option<String>, Option<String>) {
        match self {
            Termin::Zeit { beginn, ende, .. } => {
                (Some(beginn.format("%H:%M").to_string()), ende.map(|e| e.format("%H:%M").to_string()))
            }
            _ => (None, None),
        }
    }

    /// Reads what a person or a data file writes: "03.12.2019 10:00–16:00", "03.12.2019 10:00",
    /// "03.12.2019", "18.10.2019–19.10.2019", "12.2019" or "Dezember 2019", "Q1 2020", and the
    /// ISO forms "2019-12-03", "2019-12", "2020-Q1". The message says what was expected.
    pub fn lesen(text: &str) -> Result<Termin, String> {
        let t = text.trim().replace(" bis ", "–").replace(" - ", "–");
        let falsch = || {
            format!(
                "„{}“ ist kein Termin. Möglich sind z. B. 03.12.2019 10:00–16:00, 03.12.2019, \
                 18.10.2019–19.10.2019, 12.2019, Dezember 2019 oder Q1 2020.",
                super::super::text::zitat(text.trim())
            )
        };
        let termin = quartal_lesen(&t)
            .or_else(|| monat_lesen(&t))
            .or_else(|| tage_lesen(&t))
            .or_else(|| zeit_lesen(&t))
            .ok_or_else(falsch)??;
        if !JAHRE.contains(&termin.von().year()) || !JAHRE.contains(&termin.bis().year()) {
            return Err(format!("Der Termin muss zwischen {} und {} liegen.", JAHRE.start(), JAHRE.end()));
        }
        Ok(termin)
    }
}

type Gelesen = Option<Result<Termin, String>>;

fn tag_lesen(t: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(t.trim(), "%d.%m.%Y").or_else(|_| NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d")).ok()
}

fn quartal_lesen(t: &str) -> Gelesen {
    let (q, jahr) = if let Some(r) = t.strip_prefix(['Q', 'q']) {
        let (q, j) = r.split_once([' ', '/'])?;
        (q, j)
    } else {
        let (j, q) = t.split_once("-Q")?;
        (q, j)
    };
    let (q, jahr) = (q.trim().parse::<u32>().ok()?, jahr.trim().parse::<i32>().ok()?);
    Some(if (1..=4).contains(&q) {
        Ok(Termin::Quartal { jahr, quartal: q })
    } else {
        Err("Ein Quartal ist Q1, Q2, Q3 oder Q4.".into())
    })
}

fn monat_lesen(t: &str) -> Gelesen {
    if let Some((name, jahr)) = t.split_once(' ') {
        let monat = MONATE.iter().position(|m| m.eq_ignore_ascii_case(name.trim()))?;
        let jahr = jahr.trim().parse::<i32>().ok()?;
        return Some(Ok(Termin::Monat { jahr, monat: u32::try_from(monat).ok()? + 1 }));
    }
    let (a, b) = t.split_once(['.', '-'])?;
    let (monat, jahr) = if a.len() == 4 { (b, a) } else { (a, b) };
    if jahr.len() != 4 || monat.contains(['.', '-']) {
        return None;
    }
    let (monat, jahr) = (monat.parse::<u32>().ok()?, jahr.parse::<i32>().ok()?);
    Some(if (1..=12).contains(&monat) {
        Ok(Termin::Monat { jahr, monat })
    } else {
        Err(format!("Einen Monat {monat} gibt es nicht."))
    })
}

fn tage_lesen(t: &str) -> Gelesen {
    if let Some(d) = tag_lesen(t) {
        return Some(Ok(Termin::Tage { von: d, bis: d }));
    }
    let (a, b) = t.split_once(['–', '—'])?;
    let (von, bis) = (tag_lesen(a)?, tag_lesen(b)?);
    Some(if bis >= von { Ok(Termin::Tage { von, bis }) } else { Err("Der letzte Tag liegt vor dem ersten.".into()) })
}

fn zeit_lesen(t: &str) -> Gelesen {
    let (tag, zeiten) = t.split_once([' ', 'T'])?;
    let tag = tag_lesen(tag)?;
    let zeiten = zeiten.trim().trim_end_matches("Uhr").trim();
    let uhr = |z: &str| NaiveTime::parse_from_str(z.trim(), "%H:%M").ok();
    let (beginn, ende) = match zeiten.split_once(['–', '—', '/']) {
        Some((a, b)) => (uhr(a)?, Some(uhr(b)?)),
        None => (uhr(zeiten)?, None),
    };
    Some(match ende {
        Some(e) if e <= beginn => Err("Das Ende liegt nicht nach dem Beginn.".into()),
        _ => Ok(Termin::Zeit { tag, beginn, ende }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_form_is_read_and_written_back() {
        for (ein, anzeige) in [
            ("03.12.2019 10:00–16:00", "Di., 03.12.2019, 10:00–16:00 Uhr"),
            ("03.12.2019 10:00", "Di., 03.12.2019, 10:00 Uhr"),
            ("18.10.2019", "Fr., 18.10.2019"),
            ("18.10.2019–19.10.2019", "18.10.–19.10.2019"),
            ("12.2019", "Dezember 2019"),
            ("Q1 2020", "Q1 2020"),
        ] {
            let t = Termin::lesen(ein).unwrap();
            assert_eq!(t.anzeigen(), anzeige, "{ein}");
            assert_eq!(Termin::lesen(&t.eingabe()).unwrap(), t, "{ein}");
            let (b, e) = t.zeiten();
            assert_eq!(Termin::aus_spalten(t.genauigkeit(), t.von(), t.bis(), b.as_deref(), e.as_deref()), Some(t));
        }
    }

    #[test]
    fn iso_and_spoken_forms_of_the_data_files() {
        assert_eq!(Termin::lesen("2020-Q1").unwrap(), Termin::Quartal { jahr: 2020, quartal: 1 });
        assert_eq!(Termin::lesen("2019-12").unwrap(), Termin::Monat { jahr: 2019, monat: 12 });
        assert_eq!(Termin::lesen("Dezember 2019").unwrap(), Termin::Monat { jahr: 2019, monat: 12 });
        assert_eq!(Termin::lesen("2019-12-03").unwrap(), Termin::Tage { von: d("2019-12-03"), bis: d("2019-12-03") });
        assert_eq!(Termin::lesen("2019-12-03T10:00/12:30").unwrap().anzeigen(), "Di., 03.12.2019, 10:00–12:30 Uhr");
    }

    #[test]
    fn a_quarter_spans_its_three_months_and_no_day_is_invented() {
        let q = Termin::lesen("Q4 2019").unwrap();
        assert_eq!((q.von(), q.bis()), (d("2019-10-01"), d("2019-12-31")));
        assert!(!q.hat_tag());
        assert_eq!(q.genauigkeit_text().unwrap(), "Oktober–Dezember 2019, Tag noch nicht festgelegt");
        let m = Termin::lesen("02.2020").unwrap();
        assert_eq!((m.von(), m.bis()), (d("2020-02-01"), d("2020-02-29")));
        assert!(q.vorbei(d("2020-01-01")) && !q.vorbei(d("2019-12-31")));
    }

    #[test]
    fn wrong_dates_say_what_is_expected() {
        for (ein, teil) in [
            ("", "kein Termin"),
            ("morgen", "kein Termin"),
            ("Q5 2020", "Q1, Q2, Q3 oder Q4"),
            ("13.2020", "Monat 13"),
            ("31.02.2020", "kein Termin"),
            ("19.10.2019–18.10.2019", "vor dem ersten"),
            ("03.12.2019 16:00–10:00", "nicht nach dem Beginn"),
            ("03.12.2019 25:00", "kein Termin"),
            ("Q1 1999", "zwischen 2017 und 2040"),
            ("01.01.20199", "Termin"),
        ] {
            let f = Termin::lesen(ein).unwrap_err();
            assert!(f.contains(teil), "{ein}: {f}");
        }
        let lang = "9".repeat(10_000);
        assert!(Termin::lesen(&lang).unwrap_err().len() < 300);
    }
}
