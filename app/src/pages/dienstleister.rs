//! The municipal IT service providers with the areas the sources name for them.

use crate::api::dienstleister::dienstleister_liste;
use crate::components::laden::Laden;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Dienstleister() -> impl IntoView {
    let daten = Resource::new(|| (), |_| dienstleister_liste());
    view! {
        <Title text="IT-Dienstleister" />
        <h1>"Kommunale IT-Dienstleister"</h1>
        <p class="lead">
            "Die Mitglieder des KDN – Dachverband kommunaler IT-Dienstleister – und die Kreise und Städte, die öffentliche Quellen ihnen zuordnen. Jede Zuordnung nennt ihre Quelle und deren Stand."
        </p>
        <Laden daten=daten inhalt=move |liste| {
                        view! {
                            <ul class="karten">
                                {liste
                                    .into_iter()
                                    .map(|e| {
                                        let d = e.dienstleister;
                                        let anschrift = [d.strasse.clone(), d.plz.clone().zip(d.ort.clone()).map(|(p, o)| format!("{p} {o}"))]
                                            .into_iter()
                                            .flatten()
                                            .collect::<Vec<_>>()
                                            .join(", ");
                                        view! {
                                            <li class="karte" id=format!("dl-{}", d.id)>
                                                <h2>{d.name.clone()}</h2>
                                                {(!anschrift.is_empty()).then(|| view! { <p>{anschrift}</p> })}
                                                {d.url.clone().map(|u| { let text = u.clone(); view! { <p><a href=u rel="external noopener noreferrer">{text}</a></p> } })}
                                                {d.korrektur.clone().map(|k| view! { <p class="hinweis">{format!("Korrigiert: {k}")}</p> })}
                                                {if e.gebiete.is_empty() {
                                                    view! { <p class="nicht-erfasst">"Keine Zuordnung von Kreisen oder Städten in den erfassten Quellen."</p> }.into_any()
                                                } else {
                                                    view! {
                                                        <h3>"Zugeordnete Gebiete"</h3>
                                                        <ul>
                                                            {e.gebiete
                                                                .into_iter()
                                                                .map(|(g, kreise)| {
                                                                    view! {
                                                                        <li>
                                                                            {format!("{} ({}). ", g.bezeichnung, g.art)}
                                                                            {(!kreise.is_empty()).then(|| view! {
                                                                                <span>
                                                                                    "Kreise/Städte: "
                                                                                    {kreise.into_iter().map(|k| view! { <a class="kreis-link" href=crate::pfad::kreis(&k.kreis_ags)>{k.kreis}</a> }).collect_view()}
                                                                                    ". "
                                                                                </span>
                                                                            })}
                                                                            {format!("Stand: {}. ", g.stand)}
                                                                            <a href=g.quelle_url rel="external noopener noreferrer">"Quelle"</a>
                                                                        </li>
                                                                    }
                                                                })
                                                                .collect_view()}
                                                        </ul>
                                                    }.into_any()
                                                }}
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
        } />
    }
}
