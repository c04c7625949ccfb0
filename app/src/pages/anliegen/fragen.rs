//! The KDN deck's three questions on a Themenfeld page, each a short form that opens on demand:
//! name a person active in the field, take part or be kept informed, report a good online
//! service (a prefilled Steckbrief). What is sent reaches only the coordination.

use crate::api::anliegen::AnliegenSenden;
use crate::components::formular::{Ergebnis, Feld, Optionen, Textfeld, fehler_fuer};
use crate::error::AppError;
use crate::model::anliegen::{Art, Gesendet};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The questions for the Themenfeld `themenfeld_id`. `angemeldet`: name and e-mail come from
/// the account, and "informiert werden" is a subscription.
#[component]
pub fn FragenAnSie(themenfeld_id: i64, angemeldet: bool) -> impl IntoView {
    view! {
        <section aria-labelledby="fragen-titel" class="fragen">
            <h2 id="fragen-titel">"Unsere Fragen an Sie"</h2>
            <p>"Was Sie hier senden, liest nur die Koordination des Themenfelds; es erscheint auf keiner öffentlichen Seite."</p>
            <details class="frage">
                <summary>"1. Kennen Sie jemanden, der im Themenfeld aktiv ist?"</summary>
                <PersonFormular themenfeld_id angemeldet />
            </details>
            <details class="frage">
                <summary>"2. Haben Sie Interesse, sich zu beteiligen oder regelmäßig informiert zu werden?"</summary>
                <BeteiligenFormular themenfeld_id angemeldet />
            </details>
            <details class="frage">
                <summary>"3. Kennen Sie gute kommunale Online-Dienste im Themenfeld?"</summary>
                <DienstMelden />
            </details>
        </section>
    }
}

/// [`FragenAnSie`] as its own island, for the Themenfeld page the public gets as plain HTML.
#[island(lazy)]
pub fn FragenAnSieInsel(themenfeld_id: i64) -> impl IntoView {
    view! { <FragenAnSie themenfeld_id angemeldet=false /> }
}

#[component]
fn PersonFormular(themenfeld_id: i64, angemeldet: bool) -> impl IntoView {
    let senden = ServerAction::<AnliegenSenden>::new();
    let e: Ergebnis<Gesendet> = Signal::derive(move || senden.value().get());
    let formular = geleert_nach_erfolg(senden);
    view! {
        <ActionForm action=senden node_ref=formular attr:class="formular" attr:novalidate=true>
            <input type="hidden" name="themenfeld" value=themenfeld_id />
            <input type="hidden" name="art" value=Art::Person.code() />
            <Textfeld
                name="person"
                label="Wer ist im Themenfeld aktiv?"
                wert=String::new()
                hinweis="Name, Funktion und Kommune oder Organisation – bitte nur mit dem Einverständnis der Person."
                fehler=fehler_fuer(e, "person")
                zeilen=2
                pflicht=true
                praefix="person-"
            />
            <Textfeld
                name="nachricht"
                label="Woran arbeitet die Person? (freiwillig)"
                wert=String::new()
                hinweis="Höchstens 2000 Zeichen."
                fehler=fehler_fuer(e, "nachricht")
                praefix="person-"
            />
            {(!angemeldet).then(|| view! { <Absender e praefix="person-" /> })}
            <Quittung e />
            <div class="knopfleiste">
                <button type="submit" class="knopf">"An die Koordination senden"</button>
            </div>
        </ActionForm>
    }
}

#[component]
fn BeteiligenFormular(themenfeld_id: i64, angemeldet: bool) -> impl IntoView {
    let senden = ServerAction::<AnliegenSenden>::new();
    let e: Ergebnis<Gesendet> = Signal::derive(move || senden.value().get());
    let formular = geleert_nach_erfolg(senden);
    let (beteiligen, informiert) = if angemeldet {
        (
            "Ich möchte mich beteiligen, z. B. an den Workshops (Sie folgen dann auch dem Themenfeld).",
            "Ich möchte regelmäßig informiert werden (Sie folgen dem Themenfeld: wöchentliche Zusammenfassung per E-Mail).",
        )
    } else {
        (
            "Ich möchte mich beteiligen, z. B. an den Workshops.",
            "Ich möchte regelmäßig informiert werden – die Koordination nimmt Sie in den Verteiler auf.",
        )
    };
    view! {
        <ActionForm action=senden node_ref=formular attr:class="formular" attr:novalidate=true>
            <input type="hidden" name="themenfeld" value=themenfeld_id />
            <Optionen
                name="art"
                legende="Was möchten Sie?"
                optionen=vec![(Art::Beteiligen.code(), beteiligen), (Art::Informiert.code(), informiert)]
                gewaehlt=String::new()
                fehler=fehler_fuer(e, "art")
            />
            <Textfeld
                name="nachricht"
                label="Nachricht an die Koordination (freiwillig)"
                wert=String::new()
                hinweis="Höchstens 2000 Zeichen."
                fehler=fehler_fuer(e, "nachricht")
                praefix="beteiligen-"
            />
            {(!angemeldet).then(|| view! { <Absender e praefix="beteiligen-" /> })}
            <Quittung e />
            <div class="knopfleiste">
                <button type="submit" class="knopf">"Senden"</button>
            </div>
        </ActionForm>
    }
}

/// Who sends, when there is no account: name, Kommune, e-mail and the consent.
#[component]
fn Absender(e: Ergebnis<Gesendet>, praefix: &'static str) -> impl IntoView {
    let einwilligung = format!("{praefix}einwilligung");
    let meldung = format!("{einwilligung}-meldung");
    let fehlt = fehler_fuer(e, "einwilligung");
    view! {
        <Feld name="name" label="Ihr Name" praefix=praefix autocomplete="name" pflicht=true fehler=fehler_fuer(e, "name") />
        <Feld
            name="organisation"
            label="Kommune oder Organisation"
            praefix=praefix
            autocomplete="organization"
            pflicht=true
            fehler=fehler_fuer(e, "organisation")
        />
        <Feld
            name="email"
            label="Ihre E-Mail-Adresse"
            typ="email"
            praefix=praefix
            autocomplete="email"
            pflicht=true
            fehler=fehler_fuer(e, "email")
        />
        <div class="feld" class:feld-mit-fehler=move || fehlt.with(Option::is_some)>
            <label class="auswahl">
                <input
                    type="checkbox"
                    id=einwilligung
                    name="einwilligung"
                    value="ja"
                    aria-describedby={
                        let m = meldung.clone();
                        move || fehlt.with(Option::is_some).then(|| m.clone())
                    }
                />
                " Die Koordination darf meine Angaben speichern, um mein Anliegen zu bearbeiten (siehe Datenschutzerklärung)."
            </label>
            {move || fehlt.get().map(|m| view! { <p class="feld-meldung" id=meldung.clone()>{m}</p> })}
        </div>
    }
}

/// The receipt or what went wrong, announced without moving the focus.
#[component]
fn Quittung(e: Ergebnis<Gesendet>) -> impl IntoView {
    let fehler = move || {
        e.with(|e| match e {
            Some(Err(AppError::Eingabe(_))) => {
                Some("Bitte prüfen Sie die markierten Felder. Es wurde nichts gesendet.".to_string())
            }
            Some(Err(f)) => Some(f.to_string()),
            _ => None,
        })
    };
    let ok = move || {
        e.with(|e| match e {
            Some(Ok(g)) => g.text(),
            _ => String::new(),
        })
    };
    view! {
        {move || fehler().map(|m| view! { <p class="formular-fehler" role="alert">{m}</p> })}
        <p class="formular-status" role="status">{ok}</p>
    }
}

/// The form's node; emptied after it was sent, so a second click does not send it again.
fn geleert_nach_erfolg(senden: ServerAction<AnliegenSenden>) -> NodeRef<leptos::html::Form> {
    let formular = NodeRef::<leptos::html::Form>::new();
    Effect::new(move || {
        if matches!(senden.value().get(), Some(Ok(_)))
            && let Some(f) = formular.get_untracked()
        {
            f.reset();
        }
    });
    formular
}

/// Question 3: a Steckbrief, prefilled with what is typed here.
#[component]
fn DienstMelden() -> impl IntoView {
    let leer = Signal::derive(|| None::<String>);
    view! {
        <form method="get" action=crate::pfad::STECKBRIEF_NEU class="formular">
            <p>
                "Dann füllen Sie bitte einen Steckbrief aus: Die Koordination prüft ihn und nimmt den Dienst in die Lösungsdatenbank auf. "
                "Steckbriefe reichen Kommunen und die Koordination nach der Anmeldung ein."
            </p>
            <Feld name="dienst_name" label="Name des Online-Dienstes" praefix="dienst-" fehler=leer />
            <Feld name="url" label="Adresse des Online-Dienstes (URL)" typ="url" praefix="dienst-" fehler=leer />
            <div class="knopfleiste">
                <button type="submit" class="knopf-zweit">"Steckbrief ausfüllen"</button>
            </div>
        </form>
    }
}
