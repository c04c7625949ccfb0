//! Managing the boards on `/forum`: the moderation opens a board for a Digitalisierungslabor;
//! the operator opens a board for public reading or closes it again.

use crate::api::forum::{ForumLaborEroeffnen, ForumOeffentlich, forum_labore};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, Wahl, fehler_fuer};
use crate::components::konto::NurMitRecht;
use crate::components::laden::Laden;
use crate::model::forum::Brett;
use crate::model::konto::Recht;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The two actions, shared with the overview (which reloads after them).
#[derive(Clone, Copy)]
pub struct BrettAktionen {
    pub eroeffnen: ServerAction<ForumLaborEroeffnen>,
    pub oeffentlich: ServerAction<ForumOeffentlich>,
}

impl BrettAktionen {
    pub fn neu() -> BrettAktionen {
        BrettAktionen { eroeffnen: ServerAction::new(), oeffentlich: ServerAction::new() }
    }

    pub fn stand(self) -> (usize, usize) {
        (self.eroeffnen.version().get(), self.oeffentlich.version().get())
    }
}

#[component]
pub fn Verwalten(bretter: Vec<Brett>, aktionen: BrettAktionen) -> impl IntoView {
    view! {
        <NurMitRecht recht=Recht::ForumModerieren>
            <section aria-labelledby="verwalten-titel" class="moderation">
                <h2 id="verwalten-titel">"Foren verwalten"</h2>
                <LaborForum eroeffnen=aktionen.eroeffnen />
            </section>
        </NurMitRecht>
        <NurMitRecht recht=Recht::ForenOeffnen>
            <Oeffentlich bretter=bretter.clone() aktion=aktionen.oeffentlich />
        </NurMitRecht>
    }
}

#[component]
fn LaborForum(eroeffnen: ServerAction<ForumLaborEroeffnen>) -> impl IntoView {
    let labore = Resource::new(move || eroeffnen.version().get(), |_| forum_labore());
    let ergebnis: Ergebnis<String> = Signal::derive(move || eroeffnen.value().get());
    let f = move |feld| fehler_fuer(ergebnis, feld);
    view! {
        <h3>"Forum für ein Digitalisierungslabor"</h3>
        <Laden daten=labore fehlertitel="Digitalisierungslabore" inhalt={move |liste: Vec<(i64, String)>| {
            let mut optionen = vec![(String::new(), "– bitte wählen –".to_string())];
            optionen.extend(liste.into_iter().map(|(id, t)| (id.to_string(), t)));
            view! {
                <ActionForm action=eroeffnen attr:class="formular" attr:novalidate=true>
                    <Wahl name="labor" label="Digitalisierungslabor" optionen wert=String::new() fehler=f("labor") />
                    <Feld name="beschreibung" praefix="labor-" label="Beschreibung (optional)" fehler=f("beschreibung") />
                    <div class="knopfleiste"><button type="submit" class="knopf-klein">"Forum eröffnen"</button></div>
                </ActionForm>
            }
        }} />
        <FormularStatus ergebnis erfolg="Das Forum ist eröffnet; es steht in der Liste oben." />
    }
}

/// Per board: readable by the public or only by logged-in accounts.
#[component]
fn Oeffentlich(bretter: Vec<Brett>, aktion: ServerAction<ForumOeffentlich>) -> impl IntoView {
    let ergebnis: Ergebnis<()> = Signal::derive(move || aktion.value().get());
    view! {
        <section aria-labelledby="oeffentlich-titel" class="moderation">
            <h2 id="oeffentlich-titel">"Öffentlich lesbare Foren"</h2>
            <p>"Ein öffentliches Forum lesen alle ohne Anmeldung, mit Namen und Kommune der Schreibenden (nie ihre E-Mail-Adressen); schreiben können weiter nur Angemeldete."</p>
            <FormularStatus ergebnis erfolg="Gespeichert." />
            <ul class="oeffentlich-liste">
                {bretter.into_iter().map(|b| {
                    let (an, text) = if b.oeffentlich { (false, "Nur für Angemeldete") } else { (true, "Öffentlich lesbar machen") };
                    let label = format!("{}: {text}", b.titel);
                    let stand = if b.oeffentlich { "öffentlich lesbar" } else { "nur für Angemeldete" };
                    view! {
                        <li>
                            {format!("{} – {stand} ", b.titel)}
                            <ActionForm action=aktion attr:class="inline-formular">
                                <input type="hidden" name="slug" value=b.slug.clone() />
                                <input type="hidden" name="an" value=an.to_string() />
                                <button type="submit" class="knopf-klein" aria-label=label>{text}</button>
                            </ActionForm>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
