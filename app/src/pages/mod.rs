//! The pages, one folder per domain (the same German name as in `model`, `store` and `api`),
//! one file per page inside it, named after what the user sees.

pub mod aktuelles;
pub mod anliegen;
pub mod dienstleister;
pub mod dokument;
pub mod forum;
pub mod infoverteiler;
pub mod karte;
pub mod kommune;
pub mod konto;
pub mod leistung;
pub mod linkpruefung;
pub mod loesung;
pub mod nicht_gefunden;
pub mod protokoll;
pub mod quellen;
pub mod rechtstext;
pub mod roadmap;
pub mod rundschreiben;
pub mod start;
pub mod steckbrief;
pub mod themenfeld;
pub mod veranstaltung;
pub mod workshop;
pub mod zustaendigkeit;

/// Display of an optional value: "nicht erfasst" where the data has none.
pub(crate) fn oder_nicht_erfasst(v: Option<String>) -> leptos::prelude::AnyView {
    use leptos::prelude::*;
    match v {
        Some(s) if !s.is_empty() => s.into_any(),
        _ => view! { <span class="nicht-erfasst">"nicht erfasst"</span> }.into_any(),
    }
}

pub(crate) use crate::model::text::ja_nein;

/// A month as "MM/JJJJ", "–" where none is recorded.
pub(crate) fn monat_kurz(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%m/%Y").to_string()).unwrap_or_else(|| "–".into())
}
