//! `/forum/{slug}`: a board's threads (pinned first, then by last activity) page by page, and
//! the form for a new thread.

use super::{Blaettern, Neu, seite_aus_adresse};
use crate::api::forum::{ThemaAnlegen, forum_brett};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, Textfeld, fehler_fuer};
use crate::components::laden::Laden;
use crate::model::forum::{BrettSeite, Thema};
use crate::model::konto::zeit_anzeigen;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn BrettSeiteAnsicht() -> impl IntoView {
    let slug = crate::components::adresse::pfad_teil(1);
    let seite = seite_aus_adresse();
    let daten = Resource::new(move || slug.clone(), move |s| forum_brett(s, seite));
    view! {
        <Laden daten fehlertitel="Forum" inhalt=|s: BrettSeite| view! { <Inhalt s /> } />
    }
}

#[component]
fn Inhalt(s: BrettSeite) -> impl IntoView {
    let b = s.brett.clone();
    let pfad = crate::pfad::forum_brett(&b.slug);
    view! {
        <Title text=b.titel.clone() />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::FORUM.to_string(), "Forum".to_string())] aktuell=b.titel.clone() />
        <h1>{b.titel.clone()}</h1>
        {b.beschreibung.clone().map(|d| view! { <p>{d}</p> })}
        <crate::components::folgen::Folgen art=crate::model::infoverteiler::AboArt::Brett ziel=b.id.to_string() />
        {b.themenfeld.clone().map(|(_, name, slug)| view! {
            <p>"Zum Themenfeld: " <a href=crate::pfad::themenfeld(&slug)>{name}</a></p>
        })}
        {if s.themen.is_empty() {
            view! { <p>"Noch keine Themen. Beginnen Sie das erste."</p> }.into_any()
        } else {
            view! { <Themen themen=s.themen.clone() /> }.into_any()
        }}
        <Blaettern pfad seite=s.seite seiten=s.seiten />
        {s.darf_schreiben.then(|| view! { <NeuesThema brett=b.slug.clone() /> })}
    }
}

/// Threads as a table; `mit_forum` adds the board of each (search results span boards).
#[component]
pub fn Themen(
    themen: Vec<Thema>,
    #[prop(optional)] mit_forum: bool,
    #[prop(default = "Themen, angeheftete zuerst, dann nach letzter Aktivität")] beschreibung: &'static str,
) -> impl IntoView {
    view! {
        <crate::components::tabelle::Tabellenrahmen titel="Themen">
            <table class="katalog-tabelle forum-tabelle">
                <caption class="sr-only">{beschreibung}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Thema"</th>
                        {mit_forum.then(|| view! { <th scope="col">"Forum"</th> })}
                        <th scope="col">"Begonnen von"</th>
                        <th scope="col">"Beiträge"</th>
                        <th scope="col">"Letzte Aktivität"</th>
                    </tr>
                </thead>
                <tbody>
                    {themen.into_iter().map(|t| view! {
                        <tr>
                            <th scope="row">
                                {t.angeheftet.then(|| view! { <span class="marke-stand">"Angeheftet"</span> " " })}
                                <a href=crate::pfad::forum_thema(t.id)>{t.betreff.clone()}</a>
                                " " <Neu anzahl=t.neu />
                                {t.gesperrt.then(|| view! { " " <span class="leise">"(geschlossen)"</span> })}
                            </th>
                            {mit_forum.then(|| view! { <td><a href=crate::pfad::forum_brett(&t.brett_slug)>{t.brett_titel.clone()}</a></td> })}
                            <td>{t.autor.clone()}</td>
                            <td>{t.beitraege}</td>
                            <td>{zeit_anzeigen(t.letzte_ms)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </crate::components::tabelle::Tabellenrahmen>
    }
}

#[component]
fn NeuesThema(brett: String) -> impl IntoView {
    let aktion = ServerAction::<ThemaAnlegen>::new();
    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
    Effect::new(move || {
        if let Some(Ok(id)) = aktion.value().get() {
            crate::components::adresse::gehe_zu(&crate::pfad::forum_thema(id));
        }
    });
    view! {
        <section aria-labelledby="neues-thema" class="bearbeiten-formular">
            <h2 id="neues-thema">"Neues Thema"</h2>
            <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="brett" value=brett />
                <Feld name="betreff" label="Betreff" pflicht=true fehler=fehler_fuer(ergebnis, "betreff") />
                <Textfeld name="text" label="Text" wert=String::new() zeilen=6 pflicht=true hinweis=MARKDOWN fehler=fehler_fuer(ergebnis, "text") />
                <FormularStatus ergebnis erfolg="Das Thema ist eröffnet." />
                <div class="knopfleiste"><button type="submit" class="knopf">"Thema eröffnen"</button></div>
            </ActionForm>
        </section>
    }
}

/// What a post may contain, said at the text field.
pub const MARKDOWN: &str = "Markdown: **fett**, *kursiv*, Listen mit „- “, Links als [Text](https://…), Zitate mit „> “. Bilder und HTML werden nicht übernommen.";
