//! Login page.

use crate::api::konto::Anmelden as AnmeldenFn;
use crate::components::formular::{Ergebnis, Feld, FormularStatus, fehler_fuer};
use crate::components::konto::sicheres_ziel;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn Anmelden() -> impl IntoView {
    let query = use_query_map();
    let weiter = query.with_untracked(|q| sicheres_ziel(q.get("weiter")));
    view! {
        <Title text="Anmelden" />
        <h1>"Anmelden"</h1>
        <p class="einleitung">
            "Lesen ist ohne Anmeldung möglich. Zum Bearbeiten melden sich Mitarbeitende der Kommunen, "
            "der Koordinierungsstelle und der Administration mit ihrem Konto an."
        </p>
        <AnmeldeFormular weiter />
        <p class="hinweis">
            "Konten vergibt die Administration der Koordinierungsstelle. Nach fünf Fehlversuchen wird die "
            "Anmeldung für 15 Minuten gesperrt."
        </p>
    }
}

/// The form with field errors; after the login it opens `weiter`. Lazy: its `ActionForm` and
/// the server-function client would otherwise weigh 60 KB (gzip) in every public page's module.
#[island(lazy)]
fn AnmeldeFormular(weiter: String) -> impl IntoView {
    let aktion = ServerAction::<AnmeldenFn>::new();
    let ergebnis: Ergebnis<_> = Signal::derive(move || aktion.value().get());
    Effect::new(move || {
        if matches!(aktion.value().get(), Some(Ok(_))) {
            crate::components::adresse::gehe_zu(&weiter);
        }
    });
    view! {
        <ActionForm action=aktion attr:class="formular schmal" attr:novalidate=true>
            <Feld name="email" label="E-Mail-Adresse" typ="email" autocomplete="username" pflicht=true fehler=fehler_fuer(ergebnis, "email") />
            <Feld
                name="passwort"
                label="Passwort"
                typ="password"
                autocomplete="current-password"
                pflicht=true
                fehler=fehler_fuer(ergebnis, "passwort")
            />
            <FormularStatus ergebnis erfolg="Angemeldet. Sie werden weitergeleitet …" />
            <div class="knopfleiste">
                <button type="submit" class="knopf">"Anmelden"</button>
            </div>
        </ActionForm>
    }
}
