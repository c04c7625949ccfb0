//! Catalog of the 396 Gemeinden of NRW.

use crate::api::kommunen::kommunen_suchen;
use crate::components::katalog::*;
use crate::components::status::{Fehler, zahl};
use crate::model::kommune::KommuneZeile;
use leptos::prelude::*;
use leptos_meta::Title;

const PFAD: &str = "/kommunen";

#[component]
pub fn Kommunen() -> impl IntoView {
    let zustand = KatalogZustand::aus_url();
    let daten = Resource::new(zustand.query(), kommunen_suchen);
    let seite = move || daten.get().and_then(Result::ok);
    let facetten = Signal::derive(move || seite().map(|s| s.facetten).unwrap_or_default());
    let gesamt = Signal::derive(move || seite().map(|s| s.gesamt));
    let zeilen = move || seite().map(|s| s.zeilen).unwrap_or_default();
    let fehler = move || daten.get().and_then(Result::err);
    view! {
        <Title text="Kommunen" />
        <h1>"Kommunen in NRW"</h1>
        <p>
            "Alle Städte und Gemeinden mit Kreis, Regierungsbezirk und Größenklasse. "
            <a href="/kreise">"Die 53 Kreise und kreisfreien Städte"</a>
        </p>
        <Transition fallback=|| ()>
            <div class="katalog">
                <aside class="katalog-filter">
                    <FilterFormular
                        pfad=PFAD
                        such_label="Kommunen durchsuchen"
                        such_hinweis="Name, AGS, Postleitzahl oder Kreis."
                        zustand
                        facetten
                    />
                </aside>
                <div class="katalog-treffer">
                    <AktiveFilter pfad=PFAD zustand facetten />
                    <Trefferkopf zustand gesamt export="kommunen" einheit="Kommunen" />
                    {move || fehler().map(|e| view! { <Fehler fehler=e /> })}
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
                            <For each=zeilen key=|z: &KommuneZeile| z.ags.clone() let:z>
                                <tr>
                                    <td><code>{z.ags.clone()}</code></td>
                                    <td><a href=format!("/kommunen/{}", z.ags)>{z.name.clone()}</a></td>
                                    <td><a href=format!("/kreise/{}", z.kreis_ags)>{z.kreis.clone()}</a></td>
                                    <td>{z.regierungsbezirk.clone()}</td>
                                    <td>{z.groessenklasse_label()}</td>
                                    <td class="zahl">{zahl(z.einwohner)}</td>
                                </tr>
                            </For>
                        </tbody>
                    </table>
                    <Seiten pfad=PFAD zustand gesamt />
                </div>
            </div>
        </Transition>
    }
}
