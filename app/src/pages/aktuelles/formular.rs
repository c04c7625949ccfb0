//! Writing and editing a Meldung (coordination): title, Themenfeld, first and last day, the
//! Markdown text with a preview through the same sanitiser the page uses.

use crate::api::aktuelles::{MeldungAnlegen, MeldungSpeichern, meldung_formular, meldung_vorschau};
use crate::api::roadmap::themenfelder_liste;
use crate::components::formular::{Ergebnis, Feld, FormularStatus, Textfeld, Wahl, fehler_fuer};
use crate::components::laden::{Laden, NurAngemeldet};
use crate::error::AppError;
use crate::model::aktuelles::MeldungEingabe;
use crate::model::konto::Recht;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

type Vorlage = (Vec<(i64, String)>, i64, MeldungEingabe);

async fn vorlage(id: Option<i64>) -> Result<Vorlage, AppError> {
    let (version, e) = meldung_formular(id).await?;
    Ok((themenfelder_liste().await?, version, e))
}

#[component]
pub fn MeldungNeu() -> impl IntoView {
    let aktion = ServerAction::<MeldungAnlegen>::new();
    let daten = Resource::new(|| (), |_| vorlage(None));
    Effect::new(move || {
        if let Some(Ok(id)) = aktion.value().get() {
            crate::components::adresse::gehe_zu(&crate::pfad::meldung(id));
        }
    });
    view! {
        <Title text="Neue Meldung" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::AKTUELLES.to_string(), "Aktuelles".to_string())] aktuell="Neue Meldung" />
        <h1>"Neue Meldung"</h1>
        <NurAngemeldet zurueck=crate::pfad::MELDUNG_NEU inhalt=move |person| {
            if !person.darf(Recht::AktuellesSchreiben) {
                return view! { <p class="hinweis-kasten">"Meldungen veröffentlicht die Koordination."</p> }.into_any();
            }
            view! {
                <Laden daten bleibend=true inhalt=move |(themenfelder, _, e): Vorlage| {
                    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
                    view! {
                        <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                            <Felder e themenfelder ergebnis />
                            <FormularStatus ergebnis erfolg="Die Meldung ist gespeichert." />
                            <div class="knopfleiste"><button type="submit" class="knopf">"Meldung speichern"</button></div>
                        </ActionForm>
                    }
                } />
            }
            .into_any()
        } />
    }
}

#[component]
pub fn MeldungBearbeiten() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1).parse::<i64>().unwrap_or(0);
    let aktion = ServerAction::<MeldungSpeichern>::new();
    let daten = Resource::new(move || aktion.version().get(), move |_| vorlage(Some(id)));
    view! {
        <Title text="Meldung bearbeiten" />
        <h1>"Meldung bearbeiten"</h1>
        <NurAngemeldet zurueck=crate::pfad::meldung_bearbeiten(id) inhalt=move |_| view! {
            <Laden daten bleibend=true fehlertitel="Meldung bearbeiten" inhalt=move |(themenfelder, version, e): Vorlage| {
                let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
                view! {
                    <p><a href=crate::pfad::meldung(id)>"Zurück zur Meldung „" {e.titel.clone()} "“"</a></p>
                    <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=version />
                        <Felder e themenfelder ergebnis />
                        <FormularStatus ergebnis erfolg="Gespeichert." />
                        <div class="knopfleiste"><button type="submit" class="knopf">"Speichern"</button></div>
                    </ActionForm>
                }
            } />
        } />
    }
}

#[component]
fn Felder(e: MeldungEingabe, themenfelder: Vec<(i64, String)>, ergebnis: Ergebnis<i64>) -> impl IntoView {
    let f = move |feld: &'static str| fehler_fuer(ergebnis, feld);
    let mut tfs = vec![(String::new(), "Allgemein (themenübergreifend)".to_string())];
    tfs.extend(themenfelder.into_iter().map(|(id, n)| (id.to_string(), n)));
    view! {
        <Feld name="titel" label="Titel" pflicht=true wert=e.titel.clone() fehler=f("titel") />
        <Wahl name="themenfeld" label="Themenfeld" optionen=tfs wert=e.themenfeld.clone() fehler=f("themenfeld") />
        <Feld
            name="veroeffentlicht"
            label="Veröffentlichen ab"
            pflicht=true
            wert=e.veroeffentlicht.clone()
            hinweis="Erster Tag, z. B. 05.12.2026. Ein späterer Tag plant die Meldung: Bis dahin sieht nur die Koordination sie."
            fehler=f("veroeffentlicht")
        />
        <Feld
            name="ablauf"
            label="Sichtbar bis"
            wert=e.ablauf.clone()
            hinweis="Letzter Tag in Listen und Feeds (leer: ohne Ende). Die Seite der Meldung bleibt erreichbar."
            fehler=f("ablauf")
        />
        <Textfeld
            name="text"
            label="Text"
            pflicht=true
            zeilen=12
            wert=e.text.clone()
            hinweis="Markdown: Absätze durch eine Leerzeile, **fett**, *kursiv*, [Linktext](https://…), Listen mit „- “, Überschriften mit „## “. HTML wird bereinigt."
            fehler=f("text")
        />
        <Vorschau />
    }
}

/// Renders the text field's current content as the page will show it.
#[component]
fn Vorschau() -> impl IntoView {
    let vorschau = Action::new(|text: &String| meldung_vorschau(text.clone()));
    let zeigen = move |_| {
        #[cfg(feature = "hydrate")]
        {
            use web_sys::wasm_bindgen::JsCast;
            let text = document()
                .get_element_by_id("text")
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                .map(|t| t.value())
                .unwrap_or_default();
            vorschau.dispatch(text);
        }
    };
    view! {
        <div class="vorschau">
            <button type="button" class="knopf-zweit" on:click=zeigen>"Vorschau zeigen"</button>
            <section class="vorschau-inhalt" aria-live="polite" aria-label="Vorschau">
                {move || vorschau.value().get().map(|r| match r {
                    Ok(html) => view! { <div class="meldung-text" inner_html=html></div> }.into_any(),
                    Err(e) => view! { <p class="feld-meldung">{e.to_string()}</p> }.into_any(),
                })}
            </section>
        </div>
    }
}
