//! The month calendar: a table of weeks (Monday first), each event on its days; events known
//! only to the month or quarter stand above the grid, never on an invented day. Previous and
//! next month are links, so the calendar works by keyboard and without JavaScript; the list's
//! filters in the address apply here too.

use super::{Ansichten, TerminText};
use crate::api::veranstaltung::{Kalender, veranstaltungskalender};
use crate::components::laden::Laden;
use crate::components::teilseite::Teilseite;
use crate::model::veranstaltung::Veranstaltung;
use crate::model::veranstaltung::termin::{monatsname, wochentag};
use chrono::{Datelike, Days, Months, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;

const TAGE: [&str; 7] = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"];

#[component]
pub fn Veranstaltungskalender() -> impl IntoView {
    let suche = crate::components::adresse::suche();
    let daten = Resource::new(move || suche.clone(), veranstaltungskalender);
    view! {
        <Title text="Veranstaltungskalender" />
        <h1>"Veranstaltungskalender"</h1>
        <Ansichten aktiv="kalender" />
        <Teilseite live=true>
            <Laden daten bleibend=true fehlertitel="Veranstaltungskalender" inhalt=|k: Kalender| view! { <Monat k /> } />
        </Teilseite>
    }
}

/// The address of another month with the same filters.
fn monat_href(jahr: i32, monat: u32) -> String {
    let suche = crate::components::adresse::suche();
    let mut paare: Vec<(String, String)> = serde_urlencoded::from_str::<Vec<(String, String)>>(&suche)
        .unwrap_or_default()
        .into_iter()
        .filter(|(k, _)| k != "monat")
        .collect();
    paare.push(("monat".into(), format!("{jahr}-{monat:02}")));
    crate::pfad::gefiltert_roh(
        crate::pfad::VERANSTALTUNGSKALENDER,
        &serde_urlencoded::to_string(paare).unwrap_or_default(),
    )
}

#[component]
fn Monat(k: Kalender) -> impl IntoView {
    let erster = NaiveDate::from_ymd_opt(k.jahr, k.monat, 1).unwrap_or(k.heute);
    let vorher = erster.checked_sub_months(Months::new(1)).unwrap_or(erster);
    let nachher = erster.checked_add_months(Months::new(1)).unwrap_or(erster);
    let titel = format!("{} {}", monatsname(k.monat), k.jahr);
    let (mit_tag, ohne_tag): (Vec<Veranstaltung>, Vec<Veranstaltung>) =
        k.veranstaltungen.into_iter().partition(|v| v.termin.hat_tag());
    let leer = mit_tag.is_empty() && ohne_tag.is_empty();
    view! {
        <nav class="kalender-navigation" aria-label="Monat wechseln">
            <a href=monat_href(vorher.year(), vorher.month()) rel="prev">
                "‹ " {format!("{} {}", monatsname(vorher.month()), vorher.year())}
            </a>
            <h2 id="kalender-titel" aria-live="polite">{titel.clone()}</h2>
            <a href=monat_href(nachher.year(), nachher.month()) rel="next">
                {format!("{} {}", monatsname(nachher.month()), nachher.year())} " ›"
            </a>
            <a href=monat_href(k.heute.year(), k.heute.month())>"Aktueller Monat"</a>
        </nav>
        {(!ohne_tag.is_empty()).then(|| view! {
            <section class="ohne-tag" aria-labelledby="ohne-tag-titel">
                <h3 id="ohne-tag-titel">"In diesem Zeitraum, Tag noch nicht festgelegt"</h3>
                <ul>
                    {ohne_tag.into_iter().map(|v| view! {
                        <li><a href=crate::pfad::veranstaltung(v.id)>{v.titel.clone()}</a> ": " <TerminText v /></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {leer.then(|| view! { <p class="hinweis-kasten">"In diesem Monat ist keine Veranstaltung eingetragen."</p> })}
        <crate::components::tabelle::Tabellenrahmen titel="Monatskalender">
            <table class="kalender" aria-labelledby="kalender-titel">
                <thead>
                    <tr>
                        {TAGE.iter().map(|t| view! { <th scope="col" abbr=*t>{&t[..2]}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{wochen(erster, k.heute, &mit_tag)}</tbody>
            </table>
        </crate::components::tabelle::Tabellenrahmen>
    }
}

/// The weeks of the month as table rows; days of the neighbouring months stay empty.
fn wochen(erster: NaiveDate, heute: NaiveDate, veranstaltungen: &[Veranstaltung]) -> Vec<AnyView> {
    let start = erster - Days::new(u64::from(erster.weekday().num_days_from_monday()));
    let mut zeilen = vec![];
    let mut tag = start;
    while tag.month() == erster.month() || tag < erster {
        let woche: Vec<AnyView> = (0..7)
            .map(|_| {
                let d = tag;
                tag = tag + Days::new(1);
                if d.month() != erster.month() {
                    return view! { <td class="kalender-leer"></td> }.into_any();
                }
                let an_dem: Vec<Veranstaltung> =
                    veranstaltungen.iter().filter(|v| v.termin.von() <= d && v.termin.bis() >= d).cloned().collect();
                view! { <Tag d heute an_dem /> }.into_any()
            })
            .collect();
        zeilen.push(view! { <tr>{woche}</tr> }.into_any());
    }
    zeilen
}

#[component]
fn Tag(d: NaiveDate, heute: NaiveDate, an_dem: Vec<Veranstaltung>) -> impl IntoView {
    let hat = !an_dem.is_empty();
    view! {
        <td class:kalender-heute=d == heute class:kalender-belegt=hat aria-current=(d == heute).then_some("date")>
            <span class="kalender-tag">
                <span aria-hidden="true">{d.day()}</span>
                <span class="sr-only">{format!("{} {}", wochentag(d), d.format("%d.%m.%Y"))}</span>
            </span>
            {hat.then(|| view! {
                <ul>
                    {an_dem.into_iter().map(|v| view! {
                        <li class:abgesagt=v.abgesagt>
                            <a href=crate::pfad::veranstaltung(v.id)>
                                {v.termin.zeiten().0.map(|z| format!("{z} "))}
                                {v.titel.clone()}
                                {v.abgesagt.then_some(" (abgesagt)")}
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </td>
    }
}
