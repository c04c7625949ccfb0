//! Catalog of the 396 Gemeinden of NRW.

use crate::api::kommune::kommunen_suchen;
use crate::components::katalog::*;
use crate::components::status::zahl;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::kommune::KommuneZeile;
use leptos::prelude::*;
use leptos_meta::Title;

const PFAD: &str = crate::pfad::KOMMUNEN;

#[component]
pub fn Kommunen() -> impl IntoView {
    let zustand = KatalogZustand::aus_url();
    let daten = Resource::new(zustand.query(), kommunen_suchen);
    let KatalogDaten { facetten, gesamt, zeilen, fehler } = KatalogDaten::aus(daten);
    view! {
        <Title text="Kommunen" />
        <h1>"Kommunen in NRW"</h1>
        <p>
            "Alle Städte und Gemeinden mit Kreis, Regierungsbezirk und Größenklasse. "
            <a href=crate::pfad::KREISE>"Die 53 Kreise und kreisfreien Städte"</a>
        </p>
        <Transition fallback=|| ()>
            <KatalogLayout
                pfad=PFAD
                such_label="Kommunen durchsuchen"
                such_hinweis="Name, AGS, Postleitzahl oder Kreis."
                export="kommunen"
                einheit="Kommunen"
                zustand
                facetten
                gesamt
                fehler
            >
                    <Tabellenrahmen titel="Kommunen">
                        <table class="katalog-tabelle">
                            <caption class="sr-only">"Kommunen der aktuellen Auswahl"</caption>
                            <thead>
                                <tr>
                                    <SortKopf pfad=PFAD zustand spalte="ags" label="AGS" />
                                    <SortKopf pfad=PFAD zustand spalte="name" label="Kommune" />
                                    <SortKopf pfad=PFAD zustand spalte="kreis" label="Kreis" />
                                    <th scope="col">"Regierungsbezirk"</th>
                                    <SortKopf pfad=PFAD zustand spalte="gk" label="Größenklasse" />
                                    <SortKopf pfad=PFAD zustand spalte="einwohner" label="Einwohner" />
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || zeilen.get() key=|z: &KommuneZeile| z.ags.clone() let:z>
                                    <tr>
                                        <td><code>{z.ags.clone()}</code></td>
                                        <td><a href=crate::pfad::kommune(&z.ags)>{z.name.clone()}</a></td>
                                        <td><a href=crate::pfad::kreis(&z.kreis_ags)>{z.kreis.clone()}</a></td>
                                        <td>{z.regierungsbezirk.clone()}</td>
                                        <td>{z.groessenklasse_label()}</td>
                                        <td class="zahl">{zahl(z.einwohner)}</td>
                                    </tr>
                                </For>
                            </tbody>
                        </table>
                    </Tabellenrahmen>
            </KatalogLayout>
        </Transition>
    }
}
