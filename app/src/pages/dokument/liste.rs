//! The library as a catalog: facets Art, Themenfeld, Gehört zu, Format; search over title,
//! description, source and what a document belongs to.

use super::Abruf;
use crate::api::dokument::dokumente_suchen;
use crate::components::katalog::*;
use crate::components::konto::NurMitRecht;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::dokument::Dokument;
use leptos::prelude::*;
use leptos_meta::Title;

const PFAD: &str = crate::pfad::DOKUMENTE;

#[component]
pub fn Dokumente() -> impl IntoView {
    let zustand = KatalogZustand::aus_url();
    let daten = Resource::new(zustand.query(), dokumente_suchen);
    let KatalogDaten { facetten, gesamt, zeilen, fehler } = KatalogDaten::aus(daten);
    view! {
        <Title text="Dokumente und Links" />
        <h1>"Dokumente und Links"</h1>
        <p>
            "OZG-Referenzprozesse und -Referenzdatenfelder, Steckbriefe, Präsentationen und Protokolle der Workshops,
            Videomitschnitte und Links – mit Stand, Quelle und Lizenz. Ältere Fassungen bleiben neben der neuesten abrufbar."
        </p>
        <NurMitRecht recht=crate::model::konto::Recht::DokumenteVerwalten>
            <p class="knopfleiste"><a class="knopf-zweit" href=crate::pfad::DOKUMENT_NEU>"Neues Dokument"</a></p>
        </NurMitRecht>
        <Transition fallback=|| ()>
            <KatalogLayout
                pfad=PFAD
                such_label="Dokumente durchsuchen"
                such_hinweis="Titel, Beschreibung, Quelle, OZG-Leistung oder Themenfeld."
                einheit="Dokumente"
                zustand
                facetten
                gesamt
                fehler
                live=true
            >
                <Show
                    when=move || gesamt.get() != Some(0)
                    fallback=|| view! {
                        <p class="hinweis-kasten">
                            "Keine Dokumente in dieser Auswahl. Die Koordination stellt Dateien hier ein, sobald sie
                            veröffentlicht werden dürfen; erfundene Beispiele gibt es nicht."
                        </p>
                    }
                >
                    <Tabellenrahmen titel="Dokumente">
                        <table class="katalog-tabelle">
                            <caption class="sr-only">"Dokumente der aktuellen Auswahl"</caption>
                            <thead>
                                <tr>
                                    <SortKopf pfad=PFAD zustand spalte="titel" label="Dokument" />
                                    <th scope="col">"Art"</th>
                                    <SortKopf pfad=PFAD zustand spalte="stand" label="Stand" />
                                    <th scope="col">"Abruf"</th>
                                    <th scope="col">"Gehört zu"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || zeilen.get() key=|d: &Dokument| (d.id, d.version) let:d>
                                    <tr>
                                        <td><a href=crate::pfad::dokument(d.id)>{d.titel.clone()}</a></td>
                                        <td>{d.art.label()}</td>
                                        <td>{d.stand().map(|s| s.format("%d.%m.%Y").to_string())}</td>
                                        <td><Abruf d=d.clone() /></td>
                                        <td>
                                            {d.bezuege.iter().map(|b| view! { <a href=b.pfad.clone()>{b.name.clone()}</a> " " }).collect_view()}
                                        </td>
                                    </tr>
                                </For>
                            </tbody>
                        </table>
                    </Tabellenrahmen>
                </Show>
            </KatalogLayout>
        </Transition>
    }
}
