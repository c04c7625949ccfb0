//! A thread's links to what it is about (OZG-Leistung, project, event, Steckbrief): listed under
//! the posts; its author (while open) and the moderation add one by pasting the page's address
//! and remove one with its button. The other side: [`ThemenZu`] on the pages linked to.

use crate::api::forum::{ForumBezugLoesen, ForumVerknuepfen, forum_verweise};
use crate::components::formular::{Ergebnis, Feld, fehler_fuer};
use crate::model::forum::{Bezug, BezugArt, Thema};
use crate::model::konto::zeit_anzeigen;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// Setting and removing links, shared by the page.
#[derive(Clone, Copy)]
pub struct BezugAktionen {
    pub setzen: ServerAction<ForumVerknuepfen>,
    pub loesen: ServerAction<ForumBezugLoesen>,
}

impl BezugAktionen {
    pub fn neu() -> BezugAktionen {
        BezugAktionen { setzen: ServerAction::new(), loesen: ServerAction::new() }
    }

    /// Changes both make, for the page's reload.
    pub fn stand(self) -> (usize, usize) {
        (self.setzen.version().get(), self.loesen.version().get())
    }
}

#[component]
pub fn Bezuege(thema: i64, bezuege: Vec<Bezug>, darf: bool, aktionen: BezugAktionen) -> impl IntoView {
    if bezuege.is_empty() && !darf {
        return ().into_any();
    }
    let ergebnis: Ergebnis<()> = Signal::derive(move || aktionen.setzen.value().get());
    view! {
        <section aria-labelledby="bezuege-titel" class="bezuege">
            <h2 id="bezuege-titel">"Worum es geht"</h2>
            {bezuege.is_empty().then(|| view! { <p>"Noch nicht mit einer Leistung, einem Projekt, einer Veranstaltung oder einem Steckbrief verknüpft."</p> })}
            <ul>
                {bezuege.into_iter().map(|b| view! { <Eintrag thema b darf loesen=aktionen.loesen /> }).collect_view()}
            </ul>
            {darf.then(|| view! {
                <ActionForm action=aktionen.setzen attr:class="formular-zeile" attr:novalidate=true>
                    <input type="hidden" name="thema" value=thema />
                    <Feld name="adresse" label="Verknüpfen mit (Adresse der Seite)" fehler=fehler_fuer(ergebnis, "adresse")
                        hinweis="Zum Beispiel …/leistungen/10001, …/roadmap/12, …/veranstaltungen/3 oder …/steckbriefe/7 – die Adresse aus der Adresszeile genügt." />
                    <button type="submit" class="knopf-klein">"Verknüpfen"</button>
                </ActionForm>
            })}
        </section>
    }
    .into_any()
}

#[component]
fn Eintrag(thema: i64, b: Bezug, darf: bool, loesen: ServerAction<ForumBezugLoesen>) -> impl IntoView {
    let knopf = format!("Bezug lösen: {}", b.titel);
    view! {
        <li>
            {format!("{}: ", b.art.label())}
            <a href=b.art.pfad(&b.ziel)>{b.titel.clone()}</a>
            {darf.then(|| view! {
                <ActionForm action=loesen attr:class="inline-formular">
                    <input type="hidden" name="thema" value=thema />
                    <input type="hidden" name="art" value=b.art.code() />
                    <input type="hidden" name="ziel" value=b.ziel.clone() />
                    " " <button type="submit" class="knopf-klein" aria-label=knopf>"Lösen"</button>
                </ActionForm>
            })}
        </li>
    }
}

/// On the page of a Leistung, project, event or Steckbrief: the threads about it that the reader
/// may see. Nothing at all when there are none (the public sees only threads of public boards).
#[component]
pub fn ThemenZu(art: BezugArt, #[prop(into)] ziel: String) -> impl IntoView {
    let daten = Resource::new(move || ziel.clone(), move |z| forum_verweise(art.code().to_string(), z));
    let zeigen = move || {
        Suspend::new(async move {
            let themen = daten.await.unwrap_or_default();
            (!themen.is_empty()).then(|| {
                view! {
                    <section aria-labelledby="im-forum-titel" class="im-forum">
                        <h2 id="im-forum-titel">"Im Forum"</h2>
                        <ul>{themen.into_iter().map(|t| view! { <ThemaZeile t /> }).collect_view()}</ul>
                    </section>
                }
            })
        })
    };
    view! { <Suspense fallback=|| ()>{zeigen}</Suspense> }
}

#[component]
fn ThemaZeile(t: Thema) -> impl IntoView {
    let mehr = format!(" – {}, {} Beiträge, zuletzt am {}", t.brett_titel, t.beitraege, zeit_anzeigen(t.letzte_ms));
    view! {
        <li>
            <a href=crate::pfad::forum_thema(t.id)>{t.betreff.clone()}</a>
            {mehr} " " <super::Neu anzahl=t.neu />
        </li>
    }
}
