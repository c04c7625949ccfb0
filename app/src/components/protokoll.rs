//! The audit log as a table: for the whole portal or one record.

use crate::api::protokoll::{ProtokollSeite, protokoll_laden};
use crate::components::status::{Fehler, Laedt, zahl};
use crate::components::tabelle::Tabellenrahmen;
use crate::model::konto::{ProtokollEintrag, objekt_art_label, objekt_link, zeit_anzeigen};
use leptos::prelude::*;

fn wert(w: Option<String>) -> AnyView {
    match w {
        Some(w) if !w.is_empty() => view! { <span class="wert">{w}</span> }.into_any(),
        _ => view! { <span class="nicht-erfasst">"leer"</span> }.into_any(),
    }
}

#[component]
pub fn ProtokollTabelle(eintraege: Vec<ProtokollEintrag>, #[prop(optional)] mit_objekt: bool) -> impl IntoView {
    if eintraege.is_empty() {
        return view! { <p>"Noch keine Änderungen protokolliert."</p> }.into_any();
    }
    view! {
        <Tabellenrahmen titel="Änderungsprotokoll">
            <table class="protokoll">
                <caption class="sr-only">"Änderungen, die neuesten zuerst"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Zeit"</th>
                        <th scope="col">"Geändert von"</th>
                        {mit_objekt.then(|| view! { <th scope="col">"Datensatz"</th> })}
                        <th scope="col">"Feld"</th>
                        <th scope="col">"Vorher"</th>
                        <th scope="col">"Nachher"</th>
                    </tr>
                </thead>
                <tbody>
                    {eintraege
                        .into_iter()
                        .map(|e| {
                            let objekt = mit_objekt
                                .then(|| {
                                    let text = format!("{}: {}", objekt_art_label(&e.objekt_art), e.objekt_name);
                                    let inhalt = match objekt_link(&e.objekt_art, &e.objekt_id) {
                                        Some(href) => view! { <a href=href>{text}</a> }.into_any(),
                                        None => text.into_any(),
                                    };
                                    view! { <td>{inhalt}</td> }
                                });
                            view! {
                                <tr>
                                    <td class="zeit">{zeit_anzeigen(e.zeit_ms)}</td>
                                    <td>{e.benutzer}</td>
                                    {objekt}
                                    <td>{e.feld}</td>
                                    <td>{wert(e.alt)}</td>
                                    <td>{wert(e.neu)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </Tabellenrahmen>
    }
    .into_any()
}

/// The log of one record, for coordinators on the record's page. `neu_laden` changes after
/// each save, so the new entries appear at once.
#[component]
pub fn DatensatzProtokoll(
    art: &'static str,
    #[prop(into)] id: String,
    #[prop(into)] neu_laden: Signal<usize>,
) -> impl IntoView {
    let daten = Resource::new(move || (id.clone(), neu_laden.get()), move |(id, _)| protokoll_laden(art.into(), id, 0));
    view! {
        <section aria-labelledby="protokoll-titel" class="datensatz-protokoll">
            <h2 id="protokoll-titel">"Änderungsprotokoll"</h2>
            <Transition fallback=|| view! { <Laedt /> }>
                {move || Suspend::new(async move {
                    match daten.await {
                        Ok(ProtokollSeite { gesamt, eintraege, .. }) => {
                            view! {
                                <p class="treffer">{format!("{} Einträge", zahl(gesamt))}</p>
                                <ProtokollTabelle eintraege />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}
