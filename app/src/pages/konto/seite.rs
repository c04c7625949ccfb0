//! "Mein Konto": who I am, what I may do, my password, and deleting the account.

use crate::api::konto::{KontoLoeschen, PasswortAendern};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, fehler_fuer};
use crate::components::laden::NurAngemeldet;
use crate::model::konto::{Angemeldet, MIN_PASSWORT, Rolle};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MeinKonto() -> impl IntoView {
    view! {
        <Title text="Mein Konto" />
        <h1>"Mein Konto"</h1>
        <NurAngemeldet zurueck=crate::pfad::KONTO inhalt=|p| view! { <Inhalt p /> } />
    }
}

fn rechte(r: Rolle) -> &'static str {
    match r {
        Rolle::Kommune => {
            "Sie bearbeiten die Daten Ihrer Kommune: Ansprechpersonen, Themenzuordnung, Datenlieferungen und Steckbriefe."
        }
        Rolle::Koordination => {
            "Sie bearbeiten die Roadmap, die Themenfelder, Labore und Workshops sowie die Daten aller Kommunen und lesen das Änderungsprotokoll."
        }
        Rolle::Admin => "Sie dürfen alles, was die Koordination darf, und verwalten zusätzlich die Benutzerkonten.",
    }
}

#[component]
fn Inhalt(p: Angemeldet) -> impl IntoView {
    let aktion = ServerAction::<PasswortAendern>::new();
    let ergebnis: Ergebnis<()> = Signal::derive(move || aktion.value().get());
    let hinweis = format!("Mindestens {MIN_PASSWORT} Zeichen; ein Satz aus mehreren Wörtern ist gut zu merken.");
    view! {
        <dl class="steckbrief">
            <dt>"Name"</dt>
            <dd>{p.name.clone()}</dd>
            <dt>"E-Mail-Adresse"</dt>
            <dd>{p.email.clone()}</dd>
            <dt>"Rolle"</dt>
            <dd>{p.rolle.label()} ": " {rechte(p.rolle)}</dd>
            {p.kommune_ags.clone().map(|ags| {
                view! {
                    <dt>"Kommune"</dt>
                    <dd>
                        <a href=crate::pfad::kommune(&ags)>{p.kommune_name.clone().unwrap_or(ags.clone())}</a>
                    </dd>
                }
            })}
        </dl>
        <ul class="konto-wege">
            <li><a href=crate::pfad::NEU_FUER_MICH>"Neu für mich"</a>" – was es Neues gibt zu dem, dem Sie folgen"</li>
            <li><a href=crate::pfad::MEINE_ABOS>"Meine Abonnements"</a>" – folgen, E-Mail-Benachrichtigung, persönlicher Feed"</li>
            <li><a href=crate::pfad::MEINE_VERANSTALTUNGEN>"Meine Anmeldungen"</a>" – Veranstaltungen und Kalender-Abo"</li>
        </ul>
        <section aria-labelledby="passwort-titel">
            <h2 id="passwort-titel">"Passwort ändern"</h2>
            <p>"Nach der Änderung sind Sie auf allen anderen Geräten abgemeldet."</p>
            <ActionForm action=aktion attr:class="formular schmal" attr:novalidate=true>
                <Feld name="bisher" label="Bisheriges Passwort" typ="password" autocomplete="current-password" pflicht=true fehler=fehler_fuer(ergebnis, "bisher") />
                <Feld name="neu" label="Neues Passwort" typ="password" autocomplete="new-password" pflicht=true hinweis fehler=fehler_fuer(ergebnis, "neu") />
                <Feld
                    name="wiederholung"
                    label="Neues Passwort wiederholen"
                    typ="password"
                    autocomplete="new-password"
                    pflicht=true
                    fehler=fehler_fuer(ergebnis, "wiederholung")
                />
                <FormularStatus ergebnis erfolg="Das Passwort wurde geändert." />
                <div class="knopfleiste">
                    <button type="submit" class="knopf">"Passwort ändern"</button>
                </div>
            </ActionForm>
        </section>
        <Loeschen />
    }
}

/// Deleting one's own account, confirmed with the password; says first what stays and what goes.
#[component]
fn Loeschen() -> impl IntoView {
    let aktion = ServerAction::<KontoLoeschen>::new();
    let ergebnis: Ergebnis<()> = Signal::derive(move || aktion.value().get());
    Effect::new(move || {
        if matches!(aktion.value().get(), Some(Ok(()))) {
            crate::components::adresse::gehe_zu(crate::pfad::START);
        }
    });
    view! {
        <section aria-labelledby="loeschen-titel">
            <h2 id="loeschen-titel">"Konto löschen"</h2>
            <details class="frage">
                <summary>"Was beim Löschen geschieht"</summary>
                <ul>
                    <li>"Gelöscht werden Ihr Konto, Ihre Sitzungen, Abonnements, Lesestände, Feed-Adresse, Anmeldungen zu Veranstaltungen und wartende E-Mails."</li>
                    <li>"Ihre Forenbeiträge bleiben für das Gespräch stehen, erscheinen aber unter „ehemaliges Mitglied“."</li>
                    <li>"Steckbriefe und Datenlieferungen Ihrer Kommune bleiben, ohne Ihren Namen."</li>
                    <li>"Das Änderungsprotokoll behält, was Sie geändert haben, und vermerkt die Löschung."</li>
                </ul>
                <ActionForm action=aktion attr:class="formular schmal" attr:novalidate=true>
                    <Feld
                        name="passwort"
                        label="Zur Bestätigung: Ihr Passwort"
                        typ="password"
                        praefix="loeschen-"
                        autocomplete="current-password"
                        pflicht=true
                        fehler=fehler_fuer(ergebnis, "passwort")
                    />
                    <FormularStatus ergebnis erfolg="Ihr Konto wurde gelöscht." />
                    <div class="knopfleiste">
                        <button type="submit" class="knopf knopf-gefahr">"Konto endgültig löschen"</button>
                    </div>
                </ActionForm>
            </details>
        </section>
    }
}
