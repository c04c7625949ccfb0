use crate::api::katalog::kennzahlen_laden;
use crate::components::laden::Laden;
use crate::components::status::zahl;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Start() -> impl IntoView {
    let daten = Resource::new(|| (), |_| kennzahlen_laden());
    view! {
        <Title text="" />
        <section class="einstieg">
            <h1>"OZG-Atlas NRW"</h1>
            <p class="lead">
                "Wer bietet welchen Online-Dienst an, welche Kommune nutzt ihn, und was bleibt für Ihre "
                "Größenklasse zu tun? Der OZG-Atlas bündelt den Stand der kommunalen OZG-Umsetzung in Nordrhein-Westfalen."
            </p>
        </section>
        <Laden daten=daten inhalt=move |k| {
                        view! {
                            <ul class="kennzahlen" aria-label="Kennzahlen">
                                <li>
                                    <a href=crate::pfad::LEISTUNGEN>
                                        <span class="kz-zahl">{zahl(k.leistungen)}</span>
                                        <span class="kz-text">"OZG-Leistungen"</span>
                                    </a>
                                </li>
                                <li>
                                    <a href=crate::pfad::LEIKA>
                                        <span class="kz-zahl">{zahl(k.leika)}</span>
                                        <span class="kz-text">"LeiKa-Leistungen"</span>
                                    </a>
                                </li>
                                <li>
                                    <a href=crate::pfad::KOMMUNEN>
                                        <span class="kz-zahl">{zahl(k.kommunen)}</span>
                                        <span class="kz-text">"Kommunen"</span>
                                    </a>
                                </li>
                                <li>
                                    <a href=crate::pfad::DIENSTLEISTER>
                                        <span class="kz-zahl">{zahl(k.dienstleister)}</span>
                                        <span class="kz-text">"IT-Dienstleister"</span>
                                    </a>
                                </li>
                            </ul>
                            <p class="hinweis">
                                {format!(
                                    "Dazu {} Themenfelder (einschließlich Basisdienste) und {} Kreise und kreisfreie Städte. {} LeiKa-Zeilen tragen keinen gültigen Schlüssel und sind im Katalog markiert.",
                                    k.themenfelder,
                                    k.kreise,
                                    zahl(k.leika_ohne_schluessel),
                                )}
                            </p>
                        }
        } />
        <section aria-labelledby="aktuelles">
            <h2 id="aktuelles">"Aktuelles"</h2>
            <crate::pages::aktuelles::Neueste anzahl=3 />
        </section>
        <NaechsteVeranstaltungen />
        <section aria-labelledby="einstiege">
            <h2 id="einstiege">"Einstiege"</h2>
            <ul class="einstiege">
                <li>
                    <a href=crate::pfad::LANDKARTE>"Themenfeld-Landkarte"</a>
                    <p>"Die 14 Themenfelder und die Basisdienste auf einen Blick: Lebenslagen, Leistungen, Labore, Workshops und Koordination."</p>
                </li>
                <li>
                    <a href=crate::pfad::LEISTUNGEN>"Katalog der OZG-Leistungen"</a>
                    <p>"Suchen und filtern nach Themenfeld, Lebenslage, Zuständigkeit, Priorität und EfA; Export als CSV oder JSON."</p>
                </li>
                <li>
                    <a href=crate::pfad::KOMMUNEN>"Kommunen in NRW"</a>
                    <p>"Alle 396 Gemeinden nach Kreis, Regierungsbezirk und Größenklasse, mit ihren IT-Dienstleistern."</p>
                </li>
                <li>
                    <a href=crate::pfad::VERANSTALTUNGEN>"Veranstaltungen"</a>
                    <p>"Informationsveranstaltungen, Themenfeld-Workshops und Labor-Termine: Liste, Monatskalender, Anmeldung und Kalender-Abo."</p>
                </li>
                <li>
                    <a href=crate::pfad::LEIKA>"LeiKa-Leistungen"</a>
                    <p>"Die Leistungen des Leistungskatalogs mit Schlüssel und Zuordnung zur OZG-Leistung."</p>
                </li>
            </ul>
        </section>
    }
}

/// The next three announced events (none invented: an empty list says so).
#[component]
fn NaechsteVeranstaltungen() -> impl IntoView {
    let daten = Resource::new(|| (), |_| crate::api::veranstaltung::veranstaltungen_suchen("zeit=kommend".into()));
    view! {
        <section aria-labelledby="naechste-veranstaltungen">
            <h2 id="naechste-veranstaltungen">"Nächste Veranstaltungen"</h2>
            <Laden daten inhalt={|s: crate::model::filter::Trefferseite<crate::model::veranstaltung::Veranstaltung>| {
                if s.zeilen.is_empty() {
                    return view! {
                        <p>
                            "Derzeit ist keine Veranstaltung angekündigt. "
                            <a href=crate::pfad::gefiltert(crate::pfad::VERANSTALTUNGEN, &[("zeit", "vergangen")])>"Vergangene Veranstaltungen"</a>
                        </p>
                    }
                    .into_any();
                }
                view! {
                    <ul class="naechste">
                        {s.zeilen.into_iter().take(3).map(|v| view! {
                            <li>
                                <a href=crate::pfad::veranstaltung(v.id)>{v.titel.clone()}</a>
                                ": " <crate::pages::veranstaltung::TerminText v=v.clone() />
                                {v.ort_text().map(|o| format!(", {o}"))}
                            </li>
                        }).collect_view()}
                    </ul>
                    <p><a href=crate::pfad::VERANSTALTUNGEN>"Alle Veranstaltungen"</a></p>
                }
                .into_any()
            }} />
        </section>
    }
}
