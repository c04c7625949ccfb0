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
pub mod pfad;
#[cfg(test)]
mod schichten;
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
                // Before the first paint: with JavaScript, server HTML that the browser renders
                // anew is not clickable until then (style/main.css, `html.js`).
                <script nonce=leptos::nonce::use_nonce()>"document.documentElement.classList.add('js')"</script>
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
    use components::layout::{Buehne, Rahmen, RahmenRoute};
    use leptos_meta::{Stylesheet, Title, provide_meta_context};
    use leptos_router::components::{ParentRoute, Route, Router, Routes};
    use leptos_router::{SsrMode, path};
    provide_meta_context();
    components::konto::konto_bereitstellen();
    view! {
        <Stylesheet id="leptos" href="/pkg/ozg-atlas.css" />
        <Title formatter=titel />
        <Router>
            // Async: the whole page is rendered before the first byte, so a missing record gets a
            // real 404 status and the page reads completely without JavaScript. Paths as in
            // `pfad.rs` (`tests::routen_und_pfade_stimmen_ueberein`).
            <Routes fallback=|| view! { <Rahmen><pages::nicht_gefunden::NichtGefunden /></Rahmen> }>
                // The presenter view for the projector, outside the site frame.
                <Route path=path!("/roadmap/praesentation") view=|| view! { <Buehne><inseln::Praesentation /></Buehne> } ssr=SsrMode::Async />
                <Route path=path!("/workshop/:code/projektor") view=|| view! { <Buehne><inseln::WorkshopProjektor /></Buehne> } ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=RahmenRoute ssr=SsrMode::Async>
                    <Route path=path!("/") view=pages::start::Start ssr=SsrMode::Async />
                    <Route path=path!("/landkarte") view=pages::themenfeld::landkarte::Landkarte ssr=SsrMode::Async />
                    <Route path=path!("/karte") view=pages::karte::KartenSeite ssr=SsrMode::Async />
                    <Route path=path!("/themenfelder/:slug") view=inseln::Themenfeld ssr=SsrMode::Async />
                    <Route path=path!("/themenfelder/:slug/zustaendigkeit") view=inseln::Zustaendigkeit ssr=SsrMode::Async />
                    <Route path=path!("/leistungen") view=pages::leistung::liste::Leistungen ssr=SsrMode::Async />
                    <Route path=path!("/leistungen/:ozg_id") view=pages::leistung::seite::LeistungSeite ssr=SsrMode::Async />
                    <Route path=path!("/leika") view=pages::leistung::leika::Leika ssr=SsrMode::Async />
                    <Route path=path!("/loesungen") view=pages::loesung::liste::Loesungen ssr=SsrMode::Async />
                    <Route path=path!("/loesungen/kennzahlen") view=pages::loesung::kennzahlen::Umsetzungsstand ssr=SsrMode::Async />
                    <Route path=path!("/loesungen/linkpruefung") view=pages::linkpruefung::Linkpruefung ssr=SsrMode::Async />
                    <Route path=path!("/loesungen/:id") view=inseln::Loesung ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe") view=inseln::Steckbriefe ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe/neu") view=inseln::SteckbriefNeu ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe/:id") view=inseln::Steckbrief ssr=SsrMode::Async />
                    <Route path=path!("/steckbriefe/:id/ueberarbeiten") view=inseln::SteckbriefUeberarbeiten ssr=SsrMode::Async />
                    <Route path=path!("/kommunen") view=pages::kommune::liste::Kommunen ssr=SsrMode::Async />
                    <Route path=path!("/kommunen/:ags") view=inseln::Kommune ssr=SsrMode::Async />
                    <Route path=path!("/kreise") view=pages::kommune::kreise::Kreise ssr=SsrMode::Async />
                    <Route path=path!("/kreise/:ags") view=pages::kommune::kreise::KreisSeite ssr=SsrMode::Async />
                    <Route path=path!("/dienstleister") view=pages::dienstleister::Dienstleister ssr=SsrMode::Async />
                    <Route path=path!("/roadmap") view=pages::roadmap::tabelle::RoadmapSeite ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/neu") view=inseln::ProjektNeu ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/zeitachse") view=inseln::Zeitachse ssr=SsrMode::Async />
                    <Route path=path!("/roadmap/:id") view=inseln::Projekt ssr=SsrMode::Async />
                    <Route path=path!("/veranstaltungen") view=pages::veranstaltung::liste::Veranstaltungen ssr=SsrMode::Async />
                    <Route path=path!("/veranstaltungen/kalender") view=pages::veranstaltung::kalender::Veranstaltungskalender ssr=SsrMode::Async />
                    <Route path=path!("/veranstaltungen/neu") view=inseln::VeranstaltungNeu ssr=SsrMode::Async />
                    <Route path=path!("/veranstaltungen/meine") view=inseln::MeineVeranstaltungen ssr=SsrMode::Async />
                    <Route path=path!("/veranstaltungen/:id") view=inseln::Veranstaltung ssr=SsrMode::Async />
                    <Route path=path!("/veranstaltungen/:id/bearbeiten") view=inseln::VeranstaltungBearbeiten ssr=SsrMode::Async />
                    <Route path=path!("/aktuelles") view=pages::aktuelles::liste::Aktuelles ssr=SsrMode::Async />
                    <Route path=path!("/aktuelles/neu") view=inseln::MeldungNeu ssr=SsrMode::Async />
                    <Route path=path!("/aktuelles/:id") view=pages::aktuelles::seite::Meldungsseite ssr=SsrMode::Async />
                    <Route path=path!("/aktuelles/:id/bearbeiten") view=inseln::MeldungBearbeiten ssr=SsrMode::Async />
                    <Route path=path!("/dokumente") view=pages::dokument::liste::Dokumente ssr=SsrMode::Async />
                    <Route path=path!("/dokumente/neu") view=inseln::DokumentNeu ssr=SsrMode::Async />
                    <Route path=path!("/dokumente/:id") view=inseln::Dokument ssr=SsrMode::Async />
                    <Route path=path!("/dokumente/:id/bearbeiten") view=inseln::DokumentBearbeiten ssr=SsrMode::Async />
                    <Route path=path!("/forum") view=inseln::Foren ssr=SsrMode::Async />
                    <Route path=path!("/forum/thema/:id") view=inseln::ForumThema ssr=SsrMode::Async />
                    <Route path=path!("/forum/:slug") view=inseln::ForumBrett ssr=SsrMode::Async />
                    <Route path=path!("/quellen") view=pages::quellen::Quellen ssr=SsrMode::Async />
                    <Route path=path!("/anmelden") view=pages::konto::anmelden::Anmelden ssr=SsrMode::Async />
                    <Route path=path!("/konto") view=inseln::Konto ssr=SsrMode::Async />
                    <Route path=path!("/konto/abonnements") view=inseln::MeineAbos ssr=SsrMode::Async />
                    <Route path=path!("/neu") view=inseln::NeuFuerMich ssr=SsrMode::Async />
                    <Route path=path!("/anliegen") view=inseln::Anliegen ssr=SsrMode::Async />
                    <Route path=path!("/rundschreiben") view=inseln::Rundschreiben ssr=SsrMode::Async />
                    <Route path=path!("/protokoll") view=pages::protokoll::Protokoll ssr=SsrMode::Async />
                    <Route path=path!("/verwaltung/benutzer") view=inseln::Benutzerverwaltung ssr=SsrMode::Async />
                    <Route path=path!("/impressum") view=inseln::Impressum ssr=SsrMode::Async />
                    <Route path=path!("/datenschutz") view=inseln::Datenschutz ssr=SsrMode::Async />
                    <Route path=path!("/barrierefreiheit") view=inseln::Barrierefreiheit ssr=SsrMode::Async />
                    <Route path=path!("/workshop") view=pages::workshop::beitreten::WorkshopBeitreten ssr=SsrMode::Async />
                    <Route path=path!("/workshop/:code") view=inseln::WorkshopSitzung ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// "Seite – OZG-Atlas NRW" in the browser tab.
fn titel(t: String) -> String {
    if t.is_empty() { "OZG-Atlas NRW".to_string() } else { format!("{t} – OZG-Atlas NRW") }
}

/// Pages with forms, drag or live updates, each one lazily loaded island: the browser loads a
/// page's code only where it is shown, so the public pages stay small. Pages that the public
/// reads and staff edit (Themenfeld, Kommune, Lösung) are islands only for a logged-in person
/// ([`components::konto::MitKonto`]); the public gets the same page as plain HTML.
mod inseln {
    use super::pages;
    #[cfg(not(feature = "hydrate"))]
    use crate::components::konto::MitKonto;
    use leptos::prelude::*;

    macro_rules! inseln {
        ($($name:ident => $seite:path;)*) => {$(
            #[island(lazy)]
            pub fn $name(children: Children) -> impl IntoView {
                crate::components::seite::im_browser(children, || {
                    crate::components::konto::insel_kontext();
                    // The formatter again: in the browser the page's `<Title>` sets the tab title.
                    view! { <leptos_meta::Title formatter=super::titel /> {$seite()} }
                })
            }
        )*};
    }

    /// Route views: the island with the server's render of the page as its children.
    #[cfg(not(feature = "hydrate"))]
    macro_rules! seiten {
        ($($seite:ident => $insel:ident ($inhalt:path);)*) => {$(
            #[component]
            pub fn $seite() -> impl IntoView {
                view! { <$insel>{$inhalt()}</$insel> }
            }
        )*};
    }

    inseln! {
        SteckbriefeInsel => pages::steckbrief::Steckbriefe;
        SteckbriefNeuInsel => pages::steckbrief::SteckbriefNeu;
        SteckbriefInsel => pages::steckbrief::SteckbriefSeite;
        SteckbriefUeberarbeitenInsel => pages::steckbrief::SteckbriefUeberarbeiten;
        ProjektNeuInsel => pages::roadmap::neu::ProjektNeu;
        ZeitachseInsel => pages::roadmap::zeitachse::ZeitachseSeite;
        PraesentationInsel => pages::roadmap::praesentation::PraesentationSeite;
        ProjektInsel => pages::roadmap::projekt::ProjektSeite;
        KontoInsel => pages::konto::seite::MeinKonto;
        BenutzerverwaltungInsel => pages::konto::verwaltung::Benutzerverwaltung;
        ImpressumInsel => pages::rechtstext::Impressum;
        DatenschutzInsel => pages::rechtstext::Datenschutz;
        BarrierefreiheitInsel => pages::rechtstext::Barrierefreiheit;
        ThemenfeldInsel => pages::themenfeld::seite::ThemenfeldSeite;
        ZustaendigkeitInsel => pages::zustaendigkeit::ZustaendigkeitSeiteAnsicht;
        KommuneInsel => pages::kommune::seite::KommuneSeite;
        LoesungInsel => pages::loesung::seite::LoesungSeite;
        VeranstaltungNeuInsel => pages::veranstaltung::formular::VeranstaltungNeu;
        VeranstaltungBearbeitenInsel => pages::veranstaltung::formular::VeranstaltungBearbeiten;
        MeineVeranstaltungenInsel => pages::veranstaltung::meine::MeineVeranstaltungenSeite;
        VeranstaltungInsel => pages::veranstaltung::seite::VeranstaltungLive;
        MeldungNeuInsel => pages::aktuelles::formular::MeldungNeu;
        MeldungBearbeitenInsel => pages::aktuelles::formular::MeldungBearbeiten;
        DokumentNeuInsel => pages::dokument::formular::DokumentNeu;
        DokumentBearbeitenInsel => pages::dokument::formular::DokumentBearbeiten;
        DokumentInsel => pages::dokument::seite::Dokumentseite;
        ForenInsel => pages::forum::uebersicht::Foren;
        ForumBrettInsel => pages::forum::brett::BrettSeiteAnsicht;
        ForumThemaInsel => pages::forum::thema::ThemaAnsicht;
        MeineAbosInsel => pages::infoverteiler::abos::MeineAbosSeite;
        NeuFuerMichInsel => pages::infoverteiler::neu::NeuFuerMichSeite;
        AnliegenInsel => pages::anliegen::eingang::Eingang;
        RundschreibenInsel => pages::rundschreiben::RundschreibenSeite;
        WorkshopSitzungInsel => pages::workshop::sitzung::WorkshopSeite;
        WorkshopProjektorInsel => pages::workshop::projektor::WorkshopProjektor;
    }

    #[cfg(not(feature = "hydrate"))]
    seiten! {
        Steckbriefe => SteckbriefeInsel(pages::steckbrief::Steckbriefe);
        SteckbriefNeu => SteckbriefNeuInsel(pages::steckbrief::SteckbriefNeu);
        Steckbrief => SteckbriefInsel(pages::steckbrief::SteckbriefSeite);
        SteckbriefUeberarbeiten => SteckbriefUeberarbeitenInsel(pages::steckbrief::SteckbriefUeberarbeiten);
        ProjektNeu => ProjektNeuInsel(pages::roadmap::neu::ProjektNeu);
        Zeitachse => ZeitachseInsel(pages::roadmap::zeitachse::ZeitachseSeite);
        Praesentation => PraesentationInsel(pages::roadmap::praesentation::PraesentationSeite);
        Projekt => ProjektInsel(pages::roadmap::projekt::ProjektSeite);
        Konto => KontoInsel(pages::konto::seite::MeinKonto);
        Benutzerverwaltung => BenutzerverwaltungInsel(pages::konto::verwaltung::Benutzerverwaltung);
        Impressum => ImpressumInsel(pages::rechtstext::Impressum);
        Datenschutz => DatenschutzInsel(pages::rechtstext::Datenschutz);
        Barrierefreiheit => BarrierefreiheitInsel(pages::rechtstext::Barrierefreiheit);
        ThemenfeldBearbeiten => ThemenfeldInsel(pages::themenfeld::seite::ThemenfeldSeite);
        ZustaendigkeitBearbeiten => ZustaendigkeitInsel(pages::zustaendigkeit::ZustaendigkeitSeiteAnsicht);
        KommuneBearbeiten => KommuneInsel(pages::kommune::seite::KommuneSeite);
        LoesungBearbeiten => LoesungInsel(pages::loesung::seite::LoesungSeite);
        VeranstaltungNeu => VeranstaltungNeuInsel(pages::veranstaltung::formular::VeranstaltungNeu);
        VeranstaltungBearbeiten => VeranstaltungBearbeitenInsel(pages::veranstaltung::formular::VeranstaltungBearbeiten);
        MeineVeranstaltungen => MeineVeranstaltungenInsel(pages::veranstaltung::meine::MeineVeranstaltungenSeite);
        VeranstaltungAngemeldet => VeranstaltungInsel(pages::veranstaltung::seite::VeranstaltungLive);
        MeldungNeu => MeldungNeuInsel(pages::aktuelles::formular::MeldungNeu);
        MeldungBearbeiten => MeldungBearbeitenInsel(pages::aktuelles::formular::MeldungBearbeiten);
        DokumentNeu => DokumentNeuInsel(pages::dokument::formular::DokumentNeu);
        DokumentBearbeiten => DokumentBearbeitenInsel(pages::dokument::formular::DokumentBearbeiten);
        DokumentAngemeldet => DokumentInsel(pages::dokument::seite::Dokumentseite);
        Foren => ForenInsel(pages::forum::uebersicht::Foren);
        ForumBrett => ForumBrettInsel(pages::forum::brett::BrettSeiteAnsicht);
        ForumThema => ForumThemaInsel(pages::forum::thema::ThemaAnsicht);
        MeineAbos => MeineAbosInsel(pages::infoverteiler::abos::MeineAbosSeite);
        NeuFuerMich => NeuFuerMichInsel(pages::infoverteiler::neu::NeuFuerMichSeite);
        Anliegen => AnliegenInsel(pages::anliegen::eingang::Eingang);
        Rundschreiben => RundschreibenInsel(pages::rundschreiben::RundschreibenSeite);
        WorkshopSitzung => WorkshopSitzungInsel(pages::workshop::sitzung::WorkshopSeite);
        WorkshopProjektor => WorkshopProjektorInsel(pages::workshop::projektor::WorkshopProjektor);
    }

    /// The public event page: plain HTML whose region reloads on live events.
    #[cfg(not(feature = "hydrate"))]
    #[component]
    pub fn VeranstaltungOeffentlich() -> impl IntoView {
        view! {
            <crate::components::teilseite::Teilseite live=true>
                <pages::veranstaltung::seite::Veranstaltungsseite />
            </crate::components::teilseite::Teilseite>
        }
    }

    #[cfg(not(feature = "hydrate"))]
    #[component]
    pub fn Veranstaltung() -> impl IntoView {
        view! { <MitKonto oeffentlich=VeranstaltungOeffentlich angemeldet=VeranstaltungAngemeldet /> }
    }

    #[cfg(not(feature = "hydrate"))]
    #[component]
    pub fn Dokument() -> impl IntoView {
        view! { <MitKonto oeffentlich=pages::dokument::seite::Dokumentseite angemeldet=DokumentAngemeldet /> }
    }

    #[cfg(not(feature = "hydrate"))]
    #[component]
    pub fn Themenfeld() -> impl IntoView {
        view! { <MitKonto oeffentlich=pages::themenfeld::seite::ThemenfeldSeite angemeldet=ThemenfeldBearbeiten /> }
    }

    #[cfg(not(feature = "hydrate"))]
    #[component]
    pub fn Zustaendigkeit() -> impl IntoView {
        view! {
            <MitKonto oeffentlich=pages::zustaendigkeit::ZustaendigkeitSeiteAnsicht angemeldet=ZustaendigkeitBearbeiten />
        }
    }

    #[cfg(not(feature = "hydrate"))]
    #[component]
    pub fn Kommune() -> impl IntoView {
        view! { <MitKonto oeffentlich=pages::kommune::seite::KommuneSeite angemeldet=KommuneBearbeiten /> }
    }

    #[cfg(not(feature = "hydrate"))]
    #[component]
    pub fn Loesung() -> impl IntoView {
        view! { <MitKonto oeffentlich=pages::loesung::seite::LoesungSeite angemeldet=LoesungBearbeiten /> }
    }
}

#[cfg(test)]
mod tests {
    /// Every route of the table has its path in `pfad.rs`, and every path there is a route.
    #[test]
    fn routen_und_pfade_stimmen_ueberein() {
        let quelle = include_str!("lib.rs");
        let mut routen: Vec<String> = quelle
            .split("path!(\"")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        let mut pfade = crate::pfad::muster();
        routen.sort();
        pfade.sort();
        assert_eq!(routen, pfade);
    }
}
