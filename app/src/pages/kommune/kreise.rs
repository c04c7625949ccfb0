//! The 53 Kreise and kreisfreie Städte, and one page per Kreis.

use crate::api::kommune::{kreis_laden, kreise_laden};
use crate::components::laden::Laden;
use crate::components::status::zahl;
use crate::components::tabelle::Tabellenrahmen;
use crate::pages::kommune::seite::DienstleisterBezuege;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn Kreise() -> impl IntoView {
    let daten = Resource::new(|| (), |_| kreise_laden());
    view! {
        <Title text="Kreise und kreisfreie Städte" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::KOMMUNEN.to_string(), "Kommunen".to_string())] aktuell="Kreise" />
        <h1>"Kreise und kreisfreie Städte"</h1>
        <Laden daten=daten inhalt=move |liste| {
                        view! {
                            <Tabellenrahmen titel="Kreise">
                                <table class="katalog-tabelle">
                                    <caption class="sr-only">"Kreise und kreisfreie Städte nach Regierungsbezirk"</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">"Schlüssel"</th>
                                            <th scope="col">"Name"</th>
                                            <th scope="col">"Art"</th>
                                            <th scope="col">"Regierungsbezirk"</th>
                                            <th scope="col" class="zahl">"Gemeinden"</th>
                                            <th scope="col" class="zahl">"Einwohner"</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {liste
                                            .into_iter()
                                            .map(|k| {
                                                view! {
                                                    <tr>
                                                        <td><code>{k.ags.clone()}</code></td>
                                                        <td><a href=crate::pfad::kreis(&k.ags)>{k.name}</a></td>
                                                        <td>{k.typ}</td>
                                                        <td>{k.regierungsbezirk}</td>
                                                        <td class="zahl">{k.anzahl_gemeinden}</td>
                                                        <td class="zahl">{zahl(k.einwohner)}</td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </Tabellenrahmen>
                        }
        } />
    }
}

#[component]
pub fn KreisSeite() -> impl IntoView {
    let params = use_params_map();
    let ags = move || params.with(|p| p.get("ags").unwrap_or_default());
    let daten = Resource::new(ags, kreis_laden);
    view! {
        <Laden daten=daten fehlertitel="Kreis" inhalt=move |d| {
                        let k = d.kreis;
                        view! {
                            <Title text=k.name.clone() />
                            <crate::components::status::Brotkrumen wege=vec![(crate::pfad::KOMMUNEN.to_string(), "Kommunen".to_string()), (crate::pfad::KREISE.to_string(), "Kreise".to_string())] aktuell=k.name.clone() />
                            <h1>{k.name.clone()}</h1>
                            <dl class="steckbrief">
                                <dt>"Schlüssel"</dt>
                                <dd><code>{k.ags.clone()}</code></dd>
                                <dt>"Art"</dt>
                                <dd>{k.typ.clone()}</dd>
                                <dt>"Regierungsbezirk"</dt>
                                <dd>{k.regierungsbezirk.clone()}</dd>
                                <dt>"Einwohner (31.12.2021)"</dt>
                                <dd>{zahl(k.einwohner)}</dd>
                            </dl>
                            <section aria-labelledby="gemeinden-titel">
                                <h2 id="gemeinden-titel">{format!("Gemeinden ({})", d.gemeinden.len())}</h2>
                                <ul class="spalten">
                                    {d.gemeinden
                                        .into_iter()
                                        .map(|g| {
                                            let gk = g.groessenklasse_label();
                                            view! {
                                                <li>
                                                    <a href=crate::pfad::kommune(&g.ags)>{g.name}</a>
                                                    <span class="hinweis">{format!(" – {gk}")}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                            <section aria-labelledby="dl-titel">
                                <h2 id="dl-titel">"IT-Dienstleister"</h2>
                                <DienstleisterBezuege bezuege=d.dienstleister />
                            </section>
                        }
        } />
    }
}
