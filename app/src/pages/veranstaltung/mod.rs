//! Veranstaltungen: the list with facets (`liste`), the month calendar (`kalender`), one event
//! with its Anmeldung (`seite`), the coordination's form (`formular`) and a person's own
//! registrations with their calendar feed (`meine`).

pub mod ergebnis;
pub mod formular;
pub mod kalender;
pub mod liste;
pub mod meine;
pub mod seite;

use crate::model::veranstaltung::Veranstaltung;
use leptos::prelude::*;

/// Switch between list and calendar of the same selection, plus the subscribe links.
#[component]
pub fn Ansichten(aktiv: &'static str) -> impl IntoView {
    let suche = crate::components::adresse::suche();
    // The calendar's month stays out of the list's address (and the list's page out of the calendar's).
    let ohne = |weg: &str| {
        let paare: Vec<(String, String)> = serde_urlencoded::from_str(&suche).unwrap_or_default();
        let rest: Vec<(String, String)> = paare.into_iter().filter(|(k, _)| k != weg && k != "seite").collect();
        serde_urlencoded::to_string(rest).unwrap_or_default()
    };
    let liste = crate::pfad::gefiltert_roh(crate::pfad::VERANSTALTUNGEN, &ohne("monat"));
    let kalender = crate::pfad::gefiltert_roh(crate::pfad::VERANSTALTUNGSKALENDER, &ohne("monat"));
    let neu = move || {
        Suspend::new(async move {
            let person = crate::components::konto::konto().await;
            let anlegen = crate::components::konto::darf(
                &person,
                crate::model::konto::Recht::VeranstaltungenBearbeiten,
            )
            .then(|| view! { <a class="knopf-zweit" href=crate::pfad::VERANSTALTUNG_NEU>"Neue Veranstaltung"</a> " " });
            let meine = person.is_some().then(|| {
                view! { <a class="knopf-zweit" href=crate::pfad::MEINE_VERANSTALTUNGEN>"Meine Anmeldungen"</a> }
            });
            view! { <p class="knopfleiste">{anlegen}{meine}</p> }
        })
    };
    view! {
        <Suspense fallback=|| ()>{neu}</Suspense>
        <nav aria-label="Ansicht" class="reiter ansichten">
            <a href=liste aria-current=(aktiv == "liste").then_some("page")>"Liste"</a>
            <a href=kalender aria-current=(aktiv == "kalender").then_some("page")>"Monatskalender"</a>
        </nav>
        <p class="kalender-abo">
            "Alle Termine im eigenen Kalender (Outlook, Thunderbird, Smartphone): "
            <a href=crate::pfad::KALENDER_ALLE rel="external">"Kalender abonnieren (iCal)"</a>
            ". Einzelne Themenfelder haben ihren Kalender auf ihrer Seite."
        </p>
    }
}

/// Date, with what the source adds and the precision spelled out.
#[component]
pub fn TerminText(v: Veranstaltung) -> impl IntoView {
    let genau = v.termin.genauigkeit_text();
    view! {
        <span class="termin">
            <time datetime=v.termin.von().format("%Y-%m-%d").to_string()>{v.termin.anzeigen()}</time>
            {v.termin_hinweis.map(|h| view! { <span class="termin-hinweis">" (" {h} ")"</span> })}
            {genau.map(|g| view! { <span class="leise">" – " {g}</span> })}
        </span>
    }
}

/// Seats and registration state in a few words.
pub fn plaetze_text(v: &Veranstaltung) -> String {
    use crate::model::veranstaltung::Anmeldung;
    if v.abgesagt {
        return "abgesagt".into();
    }
    match (v.anmeldung, v.plaetze) {
        (Anmeldung::Keine, _) if v.anmeldung_extern.is_some() => "Anmeldung beim Veranstalter".into(),
        (Anmeldung::Keine, _) => "ohne Anmeldung im Portal".into(),
        (Anmeldung::Geschlossen, _) => "Anmeldung geschlossen".into(),
        (Anmeldung::Offen, None) => format!("{} angemeldet, Plätze unbegrenzt", v.belegt),
        (Anmeldung::Offen, Some(_)) if v.ausgebucht() => format!("ausgebucht, {} auf der Warteliste", v.warteliste),
        (Anmeldung::Offen, Some(p)) => format!("{} von {p} Plätzen frei", v.frei().unwrap_or(0)),
    }
}
