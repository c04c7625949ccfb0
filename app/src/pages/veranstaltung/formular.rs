//! Announcing and editing a Veranstaltung (coordination). One form for both; the date is one
//! field that takes every precision ("03.12.2019 10:00–16:00", "Q1 2020"), so nothing forces a
//! day that is not known yet.

use crate::api::kommune::kommunen_namen;
use crate::api::roadmap::themenfelder_liste;
use crate::api::veranstaltung::{VeranstaltungAnlegen, VeranstaltungSpeichern, veranstaltung_formular};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, Textfeld, Wahl, fehler_fuer};
use crate::components::laden::{Laden, NurAngemeldet};
use crate::error::AppError;
use crate::model::kommune::KommuneName;
use crate::model::konto::Recht;
use crate::model::veranstaltung::eingabe::VeranstaltungEingabe;
use crate::model::veranstaltung::{Anmeldung, Art, Veranstaltung};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

type Auswahl = (Vec<(i64, String)>, Vec<KommuneName>);

async fn auswahl() -> Result<Auswahl, AppError> {
    Ok((themenfelder_liste().await?, kommunen_namen().await?))
}

#[component]
pub fn VeranstaltungNeu() -> impl IntoView {
    let listen = Resource::new(|| (), |_| auswahl());
    let aktion = ServerAction::<VeranstaltungAnlegen>::new();
    Effect::new(move || {
        if let Some(Ok(id)) = aktion.value().get() {
            crate::components::adresse::gehe_zu(&crate::pfad::veranstaltung(id));
        }
    });
    view! {
        <Title text="Neue Veranstaltung" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::VERANSTALTUNGEN.to_string(), "Veranstaltungen".to_string())] aktuell="Neue Veranstaltung" />
        <h1>"Neue Veranstaltung"</h1>
        <NurAngemeldet zurueck=crate::pfad::VERANSTALTUNG_NEU inhalt=move |person| {
            if !person.darf(Recht::VeranstaltungenBearbeiten) {
                return view! { <p class="hinweis-kasten">"Veranstaltungen kündigt die Koordination an."</p> }.into_any();
            }
            view! {
                <Laden daten=listen bleibend=true inhalt=move |(themenfelder, kommunen): Auswahl| {
                    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
                    view! {
                        <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                            <Felder e=VeranstaltungEingabe { anmeldung: "offen".into(), ..Default::default() } themenfelder kommunen ergebnis neu=true />
                            <FormularStatus ergebnis erfolg="Die Veranstaltung ist angelegt." />
                            <div class="knopfleiste"><button type="submit" class="knopf">"Veranstaltung anlegen"</button></div>
                        </ActionForm>
                    }
                } />
            }
            .into_any()
        } />
    }
}

#[component]
pub fn VeranstaltungBearbeiten() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1).parse::<i64>().unwrap_or(0);
    let aktion = ServerAction::<VeranstaltungSpeichern>::new();
    let listen = Resource::new(|| (), |_| auswahl());
    let daten = Resource::new(move || aktion.version().get(), move |_| veranstaltung_formular(id));
    let ziel = crate::pfad::veranstaltung_bearbeiten(id);
    view! {
        <Title text="Veranstaltung bearbeiten" />
        <h1>"Veranstaltung bearbeiten"</h1>
        <NurAngemeldet zurueck=ziel inhalt=move |_| view! {
            <Laden daten=listen bleibend=true inhalt=move |(themenfelder, kommunen): Auswahl| view! {
                <Laden daten bleibend=true fehlertitel="Veranstaltung bearbeiten" inhalt=move |(v, e): (Veranstaltung, VeranstaltungEingabe)| {
                    let (themenfelder, kommunen) = (themenfelder.clone(), kommunen.clone());
                    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
                    view! {
                        <p><a href=crate::pfad::veranstaltung(v.id)>"Zurück zur Veranstaltung „" {v.titel.clone()} "“"</a></p>
                        <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                            <input type="hidden" name="id" value=v.id />
                            <input type="hidden" name="version" value=v.version />
                            <Felder e themenfelder kommunen ergebnis neu=false />
                            <FormularStatus ergebnis erfolg="Gespeichert. Abonnierte Kalender übernehmen die Änderung beim nächsten Abruf." />
                            <div class="knopfleiste"><button type="submit" class="knopf">"Speichern"</button></div>
                        </ActionForm>
                    }
                } />
            } />
        } />
    }
}

#[component]
fn Felder(
    e: VeranstaltungEingabe,
    themenfelder: Vec<(i64, String)>,
    kommunen: Vec<KommuneName>,
    ergebnis: Ergebnis<i64>,
    neu: bool,
) -> impl IntoView {
    let f = move |feld: &'static str| fehler_fuer(ergebnis, feld);
    let arten: Vec<(String, String)> =
        Art::ALLE.iter().map(|a| (a.code().to_string(), a.label().to_string())).collect();
    let mut tfs = vec![(String::new(), "– kein Themenfeld –".to_string())];
    tfs.extend(themenfelder.into_iter().map(|(id, n)| (id.to_string(), n)));
    let mut orte = vec![(String::new(), "– keine Kommune (online oder außerhalb NRW) –".to_string())];
    orte.extend(kommunen.into_iter().map(|k| (k.ags.clone(), format!("{} ({})", k.name, k.kreis))));
    let anmeldungen: Vec<(String, String)> =
        Anmeldung::ALLE.iter().map(|a| (a.code().to_string(), a.label().to_string())).collect();
    view! {
        <Wahl name="art" label="Art" optionen=arten wert=e.art.clone() fehler=f("art") />
        <Feld name="titel" label="Titel" pflicht=true wert=e.titel.clone() fehler=f("titel") />
        <Feld
            name="termin"
            label="Termin"
            pflicht=true
            wert=e.termin.clone()
            hinweis="So genau, wie er feststeht: 03.12.2019 10:00–16:00, 03.12.2019, 18.10.2019–19.10.2019, 12.2019 oder Q1 2020."
            fehler=f("termin")
        />
        <Feld name="termin_hinweis" label="Hinweis zum Termin" wert=e.termin_hinweis.clone() hinweis="z. B. „voraussichtlich 12.12.“" fehler=f("termin_hinweis") />
        <Wahl name="themenfeld" label="Themenfeld" optionen=tfs wert=e.themenfeld.clone() fehler=f("themenfeld") />
        <Feld name="ort" label="Ort" wert=e.ort.clone() hinweis="Haus und Raum, z. B. „FHDW Mettmann“." fehler=f("ort") />
        <Wahl name="kommune_ags" label="Kommune des Veranstaltungsorts" optionen=orte wert=e.kommune_ags.clone() fehler=f("kommune_ags") />
        <Feld name="online_url" label="Link zur Online-Teilnahme" typ="url" wert=e.online_url.clone() hinweis="Nur angemeldete Teilnehmende mit Platz sehen ihn." fehler=f("online_url") />
        <Feld name="anmeldung_extern" label="Anmeldung beim Veranstalter (Adresse)" typ="url" wert=e.anmeldung_extern.clone() fehler=f("anmeldung_extern") />
        <Wahl name="anmeldung" label="Anmeldung im Portal" optionen=anmeldungen wert=e.anmeldung.clone() fehler=f("anmeldung") />
        <Feld name="plaetze" label="Plätze" wert=e.plaetze.clone() hinweis="Leer: unbegrenzt. Wer keinen Platz bekommt, kommt auf die Warteliste und rückt automatisch nach." fehler=f("plaetze") />
        <Feld name="abmeldeschluss" label="Abmeldung möglich bis" wert=e.abmeldeschluss.clone() hinweis="Ein Tag wie 30.11.2019; leer: bis zur Veranstaltung." fehler=f("abmeldeschluss") />
        <Textfeld name="beschreibung" label="Beschreibung" wert=e.beschreibung.clone() hinweis="Absätze durch eine Leerzeile trennen." fehler=f("beschreibung") />
        <Textfeld name="agenda" label="Agenda" wert=e.agenda.clone() hinweis="Ein Punkt je Zeile." fehler=f("agenda") />
        {(!neu).then(|| {
            let an = e.abgesagt.is_some();
            view! {
                <div class="feld">
                    <label class="auswahl"><input type="checkbox" name="abgesagt" checked=an />" Veranstaltung abgesagt"</label>
                    <p class="feld-hinweis">"Abgesagte Veranstaltungen bleiben sichtbar; abonnierte Kalender tragen sie aus."</p>
                </div>
            }
        })}
    }
}
