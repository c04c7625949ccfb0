//! The link check (`online_status` of the Bund's dashboard): every address of an online service
//! and of a delivered Kommune page is checked on a schedule (server: `linkpruefung`). An address
//! counts as reachable when it answers 2xx, following at most [`MAX_WEITERLEITUNGEN`] redirects;
//! anything else – 4xx, 5xx, no answer within the time limit, a refused address – as not.

use serde::{Deserialize, Serialize};

/// Redirects followed at most; one more counts as "nicht erreichbar".
pub const MAX_WEITERLEITUNGEN: usize = 5;

/// The facet value of a service's address (`erreichbar` on `/loesungen`).
pub const ERREICHBAR: &str = "ja";
pub const NICHT_ERREICHBAR: &str = "nein";
pub const UNGEPRUEFT: &str = "offen";

/// The facet's label for a value.
pub fn erreichbar_label(wert: &str) -> String {
    match wert {
        ERREICHBAR => "erreichbar",
        NICHT_ERREICHBAR => "nicht erreichbar",
        _ => "noch nicht geprüft",
    }
    .to_string()
}

/// One check of one address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pruefung {
    pub url: String,
    pub erreichbar: bool,
    /// The last HTTP status seen (after the redirects); none without an answer.
    pub status: Option<i64>,
    /// Why there was no answer, in German ("Zeitüberschreitung nach 10 s").
    pub fehler: Option<String>,
    /// The redirects followed: status and target of each.
    pub weiterleitungen: Vec<(u16, String)>,
    pub dauer_ms: i64,
}

impl Pruefung {
    /// The redirects as stored: one line per hop, "301 https://…".
    pub fn weiterleitungen_text(&self) -> String {
        self.weiterleitungen.iter().map(|(s, u)| format!("{s} {u}")).collect::<Vec<_>>().join("\n")
    }
}

/// The state of an address as the public pages show it: since when it is (not) reachable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct LinkStand {
    pub erreichbar: bool,
    pub status: Option<i64>,
    pub fehler: Option<String>,
    pub seit_ms: i64,
}

impl LinkStand {
    /// "erreichbar seit 03.12.2026, 14:00 Uhr" / "nicht erreichbar seit … (HTTP 404)".
    pub fn anzeigen(&self) -> String {
        let seit = crate::model::konto::zeit_anzeigen(self.seit_ms);
        if self.erreichbar {
            format!("erreichbar seit {seit}")
        } else {
            format!("nicht erreichbar seit {seit} ({})", self.grund())
        }
    }

    /// Why not: the HTTP status or the error.
    pub fn grund(&self) -> String {
        match (&self.fehler, self.status) {
            (Some(f), _) => f.clone(),
            (None, Some(s)) => format!("HTTP {s}"),
            (None, None) => "keine Antwort".into(),
        }
    }
}

/// A broken address for the coordination's list, grouped by Kommune or IT-Dienstleister.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct KaputterLink {
    /// The Kommune's AGS or the provider's facet value (`dl<id>` or the provider's name).
    pub gruppe: String,
    pub gruppe_name: String,
    /// The online service (for the providers' list); none for a Kommune's page.
    pub dienst_id: Option<i64>,
    pub dienst_name: Option<String>,
    pub url: String,
    pub status: Option<i64>,
    pub fehler: Option<String>,
    pub seit_ms: i64,
    pub geprueft_ms: Option<i64>,
}

impl KaputterLink {
    pub fn stand(&self) -> LinkStand {
        LinkStand { erreichbar: false, status: self.status, fehler: self.fehler.clone(), seit_ms: self.seit_ms }
    }
}

/// One check as kept in the history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Verlauf {
    pub zeit_ms: i64,
    pub erreichbar: bool,
    pub status: Option<i64>,
    pub fehler: Option<String>,
    /// One line per redirect, "301 https://…".
    pub weiterleitungen: String,
    pub dauer_ms: i64,
}

/// Checks shown per address at most.
pub const MAX_VERLAUF: i64 = 50;

/// Both lists of broken addresses and when the check last ran.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KaputteLinks {
    pub je_kommune: Vec<KaputterLink>,
    pub je_dienstleister: Vec<KaputterLink>,
    /// Addresses known to the schedule, and of those checked at least once.
    pub adressen: i64,
    pub geprueft: i64,
    pub letzte_pruefung_ms: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_says_since_when_and_why() {
        let s = LinkStand { erreichbar: false, status: Some(404), fehler: None, seit_ms: 1_764_979_200_000 };
        assert_eq!(s.anzeigen(), "nicht erreichbar seit 06.12.2025, 01:00 Uhr (HTTP 404)");
        let s = LinkStand { fehler: Some("Zeitüberschreitung nach 10 s".into()), status: None, ..s };
        assert!(s.anzeigen().ends_with("(Zeitüberschreitung nach 10 s)"));
        assert!(LinkStand { erreichbar: true, ..s }.anzeigen().starts_with("erreichbar seit"));
        assert_eq!(erreichbar_label(UNGEPRUEFT), "noch nicht geprüft");
    }

    #[test]
    fn redirects_one_line_each() {
        let p = Pruefung {
            url: "http://a.de".into(),
            erreichbar: true,
            status: Some(200),
            fehler: None,
            weiterleitungen: vec![(301, "https://a.de/".into()), (302, "https://a.de/start".into())],
            dauer_ms: 5,
        };
        assert_eq!(p.weiterleitungen_text(), "301 https://a.de/\n302 https://a.de/start");
    }
}
