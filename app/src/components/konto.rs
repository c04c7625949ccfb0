//! The current account in the browser: loaded once per page from the server (which knows the
//! session), shared through context, shown in the header with login and logout.

use crate::api::konto::{Abmelden, konto_laden};
use crate::error::AppError;
use crate::model::konto::{Angemeldet, Recht};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[derive(Clone, Copy)]
pub struct Konto(pub Resource<Result<Option<Angemeldet>, AppError>>);

pub fn konto_bereitstellen() {
    provide_context(Konto(Resource::new(|| (), |_| konto_laden())));
}

/// What every island needs before the page code inside it runs in the browser: the head
/// (for `<Title>`) and the logged-in account (for what may be edited). On the server both come
/// again from the same request.
pub fn insel_kontext() {
    leptos_meta::provide_meta_context();
    crate::components::konto::konto_bereitstellen();
}

/// The logged-in person; `None` for the public (and if the lookup failed: then nothing is
/// editable, which is the safe side).
pub async fn konto() -> Option<Angemeldet> {
    match use_context::<Konto>() {
        Some(Konto(r)) => r.await.ok().flatten(),
        None => None,
    }
}

/// `children` (typically the link to a form) only for those with `recht`; the server checks
/// again on every write.
#[component]
pub fn NurMitRecht(recht: Recht<'static>, children: ChildrenFn) -> impl IntoView {
    let zeigen = move || {
        let children = children.clone();
        Suspend::new(async move { darf(&konto().await, recht).then(|| children()) })
    };
    view! { <Suspense fallback=|| ()>{zeigen}</Suspense> }
}

/// Whether the person may do this; the server checks again on every write.
pub fn darf(person: &Option<Angemeldet>, recht: Recht<'_>) -> bool {
    person.as_ref().is_some_and(|p| p.darf(recht))
}

/// A local path to return to after login; anything else becomes the start page.
pub fn sicheres_ziel(weiter: Option<String>) -> String {
    match weiter {
        Some(w) if w.starts_with('/') && !w.starts_with("//") && !w.contains('\\') => w,
        _ => "/".to_string(),
    }
}

#[component]
pub fn KontoLeiste() -> impl IntoView {
    let location = use_location();
    let ziel = move || crate::pfad::anmelden(&format!("{}{}", location.pathname.get(), location.search.get()));
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match konto().await {
                    Some(p) => {
                        // The count of "Neu für mich"; a failed lookup shows the link without it.
                        let neu = crate::api::infoverteiler::neu_anzahl().await.unwrap_or(0);
                        view! {
                            <KontoMenue
                                neu
                                anzeige=p.anzeige()
                                protokoll=p.darf(Recht::ProtokollLesen)
                                eingang=p.darf(Recht::AnliegenBearbeiten)
                                links=p.darf(Recht::LinkpruefungLesen)
                                verwaltung=p.darf(Recht::BenutzerVerwalten)
                            />
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <div class="konto-leiste">
                                <a href=ziel>"Anmelden"</a>
                            </div>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The public page as plain server HTML for readers, the island with its forms for a
/// logged-in person (whose pages are never cached and who loads the island's code).
#[component]
pub fn MitKonto<O, A, OV, AV>(oeffentlich: O, angemeldet: A) -> impl IntoView
where
    O: Fn() -> OV + Copy + Send + Sync + 'static,
    A: Fn() -> AV + Copy + Send + Sync + 'static,
    OV: IntoView + 'static,
    AV: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                if konto().await.is_some() { angemeldet().into_any() } else { oeffentlich().into_any() }
            })}
        </Suspense>
    }
}

/// The header of a logged-in person; an island for the logout button (lazy: the public never
/// loads it).
#[island(lazy)]
fn KontoMenue(
    anzeige: String,
    neu: i64,
    protokoll: bool,
    eingang: bool,
    links: bool,
    verwaltung: bool,
) -> impl IntoView {
    let abmelden = ServerAction::<Abmelden>::new();
    Effect::new(move || {
        if matches!(abmelden.value().get(), Some(Ok(()))) {
            // A full reload: every part of the page that depended on the login renders anew.
            let _ = window().location().reload();
        }
    });
    view! {
        <div class="konto-leiste">
            <span class="konto-name">"Angemeldet: " {anzeige}</span>
            <a href=crate::pfad::NEU_FUER_MICH class="neu-fuer-mich" aria-label=neu_name(neu)>
                "Neu für mich"
                {(neu > 0).then(|| view! { " " <span class="zaehler" aria-hidden="true">{neu}</span> })}
            </a>
            <a href=crate::pfad::KONTO>"Mein Konto"</a>
            {eingang.then(|| view! { <a href=crate::pfad::ANLIEGEN>"Eingang"</a> })}
            {links.then(|| view! { <a href=crate::pfad::LINKPRUEFUNG>"Linkprüfung"</a> })}
            {protokoll.then(|| view! { <a href=crate::pfad::PROTOKOLL>"Änderungsprotokoll"</a> })}
            {verwaltung.then(|| view! { <a href=crate::pfad::BENUTZERVERWALTUNG>"Benutzerverwaltung"</a> })}
            <ActionForm action=abmelden attr:class="abmelden">
                <button type="submit" class="knopf-klein">"Abmelden"</button>
            </ActionForm>
        </div>
    }
}

/// The header link's accessible name, with the count in words.
fn neu_name(neu: i64) -> String {
    match neu {
        0 => "Neu für mich: nichts Neues".to_string(),
        1 => "Neu für mich: 1 neue Mitteilung".to_string(),
        n => format!("Neu für mich: {n} neue Mitteilungen"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(sicheres_ziel(Some("/themenfelder/bildung".into())), "/themenfelder/bildung");
        assert_eq!(sicheres_ziel(Some("//boese.example".into())), "/");
        assert_eq!(sicheres_ziel(Some("https://boese.example".into())), "/");
        assert_eq!(sicheres_ziel(Some("/\\boese.example".into())), "/");
        assert_eq!(sicheres_ziel(None), "/");
        assert_eq!(crate::pfad::anmelden("/leistungen?tf=2"), "/anmelden?weiter=%2Fleistungen%3Ftf%3D2");
    }
}
