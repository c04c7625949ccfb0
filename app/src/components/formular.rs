//! Form parts: a labelled field with its own error message, and the status line of a form.
//! Messages from the server land at the field they concern (`AppError::Eingabe`), everything
//! else in the form's alert line.

use crate::error::AppError;
use leptos::prelude::*;

/// The latest result of a server action, as a signal.
pub type Ergebnis<T> = Signal<Option<Result<T, AppError>>>;

// Why every read below is a `try_`: a `Transition` keeps the old view on screen while the new
// one loads, but the old view's owner – and with it the signals derived there – is already
// disposed. An action finishing in that moment (a live page reloads just then) notifies the old
// view's effects; a plain read would panic, a `try_` read shows nothing until the new view is in.

/// The field's message, or none (also while the view is being replaced).
pub fn feldmeldung(fehler: Signal<Option<String>>) -> Option<String> {
    fehler.try_get().flatten()
}

/// Whether the field has a message (see [`feldmeldung`]).
pub fn hat_fehler(fehler: Signal<Option<String>>) -> bool {
    fehler.try_with(Option::is_some).unwrap_or(false)
}

/// The message for one field from the latest result.
pub fn fehler_fuer<T: Send + Sync + Clone + 'static>(
    ergebnis: Ergebnis<T>,
    feld: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        ergebnis.try_with(|e| e.as_ref().and_then(|r| r.as_ref().err()).and_then(|e| e.zum_feld(feld))).flatten()
    })
}

/// [`fehler_fuer`] for a field named at run time (one per table row).
pub fn fehler_der_zeile<T: Send + Sync + Clone + 'static>(
    ergebnis: Ergebnis<T>,
    feld: String,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        ergebnis.try_with(|e| e.as_ref().and_then(|r| r.as_ref().err()).and_then(|e| e.zum_feld(&feld))).flatten()
    })
}

#[component]
pub fn Feld(
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] typ: &'static str,
    #[prop(optional, into)] wert: String,
    #[prop(into)] fehler: Signal<Option<String>>,
    #[prop(optional)] pflicht: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] hinweis: Option<String>,
    /// Distinguishes the ids when one page holds several forms with the same fields.
    #[prop(optional, into)]
    praefix: String,
) -> impl IntoView {
    let id = format!("{praefix}{name}");
    let hinweis_id = format!("{id}-hinweis");
    let meldung_id = format!("{id}-meldung");
    let hat_hinweis = hinweis.is_some();
    let beschrieben = {
        let (h, m) = (hinweis_id.clone(), meldung_id.clone());
        move || {
            let mut ids = vec![];
            if hat_hinweis {
                ids.push(h.clone());
            }
            if hat_fehler(fehler) {
                ids.push(m.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="feld" class:feld-mit-fehler=move || hat_fehler(fehler)>
            <label for=id.clone()>
                {label}
                {pflicht.then(|| view! { <span class="pflicht" aria-hidden="true">" *"</span> })}
            </label>
            {hinweis.map(|h| view! { <p class="feld-hinweis" id=hinweis_id.clone()>{h}</p> })}
            <input
                id=id.clone()
                name=name
                type=typ
                value=wert
                autocomplete=autocomplete
                aria-required=pflicht.then_some("true")
                aria-invalid=move || hat_fehler(fehler).then_some("true")
                aria-describedby=beschrieben
            />
            {move || feldmeldung(fehler).map(|m| view! { <p class="feld-meldung" id=meldung_id.clone()>{m}</p> })}
        </div>
    }
}

/// Result line of a form: errors that belong to no single field as an alert, success as a
/// status message. The status element is always in the page, so screen readers announce it.
#[component]
pub fn FormularStatus<T: Send + Sync + Clone + 'static>(
    ergebnis: Ergebnis<T>,
    #[prop(into)] erfolg: String,
) -> impl IntoView {
    let allgemein = move || {
        ergebnis
            .try_with(|e| match e {
                Some(Err(AppError::Eingabe(_))) => {
                    Some("Bitte prüfen Sie die markierten Felder. Es wurde nichts gespeichert.".to_string())
                }
                Some(Err(e)) => Some(e.to_string()),
                _ => None,
            })
            .flatten()
    };
    let ok = move || ergebnis.try_with(|e| matches!(e, Some(Ok(_)))).unwrap_or(false).then(|| erfolg.clone());
    view! {
        {move || allgemein().map(|m| view! { <p class="formular-fehler" role="alert">{m}</p> })}
        <p class="formular-status" role="status">{ok}</p>
    }
}

/// A select with its label and message.
#[component]
pub fn Wahl(
    name: &'static str,
    label: &'static str,
    optionen: Vec<(String, String)>,
    wert: String,
    fehler: Signal<Option<String>>,
) -> impl IntoView {
    let meldung = format!("{name}-meldung");
    view! {
        <div class="feld" class:feld-mit-fehler=move || hat_fehler(fehler)>
            <label for=name>{label}</label>
            <select id=name name=name aria-describedby={let m = meldung.clone(); move || hat_fehler(fehler).then(|| m.clone())}>
                {optionen.into_iter().map(|(w, l)| { let an = w == wert; view! { <option value=w selected=an>{l}</option> } }).collect_view()}
            </select>
            {move || feldmeldung(fehler).map(|m| view! { <p class="feld-meldung" id=meldung.clone()>{m}</p> })}
        </div>
    }
}

/// A group of radio buttons with its own error message.
#[component]
pub fn Optionen(
    name: &'static str,
    legende: &'static str,
    optionen: Vec<(&'static str, &'static str)>,
    /// The value checked at first ("" = "keine Angabe").
    gewaehlt: String,
    #[prop(into)] fehler: Signal<Option<String>>,
) -> impl IntoView {
    let meldung_id = format!("{name}-meldung");
    let mid = meldung_id.clone();
    view! {
        <fieldset
            class="feld auswahl-gruppe"
            class:feld-mit-fehler=move || hat_fehler(fehler)
            aria-describedby=move || hat_fehler(fehler).then(|| mid.clone())
        >
            <legend>{legende}</legend>
            {optionen
                .into_iter()
                .map(|(wert, label)| {
                    view! {
                        <label class="auswahl">
                            <input type="radio" name=name value=wert checked=wert == gewaehlt />
                            " " {label}
                        </label>
                    }
                })
                .collect_view()}
            {move || feldmeldung(fehler).map(|m| view! { <p class="feld-meldung" id=meldung_id.clone()>{m}</p> })}
        </fieldset>
    }
}

/// A multi-line text with its label, hint and message.
#[component]
pub fn Textfeld(
    name: &'static str,
    label: &'static str,
    wert: String,
    hinweis: &'static str,
    fehler: Signal<Option<String>>,
    #[prop(default = 4)] zeilen: u32,
    #[prop(optional)] pflicht: bool,
    /// Distinguishes the ids when one page holds several forms with the same fields.
    #[prop(optional, into)]
    praefix: String,
) -> impl IntoView {
    let id = format!("{praefix}{name}");
    let (h, m) = (format!("{id}-hinweis"), format!("{id}-meldung"));
    let beschrieben = {
        let (h, m) = (h.clone(), m.clone());
        move || if hat_fehler(fehler) { format!("{h} {m}") } else { h.clone() }
    };
    view! {
        <div class="feld" class:feld-mit-fehler=move || hat_fehler(fehler)>
            <label for=id.clone()>
                {label}
                {pflicht.then(|| view! { <span class="pflicht" aria-hidden="true">" *"</span> })}
            </label>
            <p class="feld-hinweis" id=h>{hinweis}</p>
            <textarea id=id name=name rows=zeilen required=pflicht aria-describedby=beschrieben aria-invalid=move || hat_fehler(fehler).then_some("true")>{wert}</textarea>
            {move || feldmeldung(fehler).map(|t| view! { <p class="feld-meldung" id=m.clone()>{t}</p> })}
        </div>
    }
}
