//! The Lösungsdatenbank: online services with facets. Every value in a row is a link that adds it
//! to the filter, so "which other services does this provider offer?" is one click.

use crate::api::loesung::loesungen_suchen;
use crate::components::katalog::*;
use crate::components::status::zahl;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::filter::NICHT_ERFASST;
use crate::model::loesung::{OnlinedienstZeile, reifegrad_label, status_label};
use leptos::prelude::*;
use leptos_meta::Title;

pub const PFAD: &str = crate::pfad::LOESUNGEN;

#[component]
pub fn Loesungen() -> impl IntoView {
    let zustand = KatalogZustand::aus_url();
    let daten = Resource::new(zustand.query(), loesungen_suchen);
    let KatalogDaten { facetten, gesamt, zeilen, fehler } = KatalogDaten::aus(daten);
    view! {
        <Title text="Lösungsdatenbank" />
        <h1>"Lösungsdatenbank: Online-Dienste"</h1>
        <p class="einleitung">
            "Online-Dienste, die Kommunen in NRW nutzen können, mit den LeiKa-Leistungen, die sie abdecken. "
            "Themenfeld und OZG-Leistung ergeben sich aus den LeiKa-Schlüsseln. Ein Klick auf einen Wert in "
            "einer Zeile setzt ihn als Filter."
        </p>
        <p>
            <a href=crate::pfad::LOESUNGEN_KENNZAHLEN>"Umsetzungsstand: Kennzahlen und Diagramm"</a>
            " · Eigene Lösung melden: "
            <a href=crate::pfad::STECKBRIEF_NEU>"Steckbrief einreichen"</a>
            " · "
            <a href=crate::pfad::STECKBRIEFE>"Eingereichte Steckbriefe"</a>
            " (nach Anmeldung)"
        </p>
        <Transition fallback=|| ()>
            <KatalogLayout
                pfad=PFAD
                such_label="Online-Dienste durchsuchen"
                such_hinweis="Name des Dienstes, Anbieter oder Bezeichnung einer abgedeckten LeiKa-Leistung."
                export="loesungen"
                einheit="Online-Dienste"
                zustand
                facetten
                gesamt
                fehler
            >
                <Tabellenrahmen titel="Online-Dienste">
                    <table class="katalog-tabelle">
                        <caption class="sr-only">"Online-Dienste der aktuellen Auswahl"</caption>
                        <thead>
                            <tr>
                                <SortKopf pfad=PFAD zustand spalte="name" label="Online-Dienst" />
                                <SortKopf pfad=PFAD zustand spalte="anbieter" label="Anbieter" />
                                <th scope="col">"Themenfelder"</th>
                                <th scope="col">"LeiKa-Schlüssel"</th>
                                <th scope="col">"Reifegrad"</th>
                                <SortKopf pfad=PFAD zustand spalte="status" label="Status" />
                                <th scope="col">"Kommunen"</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || zeilen.get() key=|z: &OnlinedienstZeile| z.id let:z>
                                <Zeile z zustand />
                            </For>
                        </tbody>
                    </table>
                </Tabellenrahmen>
            </KatalogLayout>
        </Transition>
    }
}

/// A row value as a link that adds it to the filter of its facet.
#[component]
fn FilterWert(zustand: KatalogZustand, facette: &'static str, wert: String, label: String) -> impl IntoView {
    let href = move || zustand.anfrage.with(|a| a.mit_wert(facette, &wert).href(PFAD));
    view! {
        <a class="filterwert" href=href>
            {label}
            <span class="sr-only">" – als Filter setzen"</span>
        </a>
    }
}

#[component]
fn Zeile(z: OnlinedienstZeile, zustand: KatalogZustand) -> impl IntoView {
    let anbieter = match (z.anbieter.clone(), z.anbieter_wert.clone()) {
        (Some(label), Some(wert)) => view! { <FilterWert zustand facette="anbieter" wert label /> }.into_any(),
        _ => view! {
            <FilterWert zustand facette="anbieter" wert=NICHT_ERFASST.to_string() label="nicht erfasst".to_string() />
        }
        .into_any(),
    };
    let reife = match z.reifegrad_wert() {
        Some(w) => {
            let label = reifegrad_label(&w);
            view! { <FilterWert zustand facette="reife" wert=w label /> }.into_any()
        }
        None => view! {
            <FilterWert zustand facette="reife" wert=NICHT_ERFASST.to_string() label="nicht erfasst".to_string() />
        }
        .into_any(),
    };
    let themenfelder = if z.themenfelder.is_empty() {
        view! {
            <FilterWert zustand facette="tf" wert=NICHT_ERFASST.to_string() label="keinem zugeordnet".to_string() />
        }
        .into_any()
    } else {
        view! {
            <ul class="werte-liste">
                {z
                    .themenfelder
                    .iter()
                    .map(|t| view! { <li><FilterWert zustand facette="tf" wert=t.id.to_string() label=t.name.clone() /></li> })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    let schluessel = if z.leika_anzahl == z.leika_im_katalog {
        zahl(z.leika_anzahl)
    } else {
        format!("{} ({} im Katalog)", zahl(z.leika_anzahl), zahl(z.leika_im_katalog))
    };
    let status = z.status.clone();
    view! {
        <tr>
            <th scope="row"><a href=format!("{PFAD}/{}", z.id)>{z.name.clone()}</a></th>
            <td>{anbieter}</td>
            <td>{themenfelder}</td>
            <td class="zahl">{schluessel}</td>
            <td>{reife}</td>
            <td><FilterWert zustand facette="status" wert=status.clone() label=status_label(&status) /></td>
            <td class="zahl">{zahl(z.kommunen)}</td>
        </tr>
    }
}
