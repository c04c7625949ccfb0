//! The results of a workshop on its page: the Umsetzungsprojekte and online services
//! (Steckbriefe) that came out of it, the jump into the roadmap's presenter view for its
//! Themenfeld, and for the coordination linking and unlinking – by select and button, no drag.

use crate::api::veranstaltung::{ErgebnisLoesen, ErgebnisVerknuepfen};
use crate::components::formular::{Ergebnis as Antwort, fehler_fuer};
use crate::model::veranstaltung::ergebnis::{Ergebnis, ErgebnisArt};
use crate::model::veranstaltung::{Art, VeranstaltungSeite};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn Ergebnisse(
    s: VeranstaltungSeite,
    verknuepfen: ServerAction<ErgebnisVerknuepfen>,
    loesen: ServerAction<ErgebnisLoesen>,
) -> impl IntoView {
    let v = &s.veranstaltung;
    let workshop = matches!(v.art, Art::Workshop | Art::Labor);
    if !workshop && s.ergebnisse.is_empty() && !s.verwalten {
        return ().into_any();
    }
    let praesentation = v.themenfeld.as_ref().map(|(id, name, _)| {
        let href = crate::pfad::gefiltert(crate::pfad::PRAESENTATION, &[("tf", &id.to_string())]);
        view! { <p><a href=href>{format!("Präsentation der Roadmap „{name}“ öffnen")}</a></p> }
    });
    let gruppen = ErgebnisArt::ALLE.map(|art| {
        let liste: Vec<Ergebnis> = s.ergebnisse.iter().filter(|e| e.art == art).cloned().collect();
        (!liste.is_empty()).then(|| view! {
            <h3>{art.mehrzahl()}</h3>
            <ul class="ergebnisse">
                {liste.into_iter().map(|e| view! { <Eintrag e veranstaltung=v.id verwalten=s.verwalten loesen /> }).collect_view()}
            </ul>
        })
    });
    let leer = s.ergebnisse.is_empty().then(|| view! { <p>"Noch keine Ergebnisse verknüpft."</p> });
    let verwalten =
        s.verwalten.then(|| view! { <Verknuepfen id=v.id auswahl=s.ergebnis_auswahl.clone() verknuepfen /> });
    view! {
        <section aria-labelledby="ergebnisse-titel">
            <h2 id="ergebnisse-titel">"Ergebnisse"</h2>
            {praesentation}
            {leer}
            {gruppen.into_iter().collect_view()}
            {verwalten}
        </section>
    }
    .into_any()
}

#[component]
fn Eintrag(e: Ergebnis, veranstaltung: i64, verwalten: bool, loesen: ServerAction<ErgebnisLoesen>) -> impl IntoView {
    let (label, wert) = (format!("Verknüpfung mit „{}“ lösen", e.name), e.wert());
    let knopf = verwalten.then(move || {
        view! {
            <ActionForm action=loesen attr:class="formular-knopf">
                <input type="hidden" name="veranstaltung" value=veranstaltung />
                <input type="hidden" name="wert" value=wert />
                <button type="submit" class="knopf-klein" aria-label=label>"lösen"</button>
            </ActionForm>
        }
    });
    view! { <li><a href=e.art.pfad(e.id)>{e.name.clone()}</a> {knopf}</li> }
}

#[component]
fn Verknuepfen(id: i64, auswahl: Vec<Ergebnis>, verknuepfen: ServerAction<ErgebnisVerknuepfen>) -> impl IntoView {
    if auswahl.is_empty() {
        return view! {
            <p class="leise">"Keine weiteren Umsetzungsprojekte oder veröffentlichten Steckbriefe im Themenfeld."</p>
        }
        .into_any();
    }
    let antwort: Antwort<()> = Signal::derive(move || verknuepfen.value().get());
    let fehler = fehler_fuer(antwort, "wert");
    let gruppen = ErgebnisArt::ALLE.map(|art| {
        let liste: Vec<Ergebnis> = auswahl.iter().filter(|e| e.art == art).cloned().collect();
        (!liste.is_empty()).then(|| view! {
            <optgroup label=art.mehrzahl()>
                {liste.into_iter().map(|e| view! { <option value=e.wert()>{e.name.clone()}</option> }).collect_view()}
            </optgroup>
        })
    });
    view! {
        <ActionForm action=verknuepfen attr:class="formular ergebnis-verknuepfen">
            <input type="hidden" name="veranstaltung" value=id />
            <div class="feld" class:feld-mit-fehler=move || fehler.get().is_some()>
                <label for="ergebnis-wert">"Ergebnis verknüpfen"</label>
                <select id="ergebnis-wert" name="wert">{gruppen.into_iter().collect_view()}</select>
                {move || fehler.get().map(|m| view! { <p class="feld-meldung">{m}</p> })}
            </div>
            <div class="knopfleiste"><button type="submit" class="knopf">"Verknüpfen"</button></div>
        </ActionForm>
    }
    .into_any()
}
