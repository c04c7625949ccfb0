//! Typed domain shared by server and browser.

pub mod aktuelles;
pub mod anliegen;
pub mod dienstleister;
pub mod dokument;
pub mod filter;
pub mod formular;
pub mod forum;
pub mod ids;
pub mod infoverteiler;
pub mod karte;
pub mod kommune;
pub mod konto;
pub mod leistung;
pub mod lieferung;
pub mod linkpruefung;
pub mod live;
pub mod loesung;
pub mod rechtstext;
pub mod roadmap;
pub mod rundschreiben;
pub mod steckbrief;
pub mod text;
pub mod treemap;
pub mod veranstaltung;
pub mod workshop;
pub mod zeitachse;
pub mod zustaendigkeit;

use serde::{Deserialize, Serialize};

/// Live counts for the start page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Kennzahlen {
    pub leistungen: i64,
    pub leika: i64,
    pub leika_ohne_schluessel: i64,
    pub kommunen: i64,
    pub kreise: i64,
    pub dienstleister: i64,
    pub themenfelder: i64,
}

/// A count (`len()`, `count()`) as the `i64` the database and the pages use. Saturates, which
/// no real count reaches; spelled out so that no `as` can wrap silently.
pub fn anzahl(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
