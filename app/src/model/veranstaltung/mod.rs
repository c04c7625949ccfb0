//! Veranstaltungen: Informationsveranstaltungen, Themenfeld-Workshops, Labor-Termine, Webinare
//! and Konferenzen, with their dates ([`Termin`]) and the Anmeldung of logged-in people
//! (seats, waiting list, cancel deadline).

pub mod eingabe;
pub mod ergebnis;
pub mod termin;

pub use termin::Termin;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Art {
    Info,
    Workshop,
    Labor,
    Webinar,
    Konferenz,
}

impl Art {
    pub const ALLE: [Art; 5] = [Art::Info, Art::Workshop, Art::Labor, Art::Webinar, Art::Konferenz];

    pub fn code(self) -> &'static str {
        match self {
            Art::Info => "info",
            Art::Workshop => "workshop",
            Art::Labor => "labor",
            Art::Webinar => "webinar",
            Art::Konferenz => "konferenz",
        }
    }

    pub fn aus_code(code: &str) -> Option<Art> {
        Art::ALLE.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Art::Info => "Informationsveranstaltung",
            Art::Workshop => "Themenfeld-Workshop",
            Art::Labor => "Labor-Termin",
            Art::Webinar => "Webinar",
            Art::Konferenz => "Konferenz",
        }
    }
}

/// Registration in the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Anmeldung {
    /// No registration here (perhaps elsewhere: [`Veranstaltung::anmeldung_extern`]).
    Keine,
    Offen,
    /// Closed by the coordination; registered people keep their seats.
    Geschlossen,
}

impl Anmeldung {
    pub const ALLE: [Anmeldung; 3] = [Anmeldung::Keine, Anmeldung::Offen, Anmeldung::Geschlossen];

    pub fn code(self) -> &'static str {
        match self {
            Anmeldung::Keine => "keine",
            Anmeldung::Offen => "offen",
            Anmeldung::Geschlossen => "geschlossen",
        }
    }

    pub fn aus_code(code: &str) -> Option<Anmeldung> {
        Anmeldung::ALLE.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Anmeldung::Keine => "keine Anmeldung im Portal",
            Anmeldung::Offen => "Anmeldung offen",
            Anmeldung::Geschlossen => "Anmeldung geschlossen",
        }
    }
}

/// Where a person stands for an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Teilnahme {
    Platz,
    /// On the waiting list, with the place in it (1 = next to move up).
    Warteliste(i64),
    Abgemeldet,
}

impl Teilnahme {
    pub fn code(self) -> &'static str {
        match self {
            Teilnahme::Platz => "platz",
            Teilnahme::Warteliste(_) => "warteliste",
            Teilnahme::Abgemeldet => "abgemeldet",
        }
    }

    pub fn aktiv(self) -> bool {
        !matches!(self, Teilnahme::Abgemeldet)
    }

    pub fn anzeigen(self) -> String {
        match self {
            Teilnahme::Platz => "angemeldet".into(),
            Teilnahme::Warteliste(n) => format!("auf der Warteliste (Platz {n})"),
            Teilnahme::Abgemeldet => "abgemeldet".into(),
        }
    }
}

/// An event as everybody may see it: without the online link (only registered people get it,
/// see [`MeineTeilnahme`]) and without names of participants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Veranstaltung {
    pub id: i64,
    pub art: Art,
    pub titel: String,
    pub beschreibung: Option<String>,
    /// Agenda items, one per line as entered.
    pub agenda: Vec<String>,
    /// (id, name, slug)
    pub themenfeld: Option<(i64, String, String)>,
    pub termin: Termin,
    /// What the source adds to the date ("voraussichtlich 12.12.").
    pub termin_hinweis: Option<String>,
    pub ort: Option<String>,
    /// The Kommune the event takes place in: (AGS, name, Kreis AGS, Kreis name).
    pub kommune: Option<(String, String, String, String)>,
    /// Whether there is an online link (its address goes to registered people only).
    pub online: bool,
    /// Registration elsewhere (the seed's "Anmeldung: www.kdn.de").
    pub anmeldung_extern: Option<String>,
    pub anmeldung: Anmeldung,
    /// Seats; none = unlimited.
    pub plaetze: Option<i64>,
    pub belegt: i64,
    pub warteliste: i64,
    /// Last day on which a registration can be cancelled.
    pub abmeldeschluss: Option<NaiveDate>,
    pub abgesagt: bool,
    pub quelle: String,
    pub geaendert_ms: i64,
    pub version: i64,
}

impl Veranstaltung {
    pub fn frei(&self) -> Option<i64> {
        self.plaetze.map(|p| (p - self.belegt).max(0))
    }

    /// Whether a registration now gets a seat or goes to the waiting list.
    pub fn ausgebucht(&self) -> bool {
        self.frei() == Some(0)
    }

    /// Whether registering is possible now (open, not cancelled, not over).
    pub fn anmeldbar(&self, heute: NaiveDate) -> bool {
        self.anmeldung == Anmeldung::Offen && !self.abgesagt && !self.termin.vorbei(heute)
    }

    /// Whether a registration may still be cancelled (until the deadline, else until the end).
    pub fn abmeldbar(&self, heute: NaiveDate) -> bool {
        match self.abmeldeschluss {
            Some(s) => heute <= s,
            None => !self.termin.vorbei(heute),
        }
    }

    pub fn ort_text(&self) -> Option<String> {
        match (&self.ort, &self.kommune) {
            (Some(o), _) => Some(o.clone()),
            (None, Some((_, name, _, _))) => Some(name.clone()),
            (None, None) if self.online => Some("online".into()),
            _ => None,
        }
    }
}

/// The caller's own registration, with the online link when they have a seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeineTeilnahme {
    pub status: Option<Teilnahme>,
    pub online_url: Option<String>,
}

/// One registered person as the coordination sees them (names and addresses are not public).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Teilnehmer {
    pub benutzer_id: i64,
    pub name: String,
    /// Only for the coordination.
    pub email: Option<String>,
    pub kommune: Option<String>,
    pub status: Teilnahme,
    pub seit_ms: i64,
}

/// Everything the page of one event shows, tailored to who asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VeranstaltungSeite {
    pub veranstaltung: Veranstaltung,
    pub ich: Option<MeineTeilnahme>,
    /// Logged-in readers see names and Kommunen of those with a seat; the coordination sees
    /// everyone with status and e-mail; anonymous readers see only the Kommunen.
    pub teilnehmende: Vec<Teilnehmer>,
    pub kommunen_vertreten: Vec<String>,
    /// Colleagues of the caller's Kommune, whom they may register: (id, name, status).
    pub kollegen: Vec<(i64, String, Option<Teilnahme>)>,
    /// The caller may edit the event and see the list.
    pub verwalten: bool,
    /// Projects and online services that came out of it.
    pub ergebnisse: Vec<ergebnis::Ergebnis>,
    /// For the coordination: what could be linked (not yet linked); empty for everyone else.
    pub ergebnis_auswahl: Vec<ergebnis::Ergebnis>,
    /// The server's date: what is open or past (the browser's clock is not asked).
    pub heute: NaiveDate,
}

/// The filterable list: facets `art`, `tf` (Themenfeld id), `kreis` (Kreis AGS) and `zeit`
/// (kommend / vergangen).
pub fn zeitraum_label(code: &str) -> &'static str {
    match code {
        "kommend" => "kommend",
        "vergangen" => "vergangen",
        _ => "",
    }
}

/// The month a calendar shows, from `monat=JJJJ-MM` (else the month of `heute`).
pub fn kalendermonat(wert: Option<&str>, heute: NaiveDate) -> (i32, u32) {
    use chrono::Datelike;
    wert.and_then(|w| {
        let (j, m) = w.split_once('-')?;
        let (j, m) = (j.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
        (termin::JAHRE.contains(&j) && (1..=12).contains(&m)).then_some((j, m))
    })
    .unwrap_or((heute.year(), heute.month()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(termin: &str) -> Veranstaltung {
        Veranstaltung {
            id: 1,
            art: Art::Workshop,
            titel: "W".into(),
            beschreibung: None,
            agenda: vec![],
            themenfeld: None,
            termin: Termin::lesen(termin).unwrap(),
            termin_hinweis: None,
            ort: None,
            kommune: None,
            online: false,
            anmeldung_extern: None,
            anmeldung: Anmeldung::Offen,
            plaetze: Some(2),
            belegt: 2,
            warteliste: 1,
            abmeldeschluss: None,
            abgesagt: false,
            quelle: String::new(),
            geaendert_ms: 0,
            version: 1,
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn seats_deadline_and_state() {
        let mut w = v("03.12.2019");
        assert!(w.ausgebucht());
        assert_eq!(w.frei(), Some(0));
        assert!(w.anmeldbar(d("2019-12-03")) && !w.anmeldbar(d("2019-12-04")));
        assert!(w.abmeldbar(d("2019-12-03")));
        w.abmeldeschluss = Some(d("2019-11-30"));
        assert!(w.abmeldbar(d("2019-11-30")) && !w.abmeldbar(d("2019-12-01")));
        w.abgesagt = true;
        assert!(!w.anmeldbar(d("2019-11-01")));
        w.plaetze = None;
        assert!(!w.ausgebucht());
    }

    #[test]
    fn codes_round_trip() {
        for a in Art::ALLE {
            assert_eq!(Art::aus_code(a.code()), Some(a));
        }
        for a in Anmeldung::ALLE {
            assert_eq!(Anmeldung::aus_code(a.code()), Some(a));
        }
        assert_eq!(kalendermonat(Some("2019-11"), d("2026-12-04")), (2019, 11));
        assert_eq!(kalendermonat(Some("2019-13"), d("2026-12-04")), (2026, 12));
        assert_eq!(kalendermonat(Some("x"), d("2026-12-04")), (2026, 12));
    }
}
