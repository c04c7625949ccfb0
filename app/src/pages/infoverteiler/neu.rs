//! "Neu für mich": the last 30 days of what the person follows, grouped by what it concerns,
//! newest first; what came since their previous visit is marked "Neu".

use crate::api::infoverteiler::neu_laden;
use crate::components::laden::{Laden, NurAngemeldet};
use crate::model::infoverteiler::{Mitteilung, NeuFuerMich};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NeuFuerMichSeite() -> impl IntoView {
    let daten = Resource::new(|| (), |_| neu_laden());
    view! {
        <Title text="Neu für mich" />
        <h1>"Neu für mich"</h1>
        <NurAngemeldet zurueck=crate::pfad::NEU_FUER_MICH inhalt=move |_| view! {
            <Laden daten inhalt=|n: NeuFuerMich| view! { <Uebersicht n /> } />
        } />
    }
}

#[component]
fn Uebersicht(n: NeuFuerMich) -> impl IntoView {
    let kopf = match n.neu {
        0 => "Seit Ihrem letzten Besuch ist nichts Neues dazugekommen.".to_string(),
        1 => "1 neue Mitteilung seit Ihrem letzten Besuch.".to_string(),
        z => format!("{z} neue Mitteilungen seit Ihrem letzten Besuch."),
    };
    let leer = n.gruppen.is_empty();
    view! {
        <p class="einleitung">
            {kopf} " Gezeigt werden die letzten 30 Tage. "
            <a href=crate::pfad::MEINE_ABOS>"Abonnements und E-Mail-Benachrichtigung verwalten"</a>
        </p>
        {(!n.folgt).then(|| view! {
            <p class="hinweis-kasten">
                "Sie folgen noch nichts. Auf den Seiten der Themenfelder, im "
                <a href=crate::pfad::FORUM>"Forum"</a> ", unter " <a href=crate::pfad::AKTUELLES>"Aktuelles"</a>
                " und bei den " <a href=crate::pfad::VERANSTALTUNGEN>"Veranstaltungen"</a>
                " finden Sie den Knopf „Folgen“."
            </p>
        })}
        {(leer && n.folgt).then(|| view! { <p>"In den letzten 30 Tagen gab es dazu nichts."</p> })}
        {n.gruppen.into_iter().enumerate().map(|(i, (gruppe, liste))| {
            let (kopf_id, bezug) = (format!("gruppe-{i}"), format!("gruppe-{i}"));
            view! {
                <section class="neu-gruppe" aria-labelledby=bezug>
                    <h2 id=kopf_id>{gruppe}</h2>
                    <ul class="mitteilungen">
                        {liste.into_iter().map(|m| view! { <Eintrag m /> }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view()}
    }
}

#[component]
fn Eintrag(m: Mitteilung) -> impl IntoView {
    view! {
        <li class="mitteilung" class:mitteilung-neu=m.neu>
            {m.neu.then(|| view! { <span class="marke-neu">"Neu"</span> " " })}
            <a href=m.pfad.clone()>{m.titel.clone()}</a>
            <span class="mitteilung-kopf">
                {format!(" – {}, {}, {}", m.art_label(), m.von, crate::model::konto::zeit_anzeigen(m.zeit_ms))}
            </span>
            {(!m.auszug.is_empty()).then(|| view! { <p class="mitteilung-auszug">{m.auszug.clone()}</p> })}
        </li>
    }
}
