//! "Themen zuordnen" on a Kommune's page: for each Themenfeld the responsible person of the
//! Kommune. Everybody sees how many fields are covered; names and the form need a login.

use crate::api::kommune::{ThemenZuordnen, themen_laden};
use crate::components::formular::{Ergebnis, FormularStatus, fehler_der_zeile};
use crate::components::status::Fehler;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::kommune::Themenzuordnungen;
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn ThemenZuordnung(
    ags: String,
    bearbeitbar: bool,
    angemeldet: bool,
    /// Changes when the Kommune's contact persons change: the choice follows.
    personen_stand: RwSignal<usize>,
) -> impl IntoView {
    let aktion = ServerAction::<ThemenZuordnen>::new();
    let ags_r = ags.clone();
    let daten = Resource::new(
        move || (ags_r.clone(), aktion.version().get(), personen_stand.get()),
        |(a, _, _)| themen_laden(a),
    );
    view! {
        <section aria-labelledby="themen-titel">
            <h2 id="themen-titel">"Themen zuordnen"</h2>
            <Transition fallback=|| ()>
                {
                    let ags = ags.clone();
                    move || {
                        let ags = ags.clone();
                        Suspend::new(async move {
                            match daten.await {
                                Ok(z) if bearbeitbar => view! { <Formular z ags aktion /> }.into_any(),
                                Ok(z) => view! { <Anzeige z angemeldet /> }.into_any(),
                                Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                            }
                        })
                    }
                }
            </Transition>
        </section>
    }
}

fn zusammenfassung(z: &Themenzuordnungen) -> String {
    let n = z.zeilen.iter().filter(|x| x.ansprechperson_id.is_some()).count();
    format!("{n} von {} Themenfeldern haben eine verantwortliche Person.", z.zeilen.len())
}

#[component]
fn Anzeige(z: Themenzuordnungen, angemeldet: bool) -> impl IntoView {
    view! {
        <p>{zusammenfassung(&z)} {(!angemeldet).then_some(" Namen sehen angemeldete Nutzerinnen und Nutzer.")}</p>
        {angemeldet
            .then(|| {
                view! {
                    <Tabellenrahmen titel="Zuordnung der Themenfelder">
                        <table class="katalog-tabelle">
                            <caption class="sr-only">"Verantwortliche je Themenfeld"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Themenfeld"</th>
                                    <th scope="col">"Verantwortlich"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {z
                                    .zeilen
                                    .into_iter()
                                    .map(|x| {
                                        view! {
                                            <tr>
                                                <th scope="row"><a href=crate::pfad::themenfeld(&x.slug)>{x.themenfeld}</a></th>
                                                <td>{x.person.unwrap_or_else(|| "–".into())}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </Tabellenrahmen>
                }
            })}
    }
}

#[component]
fn Formular(z: Themenzuordnungen, ags: String, aktion: ServerAction<ThemenZuordnen>) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
    if z.personen.is_empty() {
        return view! {
            <p>{zusammenfassung(&z)} " Legen Sie zuerst unten Ansprechpersonen an; dann ordnen Sie ihnen hier die Themenfelder zu."</p>
        }
        .into_any();
    }
    let personen = StoredValue::new(z.personen.clone());
    view! {
        <p>{zusammenfassung(&z)}</p>
        <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
            <input type="hidden" name="ags" value=ags />
            <input type="hidden" name="version" value=z.version />
            <Tabellenrahmen titel="Zuordnung der Themenfelder">
                <table class="katalog-tabelle">
                    <caption class="sr-only">"Verantwortliche je Themenfeld auswählen"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Themenfeld"</th>
                            <th scope="col">"Verantwortlich"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {z
                            .zeilen
                            .into_iter()
                            .map(|x| {
                                let kopf = format!("tf-name-{}", x.themenfeld_id);
                                let feld = format!("tf-{}", x.themenfeld_id);
                                let fehler = fehler_der_zeile(ergebnis, feld.clone());
                                let gewaehlt = x.ansprechperson_id;
                                view! {
                                    <tr>
                                        <th scope="row" id=kopf.clone()>{x.themenfeld.clone()}</th>
                                        <td>
                                            <input type="hidden" name="themenfelder[]" value=x.themenfeld_id />
                                            <select name="personen[]" id=feld aria-labelledby=kopf>
                                                <option value="" selected=gewaehlt.is_none()>"– niemand –"</option>
                                                {personen
                                                    .get_value()
                                                    .into_iter()
                                                    .map(|(id, name)| view! { <option value=id selected=gewaehlt == Some(id)>{name}</option> })
                                                    .collect_view()}
                                            </select>
                                            {move || fehler.get().map(|m| view! { <p class="feld-meldung">{m}</p> })}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </Tabellenrahmen>
            <FormularStatus ergebnis erfolg="Die Zuordnung wurde gespeichert." />
            <div class="knopfleiste">
                <button type="submit" class="knopf">"Zuordnung speichern"</button>
            </div>
        </ActionForm>
    }
    .into_any()
}
