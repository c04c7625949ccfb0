//! The moderation's tools: for a thread (pin, close, move – each one button, audited) and the
//! list of posts members reported, on the forum's overview.

use crate::api::forum::{GemeldetErledigen, ThemaModerieren, forum_gemeldete};
use crate::components::formular::{Ergebnis, FormularStatus};
use crate::model::forum::{GemeldeterBeitrag, Thema};
use crate::model::konto::zeit_anzeigen;
use leptos::form::ActionForm;
use leptos::prelude::*;

fn knopf(aktion: ServerAction<ThemaModerieren>, id: i64, was: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <ActionForm action=aktion attr:class="formular-knopf">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="aktion" value=was />
            <input type="hidden" name="brett" value="" />
            <button type="submit" class="knopf-klein">{text}</button>
        </ActionForm>
    }
}

/// Pin or unpin, close or open, move to another board.
#[component]
pub fn ThemaModeration(
    t: Thema,
    bretter: Vec<(String, String)>,
    aktion: ServerAction<ThemaModerieren>,
) -> impl IntoView {
    let anheften = if t.angeheftet { ("loesen", "Nicht mehr anheften") } else { ("anheften", "Anheften") };
    let schliessen = if t.gesperrt { ("oeffnen", "Wieder öffnen") } else { ("schliessen", "Schließen") };
    view! {
        <section class="moderation" aria-labelledby="moderation-titel">
            <h2 id="moderation-titel">"Moderation"</h2>
            <div class="knopfleiste">
                {knopf(aktion, t.id, anheften.0, anheften.1)}
                {knopf(aktion, t.id, schliessen.0, schliessen.1)}
            </div>
            <ActionForm action=aktion attr:class="folgen-formular">
                <input type="hidden" name="id" value=t.id />
                <input type="hidden" name="aktion" value="verschieben" />
                <label for="verschieben-ziel">"In ein anderes Forum verschieben"</label>
                <select id="verschieben-ziel" name="brett">
                    {bretter.into_iter().map(|(slug, titel)| {
                        let hier = slug == t.brett_slug;
                        view! { <option value=slug selected=hier>{titel}</option> }
                    }).collect_view()}
                </select>
                <button type="submit" class="knopf-klein">"Verschieben"</button>
            </ActionForm>
        </section>
    }
}

/// The open reports, for the moderation (nothing for anyone else).
#[component]
pub fn Gemeldete() -> impl IntoView {
    let erledigen = ServerAction::<GemeldetErledigen>::new();
    let liste = Resource::new(move || erledigen.version().get(), |_| forum_gemeldete());
    let ergebnis: Ergebnis<()> = Signal::derive(move || erledigen.value().get());
    let zeigen = move || {
        Suspend::new(async move {
            // 403 for everyone but the moderation: then there is nothing to show.
            let gemeldete = liste.await.ok()?;
            Some(view! {
                <section aria-labelledby="gemeldet-titel">
                    <h2 id="gemeldet-titel">{format!("Gemeldete Beiträge ({})", gemeldete.len())}</h2>
                    {gemeldete.is_empty().then(|| view! { <p>"Keine offenen Meldungen."</p> })}
                    <ul class="mitteilungen">
                        {gemeldete.into_iter().map(|g| view! { <Eintrag g erledigen /> }).collect_view()}
                    </ul>
                    <FormularStatus ergebnis erfolg="Die Meldung ist erledigt." />
                </section>
            })
        })
    };
    view! { <Transition fallback=|| ()>{zeigen}</Transition> }
}

#[component]
fn Eintrag(g: GemeldeterBeitrag, erledigen: ServerAction<GemeldetErledigen>) -> impl IntoView {
    let pfad = format!("{}#beitrag-{}", crate::pfad::forum_thema(g.thema_id), g.beitrag_id);
    let text = format!("Erledigt: {}", g.betreff);
    view! {
        <li class="mitteilung">
            <a href=pfad>{format!("Beitrag in „{}“", g.betreff)}</a>
            <span class="mitteilung-kopf">{format!(" – gemeldet von {}, {}", g.von, zeit_anzeigen(g.erstellt_ms))}</span>
            <p class="mitteilung-auszug">{format!("Grund: {}", g.grund)}</p>
            <ActionForm action=erledigen attr:class="formular-knopf">
                <input type="hidden" name="id" value=g.id />
                <button type="submit" class="knopf-klein" aria-label=text>"Erledigt (nicht verbergen)"</button>
            </ActionForm>
        </li>
    }
}
