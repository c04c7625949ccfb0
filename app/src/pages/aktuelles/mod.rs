//! Aktuelles: the list with facets and the Atom feed (`liste`), one Meldung (`seite`), the
//! coordination's form with a preview (`formular`), and the latest items for the start page and
//! the Themenfeld pages ([`Neueste`]).

pub mod formular;
pub mod liste;
pub mod seite;

use crate::model::aktuelles::{Meldung, Stand};
use leptos::prelude::*;

/// "05.12.2026" in a `<time>`.
#[component]
pub fn Tag(tag: chrono::NaiveDate) -> impl IntoView {
    view! { <time datetime=tag.format("%Y-%m-%d").to_string()>{tag.format("%d.%m.%Y").to_string()}</time> }
}

/// Date, Bereich and whether it is planned or expired (only the coordination sees planned ones).
#[component]
pub fn Kopfzeile(m: Meldung) -> impl IntoView {
    let stand = (m.stand != Stand::Aktuell).then_some(m.stand);
    view! {
        <p class="meldung-kopf">
            <Tag tag=m.veroeffentlicht />
            " · "
            {match m.themenfeld.clone() {
                Some((_, name, slug)) => view! { <a href=crate::pfad::themenfeld(slug)>{name}</a> }.into_any(),
                None => view! { <span>"Allgemein"</span> }.into_any(),
            }}
            {stand.map(|s| view! { " · " <strong class="marke-stand">{s.label()}</strong> })}
        </p>
    }
}

/// The latest current Meldungen (all, or of one Themenfeld) as a short list with the feed.
#[component]
pub fn Neueste(
    /// `Some((id, slug))`: one Themenfeld's items and its feed.
    #[prop(optional)]
    themenfeld: Option<(i64, String)>,
    anzahl: u32,
) -> impl IntoView {
    let query = match &themenfeld {
        Some((id, _)) => format!("tf={id}&stand=aktuell"),
        None => "stand=aktuell".to_string(),
    };
    let daten = Resource::new(move || query.clone(), crate::api::aktuelles::meldungen_suchen);
    let feed = match &themenfeld {
        Some((_, slug)) => crate::pfad::feed_themenfeld(slug),
        None => crate::pfad::FEED_AKTUELLES.to_string(),
    };
    let alle = match &themenfeld {
        Some((id, _)) => crate::pfad::gefiltert(crate::pfad::AKTUELLES, &[("tf", &id.to_string())]),
        None => crate::pfad::AKTUELLES.to_string(),
    };
    let titel = match &themenfeld {
        Some(_) => "Aktuelles dieses Themenfelds – OZG-Atlas NRW",
        None => "Aktuelles – OZG-Atlas NRW",
    };
    view! {
        <leptos_meta::Link rel="alternate" type_="application/atom+xml" title=titel href=feed.clone() />
        <crate::components::laden::Laden daten inhalt={move |s: crate::model::filter::Trefferseite<Meldung>| {
            let (feed, alle) = (feed.clone(), alle.clone());
            view! {
                {if s.zeilen.is_empty() {
                    view! { <p>"Derzeit keine Meldungen."</p> }.into_any()
                } else {
                    view! {
                        <ul class="meldungen-kurz">
                            {s.zeilen.into_iter().take(anzahl as usize).map(|m| view! {
                                <li>
                                    <a href=crate::pfad::meldung(m.id)>{m.titel.clone()}</a>
                                    " – " <Tag tag=m.veroeffentlicht />
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <p>
                    <a href=alle>"Alle Meldungen"</a>
                    " · "
                    <a href=feed rel="external">"Als Feed abonnieren (Atom)"</a>
                </p>
            }
        }} />
    }
}
