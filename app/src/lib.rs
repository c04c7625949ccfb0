//! OZG-Atlas NRW: shared models, pages, components and server functions.
//! Built twice: with `ssr` into the server, with `hydrate` into the browser bundle.
//!
//! Leptos islands: the server renders every page; the browser bundle holds only the
//! `#[island]` components (catalog navigation, forms, the timeline) and hydrates just those.
//! Islands only logged-in staff see are `#[island(lazy)]`: their code is a separate chunk that
//! a public page never loads.

#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod error;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod schranke;
#[cfg(feature = "ssr")]
pub mod sitzung;
#[cfg(feature = "ssr")]
pub mod store;

use leptos::prelude::*;
use leptos_meta::MetaTags;

/// The HTML document around the app (server side only).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="de">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="description" content="Koordination der kommunalen OZG-Umsetzung in Nordrhein-Westfalen" />
                <link rel="icon" href="data:," />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Called by the browser entry so that the linker keeps this crate's island exports.
pub fn inseln_verlinken() {}

/// The browser never renders the app, only its islands.
#[cfg(feature = "hydrate")]
#[component]
pub fn App() -> impl IntoView {}

#[cfg(not(feature = "hydrate"))]
#[component]
pub fn App() -> impl IntoView {
    use components::layout::Rahmen;
    use leptos_meta::{Stylesheet, Title, provide_meta_context};
    use leptos_router::components::{Route, Router, Routes};
    use leptos_router::{SsrMode, path};
    provide_meta_context();
    components::konto::konto_bereitstellen();
    view! {
        <Stylesheet id="leptos" href="/pkg/ozg-atlas.css" />
        <Title formatter=|t: String| if t.is_empty() { "OZG-Atlas NRW".to_string() } else { format!("{t} – OZG-Atlas NRW") } />
        <Router>
            <Rahmen>
                // Async: the whole page is rendered before the first byte, so a missing record gets a
                // real 404 status and the page reads completely without JavaScript.
                <Routes fallback=pages::nicht_gefunden::NichtGefunden>
                    <Route path=path!("/") view=pages::start::Start ssr=SsrMode::Async />
                    <Route path=path!("/landkarte") view=pages::landkarte::Landkarte ssr=SsrMode::Async />
                    <Route path=path!("/themenfelder/:slug") view=pages::themenfeld::ThemenfeldSeite ssr=SsrMode::Async />
                    <Route path=path!("/leistungen") view=pages::leistungen::Leistungen ssr=SsrMode::Async />
                    <Route path=path!("/leistungen/:ozg_id") view=pages::leistung::LeistungSeite ssr=SsrMode::Async />
                    <Route path=path!("/leika") view=pages::leika::Leika ssr=SsrMode::Async />
                    <Route path=path!("/loesungen") view=pages::loesungen::Loesungen ssr=SsrMode::Async />
                    <Route path=path!("/loesungen/kennzahlen") view=pages::umsetzung::Umsetzungsstand ssr=SsrMode::Async />
                    <Route path=path!("/loesungen/:id") view=pages::loesung::LoesungSeite ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe") view=pages::steckbriefe::Steckbriefe ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe/neu") view=pages::steckbriefe::SteckbriefNeu ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe/:id") view=pages::steckbriefe::SteckbriefSeite ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe/:id/ueberarbeiten") view=pages::steckbriefe::SteckbriefUeberarbeiten ssr=SsrMode::Async />
                    <Route path=path!("/kommunen") view=pages::kommunen::Kommunen ssr=SsrMode::Async />
                    <Route path=path!("/kommunen/:ags") view=pages::kommune::KommuneSeite ssr=SsrMode::Async />
                    <Route path=path!("/kreise") view=pages::kreise::Kreise ssr=SsrMode::Async />
                    <Route path=path!("/kreise/:ags") view=pages::kreise::KreisSeite ssr=SsrMode::Async />
                    <Route path=path!("/dienstleister") view=pages::dienstleister::Dienstleister ssr=SsrMode::Async />
                    <Route path=path!("/roadmap") view=pages::roadmap::RoadmapSeite ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/neu") view=pages::projekt_neu::ProjektNeu ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/zeitachse") view=pages::zeitachse::ZeitachseSeite ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/praesentation") view=pages::praesentation::PraesentationSeite ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/:id") view=pages::projekt::ProjektSeite ssr=SsrMode::Async />
                    <Route path=path!("/quellen") view=pages::quellen::Quellen ssr=SsrMode::Async />
                    <Route path=path!("/anmelden") view=pages::anmelden::Anmelden ssr=SsrMode::Async />
                    <Route path=path!("/konto") view=pages::konto::MeinKonto ssr=SsrMode::Async />
                    <Route path=path!("/protokoll") view=pages::protokoll::Protokoll ssr=SsrMode::Async />
                    <Route path=path!("/verwaltung/benutzer") view=pages::verwaltung::Benutzerverwaltung ssr=SsrMode::Async />
                    <Route path=path!("/impressum") view=pages::rechtstext::Impressum ssr=SsrMode::Async />
                    <Route path=path!("/datenschutz") view=pages::rechtstext::Datenschutz ssr=SsrMode::Async />
                    <Route path=path!("/barrierefreiheit") view=pages::rechtstext::Barrierefreiheit ssr=SsrMode::Async />
                </Routes>
            </Rahmen>
        </Router>
    }
}
