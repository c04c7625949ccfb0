//! Presenter view for workshops: full screen, large type, high contrast, read-only, follows every
//! save live. The facilitator picks Themenfeld, zoom and grouping (a plain GET form, so the
//! choice is in the URL and survives a reload on the projector).

use super::gantt::Gantt;
use super::live::{LiveRoadmap, Meldung, darstellung, gruppieren, live_roadmap};
use crate::components::live::LiveStatus;
use crate::components::status::{Fehler, Laedt};
use crate::model::filter::KatalogAnfrage;
use crate::model::roadmap::{Projekt, Roadmap};
use crate::model::zeitachse::Zoom;
use leptos::prelude::*;
use leptos_meta::Title;

pub const PFAD: &str = crate::pfad::PRAESENTATION;

#[component]
pub fn PraesentationSeite() -> impl IntoView {
    let LiveRoadmap { query, daten, projekte, meldung, meldung_setzen, verbindung } = live_roadmap();
    let (_, gespeichert_setzen) = signal(None::<(i64, i64)>);
    let vollbild = move |_| {
        if let Some(el) = document().document_element() {
            let _ = el.request_fullscreen();
        }
    };
    view! {
        <Title text="Roadmap – Präsentation" />
        <div class="praesentation">
            <Transition fallback=|| view! { <Laedt /> }>
                {move || Suspend::new(async move {
                    match daten.await {
                        Ok(r) => {
                            let a = KatalogAnfrage::aus_query(&query.get());
                            view! { <Buehne r a projekte meldung_setzen gespeichert_setzen /> }.into_any()
                        }
                        Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                    }
                })}
            </Transition>
            <div class="praesentation-fuss">
                <LiveStatus zustand=verbindung />
                <p role="status" class="praesentation-meldung" class:leer=move || meldung.with(|m| m.is_none())>
                    {move || match meldung.get() {
                        Some(Meldung::Info(t)) | Some(Meldung::Fehler(t)) => t,
                        None => String::new(),
                    }}
                </p>
                <button type="button" class="knopf" on:click=vollbild>"Vollbild"</button>
                <a href=move || format!("{}?{}", crate::pfad::ZEITACHSE, query.get())>"Präsentation beenden"</a>
            </div>
        </div>
    }
}

#[component]
fn Buehne(
    r: Roadmap,
    a: KatalogAnfrage,
    projekte: RwSignal<Vec<Projekt>>,
    meldung_setzen: WriteSignal<Option<Meldung>>,
    gespeichert_setzen: WriteSignal<Option<(i64, i64)>>,
) -> impl IntoView {
    let (zoom, nach_tf) = darstellung(&a);
    let gruppen = gruppieren(&r, nach_tf);
    projekte.set(r.projekte.clone());
    let tf: Option<String> = a.facetten.get("tf").and_then(|s| s.werte.first().cloned());
    let titel = tf
        .as_ref()
        .and_then(|t| r.themenfelder.iter().find(|x| x.0.to_string() == *t))
        .map_or("Alle Themenfelder".to_string(), |x| x.1.clone());
    let leer = r.projekte.is_empty();
    view! {
        <header class="praesentation-kopf">
            <h1>{format!("Roadmap · {titel}")}</h1>
            <form method="get" action=PFAD class="praesentation-wahl">
                <label>
                    "Themenfeld "
                    <select name="tf">
                        <option value="" selected=tf.is_none()>"Alle"</option>
                        {r.themenfelder
                            .iter()
                            .map(|(id, name, _)| {
                                let v = id.to_string();
                                let gewaehlt = tf.as_deref() == Some(v.as_str());
                                view! { <option value=v selected=gewaehlt>{name.clone()}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "Raster "
                    <select name="zoom">
                        {Zoom::ALLE
                            .into_iter()
                            .map(|z| view! { <option value=z.code() selected=z == zoom>{z.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    <input type="checkbox" name="gruppe" value="themenfeld" checked=nach_tf />
                    " nach Themenfeld gruppieren"
                </label>
                <button type="submit" class="knopf">"Anzeigen"</button>
            </form>
        </header>
        {if leer {
            view! { <p>"Keine Umsetzungsprojekte für diese Auswahl."</p> }.into_any()
        } else {
            view! {
                <Gantt
                    projekte
                    gruppen
                    zoom
                    heute=r.stichtag
                    bearbeitbar=false
                    meldung=meldung_setzen
                    gespeichert=gespeichert_setzen
                />
            }
            .into_any()
        }}
    }
}
