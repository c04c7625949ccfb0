//! "Folgen": the logged-in person follows a Themenfeld, a board, a thread, a project, a Kommune,
//! the events or the news, and chooses where they hear of it. [`Folgen`] inside an island page,
//! [`FolgenInsel`] on pages that are plain HTML (shown only to logged-in persons).

use crate::api::infoverteiler::{Entfolgen, Folgen as FolgenAktion, abo_stand};
use crate::components::formular::{Ergebnis, FormularStatus};
use crate::model::infoverteiler::{Abo, AboArt, Versand};
use leptos::form::ActionForm;
use leptos::prelude::*;

/// The follow form for one target; nothing for the public.
#[component]
pub fn Folgen(art: AboArt, #[prop(into)] ziel: String) -> impl IntoView {
    let folgen = ServerAction::<FolgenAktion>::new();
    let entfolgen = ServerAction::<Entfolgen>::new();
    let stand = {
        let ziel = ziel.clone();
        Resource::new(
            move || (folgen.version().get(), entfolgen.version().get()),
            move |_| abo_stand(art.code().to_string(), ziel.clone()),
        )
    };
    let gefolgt: Ergebnis<Abo> = Signal::derive(move || folgen.value().get());
    let beendet: Ergebnis<()> = Signal::derive(move || entfolgen.value().get());
    let zeigen = move || {
        let ziel = ziel.clone();
        Suspend::new(async move {
            let angemeldet = crate::components::konto::konto().await.is_some();
            match stand.await {
                Ok(s) if angemeldet => Some(view! { <Formular art ziel abo=s.abo folgen entfolgen /> }),
                _ => None,
            }
        })
    };
    view! {
        <div class="folgen">
            <Transition fallback=|| ()>{zeigen}</Transition>
            <FormularStatus ergebnis=gefolgt erfolg="Gespeichert: Neues dazu finden Sie unter „Neu für mich“." />
            <FormularStatus ergebnis=beendet erfolg="Sie folgen dem nicht mehr." />
        </div>
    }
}

#[component]
fn Formular(
    art: AboArt,
    ziel: String,
    abo: Option<Abo>,
    folgen: ServerAction<FolgenAktion>,
    entfolgen: ServerAction<Entfolgen>,
) -> impl IntoView {
    let feld = format!("folgen-{}-{}", art.code(), if ziel.is_empty() { "alle" } else { &ziel });
    let Some(abo) = abo else {
        return view! {
            <ActionForm action=folgen attr:class="folgen-formular">
                <input type="hidden" name="art" value=art.code() />
                <input type="hidden" name="ziel" value=ziel />
                <input type="hidden" name="versand" value=Versand::Portal.code() />
                <button type="submit" class="knopf-zweit">"Folgen"</button>
                <span class="folgen-hinweis">" – Neues dazu erscheint unter „Neu für mich“, auf Wunsch auch per E-Mail."</span>
            </ActionForm>
        }
        .into_any();
    };
    view! {
        <p class="folgen-stand">"Sie folgen: " <a href=crate::pfad::NEU_FUER_MICH>"Neues unter „Neu für mich“"</a></p>
        <ActionForm action=folgen attr:class="folgen-formular">
            <input type="hidden" name="art" value=art.code() />
            <input type="hidden" name="ziel" value=ziel.clone() />
            <label for=feld.clone()>"Benachrichtigung"</label>
            " "
            <select id=feld name="versand">
                {Versand::ALLE.into_iter().map(|v| view! {
                    <option value=v.code() selected=v == abo.versand>{v.label()}</option>
                }).collect_view()}
            </select>
            " "
            <button type="submit" class="knopf-klein">"Übernehmen"</button>
        </ActionForm>
        <ActionForm action=entfolgen attr:class="folgen-formular">
            <input type="hidden" name="id" value=abo.id />
            <button type="submit" class="knopf-klein knopf-zweit">"Nicht mehr folgen"</button>
        </ActionForm>
    }
    .into_any()
}

/// [`Folgen`] as its own island, for pages the public gets as plain HTML.
#[island(lazy)]
pub fn FolgenInsel(art: AboArt, ziel: String) -> impl IntoView {
    crate::components::konto::insel_kontext();
    view! { <Folgen art ziel /> }
}
