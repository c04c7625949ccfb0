//! Dokumente und Links: Referenzprozesse, Referenzdatenfelder, Steckbriefe, Präsentationen,
//! Protokolle, Videomitschnitte and Links, each with its files by Stand ([`Fassung`]) and what it
//! belongs to ([`Bezug`]). The file format is recognised from the content ([`format`]).

pub mod eingabe;
pub mod format;

pub use format::Format;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Art {
    Referenzprozess,
    Referenzdatenfelder,
    Steckbrief,
    Praesentation,
    Protokoll,
    Video,
    Link,
    /// A picture of a Digitalisierungslabor's results ("Impressionen der Ergebnisse aus Laboren"):
    /// PNG or JPEG only, with a required alternative text; shown as a gallery.
    Impression,
    Sonstiges,
}

impl Art {
    pub const ALLE: [Art; 9] = [
        Art::Referenzprozess,
        Art::Referenzdatenfelder,
        Art::Steckbrief,
        Art::Praesentation,
        Art::Protokoll,
        Art::Video,
        Art::Link,
        Art::Impression,
        Art::Sonstiges,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Art::Referenzprozess => "referenzprozess",
            Art::Referenzdatenfelder => "referenzdatenfelder",
            Art::Steckbrief => "steckbrief",
            Art::Praesentation => "praesentation",
            Art::Protokoll => "protokoll",
            Art::Video => "video",
            Art::Link => "link",
            Art::Impression => "impression",
            Art::Sonstiges => "sonstiges",
        }
    }

    pub fn aus_code(code: &str) -> Option<Art> {
        Art::ALLE.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Art::Referenzprozess => "OZG-Referenzprozess",
            Art::Referenzdatenfelder => "OZG-Referenzdatenfelder",
            Art::Steckbrief => "Steckbrief",
            Art::Praesentation => "Präsentation",
            Art::Protokoll => "Protokoll",
            Art::Video => "Videomitschnitt (Link)",
            Art::Link => "Link",
            Art::Impression => "Impression aus einem Labor (Bild)",
            Art::Sonstiges => "Sonstiges Dokument",
        }
    }

    /// Kinds that are a link and never a file.
    pub fn nur_link(self) -> bool {
        matches!(self, Art::Video | Art::Link)
    }

    /// Kinds whose files must be pictures (PNG, JPEG) with an alternative text.
    pub fn nur_bild(self) -> bool {
        self == Art::Impression
    }
}

/// What a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BezugArt {
    Leistung,
    Themenfeld,
    Projekt,
    Veranstaltung,
    /// A Digitalisierungslabor (its pictures and checklists show on its Themenfeld's page).
    Labor,
}

impl BezugArt {
    pub const ALLE: [BezugArt; 5] =
        [BezugArt::Leistung, BezugArt::Themenfeld, BezugArt::Projekt, BezugArt::Veranstaltung, BezugArt::Labor];

    pub fn code(self) -> &'static str {
        match self {
            BezugArt::Leistung => "leistung",
            BezugArt::Themenfeld => "themenfeld",
            BezugArt::Projekt => "projekt",
            BezugArt::Veranstaltung => "veranstaltung",
            BezugArt::Labor => "labor",
        }
    }

    pub fn aus_code(code: &str) -> Option<BezugArt> {
        BezugArt::ALLE.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            BezugArt::Leistung => "OZG-Leistung",
            BezugArt::Themenfeld => "Themenfeld",
            BezugArt::Projekt => "Umsetzungsprojekt",
            BezugArt::Veranstaltung => "Veranstaltung",
            BezugArt::Labor => "Digitalisierungslabor",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bezug {
    pub art: BezugArt,
    /// OZG-ID, Themenfeld, project or event id.
    pub schluessel: String,
    pub name: String,
    /// The page of what it belongs to.
    pub pfad: String,
}

/// One file of a document, as of its Stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fassung {
    pub id: i64,
    pub stand: NaiveDate,
    pub dateiname: String,
    pub format: Format,
    pub groesse: i64,
    pub hochgeladen_ms: i64,
}

impl Fassung {
    /// "1,2 MB" / "340 KB".
    pub fn groesse_text(&self) -> String {
        if self.groesse >= 1024 * 1024 {
            format!("{:.1} MB", self.groesse as f64 / 1_048_576.0).replace('.', ",")
        } else {
            format!("{} KB", (self.groesse + 1023) / 1024)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dokument {
    pub id: i64,
    pub titel: String,
    pub art: Art,
    pub beschreibung: Option<String>,
    pub quelle: String,
    pub lizenz: Option<String>,
    pub link: Option<String>,
    /// What the picture shows, for people who cannot see it (required for [`Art::Impression`]).
    pub alt_text: Option<String>,
    /// Newest Stand first: the first is the default.
    pub fassungen: Vec<Fassung>,
    pub bezuege: Vec<Bezug>,
    pub geaendert_ms: i64,
    pub version: i64,
}

impl Dokument {
    /// The Stand of the newest file, if any.
    pub fn stand(&self) -> Option<NaiveDate> {
        self.fassungen.first().map(|f| f.stand)
    }
}

/// One document as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DokumentSeite {
    pub dokument: Dokument,
    pub verwalten: bool,
}

/// The address a file is downloaded from (served by the server, not a page).
pub fn datei_pfad(f: &Fassung) -> String {
    format!("/dokumente/datei/{}/{}", f.id, f.dateiname)
}
