//! All Veranstaltungen as a catalog: facets Zeitraum, Art, Themenfeld, Kreis; upcoming first.

use super::{Ansichten, TerminText, plaetze_text};
use crate::api::veranstaltung::veranstaltungen_suchen;
use crate::components::katalog::*;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::veranstaltung::Veranstaltung;
use leptos::prelude::*;
use leptos_meta::Title;

const PFAD: &str = crate::pfad::VERANSTALTUNGEN;

#[component]
pub fn Veranstaltungen() -> impl IntoView {
    let zustand = KatalogZustand::aus_url();
    let daten = Resource::new(zustand.query(), veranstaltungen_suchen);
    let KatalogDaten { facetten, gesamt, zeilen, fehler } = KatalogDaten::aus(daten);
    view! {
        <Title text="Veranstaltungen" />
        <h1>"Veranstaltungen"</h1>
        <p>
            "Informationsveranstaltungen, Themenfeld-Workshops, Labor-Termine, Webinare und Konferenzen zur kommunalen
            OZG-Umsetzung in NRW. Termine, deren Tag noch nicht feststeht, stehen mit Monat oder Quartal – so wie sie
            angekündigt sind."
        </p>
        <crate::components::konto::MitKonto oeffentlich=|| () angemeldet=|| view! {
            <crate::components::folgen::FolgenInsel art=crate::model::infoverteiler::AboArt::Veranstaltungen ziel=String::new() />
        } />
        <Ansichten aktiv="liste" />
        <Transition fallback=|| ()>
            <KatalogLayout
                pfad=PFAD
                such_label="Veranstaltungen durchsuchen"
                such_hinweis="Titel, Ort, Themenfeld oder Kreis."
                export="veranstaltungen"
                einheit="Veranstaltungen"
                zustand
                facetten
                gesamt
                fehler
            >
                <Show
                    when=move || gesamt.get() != Some(0)
                    fallback=|| view! {
                        <p class="hinweis-kasten">
                            "Keine Veranstaltung in dieser Auswahl. Vergangene Termine zeigt der Filter „Zeitraum: vergangen“."
                        </p>
                    }
                >
                    <Tabellenrahmen titel="Veranstaltungen">
                        <table class="katalog-tabelle">
                            <caption class="sr-only">"Veranstaltungen der aktuellen Auswahl"</caption>
                            <thead>
                                <tr>
                                    <SortKopf pfad=PFAD zustand spalte="datum" label="Termin" />
                                    <SortKopf pfad=PFAD zustand spalte="titel" label="Veranstaltung" />
                                    <th scope="col">"Art"</th>
                                    <th scope="col">"Themenfeld"</th>
                                    <th scope="col">"Ort"</th>
                                    <th scope="col">"Anmeldung"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || zeilen.get() key=|v: &Veranstaltung| (v.id, v.version, v.belegt, v.warteliste) let:v>
                                    <Zeile v />
                                </For>
                            </tbody>
                        </table>
                    </Tabellenrahmen>
                </Show>
            </KatalogLayout>
        </Transition>
    }
}

#[component]
fn Zeile(v: Veranstaltung) -> impl IntoView {
    let plaetze = plaetze_text(&v);
    view! {
        <tr class:abgesagt=v.abgesagt>
            <td><TerminText v=v.clone() /></td>
            <td>
                <a href=crate::pfad::veranstaltung(v.id)>{v.titel.clone()}</a>
                {v.abgesagt.then(|| view! { " " <strong class="marke-abgesagt">"abgesagt"</strong> })}
            </td>
            <td>{v.art.label()}</td>
            <td>
                {v.themenfeld.clone().map(|(_, n, slug)| view! { <a href=crate::pfad::themenfeld(slug)>{n}</a> })}
            </td>
            <td>{v.ort_text()}</td>
            <td>{plaetze}</td>
        </tr>
    }
}
