//! One Veranstaltung: date as precise as known, place, agenda, seats; the Anmeldung for
//! logged-in people (themselves and colleagues of their Kommune), the participant list for the
//! coordination. Seats change live while the page is open.

use super::{TerminText, plaetze_text};
use crate::api::veranstaltung::{
    ErgebnisLoesen, ErgebnisVerknuepfen, TeilnahmeAbmelden, TeilnahmeAnmelden, veranstaltung_laden,
};
use crate::components::formular::{Ergebnis, FormularStatus};
use crate::components::live::{LiveStatus, Nachricht, abonnieren};
use crate::components::status::{Fehler, Laedt};
use crate::model::veranstaltung::{Teilnahme, Veranstaltung, VeranstaltungSeite};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page for a logged-in person (an island): reloads its data when this event changes.
#[component]
pub fn VeranstaltungLive() -> impl IntoView {
    view! { <Veranstaltungsseite live=true /> }
}

/// The page; with `live` it listens to the live events itself (the public page is reloaded by
/// the region around it instead).
#[component]
pub fn Veranstaltungsseite(#[prop(optional)] live: bool) -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1);
    let anmelden = ServerAction::<TeilnahmeAnmelden>::new();
    let abmelden = ServerAction::<TeilnahmeAbmelden>::new();
    let verknuepfen = ServerAction::<ErgebnisVerknuepfen>::new();
    let loesen = ServerAction::<ErgebnisLoesen>::new();
    let stand = RwSignal::new(0usize);
    let eigene_id = id.clone();
    let verbindung = live.then(|| {
        abonnieren(move |n| match n {
            Nachricht::Ereignis(e) if e.art == crate::model::live::VERANSTALTUNG && e.objekt_id == eigene_id => {
                stand.update(|s| *s += 1)
            }
            Nachricht::NeuLaden => stand.update(|s| *s += 1),
            _ => {}
        })
    });
    let daten = Resource::new(
        move || {
            let aktionen = [
                anmelden.version().get(),
                abmelden.version().get(),
                verknuepfen.version().get(),
                loesen.version().get(),
            ];
            (id.clone(), aktionen, stand.get())
        },
        |(id, ..)| veranstaltung_laden(id),
    );
    view! {
        <Transition fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                match daten.await {
                    Ok(s) => view! { <Inhalt s anmelden abmelden verknuepfen loesen /> }.into_any(),
                    Err(e) => view! { <Title text="Veranstaltung" /> <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Transition>
        {verbindung.map(|zustand| view! { <LiveStatus zustand /> })}
    }
}

#[component]
fn Inhalt(
    s: VeranstaltungSeite,
    anmelden: ServerAction<TeilnahmeAnmelden>,
    abmelden: ServerAction<TeilnahmeAbmelden>,
    verknuepfen: ServerAction<ErgebnisVerknuepfen>,
    loesen: ServerAction<ErgebnisLoesen>,
) -> impl IntoView {
    let v = s.veranstaltung.clone();
    view! {
        <Title text=v.titel.clone() />
        <crate::components::status::Brotkrumen
            wege=vec![(crate::pfad::VERANSTALTUNGEN.to_string(), "Veranstaltungen".to_string())]
            aktuell=v.titel.clone()
        />
        <h1>{v.titel.clone()}</h1>
        {v.abgesagt.then(|| view! {
            <p class="hinweis-kasten warnung" role="status"><strong>"Diese Veranstaltung ist abgesagt."</strong></p>
        })}
        {s.verwalten.then(|| view! {
            <p class="knopfleiste"><a class="knopf-zweit" href=crate::pfad::veranstaltung_bearbeiten(v.id)>"Veranstaltung bearbeiten"</a></p>
        })}
        <Angaben v=v.clone() online_url=s.ich.as_ref().and_then(|i| i.online_url.clone()) angemeldet=s.ich.is_some() />
        {v.beschreibung.clone().map(|b| view! {
            <section aria-labelledby="beschreibung-titel">
                <h2 id="beschreibung-titel">"Beschreibung"</h2>
                {b.split("\n\n").map(|absatz| view! { <p>{absatz.to_string()}</p> }).collect_view()}
            </section>
        })}
        {(!v.agenda.is_empty()).then(|| view! {
            <section aria-labelledby="agenda-titel">
                <h2 id="agenda-titel">"Agenda"</h2>
                <ol class="agenda">{v.agenda.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ol>
            </section>
        })}
        <section aria-labelledby="unterlagen-titel">
            <h2 id="unterlagen-titel">"Unterlagen"</h2>
            <crate::pages::dokument::DokumenteZu art=crate::model::dokument::BezugArt::Veranstaltung schluessel=v.id.to_string() />
        </section>
        <crate::pages::forum::bezug::ThemenZu art=crate::model::forum::BezugArt::Veranstaltung ziel=v.id.to_string() />
        {(s.verwalten && v.art == crate::model::veranstaltung::Art::Workshop && !v.abgesagt).then(|| view! {
            <crate::pages::workshop::starten::SitzungStarten veranstaltung=v.id />
        })}
        <super::ergebnis::Ergebnisse s=s.clone() verknuepfen loesen />
        <Anmeldung s=s.clone() anmelden abmelden />
        <Teilnehmende s />
    }
}

#[component]
fn Angaben(v: Veranstaltung, online_url: Option<String>, angemeldet: bool) -> impl IntoView {
    let ort = match (&v.ort, &v.kommune) {
        (o, Some((ags, name, kreis_ags, kreis))) => view! {
            {o.clone().map(|o| format!("{o}, "))}
            <a href=crate::pfad::kommune(ags)>{name.clone()}</a>
            {(kreis != name).then(|| view! { " (" <a href=crate::pfad::kreis(kreis_ags)>{kreis.clone()}</a> ")" })}
        }
        .into_any(),
        (Some(o), None) => o.clone().into_any(),
        (None, None) => crate::pages::oder_nicht_erfasst(None),
    };
    let online = match (v.online, online_url) {
        (false, _) => None,
        (true, Some(u)) => Some(view! { <a href=u.clone() rel="external noopener">{u.clone()}</a> }.into_any()),
        (true, None) if angemeldet => {
            Some("Den Link erhalten Sie mit einem Platz (nicht auf der Warteliste).".into_any())
        }
        (true, None) => Some("Den Link sehen angemeldete Teilnehmende.".into_any()),
    };
    view! {
        <dl class="steckbrief">
            <dt>"Art"</dt>
            <dd>{v.art.label()}</dd>
            <dt>"Termin"</dt>
            <dd>
                <TerminText v=v.clone() />
                " · "
                <a href=crate::pfad::kalender_veranstaltung(v.id) rel="external" download>"In den eigenen Kalender (iCal)"</a>
            </dd>
            {v.themenfeld.clone().map(|(_, n, slug)| view! {
                <dt>"Themenfeld"</dt>
                <dd><a href=crate::pfad::themenfeld(slug)>{n}</a></dd>
            })}
            <dt>"Ort"</dt>
            <dd>{ort}</dd>
            {online.map(|o| view! { <dt>"Online-Teilnahme"</dt> <dd>{o}</dd> })}
            <dt>"Anmeldung"</dt>
            <dd>
                {plaetze_text(&v)}
                {v.anmeldung_extern.clone().map(|u| view! {
                    " – " <a href=u.clone() rel="external noopener nofollow">"Anmeldung beim Veranstalter: " {u.clone()}</a>
                })}
            </dd>
            {v.abmeldeschluss.map(|d| view! { <dt>"Abmeldung bis"</dt> <dd>{d.format("%d.%m.%Y").to_string()}</dd> })}
            <dt>"Quelle"</dt>
            <dd>{v.quelle.clone()}</dd>
        </dl>
    }
}

/// Register or cancel, for oneself and for colleagues of the own Kommune.
#[component]
fn Anmeldung(
    s: VeranstaltungSeite,
    anmelden: ServerAction<TeilnahmeAnmelden>,
    abmelden: ServerAction<TeilnahmeAbmelden>,
) -> impl IntoView {
    let v = s.veranstaltung.clone();
    let heute = s.heute;
    let offen = v.anmeldbar(heute);
    let Some(ich) = s.ich.clone() else {
        return offen
            .then(|| {
                let ziel = crate::pfad::anmelden(&crate::pfad::veranstaltung(v.id));
                view! {
                    <section aria-labelledby="anmeldung-titel">
                        <h2 id="anmeldung-titel">"Teilnehmen"</h2>
                        <p><a href=ziel>"Melden Sie sich im Portal an"</a>", um sich für diese Veranstaltung anzumelden."</p>
                    </section>
                }
            })
            .into_any();
    };
    if !offen && ich.status.is_none() && s.kollegen.iter().all(|k| k.2.is_none()) {
        return ().into_any();
    }
    let ergebnis_an: Ergebnis<Teilnahme> = Signal::derive(move || anmelden.value().get());
    let ergebnis_ab: Ergebnis<()> = Signal::derive(move || abmelden.value().get());
    let abmeldbar = v.abmeldbar(heute) || s.verwalten;
    let id = v.id;
    let ausgebucht = v.ausgebucht();
    view! {
        <section aria-labelledby="anmeldung-titel" class="anmeldung">
            <h2 id="anmeldung-titel">"Ihre Anmeldung"</h2>
            <p class="anmeldestatus">
                {match ich.status {
                    Some(t) => format!("Sie sind {}.", t.anzeigen()),
                    None => "Sie sind nicht angemeldet.".to_string(),
                }}
            </p>
            {match ich.status {
                Some(_) if abmeldbar => view! {
                    <ActionForm action=abmelden attr:class="formular-knopf">
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="knopf-zweit">"Teilnahme absagen"</button>
                    </ActionForm>
                }.into_any(),
                Some(_) => view! { <p>"Die Frist zur Abmeldung ist abgelaufen; bitte wenden Sie sich an die Koordination."</p> }.into_any(),
                None if offen => view! {
                    <ActionForm action=anmelden attr:class="formular-knopf">
                        <input type="hidden" name="id" value=id />
                        <button type="submit" class="knopf">{if ausgebucht { "Auf die Warteliste setzen" } else { "Jetzt anmelden" }}</button>
                    </ActionForm>
                }.into_any(),
                None => ().into_any(),
            }}
            {(!s.kollegen.is_empty()).then(|| view! {
                <Kollegen kollegen=s.kollegen.clone() id offen abmeldbar anmelden abmelden />
            })}
            <FormularStatus ergebnis=ergebnis_an erfolg="Die Anmeldung ist gespeichert." />
            <FormularStatus ergebnis=ergebnis_ab erfolg="Die Teilnahme ist abgesagt." />
        </section>
    }
    .into_any()
}

#[component]
fn Kollegen(
    kollegen: Vec<(i64, String, Option<Teilnahme>)>,
    id: i64,
    offen: bool,
    abmeldbar: bool,
    anmelden: ServerAction<TeilnahmeAnmelden>,
    abmelden: ServerAction<TeilnahmeAbmelden>,
) -> impl IntoView {
    view! {
        <h3>"Kolleginnen und Kollegen Ihrer Kommune"</h3>
        <ul class="kollegen">
            {kollegen.into_iter().map(|(k, name, status)| {
                let (ab, an) = (format!("Teilnahme von {name} absagen"), format!("{name} anmelden"));
                let knopf = match status {
                    Some(_) if abmeldbar => view! {
                        <ActionForm action=abmelden attr:class="formular-knopf">
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="fuer" value=k />
                            <button type="submit" class="knopf-klein">{ab}</button>
                        </ActionForm>
                    }.into_any(),
                    None if offen => view! {
                        <ActionForm action=anmelden attr:class="formular-knopf">
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="fuer" value=k />
                            <button type="submit" class="knopf-klein">{an}</button>
                        </ActionForm>
                    }.into_any(),
                    _ => ().into_any(),
                };
                view! {
                    <li>
                        {name.clone()} ": " {status.map(|t| t.anzeigen()).unwrap_or_else(|| "nicht angemeldet".into())}
                        " " {knopf}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// Who comes: Kommunen for everyone; names for logged-in readers; the full list with status,
/// e-mail and export for the coordination.
#[component]
fn Teilnehmende(s: VeranstaltungSeite) -> impl IntoView {
    let v = &s.veranstaltung;
    if v.belegt == 0 && v.warteliste == 0 {
        return ().into_any();
    }
    let kommunen = (!s.kommunen_vertreten.is_empty()).then(|| {
        view! { <p>"Vertretene Kommunen: " {s.kommunen_vertreten.join(", ")}</p> }
    });
    let liste = (!s.teilnehmende.is_empty()).then(|| {
        let verwalten = s.verwalten;
        view! {
            <crate::components::tabelle::Tabellenrahmen titel="Angemeldete Personen">
                <table class="katalog-tabelle">
                    <caption class="sr-only">"Angemeldete Personen"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Kommune"</th>
                            {verwalten.then(|| view! { <th scope="col">"E-Mail"</th> <th scope="col">"Status"</th> })}
                        </tr>
                    </thead>
                    <tbody>
                        {s.teilnehmende.iter().map(|t| view! {
                            <tr>
                                <td>{t.name.clone()}</td>
                                <td>{t.kommune.clone()}</td>
                                {verwalten.then(|| view! { <td>{t.email.clone()}</td> <td>{t.status.anzeigen()}</td> })}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </crate::components::tabelle::Tabellenrahmen>
        }
    });
    let export = s.verwalten.then(|| {
        view! {
            <p>
                "Teilnehmerliste herunterladen: "
                <a href=crate::pfad::teilnehmende_export(v.id, "csv") download rel="external">"CSV"</a>
                " · "
                <a href=crate::pfad::teilnehmende_export(v.id, "xlsx") download rel="external">"Excel (XLSX)"</a>
            </p>
        }
    });
    view! {
        <section aria-labelledby="teilnehmende-titel">
            <h2 id="teilnehmende-titel">"Teilnehmende"</h2>
            <p>{format!("{} angemeldet", v.belegt)} {(v.warteliste > 0).then(|| format!(", {} auf der Warteliste", v.warteliste))} "."</p>
            {kommunen}
            {liste}
            {export}
        </section>
    }
    .into_any()
}
