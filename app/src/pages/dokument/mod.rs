//! Dokumente und Links: the library with facets (`liste`), one document with its files side by
//! side and the upload of a new Fassung (`seite`), the coordination's form (`formular`), and the
//! list of documents on the pages of a Leistung, Themenfeld or Veranstaltung ([`DokumenteZu`]).

pub mod formular;
pub mod liste;
pub mod seite;

use crate::model::dokument::{BezugArt, Dokument, datei_pfad};
use leptos::prelude::*;

/// The download link of a document's newest file, or its link.
#[component]
pub fn Abruf(d: Dokument) -> impl IntoView {
    match (d.fassungen.first().cloned(), d.link.clone()) {
        (Some(f), _) => view! {
            <a href=datei_pfad(&f) rel="external">{format!("{} ({}, {})", f.dateiname, f.format.label(), f.groesse_text())}</a>
        }
        .into_any(),
        (None, Some(l)) => view! { <a href=l.clone() rel="external noopener">{l.clone()}</a> }.into_any(),
        (None, None) => view! { <span class="leise">"noch keine Datei"</span> }.into_any(),
    }
}

/// The form field that names a link of this kind (see [`crate::pages::dokument::formular`]).
pub fn formularfeld(art: BezugArt) -> &'static str {
    match art {
        BezugArt::Leistung => "leistungen",
        BezugArt::Themenfeld => "themenfeld",
        BezugArt::Projekt => "projekt",
        BezugArt::Veranstaltung => "veranstaltung",
        BezugArt::Labor => "labor",
    }
}

/// The documents of one Leistung, Themenfeld, project or event, as a short list; for the
/// coordination a link to a new document already linked here.
#[component]
pub fn DokumenteZu(art: BezugArt, schluessel: String) -> impl IntoView {
    let neu = crate::pfad::gefiltert(crate::pfad::DOKUMENT_NEU, &[(formularfeld(art), &schluessel)]);
    let daten = Resource::new(
        move || schluessel.clone(),
        move |s| crate::api::dokument::dokumente_zu(art.code().to_string(), s),
    );
    view! {
        <crate::components::konto::NurMitRecht recht=crate::model::konto::Recht::DokumenteVerwalten>
            <p><a href=neu.clone()>"Dokument hinzufügen"</a></p>
        </crate::components::konto::NurMitRecht>
        <crate::components::laden::Laden daten inhalt={move |alle: Vec<Dokument>| {
            let (bilder, liste): (Vec<Dokument>, Vec<Dokument>) =
                alle.into_iter().partition(|d| d.art.nur_bild() && !d.fassungen.is_empty());
            let galerie = (!bilder.is_empty()).then(|| view! { <Galerie bilder /> });
            let liste = if liste.is_empty() && galerie.is_some() {
                ().into_any()
            } else if liste.is_empty() {
                view! {
                    <p>
                        "Noch keine Dokumente. Die Bibliothek nimmt Präsentationen, Protokolle, Referenzprozesse und Links auf: "
                        <a href=crate::pfad::DOKUMENTE>"Dokumente und Links"</a>
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <ul class="dokumente-kurz">
                        {liste.into_iter().map(|d| view! {
                            <li>
                                <a href=crate::pfad::dokument(d.id)>{d.titel.clone()}</a>
                                " – " {d.art.label()}
                                {d.stand().map(|s| format!(", Stand {}", s.format("%d.%m.%Y")))}
                                ": " <Abruf d=d.clone() />
                            </li>
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            };
            view! { {galerie} {liste} }
        }} />
    }
}

/// Impressionen: the pictures with their alternative text, each a link to its document.
#[component]
pub fn Galerie(bilder: Vec<Dokument>) -> impl IntoView {
    view! {
        <h3>"Impressionen aus den Laboren"</h3>
        <ul class="galerie">
            {bilder.into_iter().filter_map(|d| {
                let f = d.fassungen.first()?.clone();
                Some(view! {
                    <li>
                        <figure>
                            <img src=datei_pfad(&f) alt=d.alt_text.clone().unwrap_or_default() loading="lazy" decoding="async" />
                            <figcaption>
                                <a href=crate::pfad::dokument(d.id)>{d.titel.clone()}</a>
                                {d.bezuege.iter().find(|b| b.art == BezugArt::Labor).map(|b| format!(" – Labor {}", b.name))}
                            </figcaption>
                        </figure>
                    </li>
                })
            }).collect_view()}
        </ul>
    }
}
