//! Detail page of one Gemeinde.

use crate::api::kommunen::kommune_laden;
use crate::components::status::{Fehler, Laedt, zahl};
use crate::model::kommune::{DienstleisterBezug, Groessenklasse, KommuneSeite as Daten};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn KommuneSeite() -> impl IntoView {
    let params = use_params_map();
    let ags = move || params.with(|p| p.get("ags").unwrap_or_default());
    let daten = Resource::new(ags, kommune_laden);
    view! {
        <Suspense fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                match daten.await {
                    Ok(d) => view! { <Inhalt d /> }.into_any(),
                    Err(e) => view! { <Title text="Kommune" /> <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Inhalt(d: Daten) -> impl IntoView {
    let k = d.kommune;
    let gk = Groessenklasse::aus_code(&k.groessenklasse).map(Groessenklasse::label).unwrap_or("unbekannt");
    view! {
        <Title text=k.name.clone() />
        <nav aria-label="Brotkrümelnavigation" class="brotkrumen">
            <a href="/kommunen">"Kommunen"</a>
            " › "
            <a href=format!("/kreise/{}", k.kreis_ags)>{k.kreis.clone()}</a>
            " › "
            <span aria-current="page">{k.name.clone()}</span>
        </nav>
        <h1>{k.name.clone()}</h1>
        <dl class="steckbrief">
            <dt>"Amtlicher Gemeindeschlüssel"</dt>
            <dd><code>{k.ags.clone()}</code></dd>
            <dt>"Größenklasse (NRW)"</dt>
            <dd>{gk} <span class="hinweis">{format!(" – laut Quelle: „{}“", k.groessenklasse_quelle)}</span></dd>
            <dt>"Gemeindetyp"</dt>
            <dd>{k.typ.clone()}</dd>
            <dt>"Kreis"</dt>
            <dd><a href=format!("/kreise/{}", k.kreis_ags)>{format!("{} ({})", k.kreis, k.kreis_typ)}</a></dd>
            <dt>"Regierungsbezirk"</dt>
            <dd>{k.regierungsbezirk.clone()}</dd>
            <dt>"Einwohner (31.12.2021)"</dt>
            <dd>{zahl(k.einwohner)}</dd>
            <dt>"Fläche"</dt>
            <dd>{format!("{:.2} km²", k.flaeche_km2).replace('.', ",")}</dd>
            <dt>"Postleitzahl (Verwaltungssitz)"</dt>
            <dd>{k.plz.clone()}</dd>
            <dt>"Verstädterung"</dt>
            <dd>{k.verstaedterung.clone()}</dd>
        </dl>
        <section aria-labelledby="dl-titel">
            <h2 id="dl-titel">"IT-Dienstleister"</h2>
            <DienstleisterBezuege bezuege=d.dienstleister />
        </section>
    }
}

/// Providers named for the Kreis, each with the wording and source of the claim.
#[component]
pub fn DienstleisterBezuege(bezuege: Vec<DienstleisterBezug>) -> impl IntoView {
    if bezuege.is_empty() {
        return view! {
            <p>"Für diesen Kreis nennt keine der erfassten Quellen einen IT-Dienstleister."</p>
        }
        .into_any();
    }
    view! {
        <p class="hinweis">"Die Quellen nennen die Mitgliedschaft auf Kreisebene; einzelne Kommunen können abweichen."</p>
        <ul class="bezuege">
            {bezuege
                .into_iter()
                .map(|b| {
                    view! {
                        <li>
                            <a href=format!("/dienstleister#dl-{}", b.dienstleister_id)>{b.dienstleister}</a>
                            {format!(": {} ({}). Stand: {}. ", b.bezeichnung, b.art, b.stand)}
                            <a href=b.quelle_url rel="external noopener noreferrer">"Quelle"</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
