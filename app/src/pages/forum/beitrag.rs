//! One post of a thread with what the reader may do with it: quote it into the reply, edit their
//! own (earlier wordings are kept), report someone else's to the moderation, and – for the
//! moderation – hide it with a reason or show it again.

use crate::api::forum::{BeitragBearbeiten, BeitragMelden, BeitragVerbergen};
use crate::model::forum::Beitrag;
use crate::model::konto::zeit_anzeigen;
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The thread page's actions on posts, shared by all posts of the page.
#[derive(Clone, Copy)]
pub struct Aktionen {
    pub bearbeiten: ServerAction<BeitragBearbeiten>,
    pub verbergen: ServerAction<BeitragVerbergen>,
}

/// What the reader may do on this page.
#[derive(Clone, Copy)]
pub struct Darf {
    pub antworten: bool,
    pub melden: bool,
    pub moderieren: bool,
}

#[component]
pub fn BeitragAnsicht(b: Beitrag, aktionen: Aktionen, darf: Darf) -> impl IntoView {
    let kopf = format!(
        "{}{} · {}",
        b.autor,
        b.herkunft.as_ref().map(|h| format!(" ({h})")).unwrap_or_default(),
        zeit_anzeigen(b.erstellt_ms)
    );
    let bearbeitet =
        (b.geaendert_ms > b.erstellt_ms).then(|| format!(" · bearbeitet {}", zeit_anzeigen(b.geaendert_ms)));
    let id = format!("beitrag-{}", b.id);
    let (kopf_id, bezug) = (format!("{id}-kopf"), format!("{id}-kopf"));
    let (neu, verborgen, html) = (b.neu, b.verborgen.clone(), b.html.clone());
    view! {
        <article class="beitrag" class:beitrag-neu=neu id=id aria-labelledby=bezug>
            <p class="beitrag-kopf" id=kopf_id>
                <strong>{kopf}</strong>
                {bearbeitet}
                {neu.then(|| view! { " " <span class="marke-neu">"Neu"</span> })}
            </p>
            {verborgen.map(|grund| view! {
                <p class="hinweis-verborgen">{format!("Von der Moderation verborgen. Grund: {grund}")}</p>
            })}
            {(!html.is_empty()).then(|| view! { <div class="beitrag-text" inner_html=html></div> })}
            <Werkzeuge b aktionen darf />
        </article>
    }
}

#[component]
fn Werkzeuge(b: Beitrag, aktionen: Aktionen, darf: Darf) -> impl IntoView {
    let zitieren = (darf.antworten && b.verborgen.is_none() && !b.markdown.is_empty()).then(|| {
        let z = crate::model::forum::zitat(&b.autor, &b.markdown);
        view! {
            <button type="button" class="knopf-klein" on:click=move |_| zitieren(&z)>"Zitieren"</button>
        }
    });
    let eigener = b.eigener && b.verborgen.is_none();
    view! {
        <div class="beitrag-werkzeuge">
            {zitieren}
            {eigener.then(|| view! { <Bearbeiten b=b.clone() aktion=aktionen.bearbeiten /> })}
            {(darf.melden && !b.eigener).then(|| view! { <Melden id=b.id /> })}
            {darf.moderieren.then(|| view! { <Verbergen id=b.id verborgen=b.verborgen.is_some() aktion=aktionen.verbergen /> })}
        </div>
    }
}

/// Appends the quote to what the reply field holds and puts the cursor after it (the typed text
/// stays; the field is the reply form's `text`).
fn zitieren(zitat: &str) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        if let Some(feld) =
            document().get_element_by_id("text").and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            let bisher = feld.value();
            let trenner = if bisher.is_empty() || bisher.ends_with("\n\n") { "" } else { "\n\n" };
            feld.set_value(&format!("{bisher}{trenner}{zitat}"));
            let ende = u32::try_from(feld.value().encode_utf16().count()).unwrap_or(0);
            let _ = feld.focus();
            let _ = feld.set_selection_range(ende, ende);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = zitat;
}

#[component]
fn Bearbeiten(b: Beitrag, aktion: ServerAction<BeitragBearbeiten>) -> impl IntoView {
    let feld = format!("bearbeiten-{}", b.id);
    let fehler = crate::components::formular::fehler_fuer(Signal::derive(move || aktion.value().get()), "text");
    view! {
        <details class="beitrag-aktion">
            <summary>"Bearbeiten"</summary>
            <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="id" value=b.id />
                <input type="hidden" name="version" value=b.version />
                <label for=feld.clone()>"Ihr Beitrag"</label>
                <textarea id=feld name="text" rows="6" required=true>{b.markdown.clone()}</textarea>
                {move || fehler.get().map(|m| view! { <p class="feld-meldung">{m}</p> })}
                <p class="hinweis">"Die frühere Fassung bleibt gespeichert."</p>
                <button type="submit" class="knopf-klein">"Änderung speichern"</button>
            </ActionForm>
        </details>
    }
}

/// Reporting reloads nothing, so its answer stays next to its form.
#[component]
fn Melden(id: i64) -> impl IntoView {
    let aktion = ServerAction::<BeitragMelden>::new();
    let ergebnis: crate::components::formular::Ergebnis<()> = Signal::derive(move || aktion.value().get());
    let fehler = crate::components::formular::fehler_fuer(ergebnis, "grund");
    let feld = format!("melden-{id}");
    view! {
        <details class="beitrag-aktion">
            <summary>"Melden"</summary>
            <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <label for=feld.clone()>"Was ist an diesem Beitrag nicht in Ordnung?"</label>
                <input id=feld type="text" name="grund" maxlength="500" required=true />
                {move || fehler.get().map(|m| view! { <p class="feld-meldung">{m}</p> })}
                <button type="submit" class="knopf-klein">"An die Moderation melden"</button>
                <crate::components::formular::FormularStatus ergebnis erfolg="Danke – die Moderation sieht Ihre Meldung." />
            </ActionForm>
        </details>
    }
}

#[component]
fn Verbergen(id: i64, verborgen: bool, aktion: ServerAction<BeitragVerbergen>) -> impl IntoView {
    if verborgen {
        return view! {
            <ActionForm action=aktion attr:class="formular-knopf">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="grund" value="" />
                <input type="hidden" name="zeigen" value="true" />
                <button type="submit" class="knopf-klein">"Wieder zeigen"</button>
            </ActionForm>
        }
        .into_any();
    }
    let feld = format!("verbergen-{id}");
    view! {
        <details class="beitrag-aktion">
            <summary>"Verbergen"</summary>
            <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="zeigen" value="false" />
                <label for=feld.clone()>"Grund (sehen alle, auch die Verfasserin oder der Verfasser)"</label>
                <input id=feld type="text" name="grund" maxlength="500" required=true />
                <button type="submit" class="knopf-klein knopf-gefahr">"Beitrag verbergen"</button>
            </ActionForm>
        </details>
    }
    .into_any()
}
