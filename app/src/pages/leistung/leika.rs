//! Catalog of all LeiKa-Leistungen; rows without a valid key or OZG-ID are flagged, not hidden.

use crate::api::katalog::leika_suchen;
use crate::components::katalog::*;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::leistung::LeikaZeile;
use crate::pages::oder_nicht_erfasst;
use leptos::prelude::*;
use leptos_meta::Title;

const PFAD: &str = crate::pfad::LEIKA;

#[component]
pub fn Leika() -> impl IntoView {
    let zustand = KatalogZustand::aus_url();
    let daten = Resource::new(zustand.query(), leika_suchen);
    let KatalogDaten { facetten, gesamt, zeilen, fehler } = KatalogDaten::aus(daten);
    view! {
        <Title text="LeiKa-Leistungen" />
        <h1>"LeiKa-Leistungen"</h1>
        <Transition fallback=|| ()>
            <KatalogLayout
                pfad=PFAD
                such_label="LeiKa-Leistungen durchsuchen"
                such_hinweis="Bezeichnung, 14-stelliger Schlüssel, OZG-ID oder Rechtsgrundlage."
                export="leika"
                einheit="LeiKa-Leistungen"
                zustand
                facetten
                gesamt
                fehler
            >
                    <Tabellenrahmen titel="LeiKa-Leistungen">
                        <table class="katalog-tabelle">
                            <caption class="sr-only">"LeiKa-Leistungen der aktuellen Auswahl"</caption>
                            <thead>
                                <tr>
                                    <SortKopf pfad=PFAD zustand spalte="schluessel" label="LeiKa-Schlüssel" />
                                    <SortKopf pfad=PFAD zustand spalte="name" label="Bezeichnung" />
                                    <SortKopf pfad=PFAD zustand spalte="typ" label="Typisierung" />
                                    <SortKopf pfad=PFAD zustand spalte="ozg_id" label="OZG-Leistung" />
                                    <th scope="col">"Themenfeld"</th>
                                    <th scope="col">"Hinweise"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || zeilen.get() key=|z: &LeikaZeile| z.id let:z>
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
fn Zeile(z: LeikaZeile) -> impl IntoView {
    let hinweise = z.hinweise().join("; ");
    let markiert = !hinweise.is_empty();
    let schluessel = match &z.schluessel {
        Some(s) => view! { <code>{s.clone()}</code> }.into_any(),
        None => view! { <span class="markiert">{z.schluessel_roh.clone()}</span> }.into_any(),
    };
    let ozg = match (z.ozg_id, z.ozg_name.clone()) {
        (Some(id), Some(name)) => view! { <a href=crate::pfad::leistung(id)>{format!("{name} ({id})")}</a> }.into_any(),
        _ => oder_nicht_erfasst(None),
    };
    view! {
        <tr class:zeile-markiert=markiert>
            <td>{schluessel}</td>
            <td>{z.name.clone()}</td>
            <td>{oder_nicht_erfasst(z.typisierung.clone())}</td>
            <td>{ozg}</td>
            <td>{oder_nicht_erfasst(z.themenfeld.clone())}</td>
            <td>{markiert.then(|| view! { <span class="markiert">{hinweise}</span> })}</td>
        </tr>
    }
}
