//! The roadmap as the table of the seed slide: project, Themenfelder, derived status, one column
//! per phase; sortable, filterable by Themenfeld and status, all state in the URL.

use crate::api::roadmap::roadmap_laden;
use crate::components::status::{Fehler, Laedt};
use crate::components::tabelle::Tabellenrahmen;
use crate::components::teilseite::Teilseite;
use crate::model::filter::KatalogAnfrage;
use crate::model::roadmap::{Phase, Projekt, Roadmap, Status, monat};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

const PFAD: &str = crate::pfad::ROADMAP;

#[component]
pub fn RoadmapSeite() -> impl IntoView {
    let location = use_location();
    let query = move || location.search.get().trim_start_matches('?').to_string();
    let daten = Resource::new(query, roadmap_laden);
    view! {
        <Title text="Roadmap der Umsetzungsprojekte" />
        <h1>"Roadmap der Umsetzungsprojekte"</h1>
        <Ansichten aktiv="tabelle" />
        // A save anywhere reloads the table (statuses and sort order may change with it); the
        // filter links load just the table.
        <Teilseite live=true>
        <Transition fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                match daten.await {
                    Ok(r) => {
                        let a = KatalogAnfrage::aus_query(&query());
                        view! { <Inhalt r a /> }.into_any()
                    }
                    Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Transition>
        </Teilseite>
    }
}

/// Switch between the table and the timeline of the same selection.
#[component]
pub fn Ansichten(aktiv: &'static str) -> impl IntoView {
    let suche = crate::components::adresse::suche();
    let query = if suche.is_empty() { String::new() } else { format!("?{suche}") };
    view! {
        <crate::components::konto::NurMitRecht recht=crate::model::konto::Recht::RoadmapBearbeiten>
            <a class="knopf-zweit" href=crate::pfad::ROADMAP_NEU>"Neues Umsetzungsprojekt"</a>
        </crate::components::konto::NurMitRecht>
        <nav aria-label="Ansicht" class="reiter ansichten">
            <a href=format!("{PFAD}{query}") aria-current=(aktiv == "tabelle").then_some("page")>"Tabelle"</a>
            <a href=format!("{}{query}", crate::pfad::ZEITACHSE) aria-current=(aktiv == "zeitachse").then_some("page")>
                "Zeitachse"
            </a>
        </nav>
    }
}

fn filter_link(a: &KatalogAnfrage, facette: &str, wert: Option<&str>) -> String {
    let mut neu = a.ohne_facette(facette);
    if let Some(w) = wert {
        neu = neu.umgeschaltet(facette, w);
    }
    neu.href(PFAD)
}

#[component]
fn Inhalt(r: Roadmap, a: KatalogAnfrage) -> impl IntoView {
    let tf_aktiv = |id: Option<i64>| match id {
        None => !a.facetten.contains_key("tf"),
        Some(id) => a.hat("tf", &id.to_string()),
    };
    let st_aktiv = |s: Option<Status>| match s {
        None => !a.facetten.contains_key("status"),
        Some(s) => a.hat("status", s.code()),
    };
    let treffer = format!(
        "{} von {} Umsetzungsprojekten · Status zum {}",
        r.projekte.len(),
        r.gesamt,
        r.stichtag.format("%d.%m.%Y")
    );
    let warnungen: Vec<(String, String)> =
        r.projekte.iter().flat_map(|p| p.phasen.hinweise().into_iter().map(|h| (p.name.clone(), h))).collect();
    view! {
        <p class="einleitung">
            "Der Status jedes Projekts ergibt sich aus den Startmonaten seiner Phasen und dem heutigen Datum. "
            "Die Projekte stammen von der Folie „#5 Roadmap planen“ (April 2021)."
        </p>
        <nav aria-label="Nach Themenfeld filtern" class="reiter">
            <a href=filter_link(&a, "tf", None) aria-current=tf_aktiv(None).then_some("page")>"Alle Themenfelder"</a>
            {r.themenfelder
                .iter()
                .map(|(id, name, n)| {
                    view! {
                        <a href=filter_link(&a, "tf", Some(&id.to_string())) aria-current=tf_aktiv(Some(*id)).then_some("page")>
                            {format!("{name} ({n})")}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        <nav aria-label="Nach Status filtern" class="reiter">
            <a href=filter_link(&a, "status", None) aria-current=st_aktiv(None).then_some("page")>"Jeder Status"</a>
            {Status::alle()
                .map(|s| {
                    view! {
                        <a href=filter_link(&a, "status", Some(s.code())) aria-current=st_aktiv(Some(s)).then_some("page")>
                            {s.label()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        {(!warnungen.is_empty()).then(|| view! {
            <div class="warnung" role="note">
                <h2>"Datenqualität"</h2>
                <ul>
                    {warnungen.into_iter().map(|(p, w)| view! { <li><strong>{p}</strong>": " {w}</li> }).collect_view()}
                </ul>
            </div>
        })}
        <p class="treffer">{treffer}</p>
        <Tabellenrahmen titel="Roadmap">
            <table class="roadmap-tabelle">
                <caption class="sr-only">"Umsetzungsprojekte mit Status und Startmonat jeder Phase"</caption>
                <thead>
                    <tr>
                        <Kopf a=a.clone() spalte="name" label="Umsetzungsprojekt" />
                        <Kopf a=a.clone() spalte="themenfeld" label="Themenfeld" />
                        <Kopf a=a.clone() spalte="status" label="Umsetzungsstatus" />
                        {Phase::ALLE.into_iter().map(|p| view! { <Kopf a=a.clone() spalte=p.code() label=p.label() /> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{r.projekte.into_iter().map(|p| view! { <Zeile p /> }).collect_view()}</tbody>
            </table>
        </Tabellenrahmen>
        <Archiv projekte=r.archiviert />
    }
}

/// Archived projects are off the table but not gone: their pages, with history, stay reachable.
#[component]
fn Archiv(projekte: Vec<(i64, String)>) -> impl IntoView {
    (!projekte.is_empty()).then(|| {
        view! {
            <details class="roadmap-archiv">
                <summary>{format!("Archivierte Umsetzungsprojekte ({})", projekte.len())}</summary>
                <ul>
                    {projekte
                        .into_iter()
                        .map(|(id, name)| view! { <li><a href=crate::pfad::projekt(id)>{name}</a></li> })
                        .collect_view()}
                </ul>
            </details>
        }
    })
}

#[component]
fn Kopf(a: KatalogAnfrage, spalte: &'static str, label: &'static str) -> impl IntoView {
    let aktiv = a.sort.as_deref() == Some(spalte) || (a.sort.is_none() && spalte == "name");
    let aria = match (aktiv, a.absteigend) {
        (false, _) => "none",
        (true, false) => "ascending",
        (true, true) => "descending",
    };
    let pfeil = match aria {
        "ascending" => " ▲",
        "descending" => " ▼",
        _ => "",
    };
    view! {
        <th scope="col" aria-sort=aria>
            <a href=a.sortiert(spalte).href(PFAD)>{label}<span aria-hidden="true">{pfeil}</span></a>
        </th>
    }
}

#[component]
fn Zeile(p: Projekt) -> impl IntoView {
    let fehlerhaft: Vec<Phase> = p.reihenfolge_fehler.iter().flat_map(|(a, b)| [*a, *b]).collect();
    view! {
        <tr class:zeile-markiert=!fehlerhaft.is_empty()>
            <th scope="row"><a href=crate::pfad::projekt(p.id)>{p.name.clone()}</a></th>
            <td>
                <ul class="liste-flach">
                    {p.themenfelder
                        .iter()
                        .map(|(_, name, slug)| view! { <li><a href=crate::pfad::themenfeld(slug)>{name.clone()}</a></li> })
                        .collect_view()}
                </ul>
            </td>
            <td><span class=format!("status phase-{}", p.status.code())>{p.status.label()}</span></td>
            {Phase::ALLE
                .into_iter()
                .map(|ph| {
                    let markiert = fehlerhaft.contains(&ph);
                    match p.phasen.beginn(ph) {
                        Some(d) => view! {
                            <td class:datenfehler=markiert>
                                <time datetime=d.format("%Y-%m").to_string()>{monat(d)}</time>
                                {markiert.then(|| view! { <span class="sr-only">" (Reihenfolge widersprüchlich)"</span> })}
                            </td>
                        }
                        .into_any(),
                        None => view! { <td><span class="nicht-erfasst">"–"</span></td> }.into_any(),
                    }
                })
                .collect_view()}
        </tr>
    }
}
