//! Zuständigkeit je Größenklasse of one Themenfeld's OZG-Leistungen: a table for everyone, the
//! bulk edit (one form, all rows) for the coordination.

use crate::api::zustaendigkeit::{ZustaendigkeitSpeichern, zustaendigkeit_laden};
use crate::components::formular::{Ergebnis, FormularStatus, fehler_der_zeile, fehler_fuer};
use crate::components::konto::darf;
use crate::components::laden::LadenMitKonto;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::kommune::Groessenklasse;
use crate::model::konto::{Angemeldet, Recht};
use crate::model::leistung::RELEVANZ_REGEL;
use crate::model::zustaendigkeit::{MAX_QUELLE, ZustaendigkeitSeite, ZustaendigkeitZeile, quelle_feld};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ZustaendigkeitSeiteAnsicht() -> impl IntoView {
    let slug = crate::components::adresse::pfad_teil(1);
    let aktion = ServerAction::<ZustaendigkeitSpeichern>::new();
    let daten = Resource::new(move || (slug.clone(), aktion.version().get()), |(s, _)| zustaendigkeit_laden(s));
    view! {
        <LadenMitKonto
            daten
            bleibend=true
            fehlertitel="Zuständigkeit je Größenklasse"
            inhalt=move |d, person| view! { <Inhalt d person aktion /> }
        />
    }
}

#[component]
fn Inhalt(
    d: ZustaendigkeitSeite,
    person: Option<Angemeldet>,
    aktion: ServerAction<ZustaendigkeitSpeichern>,
) -> impl IntoView {
    let bearbeitbar = darf(&person, Recht::ZustaendigkeitPflegen);
    let titel = format!("Zuständigkeit je Größenklasse: {}", d.themenfeld);
    let im_feld = d.zeilen.iter().filter(|z| z.groessenklassen.is_some()).count();
    view! {
        <Title text=titel.clone() />
        <crate::components::status::Brotkrumen
            wege=vec![
                (crate::pfad::LANDKARTE.to_string(), "Themenfeld-Landkarte".to_string()),
                (crate::pfad::themenfeld(&d.slug), d.themenfeld.clone()),
            ]
            aktuell="Zuständigkeit je Größenklasse".to_string()
        />
        <h1>{titel}</h1>
        <p>
            "Welche Größenklassen von Kommunen eine OZG-Leistung anbieten müssen, nennt keine öffentliche Quelle. Die \
             Koordination pflegt es hier je Leistung mit der Quelle, auf der es beruht. Wo es gepflegt ist, richten sich \
             die Kommunensicht, die NRW-Karte und die Kennzahlen danach."
        </p>
        <p id="pflegestand">
            {format!("In diesem Themenfeld gepflegt: {im_feld} von {} OZG-Leistungen. ", d.zeilen.len())}
            {d.stand.satz()}
        </p>
        <details class="erlaeuterung">
            <summary>"Die allgemeine Regel"</summary>
            <p>{RELEVANZ_REGEL}</p>
        </details>
        {if d.zeilen.is_empty() {
            view! { <p>"Der KDN-Katalog ordnet diesem Themenfeld keine OZG-Leistungen zu."</p> }.into_any()
        } else if bearbeitbar {
            view! { <Formular d aktion /> }.into_any()
        } else {
            view! { <Anzeige zeilen=d.zeilen /> }.into_any()
        }}
    }
}

/// The column heads: one per Größenklasse, referenced by the checkboxes' names.
fn koepfe() -> impl IntoView {
    Groessenklasse::ALLE
        .into_iter()
        .map(|g| view! { <th scope="col" id=format!("gk-{}", g.code()) class="gk-kopf">{g.label()}</th> })
        .collect_view()
}

fn regel_text(z: &ZustaendigkeitZeile) -> &'static str {
    if z.regel == "ja" { "relevant (alle Größenklassen)" } else { "nicht relevant" }
}

/// The row head: the Leistung as a link (its text names the row for the fields), ID and Lebenslage.
fn zeilenkopf(z: &ZustaendigkeitZeile) -> impl IntoView + use<> {
    view! {
        <th scope="row">
            <a id=format!("z-{}", z.ozg_id) href=crate::pfad::leistung(z.ozg_id)>{z.name.clone()}</a>
            <span class="hinweis">{format!(" {} · {}", z.ozg_id, z.lebenslage)}</span>
        </th>
    }
}

#[component]
fn Anzeige(zeilen: Vec<ZustaendigkeitZeile>) -> impl IntoView {
    view! {
        <Tabellenrahmen titel="Zuständigkeit je Größenklasse">
            <table class="katalog-tabelle zustaendigkeit">
                <caption class="sr-only">"OZG-Leistungen mit den zuständigen Größenklassen und der Quelle"</caption>
                <thead>
                    <tr>
                        <th scope="col">"OZG-Leistung"</th>
                        {koepfe()}
                        <th scope="col">"Quelle"</th>
                    </tr>
                </thead>
                <tbody>
                    {zeilen
                        .into_iter()
                        .map(|z| {
                            let zellen = match z.klassen() {
                                Some(k) => Groessenklasse::ALLE
                                    .into_iter()
                                    .map(|g| {
                                        let ja = k.contains(&g);
                                        view! { <td class="gk-wert">{if ja { "zuständig" } else { "–" }}</td> }
                                    })
                                    .collect_view()
                                    .into_any(),
                                None => view! {
                                    <td colspan="5" class="nicht-erfasst">{format!("nicht gepflegt – allgemeine Regel: {}", regel_text(&z))}</td>
                                }
                                .into_any(),
                            };
                            view! {
                                <tr>
                                    {zeilenkopf(&z)}
                                    {zellen}
                                    <td>{z.quelle.clone().unwrap_or_else(|| "–".into())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </Tabellenrahmen>
    }
}

#[component]
fn Formular(d: ZustaendigkeitSeite, aktion: ServerAction<ZustaendigkeitSpeichern>) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
    let zeilen_fehler = fehler_fuer(ergebnis, "zeilen");
    let alle_fehler = fehler_fuer(ergebnis, "quelle_alle");
    view! {
        <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
            <input type="hidden" name="themenfeld" value=d.slug.clone() />
            <p id="zustaendigkeit-hilfe" class="hinweis">
                "Je Zeile: die zuständigen Größenklassen ankreuzen und die Quelle nennen. Eine Quelle ohne Kreuz heißt: \
                 keine Größenklasse (die Leistung ist nicht kommunal). Ohne Kreuz und ohne Quelle ist die Zeile nicht \
                 gepflegt; dann gilt die allgemeine Regel."
            </p>
            <div class="feld">
                <label for="quelle_alle">"Quelle für alle angekreuzten Zeilen ohne eigene Quelle"</label>
                <input
                    type="text"
                    id="quelle_alle"
                    name="quelle_alle"
                    maxlength=MAX_QUELLE.to_string()
                    aria-invalid=move || alle_fehler.get().is_some().to_string()
                />
                {move || alle_fehler.get().map(|m| view! { <p class="feld-meldung">{m}</p> })}
            </div>
            {move || zeilen_fehler.get().map(|m| view! { <p class="formular-fehler" role="alert">{m}</p> })}
            <Tabellenrahmen titel="Zuständigkeit je Größenklasse bearbeiten">
                <table class="katalog-tabelle zustaendigkeit">
                    <caption class="sr-only">"Zuständige Größenklassen und Quelle je OZG-Leistung bearbeiten"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"OZG-Leistung"</th>
                            {koepfe()}
                            <th scope="col" id="quelle-kopf">"Quelle"</th>
                            <th scope="col">"Ohne Pflege"</th>
                        </tr>
                    </thead>
                    <tbody>{d.zeilen.into_iter().map(|z| view! { <Zeile z ergebnis /> }).collect_view()}</tbody>
                </table>
            </Tabellenrahmen>
            <FormularStatus ergebnis erfolg="Die Zuständigkeit wurde gespeichert." />
            <div class="knopfleiste">
                <button type="submit" class="knopf">"Zuständigkeit speichern"</button>
            </div>
        </ActionForm>
    }
}

/// One row of the form: a checkbox per Größenklasse, the source, the general rule for reference.
#[component]
fn Zeile(z: ZustaendigkeitZeile, ergebnis: Ergebnis<i64>) -> impl IntoView {
    let id = z.ozg_id;
    let klassen = z.klassen().unwrap_or_default();
    let feld = quelle_feld(id);
    let fehler = fehler_der_zeile(ergebnis, feld.clone());
    let meldung = format!("{feld}-meldung");
    let m = meldung.clone();
    view! {
        <tr>
            {zeilenkopf(&z)}
            {Groessenklasse::ALLE
                .into_iter()
                .map(|g| {
                    view! {
                        <td class="gk-wert">
                            <input
                                type="checkbox"
                                name="klassen[]"
                                value=format!("{id}:{}", g.code())
                                checked=klassen.contains(&g)
                                aria-labelledby=format!("z-{id} gk-{}", g.code())
                            />
                        </td>
                    }
                })
                .collect_view()}
            <td>
                <input type="hidden" name="ozg[]" value=id />
                <input type="hidden" name="versionen[]" value=z.version />
                <input
                    type="text"
                    name="quellen[]"
                    id=feld
                    value=z.quelle.clone().unwrap_or_default()
                    maxlength=MAX_QUELLE.to_string()
                    aria-labelledby=format!("quelle-kopf z-{id}")
                    aria-invalid=move || fehler.get().is_some().to_string()
                    aria-describedby=move || fehler.get().map(|_| m.clone())
                />
                {move || fehler.get().map(|t| view! { <p class="feld-meldung" id=meldung.clone()>{t}</p> })}
            </td>
            <td>{regel_text(&z)}</td>
        </tr>
    }
}
