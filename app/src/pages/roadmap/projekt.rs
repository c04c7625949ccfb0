//! One Umsetzungsprojekt: phases, Themenfelder, Leistungen, the date form for coordinators (the
//! non-drag way to change the roadmap) and the project's history.

use crate::api::roadmap::{
    ProjektArchivieren, ProjektRueckgaengig, ProjektSpeichern, ProjektStammdatenSpeichern, projekt_laden,
    themenfelder_liste,
};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, fehler_fuer};
use crate::components::konto::{darf, konto};
use crate::components::protokoll::DatensatzProtokoll;
use crate::components::status::{Fehler, Laedt};
use crate::error::AppError;
use crate::model::konto::{Angemeldet, Recht};
use crate::model::roadmap::{Phase, Projekt, monat};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ProjektSeite() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1);
    let id = move || id.clone();
    let aktion = ServerAction::<ProjektSpeichern>::new();
    let zurueck = ServerAction::<ProjektRueckgaengig>::new();
    let stand = RwSignal::new(0usize);
    Effect::new(move || {
        if matches!(aktion.value().get(), Some(Ok(_)) | Some(Err(AppError::Konflikt(_)))) {
            stand.update(|n| *n += 1);
        }
    });
    let stamm = ServerAction::<ProjektStammdatenSpeichern>::new();
    let archiv = ServerAction::<ProjektArchivieren>::new();
    Effect::new(move || {
        if matches!(zurueck.value().get(), Some(Ok(_)))
            || matches!(stamm.value().get(), Some(Ok(_)) | Some(Err(AppError::Konflikt(_))))
            || matches!(archiv.value().get(), Some(Ok(_)) | Some(Err(AppError::Konflikt(_))))
        {
            stand.update(|n| *n += 1);
        }
    });
    let tfs = Resource::new(|| (), |_| themenfelder_liste());
    let daten = Resource::new(move || (id(), stand.get()), |(i, _)| projekt_laden(i));
    view! {
        <Transition fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                let person = konto().await;
                let themenfelder = tfs.await.unwrap_or_default();
                match daten.await {
                    Ok(p) => view! { <Inhalt p person aktion zurueck stamm archiv themenfelder stand /> }.into_any(),
                    Err(e) => view! { <Title text="Umsetzungsprojekt" /> <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Inhalt(
    p: Projekt,
    person: Option<Angemeldet>,
    aktion: ServerAction<ProjektSpeichern>,
    zurueck: ServerAction<ProjektRueckgaengig>,
    stamm: ServerAction<ProjektStammdatenSpeichern>,
    archiv: ServerAction<ProjektArchivieren>,
    themenfelder: Vec<(i64, String)>,
    stand: RwSignal<usize>,
) -> impl IntoView {
    let bearbeitbar = darf(&person, Recht::RoadmapBearbeiten);
    let protokoll = darf(&person, Recht::ProtokollLesen);
    let warnungen = p.phasen.hinweise();
    let formular = p.clone();
    view! {
        <Title text=p.name.clone() />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::ROADMAP.to_string(), "Roadmap".to_string())] aktuell=p.name.clone() />
        <h1>{p.name.clone()}</h1>
        {p.archiviert.then(|| view! {
            <div class="warnung" role="note">
                <p>
                    "Dieses Umsetzungsprojekt ist archiviert: Es erscheint nicht mehr in Roadmap und Zeitachse. "
                    "Daten und Verlauf bleiben erhalten; die Koordination kann es wiederherstellen."
                </p>
            </div>
        })}
        <crate::components::folgen::Folgen art=crate::model::infoverteiler::AboArt::Projekt ziel=p.id.to_string() />
        <dl class="steckbrief">
            <dt>"Umsetzungsstatus (heute)"</dt>
            <dd>{p.status.label()}</dd>
            <dt>"Themenfelder"</dt>
            <dd>
                {p.themenfelder
                    .iter()
                    .map(|(_, n, slug)| view! { <a href=crate::pfad::themenfeld(slug)>{n.clone()}</a> " " })
                    .collect_view()}
            </dd>
            <dt>"OZG-Leistungen"</dt>
            <dd>
                {if p.leistungen.is_empty() {
                    view! { <span class="nicht-erfasst">"nicht zugeordnet"</span> }.into_any()
                } else {
                    p.leistungen
                        .iter()
                        .map(|(id, n)| view! { <a href=crate::pfad::leistung(id)>{format!("{id} {n}")}</a> " " })
                        .collect_view()
                        .into_any()
                }}
            </dd>
            {Phase::ALLE
                .into_iter()
                .map(|ph| {
                    view! {
                        <dt>{ph.label()}</dt>
                        <dd>{p.phasen.beginn(ph).map(monat).unwrap_or_else(|| "nicht geplant".into())}</dd>
                    }
                })
                .collect_view()}
            <dt>"Quelle"</dt>
            <dd class="quelle">{p.quelle.clone()}</dd>
        </dl>
        {(!warnungen.is_empty()).then(|| view! {
            <div class="warnung" role="note">
                <h2>"Datenqualität"</h2>
                <ul>{warnungen.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                <p>"So steht es in der Quelle. Die Koordination kann die Monate unten korrigieren."</p>
            </div>
        })}
        <crate::pages::forum::bezug::ThemenZu art=crate::model::forum::BezugArt::Projekt ziel=p.id.to_string() />
        {bearbeitbar.then(|| view! {
            <Formular p=formular.clone() aktion />
            <Rueckgaengig p=formular.clone() zurueck />
            <Stammdaten p=formular.clone() stamm themenfelder />
            <Archivieren p=formular archiv />
        })}
        {protokoll.then(|| view! { <DatensatzProtokoll art="projekt" id=p.id.to_string() neu_laden=stand /> })}
    }
}

#[component]
fn Formular(p: Projekt, aktion: ServerAction<ProjektSpeichern>) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
    view! {
        <section aria-labelledby="phasen-titel" class="bearbeiten-formular">
            <h2 id="phasen-titel">"Startmonate der Phasen ändern"</h2>
            <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="id" value=p.id />
                <input type="hidden" name="version" value=p.version />
                {Phase::ALLE
                    .into_iter()
                    .map(|ph| {
                        view! {
                            <Feld
                                name=ph.code()
                                label=ph.label()
                                typ="month"
                                hinweis="Monat und Jahr, z. B. 12.2021; leer: Phase nicht geplant."
                                wert=p.phasen.beginn(ph).map(|d| d.format("%Y-%m").to_string()).unwrap_or_default()
                                fehler=fehler_fuer(ergebnis, ph.code())
                            />
                        }
                    })
                    .collect_view()}
                <FormularStatus ergebnis erfolg="Die Phasen wurden gespeichert." />
                <div class="knopfleiste">
                    <button type="submit" class="knopf">"Phasen speichern"</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// Undo of the person's own newest change; the server refuses if someone else changed the
/// project since, and says so.
#[component]
fn Rueckgaengig(p: Projekt, zurueck: ServerAction<ProjektRueckgaengig>) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || zurueck.value().get());
    view! {
        <ActionForm action=zurueck attr:class="formular-zeile">
            <input type="hidden" name="id" value=p.id />
            <input type="hidden" name="version" value=p.version />
            <button type="submit" class="knopf-zweit">"Meine letzte Änderung rückgängig machen"</button>
            <FormularStatus ergebnis erfolg="Ihre letzte Änderung wurde rückgängig gemacht." />
        </ActionForm>
    }
}

/// Archive, or restore an archived project (also the undo right after archiving: the page shows
/// the restore button in the same place, with the message).
#[component]
fn Archivieren(p: Projekt, archiv: ServerAction<ProjektArchivieren>) -> impl IntoView {
    // Success shows once this view is the saved one (the old view stays up while the page
    // reloads, and would name the wrong step).
    let version = p.version;
    let ergebnis: Ergebnis<i64> =
        Signal::derive(move || archiv.value().get().filter(|r| !matches!(r, Ok(v) if *v != version)));
    let (knopf, erfolg, hinweis) = if p.archiviert {
        (
            "Wiederherstellen",
            "Das Projekt ist archiviert. „Wiederherstellen“ macht das rückgängig.",
            "Das Projekt kehrt mit allen Daten in Roadmap und Zeitachse zurück.",
        )
    } else {
        (
            "Projekt archivieren",
            "Das Projekt ist wiederhergestellt und wieder in Roadmap und Zeitachse.",
            "Archivieren löscht nichts: Das Projekt verschwindet aus Roadmap und Zeitachse, seine Seite und sein Verlauf bleiben, und Sie können es wiederherstellen.",
        )
    };
    view! {
        <section aria-labelledby="archiv-titel" class="bearbeiten-formular">
            <h2 id="archiv-titel">{if p.archiviert { "Archiviert" } else { "Archivieren" }}</h2>
            <ActionForm action=archiv attr:class="formular-zeile">
                <input type="hidden" name="id" value=p.id />
                <input type="hidden" name="version" value=p.version />
                <input type="hidden" name="archivieren" value=(!p.archiviert).to_string() />
                <p class="hinweis">{hinweis}</p>
                <button type="submit" class="knopf-zweit">{knopf}</button>
                <FormularStatus ergebnis erfolg />
            </ActionForm>
        </section>
    }
}

#[component]
fn Stammdaten(
    p: Projekt,
    stamm: ServerAction<ProjektStammdatenSpeichern>,
    themenfelder: Vec<(i64, String)>,
) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || stamm.value().get());
    view! {
        <section aria-labelledby="stamm-titel" class="bearbeiten-formular">
            <h2 id="stamm-titel">"Stammdaten ändern"</h2>
            <ActionForm action=stamm attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="id" value=p.id />
                <input type="hidden" name="version" value=p.version />
                <crate::pages::roadmap::neu::StammdatenFelder p=Some(p) themenfelder ergebnis />
                <FormularStatus ergebnis erfolg="Die Stammdaten wurden gespeichert." />
                <div class="knopfleiste">
                    <button type="submit" class="knopf">"Stammdaten speichern"</button>
                </div>
            </ActionForm>
        </section>
    }
}
