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
                    <a href=crate::pfad::LEIKA>"LeiKa-Leistungen"</a>
                    <p>"Die Leistungen des Leistungskatalogs mit Schlüssel und Zuordnung zur OZG-Leistung."</p>
                </li>
            </ul>
        </section>
    }
}
