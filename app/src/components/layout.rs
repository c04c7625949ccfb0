//! Page frame: skip link, header with main navigation, footer with the data sources.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

const NAVIGATION: [(&str, &str); 9] = [
    ("/", "Start"),
    ("/landkarte", "Themenfeld-Landkarte"),
    ("/roadmap", "Roadmap"),
    ("/leistungen", "OZG-Leistungen"),
    ("/leika", "LeiKa-Leistungen"),
    ("/loesungen", "Lösungsdatenbank"),
    ("/kommunen", "Kommunen"),
    ("/dienstleister", "IT-Dienstleister"),
    ("/quellen", "Datenquellen"),
];

#[component]
pub fn Rahmen(children: Children) -> impl IntoView {
    let location = use_location();
    let aktiv = move |href: &str| {
        let pfad = location.pathname.get();
        if href == "/" { pfad == "/" } else { pfad == href || pfad.starts_with(&format!("{href}/")) }
    };
    // The presenter view fills the projector: no site header or footer (also not in the tab
    // order behind it).
    let buehne = move || location.pathname.get() == crate::pages::praesentation::PFAD;
    view! {
        <a class="skip-link" href="#inhalt">"Zum Inhalt springen"</a>
        <header class="kopf" hidden=buehne>
            <div class="kopf-innen">
                <a class="marke" href="/">
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
        <footer class="fuss" hidden=buehne>
            <p>
                "Daten: KDN OZG-Datenbank NRW (MIT), Destatis Gemeindeverzeichnis 31.12.2021 (dl-de/by-2-0), "
                "Größenklassen nach § 4 GO NRW (Stand 01.01.2025) und die öffentlichen Folien der KDN. "
                <a href="/quellen">"Alle Quellen und Korrekturen"</a>
            </p>
            <nav aria-label="Rechtliches">
                <ul class="fuss-links">
                    <li><a href="/impressum">"Impressum"</a></li>
                    <li><a href="/datenschutz">"Datenschutz"</a></li>
                    <li><a href="/barrierefreiheit">"Barrierefreiheit"</a></li>
                </ul>
            </nav>
        </footer>
        <crate::components::bereit::Bereit />
    }
}
