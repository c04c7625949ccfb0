//! `/forum`: the boards the reader may see, with threads, posts, last activity and what is new
//! for them.

use super::Neu;
use crate::api::forum::forum_bretter;
use crate::components::laden::Laden;
use crate::model::forum::Brett;
use crate::model::konto::zeit_anzeigen;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Foren() -> impl IntoView {
    let daten = Resource::new(|| (), |_| forum_bretter());
    view! {
        <Title text="Forum „OZG kommunal“" />
        <h1>"Forum „OZG kommunal“"</h1>
        <p>
            "Zum offenen Austausch unter Kommunen: Fragen, Erfahrungen mit Online-Diensten und Referenzimplementierungen,
            Hinweise auf Workshops – themenübergreifend und je Themenfeld."
        </p>
        <Laden daten inhalt={|bretter: Vec<Brett>| {
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
            view! { <Tabelle bretter /> }.into_any()
        }} />
        <super::moderation::Gemeldete />
    }
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
