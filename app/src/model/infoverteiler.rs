//! The Infoverteiler: what a person follows (an [`Abo`]), what happened that concerns it (a
//! [`Mitteilung`]) and where they hear of it ([`Versand`]: only in the portal under "Neu für mich",
//! at once by mail, or in a daily or weekly digest). The same (art, ziel) pairs name what a
//! subscription follows and what a Mitteilung concerns.

use serde::{Deserialize, Serialize};

/// What can be followed. `ziel` is the id (Themenfeld, board, thread, project), the AGS (Kommune)
/// or empty (all events, all news).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AboArt {
    Themenfeld,
    Brett,
    Thema,
    Projekt,
    Kommune,
    Veranstaltungen,
    Aktuelles,
}

impl AboArt {
    pub const ALLE: [AboArt; 7] = [
        AboArt::Themenfeld,
        AboArt::Brett,
        AboArt::Thema,
        AboArt::Projekt,
        AboArt::Kommune,
        AboArt::Veranstaltungen,
        AboArt::Aktuelles,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AboArt::Themenfeld => "themenfeld",
            AboArt::Brett => "brett",
            AboArt::Thema => "thema",
            AboArt::Projekt => "projekt",
            AboArt::Kommune => "kommune",
            AboArt::Veranstaltungen => "veranstaltungen",
            AboArt::Aktuelles => "aktuelles",
        }
    }

    pub fn aus_code(s: &str) -> Option<AboArt> {
        AboArt::ALLE.into_iter().find(|a| a.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            AboArt::Themenfeld => "Themenfeld",
            AboArt::Brett => "Forum",
            AboArt::Thema => "Forumsthema",
            AboArt::Projekt => "Umsetzungsprojekt",
            AboArt::Kommune => "Kommune",
            AboArt::Veranstaltungen => "Veranstaltungen",
            AboArt::Aktuelles => "Aktuelles",
        }
    }

    /// Whether the target is "all of them" (no id).
    pub fn ohne_ziel(self) -> bool {
        matches!(self, AboArt::Veranstaltungen | AboArt::Aktuelles)
    }

    /// The target as the database keeps it, checked for its shape (ids are numbers, an AGS has
    /// eight digits); the store checks that it exists.
    pub fn ziel_lesen(self, ziel: &str) -> Option<String> {
        let z = ziel.trim();
        match self {
            _ if self.ohne_ziel() => Some(String::new()),
            AboArt::Kommune => (z.len() == 8 && z.bytes().all(|b| b.is_ascii_digit())).then(|| z.to_string()),
            _ => z.parse::<i64>().ok().filter(|i| *i > 0).map(|i| i.to_string()),
        }
    }
}

/// Where a person hears of what they follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Versand {
    #[default]
    Portal,
    Sofort,
    Taeglich,
    Woechentlich,
}

impl Versand {
    pub const ALLE: [Versand; 4] = [Versand::Portal, Versand::Sofort, Versand::Taeglich, Versand::Woechentlich];

    pub fn code(self) -> &'static str {
        match self {
            Versand::Portal => "portal",
            Versand::Sofort => "sofort",
            Versand::Taeglich => "taeglich",
            Versand::Woechentlich => "woechentlich",
        }
    }

    pub fn aus_code(s: &str) -> Option<Versand> {
        Versand::ALLE.into_iter().find(|v| v.code() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Versand::Portal => "nur im Portal („Neu für mich“)",
            Versand::Sofort => "sofort per E-Mail",
            Versand::Taeglich => "täglich per E-Mail (Zusammenfassung)",
            Versand::Woechentlich => "wöchentlich per E-Mail (Zusammenfassung, montags)",
        }
    }
}

/// One subscription as its owner sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Abo {
    pub id: i64,
    pub art: AboArt,
    pub ziel: String,
    /// What it follows, by name ("Themenfeld Bauen & Wohnen"); "(nicht mehr vorhanden)" if gone.
    pub titel: String,
    pub pfad: String,
    pub versand: Versand,
    pub erstellt_ms: i64,
}

/// What happened. `art` is one of `meldung`, `thema`, `beitrag`, `veranstaltung`, `projekt`,
/// `lieferung`, `rundschreiben`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mitteilung {
    pub id: i64,
    pub zeit_ms: i64,
    pub art: String,
    pub titel: String,
    pub pfad: String,
    pub auszug: String,
    /// The author's name, "ehemaliges Mitglied" for a deleted account, "Koordination" if none.
    pub von: String,
    /// New since the person's previous visit of "Neu für mich".
    pub neu: bool,
    /// What of theirs it concerns, for grouping ("Themenfeld Bauen & Wohnen").
    pub gruppe: String,
}

impl Mitteilung {
    pub fn art_label(&self) -> &'static str {
        match self.art.as_str() {
            "meldung" => "Aktuelles",
            "thema" => "Neues Forumsthema",
            "beitrag" => "Antwort im Forum",
            "veranstaltung" => "Veranstaltung",
            "projekt" => "Umsetzungsprojekt",
            "lieferung" => "Datenlieferung",
            "rundschreiben" => "Rundschreiben",
            _ => "Mitteilung",
        }
    }
}

/// A new Mitteilung as a change writes it (in its own transaction).
#[derive(Clone, Debug)]
pub struct MitteilungNeu {
    pub art: &'static str,
    pub titel: String,
    pub pfad: String,
    /// Plain text; cut to [`AUSZUG_ZEICHEN`].
    pub auszug: String,
    /// When readers may see it (now, or the first day of a planned news item).
    pub zeit_ms: i64,
    pub bezuege: Vec<(AboArt, String)>,
}

pub const AUSZUG_ZEICHEN: usize = 280;

/// Plain text of Markdown for an excerpt: markup characters dropped, whitespace folded, cut at a
/// word boundary.
pub fn auszug(markdown: &str) -> String {
    let mut t = String::with_capacity(markdown.len().min(AUSZUG_ZEICHEN * 4));
    let mut leer = true;
    for c in markdown.chars() {
        let c = if matches!(c, '*' | '_' | '#' | '`' | '>' | '[' | ']' | '|') { ' ' } else { c };
        if c.is_whitespace() || c.is_control() {
            if !leer {
                t.push(' ');
                leer = true;
            }
        } else {
            t.push(c);
            leer = false;
        }
    }
    let t = t.trim();
    if t.chars().count() <= AUSZUG_ZEICHEN {
        return t.to_string();
    }
    let kurz: String = t.chars().take(AUSZUG_ZEICHEN).collect();
    let bis = kurz.rfind(' ').filter(|i| *i > AUSZUG_ZEICHEN / 2).unwrap_or(kurz.len());
    format!("{} …", &kurz[..bis])
}

/// "Neu für mich": what a person follows, newest first, grouped by what it concerns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct NeuFuerMich {
    pub gruppen: Vec<(String, Vec<Mitteilung>)>,
    /// How many are new since the previous visit.
    pub neu: usize,
    /// Whether they follow anything at all.
    pub folgt: bool,
}

/// The follow state of one target for the logged-in person (`None`: not followed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FolgenStand {
    pub abo: Option<Abo>,
}

/// "Meine Abonnements": subscriptions and whether a personal feed exists (since when).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeineAbos {
    pub abos: Vec<Abo>,
    pub feed_seit_ms: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_checked_for_their_shape() {
        assert_eq!(AboArt::Themenfeld.ziel_lesen(" 5 "), Some("5".into()));
        assert_eq!(AboArt::Themenfeld.ziel_lesen("5; DROP"), None);
        assert_eq!(AboArt::Thema.ziel_lesen("-3"), None);
        assert_eq!(AboArt::Kommune.ziel_lesen("05554004"), Some("05554004".into()));
        assert_eq!(AboArt::Kommune.ziel_lesen("0555400"), None);
        assert_eq!(AboArt::Aktuelles.ziel_lesen("egal"), Some(String::new()));
        for a in AboArt::ALLE {
            assert_eq!(AboArt::aus_code(a.code()), Some(a));
        }
        for v in Versand::ALLE {
            assert_eq!(Versand::aus_code(v.code()), Some(v));
        }
        assert_eq!(Versand::aus_code("stündlich"), None);
    }

    #[test]
    fn excerpts_are_plain_and_short() {
        assert_eq!(auszug("# Titel\n\n**fett** und [Link](https://x)"), "Titel fett und Link (https://x)");
        let lang = "Wort ".repeat(200);
        let a = auszug(&lang);
        assert!(a.chars().count() <= AUSZUG_ZEICHEN + 2 && a.ends_with(" …"), "{a}");
        assert_eq!(auszug("a\u{0}b\u{7}c"), "a b c");
    }
}
