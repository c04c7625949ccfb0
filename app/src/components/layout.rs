//! Page frame: skip link, header with main navigation, footer with the data sources; and the
//! frameless stage for the presenter view.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

const NAVIGATION: [(&str, &str); 14] = [
    ("/", "Start"),
    ("/landkarte", "Themenfeld-Landkarte"),
    ("/roadmap", "Roadmap"),
    ("/leistungen", "OZG-Leistungen"),
    ("/leika", "LeiKa-Leistungen"),
    ("/loesungen", "Lösungsdatenbank"),
    ("/kommunen", "Kommunen"),
    ("/karte", "NRW-Karte"),
    ("/aktuelles", "Aktuelles"),
    ("/veranstaltungen", "Veranstaltungen"),
    ("/dokumente", "Dokumente"),
    ("/forum", "Forum"),
    ("/dienstleister", "IT-Dienstleister"),
    ("/quellen", "Datenquellen"),
];

#[component]
pub fn Rahmen(children: Children) -> impl IntoView {
    let workshop = crate::components::workshop::aus_anfrage();
    if let Some((code, true)) = workshop {
        // A projector of a workshop: the followed page without the site's frame.
        return view! {
            <main id="inhalt" tabindex="-1" class="projektor">
                {children()}
            </main>
            <crate::components::workshop::WorkshopRahmen code projektor=true />
            <crate::components::bereit::Bereit />
        }
        .into_any();
    }
    let location = use_location();
    let aktiv = move |href: &str| {
        let pfad = location.pathname.get();
        if href == "/" { pfad == "/" } else { pfad == href || pfad.starts_with(&format!("{href}/")) }
    };
    view! {
        <a class="skip-link" href="#inhalt">"Zum Inhalt springen"</a>
        {workshop.map(|(code, _)| view! { <crate::components::workshop::WorkshopRahmen code projektor=false /> })}
        <header class="kopf">
            <div class="kopf-innen">
                <a class="marke" href=crate::pfad::START>
                    <span class="marke-titel">"OZG-Atlas NRW"</span>
                    <span class="marke-unter">"Kommunale OZG-Umsetzung in Nordrhein-Westfalen"</span>
                </a>
                <crate::components::konto::KontoLeiste />
                <nav aria-label="Hauptnavigation">
                    <ul class="hauptnav">
                        {NAVIGATION
                            .into_iter()
                            .map(|(href, label)| {
                                view! {
                                    <li>
                                        <a href=href aria-current=move || aktiv(href).then_some("page")>
                                            {label}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </nav>
            </div>
        </header>
        <main id="inhalt" tabindex="-1">
            {children()}
        </main>
        <footer class="fuss">
            <p>
                "Daten: KDN OZG-Datenbank NRW (MIT), Destatis Gemeindeverzeichnis 31.12.2021 (dl-de/by-2-0), "
                "Größenklassen nach § 4 GO NRW (Stand 01.01.2025) und die öffentlichen Folien der KDN. "
                <a href=crate::pfad::QUELLEN>"Alle Quellen und Korrekturen"</a>
            </p>
            <nav aria-label="Rechtliches">
                <ul class="fuss-links">
                    <li><a href=crate::pfad::IMPRESSUM>"Impressum"</a></li>
                    <li><a href=crate::pfad::DATENSCHUTZ>"Datenschutz"</a></li>
                    <li><a href=crate::pfad::BARRIEREFREIHEIT>"Barrierefreiheit"</a></li>
                </ul>
            </nav>
        </footer>
        <crate::components::bereit::Bereit />
    }
    .into_any()
}

/// The frame of every page that [`Buehne`] does not hold: the route table's parent route.
#[component]
pub fn RahmenRoute() -> impl IntoView {
    view! { <Rahmen><leptos_router::components::Outlet /></Rahmen> }
}

/// The presenter view fills the projector: no site header, navigation or footer, so nothing of
/// them sits in the tab order behind it.
#[component]
pub fn Buehne(children: Children) -> impl IntoView {
    // A workshop's projector follows the facilitator from here, too.
    let projektor = crate::components::workshop::aus_anfrage().filter(|(_, p)| *p).map(|(code, _)| code);
    view! {
        <main id="inhalt" tabindex="-1">
            {children()}
        </main>
        {projektor.map(|code| view! { <crate::components::workshop::WorkshopRahmen code projektor=true /> })}
        <crate::components::bereit::Bereit />
    }
}
