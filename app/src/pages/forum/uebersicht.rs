//! `/forum`: the boards the reader may see, with threads, posts, last activity and what is new
//! for them.

use super::Neu;
use crate::api::forum::{forum_bretter, forum_suche};
use crate::components::laden::Laden;
use crate::model::forum::Brett;
use crate::model::konto::zeit_anzeigen;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Foren() -> impl IntoView {
    let aktionen = super::verwaltung::BrettAktionen::neu();
    let daten = Resource::new(move || aktionen.stand(), |_| forum_bretter());
    view! {
        <Title text="Forum „OZG kommunal“" />
        <h1>"Forum „OZG kommunal“"</h1>
        <p>
            "Zum offenen Austausch unter Kommunen: Fragen, Erfahrungen mit Online-Diensten und Referenzimplementierungen,
            Hinweise auf Workshops – themenübergreifend und je Themenfeld."
        </p>
        <Laden daten bleibend=true inhalt={move |bretter: Vec<Brett>| {
            if bretter.is_empty() {
                let anmelden = crate::pfad::anmelden(crate::pfad::FORUM);
                return view! {
                    <p class="hinweis-kasten">
                        "Das Forum ist für angemeldete Mitarbeiterinnen und Mitarbeiter der Kommunen und der Koordination. "
                        <a href=anmelden>"Zur Anmeldung"</a>
                    </p>
                }
                .into_any();
            }
            view! {
                <Suche />
                <Tabelle bretter=bretter.clone() />
                <super::verwaltung::Verwalten bretter aktionen />
            }
            .into_any()
        }} />
        <super::moderation::Gemeldete />
    }
}

/// The search over every thread the reader may see (`/forum?q=…`, a plain GET form: it works
/// without JavaScript and the result has an address).
#[component]
fn Suche() -> impl IntoView {
    let q = crate::components::adresse::suchparameter("q").unwrap_or_default();
    let gesucht = (!q.trim().is_empty()).then(|| q.clone());
    let titel = format!("Treffer für „{}“", q.trim());
    view! {
        <form method="get" action=crate::pfad::FORUM class="formular-zeile" role="search" aria-label="Im Forum suchen">
            <label for="forum-q">"Im Forum suchen"</label>
            <input id="forum-q" type="search" name="q" value=q maxlength=crate::model::forum::MAX_SUCHE />
            <button type="submit" class="knopf">"Suchen"</button>
        </form>
        {gesucht.map(|q| {
            let treffer = Resource::new(|| (), move |_| forum_suche(q.clone()));
            view! {
                <section aria-labelledby="forum-treffer">
                    <h2 id="forum-treffer">{titel}</h2>
                    <Laden daten=treffer fehlertitel="Suche" inhalt=treffer_zeigen />
                </section>
            }
        })}
    }
}

fn treffer_zeigen(themen: Vec<crate::model::forum::Thema>) -> AnyView {
    if themen.is_empty() {
        return view! { <p role="status">"Keine Themen gefunden. Groß- und Kleinschreibung und Umlaute (ä/ae) spielen keine Rolle."</p> }
            .into_any();
    }
    let n = themen.len();
    view! {
        <p role="status">{if n == 1 { "1 Thema".to_string() } else { format!("{n} Themen") }}</p>
        <super::brett::Themen themen mit_forum=true beschreibung="Gefundene Themen, nach letzter Aktivität" />
    }
    .into_any()
}

#[component]
fn Tabelle(bretter: Vec<Brett>) -> impl IntoView {
    view! {
        <crate::components::tabelle::Tabellenrahmen titel="Foren">
            <table class="katalog-tabelle forum-tabelle">
                <caption class="sr-only">"Foren mit Themen, Beiträgen und letzter Aktivität"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Forum"</th>
                        <th scope="col">"Themen"</th>
                        <th scope="col">"Beiträge"</th>
                        <th scope="col">"Letzte Aktivität"</th>
                    </tr>
                </thead>
                <tbody>
                    {bretter.into_iter().map(|b| view! {
                        <tr>
                            <th scope="row">
                                <a href=crate::pfad::forum_brett(&b.slug)>{b.titel.clone()}</a>
                                " " <Neu anzahl=b.neu />
                                {b.beschreibung.clone().map(|d| view! { <span class="leise block">{d}</span> })}
                                {b.oeffentlich.then(|| view! { <span class="leise block">"öffentlich lesbar"</span> })}
                            </th>
                            <td>{b.themen}</td>
                            <td>{b.beitraege}</td>
                            <td>{b.letzte_ms.map(zeit_anzeigen).unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </crate::components::tabelle::Tabellenrahmen>
    }
}
