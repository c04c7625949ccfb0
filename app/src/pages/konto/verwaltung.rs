//! User management (admins): create accounts, change role and Kommune, lock, set passwords.

use crate::api::verwaltung::{
    BenutzerAendern, BenutzerAnlegen, BenutzerPasswortSetzen, SperreAufheben, anmeldesperren_laden,
    benutzer_liste_laden,
};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, fehler_fuer};
use crate::components::laden::Laden;
use crate::model::konto::{BenutzerZeile, MIN_PASSWORT, Rolle, Sperre, zeit_anzeigen};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Benutzerverwaltung() -> impl IntoView {
    let anlegen = ServerAction::<BenutzerAnlegen>::new();
    let aendern = ServerAction::<BenutzerAendern>::new();
    let passwort = ServerAction::<BenutzerPasswortSetzen>::new();
    // Reload the list after each successful change only: a failed one keeps the typed input.
    let stand = RwSignal::new(0usize);
    Effect::new(move || {
        let ok = matches!(anlegen.value().get(), Some(Ok(_)))
            || matches!(aendern.value().get(), Some(Ok(_)) | Some(Err(crate::error::AppError::Konflikt(_))));
        if ok {
            stand.update(|n| *n += 1);
        }
    });
    let liste = Resource::new(move || stand.get(), |_| benutzer_liste_laden());
    let ergebnis: Ergebnis<i64> = Signal::derive(move || anlegen.value().get());
    view! {
        <Title text="Benutzerverwaltung" />
        <h1>"Benutzerverwaltung"</h1>
        <Laden daten=liste bleibend=true inhalt=move |zeilen| {
                        view! {
                            <section aria-labelledby="neu-titel">
                                <h2 id="neu-titel">"Neues Konto"</h2>
                                <ActionForm action=anlegen attr:class="formular" attr:novalidate=true>
                                    <Feld name="email" label="E-Mail-Adresse" typ="email" pflicht=true praefix="neu-" autocomplete="off" fehler=fehler_fuer(ergebnis, "email") />
                                    <Feld name="name" label="Name" pflicht=true praefix="neu-" autocomplete="off" fehler=fehler_fuer(ergebnis, "name") />
                                    <RollenAuswahl id="neu-rolle" gewaehlt=Rolle::Kommune fehler=fehler_fuer(ergebnis, "rolle") />
                                    <Feld
                                        name="kommune"
                                        label="Kommune (AGS)"
                                        praefix="neu-"
                                        hinweis="Nur bei der Rolle Kommune: der achtstellige Gemeindeschlüssel, z. B. 05554004 für Ahaus."
                                        fehler=fehler_fuer(ergebnis, "kommune")
                                    />
                                    <Feld
                                        name="passwort"
                                        label="Erstes Passwort"
                                        typ="password"
                                        pflicht=true
                                        praefix="neu-"
                                        autocomplete="new-password"
                                        hinweis=format!("Mindestens {MIN_PASSWORT} Zeichen. Geben Sie es der Person auf sicherem Weg; sie kann es unter „Mein Konto“ ändern.")
                                        fehler=fehler_fuer(ergebnis, "passwort")
                                    />
                                    <FormularStatus ergebnis erfolg="Das Konto wurde angelegt." />
                                    <div class="knopfleiste">
                                        <button type="submit" class="knopf">"Konto anlegen"</button>
                                    </div>
                                </ActionForm>
                            </section>
                            <section aria-labelledby="konten-titel">
                                <h2 id="konten-titel">{format!("Konten ({})", zeilen.len())}</h2>
                                <FormularStatus ergebnis=Signal::derive(move || aendern.value().get()) erfolg="Die Änderung wurde gespeichert." />
                                <FormularStatus ergebnis=Signal::derive(move || passwort.value().get()) erfolg="Das Passwort wurde gesetzt; alle Sitzungen des Kontos sind beendet." />
                                <ul class="konten">
                                    {zeilen.into_iter().map(|z| view! { <KontoEintrag z aendern passwort /> }).collect_view()}
                                </ul>
                            </section>
                            <Anmeldesperren />
                        }
        } />
    }
}

#[component]
fn RollenAuswahl(id: &'static str, gewaehlt: Rolle, fehler: Signal<Option<String>>) -> impl IntoView {
    let meldung = format!("{id}-meldung");
    view! {
        <div class="feld" class:feld-mit-fehler=move || fehler.with(Option::is_some)>
            <label for=id>"Rolle"</label>
            <select id=id name="rolle" aria-describedby=move || fehler.with(Option::is_some).then(|| meldung.clone())>
                {Rolle::ALLE
                    .into_iter()
                    .map(|r| view! { <option value=r.code() selected=r == gewaehlt>{r.label()}</option> })
                    .collect_view()}
            </select>
            {move || fehler.get().map(|m| view! { <p class="feld-meldung" id=format!("{id}-meldung")>{m}</p> })}
        </div>
    }
}

#[component]
fn KontoEintrag(
    z: BenutzerZeile,
    aendern: ServerAction<BenutzerAendern>,
    passwort: ServerAction<BenutzerPasswortSetzen>,
) -> impl IntoView {
    let offen = RwSignal::new(false);
    let p = format!("k{}-", z.id);
    let kommune = match (&z.kommune_ags, &z.kommune_name) {
        (Some(a), Some(n)) => format!(" · {n} ({a})"),
        _ => String::new(),
    };
    let beschreibung = format!(
        "{}{} · {} · letzte Anmeldung: {}",
        z.rolle.label(),
        kommune,
        if z.aktiv { "aktiv" } else { "gesperrt" },
        z.angemeldet_ms.map(zeit_anzeigen).unwrap_or_else(|| "nie".into())
    );
    let gesperrt = !z.aktiv;
    let (z_form, p_form) = (z.clone(), p.clone());
    view! {
        <li class="konto" class:gesperrt=gesperrt>
            <div class="konto-kopf">
                <strong>{z.name.clone()}</strong>
                " "
                <span class="email">{z.email.clone()}</span>
                <p class="konto-details">{beschreibung}</p>
                <button
                    type="button"
                    class="knopf-klein"
                    aria-expanded=move || if offen.get() { "true" } else { "false" }
                    on:click=move |_| offen.update(|o| *o = !*o)
                >
                    {format!("{} bearbeiten", z.email)}
                </button>
            </div>
            <Show when=move || offen.get()>
                {
                    let (z, p) = (z_form.clone(), p_form.clone());
                    view! { <KontoFormulare z p aendern passwort /> }
                }
            </Show>
        </li>
    }
}

#[component]
fn KontoFormulare(
    z: BenutzerZeile,
    p: String,
    aendern: ServerAction<BenutzerAendern>,
    passwort: ServerAction<BenutzerPasswortSetzen>,
) -> impl IntoView {
    let fehler_aendern = fehler_fuer(Signal::derive(move || aendern.value().get()), "name");
    let fehler_kommune = fehler_fuer(Signal::derive(move || aendern.value().get()), "kommune");
    let fehler_pw = fehler_fuer(Signal::derive(move || passwort.value().get()), "passwort");
    let rollen_id = format!("{p}rolle");
    let aktiv_id = format!("{p}aktiv");
    let p_pw = format!("{p}pw-");
    view! {
                <div class="konto-formulare">
                    <ActionForm action=aendern attr:class="formular" attr:novalidate=true>
                        <input type="hidden" name="id" value=z.id />
                        <input type="hidden" name="version" value=z.version />
                        <Feld name="name" label="Name" wert=z.name.clone() praefix=p.clone() fehler=fehler_aendern />
                        <div class="feld">
                            <label for=rollen_id.clone()>"Rolle"</label>
                            <select id=rollen_id.clone() name="rolle">
                                {Rolle::ALLE
                                    .into_iter()
                                    .map(|r| view! { <option value=r.code() selected=r == z.rolle>{r.label()}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                        <Feld name="kommune" label="Kommune (AGS)" wert=z.kommune_ags.clone().unwrap_or_default() praefix=p.clone() fehler=fehler_kommune />
                        <div class="feld feld-haken">
                            <input type="checkbox" id=aktiv_id.clone() name="aktiv" value="ja" checked=z.aktiv />
                            <label for=aktiv_id.clone()>"Konto aktiv (abgewählt: gesperrt, alle Sitzungen enden)"</label>
                        </div>
                        <div class="knopfleiste">
                            <button type="submit" class="knopf">"Änderungen speichern"</button>
                        </div>
                    </ActionForm>
                    <ActionForm action=passwort attr:class="formular" attr:novalidate=true>
                        <input type="hidden" name="id" value=z.id />
                        <Feld name="passwort" label="Neues Passwort" typ="password" autocomplete="new-password" praefix=p_pw fehler=fehler_pw />
                        <div class="knopfleiste">
                            <button type="submit" class="knopf">"Passwort setzen"</button>
                        </div>
                    </ActionForm>
                </div>
    }
}

/// Active login locks with a button each to lift it (for the owner who locked themself out, or
/// a town hall behind one address).
#[component]
fn Anmeldesperren() -> impl IntoView {
    let aufheben = ServerAction::<SperreAufheben>::new();
    let sperren = Resource::new(move || aufheben.version().get(), |_| anmeldesperren_laden());
    view! {
        <section aria-labelledby="sperren-titel">
            <h2 id="sperren-titel">"Anmeldesperren"</h2>
            <p class="hinweis">
                "Nach 5 Fehlversuchen ist ein Konto von dem Netz aus gesperrt, aus dem sie kamen (1 Minute, jede weitere Sperre doppelt so lang, höchstens 1 Stunde); von anderen Netzen aus meldet sich die Person weiter an. Nach 100 Fehlversuchen über mehrere Konten ist ein ganzes Netz gesperrt, außer für Konten, die sich dort schon erfolgreich angemeldet haben."
            </p>
            <FormularStatus ergebnis=Signal::derive(move || aufheben.value().get()) erfolg="Die Sperre wurde aufgehoben." />
            <Laden daten=sperren bleibend=true inhalt={move |liste: Vec<_>| {
                if liste.is_empty() {
                    view! { <p>"Zurzeit ist keine Anmeldung gesperrt."</p> }.into_any()
                } else {
                    view! {
                        <ul class="konten">
                            {liste.into_iter().map(|s| view! { <SperreEintrag s aufheben /> }).collect_view()}
                        </ul>
                    }
                        .into_any()
                }
            }} />
        </section>
    }
}

#[component]
fn SperreEintrag(s: Sperre, aufheben: ServerAction<SperreAufheben>) -> impl IntoView {
    let text = s.beschreibung();
    let details = format!(
        "gesperrt bis {} · {}. Sperre · {} abgewiesene Versuche",
        zeit_anzeigen(s.gesperrt_bis_ms),
        s.sperren,
        s.abgewiesen
    );
    view! {
        <li class="konto">
            <strong>{text.clone()}</strong>
            <p class="konto-details">{details}</p>
            <ActionForm action=aufheben attr:class="formular-inline">
                <input type="hidden" name="schluessel" value=s.schluessel.clone() />
                <button type="submit" class="knopf-klein" aria-label=format!("Sperre aufheben: {text}")>"Sperre aufheben"</button>
            </ActionForm>
        </li>
    }
}
