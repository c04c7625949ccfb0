//! The facilitator's controls of a session: ask (from a template or ad hoc), close the question,
//! approve free text for the room, take the voted Priorität into the catalog, end the session.
//! Every control is a plain form: it works by keyboard and without drag.

use crate::api::workshop::{
    WorkshopBeenden, WorkshopBeschliessen, WorkshopFrage, WorkshopFrageSchliessen, WorkshopFreigeben,
};
use crate::components::formular::{Ergebnis, FormularStatus, fehler_fuer};
use crate::components::status::Laedt;
use crate::model::workshop::{FrageArt, PRIORITAETEN, PrioZeile, Sitzung, VORLAGEN};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The facilitator's actions, made once by the session page: the page renders anew when the
/// session changes, and a message of an action must outlive that.
#[derive(Clone, Copy)]
pub struct Aktionen {
    pub beenden: ServerAction<WorkshopBeenden>,
    pub schliessen: ServerAction<WorkshopFrageSchliessen>,
    pub frage: ServerAction<WorkshopFrage>,
    pub freigeben: ServerAction<WorkshopFreigeben>,
    pub beschliessen: ServerAction<WorkshopBeschliessen>,
}

impl Aktionen {
    pub fn neu() -> Aktionen {
        Aktionen {
            beenden: ServerAction::new(),
            schliessen: ServerAction::new(),
            frage: ServerAction::new(),
            freigeben: ServerAction::new(),
            beschliessen: ServerAction::new(),
        }
    }
}

/// `frage_stand`: the current question's count of answers, from the live events (the results
/// load anew with it; the rest of the page does not, so a form being filled in stays).
#[component]
pub fn Leitung(s: Sitzung, aktionen: Aktionen, ergebnis: crate::components::workshop::ErgebnisLaden) -> impl IntoView {
    let code = s.code.to_string();
    let Aktionen { beenden, schliessen, .. } = aktionen;
    let offen = s.frage.as_ref().is_some_and(|f| f.offen) && !s.zustand.beendet;
    if s.zustand.beendet {
        return ().into_any();
    }
    view! {
        <section aria-labelledby="leitung-titel" class="workshop-leitung">
            <h2 id="leitung-titel">"Leitung"</h2>
            <p>
                <a href=crate::pfad::workshop_projektor(&code)>"Projektor-Ansicht öffnen"</a>
                " – auf dem Rechner am Projektor öffnen. Was Sie im Portal zeigen, zeigt er mit; "
                "die Teilnehmenden folgen, solange sie nicht selbst navigieren."
            </p>
            <p class="hinweis">
                "Beschlüsse zur Roadmap: Verschieben Sie einen Termin auf der "
                <a href=crate::pfad::ZEITACHSE>"Zeitachse"</a>
                " oder legen Sie ein "<a href=crate::pfad::ROADMAP_NEU>"neues Umsetzungsprojekt"</a>" an, während der Raum zusieht. "
                "Jede solche Änderung wird als „im Workshop beschlossen“ mit den Stimmen der aktuellen Frage vermerkt."
            </p>
            {s.frage.clone().map(|f| view! { <Auswertung code=code.clone() frage=f.id art=f.art ergebnis aktionen /> })}
            {offen.then(|| { let code = code.clone(); view! {
                <ActionForm action=schliessen attr:class="formular">
                    <input type="hidden" name="code" value=code />
                    <button type="submit" class="knopf">"Frage schließen"</button>
                </ActionForm>
            }})}
            <NeueFrage s=s.clone() aktion=aktionen.frage />
            <ActionForm action=beenden attr:class="formular">
                <input type="hidden" name="code" value=code.clone() />
                <p class="hinweis">"Beenden schließt die Fragen; Gäste verlieren den Zugang. Ergebnisse und Beschlüsse bleiben."</p>
                <button type="submit" class="knopf-gefahr">"Sitzung beenden"</button>
                <FormularStatus
                    ergebnis=Signal::derive(move || beenden.value().get())
                    erfolg="Die Sitzung ist beendet; das Protokoll liegt in der Dokumentenbibliothek."
                />
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn NeueFrage(s: Sitzung, aktion: ServerAction<WorkshopFrage>) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
    let code = s.code.to_string();
    let vorlagen = VORLAGEN
        .iter()
        .map(|(art, text, optionen)| {
            let c = code.clone();
            view! {
                <li>
                    <ActionForm action=aktion>
                        <input type="hidden" name="code" value=c />
                        <input type="hidden" name="art" value=art.code() />
                        <input type="hidden" name="text" value=*text />
                        <input type="hidden" name="optionen" value=*optionen />
                        <button type="submit" class="knopf-zweit">{format!("{}: „{text}“", art.label())}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let leistungen = s
        .leistungen
        .iter()
        .map(|(id, name)| {
            view! { <label class="auswahl"><input type="checkbox" name="leistungen[]" value=id.to_string() />{format!(" {name} ({id})")}</label> }
        })
        .collect_view();
    view! {
        <h3>"Frage an den Raum stellen"</h3>
        <p class="hinweis">"Eine neue Frage schließt die bisherige; alle Bildschirme wechseln zu ihr."</p>
        <ul class="workshop-vorlagen">{vorlagen}</ul>
        <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
            <input type="hidden" name="code" value=code />
            <crate::components::formular::Wahl
                name="art"
                label="Art der Frage"
                optionen=FrageArt::ALLE.iter().map(|a| (a.code().to_string(), a.label().to_string())).collect()
                wert="einfach".into()
                fehler=fehler_fuer(ergebnis, "art")
            />
            <crate::components::formular::Feld name="text" label="Frage" fehler=fehler_fuer(ergebnis, "text") pflicht=true praefix="frage-" />
            <crate::components::formular::Textfeld
                name="optionen"
                label="Antworten (Einfach- und Mehrfachauswahl)"
                wert=String::new()
                hinweis="Je Zeile eine Antwort, 2 bis 10."
                fehler=fehler_fuer(ergebnis, "optionen")
            />
            <details>
                <summary>"Leistungen für die Priorität (ohne Auswahl: alle des Themenfelds)"</summary>
                <fieldset>
                    <legend>"OZG-Leistungen"</legend>
                    {leistungen}
                </fieldset>
                {move || fehler_fuer(ergebnis, "leistungen").get().map(|m| view! { <p class="feld-meldung">{m}</p> })}
            </details>
            <button type="submit" class="knopf">"Frage stellen"</button>
            <FormularStatus ergebnis erfolg="Die Frage ist gestellt." />
        </ActionForm>
    }
}

/// What the facilitator does with the answers: free text to approve, Prioritäten to adopt.
#[component]
fn Auswertung(
    code: String,
    frage: i64,
    art: FrageArt,
    ergebnis: crate::components::workshop::ErgebnisLaden,
    aktionen: Aktionen,
) -> impl IntoView {
    if !matches!(art, FrageArt::Freitext | FrageArt::Prioritaet) {
        return ().into_any();
    }
    view! {
        <Transition fallback=|| view! { <Laedt /> }>
            {move || {
                let code = code.clone();
                Suspend::new(async move {
                    match ergebnis.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(e)) if e.frage_id != frage => ().into_any(),
                        Ok(Some(e)) if art == FrageArt::Freitext => view! { <Moderation code frage texte=e.freitexte aktion=aktionen.freigeben /> }.into_any(),
                        Ok(Some(e)) => view! { <Uebernahme code frage zeilen=e.prioritaeten aktion=aktionen.beschliessen /> }.into_any(),
                        Err(e) => view! { <crate::components::status::Fehler fehler=e /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
    .into_any()
}

#[component]
fn Moderation(
    code: String,
    frage: i64,
    texte: Vec<crate::model::workshop::Freitext>,
    aktion: ServerAction<WorkshopFreigeben>,
) -> impl IntoView {
    view! {
        <h3>"Antworten freigeben"</h3>
        <p class="hinweis">"Freitext erscheint für den Raum erst, wenn Sie ihn freigeben."</p>
        <ul class="workshop-moderation">
            {texte
                .into_iter()
                .map(|t| {
                    let code = code.clone();
                    let knopf = if t.freigegeben { "Verbergen" } else { "Zeigen" };
                    let vorlage = crate::model::workshop::steckbrief_vorlage(&t.text);
                    let kurz: String = t.text.chars().take(40).collect();
                    view! {
                        <li>
                            <span>{t.text.clone()}</span>
                            {t.freigegeben.then_some(" (gezeigt)")}
                            " "
                            <a href=vorlage>"Als Steckbrief vorbereiten"<span class="sr-only">{format!(": „{kurz}“")}</span></a>
                            <ActionForm action=aktion>
                                <input type="hidden" name="code" value=code />
                                <input type="hidden" name="frage" value=frage.to_string() />
                                <input type="hidden" name="teilnahme" value=t.teilnahme_id.to_string() />
                                <input type="hidden" name="zeigen" value=(!t.freigegeben).to_string() />
                                <button type="submit" class="knopf-zweit">{knopf}</button>
                            </ActionForm>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
fn Uebernahme(
    code: String,
    frage: i64,
    zeilen: Vec<PrioZeile>,
    aktion: ServerAction<WorkshopBeschliessen>,
) -> impl IntoView {
    let ergebnis: Ergebnis<()> = Signal::derive(move || aktion.value().get());
    view! {
        <h3>"Priorität in den Katalog übernehmen"</h3>
        <table class="katalog-tabelle workshop-uebernahme">
            <caption class="sr-only">"Stimmen je Leistung und Übernahme"</caption>
            <thead>
                <tr><th scope="col">"OZG-Leistung"</th><th scope="col">"Stimmen 1 / 2 / 3"</th><th scope="col">"Bisher"</th><th scope="col">"Beschluss"</th></tr>
            </thead>
            <tbody>
                {zeilen
                    .into_iter()
                    .filter(|z| z.stimmen.iter().sum::<i64>() > 0)
                    .map(|z| {
                        let code = code.clone();
                        let vorschlag = z.vorschlag().unwrap_or(2);
                        let bisher = z.aktuell.map_or("–".to_string(), |p| p.to_string());
                        let id = format!("beschluss-{}", z.ozg_id);
                        let label = format!("Priorität für {}", z.name);
                        view! {
                            <tr id=format!("leistung-{}", z.ozg_id)>
                                <th scope="row">{format!("{} ({})", z.name, z.ozg_id)}</th>
                                <td>{format!("{} / {} / {}", z.stimmen[0], z.stimmen[1], z.stimmen[2])}</td>
                                <td>{bisher}</td>
                                <td>
                                    <ActionForm action=aktion attr:class="workshop-beschluss">
                                        <input type="hidden" name="code" value=code />
                                        <input type="hidden" name="frage" value=frage.to_string() />
                                        <input type="hidden" name="ozg_id" value=z.ozg_id.to_string() />
                                        <label for=id.clone() class="sr-only">{label}</label>
                                        <select id=id name="prioritaet">
                                            {PRIORITAETEN.iter().enumerate().map(|(i, l)| {
                                                let n = i64::try_from(i).unwrap_or(0) + 1;
                                                view! { <option value=n.to_string() selected=n == vorschlag>{*l}</option> }
                                            }).collect_view()}
                                        </select>
                                        <button type="submit" class="knopf-zweit">"Übernehmen"</button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <FormularStatus ergebnis erfolg="Übernommen und im Änderungsprotokoll vermerkt." />
    }
}
