//! A person's own registrations and their personal calendar feed: one address to subscribe to
//! in Outlook or Thunderbird, shown once when created (the server keeps only its hash), renewed
//! (the old one stops working) or ended at any time.

use super::TerminText;
use crate::api::veranstaltung::{
    KalenderAboBeenden, KalenderAboErneuern, MeineVeranstaltungen, meine_veranstaltungen_laden,
};
use crate::components::formular::{Ergebnis, FormularStatus};
use crate::components::laden::{Laden, NurAngemeldet};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MeineVeranstaltungenSeite() -> impl IntoView {
    let erneuern = ServerAction::<KalenderAboErneuern>::new();
    let beenden = ServerAction::<KalenderAboBeenden>::new();
    let daten =
        Resource::new(move || (erneuern.version().get(), beenden.version().get()), |_| meine_veranstaltungen_laden());
    view! {
        <Title text="Meine Anmeldungen" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::VERANSTALTUNGEN.to_string(), "Veranstaltungen".to_string())] aktuell="Meine Anmeldungen" />
        <h1>"Meine Anmeldungen"</h1>
        <NurAngemeldet zurueck=crate::pfad::MEINE_VERANSTALTUNGEN inhalt=move |_| view! {
            <Laden daten bleibend=true inhalt=move |m: MeineVeranstaltungen| view! {
                <Liste m=m.clone() />
                <Abo seit=m.abo_seit_ms erneuern beenden />
            } />
        } />
    }
}

#[component]
fn Liste(m: MeineVeranstaltungen) -> impl IntoView {
    if m.anmeldungen.is_empty() {
        return view! {
            <p class="hinweis-kasten">
                "Sie sind zu keiner Veranstaltung angemeldet. "
                <a href=crate::pfad::VERANSTALTUNGEN>"Zu den Veranstaltungen"</a>
            </p>
        }
        .into_any();
    }
    view! {
        <ul class="meine-anmeldungen">
            {m.anmeldungen.into_iter().map(|(v, t)| view! {
                <li>
                    <a href=crate::pfad::veranstaltung(v.id)>{v.titel.clone()}</a>
                    ": " <TerminText v=v.clone() /> " – " {t.anzeigen()}
                    {v.abgesagt.then_some(" – abgesagt")}
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn Abo(
    seit: Option<i64>,
    erneuern: ServerAction<KalenderAboErneuern>,
    beenden: ServerAction<KalenderAboBeenden>,
) -> impl IntoView {
    let neu: Ergebnis<String> = Signal::derive(move || erneuern.value().get());
    let weg: Ergebnis<()> = Signal::derive(move || beenden.value().get());
    // The address exists in the browser only right after it was made.
    let adresse = move || {
        neu.get().and_then(|r| r.ok()).map(|pfad| {
            let voll = format!("{}{pfad}", crate::components::adresse::ursprung());
            view! {
                <div class="hinweis-kasten" role="status">
                    <p>"Ihre persönliche Abo-Adresse (nur jetzt sichtbar – bitte gleich in den Kalender übernehmen):"</p>
                    <p><label for="abo-adresse">"Abo-Adresse"</label> <input id="abo-adresse" type="text" readonly value=voll.clone() size="60" /></p>
                    <p><a href=pfad rel="external">"Kalender jetzt öffnen"</a></p>
                </div>
            }
        })
    };
    view! {
        <section aria-labelledby="abo-titel">
            <h2 id="abo-titel">"Persönlicher Kalender"</h2>
            <p>
                "Ihre Anmeldungen als Kalender-Abo (iCal): Termine, Änderungen und Absagen erscheinen in Outlook,
                Thunderbird oder auf dem Smartphone von selbst, bei Online-Veranstaltungen mit dem Link. Die Adresse ist
                geheim wie ein Passwort."
            </p>
            <p>
                {match seit {
                    Some(ms) => format!("Ein Abo besteht seit {}.", crate::model::konto::zeit_anzeigen(ms)),
                    None => "Sie haben noch kein Abo.".to_string(),
                }}
            </p>
            {adresse}
            <div class="knopfleiste">
                <ActionForm action=erneuern attr:class="formular-knopf">
                    <button type="submit" class="knopf">
                        {if seit.is_some() { "Neue Abo-Adresse erzeugen (die alte wird ungültig)" } else { "Abo-Adresse erzeugen" }}
                    </button>
                </ActionForm>
                {seit.is_some().then(|| view! {
                    <ActionForm action=beenden attr:class="formular-knopf">
                        <button type="submit" class="knopf-zweit knopf-gefahr">"Abo beenden"</button>
                    </ActionForm>
                })}
            </div>
            <FormularStatus ergebnis=neu erfolg="Die neue Abo-Adresse steht oben." />
            <FormularStatus ergebnis=weg erfolg="Das Abo ist beendet; die Adresse liefert nichts mehr." />
        </section>
    }
}
