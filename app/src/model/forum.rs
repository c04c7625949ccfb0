//! The forum "OZG kommunal": boards (Allgemeines und Themenübergreifendes, one per Themenfeld),
//! threads with a Betreff, and posts in a safe Markdown subset. Reading and writing are for
//! logged-in accounts; a board the coordination opened for the public can be read by everyone.
//! What reaches a page is the HTML the sanitiser made of a post ([`crate::markdown::beitrag`]).

use crate::error::Feldfehler;
use crate::model::formular::Leser;
use serde::{Deserialize, Serialize};

pub const MAX_BETREFF: usize = 200;
pub const MAX_TEXT: usize = 20_000;
/// Posts per page of a thread, threads per page of a board.
pub const PRO_SEITE: usize = 25;
/// Shown for a post whose author deleted their account.
pub const EHEMALIG: &str = "ehemaliges Mitglied";
/// Most bytes of a search in the forum (its first eight words count).
pub const MAX_SUCHE: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brett {
    pub id: i64,
    pub slug: String,
    pub titel: String,
    pub beschreibung: Option<String>,
    /// (id, name, slug) of its Themenfeld.
    pub themenfeld: Option<(i64, String, String)>,
    pub oeffentlich: bool,
    pub themen: i64,
    pub beitraege: i64,
    pub letzte_ms: Option<i64>,
    /// Threads with posts the reader has not read (0 for the public).
    pub neu: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thema {
    pub id: i64,
    pub brett_slug: String,
    pub brett_titel: String,
    pub betreff: String,
    /// "Begonnen von"; [`EHEMALIG`] when the account is gone.
    pub autor: String,
    pub erstellt_ms: i64,
    pub letzte_ms: i64,
    pub beitraege: i64,
    pub angeheftet: bool,
    pub gesperrt: bool,
    /// Posts the reader has not read yet (0 for the public).
    pub neu: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Beitrag {
    pub id: i64,
    pub autor: String,
    /// The author's Kommune or organisation as the account names it.
    pub herkunft: Option<String>,
    /// The sanitised HTML of the post; empty when hidden.
    pub html: String,
    pub erstellt_ms: i64,
    /// Later than `erstellt_ms` when edited.
    pub geaendert_ms: i64,
    /// Hidden by the moderation: the reason (the text is then sent only to its author and the
    /// moderation).
    pub verborgen: Option<String>,
    /// The Markdown as typed, for quoting and editing (empty where the HTML is).
    pub markdown: String,
    pub neu: bool,
    /// The reader wrote it (may edit it).
    pub eigener: bool,
    pub version: i64,
}

/// One page of a thread as the reader may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemaSeite {
    pub thema: Thema,
    pub beitraege: Vec<Beitrag>,
    pub seite: usize,
    pub seiten: usize,
    pub darf_antworten: bool,
    /// Logged in: may report posts (also in a closed thread).
    pub darf_melden: bool,
    pub moderieren: bool,
    /// The boards a moderator may move the thread to: (slug, title); empty for everyone else.
    pub bretter: Vec<(String, String)>,
    /// What the thread is about (Leistung, project, event, Steckbrief).
    pub bezuege: Vec<Bezug>,
    /// Its author (thread open) or the moderation: may set and remove links.
    pub darf_verknuepfen: bool,
}

/// What a thread can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BezugArt {
    Leistung,
    Projekt,
    Veranstaltung,
    Steckbrief,
}

impl BezugArt {
    pub const ALLE: [BezugArt; 4] =
        [BezugArt::Leistung, BezugArt::Projekt, BezugArt::Veranstaltung, BezugArt::Steckbrief];

    pub fn code(self) -> &'static str {
        match self {
            BezugArt::Leistung => "leistung",
            BezugArt::Projekt => "projekt",
            BezugArt::Veranstaltung => "veranstaltung",
            BezugArt::Steckbrief => "steckbrief",
        }
    }

    pub fn aus_code(s: &str) -> Option<BezugArt> {
        BezugArt::ALLE.into_iter().find(|a| a.code() == s.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            BezugArt::Leistung => "OZG-Leistung",
            BezugArt::Projekt => "Umsetzungsprojekt",
            BezugArt::Veranstaltung => "Veranstaltung",
            BezugArt::Steckbrief => "Steckbrief",
        }
    }

    /// "Die OZG-Leistung" … for "… wurde nicht gefunden."
    pub fn mit_artikel(self) -> &'static str {
        match self {
            BezugArt::Leistung => "Die OZG-Leistung",
            BezugArt::Projekt => "Das Umsetzungsprojekt",
            BezugArt::Veranstaltung => "Die Veranstaltung",
            BezugArt::Steckbrief => "Der veröffentlichte Steckbrief",
        }
    }

    pub fn pfad(self, ziel: &str) -> String {
        match self {
            BezugArt::Leistung => crate::pfad::leistung(ziel),
            BezugArt::Projekt => crate::pfad::projekt(ziel),
            BezugArt::Veranstaltung => crate::pfad::veranstaltung(ziel),
            BezugArt::Steckbrief => crate::pfad::steckbrief(ziel),
        }
    }

    /// A target of this kind: an OZG-ID of five digits, else a positive number.
    pub fn ziel_lesen(self, s: &str) -> Option<String> {
        let s = s.trim();
        let zahl = !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0');
        let passt = match self {
            BezugArt::Leistung => zahl && s.len() == 5,
            _ => zahl,
        };
        passt.then(|| s.to_string())
    }
}

/// At most this many links per thread.
pub const MAX_BEZUEGE: i64 = 10;
/// Longest address accepted for a link.
pub const MAX_ADRESSE: usize = 500;

/// Reads a portal address as a link target: the page's address as the browser shows it
/// (`https://…/leistungen/10001`, `/roadmap/12`, `/veranstaltungen/3`, `/steckbriefe/7`, with
/// or without query and anchor).
pub fn bezug_lesen(adresse: &str) -> Option<(BezugArt, String)> {
    let a = adresse.trim();
    if a.len() > MAX_ADRESSE {
        return None;
    }
    let ohne_schema = a.strip_prefix("https://").or_else(|| a.strip_prefix("http://"));
    let pfad = match ohne_schema {
        Some(rest) => &rest[rest.find('/')?..],
        None => a,
    };
    let pfad = pfad.split(['?', '#']).next()?.trim_end_matches('/');
    let teile: Vec<&str> = pfad.trim_start_matches('/').split('/').collect();
    let [bereich, ziel] = teile.as_slice() else { return None };
    let art = match *bereich {
        "leistungen" => BezugArt::Leistung,
        "roadmap" => BezugArt::Projekt,
        "veranstaltungen" => BezugArt::Veranstaltung,
        "steckbriefe" => BezugArt::Steckbrief,
        _ => return None,
    };
    Some((art, art.ziel_lesen(ziel)?))
}

/// One link of a thread, with the target's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bezug {
    pub art: BezugArt,
    pub ziel: String,
    pub titel: String,
}

/// What the moderation does to a thread. Each sets one state, so two moderators acting at once
/// cannot undo each other unnoticed; the audit log keeps who did what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemaAktion {
    Anheften,
    Loesen,
    Schliessen,
    Oeffnen,
    /// Into the board with this slug.
    Verschieben(String),
}

impl ThemaAktion {
    pub fn lesen(aktion: &str, brett: &str) -> Option<ThemaAktion> {
        Some(match aktion {
            "anheften" => ThemaAktion::Anheften,
            "loesen" => ThemaAktion::Loesen,
            "schliessen" => ThemaAktion::Schliessen,
            "oeffnen" => ThemaAktion::Oeffnen,
            "verschieben" if !brett.trim().is_empty() && brett.len() <= 100 => {
                ThemaAktion::Verschieben(brett.trim().to_string())
            }
            _ => return None,
        })
    }
}

/// A post a member reported, as the moderation's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GemeldeterBeitrag {
    pub id: i64,
    pub beitrag_id: i64,
    pub thema_id: i64,
    pub betreff: String,
    pub grund: String,
    /// Who reported it.
    pub von: String,
    pub erstellt_ms: i64,
}

/// Reasons (hiding, reporting) are short.
pub const MAX_GRUND: usize = 500;

/// A reason, checked (required, at most [`MAX_GRUND`] characters).
pub fn grund_lesen(grund: &str) -> Result<String, Vec<Feldfehler>> {
    let mut l = Leser::default();
    let g = l.pflicht("grund", "Grund", grund, MAX_GRUND);
    l.ergebnis(g)
}

/// The Markdown of `text` as a quote of `autor` (each line behind `> `), ready for a reply.
pub fn zitat(autor: &str, text: &str) -> String {
    let mut z = format!("> **{autor}** schrieb:\n>\n");
    for zeile in text.lines() {
        z.push_str("> ");
        z.push_str(zeile);
        z.push('\n');
    }
    z.push('\n');
    z
}

/// One page of a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrettSeite {
    pub brett: Brett,
    pub themen: Vec<Thema>,
    pub seite: usize,
    pub seiten: usize,
    pub darf_schreiben: bool,
}

/// A new thread as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ThemaEingabe {
    pub brett: String,
    pub betreff: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemaDaten {
    pub brett: String,
    pub betreff: String,
    pub text: String,
}

impl ThemaEingabe {
    pub fn lesen(&self) -> Result<ThemaDaten, Vec<Feldfehler>> {
        let mut l = Leser::default();
        let betreff = l.pflicht("betreff", "Betreff", &self.betreff, MAX_BETREFF);
        let text = l.pflicht("text", "Text", &self.text, MAX_TEXT);
        let brett = self.brett.trim().to_string();
        if brett.is_empty() || brett.len() > 100 {
            l.fehler("brett", "Bitte ein Forum wählen.");
        }
        l.ergebnis(ThemaDaten { brett, betreff, text })
    }
}

/// A post's text, checked.
pub fn text_lesen(text: &str) -> Result<String, Vec<Feldfehler>> {
    let mut l = Leser::default();
    let t = l.pflicht("text", "Text", text, MAX_TEXT);
    l.ergebnis(t)
}

/// Pages for `anzahl` items (at least one, so an empty board has a page).
pub fn seiten(anzahl: i64) -> usize {
    usize::try_from(anzahl).unwrap_or(0).div_ceil(PRO_SEITE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_of_portal_pages_become_links() {
        let l = |a: &str| bezug_lesen(a);
        assert_eq!(l("https://atlas.example/leistungen/10001?x=1#y"), Some((BezugArt::Leistung, "10001".into())));
        assert_eq!(l(" /roadmap/12/ "), Some((BezugArt::Projekt, "12".into())));
        assert_eq!(l("http://localhost:3000/veranstaltungen/3"), Some((BezugArt::Veranstaltung, "3".into())));
        assert_eq!(l("steckbriefe/7"), Some((BezugArt::Steckbrief, "7".into())));
        for schlecht in [
            "/leistungen/1000",
            "/roadmap/neu",
            "/roadmap/zeitachse",
            "/roadmap/012",
            "/forum/thema/3",
            "/steckbriefe/7/ueberarbeiten",
            "javascript:alert(1)",
            "https://atlas.example",
            "/veranstaltungen/-1",
            "",
        ] {
            assert_eq!(l(schlecht), None, "{schlecht}");
        }
        assert_eq!(l(&format!("/roadmap/{}", "9".repeat(600))), None);
        for a in BezugArt::ALLE {
            assert_eq!(BezugArt::aus_code(a.code()), Some(a));
        }
    }

    #[test]
    fn quotes_mark_every_line() {
        assert_eq!(zitat("Anna", "Erste\nZweite"), "> **Anna** schrieb:\n>\n> Erste\n> Zweite\n\n");
        assert_eq!(ThemaAktion::lesen("verschieben", " bildung "), Some(ThemaAktion::Verschieben("bildung".into())));
        assert_eq!(ThemaAktion::lesen("verschieben", ""), None);
        assert_eq!(ThemaAktion::lesen("loeschen", ""), None);
        assert!(grund_lesen(&"x".repeat(MAX_GRUND + 1)).is_err());
        assert!(grund_lesen("  ").is_err());
    }

    #[test]
    fn a_thread_needs_subject_text_and_board() {
        let e = ThemaEingabe {
            brett: "allgemein".into(),
            betreff: "Austausch zu Referenzimplementierungen".into(),
            text: "Wer pilotiert?".into(),
        };
        assert!(e.lesen().is_ok());
        let leer = ThemaEingabe::default().lesen().unwrap_err();
        let felder: Vec<&str> = leer.iter().map(|f| f.feld.as_str()).collect();
        assert_eq!(felder, vec!["betreff", "text", "brett"]);
        let lang = ThemaEingabe { betreff: "x".repeat(MAX_BETREFF + 1), ..e };
        assert!(lang.lesen().unwrap_err()[0].meldung.contains("höchstens 200"));
        assert!(text_lesen(&"y".repeat(MAX_TEXT + 1)).is_err());
    }

    #[test]
    fn pages_round_up_and_never_vanish() {
        assert_eq!((seiten(0), seiten(1), seiten(25), seiten(26), seiten(-3)), (1, 1, 1, 2, 1));
    }
}
