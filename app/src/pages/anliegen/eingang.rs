//! The coordination's inbox of "Unsere Fragen an Sie" (`/anliegen`): the requests of one status,
//! newest first, each with who sent it and a status to set (versioned: a change in between is
//! refused and the list shows the current state). Names and contacts are personal: only the
//! coordination reads this page, and it is never cached.

use crate::api::anliegen::{AnliegenStatus, anliegen_liste};
use crate::components::formular::{Ergebnis, FormularStatus};
use crate::components::laden::Laden;
use crate::error::AppError;
use crate::model::anliegen::{Anliegen, Art, Status};
use crate::model::konto::zeit_anzeigen;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Eingang() -> impl IntoView {
    let status =
        crate::components::adresse::suchparameter("status").and_then(|s| Status::aus_code(&s)).unwrap_or_default();
    let setzen = ServerAction::<AnliegenStatus>::new();
    let stand = RwSignal::new(0usize);
    Effect::new(move || {
        if matches!(setzen.value().get(), Some(Ok(_)) | Some(Err(AppError::Konflikt(_)))) {
            stand.update(|n| *n += 1);
        }
    });
    let liste = Resource::new(move || stand.get(), move |_| anliegen_liste(status.code().to_string()));
    let ergebnis: Ergebnis<i64> = Signal::derive(move || setzen.value().get());
    view! {
        <Title text="Eingang: Unsere Fragen an Sie" />
        <h1>"Eingang: Unsere Fragen an Sie"</h1>
        <p>"Was Leserinnen und Leser auf den Themenfeld-Seiten senden. Nur für die Koordination; erledigte Nachrichten werden nach einem Jahr gelöscht."</p>
        <FormularStatus ergebnis erfolg="Der Status wurde gespeichert." />
        <Laden daten=liste bleibend=true fehlertitel="Eingang" inhalt=move |(eintraege, zahlen)| view! {
            <Reiter aktuell=status zahlen />
            {eintraege.is_empty().then(|| view! { <p>{format!("Keine Nachrichten mit dem Status „{}“.", status.label())}</p> })}
            <ul class="mitteilungen anliegen-liste">
                {eintraege.into_iter().map(|a| view! { <Eintrag a setzen /> }).collect_view()}
            </ul>
        } />
    }
}

/// One link per status with its count; the current one marked.
#[component]
fn Reiter(aktuell: Status, zahlen: Vec<(Status, i64)>) -> impl IntoView {
    view! {
        <nav aria-label="Status" class="reiter">
            <ul>
                {zahlen
                    .into_iter()
                    .map(|(s, n)| {
                        let href = crate::pfad::gefiltert(crate::pfad::ANLIEGEN, &[("status", s.code())]);
                        let jetzt = (s == aktuell).then_some("page");
                        view! { <li><a href=href aria-current=jetzt>{format!("{} ({n})", s.label())}</a></li> }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn Eintrag(a: Anliegen, setzen: ServerAction<AnliegenStatus>) -> impl IntoView {
    let id_status = format!("anliegen-{}-status", a.id);
    let mailto = format!("mailto:{}", a.kontakt);
    let knopf = format!("Status von Nr. {} speichern", a.id);
    let absender = match (a.mit_konto, a.organisation.is_empty()) {
        (true, true) => format!("{} (Konto)", a.name),
        (true, false) => format!("{} ({}, Konto)", a.name, a.organisation),
        (false, _) => format!("{} ({})", a.name, a.organisation),
    };
    view! {
        <li class="mitteilung">
            <h2 class="mitteilung-titel">
                {format!("Nr. {} – {}", a.id, a.art.label())} " · Themenfeld "
                <a href=crate::pfad::themenfeld(&a.themenfeld_slug)>{a.themenfeld.clone()}</a>
            </h2>
            <p class="mitteilung-kopf">{format!("Eingegangen am {}", zeit_anzeigen(a.erstellt_ms))}</p>
            <dl class="steckbrief">
                <dt>"Von"</dt>
                <dd>{absender} " – " <a href=mailto>{a.kontakt.clone()}</a></dd>
                {(a.art == Art::Person).then(|| view! { <dt>"Aktive Person"</dt><dd class="vorformatiert">{a.person.clone()}</dd> })}
                {(!a.nachricht.is_empty()).then(|| view! { <dt>"Nachricht"</dt><dd class="vorformatiert">{a.nachricht.clone()}</dd> })}
            </dl>
            <ActionForm action=setzen attr:class="formular-zeile">
                <input type="hidden" name="id" value=a.id />
                <input type="hidden" name="version" value=a.version />
                <label for=id_status.clone()>"Status"</label>
                <select id=id_status name="status">
                    {Status::ALLE
                        .into_iter()
                        .map(|s| view! { <option value=s.code() selected=s == a.status>{s.label()}</option> })
                        .collect_view()}
                </select>
                <button type="submit" class="knopf-klein" aria-label=knopf>"Speichern"</button>
            </ActionForm>
        </li>
    }
}
