//! One file per page, named after what the user sees.

pub mod anmelden;
pub mod dienstleister;
pub mod kommune;
pub mod kommune_sicht;
pub mod kommunen;
pub mod konto;
pub mod kreise;
pub mod landkarte;
pub mod leika;
pub mod leistung;
pub mod leistungen;
pub mod loesung;
pub mod loesungen;
pub mod nicht_gefunden;
pub mod praesentation;
pub mod projekt;
pub mod projekt_neu;
pub mod protokoll;
pub mod quellen;
pub mod rechtstext;
pub mod roadmap;
pub mod start;
pub mod steckbriefe;
pub mod themenfeld;
pub mod umsetzung;
pub mod verwaltung;
pub mod zeitachse;

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
