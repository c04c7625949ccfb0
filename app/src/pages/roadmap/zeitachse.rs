//! The roadmap as a timeline: Themenfeld filter, zoom and grouping in the URL; coordinators
//! move phases on it; every open timeline follows saves live.

use super::gantt::Gantt;
use super::live::{LiveRoadmap, Meldung, darstellung, gruppieren, live_roadmap, uebernehmen};
use crate::components::konto::{darf, konto};
use crate::components::live::LiveStatus;
use crate::components::status::{Fehler, Laedt};
use crate::model::filter::KatalogAnfrage;
use crate::model::konto::Recht;
use crate::model::roadmap::{Projekt, Roadmap};
use crate::model::zeitachse::Zoom;
use leptos::prelude::*;
use leptos_meta::Title;

pub const PFAD: &str = crate::pfad::ZEITACHSE;

#[component]
pub fn ZeitachseSeite() -> impl IntoView {
    let LiveRoadmap { query, daten, projekte, meldung, meldung_setzen, verbindung } = live_roadmap();
    let (gespeichert, gespeichert_setzen) = signal(None::<(i64, i64)>);
    let rueckgaengig = move |(id, version): (i64, i64)| {
        gespeichert_setzen.set(None);
        leptos::task::spawn_local(async move {
            match crate::api::roadmap::projekt_rueckgaengig(id, version).await {
                Ok(_) => {
                    if let Ok(p) = crate::api::roadmap::projekt_laden(id.to_string()).await {
                        let text = format!("Rückgängig gemacht: „{}“ hat wieder die vorherigen Monate.", p.name);
                        uebernehmen(projekte, p);
                        meldung_setzen.set(Some(Meldung::Info(text)));
                    }
                }
                Err(e) => meldung_setzen.set(Some(Meldung::Fehler(e.to_string()))),
            }
        });
    };
    view! {
        <Title text="Roadmap: Zeitachse" />
        <h1>"Roadmap der Umsetzungsprojekte"</h1>
        <crate::pages::roadmap::tabelle::Ansichten aktiv="zeitachse" />
        <Transition fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                let person = konto().await;
                match daten.await {
                    Ok(r) => {
                        let a = KatalogAnfrage::aus_query(&query.get());
                        let bearbeitbar = darf(&person, Recht::RoadmapBearbeiten);
                        view! { <Inhalt r a projekte bearbeitbar meldung_setzen gespeichert_setzen /> }.into_any()
                    }
                    Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Transition>
        <LiveStatus zustand=verbindung />
        <div class="gantt-meldungen">
            {move || {
                gespeichert
                    .get()
                    .map(|g| {
                        view! {
                            <button type="button" class="knopf-klein" on:click=move |_| rueckgaengig(g)>
                                "Letzte Änderung rückgängig machen"
                            </button>
                        }
                    })
            }}
            // Both regions always exist (a live region must be in the page before its text
            // changes to be announced); empty ones take no space.
            <p role="status" class="meldung-info" class:leer=move || !matches!(meldung.get(), Some(Meldung::Info(_)))>
                {move || match meldung.get() {
                    Some(Meldung::Info(t)) => t,
                    _ => String::new(),
                }}
            </p>
            <p role="alert" class="meldung-fehler" class:leer=move || !matches!(meldung.get(), Some(Meldung::Fehler(_)))>
                {move || match meldung.get() {
                    Some(Meldung::Fehler(t)) => t,
                    _ => String::new(),
                }}
            </p>
        </div>
    }
}

#[component]
fn Inhalt(
    r: Roadmap,
    a: KatalogAnfrage,
    projekte: RwSignal<Vec<Projekt>>,
    bearbeitbar: bool,
    meldung_setzen: WriteSignal<Option<Meldung>>,
    gespeichert_setzen: WriteSignal<Option<(i64, i64)>>,
) -> impl IntoView {
    let (zoom, nach_tf) = darstellung(&a);
    let gruppen = gruppieren(&r, nach_tf);
    projekte.set(r.projekte.clone());
    let link = |facette: &str, wert: Option<&str>| {
        let mut neu = a.ohne_facette(facette);
        if let Some(w) = wert {
            neu = neu.umgeschaltet(facette, w);
        }
        neu.href(PFAD)
    };
    let tf_aktiv = |id: Option<i64>| match id {
        None => !a.facetten.contains_key("tf"),
        Some(id) => a.hat("tf", &id.to_string()),
    };
    let leer = r.projekte.is_empty();
    view! {
        <nav aria-label="Nach Themenfeld filtern" class="reiter">
            <a href=link("tf", None) aria-current=tf_aktiv(None).then_some("page")>"Alle Themenfelder"</a>
            {r.themenfelder
                .iter()
                .map(|(id, name, n)| {
                    view! {
                        <a href=link("tf", Some(&id.to_string())) aria-current=tf_aktiv(Some(*id)).then_some("page")>
                            {format!("{name} ({n})")}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        <div class="werkzeugleiste">
            <nav aria-label="Zeitraster" class="reiter reiter-klein">
                <span class="reiter-titel">"Raster:"</span>
                {Zoom::ALLE
                    .into_iter()
                    .map(|z| {
                        let href = if z == Zoom::default() { link("zoom", None) } else { link("zoom", Some(z.code())) };
                        view! { <a href=href aria-current=(z == zoom).then_some("page")>{z.label()}</a> }
                    })
                    .collect_view()}
            </nav>
            <nav aria-label="Gruppierung" class="reiter reiter-klein">
                <span class="reiter-titel">"Gruppierung:"</span>
                <a href=link("gruppe", None) aria-current=(!nach_tf).then_some("page")>"keine"</a>
                <a href=link("gruppe", Some("themenfeld")) aria-current=nach_tf.then_some("page")>"nach Themenfeld"</a>
            </nav>
            <a class="knopf knopf-zweit" href=a.href(crate::pfad::PRAESENTATION)>"Präsentation öffnen"</a>
        </div>
        <ul class="legende" aria-label="Legende">
            {crate::model::roadmap::Phase::ALLE
                .into_iter()
                .map(|p| {
                    let form = if crate::model::zeitachse::ist_meilenstein(p) { "meilenstein" } else { "balken" };
                    view! { <li><span class=format!("legende-{form} phase-{}", p.code()) aria-hidden="true"></span>{p.label()}</li> }
                })
                .collect_view()}
        </ul>
        {if leer {
            view! { <p>"Keine Umsetzungsprojekte für diese Auswahl."</p> }.into_any()
        } else {
            view! {
                <Gantt
                    projekte
                    gruppen
                    zoom
                    heute=r.stichtag
                    bearbeitbar
                    meldung=meldung_setzen
                    gespeichert=gespeichert_setzen
                />
            }
            .into_any()
        }}
    }
}
