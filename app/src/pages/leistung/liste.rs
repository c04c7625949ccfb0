//! Catalog of the OZG-Leistungen with search, facets, sorting, paging and export.

use crate::api::katalog::leistungen_suchen;
use crate::components::katalog::*;
use crate::components::status::zahl;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::leistung::{LeistungZeile, prioritaet_label};
use leptos::prelude::*;
use leptos_meta::Title;

const PFAD: &str = crate::pfad::LEISTUNGEN;

#[component]
pub fn Leistungen() -> impl IntoView {
    let zustand = KatalogZustand::aus_url();
    let daten = Resource::new(zustand.query(), leistungen_suchen);
    let KatalogDaten { facetten, gesamt, zeilen, fehler } = KatalogDaten::aus(daten);
    view! {
        <Title text="OZG-Leistungen" />
        <h1>"OZG-Leistungen"</h1>
        <Transition fallback=|| ()>
            <KatalogLayout
                pfad=PFAD
                such_label="Leistungen durchsuchen"
                such_hinweis="Name, OZG-ID, Lebenslage oder LeiKa-Leistung; Groß-/Kleinschreibung und Umlaute egal."
                export="leistungen"
                einheit="OZG-Leistungen"
                zustand
                facetten
                gesamt
                fehler
            >
                    <Tabellenrahmen titel="OZG-Leistungen">
                        <table class="katalog-tabelle">
                            <caption class="sr-only">"OZG-Leistungen der aktuellen Auswahl"</caption>
                            <thead>
                                <tr>
                                    <SortKopf pfad=PFAD zustand spalte="ozg_id" label="OZG-ID" />
                                    <SortKopf pfad=PFAD zustand spalte="name" label="OZG-Leistung" />
                                    <SortKopf pfad=PFAD zustand spalte="themenfeld" label="Themenfeld" />
                                    <SortKopf pfad=PFAD zustand spalte="lebenslage" label="Lebenslage" />
                                    <th scope="col">"Zuständigkeit"</th>
                                    <SortKopf pfad=PFAD zustand spalte="prio" label="Priorität" />
                                    <th scope="col">"EfA"</th>
                                    <SortKopf pfad=PFAD zustand spalte="leika" label="LeiKa" />
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || zeilen.get() key=|z: &LeistungZeile| z.ozg_id let:z>
                                    <Zeile z />
                                </For>
                            </tbody>
                        </table>
                    </Tabellenrahmen>
            </KatalogLayout>
        </Transition>
    }
}

#[component]
fn Zeile(z: LeistungZeile) -> impl IntoView {
    let ebenen: Vec<&str> = z.ebenen().into_iter().map(|e| e.label()).collect();
    view! {
        <tr>
            <td>{z.ozg_id}</td>
            <td><a href=crate::pfad::leistung(z.ozg_id)>{z.name.clone()}</a></td>
            <td><a href=crate::pfad::themenfeld(&z.themenfeld_slug)>{z.themenfeld.clone()}</a></td>
            <td>{z.lebenslage.clone()}</td>
            <td>{crate::pages::oder_nicht_erfasst((!ebenen.is_empty()).then(|| ebenen.join(", ")))}</td>
            <td>{crate::pages::oder_nicht_erfasst(z.prioritaet.map(|p| prioritaet_label(p).to_string()))}</td>
            <td>{crate::pages::oder_nicht_erfasst(crate::pages::ja_nein(z.efa))}</td>
            <td class="zahl">{zahl(z.leika_anzahl)}</td>
        </tr>
    }
}
