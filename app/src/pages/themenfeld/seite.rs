//! One Themenfeld: Lebenslagen with their OZG-Leistungen, coordination, workshops (Veranstaltungen), labs.

use crate::api::themenfeld::{LaborAnlegen, LaborSpeichern, ThemenfeldSpeichern, themenfeld_laden};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, fehler_fuer};
use crate::components::konto::darf;
use crate::components::laden::LadenMitKonto;
use crate::components::protokoll::DatensatzProtokoll;
use crate::components::status::zahl;
use crate::components::tabelle::Tabellenrahmen;
use crate::error::AppError;
use crate::model::kommune::Ansprechperson;
use crate::model::konto::{Angemeldet, Recht};
use crate::model::leistung::{LABOR_STATUS, Labor, LebenslageMitLeistungen, Themenfeld, ThemenfeldSeite as Daten};
use crate::model::veranstaltung::Veranstaltung;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// Edit state that must survive a reload of the page data.
#[derive(Clone, Copy)]
struct Bearbeitung {
    aktion: ServerAction<ThemenfeldSpeichern>,
    labor: ServerAction<LaborSpeichern>,
    labor_neu: ServerAction<LaborAnlegen>,
    offen: RwSignal<bool>,
    /// Changes after a save or a conflict: page data and log load anew.
    stand: RwSignal<usize>,
}

#[component]
pub fn ThemenfeldSeite() -> impl IntoView {
    let slug = crate::components::adresse::pfad_teil(1);
    let slug = move || slug.clone();
    let b = Bearbeitung {
        aktion: ServerAction::new(),
        labor: ServerAction::new(),
        labor_neu: ServerAction::new(),
        offen: RwSignal::new(false),
        stand: RwSignal::new(0),
    };
    Effect::new(move || {
        let labor = matches!(b.labor.value().get(), Some(Ok(_)) | Some(Err(AppError::Konflikt(_))));
        if labor || matches!(b.labor_neu.value().get(), Some(Ok(_))) {
            b.stand.update(|n| *n += 1);
        }
    });
    Effect::new(move || match b.aktion.value().get() {
        Some(Ok(_)) => {
            b.offen.set(false);
            b.stand.update(|n| *n += 1);
        }
        // Show the current data; the form stays open with the message.
        Some(Err(AppError::Konflikt(_))) => b.stand.update(|n| *n += 1),
        _ => {}
    });
    let daten = Resource::new(move || (slug(), b.stand.get()), |(s, _)| themenfeld_laden(s));
    view! {
        // Transition: after a save the old page stays visible until the new data is there.
        <LadenMitKonto daten bleibend=true fehlertitel="Themenfeld" inhalt=move |d, person| view! { <Inhalt d person b /> } />
    }
}

fn kontakt_anzeigen(k: Ansprechperson) -> impl IntoView {
    view! {
        <span class="kontakt">
            {k.funktion.map(|f| view! { <span class="hinweis">{f}</span> })}
            {k.telefon.map(|t| {
                let href = format!("tel:{}", t.replace([' ', '(', ')', '-', '/'], ""));
                view! { <span>"Telefon: " <a href=href>{t}</a></span> }
            })}
            {k.mobil.map(|t| view! { <span>"Mobil: " {t}</span> })}
            {k.email.map(|e| view! { <span>"E-Mail: " <a href=format!("mailto:{e}")>{e.clone()}</a></span> })}
        </span>
    }
}

#[component]
fn Inhalt(d: Daten, person: Option<Angemeldet>, b: Bearbeitung) -> impl IntoView {
    let t = d.themenfeld;
    let bearbeitbar = darf(&person, Recht::ThemenfeldBearbeiten);
    let protokoll = darf(&person, Recht::ProtokollLesen);
    let zustaendigkeit_pflegen = darf(&person, Recht::ZustaendigkeitPflegen);
    let angemeldet = person.is_some();
    let formular_t = t.clone();
    let anzahl_leistungen: usize = d.lebenslagen.iter().map(|l| l.leistungen.len()).sum();
    view! {
        <Title text=t.name.clone() />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::LANDKARTE.to_string(), "Themenfeld-Landkarte".to_string())] aktuell=t.name.clone() />
        <h1>{t.name.clone()}</h1>
        <crate::components::folgen::Folgen art=crate::model::infoverteiler::AboArt::Themenfeld ziel=t.id.to_string() />
        <dl class="steckbrief">
            <dt>"Themenfeld-Koordination"</dt>
            <dd>
                {crate::pages::oder_nicht_erfasst(t.koordination.clone())}
                {match (d.kontakt, angemeldet, t.koordination.is_some()) {
                    (Some(k), _, _) => kontakt_anzeigen(k).into_any(),
                    (None, false, true) => view! { <span class="hinweis">" – Kontaktdaten nach Anmeldung"</span> }.into_any(),
                    _ => ().into_any(),
                }}
            </dd>
            <dt>"Umfang"</dt>
            <dd>
                {format!(
                    "{} Lebenslagen, {} OZG-Leistungen, {} LeiKa-Leistungen",
                    d.lebenslagen.len(),
                    anzahl_leistungen,
                    zahl(d.leika_gesamt),
                )}
            </dd>
            <dt>"Quelle"</dt>
            <dd class="quelle">{t.quelle.clone()}</dd>
        </dl>
        {bearbeitbar.then(|| view! { <Bearbeiten t=formular_t b /> })}
        <p>
            <a href=crate::pfad::gefiltert(crate::pfad::LEISTUNGEN, &[("tf", &t.id.to_string())])>"Diese Leistungen im Katalog filtern und exportieren"</a>
            " · "
            <a href=crate::pfad::zustaendigkeit(&t.slug)>
                {if zustaendigkeit_pflegen { "Zuständigkeit je Größenklasse bearbeiten" } else { "Zuständigkeit je Größenklasse" }}
            </a>
        </p>
        <section aria-labelledby="tf-aktuelles">
            <h2 id="tf-aktuelles">"Aktuelles"</h2>
            <crate::pages::aktuelles::Neueste themenfeld=(t.id, t.slug.clone()) anzahl=3 />
        </section>
        <section aria-labelledby="tf-dokumente">
            <h2 id="tf-dokumente">"Dokumente und Links"</h2>
            <crate::pages::dokument::DokumenteZu art=crate::model::dokument::BezugArt::Themenfeld schluessel=t.id.to_string() />
        </section>
        <Workshops veranstaltungen=d.veranstaltungen heute=d.heute id=t.id slug=t.slug.clone() />
        <Lebenslagen lebenslagen=d.lebenslagen />
        <Loesungen themenfeld_id=t.id onlinedienste=d.onlinedienste steckbriefe=d.steckbriefe in_pruefung=d.in_pruefung />
        <Labore labore=d.labore slug=t.slug.clone() bearbeitbar b />
        {if angemeldet {
            view! { <crate::pages::anliegen::fragen::FragenAnSie themenfeld_id=t.id angemeldet=true /> }.into_any()
        } else {
            view! { <crate::pages::anliegen::fragen::FragenAnSieInsel themenfeld_id=t.id /> }.into_any()
        }}
        {protokoll.then(|| view! { <DatensatzProtokoll art="themenfeld" id=t.slug.clone() neu_laden=b.stand /> })}
    }
}

/// The field's Themenfeld-Workshops: the next one first, then the past ones; other events of
/// the field and the calendar feed one link away.
#[component]
fn Workshops(veranstaltungen: Vec<Veranstaltung>, heute: chrono::NaiveDate, id: i64, slug: String) -> impl IntoView {
    let (vorbei, kommend): (Vec<Veranstaltung>, Vec<Veranstaltung>) = veranstaltungen
        .into_iter()
        .filter(|v| v.art == crate::model::veranstaltung::Art::Workshop)
        .partition(|v| v.termin.vorbei(heute));
    let eintrag = |v: Veranstaltung| {
        view! {
            <li>
                <a href=crate::pfad::veranstaltung(v.id)>{v.titel.clone()}</a>
                ": "
                <crate::pages::veranstaltung::TerminText v=v.clone() />
                {v.ort_text().map(|o| format!(", {o}"))}
                {v.abgesagt.then(|| view! { " " <strong class="marke-abgesagt">"abgesagt"</strong> })}
            </li>
        }
    };
    let naechster = kommend.into_iter().find(|v| !v.abgesagt);
    view! {
        <section aria-labelledby="workshops-titel">
            <h2 id="workshops-titel">"Themenfeld-Workshops"</h2>
            {match naechster {
                Some(v) => view! { <p>"Nächster Workshop: "</p> <ul class="workshops">{eintrag(v)}</ul> }.into_any(),
                None => view! { <p>"Ein nächster Workshop ist nicht angekündigt."</p> }.into_any(),
            }}
            {(!vorbei.is_empty()).then(|| view! {
                <h3>"Vergangene Workshops"</h3>
                <ul class="workshops">{vorbei.into_iter().rev().map(eintrag).collect_view()}</ul>
            })}
            <p>
                <a href=crate::pfad::gefiltert(crate::pfad::VERANSTALTUNGEN, &[("tf", &id.to_string())])>"Alle Veranstaltungen des Themenfelds"</a>
                " · "
                <a href=crate::pfad::kalender_themenfeld(&slug) rel="external">"Termine des Themenfelds abonnieren (iCal)"</a>
            </p>
        </section>
    }
}

/// The Lebenslagen of the field with their OZG-Leistungen.
#[component]
fn Lebenslagen(lebenslagen: Vec<LebenslageMitLeistungen>) -> impl IntoView {
    view! {
        <section aria-labelledby="lebenslagen">
            <h2 id="lebenslagen">"Lebenslagen und OZG-Leistungen"</h2>
            {if lebenslagen.is_empty() {
                view! { <p>"Der KDN-Katalog ordnet diesem Themenfeld keine OZG-Leistungen zu."</p> }.into_any()
            } else {
                view! {
                    <Tabellenrahmen titel="Lebenslagen">
                        <table class="lebenslagen">
                            <caption class="sr-only">"Lebenslagen mit ihren OZG-Leistungen und der Zahl der LeiKa-Leistungen"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Lebenslage"</th>
                                    <th scope="col">"OZG-Leistung (Anzahl LeiKa-Leistungen)"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {lebenslagen
                                    .into_iter()
                                    .map(|ll| {
                                        view! {
                                            <tr>
                                                <th scope="row">{ll.name}</th>
                                                <td>
                                                    <ul class="leistungsliste">
                                                        {ll.leistungen
                                                            .into_iter()
                                                            .map(|l| {
                                                                view! {
                                                                    <li>
                                                                        <a href=crate::pfad::leistung(l.ozg_id)>{l.name}</a>
                                                                        {format!(" ({})", l.leika_anzahl)}
                                                                    </li>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </ul>
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </Tabellenrahmen>
                }
                    .into_any()
            }}
        </section>
    }
}

/// Online services and Steckbriefe of the field (those in review only for who may see them).
#[component]
fn Loesungen(
    themenfeld_id: i64,
    onlinedienste: i64,
    steckbriefe: Vec<(i64, String, String)>,
    in_pruefung: Vec<(i64, String, String)>,
) -> impl IntoView {
    view! {
        <section aria-labelledby="loesungen">
            <h2 id="loesungen">"Online-Lösungen"</h2>
            <p>
                <a href=crate::pfad::gefiltert(crate::pfad::LOESUNGEN, &[("tf", &themenfeld_id.to_string())])>
                    {format!("{} Online-Dienste in der Lösungsdatenbank", zahl(onlinedienste))}
                </a>
                " decken Leistungen dieses Themenfelds ab."
            </p>
            <h3>"Steckbriefe kommunaler Lösungen"</h3>
            {if steckbriefe.is_empty() {
                view! { <p>"Aktuell noch keine veröffentlicht."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {steckbriefe
                            .iter()
                            .map(|(id, name, org)| {
                                view! { <li><a href=crate::pfad::loesung(id)>{name.clone()}</a> {format!(" – {org}")}</li> }
                            })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {(!in_pruefung.is_empty()).then(|| view! {
                <h3>"Eingereichte Steckbriefe in Prüfung"</h3>
                <p class="hinweis">"Nur für Angemeldete sichtbar, bis die Koordination sie veröffentlicht."</p>
                <ul>
                    {in_pruefung
                        .iter()
                        .map(|(id, name, org)| {
                            view! {
                                <li>
                                    <a href=crate::pfad::steckbrief(id)>{name.clone()}</a>
                                    {format!(" – {org}")}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            })}
            <p>
                "Kennen Sie einen guten kommunalen Online-Dienst in diesem Themenfeld? "
                <a href=crate::pfad::STECKBRIEF_NEU>"Steckbrief einreichen"</a>
            </p>
        </section>
    }
}

/// The Digitalisierungslabore of the field, editable by the coordination.
#[component]
fn Labore(labore: Vec<Labor>, slug: String, bearbeitbar: bool, b: Bearbeitung) -> impl IntoView {
    view! {
        <section aria-labelledby="labore">
            <h2 id="labore">"Digitalisierungslabore"</h2>
            {if labore.is_empty() {
                view! { <p>"Für dieses Themenfeld sind keine Digitalisierungslabore erfasst."</p> }.into_any()
            } else {
                view! { <LaborListe labore=labore.clone() verlinkt=true /> }.into_any()
            }}
            {bearbeitbar.then(|| view! { <LaboreBearbeiten labore slug b /> })}
        </section>
    }
}

/// Coordinators: the edit button, and the form it opens.
#[component]
fn Bearbeiten(t: Themenfeld, b: Bearbeitung) -> impl IntoView {
    let gespeichert = move || matches!(b.aktion.value().get(), Some(Ok(_))).then_some("Änderungen gespeichert.");
    view! {
        <div class="bearbeiten">
            <p class="formular-status" role="status">{gespeichert}</p>
            <Show
                when=move || b.offen.get()
                fallback=move || {
                    view! {
                        <button type="button" class="knopf" on:click=move |_| b.offen.set(true)>
                            "Koordination bearbeiten"
                        </button>
                    }
                }
            >
                {
                    let t = t.clone();
                    view! { <Formular t b /> }
                }
            </Show>
        </div>
    }
}

/// Digitalisierungslabore with their status; `verlinkt` links each to its OZG-Leistung.
#[component]
pub fn LaborListe(labore: Vec<crate::model::leistung::Labor>, verlinkt: bool) -> impl IntoView {
    view! {
        <ul class="labore">
            {labore
                .into_iter()
                .map(|l| {
                    let titel = match l.ozg_id.filter(|_| verlinkt) {
                        Some(id) => view! { <a href=crate::pfad::leistung(id)>{l.titel.clone()}</a> }.into_any(),
                        None => l.titel.clone().into_any(),
                    };
                    view! {
                        <li id=format!("labor-{}", l.id)>
                            {titel}
                            <span class=format!("status status-{}", l.status)>{l.status.clone()}</span>
                            {l.hinweis.map(|h| view! { <span class="hinweis">{h}</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn Formular(t: Themenfeld, b: Bearbeitung) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || b.aktion.value().get());
    view! {
                <section aria-labelledby="bearbeiten-titel" class="bearbeiten-formular">
                    <h2 id="bearbeiten-titel">"Koordination bearbeiten"</h2>
                    <ActionForm action=b.aktion attr:class="formular" attr:novalidate=true>
                        <input type="hidden" name="slug" value=t.slug.clone() />
                        <input type="hidden" name="version" value=t.version />
                        <Feld name="koordination" label="Themenfeld-Koordination" wert=t.koordination.clone().unwrap_or_default() fehler=fehler_fuer(ergebnis, "koordination") />
                        <p class="feld-hinweis">
                            "Workshops des Themenfelds sind Veranstaltungen: "
                            <a href=crate::pfad::VERANSTALTUNG_NEU>"Neue Veranstaltung ankündigen"</a>
                        </p>
                        <FormularStatus ergebnis erfolg="" />
                        <div class="knopfleiste">
                            <button type="submit" class="knopf">"Speichern"</button>
                            <button type="button" class="knopf-zweit" on:click=move |_| b.offen.set(false)>"Abbrechen"</button>
                        </div>
                    </ActionForm>
                </section>
    }
}

/// Coordinators: status and note of each lab, and a new lab.
#[component]
fn LaboreBearbeiten(labore: Vec<Labor>, slug: String, b: Bearbeitung) -> impl IntoView {
    let ergebnis: Ergebnis<()> = Signal::derive(move || b.labor.value().get());
    let neu: Ergebnis<i64> = Signal::derive(move || b.labor_neu.value().get());
    view! {
        <details class="labore-bearbeiten">
            <summary>"Labore bearbeiten"</summary>
            <FormularStatus ergebnis erfolg="Das Labor wurde gespeichert." />
            <ul class="personen">
                {labore
                    .into_iter()
                    .map(|l| {
                        let p = format!("labor{}-", l.id);
                        view! {
                            <li class="person">
                                <ActionForm action=b.labor attr:class="formular" attr:novalidate=true>
                                    <fieldset>
                                        <legend>{l.titel.clone()}</legend>
                                        <input type="hidden" name="id" value=l.id />
                                        <input type="hidden" name="version" value=l.version />
                                        <StatusAuswahl id=format!("{p}status") gewaehlt=l.status.clone() />
                                        <Feld name="hinweis" label="Hinweis" praefix=p.clone() wert=l.hinweis.clone().unwrap_or_default() fehler=fehler_fuer(ergebnis, "hinweis") />
                                        <button type="submit" class="knopf-klein">{format!("{} speichern", l.titel)}</button>
                                    </fieldset>
                                </ActionForm>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <h3>"Neues Labor"</h3>
            <ActionForm action=b.labor_neu attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="slug" value=slug />
                <Feld name="titel" label="Titel" pflicht=true praefix="labor-neu-" fehler=fehler_fuer(neu, "titel") />
                <Feld name="ozg_id" label="OZG-ID der Leistung" praefix="labor-neu-" hinweis="Fünf Ziffern, z. B. 10513; leer lassen, wenn keine einzelne Leistung gemeint ist." fehler=fehler_fuer(neu, "ozg_id") />
                <StatusAuswahl id="labor-neu-status".to_string() gewaehlt="geplant".to_string() />
                <Feld name="hinweis" label="Hinweis" praefix="labor-neu-" fehler=fehler_fuer(neu, "hinweis") />
                <FormularStatus ergebnis=neu erfolg="Das Labor wurde angelegt." />
                <button type="submit" class="knopf">"Labor anlegen"</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn StatusAuswahl(id: String, gewaehlt: String) -> impl IntoView {
    view! {
        <div class="feld">
            <label for=id.clone()>"Status"</label>
            <select id=id name="status">
                {LABOR_STATUS
                    .into_iter()
                    .map(|s| view! { <option value=s selected=s == gewaehlt>{s}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
