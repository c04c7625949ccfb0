//! The whole audit log, newest first, filterable by kind of record (coordination and admins).

use crate::api::protokoll::{ProtokollSeite, protokoll_laden};
use crate::components::laden::Laden;
use crate::components::protokoll::ProtokollTabelle;
use crate::components::status::zahl;
use crate::model::konto::objekt_art_label;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

const ARTEN: [&str; 5] = ["projekt", "themenfeld", "labor", "ansprechperson", "benutzer"];

#[component]
pub fn Protokoll() -> impl IntoView {
    let query = use_query_map();
    let art = move || query.with(|q| q.get("art").unwrap_or_default());
    let seite = move || query.with(|q| q.get("seite").and_then(|s| s.parse::<u32>().ok()).unwrap_or(1).max(1));
    let daten = Resource::new(move || (art(), seite()), |(a, s)| protokoll_laden(a, String::new(), s - 1));
    view! {
        <Title text="Änderungsprotokoll" />
        <h1>"Änderungsprotokoll"</h1>
        <p class="einleitung">"Jede Änderung im Portal: wer, wann, welcher Datensatz, welches Feld, vorher und nachher."</p>
        <nav aria-label="Art der Datensätze" class="reiter">
            <a href=crate::pfad::PROTOKOLL aria-current=move || art().is_empty().then_some("page")>"Alle"</a>
            {ARTEN
                .into_iter()
                .map(|a| {
                    view! {
                        <a href=crate::pfad::gefiltert(crate::pfad::PROTOKOLL, &[("art", a)]) aria-current=move || (art() == a).then_some("page")>
                            {objekt_art_label(a)}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
        <Laden daten inhalt=move |ProtokollSeite { gesamt, seite, pro_seite, eintraege }| {
            let seiten = ((gesamt + pro_seite - 1) / pro_seite).max(1);
            let aktuell = i64::from(seite) + 1;
            let a = art();
            let link = move |s: i64| {
                let seite = s.to_string();
                if a.is_empty() {
                    crate::pfad::gefiltert(crate::pfad::PROTOKOLL, &[("seite", &seite)])
                } else {
                    crate::pfad::gefiltert(crate::pfad::PROTOKOLL, &[("art", &a), ("seite", &seite)])
                }
            };
            view! {
                <p class="treffer">{format!("{} Einträge · Seite {} von {}", zahl(gesamt), aktuell, seiten)}</p>
                <ProtokollTabelle eintraege mit_objekt=true />
                <nav aria-label="Seiten des Protokolls" class="seiten">
                    {(aktuell > 1).then(|| view! { <a href=link(aktuell - 1)>"Neuere"</a> })}
                    {(aktuell < seiten).then(|| view! { <a href=link(aktuell + 1)>"Ältere"</a> })}
                </nav>
            }
        } />
    }
}
