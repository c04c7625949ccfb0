//! `/forum/thema/{id}`: a thread's posts page by page (unread ones marked, reading marks them
//! read), the reply form, and new posts of others arriving live with a quiet announcement for
//! screen readers (no focus is taken).

use super::beitrag::{Aktionen, BeitragAnsicht, Darf};
use super::bezug::{Bezuege, BezugAktionen};
use super::brett::MARKDOWN;
use super::moderation::ThemaModeration;
use super::{Blaettern, seite_aus_adresse};
use crate::api::forum::{BeitragAntworten, BeitragBearbeiten, BeitragVerbergen, ThemaModerieren, forum_thema};
use crate::components::formular::{Ergebnis, FormularStatus, Textfeld, fehler_fuer};
use crate::components::laden::Laden;
use crate::components::live::{LiveStatus, Nachricht, abonnieren};
use crate::model::forum::ThemaSeite;
use crate::model::konto::zeit_anzeigen;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ThemaAnsicht() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(2);
    let seite = seite_aus_adresse();
    let antworten = ServerAction::<BeitragAntworten>::new();
    let aktionen = Aktionen {
        bearbeiten: ServerAction::<BeitragBearbeiten>::new(),
        verbergen: ServerAction::<BeitragVerbergen>::new(),
    };
    let moderieren = ServerAction::<ThemaModerieren>::new();
    let bezug = BezugAktionen::neu();
    let stand = RwSignal::new(0usize);
    let hinweis = RwSignal::new(String::new());
    let eigene_id = id.clone();
    let thema_id = id.parse::<i64>().ok();
    let verbindung = abonnieren(move |n| match n {
        Nachricht::Ereignis(e) if e.art == crate::model::live::FORUM && e.objekt_id == eigene_id => {
            stand.update(|s| *s += 1);
            hinweis.set("Das Thema hat neue Beiträge; sie sind unten eingefügt.".into());
        }
        Nachricht::NeuLaden => stand.update(|s| *s += 1),
        _ => {}
    });
    let daten = Resource::new(
        move || {
            let eigene = (aktionen.bearbeiten.version().get(), aktionen.verbergen.version().get());
            (id.clone(), antworten.version().get(), stand.get(), eigene, moderieren.version().get(), bezug.stand())
        },
        move |(id, ..)| async move {
            let nummer = id.parse::<i64>().map_err(|_| crate::error::AppError::Ungueltig("Kein Thema.".into()))?;
            forum_thema(nummer, seite).await
        },
    );
    view! {
        <Rueckmeldungen aktionen moderieren bezug />
        <Laden daten bleibend=true fehlertitel="Forum" inhalt=move |s: ThemaSeite| view! { <Inhalt s aktionen moderieren bezug /> } />
        // Outside the part that reloads on every new post: what someone is typing stays, and so
        // does the focus. In a closed thread the style hides it (`:has(.thema-geschlossen)`).
        {thema_id.map(|thema| view! { <Schreiben thema antworten /> })}
        <p class="sr-only" role="status" aria-live="polite">{move || hinweis.get()}</p>
        <LiveStatus zustand=verbindung />
    }
}

/// What the post and moderation actions answered: above the part that reloads after them, so the
/// message outlives the reload.
#[component]
fn Rueckmeldungen(
    aktionen: Aktionen,
    moderieren: ServerAction<ThemaModerieren>,
    bezug: BezugAktionen,
) -> impl IntoView {
    let bearbeitet: Ergebnis<i64> = Signal::derive(move || aktionen.bearbeiten.value().get());
    let verborgen: Ergebnis<()> = Signal::derive(move || aktionen.verbergen.value().get());
    let moderiert: Ergebnis<()> = Signal::derive(move || moderieren.value().get());
    let verknuepft: Ergebnis<()> = Signal::derive(move || bezug.setzen.value().get());
    let geloest: Ergebnis<()> = Signal::derive(move || bezug.loesen.value().get());
    view! {
        <FormularStatus ergebnis=bearbeitet erfolg="Ihre Änderung ist gespeichert; die frühere Fassung bleibt erhalten." />
        <FormularStatus ergebnis=verborgen erfolg="Gespeichert: Der Beitrag ist verborgen bzw. wieder sichtbar." />
        <FormularStatus ergebnis=moderiert erfolg="Das Thema ist geändert." />
        <FormularStatus ergebnis=verknuepft erfolg="Verknüpft: Das Thema steht jetzt auch auf jener Seite." />
        <FormularStatus ergebnis=geloest erfolg="Der Bezug ist gelöst." />
    }
}

#[component]
fn Inhalt(
    s: ThemaSeite,
    aktionen: Aktionen,
    moderieren: ServerAction<ThemaModerieren>,
    bezug: BezugAktionen,
) -> impl IntoView {
    let t = s.thema.clone();
    let pfad = crate::pfad::forum_thema(t.id);
    let darf = Darf { antworten: s.darf_antworten, melden: s.darf_melden, moderieren: s.moderieren };
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
        <p class="leise">
            {format!("Begonnen von {} am {}", t.autor, zeit_anzeigen(t.erstellt_ms))}
            {t.angeheftet.then_some(" · angeheftet")}
            {t.gesperrt.then_some(" · geschlossen")}
        </p>
        <ol class="beitraege">
            {s.beitraege.into_iter().map(|b| view! { <li><BeitragAnsicht b aktionen darf /></li> }).collect_view()}
        </ol>
        <Blaettern pfad seite=s.seite seiten=s.seiten />
        <Bezuege thema=t.id bezuege=s.bezuege.clone() darf=s.darf_verknuepfen aktionen=bezug />
        {s.moderieren.then(|| view! { <ThemaModeration t=t.clone() bretter=s.bretter.clone() aktion=moderieren /> })}
        {t.gesperrt.then(|| view! {
            <p class="hinweis-kasten thema-geschlossen">"Dieses Thema ist geschlossen; Antworten sind nicht mehr möglich."</p>
        })}
    }
}

/// Following the thread and the reply form, for logged-in readers.
#[component]
fn Schreiben(thema: i64, antworten: ServerAction<BeitragAntworten>) -> impl IntoView {
    let zeigen = move || {
        Suspend::new(async move {
            crate::components::konto::konto().await.map(|_| {
                view! {
                    <crate::components::folgen::Folgen art=crate::model::infoverteiler::AboArt::Thema ziel=thema.to_string() />
                    <div class="antworten-bereich"><Antworten thema antworten /></div>
                }
            })
        })
    };
    view! { <Suspense fallback=|| ()>{zeigen}</Suspense> }
}

#[component]
fn Antworten(thema: i64, antworten: ServerAction<BeitragAntworten>) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || antworten.value().get());
    // An empty field after each reply that went through (a refused one keeps its text). The
    // form itself stays: it is outside the part that reloads, so focus and position stay too.
    Effect::new(move || {
        if matches!(antworten.value().get(), Some(Ok(_))) {
            antwort_leeren();
        }
    });
    view! {
        <section aria-labelledby="antworten-titel" class="bearbeiten-formular">
            <h2 id="antworten-titel">"Antworten"</h2>
            <ActionForm action=antworten attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="thema" value=thema />
                <Textfeld name="text" label="Ihre Antwort" wert=String::new() zeilen=5 pflicht=true hinweis=MARKDOWN fehler=fehler_fuer(ergebnis, "text") />
                <FormularStatus ergebnis erfolg="Ihre Antwort ist veröffentlicht." />
                <div class="knopfleiste"><button type="submit" class="knopf">"Antwort senden"</button></div>
            </ActionForm>
        </section>
    }
}

/// Empties the reply field (`text`).
fn antwort_leeren() {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(feld) =
            document().get_element_by_id("text").and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            feld.set_value("");
        }
    }
}
