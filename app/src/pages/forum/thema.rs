//! `/forum/thema/{id}`: a thread's posts page by page (unread ones marked, reading marks them
//! read), the reply form, and new posts of others arriving live with a quiet announcement for
//! screen readers (no focus is taken).

use super::brett::MARKDOWN;
use super::{Blaettern, seite_aus_adresse};
use crate::api::forum::{BeitragAntworten, forum_thema};
use crate::components::formular::{Ergebnis, FormularStatus, Textfeld, fehler_fuer};
use crate::components::laden::Laden;
use crate::components::live::{LiveStatus, Nachricht, abonnieren};
use crate::model::forum::{Beitrag, ThemaSeite};
use crate::model::konto::zeit_anzeigen;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ThemaAnsicht() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(2);
    let seite = seite_aus_adresse();
    let antworten = ServerAction::<BeitragAntworten>::new();
    let stand = RwSignal::new(0usize);
    let hinweis = RwSignal::new(String::new());
    let eigene_id = id.clone();
    let verbindung = abonnieren(move |n| match n {
        Nachricht::Ereignis(e) if e.art == crate::model::live::FORUM && e.objekt_id == eigene_id => {
            stand.update(|s| *s += 1);
            hinweis.set("Das Thema hat neue Beiträge; sie sind unten eingefügt.".into());
        }
        Nachricht::NeuLaden => stand.update(|s| *s += 1),
        _ => {}
    });
    let daten = Resource::new(
        move || (id.clone(), antworten.version().get(), stand.get()),
        move |(id, ..)| async move {
            let nummer = id.parse::<i64>().map_err(|_| crate::error::AppError::Ungueltig("Kein Thema.".into()))?;
            forum_thema(nummer, seite).await
        },
    );
    view! {
        <Laden daten bleibend=true fehlertitel="Forum" inhalt=move |s: ThemaSeite| view! { <Inhalt s antworten /> } />
        <p class="sr-only" role="status" aria-live="polite">{move || hinweis.get()}</p>
        <LiveStatus zustand=verbindung />
    }
}

#[component]
fn Inhalt(s: ThemaSeite, antworten: ServerAction<BeitragAntworten>) -> impl IntoView {
    let t = s.thema.clone();
    let pfad = crate::pfad::forum_thema(t.id);
    view! {
        <Title text=t.betreff.clone() />
        <crate::components::status::Brotkrumen
            wege=vec![
                (crate::pfad::FORUM.to_string(), "Forum".to_string()),
                (crate::pfad::forum_brett(&t.brett_slug), t.brett_titel.clone()),
            ]
            aktuell=t.betreff.clone()
        />
        <h1>{t.betreff.clone()}</h1>
        <p class="leise">{format!("Begonnen von {} am {}", t.autor, zeit_anzeigen(t.erstellt_ms))}</p>
        <crate::components::folgen::Folgen art=crate::model::infoverteiler::AboArt::Thema ziel=t.id.to_string() />
        <ol class="beitraege">
            {s.beitraege.into_iter().map(|b| view! { <li><BeitragAnsicht b /></li> }).collect_view()}
        </ol>
        <Blaettern pfad seite=s.seite seiten=s.seiten />
        {if s.darf_antworten {
            view! { <Antworten thema=t.id antworten /> }.into_any()
        } else if t.gesperrt {
            view! { <p class="hinweis-kasten">"Dieses Thema ist geschlossen."</p> }.into_any()
        } else {
            ().into_any()
        }}
    }
}

#[component]
fn BeitragAnsicht(b: Beitrag) -> impl IntoView {
    let kopf = format!(
        "{}{} · {}",
        b.autor,
        b.herkunft.as_ref().map(|h| format!(" ({h})")).unwrap_or_default(),
        zeit_anzeigen(b.erstellt_ms)
    );
    let bearbeitet =
        (b.geaendert_ms > b.erstellt_ms).then(|| format!(" · bearbeitet {}", zeit_anzeigen(b.geaendert_ms)));
    let id = format!("beitrag-{}", b.id);
    view! {
        <article class="beitrag" class:beitrag-neu=b.neu id=id.clone() aria-labelledby=format!("{id}-kopf")>
            <p class="beitrag-kopf" id=format!("{id}-kopf")>
                <strong>{kopf}</strong>
                {bearbeitet}
                {b.neu.then(|| view! { " " <span class="marke-neu">"Neu"</span> })}
            </p>
            {match b.verborgen.clone() {
                Some(grund) => view! {
                    <p class="leise">{format!("Dieser Beitrag wurde von der Moderation verborgen. Grund: {grund}")}</p>
                }.into_any(),
                None => view! { <div class="beitrag-text" inner_html=b.html.clone()></div> }.into_any(),
            }}
        </article>
    }
}

#[component]
fn Antworten(thema: i64, antworten: ServerAction<BeitragAntworten>) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || antworten.value().get());
    // A fresh, empty form after each reply that went through (a refused one keeps its text).
    let erfolge = RwSignal::new(0usize);
    Effect::new(move || {
        if matches!(antworten.value().get(), Some(Ok(_))) {
            erfolge.update(|e| *e += 1);
        }
    });
    view! {
        <section aria-labelledby="antworten-titel" class="bearbeiten-formular">
            <h2 id="antworten-titel">"Antworten"</h2>
            {move || {
                erfolge.get();
                view! {
                    <ActionForm action=antworten attr:class="formular" attr:novalidate=true>
                        <input type="hidden" name="thema" value=thema />
                        <Textfeld name="text" label="Ihre Antwort" wert=String::new() zeilen=5 pflicht=true hinweis=MARKDOWN fehler=fehler_fuer(ergebnis, "text") />
                        <FormularStatus ergebnis erfolg="Ihre Antwort ist veröffentlicht." />
                        <div class="knopfleiste"><button type="submit" class="knopf">"Antwort senden"</button></div>
                    </ActionForm>
                }
            }}
        </section>
    }
}
