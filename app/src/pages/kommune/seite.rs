//! Detail page of one Gemeinde.

use crate::api::kommune::{AnsprechpersonAendern, AnsprechpersonAnlegen, AnsprechpersonLoeschen, kommune_laden};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, fehler_fuer};
use crate::components::konto::darf;
use crate::components::laden::LadenMitKonto;
use crate::components::protokoll::DatensatzProtokoll;
use crate::components::status::zahl;
use crate::error::AppError;
use crate::model::kommune::{Ansprechperson, DienstleisterBezug, Groessenklasse, KommuneSeite as Daten};
use crate::model::konto::{Angemeldet, Recht};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

/// The three writes of the contact persons; their state outlives a reload of the page data.
#[derive(Clone, Copy)]
struct Aktionen {
    anlegen: ServerAction<AnsprechpersonAnlegen>,
    aendern: ServerAction<AnsprechpersonAendern>,
    loeschen: ServerAction<AnsprechpersonLoeschen>,
    stand: RwSignal<usize>,
}

#[component]
pub fn KommuneSeite() -> impl IntoView {
    let ags = crate::components::adresse::pfad_teil(1);
    let ags = move || ags.clone();
    let a = Aktionen {
        anlegen: ServerAction::new(),
        aendern: ServerAction::new(),
        loeschen: ServerAction::new(),
        stand: RwSignal::new(0),
    };
    Effect::new(move || {
        let neu = matches!(a.anlegen.value().get(), Some(Ok(_)));
        let geaendert = matches!(a.aendern.value().get(), Some(Ok(_)) | Some(Err(AppError::Konflikt(_))));
        let geloescht = matches!(a.loeschen.value().get(), Some(Ok(_)) | Some(Err(AppError::Konflikt(_))));
        if neu || geaendert || geloescht {
            a.stand.update(|n| *n += 1);
        }
    });
    let daten = Resource::new(move || (ags(), a.stand.get()), |(g, _)| kommune_laden(g));
    view! {
        <LadenMitKonto daten bleibend=true fehlertitel="Kommune" inhalt=move |d, person| view! { <Inhalt d person a /> } />
    }
}

#[component]
fn Inhalt(d: Daten, person: Option<Angemeldet>, a: Aktionen) -> impl IntoView {
    let k = d.kommune;
    let bearbeitbar = darf(&person, Recht::KommuneBearbeiten(&k.ags));
    let protokoll = darf(&person, Recht::ProtokollLesen);
    let personen = view! {
        <Ansprechpersonen
            ags=k.ags.clone()
            personen=d.ansprechpersonen
            anzahl=d.ansprechpersonen_anzahl
            bearbeitbar
            a
        />
    };
    let gk = Groessenklasse::aus_code(&k.groessenklasse).map(Groessenklasse::label).unwrap_or("unbekannt");
    view! {
        <Title text=k.name.clone() />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::KOMMUNEN.to_string(), "Kommunen".to_string()), (crate::pfad::kreis(&k.kreis_ags), k.kreis.clone())] aktuell=k.name.clone() />
        <h1>{k.name.clone()}</h1>
        <crate::components::folgen::Folgen art=crate::model::infoverteiler::AboArt::Kommune ziel=k.ags.clone() />
        <dl class="steckbrief">
            <dt>"Amtlicher Gemeindeschlüssel"</dt>
            <dd><code>{k.ags.clone()}</code></dd>
            <dt>"Größenklasse (NRW)"</dt>
            <dd>{gk} <span class="hinweis">{format!(" – laut Quelle: „{}“", k.groessenklasse_quelle)}</span></dd>
            <dt>"Gemeindetyp"</dt>
            <dd>{k.typ.clone()}</dd>
            <dt>"Kreis"</dt>
            <dd><a href=crate::pfad::kreis(&k.kreis_ags)>{format!("{} ({})", k.kreis, k.kreis_typ)}</a></dd>
            <dt>"Regierungsbezirk"</dt>
            <dd>{k.regierungsbezirk.clone()}</dd>
            <dt>"Einwohner (31.12.2021)"</dt>
            <dd>{zahl(k.einwohner)}</dd>
            <dt>"Fläche"</dt>
            <dd>{format!("{:.2} km²", k.flaeche_km2).replace('.', ",")}</dd>
            <dt>"Postleitzahl (Verwaltungssitz)"</dt>
            <dd>{k.plz.clone()}</dd>
            <dt>"Verstädterung"</dt>
            <dd>{k.verstaedterung.clone()}</dd>
        </dl>
        <crate::components::karte::KarteImKreis ags=k.ags.clone() kreis_ags=k.kreis_ags.clone() />
        <crate::pages::kommune::sicht::WasBetrifft ags=k.ags.clone() name=k.name.clone() groessenklasse=gk.to_string() />
        <crate::components::zuordnung::ThemenZuordnung ags=k.ags.clone() bearbeitbar angemeldet=person.is_some() personen_stand=a.stand />
        {personen}
        <section aria-labelledby="dl-titel">
            <h2 id="dl-titel">"IT-Dienstleister"</h2>
            <DienstleisterBezuege bezuege=d.dienstleister />
        </section>
        <crate::components::lieferung::Datenlieferung ags=k.ags.clone() bearbeitbar />
        {protokoll.then(|| view! { <DatensatzProtokoll art="ansprechperson" id=k.ags.clone() neu_laden=a.stand /> })}
    }
}

#[component]
fn Ansprechpersonen(
    ags: String,
    personen: Option<Vec<Ansprechperson>>,
    anzahl: i64,
    bearbeitbar: bool,
    a: Aktionen,
) -> impl IntoView {
    let inhalt = match personen {
        None => view! {
            <p>
                {match anzahl {
                    0 => "Für diese Kommune ist noch keine Ansprechperson hinterlegt.".to_string(),
                    1 => "Für diese Kommune ist eine Ansprechperson hinterlegt. ".to_string(),
                    n => format!("Für diese Kommune sind {n} Ansprechpersonen hinterlegt. "),
                }}
                {(anzahl > 0).then_some("Namen und Kontaktdaten sehen angemeldete Nutzerinnen und Nutzer.")}
            </p>
        }
        .into_any(),
        Some(liste) if liste.is_empty() => {
            view! { <p>"Für diese Kommune ist noch keine Ansprechperson hinterlegt."</p> }.into_any()
        }
        Some(liste) => view! {
            <ul class="personen">
                {liste.into_iter().map(|p| view! { <PersonEintrag p bearbeitbar a /> }).collect_view()}
            </ul>
        }
        .into_any(),
    };
    let ergebnis: Ergebnis<i64> = Signal::derive(move || a.anlegen.value().get());
    let anderes: Ergebnis<()> = Signal::derive(move || match (a.aendern.value().get(), a.loeschen.value().get()) {
        (Some(Err(e)), _) | (_, Some(Err(e))) if !matches!(e, AppError::Eingabe(_)) => Some(Err(e)),
        _ => None,
    });
    view! {
        <section aria-labelledby="personen-titel">
            <h2 id="personen-titel">"Ansprechpersonen"</h2>
            <FormularStatus ergebnis=anderes erfolg="" />
            {inhalt}
            {bearbeitbar.then(|| view! {
                <details class="neu-person">
                    <summary>"Ansprechperson hinzufügen"</summary>
                    <ActionForm action=a.anlegen attr:class="formular" attr:novalidate=true>
                        <input type="hidden" name="ags" value=ags.clone() />
                        <PersonFelder p=None praefix="neu-".into() ergebnis />
                        <FormularStatus ergebnis erfolg="Die Ansprechperson wurde hinzugefügt." />
                        <div class="knopfleiste">
                            <button type="submit" class="knopf">"Hinzufügen"</button>
                        </div>
                    </ActionForm>
                </details>
            })}
        </section>
    }
}

#[component]
fn PersonFelder<T: Send + Sync + Clone + 'static>(
    p: Option<Ansprechperson>,
    praefix: String,
    ergebnis: Ergebnis<T>,
) -> impl IntoView {
    let w = |f: fn(&Ansprechperson) -> Option<String>| p.as_ref().and_then(f).unwrap_or_default();
    view! {
        <Feld name="name" label="Name" pflicht=true praefix=praefix.clone() wert=w(|p| Some(p.name.clone())) fehler=fehler_fuer(ergebnis, "name") />
        <Feld name="funktion" label="Funktion" praefix=praefix.clone() wert=w(|p| p.funktion.clone()) fehler=fehler_fuer(ergebnis, "funktion") />
        <Feld name="telefon" label="Telefon" typ="tel" praefix=praefix.clone() wert=w(|p| p.telefon.clone()) fehler=fehler_fuer(ergebnis, "telefon") />
        <Feld name="email" label="E-Mail-Adresse" typ="email" praefix=praefix wert=w(|p| p.email.clone()) fehler=fehler_fuer(ergebnis, "email") />
    }
}

#[component]
fn PersonEintrag(p: Ansprechperson, bearbeitbar: bool, a: Aktionen) -> impl IntoView {
    let offen = RwSignal::new(false);
    let ergebnis: Ergebnis<()> = Signal::derive(move || a.aendern.value().get());
    let praefix = format!("p{}-", p.id);
    let name = p.name.clone();
    let entfernen = format!("{} entfernen", p.name);
    let (id, version) = (p.id, p.version);
    let fuer_formular = p.clone();
    view! {
        <li class="person">
            <strong>{p.name.clone()}</strong>
            {p.funktion.clone().map(|f| view! { <span class="hinweis">{format!(" – {f}")}</span> })}
            <span class="kontakt">
                {p.telefon.clone().map(|t| view! { <span>"Telefon: " {t}</span> })}
                {p.email.clone().map(|e| view! { <span>"E-Mail: " <a href=format!("mailto:{e}")>{e.clone()}</a></span> })}
            </span>
            {bearbeitbar.then(|| view! {
                <div class="knopfleiste">
                    <button type="button" class="knopf-klein" aria-expanded=move || if offen.get() { "true" } else { "false" } on:click=move |_| offen.update(|o| *o = !*o)>
                        {format!("{name} bearbeiten")}
                    </button>
                    <ActionForm action=a.loeschen attr:class="inline">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=version />
                        <button type="submit" class="knopf-klein knopf-gefahr">{entfernen}</button>
                    </ActionForm>
                </div>
                <Show when=move || offen.get()>
                    {
                        let (p, praefix) = (fuer_formular.clone(), praefix.clone());
                        view! { <PersonFormular p praefix a ergebnis /> }
                    }
                </Show>
            })}
        </li>
    }
}

/// Providers named for the Kreis, each with the wording and source of the claim.
#[component]
pub fn DienstleisterBezuege(bezuege: Vec<DienstleisterBezug>) -> impl IntoView {
    if bezuege.is_empty() {
        return view! {
            <p>"Für diesen Kreis nennt keine der erfassten Quellen einen IT-Dienstleister."</p>
        }
        .into_any();
    }
    view! {
        <p class="hinweis">"Die Quellen nennen die Mitgliedschaft auf Kreisebene; einzelne Kommunen können abweichen."</p>
        <ul class="bezuege">
            {bezuege
                .into_iter()
                .map(|b| {
                    view! {
                        <li>
                            <a href=crate::pfad::dienstleister(b.dienstleister_id)>{b.dienstleister}</a>
                            {format!(": {} ({}). Stand: {}. ", b.bezeichnung, b.art, b.stand)}
                            <a href=b.quelle_url rel="external noopener noreferrer">"Quelle"</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn PersonFormular(p: Ansprechperson, praefix: String, a: Aktionen, ergebnis: Ergebnis<()>) -> impl IntoView {
    view! {
        <ActionForm action=a.aendern attr:class="formular" attr:novalidate=true>
            <input type="hidden" name="id" value=p.id />
            <input type="hidden" name="version" value=p.version />
            <PersonFelder p=Some(p.clone()) praefix ergebnis />
            <div class="knopfleiste">
                <button type="submit" class="knopf">"Speichern"</button>
            </div>
        </ActionForm>
    }
}
