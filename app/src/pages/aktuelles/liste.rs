//! All Meldungen, newest first, with facets Themenfeld, Jahr and (for the coordination) Stand;
//! the list reloads when one is written while it is open.

use super::Kopfzeile;
use crate::api::aktuelles::meldungen_suchen;
use crate::components::katalog::*;
use crate::components::konto::NurMitRecht;
use crate::model::aktuelles::Meldung;
use leptos::prelude::*;
use leptos_meta::{Link, Title};

const PFAD: &str = crate::pfad::AKTUELLES;

#[component]
pub fn Aktuelles() -> impl IntoView {
    let zustand = KatalogZustand::aus_url();
    let daten = Resource::new(zustand.query(), meldungen_suchen);
    let KatalogDaten { facetten, gesamt, zeilen, fehler } = KatalogDaten::aus(daten);
    view! {
        <Title text="Aktuelles" />
        <Link rel="alternate" type_="application/atom+xml" title="Aktuelles – OZG-Atlas NRW" href=crate::pfad::FEED_AKTUELLES />
        <h1>"Aktuelles"</h1>
        <p>
            "Meldungen der Koordination zur kommunalen OZG-Umsetzung in NRW – themenübergreifend und je Themenfeld. "
            "Im eigenen Feedreader: "
            <a href=crate::pfad::FEED_AKTUELLES rel="external">"alle Meldungen als Feed (Atom)"</a>
            "; jedes Themenfeld hat seinen Feed auf seiner Seite."
        </p>
        <crate::components::konto::MitKonto oeffentlich=|| () angemeldet=|| view! {
            <crate::components::folgen::FolgenInsel art=crate::model::infoverteiler::AboArt::Aktuelles ziel=String::new() />
        } />
        <NurMitRecht recht=crate::model::konto::Recht::AktuellesSchreiben>
            <p class="knopfleiste"><a class="knopf-zweit" href=crate::pfad::MELDUNG_NEU>"Neue Meldung"</a></p>
        </NurMitRecht>
        <Transition fallback=|| ()>
            <KatalogLayout
                pfad=PFAD
                such_label="Meldungen durchsuchen"
                such_hinweis="Titel, Text oder Themenfeld."
                einheit="Meldungen"
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
                            "Keine Meldung in dieser Auswahl. Neuigkeiten veröffentlicht die Koordination hier, sobald es sie gibt."
                        </p>
                    }
                >
                    <div class="meldungen">
                        <For each=move || zeilen.get() key=|m: &Meldung| (m.id, m.version) let:m>
                            <Eintrag m />
                        </For>
                    </div>
                </Show>
            </KatalogLayout>
        </Transition>
    }
}

#[component]
fn Eintrag(m: Meldung) -> impl IntoView {
    let kopf_id = format!("meldung-{}", m.id);
    let kopf = kopf_id.clone();
    view! {
        <article class="meldung" aria-labelledby=kopf>
            <h2 id=kopf_id><a href=crate::pfad::meldung(m.id)>{m.titel.clone()}</a></h2>
            <Kopfzeile m=m.clone() />
            <div class="meldung-text" inner_html=m.html.clone()></div>
        </article>
    }
}
