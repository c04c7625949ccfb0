//! OZG-Atlas NRW: shared models, pages, components and server functions.
//! Built twice: with `ssr` into the server, with `hydrate` into the browser bundle.

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

use components::layout::Rahmen;
use leptos::prelude::*;
use leptos_meta::{MetaTags, Stylesheet, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, SsrMode, path};

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
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
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
                    <Route path=path!("/steckbriefe") view={Lazy::<spaet::Steckbriefe>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe/neu") view={Lazy::<spaet::SteckbriefNeu>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe/:id") view={Lazy::<spaet::Steckbrief>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe/:id/ueberarbeiten") view={Lazy::<spaet::SteckbriefUeberarbeiten>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/kommunen") view=pages::kommunen::Kommunen ssr=SsrMode::Async />
                    <Route path=path!("/kommunen/:ags") view=pages::kommune::KommuneSeite ssr=SsrMode::Async />
                    <Route path=path!("/kreise") view=pages::kreise::Kreise ssr=SsrMode::Async />
                    <Route path=path!("/kreise/:ags") view=pages::kreise::KreisSeite ssr=SsrMode::Async />
                    <Route path=path!("/dienstleister") view=pages::dienstleister::Dienstleister ssr=SsrMode::Async />
                    <Route path=path!("/roadmap") view=pages::roadmap::RoadmapSeite ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/neu") view={Lazy::<spaet::ProjektNeu>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/zeitachse") view={Lazy::<spaet::Zeitachse>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/praesentation") view={Lazy::<spaet::Praesentation>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/:id") view={Lazy::<spaet::Projekt>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/quellen") view=pages::quellen::Quellen ssr=SsrMode::Async />
                    <Route path=path!("/anmelden") view={Lazy::<spaet::Anmelden>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/konto") view={Lazy::<spaet::Konto>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/protokoll") view={Lazy::<spaet::Protokoll>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/verwaltung/benutzer") view={Lazy::<spaet::Benutzerverwaltung>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/impressum") view={Lazy::<spaet::Impressum>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/datenschutz") view={Lazy::<spaet::Datenschutz>::new()} ssr=SsrMode::Async />
                    <Route path=path!("/barrierefreiheit") view={Lazy::<spaet::Barrierefreiheit>::new()} ssr=SsrMode::Async />
                </Routes>
            </Rahmen>
        </Router>
    }
}

/// Pages only logged-in staff (or facilitators) open are lazily loaded pieces of the WASM bundle
/// (`cargo leptos build --split`): the public pages do not carry their forms and drag code. The
/// server renders them as before and names the chunks a page needs for preloading. Splitting
/// every page was measured and rejected: the splitter cuts shared code into hundreds of small
/// chunks, and 150–270 requests per page made public pages slower to become interactive over
/// HTTP/1.1 (`make bench`, Ladezeit).
mod spaet {
    use super::pages;
    use leptos::prelude::*;
    use leptos_router::{LazyRoute, lazy_route};

    macro_rules! seiten {
        ($($name:ident => $seite:path;)*) => {$(
            pub struct $name;

            #[lazy_route]
            impl LazyRoute for $name {
                fn data() -> Self {
                    $name
                }

                fn view(_this: Self) -> AnyView {
                    $seite().into_any()
                }
            }
        )*};
    }

    seiten! {
        Steckbriefe => pages::steckbriefe::Steckbriefe;
        SteckbriefNeu => pages::steckbriefe::SteckbriefNeu;
        Steckbrief => pages::steckbriefe::SteckbriefSeite;
        SteckbriefUeberarbeiten => pages::steckbriefe::SteckbriefUeberarbeiten;
        ProjektNeu => pages::projekt_neu::ProjektNeu;
        Zeitachse => pages::zeitachse::ZeitachseSeite;
        Praesentation => pages::praesentation::PraesentationSeite;
        Projekt => pages::projekt::ProjektSeite;
        Anmelden => pages::anmelden::Anmelden;
        Konto => pages::konto::MeinKonto;
        Protokoll => pages::protokoll::Protokoll;
        Benutzerverwaltung => pages::verwaltung::Benutzerverwaltung;
        Impressum => pages::rechtstext::Impressum;
        Datenschutz => pages::rechtstext::Datenschutz;
        Barrierefreiheit => pages::rechtstext::Barrierefreiheit;
    }
}
