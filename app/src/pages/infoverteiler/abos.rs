//! "Meine Abonnements": what the person follows and how they hear of it (changed or ended here),
//! and their personal Atom feed: one secret address, shown once, renewed or ended at any time.

use crate::api::infoverteiler::{Entfolgen, Folgen, InfofeedBeenden, InfofeedErneuern, abos_laden};
use crate::components::formular::{Ergebnis, FormularStatus};
use crate::components::laden::{Laden, NurAngemeldet};
use crate::model::infoverteiler::{Abo, MeineAbos, Versand};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MeineAbosSeite() -> impl IntoView {
    let folgen = ServerAction::<Folgen>::new();
    let entfolgen = ServerAction::<Entfolgen>::new();
    let erneuern = ServerAction::<InfofeedErneuern>::new();
    let beenden = ServerAction::<InfofeedBeenden>::new();
    let daten = Resource::new(
        move || (folgen.version().get(), entfolgen.version().get(), erneuern.version().get(), beenden.version().get()),
        |_| abos_laden(),
    );
    let geaendert: Ergebnis<Abo> = Signal::derive(move || folgen.value().get());
    let beendet: Ergebnis<()> = Signal::derive(move || entfolgen.value().get());
    view! {
        <Title text="Meine Abonnements" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::KONTO.to_string(), "Mein Konto".to_string())] aktuell="Meine Abonnements" />
        <h1>"Meine Abonnements"</h1>
        <NurAngemeldet zurueck=crate::pfad::MEINE_ABOS inhalt=move |_| view! {
            <Laden daten bleibend=true inhalt=move |m: MeineAbos| view! {
                <Tabelle abos=m.abos.clone() folgen entfolgen />
                <FormularStatus ergebnis=geaendert erfolg="Die Benachrichtigung ist geändert." />
                <FormularStatus ergebnis=beendet erfolg="Das Abonnement ist beendet." />
                <Feed seit=m.feed_seit_ms erneuern beenden />
                <section aria-labelledby="rs-titel">
                    <h2 id="rs-titel">"Rundschreiben der Koordination"</h2>
                    <p>
                        "Rundschreiben gehen an alle, die einem Themenfeld folgen, oder an alle Konten. "
                        <a href=crate::pfad::RUNDSCHREIBEN>"Rundschreiben lesen oder per E-Mail abbestellen"</a>
                    </p>
                </section>
                <Datenschutz />
            } />
        } />
    }
}

#[component]
fn Tabelle(abos: Vec<Abo>, folgen: ServerAction<Folgen>, entfolgen: ServerAction<Entfolgen>) -> impl IntoView {
    if abos.is_empty() {
        return view! {
            <p class="hinweis-kasten">
                "Sie folgen noch nichts. Den Knopf „Folgen“ finden Sie auf den Seiten der Themenfelder, im Forum, unter
                Aktuelles und bei den Veranstaltungen."
            </p>
        }
        .into_any();
    }
    view! {
        <div class="tabelle-rahmen">
            <table class="abos">
                <caption>"Was Sie abonniert haben"</caption>
                <thead><tr><th scope="col">"Abonnement"</th><th scope="col">"Benachrichtigung"</th><th scope="col">"Beenden"</th></tr></thead>
                <tbody>
                    {abos.into_iter().map(|a| view! { <Zeile a folgen entfolgen /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn Zeile(a: Abo, folgen: ServerAction<Folgen>, entfolgen: ServerAction<Entfolgen>) -> impl IntoView {
    let feld = format!("versand-{}", a.id);
    let (label, uebernehmen, beenden) = (
        format!("Benachrichtigung für {}", a.titel),
        format!("Übernehmen: {}", a.titel),
        format!("Nicht mehr folgen: {}", a.titel),
    );
    view! {
        <tr>
            <th scope="row"><a href=a.pfad.clone()>{a.titel.clone()}</a></th>
            <td>
                <ActionForm action=folgen attr:class="folgen-formular">
                    <input type="hidden" name="art" value=a.art.code() />
                    <input type="hidden" name="ziel" value=a.ziel.clone() />
                    <label for=feld.clone() class="sr-only">{label}</label>
                    <select id=feld name="versand">
                        {Versand::ALLE.into_iter().map(|v| view! {
                            <option value=v.code() selected=v == a.versand>{v.label()}</option>
                        }).collect_view()}
                    </select>
                    " "
                    <button type="submit" class="knopf-klein" aria-label=uebernehmen>"Übernehmen"</button>
                </ActionForm>
            </td>
            <td>
                <ActionForm action=entfolgen attr:class="folgen-formular">
                    <input type="hidden" name="id" value=a.id />
                    <button type="submit" class="knopf-klein knopf-zweit" aria-label=beenden>
                        "Nicht mehr folgen"
                    </button>
                </ActionForm>
            </td>
        </tr>
    }
}

#[component]
fn Feed(
    seit: Option<i64>,
    erneuern: ServerAction<InfofeedErneuern>,
    beenden: ServerAction<InfofeedBeenden>,
) -> impl IntoView {
    let neu: Ergebnis<String> = Signal::derive(move || erneuern.value().get());
    let weg: Ergebnis<()> = Signal::derive(move || beenden.value().get());
    // The address exists in the browser only right after it was made.
    let adresse = move || {
        neu.get().and_then(|r| r.ok()).map(|pfad| {
            let voll = format!("{}{pfad}", crate::components::adresse::ursprung());
            view! {
                <div class="hinweis-kasten" role="status">
                    <p>"Ihre persönliche Feed-Adresse (nur jetzt sichtbar – bitte gleich in den Feed-Reader übernehmen):"</p>
                    <p><label for="feed-adresse">"Feed-Adresse"</label> <input id="feed-adresse" type="text" readonly value=voll size="60" /></p>
                </div>
            }
        })
    };
    view! {
        <section aria-labelledby="feed-titel">
            <h2 id="feed-titel">"Persönlicher Feed (Atom)"</h2>
            <p>
                "Alles, dem Sie folgen, als Feed für Thunderbird, Outlook oder einen Feed-Reader. Die Adresse ist geheim
                wie ein Passwort; eine neue Adresse macht die alte ungültig."
            </p>
            <p>
                {match seit {
                    Some(ms) => format!("Ein Feed besteht seit {}.", crate::model::konto::zeit_anzeigen(ms)),
                    None => "Sie haben noch keinen Feed.".to_string(),
                }}
            </p>
            {adresse}
            <div class="knopfleiste">
                <ActionForm action=erneuern attr:class="formular-knopf">
                    <button type="submit" class="knopf">
                        {if seit.is_some() { "Neue Feed-Adresse erzeugen (die alte wird ungültig)" } else { "Feed-Adresse erzeugen" }}
                    </button>
                </ActionForm>
                {seit.is_some().then(|| view! {
                    <ActionForm action=beenden attr:class="formular-knopf">
                        <button type="submit" class="knopf-zweit knopf-gefahr">"Feed beenden"</button>
                    </ActionForm>
                })}
            </div>
            <FormularStatus ergebnis=neu erfolg="Die neue Feed-Adresse steht oben." />
            <FormularStatus ergebnis=weg erfolg="Der Feed ist beendet; die Adresse liefert nichts mehr." />
        </section>
    }
}

#[component]
fn Datenschutz() -> impl IntoView {
    view! {
        <section aria-labelledby="daten-titel">
            <h2 id="daten-titel">"Was dafür gespeichert wird"</h2>
            <p>
                "Ihre Abonnements mit der gewählten Benachrichtigung, der Zeitpunkt Ihres letzten Besuchs von „Neu für
                mich“, ob Sie Rundschreiben abbestellt haben, ein Geheimnis für die Abmelde-Links in den E-Mails und – falls Sie einen Feed erzeugt haben – eine
                Prüfsumme seiner Adresse. Versendete E-Mails stehen mit Empfänger und Zeitpunkt im Postausgang.
                Beenden Sie ein Abonnement, wird es gelöscht; mit Ihrem Konto wird alles gelöscht. Mehr in der "
                <a href=crate::pfad::DATENSCHUTZ>"Datenschutzerklärung"</a> "."
            </p>
        </section>
    }
}
