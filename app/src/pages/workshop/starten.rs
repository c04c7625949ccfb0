//! Starting the live session of a Themenfeld-Workshop from its event page (the coordination).
//! Starting again opens the session that already runs.

use crate::api::workshop::WorkshopStarten;
use crate::components::formular::{Ergebnis, FormularStatus};
use leptos::form::ActionForm;
use leptos::prelude::*;

#[component]
pub fn SitzungStarten(veranstaltung: i64) -> impl IntoView {
    let aktion = ServerAction::<WorkshopStarten>::new();
    let ergebnis: Ergebnis<String> = Signal::derive(move || aktion.value().get());
    Effect::new(move |_| {
        if let Some(Ok(code)) = aktion.value().get() {
            crate::components::adresse::gehe_zu(&crate::pfad::workshop(code));
        }
    });
    view! {
        <section aria-labelledby="workshop-modus-titel">
            <h2 id="workshop-modus-titel">"Workshop-Modus"</h2>
            <p>
                "Eine Live-Sitzung für den Raum: Teilnehmende treten mit einem Code bei (mit Konto oder als Gast), "
                "folgen Ihrer Ansicht im Portal und beantworten Ihre Fragen; Ergebnisse übernehmen Sie in die Daten."
            </p>
            <ActionForm action=aktion attr:class="formular">
                <input type="hidden" name="veranstaltung" value=veranstaltung.to_string() />
                <button type="submit" class="knopf">"Workshop-Sitzung starten"</button>
                <FormularStatus ergebnis erfolg="Die Sitzung läuft." />
            </ActionForm>
        </section>
    }
}
