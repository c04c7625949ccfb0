//! One Themenfeld: Lebenslagen with their OZG-Leistungen, coordination, labs and workshop.

use crate::api::themenfeld::themenfeld_laden;
use crate::components::status::{Fehler, Laedt, zahl};
use crate::model::leistung::ThemenfeldSeite as Daten;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ThemenfeldSeite() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let daten = Resource::new(slug, themenfeld_laden);
    view! {
        <Suspense fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                match daten.await {
                    Ok(d) => view! { <Inhalt d /> }.into_any(),
                    Err(e) => view! { <Title text="Themenfeld" /> <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Inhalt(d: Daten) -> impl IntoView {
    let t = d.themenfeld;
    let anzahl_leistungen: usize = d.lebenslagen.iter().map(|l| l.leistungen.len()).sum();
    let workshop = match (t.workshop_datum, t.workshop_ort.clone(), t.workshop_hinweis.clone()) {
        (Some(datum), ort, hinweis) => {
            let mut s = datum.format("%d.%m.%Y").to_string();
            if let Some(o) = ort {
                s.push_str(&format!(", {o}"));
            }
            if let Some(h) = hinweis {
                s.push_str(&format!(" ({h})"));
            }
            Some(s)
        }
        (None, _, Some(h)) => Some(h),
        _ => None,
    };
    view! {
        <Title text=t.name.clone() />
        <nav aria-label="Brotkrümelnavigation" class="brotkrumen">
            <a href="/landkarte">"Themenfeld-Landkarte"</a>
            " › "
            <span aria-current="page">{t.name.clone()}</span>
        </nav>
        <h1>{t.name.clone()}</h1>
        <dl class="steckbrief">
            <dt>"Themenfeld-Koordination"</dt>
            <dd>{crate::pages::oder_nicht_erfasst(t.koordination.clone())}</dd>
            <dt>"Themenfeld-Workshop"</dt>
            <dd>{crate::pages::oder_nicht_erfasst(workshop)}</dd>
            <dt>"Umfang"</dt>
            <dd>
                {format!(
                    "{} Lebenslagen, {} OZG-Leistungen, {} LeiKa-Leistungen",
                    d.lebenslagen.len(),
                    anzahl_leistungen,
                    zahl(d.leika_gesamt),
                )}
            </dd>
            <dt>"Quelle"</dt>
            <dd class="quelle">{t.quelle.clone()}</dd>
        </dl>
        <p>
            <a href=format!("/leistungen?tf={}", t.id)>"Diese Leistungen im Katalog filtern und exportieren"</a>
        </p>
        <section aria-labelledby="lebenslagen">
            <h2 id="lebenslagen">"Lebenslagen und OZG-Leistungen"</h2>
            {if d.lebenslagen.is_empty() {
                view! { <p>"Der KDN-Katalog ordnet diesem Themenfeld keine OZG-Leistungen zu."</p> }.into_any()
            } else {
                view! {
                    <table class="lebenslagen">
                        <caption class="sr-only">"Lebenslagen mit ihren OZG-Leistungen und der Zahl der LeiKa-Leistungen"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Lebenslage"</th>
                                <th scope="col">"OZG-Leistung (Anzahl LeiKa-Leistungen)"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {d.lebenslagen
                                .into_iter()
                                .map(|ll| {
                                    view! {
                                        <tr>
                                            <th scope="row">{ll.name}</th>
                                            <td>
                                                <ul class="leistungsliste">
                                                    {ll.leistungen
                                                        .into_iter()
                                                        .map(|l| {
                                                            view! {
                                                                <li>
                                                                    <a href=format!("/leistungen/{}", l.ozg_id)>{l.name}</a>
                                                                    {format!(" ({})", l.leika_anzahl)}
                                                                </li>
                                                            }
                                                        })
                                                        .collect_view()}
                                                </ul>
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </section>
        <section aria-labelledby="labore">
            <h2 id="labore">"Digitalisierungslabore"</h2>
            {if d.labore.is_empty() {
                view! { <p>"Für dieses Themenfeld sind keine Digitalisierungslabore erfasst."</p> }.into_any()
            } else {
                view! { <LaborListe labore=d.labore verlinkt=true /> }.into_any()
            }}
        </section>
    }
}

/// Digitalisierungslabore with their status; `verlinkt` links each to its OZG-Leistung.
#[component]
pub fn LaborListe(labore: Vec<crate::model::leistung::Labor>, verlinkt: bool) -> impl IntoView {
    view! {
        <ul class="labore">
            {labore
                .into_iter()
                .map(|l| {
                    let titel = match l.ozg_id.filter(|_| verlinkt) {
                        Some(id) => view! { <a href=format!("/leistungen/{id}")>{l.titel.clone()}</a> }.into_any(),
                        None => l.titel.clone().into_any(),
                    };
                    view! {
                        <li>
                            {titel}
                            <span class=format!("status status-{}", l.status)>{l.status.clone()}</span>
                            {l.hinweis.map(|h| view! { <span class="hinweis">{h}</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
