//! Creating an Umsetzungsprojekt (coordination), and the master-data fields shared with the
//! edit form on the project page.

use crate::api::roadmap::{ProjektAnlegen, themenfelder_liste};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, fehler_fuer};
use crate::components::laden::Laden;
use crate::components::laden::NurAngemeldet;
use crate::model::konto::Recht;
use crate::model::roadmap::Projekt;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

pub const PFAD: &str = crate::pfad::ROADMAP_NEU;

/// Name, description, EfA status, Themenfelder (checkboxes) and OZG-IDs, prefilled from `p`.
#[component]
pub fn StammdatenFelder(
    p: Option<Projekt>,
    themenfelder: Vec<(i64, String)>,
    ergebnis: Ergebnis<i64>,
) -> impl IntoView {
    let gewaehlt: Vec<i64> = p.as_ref().map(|p| p.themenfelder.iter().map(|t| t.0).collect()).unwrap_or_default();
    let tf_fehler = fehler_fuer(ergebnis, "themenfelder");
    let b_fehler = fehler_fuer(ergebnis, "beschreibung");
    let beschreibung = p.as_ref().and_then(|p| p.beschreibung.clone()).unwrap_or_default();
    view! {
        <Feld name="name" label="Name" pflicht=true wert=p.as_ref().map(|p| p.name.clone()).unwrap_or_default() fehler=fehler_fuer(ergebnis, "name") />
        <div class="feld" class:feld-mit-fehler=move || b_fehler.with(Option::is_some)>
            <label for="beschreibung">"Beschreibung"</label>
            <textarea
                id="beschreibung"
                name="beschreibung"
                rows="3"
                aria-invalid=move || b_fehler.with(Option::is_some).then_some("true")
                aria-describedby=move || b_fehler.with(Option::is_some).then_some("beschreibung-meldung")
            >
                {beschreibung}
            </textarea>
            {move || b_fehler.get().map(|m| view! { <p class="feld-meldung" id="beschreibung-meldung">{m}</p> })}
        </div>
        <Feld
            name="efa_status"
            label="EfA-Status"
            hinweis="z. B. „EfA-Leistung, NRW nutzt nach“; leer: nicht erfasst."
            wert=p.as_ref().and_then(|p| p.efa_status.clone()).unwrap_or_default()
            fehler=fehler_fuer(ergebnis, "efa_status")
        />
        <fieldset
            class="feld auswahl-gruppe"
            class:feld-mit-fehler=move || tf_fehler.with(Option::is_some)
            aria-describedby=move || tf_fehler.with(Option::is_some).then_some("themenfelder-meldung")
        >
            <legend>"Themenfelder" <span class="pflicht" aria-hidden="true">" *"</span></legend>
            {themenfelder
                .into_iter()
                .map(|(id, name)| {
                    let an = gewaehlt.contains(&id);
                    view! {
                        <label class="auswahl">
                            <input type="checkbox" name="themenfelder[]" value=id checked=an />
                            " " {name}
                        </label>
                    }
                })
                .collect_view()}
            {move || tf_fehler.get().map(|m| view! { <p class="feld-meldung" id="themenfelder-meldung">{m}</p> })}
        </fieldset>
        <Feld
            name="leistungen"
            label="OZG-Leistungen (OZG-IDs)"
            hinweis="Durch Komma getrennt, z. B. 10257, 10480. Die IDs stehen im Katalog der OZG-Leistungen."
            wert=p.as_ref().map(|p| p.leistungen.iter().map(|l| l.0.to_string()).collect::<Vec<_>>().join(", ")).unwrap_or_default()
            fehler=fehler_fuer(ergebnis, "leistungen")
        />
    }
}

#[component]
pub fn ProjektNeu() -> impl IntoView {
    let tfs = Resource::new(|| (), |_| themenfelder_liste());
    let aktion = ServerAction::<ProjektAnlegen>::new();
    // A created project opens its page, where its dates are set.
    Effect::new(move || {
        if let Some(Ok(id)) = aktion.value().get() {
            crate::components::adresse::gehe_zu(&crate::pfad::projekt(id));
        }
    });
    view! {
        <Title text="Neues Umsetzungsprojekt" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::ROADMAP.to_string(), "Roadmap".to_string())] aktuell="Neues Umsetzungsprojekt" />
        <h1>"Neues Umsetzungsprojekt"</h1>
        <NurAngemeldet zurueck=PFAD inhalt=move |person| {
            if !person.darf(Recht::RoadmapBearbeiten) {
                return view! { <p class="hinweis-kasten">"Projekte anlegen kann die Koordination."</p> }.into_any();
            }
            view! {
                <Laden daten=tfs bleibend=true inhalt=move |themenfelder| {
                    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
                    view! {
                        <p>"Die Startmonate der Phasen setzen Sie danach auf der Projektseite oder in der Zeitachse."</p>
                        <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                            <StammdatenFelder p=None themenfelder ergebnis />
                            <FormularStatus ergebnis erfolg="Das Projekt wurde angelegt." />
                            <div class="knopfleiste">
                                <button type="submit" class="knopf">"Projekt anlegen"</button>
                            </div>
                        </ActionForm>
                    }
                } />
            }
            .into_any()
        } />
    }
}
