//! The roadmap as a timeline: Themenfeld filter, zoom and grouping in the URL; coordinators
//! move phases on it; every open timeline follows saves live.

use crate::api::roadmap::roadmap_laden;
use crate::components::gantt::{Gantt, Gruppen, Meldung};
use crate::components::konto::{darf, konto};
use crate::components::live::{LiveStatus, Nachricht, abonnieren};
use crate::components::status::{Fehler, Laedt};
use crate::model::filter::KatalogAnfrage;
use crate::model::konto::Recht;
use crate::model::roadmap::{Projekt, Roadmap};
use crate::model::zeitachse::Zoom;
use leptos::prelude::*;
use leptos_meta::Title;

pub const PFAD: &str = "/roadmap/zeitachse";

/// Zoom and grouping from the URL state.
pub fn darstellung(a: &KatalogAnfrage) -> (Zoom, bool) {
    let wert = |k: &str| a.facetten.get(k).and_then(|s| s.werte.first().cloned()).unwrap_or_default();
    (Zoom::aus_code(&wert("zoom")), wert("gruppe") == "themenfeld")
}

/// One group per Themenfeld (a project with two appears in both), or one group of all.
pub fn gruppieren(r: &Roadmap, nach_themenfeld: bool) -> Gruppen {
    if !nach_themenfeld {
        return vec![(None, r.projekte.iter().map(|p| p.id).collect())];
    }
    r.themenfelder
        .iter()
        .map(|(tf, name, _)| {
            let ids = r.projekte.iter().filter(|p| p.themenfelder.iter().any(|t| t.0 == *tf)).map(|p| p.id).collect();
            (Some(name.clone()), ids)
        })
        .filter(|(_, ids): &(Option<String>, Vec<i64>)| !ids.is_empty())
        .collect()
}

/// What a saved project does to the page's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uebernahme {
    Ersetzt,
    /// The list has that version or a newer one (own saves arrive twice: as the answer and as
    /// a live event).
    Bekannt,
    /// Not in the list: new, or outside the filter; the page reloads its data.
    Fremd,
}

pub fn uebernehmen(projekte: RwSignal<Vec<Projekt>>, p: Projekt) -> Uebernahme {
    let mut ergebnis = Uebernahme::Fremd;
    projekte.update(|v| {
        if let Some(alt) = v.iter_mut().find(|x| x.id == p.id) {
            ergebnis = if alt.version < p.version {
                // Other Themenfelder may move it between groups or out of the filter.
                let gleiche_gruppen = alt.themenfelder == p.themenfelder;
                *alt = p;
                if gleiche_gruppen { Uebernahme::Ersetzt } else { Uebernahme::Fremd }
            } else {
                Uebernahme::Bekannt
            };
        }
    });
    ergebnis
}

/// Applies a live message to the page's list; returns what to announce and whether the page
/// must reload its data.
pub fn live_anwenden(projekte: RwSignal<Vec<Projekt>>, n: &Nachricht) -> Option<(String, bool)> {
    let Nachricht::Ereignis(e) = n else { return None };
    let p = e.projekt()?;
    let text = format!("{} hat „{}“ geändert.", e.benutzer, p.name);
    match uebernehmen(projekte, p) {
        Uebernahme::Ersetzt => Some((text, false)),
        Uebernahme::Fremd => Some((text, true)),
        Uebernahme::Bekannt => None,
    }
}

/// The state of a live timeline page (timeline and presenter view): the roadmap for the URL,
/// the list the rows read, the message line and the live connection.
pub struct LiveRoadmap {
    pub query: Signal<String>,
    pub daten: Resource<Result<Roadmap, crate::error::AppError>>,
    pub projekte: RwSignal<Vec<Projekt>>,
    pub meldung: ReadSignal<Option<Meldung>>,
    pub meldung_setzen: WriteSignal<Option<Meldung>>,
    pub verbindung: ReadSignal<crate::components::live::Verbindung>,
}

pub fn live_roadmap() -> LiveRoadmap {
    let query = Signal::stored(crate::components::adresse::suche());
    let daten = Resource::new(move || query.get(), roadmap_laden);
    let projekte = RwSignal::new(Vec::<Projekt>::new());
    let (meldung, meldung_setzen) = signal(None::<Meldung>);
    let verbindung = abonnieren(move |n| match n {
        Nachricht::NeuLaden => daten.refetch(),
        n => {
            if let Some((text, neu_laden)) = live_anwenden(projekte, &n) {
                meldung_setzen.set(Some(Meldung::Info(text)));
                if neu_laden {
                    daten.refetch();
                }
            }
        }
    });
    LiveRoadmap { query, daten, projekte, meldung, meldung_setzen, verbindung }
}

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
        <crate::pages::roadmap::Ansichten aktiv="zeitachse" />
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
            <a class="knopf knopf-zweit" href=a.href(crate::pages::praesentation::PFAD)>"Präsentation öffnen"</a>
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
