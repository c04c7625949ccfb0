//! One Meldung: its text (rendered through the sanitiser), date and Themenfeld; the
//! coordination also sees planned items and the link to edit.

use super::Kopfzeile;
use crate::api::aktuelles::meldung_laden;
use crate::components::status::{Fehler, Laedt};
use crate::model::aktuelles::{MeldungSeite, Stand};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Meldungsseite() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1);
    let daten = Resource::new(move || id.clone(), meldung_laden);
    view! {
        <Suspense fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                match daten.await {
                    Ok(s) => view! { <Inhalt s /> }.into_any(),
                    Err(e) => view! { <Title text="Meldung" /> <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Inhalt(s: MeldungSeite) -> impl IntoView {
    let m = s.meldung;
    let hinweis = match m.stand {
        Stand::Geplant => Some(format!(
            "Geplant: Diese Meldung erscheint am {} und ist bis dahin nur für die Koordination sichtbar.",
            m.veroeffentlicht.format("%d.%m.%Y")
        )),
        Stand::Abgelaufen => Some(format!(
            "Diese Meldung ist seit dem {} nicht mehr aktuell.",
            m.ablauf.and_then(|a| a.succ_opt()).unwrap_or(s.heute).format("%d.%m.%Y")
        )),
        Stand::Aktuell => None,
    };
    view! {
        <Title text=m.titel.clone() />
        <crate::components::status::Brotkrumen
            wege=vec![(crate::pfad::AKTUELLES.to_string(), "Aktuelles".to_string())]
            aktuell=m.titel.clone()
        />
        <article class="meldung meldung-einzeln">
            <h1>{m.titel.clone()}</h1>
            <Kopfzeile m=m.clone() />
            {hinweis.map(|h| view! { <p class="hinweis-kasten">{h}</p> })}
            {s.verwalten.then(|| view! {
                <p class="knopfleiste"><a class="knopf-zweit" href=crate::pfad::meldung_bearbeiten(m.id)>"Meldung bearbeiten"</a></p>
            })}
            <div class="meldung-text" inner_html=m.html.clone()></div>
        </article>
    }
}
