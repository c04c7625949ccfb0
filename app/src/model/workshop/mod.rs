//! Workshop-Modus: a live session of a Themenfeld-Workshop. The facilitator (coordination)
//! leads through the portal's pages; every screen that follows shows the same view; questions
//! to the room are answered from laptops and phones, the results appear live on the projector,
//! and a result can be taken into the data as the workshop's decision.
//!
//! Participants join with a short [`Code`]: with their account, or as guests (name and Kommune)
//! who can only answer, and only while the session is open.

pub mod protokoll;

use crate::error::Feldfehler;
use serde::{Deserialize, Serialize};

/// Six characters without look-alikes (no 0/O, 1/I/L): read from a projector across a room.
pub const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
pub const CODE_LAENGE: usize = 6;

/// The join code of a session.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Code(String);

impl Code {
    /// Reads what a person typed: case, spaces and dashes do not matter.
    pub fn parse(s: &str) -> Option<Code> {
        if s.len() > 40 {
            return None;
        }
        let c: String = s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_uppercase();
        (c.len() == CODE_LAENGE && c.bytes().all(|b| ALPHABET.contains(&b))).then_some(Code(c))
    }

    /// A code from random bytes (one character per byte).
    pub fn aus_zufall(bytes: [u8; CODE_LAENGE]) -> Code {
        // 256 is not a multiple of 31: the first 8 characters are minimally more likely, which
        // does not matter for a code that only has to be unique among open sessions.
        Code(bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "ABC 123": easier to read aloud and to type.
    pub fn anzeige(&self) -> String {
        format!("{} {}", &self.0[..3], &self.0[3..])
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kinds of questions to the room.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FrageArt {
    /// Dot voting of the Priorität (1–3) of the Themenfeld's Leistungen.
    Prioritaet,
    Einfach,
    Mehrfach,
    /// 1 (trifft nicht zu) … 5 (trifft voll zu).
    Skala,
    Freitext,
}

impl FrageArt {
    pub const ALLE: [FrageArt; 5] =
        [FrageArt::Prioritaet, FrageArt::Einfach, FrageArt::Mehrfach, FrageArt::Skala, FrageArt::Freitext];

    pub fn code(self) -> &'static str {
        match self {
            FrageArt::Prioritaet => "prioritaet",
            FrageArt::Einfach => "einfach",
            FrageArt::Mehrfach => "mehrfach",
            FrageArt::Skala => "skala",
            FrageArt::Freitext => "freitext",
        }
    }

    pub fn aus_code(c: &str) -> Option<FrageArt> {
        Self::ALLE.into_iter().find(|a| a.code() == c)
    }

    pub fn label(self) -> &'static str {
        match self {
            FrageArt::Prioritaet => "Priorität der Leistungen (1–3)",
            FrageArt::Einfach => "Einfachauswahl",
            FrageArt::Mehrfach => "Mehrfachauswahl",
            FrageArt::Skala => "Skala 1–5",
            FrageArt::Freitext => "Freitext",
        }
    }
}

/// The labels of the Skala's five points.
pub const SKALA: [&str; 5] =
    ["1 – trifft nicht zu", "2 – trifft eher nicht zu", "3 – teils, teils", "4 – trifft eher zu", "5 – trifft voll zu"];

/// The Priorität's values as the seed names them.
pub const PRIORITAETEN: [&str; 3] = ["1 – höchste", "2 – hohe", "3 – niedrige"];

/// Templates the facilitator starts from (the seed's "Unsere Fragen an Sie" among them).
pub const VORLAGEN: [(FrageArt, &str, &str); 4] = [
    (FrageArt::Prioritaet, "Welche Priorität hat die Umsetzung für die Kommunen in NRW?", ""),
    (FrageArt::Freitext, "Kennen Sie gute kommunale Online-Dienste?", ""),
    (FrageArt::Skala, "Der Umsetzungsplan des Themenfelds ist für meine Kommune machbar.", ""),
    (
        FrageArt::Einfach,
        "Wann kann Ihre Kommune den Online-Dienst einführen?",
        "noch 2026\n2027\nspäter\nweiß noch nicht",
    ),
];

/// Limits of what the facilitator asks and the room answers, checked before anything is stored.
pub const MAX_TEXT: usize = 300;
pub const MAX_OPTION: usize = 100;
pub const MAX_OPTIONEN: usize = 10;
pub const MAX_LEISTUNGEN: usize = 100;
pub const MAX_FREITEXT: usize = 1000;
pub const MAX_NAME: usize = 100;
pub const MAX_KOMMUNE: usize = 150;

/// A question as everybody in the room sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frage {
    pub id: i64,
    pub art: FrageArt,
    pub text: String,
    /// The choices (Einfach/Mehrfach), the Skala's points, or for the Priorität the Leistungen
    /// as (OZG-ID, name).
    pub optionen: Vec<(String, String)>,
    pub offen: bool,
    /// Answers given or changed so far: a screen fetches the result when this grew.
    pub stand: i64,
}

/// The state every screen of a session follows (the live event's data): no personal data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Zustand {
    pub code: String,
    pub stand: i64,
    pub ansicht: String,
    pub markierung: String,
    pub frage_id: Option<i64>,
    /// Of the current question (see [`Frage::stand`]).
    pub frage_stand: i64,
    pub beendet: bool,
    /// The current question's result as everyone may see it, at `frage_stand`: sent along with
    /// the coalesced event of the answers, so that no screen has to fetch it (300 screens
    /// fetching at every event were the room's main load). None in the other events and for free
    /// text (the facilitator sees unapproved answers there, which the event must not carry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ergebnis: Option<Ergebnis>,
}

/// A live event with a result larger than this goes without it (the screens fetch it then).
pub const MAX_ERGEBNIS_IM_EREIGNIS: usize = 64 * 1024;

/// A session as a participant's screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sitzung {
    pub code: Code,
    pub titel: String,
    pub veranstaltung_id: i64,
    /// (slug, name)
    pub themenfeld: Option<(String, String)>,
    pub leitung: String,
    pub zustand: Zustand,
    pub frage: Option<Frage>,
    pub teilnehmende: i64,
    /// The caller leads this session (the facilitator, or the coordination taking over).
    pub leiten: bool,
    /// The caller's participation: (name, as guest).
    pub ich: Option<(String, bool)>,
    /// The caller's answer to the current question: (key, value) as stored.
    pub meine_antwort: Vec<(String, String)>,
    /// The caller may join with the account (logged in), else only as a guest.
    pub konto: bool,
    /// The browser shows this session as the projector.
    pub projektor: bool,
    /// Decisions taken so far.
    pub beschluesse: Vec<Beschluss>,
    /// For the facilitator: the Themenfeld's Leistungen a Priorität question may ask about.
    pub leistungen: Vec<(i64, String)>,
    /// The protocol in the document library, once the session ended.
    pub protokoll: Option<i64>,
}

/// Counts of one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ergebnis {
    pub frage_id: i64,
    pub stand: i64,
    /// How many participants answered.
    pub antwortende: i64,
    /// (label, count) per choice or Skala point.
    pub zaehlung: Vec<(String, i64)>,
    /// Priorität: per Leistung (OZG-ID, name, votes for 1, 2, 3, current Priorität).
    pub prioritaeten: Vec<PrioZeile>,
    /// Free text: approved answers for the room; the facilitator sees all with their key.
    pub freitexte: Vec<Freitext>,
    /// The chart as SVG (from the server), with [`Ergebnis::zaehlung`] as its text alternative.
    pub svg: String,
}

/// The votes behind a decision are written into the audit log: at most this many characters.
pub const MAX_STIMMEN_TEXT: usize = 400;

impl Ergebnis {
    /// The votes of this result in one line, for the audit log of a decision: "Ja: 8, Nein: 3
    /// (11 Antwortende)"; for the Priorität the Leistungen with votes; free text only counted.
    pub fn stimmen_text(&self) -> String {
        let teile: Vec<String> = if !self.prioritaeten.is_empty() {
            self.prioritaeten
                .iter()
                .filter(|z| z.stimmen.iter().sum::<i64>() > 0)
                .map(|z| format!("{} {}", z.ozg_id, z.stimmen_text()))
                .collect()
        } else {
            self.zaehlung.iter().map(|(l, n)| format!("{l}: {n}")).collect()
        };
        let mut t = teile.join("; ");
        if t.chars().count() > MAX_STIMMEN_TEXT {
            t = t.chars().take(MAX_STIMMEN_TEXT).collect::<String>() + " …";
        }
        let n = self.antwortende;
        let wer = if n == 1 { "1 Antwortende:r".to_string() } else { format!("{n} Antwortende") };
        if t.is_empty() { wer } else { format!("{t} ({wer})") }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrioZeile {
    pub ozg_id: i64,
    pub name: String,
    pub stimmen: [i64; 3],
    pub aktuell: Option<i64>,
}

impl PrioZeile {
    /// The Priorität with the most votes (ties go to the higher priority); none without votes.
    pub fn vorschlag(&self) -> Option<i64> {
        let max = *self.stimmen.iter().max()?;
        if max == 0 {
            return None;
        }
        self.stimmen.iter().position(|n| *n == max).map(|i| crate::model::anzahl(i) + 1)
    }

    /// "1: 8, 2: 3, 3: 1": the votes behind a decision, for the audit log.
    pub fn stimmen_text(&self) -> String {
        format!("1: {}, 2: {}, 3: {}", self.stimmen[0], self.stimmen[1], self.stimmen[2])
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freitext {
    pub teilnahme_id: i64,
    pub text: String,
    pub freigegeben: bool,
}

/// A decision taken into the data, as the session's page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Beschluss {
    /// `prioritaet` (objekt_id = OZG-ID), `projekt` (created) or `termin` (phases moved; both
    /// objekt_id = the project's id).
    pub art: String,
    pub objekt_id: String,
    pub objekt_name: String,
    pub alt: Option<String>,
    pub neu: String,
    pub stimmen: String,
    pub zeit_ms: i64,
}

impl Beschluss {
    /// One line for the session page and the protocol.
    pub fn text(&self) -> String {
        let bisher = self.alt.clone().unwrap_or_else(|| "keine".into());
        match self.art.as_str() {
            "projekt" => format!("Neues Umsetzungsprojekt „{}“ – Stimmen {}", self.objekt_name, self.stimmen),
            "termin" => {
                format!("{}: Zeitplan {} (bisher {bisher}) – Stimmen {}", self.objekt_name, self.neu, self.stimmen)
            }
            _ => format!(
                "{} ({}): Priorität {} (bisher {bisher}) – Stimmen {}",
                self.objekt_name, self.objekt_id, self.neu, self.stimmen
            ),
        }
    }

    /// The record decided on.
    pub fn pfad(&self) -> String {
        match self.art.as_str() {
            "projekt" | "termin" => crate::pfad::projekt(&self.objekt_id),
            _ => crate::pfad::leistung(&self.objekt_id),
        }
    }
}

/// Whether a path may be shown to the room: a page of this site, not an API, a file or another
/// site. Everything else is refused (a following browser is sent there without asking).
pub fn ansicht_pruefen(pfad: &str) -> Option<String> {
    let ok = pfad.starts_with('/')
        && !pfad.starts_with("//")
        && pfad.len() <= 500
        && !pfad.contains('\\')
        && pfad.chars().all(|c| !c.is_control() && !c.is_whitespace())
        && !["/api/", "/live/", "/pkg/", "/export/", "/kalender/", "/feed/", "/dokumente/datei/", "/abmelden"]
            .iter()
            .any(|p| pfad.starts_with(p));
    ok.then(|| pfad.to_string())
}

/// A free-text answer as the start of a Steckbrief ("Kennen Sie gute kommunale Online-Dienste?"):
/// the first web address as its `url`, the other words (up to 120 characters) as the service's
/// name. Only a prefill: the Steckbrief form checks everything when it is sent.
pub fn steckbrief_vorlage(text: &str) -> String {
    let adresse = |w: &&str| w.starts_with("https://") || w.starts_with("http://");
    let url = text.split_whitespace().find(adresse).map(|w| w.trim_end_matches([',', '.', ';', ')'])).unwrap_or("");
    let name = text.split_whitespace().filter(|w| !adresse(w)).collect::<Vec<_>>().join(" ");
    let name: String = name.trim_matches([':', '-', '–', ' ', ',']).chars().take(120).collect();
    let q = serde_urlencoded::to_string([("dienst_name", name.as_str()), ("url", url)]).unwrap_or_default();
    format!("{}?{q}", crate::pfad::STECKBRIEF_NEU)
}

/// An element id to highlight: letters, digits, `-` and `_` only (it goes into a selector).
pub fn markierung_pruefen(id: &str) -> Option<String> {
    (id.len() <= 100 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')).then(|| id.to_string())
}

/// The facilitator's new question, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrageEingabe {
    pub code: String,
    pub art: String,
    pub text: String,
    /// One choice per line (Einfach, Mehrfach).
    #[serde(default)]
    pub optionen: String,
    /// OZG-IDs asked about (Priorität); empty = all Leistungen of the Themenfeld.
    #[serde(default)]
    pub leistungen: Vec<String>,
}

/// A checked new question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrageNeu {
    pub art: FrageArt,
    pub text: String,
    /// Choices, or OZG-IDs for the Priorität (empty = all of the Themenfeld, filled by the store).
    pub optionen: Vec<String>,
}

impl FrageEingabe {
    pub fn lesen(&self) -> Result<FrageNeu, Vec<Feldfehler>> {
        let mut f = Vec::new();
        let art = FrageArt::aus_code(&self.art);
        if art.is_none() {
            f.push(Feldfehler::neu("art", "Bitte wählen Sie die Art der Frage."));
        }
        let text = self.text.trim().to_string();
        if text.is_empty() {
            f.push(Feldfehler::neu("text", "Bitte geben Sie die Frage ein."));
        } else if text.chars().count() > MAX_TEXT {
            f.push(Feldfehler::neu("text", format!("Die Frage darf höchstens {MAX_TEXT} Zeichen lang sein.")));
        }
        let optionen = match art {
            Some(FrageArt::Einfach | FrageArt::Mehrfach) => self.auswahl(&mut f),
            Some(FrageArt::Prioritaet) => self.leistungen(&mut f),
            _ => Vec::new(),
        };
        match art {
            Some(art) if f.is_empty() => Ok(FrageNeu { art, text, optionen }),
            _ => Err(f),
        }
    }

    fn auswahl(&self, f: &mut Vec<Feldfehler>) -> Vec<String> {
        let o: Vec<String> =
            self.optionen.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
        if o.len() < 2 || o.len() > MAX_OPTIONEN {
            f.push(Feldfehler::neu(
                "optionen",
                format!("Bitte geben Sie 2 bis {MAX_OPTIONEN} Antworten an, je Zeile eine."),
            ));
        } else if o.iter().any(|x| x.chars().count() > MAX_OPTION) {
            f.push(Feldfehler::neu("optionen", format!("Eine Antwort darf höchstens {MAX_OPTION} Zeichen lang sein.")));
        } else if (1..o.len()).any(|i| o[..i].contains(&o[i])) {
            f.push(Feldfehler::neu("optionen", "Jede Antwort darf nur einmal vorkommen."));
        }
        o
    }

    fn leistungen(&self, f: &mut Vec<Feldfehler>) -> Vec<String> {
        if self.leistungen.len() > MAX_LEISTUNGEN {
            f.push(Feldfehler::neu("leistungen", format!("Höchstens {MAX_LEISTUNGEN} Leistungen je Frage.")));
            return Vec::new();
        }
        let mut ids: Vec<String> = Vec::new();
        for l in &self.leistungen {
            match l.trim().parse::<i64>() {
                Ok(id) if (1..=99_999).contains(&id) => {
                    if !ids.contains(&id.to_string()) {
                        ids.push(id.to_string());
                    }
                }
                _ => f.push(Feldfehler::neu("leistungen", format!("„{}“ ist keine OZG-ID.", kurz(l)))),
            }
        }
        ids
    }
}

/// The start of a hostile value, for a message.
fn kurz(s: &str) -> String {
    s.chars().take(20).collect()
}

/// A guest's join form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeitrittEingabe {
    pub code: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kommune: String,
    /// "konto": join with the account; else as a guest with name and Kommune.
    #[serde(default)]
    pub als: String,
}

impl BeitrittEingabe {
    /// Name and Kommune of a guest, checked.
    pub fn gast(&self) -> Result<(String, String), Vec<Feldfehler>> {
        let mut f = Vec::new();
        let name = self.name.trim().to_string();
        let kommune = self.kommune.trim().to_string();
        if name.is_empty() {
            f.push(Feldfehler::neu("name", "Bitte geben Sie Ihren Namen an."));
        } else if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
            f.push(Feldfehler::neu("name", format!("Der Name darf höchstens {MAX_NAME} Zeichen lang sein.")));
        }
        if kommune.is_empty() {
            f.push(Feldfehler::neu("kommune", "Bitte geben Sie Ihre Kommune oder Organisation an."));
        } else if kommune.chars().count() > MAX_KOMMUNE || kommune.chars().any(char::is_control) {
            f.push(Feldfehler::neu("kommune", format!("Höchstens {MAX_KOMMUNE} Zeichen.")));
        }
        if f.is_empty() { Ok((name, kommune)) } else { Err(f) }
    }
}

/// An answer as the form sends it: `wahl[]` (choices by number, a Skala point), `prio[]`
/// ("OZG-ID:1..3"), `text` (free text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AntwortEingabe {
    pub code: String,
    pub frage: String,
    #[serde(default)]
    pub wahl: Vec<String>,
    #[serde(default)]
    pub prio: Vec<String>,
    #[serde(default)]
    pub text: String,
}

impl AntwortEingabe {
    /// The rows to store as (key, value) for this question; a message at the field otherwise.
    pub fn lesen(&self, frage: &Frage) -> Result<Vec<(String, String)>, Vec<Feldfehler>> {
        let fehler = |feld: &str, m: &str| Err(vec![Feldfehler::neu(feld, m)]);
        if !frage.offen {
            return fehler("antwort", "Diese Frage ist bereits geschlossen.");
        }
        let n = frage.optionen.len();
        let nummer = |w: &String| w.trim().parse::<usize>().ok().filter(|i| *i < n);
        match frage.art {
            FrageArt::Einfach | FrageArt::Skala => match self.wahl.as_slice() {
                [w] => match nummer(w) {
                    Some(i) => Ok(vec![(String::new(), i.to_string())]),
                    None => fehler("wahl", "Diese Antwort gibt es nicht."),
                },
                [] => fehler("wahl", "Bitte wählen Sie eine Antwort."),
                _ => fehler("wahl", "Bitte wählen Sie nur eine Antwort."),
            },
            FrageArt::Mehrfach => {
                if self.wahl.is_empty() {
                    return fehler("wahl", "Bitte wählen Sie mindestens eine Antwort.");
                }
                if self.wahl.len() > n {
                    return fehler("wahl", "Mehr Antworten als die Frage hat.");
                }
                let mut v: Vec<(String, String)> = Vec::new();
                for w in &self.wahl {
                    let Some(i) = nummer(w) else { return fehler("wahl", "Diese Antwort gibt es nicht.") };
                    if !v.iter().any(|(k, _)| *k == i.to_string()) {
                        v.push((i.to_string(), "1".into()));
                    }
                }
                Ok(v)
            }
            FrageArt::Prioritaet => self.prioritaeten(frage),
            FrageArt::Freitext => {
                let t = self.text.trim();
                if t.is_empty() {
                    fehler("text", "Bitte schreiben Sie eine Antwort.")
                } else if t.chars().count() > MAX_FREITEXT {
                    fehler("text", &format!("Höchstens {MAX_FREITEXT} Zeichen."))
                } else {
                    Ok(vec![(String::new(), t.to_string())])
                }
            }
        }
    }

    fn prioritaeten(&self, frage: &Frage) -> Result<Vec<(String, String)>, Vec<Feldfehler>> {
        if self.prio.len() > frage.optionen.len() {
            return Err(vec![Feldfehler::neu("prio", "Mehr Stimmen als Leistungen in der Frage.")]);
        }
        let mut v: Vec<(String, String)> = Vec::new();
        for p in &self.prio {
            let Some((ozg, wert)) = p.split_once(':') else {
                return Err(vec![Feldfehler::neu("prio", "Ungültige Stimme.")]);
            };
            if wert.is_empty() {
                // "keine Angabe" for this Leistung.
                continue;
            }
            let gueltig = frage.optionen.iter().any(|(id, _)| id == ozg) && matches!(wert, "1" | "2" | "3");
            if !gueltig {
                return Err(vec![Feldfehler::neu("prio", format!("Ungültige Stimme „{}“.", kurz(p)))]);
            }
            if v.iter().any(|(k, _)| k == ozg) {
                return Err(vec![Feldfehler::neu("prio", "Je Leistung nur eine Stimme.")]);
            }
            v.push((ozg.to_string(), wert.to_string()));
        }
        if v.is_empty() {
            return Err(vec![Feldfehler::neu("prio", "Bitte geben Sie mindestens einer Leistung eine Priorität.")]);
        }
        Ok(v)
    }
}

/// A stacked bar per Leistung (votes for 1, 2, 3) as a standalone SVG document.
pub fn prioritaet_svg(titel: &str, zeilen: &[PrioZeile]) -> String {
    use crate::model::text::xml;
    let (breite, label_b, zeile) = (900, 360, 36);
    let hoehe = 90 + zeile * crate::model::anzahl(zeilen.len());
    let max = zeilen.iter().map(|z| z.stimmen.iter().sum::<i64>()).max().unwrap_or(0).max(1);
    let farben = ["#8a1c00", "#b35900", "#005ca9"];
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {breite} {hoehe}\" width=\"{breite}\" height=\"{hoehe}\" \
         role=\"img\" aria-labelledby=\"t\" font-family=\"system-ui, sans-serif\"><title id=\"t\">{t}</title>\
         <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <text x=\"16\" y=\"30\" font-size=\"20\" font-weight=\"600\" fill=\"#1a1a1a\">{t}</text>",
        t = xml(titel)
    );
    for (i, (f, l)) in farben.iter().zip(PRIORITAETEN).enumerate() {
        let x = 16 + 180 * crate::model::anzahl(i);
        svg.push_str(&format!(
            "<rect x=\"{x}\" y=\"44\" width=\"18\" height=\"18\" fill=\"{f}\"/>\
             <text x=\"{}\" y=\"59\" font-size=\"16\" fill=\"#1a1a1a\">{}</text>",
            x + 24,
            xml(l)
        ));
    }
    let platz = breite - label_b - 60;
    for (i, z) in zeilen.iter().enumerate() {
        let y = 80 + zeile * crate::model::anzahl(i);
        let name: String = z.name.chars().take(40).collect();
        svg.push_str(&format!(
            "<text x=\"16\" y=\"{}\" font-size=\"16\" fill=\"#1a1a1a\">{}</text>",
            y + 18,
            xml(&name)
        ));
        let mut x = label_b;
        for (n, f) in z.stimmen.iter().zip(farben) {
            let b = n * platz / max;
            if b > 0 {
                svg.push_str(&format!("<rect x=\"{x}\" y=\"{y}\" width=\"{b}\" height=\"24\" fill=\"{f}\"/>"));
            }
            x += b;
        }
        let summe: i64 = z.stimmen.iter().sum();
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" font-size=\"16\" font-weight=\"600\" fill=\"#1a1a1a\">{summe}</text>",
            x + 8,
            y + 18
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    #[test]
    fn free_text_becomes_a_steckbrief_prefill() {
        let v = super::steckbrief_vorlage("Gewerbeanmeldung Ahaus: https://www.ahaus.de/gewerbe?x=1&y=2.");
        assert_eq!(
            v,
            "/steckbriefe/neu?dienst_name=Gewerbeanmeldung+Ahaus&url=https%3A%2F%2Fwww.ahaus.de%2Fgewerbe%3Fx%3D1%26y%3D2"
        );
        let ohne = super::steckbrief_vorlage("Wohngeld online bei uns <script>");
        assert!(ohne.ends_with("dienst_name=Wohngeld+online+bei+uns+%3Cscript%3E&url="), "{ohne}");
        let lang = super::steckbrief_vorlage(&"ä".repeat(1000));
        assert_eq!(lang.matches("%C3%A4").count(), 120);
    }

    use super::*;

    fn ergebnis(antwortende: i64, zaehlung: &[(&str, i64)], prioritaeten: Vec<PrioZeile>) -> Ergebnis {
        Ergebnis {
            frage_id: 1,
            stand: 1,
            antwortende,
            zaehlung: zaehlung.iter().map(|(l, n)| (l.to_string(), *n)).collect(),
            prioritaeten,
            freitexte: vec![],
            svg: String::new(),
        }
    }

    #[test]
    fn the_votes_behind_a_decision_read_as_one_bounded_line() {
        assert_eq!(ergebnis(11, &[("Ja", 8), ("Nein", 3)], vec![]).stimmen_text(), "Ja: 8; Nein: 3 (11 Antwortende)");
        assert_eq!(ergebnis(1, &[], vec![]).stimmen_text(), "1 Antwortende:r");
        let z = |ozg_id, stimmen| PrioZeile { ozg_id, name: "L".into(), stimmen, aktuell: None };
        let e = ergebnis(4, &[], vec![z(7, [3, 1, 0]), z(8, [0, 0, 0])]);
        assert_eq!(e.stimmen_text(), "7 1: 3, 2: 1, 3: 0 (4 Antwortende)");
        let lang = ergebnis(2, &[(&"x".repeat(2000), 2)], vec![]).stimmen_text();
        assert!(lang.chars().count() < MAX_STIMMEN_TEXT + 30, "{}", lang.len());
    }

    fn frage(art: FrageArt, optionen: &[(&str, &str)]) -> Frage {
        Frage {
            id: 1,
            art,
            text: "F".into(),
            optionen: optionen.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect(),
            offen: true,
            stand: 0,
        }
    }

    #[test]
    fn codes_are_read_forgivingly_and_refused_otherwise() {
        assert_eq!(Code::parse(" abc-23z ").map(|c| c.to_string()), Some("ABC23Z".into()));
        assert_eq!(Code::parse("ABC 23Z").unwrap().anzeige(), "ABC 23Z");
        for boese in ["", "ABC23", "ABC23ZZ", "ABC10Z", "ABCDEO", "ÄBC23Z", &"A".repeat(41), "ABC'--"] {
            assert_eq!(Code::parse(boese), None, "{boese}");
        }
        let c = Code::aus_zufall([0, 30, 31, 255, 7, 100]);
        assert_eq!(Code::parse(c.as_str()), Some(c));
    }

    #[test]
    fn only_pages_of_this_site_are_shown_to_the_room() {
        assert_eq!(ansicht_pruefen("/karte?tf=3").as_deref(), Some("/karte?tf=3"));
        for boese in ["https://evil.test/", "//evil.test", "/\\evil.test", "/api/konto", "javascript:x", "/a b", ""] {
            assert_eq!(ansicht_pruefen(boese), None, "{boese}");
        }
        assert_eq!(ansicht_pruefen(&format!("/{}", "a".repeat(500))), None);
        assert!(markierung_pruefen("projekt-7").is_some());
        assert!(markierung_pruefen("a\"]").is_none());
    }

    #[test]
    fn questions_are_checked_before_they_are_stored() {
        let e = FrageEingabe {
            art: "einfach".into(),
            text: " Wann? ".into(),
            optionen: "a\n\n b \n".into(),
            ..Default::default()
        };
        assert_eq!(e.lesen().unwrap().optionen, vec!["a", "b"]);
        let felder = |e: FrageEingabe| e.lesen().unwrap_err().into_iter().map(|f| f.feld).collect::<Vec<_>>();
        assert_eq!(felder(FrageEingabe { art: "x".into(), text: "T".into(), ..Default::default() }), ["art"]);
        assert_eq!(felder(FrageEingabe { art: "skala".into(), text: "T".repeat(301), ..Default::default() }), ["text"]);
        assert_eq!(
            felder(FrageEingabe {
                art: "einfach".into(),
                text: "T".into(),
                optionen: "a".into(),
                ..Default::default()
            }),
            ["optionen"]
        );
        assert_eq!(
            felder(FrageEingabe {
                art: "mehrfach".into(),
                text: "T".into(),
                optionen: "a\na".into(),
                ..Default::default()
            }),
            ["optionen"]
        );
        let viele = (0..11).map(|i| i.to_string()).collect::<Vec<_>>().join("\n");
        assert_eq!(
            felder(FrageEingabe { art: "einfach".into(), text: "T".into(), optionen: viele, ..Default::default() }),
            ["optionen"]
        );
        let p = FrageEingabe {
            art: "prioritaet".into(),
            text: "T".into(),
            leistungen: vec!["10513".into(), "10513".into(), " 99 ".into()],
            ..Default::default()
        };
        assert_eq!(p.lesen().unwrap().optionen, vec!["10513", "99"]);
        let p = FrageEingabe {
            art: "prioritaet".into(),
            text: "T".into(),
            leistungen: vec!["1 OR 1=1".into()],
            ..Default::default()
        };
        assert_eq!(felder(p), ["leistungen"]);
        let p = FrageEingabe {
            art: "prioritaet".into(),
            text: "T".into(),
            leistungen: vec!["1".into(); 101],
            ..Default::default()
        };
        assert_eq!(felder(p), ["leistungen"]);
    }

    #[test]
    fn answers_fit_their_question() {
        let a =
            |wahl: &[&str]| AntwortEingabe { wahl: wahl.iter().map(|s| s.to_string()).collect(), ..Default::default() };
        let einfach = frage(FrageArt::Einfach, &[("0", "ja"), ("1", "nein")]);
        assert_eq!(a(&["1"]).lesen(&einfach).unwrap(), vec![(String::new(), "1".into())]);
        for boese in [&[][..], &["2"], &["-1"], &["0", "1"], &["x"]] {
            assert!(a(boese).lesen(&einfach).is_err(), "{boese:?}");
        }
        let mehrfach = frage(FrageArt::Mehrfach, &[("0", "a"), ("1", "b")]);
        assert_eq!(a(&["1", "0"]).lesen(&mehrfach).unwrap().len(), 2);
        assert_eq!(a(&["1", "1"]).lesen(&mehrfach).unwrap(), vec![("1".to_string(), "1".to_string())], "once each");
        assert!(a(&["0", "1", "1"]).lesen(&mehrfach).is_err(), "more than the options");
        let prio = frage(FrageArt::Prioritaet, &[("10513", "Abbruch"), ("10480", "Reiten")]);
        let p = |v: &[&str]| AntwortEingabe { prio: v.iter().map(|s| s.to_string()).collect(), ..Default::default() };
        assert_eq!(p(&["10513:1", "10480:"]).lesen(&prio).unwrap(), vec![("10513".into(), "1".into())]);
        for boese in
            [&["10513:4"][..], &["99:1"], &["10513"], &["10513:1", "10513:2"], &["10480:"], &["a:1", "b:1", "c:1"]]
        {
            assert!(p(boese).lesen(&prio).is_err(), "{boese:?}");
        }
        let frei = frage(FrageArt::Freitext, &[]);
        let t = |s: String| AntwortEingabe { text: s, ..Default::default() };
        assert!(t("  ".into()).lesen(&frei).is_err());
        assert!(t("x".repeat(1001)).lesen(&frei).is_err());
        assert!(t("Hundeanmeldung in Ahaus".into()).lesen(&frei).is_ok());
        let mut zu = einfach.clone();
        zu.offen = false;
        assert!(a(&["1"]).lesen(&zu).is_err(), "a closed question takes no answers");
    }

    #[test]
    fn guests_give_name_and_kommune() {
        let b = BeitrittEingabe { name: " Anna ".into(), kommune: "Ahaus".into(), ..Default::default() };
        assert_eq!(b.gast().unwrap(), ("Anna".into(), "Ahaus".into()));
        let leer = BeitrittEingabe::default().gast().unwrap_err();
        assert_eq!(leer.len(), 2);
        let lang = BeitrittEingabe { name: "x".repeat(101), kommune: "A\u{0}".into(), ..Default::default() };
        assert_eq!(lang.gast().unwrap_err().len(), 2);
    }

    #[test]
    fn proposal_takes_the_most_votes_and_the_chart_escapes() {
        let z = PrioZeile { ozg_id: 1, name: "A & <B>".into(), stimmen: [2, 5, 5], aktuell: None };
        assert_eq!(z.vorschlag(), Some(2), "a tie goes to the higher priority");
        assert_eq!(PrioZeile { stimmen: [0, 0, 0], ..z.clone() }.vorschlag(), None);
        assert_eq!(z.stimmen_text(), "1: 2, 2: 5, 3: 5");
        let svg = prioritaet_svg("T", &[z]);
        assert!(svg.contains("A &amp; &lt;B&gt;") && !svg.contains("<B>"));
    }
}
