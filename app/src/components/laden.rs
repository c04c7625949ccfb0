//! Waiting for what a page shows: one resource, the logged-in person, or both – with the
//! loading note while it comes and the error in its place if it fails.

use crate::components::konto::konto;
use crate::components::status::{Fehler, Laedt};
use crate::error::AppError;
use crate::model::konto::Angemeldet;
use leptos::prelude::*;

/// Waits for `daten`, then shows `inhalt` with what arrived, or the error in its place (with
/// `fehlertitel` as the page title, which the data would otherwise have given). Under
/// `<Suspense>`; with `bleibend` under `<Transition>`, which keeps the shown content while the
/// resource loads again (a list after a change) instead of blanking it.
#[component]
pub fn Laden<T, V, F>(
    daten: Resource<Result<T, AppError>>,
    inhalt: F,
    #[prop(optional)] fehlertitel: Option<&'static str>,
    #[prop(optional)] bleibend: bool,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let zeigen = move || {
        let inhalt = inhalt.clone();
        Suspend::new(async move {
            match daten.await {
                Ok(d) => inhalt(d).into_any(),
                Err(e) => fehler_ansicht(e, fehlertitel),
            }
        })
    };
    warten(bleibend, zeigen)
}

/// [`Laden`] for pages that show more to who may edit: `inhalt` gets the data and the person
/// (`None` for the public).
#[component]
pub fn LadenMitKonto<T, V, F>(
    daten: Resource<Result<T, AppError>>,
    inhalt: F,
    #[prop(optional)] fehlertitel: Option<&'static str>,
    #[prop(optional)] bleibend: bool,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T, Option<Angemeldet>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let zeigen = move || {
        let inhalt = inhalt.clone();
        Suspend::new(async move {
            let person = konto().await;
            match daten.await {
                Ok(d) => inhalt(d, person).into_any(),
                Err(e) => fehler_ansicht(e, fehlertitel),
            }
        })
    };
    warten(bleibend, zeigen)
}

/// A route for logged-in users only: `inhalt` with the person, or for anyone else a hint to log
/// in that returns to `zurueck` afterwards. Only what is shown; the server refuses the reads and
/// writes behind it all the same.
#[component]
pub fn NurAngemeldet<F, V>(#[prop(into)] zurueck: String, inhalt: F) -> impl IntoView
where
    F: Fn(Angemeldet) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let zeigen = move || {
        let inhalt = inhalt.clone();
        let zurueck = zurueck.clone();
        Suspend::new(async move {
            match konto().await {
                Some(person) => inhalt(person).into_any(),
                None => view! { <AnmeldungNoetig zurueck /> }.into_any(),
            }
        })
    };
    warten(false, zeigen)
}

/// Shown on pages that need a login, instead of their content.
#[component]
pub fn AnmeldungNoetig(#[prop(into)] zurueck: String) -> impl IntoView {
    view! {
        <p class="hinweis-kasten" role="status">
            "Für diese Seite müssen Sie angemeldet sein. "
            <a href=crate::pfad::anmelden(&zurueck)>"Zur Anmeldung"</a>
        </p>
    }
}

fn fehler_ansicht(fehler: AppError, titel: Option<&'static str>) -> AnyView {
    view! {
        {titel.map(|t| view! { <leptos_meta::Title text=t /> })}
        <Fehler fehler />
    }
    .into_any()
}

/// The loading note while `zeigen` waits: under `<Transition>` if `bleibend`, else `<Suspense>`.
fn warten<Z, A>(bleibend: bool, zeigen: Z) -> AnyView
where
    Z: Fn() -> Suspend<A> + Send + Sync + 'static,
    A: IntoView + 'static,
    Suspend<A>: IntoView,
{
    if bleibend {
        view! { <Transition fallback=|| view! { <Laedt /> }>{zeigen}</Transition> }.into_any()
    } else {
        view! { <Suspense fallback=|| view! { <Laedt /> }>{zeigen}</Suspense> }.into_any()
    }
}
