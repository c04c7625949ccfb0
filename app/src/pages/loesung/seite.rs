//! The page of one online service (Lösung): provider, maturity with its model, the LeiKa keys it
//! covers (resolved against the catalog), the OZG-Leistungen reached through them, and its
//! Kommunen. (A *Steckbrief* is something else: a Kommune's submission, `pages/steckbrief.rs`.)

use crate::api::kommune::kommunen_namen;
use crate::api::loesung::{NutzungSpeichern, ReichweiteSetzen, loesung_laden};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, fehler_fuer};
use crate::components::konto::{darf, konto};
use crate::components::status::{Fehler, Laedt, zahl};
use crate::components::tabelle::Tabellenrahmen;
use crate::model::kommune::KommuneName;
use crate::model::konto::Recht;
use crate::model::loesung::Nutzung;
use crate::model::loesung::{
    AbgedeckterSchluessel, Onlinedienst, OnlinedienstSeite, reifegrad_label, reifegrad_wert, status_label,
};
use crate::pages::{monat_kurz, oder_nicht_erfasst};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoesungSeite() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1).parse::<i64>().unwrap_or(0);
    let id = move || id;
    let fuer = crate::components::adresse::suchparameter("fuer");
    let nutzung = ServerAction::<NutzungSpeichern>::new();
    let reichweite = ServerAction::<ReichweiteSetzen>::new();
    let daten = Resource::new(
        move || (id(), nutzung.version().get(), reichweite.version().get()),
        |(id, _, _)| loesung_laden(id),
    );
    view! {
        <Transition fallback=|| view! { <Laedt /> }>
            {move || {
                // The coordination reports for the Kommune chosen in the address (`?fuer=<AGS>`).
                let fuer = fuer.clone();
                Suspend::new(async move {
                let person = konto().await;
                match daten.await {
                    Ok(d) => {
                        let dienst = d.dienst.id;
                        // Staff of a Kommune report its own use; the coordination picks a Kommune.
                        let eigene = person.as_ref().and_then(|p| Some((p.kommune_ags.clone()?, p.kommune_name.clone()?)));
                        let meldung = match eigene {
                            Some((ags, name)) => {
                                let bisher = d.kommunen.iter().find(|k| k.ags == ags).cloned();
                                view! { <NutzungMelden dienst ags name bisher aktion=nutzung /> }.into_any()
                            }
                            None if darf(&person, Recht::KommunenVertreten) => {
                                view! { <KommuneWaehlen dienst fuer bisher=d.kommunen.clone() aktion=nutzung /> }.into_any()
                            }
                            None => ().into_any(),
                        };
                        let reichweite_form = darf(&person, Recht::SteckbriefePruefen).then(|| {
                            view! { <ReichweiteFormular o=d.dienst.clone() aktion=reichweite /> }
                        });
                        view! { <Inhalt d /> {meldung} {reichweite_form} }.into_any()
                    }
                    Err(e) => view! { <Title text="Online-Dienst" /> <Fehler fehler=e /> }.into_any(),
                }
                })
            }}
        </Transition>
    }
}

/// Where the service counts as offered in the Bund-compatible coverage: Land-wide, or where
/// Kommunen report it (for those who publish services). Saved with the version shown.
#[component]
fn ReichweiteFormular(o: Onlinedienst, aktion: ServerAction<ReichweiteSetzen>) -> impl IntoView {
    use crate::model::loesung::reichweite_label;
    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
    let land = o.reichweite.as_deref() == Some("land");
    let fehler = fehler_fuer(ergebnis, "reichweite");
    view! {
        <section aria-labelledby="reichweite-titel">
            <h2 id="reichweite-titel">"Reichweite des Dienstes"</h2>
            <p>"Zählt für die Flächendeckung (/api/v1/bund, Kennzahlen) landesweit oder nur dort, wo Kommunen ihn als in Betrieb melden."</p>
            <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="id" value=o.id />
                <input type="hidden" name="version" value=o.version />
                <fieldset class="feld" aria-describedby="reichweite-fehler">
                    <legend>"Reichweite"</legend>
                    <label>
                        <input type="radio" name="reichweite" value="" checked={!land} />
                        {reichweite_label(None)}
                    </label>
                    <label>
                        <input type="radio" name="reichweite" value="land" checked=land />
                        {reichweite_label(Some("land"))}
                    </label>
                </fieldset>
                <p id="reichweite-fehler" class="feld-meldung">{move || fehler.get()}</p>
                <FormularStatus ergebnis erfolg="Die Reichweite wurde gespeichert." />
                <button type="submit" class="knopf">"Reichweite speichern"</button>
            </ActionForm>
        </section>
    }
}

/// The coordination chooses the Kommune it reports for, then gets that Kommune's form. The
/// choice is in the address, so it can be linked and survives a reload; the list of Kommunen is
/// loaded only here, for the coordination.
#[component]
fn KommuneWaehlen(
    dienst: i64,
    fuer: Option<String>,
    bisher: Vec<Nutzung>,
    aktion: ServerAction<NutzungSpeichern>,
) -> impl IntoView {
    let namen = Resource::new(|| (), |_| kommunen_namen());
    let absenden = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let wahl = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
                .and_then(|f| web_sys::FormData::new_with_form(&f).ok())
                .and_then(|d| d.get("fuer").as_string());
            if let Some(ags) = wahl {
                ev.prevent_default();
                crate::components::adresse::gehe_zu(&format!("/loesungen/{dienst}?fuer={ags}"));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &ev;
    };
    view! {
        <Suspense fallback=|| view! { <Laedt /> }>
            {move || {
                let (fuer, bisher, absenden) = (fuer.clone(), bisher.clone(), absenden);
                Suspend::new(async move {
                let namen = match namen.await {
                    Ok(n) => n,
                    Err(e) => return view! { <Fehler fehler=e /> }.into_any(),
                };
                let gewaehlt = fuer.as_deref().and_then(|f| namen.iter().find(|k| k.ags == f)).cloned();
                let mut gruppen: Vec<(String, Vec<KommuneName>)> = vec![];
                for k in namen {
                    match gruppen.last_mut() {
                        Some((kreis, liste)) if *kreis == k.kreis => liste.push(k),
                        _ => gruppen.push((k.kreis.clone(), vec![k])),
                    }
                }
                let auswahl = gewaehlt.as_ref().map(|k| k.ags.clone());
                let form = gewaehlt.map(|k| {
                    let bisher = bisher.iter().find(|n| n.ags == k.ags).cloned();
                    view! { <NutzungMelden dienst ags=k.ags name=k.name bisher aktion /> }
                });
                view! {
                    <section aria-labelledby="vertreten-titel">
                        <h2 id="vertreten-titel">"Nutzung für eine Kommune erfassen"</h2>
                        <form method="get" action=crate::pfad::loesung(dienst) class="formular-zeile" on:submit=absenden>
                            <label for="fuer">"Kommune"</label>
                            <select id="fuer" name="fuer">
                                {gruppen
                                    .into_iter()
                                    .map(|(kreis, liste)| {
                                        view! {
                                            <optgroup label=kreis>
                                                {liste
                                                    .into_iter()
                                                    .map(|k| {
                                                        let selected = auswahl.as_deref() == Some(k.ags.as_str());
                                                        view! { <option value=k.ags selected=selected>{k.name}</option> }
                                                    })
                                                    .collect_view()}
                                            </optgroup>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <button type="submit" class="knopf-zweit">"Kommune wählen"</button>
                        </form>
                    </section>
                    {form}
                }
                .into_any()
                })
            }}
        </Suspense>
    }
}

fn monat_feld(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m").to_string()).unwrap_or_default()
}

/// The form of a Kommune's staff: planned from, in operation since, comment; or remove.
#[component]
fn NutzungMelden(
    dienst: i64,
    ags: String,
    name: String,
    bisher: Option<Nutzung>,
    aktion: ServerAction<NutzungSpeichern>,
) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
    let version = bisher.as_ref().map_or(0, |n| n.version);
    let vorhanden = bisher.is_some();
    view! {
        <section aria-labelledby="nutzung-titel">
            <h2 id="nutzung-titel">{format!("Nutzung durch {name}")}</h2>
            <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="onlinedienst_id" value=dienst />
                <input type="hidden" name="ags" value=ags />
                <input type="hidden" name="version" value=version />
                <Feld
                    name="geplant_ab"
                    typ="month"
                    label="Anschluss geplant ab"
                    hinweis="Monat, z. B. 2026-03"
                    wert=monat_feld(bisher.as_ref().and_then(|n| n.geplant_ab))
                    fehler=fehler_fuer(ergebnis, "geplant_ab")
                />
                <Feld
                    name="in_betrieb_seit"
                    typ="month"
                    label="In Betrieb seit"
                    wert=monat_feld(bisher.as_ref().and_then(|n| n.in_betrieb_seit))
                    fehler=fehler_fuer(ergebnis, "in_betrieb_seit")
                />
                <Feld
                    name="kommentar"
                    label="Kommentar"
                    wert=bisher.as_ref().and_then(|n| n.kommentar.clone()).unwrap_or_default()
                    fehler=fehler_fuer(ergebnis, "kommentar")
                />
                <FormularStatus ergebnis erfolg="Die Nutzung wurde gespeichert." />
                <div class="knopfleiste">
                    <button type="submit" class="knopf">"Nutzung speichern"</button>
                    {vorhanden.then(|| view! {
                        <button type="submit" class="knopf-zweit knopf-gefahr" name="entfernen" value="1">"Nutzung entfernen"</button>
                    })}
                </div>
            </ActionForm>
        </section>
    }
}

#[component]
fn Inhalt(d: OnlinedienstSeite) -> impl IntoView {
    let leistungen = d.leistungen();
    let OnlinedienstSeite { dienst: o, schluessel, kommunen, link } = d;
    view! {
        <Title text=o.name.clone() />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::LOESUNGEN.to_string(), "Lösungsdatenbank".to_string())] aktuell=o.name.clone() />
        <h1>{o.name.clone()}</h1>
        <Angaben o=o.clone() link />
        <Leistungen leistungen />
        <Schluessel schluessel />
        <crate::components::karte::KarteDerNutzung dienst=o.id />
        <Kommunen kommunen />
    }
}

/// The service's details as a definition list.
#[component]
fn Angaben(o: Onlinedienst, link: Option<crate::model::linkpruefung::LinkStand>) -> impl IntoView {
    let reife = reifegrad_wert(o.reifegrad, o.reifegrad_modell.as_deref()).map(|w| reifegrad_label(&w));
    let anbieter = match (o.dienstleister_id, o.anbieter.clone()) {
        (Some(_), Some(name)) => view! { <a href=crate::pfad::DIENSTLEISTER>{name}</a> }.into_any(),
        (None, name) => oder_nicht_erfasst(name),
        (Some(id), None) => format!("IT-Dienstleister {id}").into_any(),
    };
    let url = o.url.clone().map(|u| {
        // Only web addresses become links; anything else is shown as text.
        if u.starts_with("https://") || u.starts_with("http://") {
            view! { <a href=u.clone() rel="external noopener">{u.clone()}</a> }.into_any()
        } else {
            u.into_any()
        }
    });
    // The link check's verdict, where the address is one it checks.
    let erreichbar = o.url.as_deref().filter(|u| u.starts_with("http")).map(|_| match &link {
        Some(l) => view! { <span class={if l.erreichbar { "link-ok" } else { "link-kaputt" }}>{l.anzeigen()}</span> }
            .into_any(),
        None => "noch nicht geprüft".into_any(),
    });
    view! {
        <dl class="steckbrief">
            <dt>"Anbieter"</dt>
            <dd>{anbieter}</dd>
            <dt>"Adresse des Dienstes"</dt>
            <dd>{url.unwrap_or_else(|| oder_nicht_erfasst(None))}</dd>
            {erreichbar.map(|e| view! { <dt>"Erreichbarkeit (Linkprüfung)"</dt><dd>{e}</dd> })}
            <dt>"Status"</dt>
            <dd>{status_label(&o.status)}</dd>
            <dt>"Reifegrad"</dt>
            <dd>{oder_nicht_erfasst(reife)}</dd>
            <dt>"EfA-Status"</dt>
            <dd>{oder_nicht_erfasst(o.efa_status.clone())}</dd>
            <dt>"Authentifizierung"</dt>
            <dd>{oder_nicht_erfasst(o.authentifizierung.clone())}</dd>
            <dt>"Bezahlung"</dt>
            <dd>{oder_nicht_erfasst(o.bezahlung.clone())}</dd>
            <dt>"Zuständige Stelle"</dt>
            <dd>{oder_nicht_erfasst(o.zustaendige_stelle.clone())}</dd>
            <dt>"Quelle"</dt>
            <dd>{o.quelle.clone()}</dd>
        </dl>
    }
}

/// The OZG-Leistungen the service's keys reach: (OZG-ID, name, Themenfeld, slug).
#[component]
fn Leistungen(leistungen: Vec<(i64, String, String, String)>) -> impl IntoView {
    view! {
        <h2>{format!("OZG-Leistungen ({})", zahl(crate::model::anzahl(leistungen.len())))}</h2>
        {if leistungen.is_empty() {
            view! { <p>"Keiner der LeiKa-Schlüssel gehört zu einer OZG-Leistung im Katalog."</p> }.into_any()
        } else {
            view! {
                <ul class="spalten-liste">
                    {leistungen
                        .into_iter()
                        .map(|(id, name, tf, slug)| {
                            view! {
                                <li>
                                    <a href=crate::pfad::leistung(id)>{format!("{name} ({id})")}</a>
                                    " – "
                                    <a href=crate::pfad::themenfeld(&slug)>{tf}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }}
    }
}

/// The LeiKa keys, those missing from the catalog marked.
#[component]
fn Schluessel(schluessel: Vec<AbgedeckterSchluessel>) -> impl IntoView {
    let fehlend = schluessel.iter().filter(|s| s.katalog_name.is_none()).count();
    view! {
        <h2>{format!("LeiKa-Schlüssel ({})", zahl(crate::model::anzahl(schluessel.len())))}</h2>
        {(fehlend > 0)
            .then(|| {
                view! {
                    <p class="hinweis">
                        {if fehlend == 1 {
                            "Ein Schlüssel steht nicht im LeiKa-Katalog der KDN (Stand 2021); er ist wie in der Quelle übernommen und markiert."
                                .to_string()
                        } else {
                            format!(
                                "{fehlend} der Schlüssel stehen nicht im LeiKa-Katalog der KDN (Stand 2021); sie sind wie in der Quelle übernommen und markiert.",
                            )
                        }}
                    </p>
                }
            })}
        <Tabellenrahmen titel="Online-Dienst">
            <table class="katalog-tabelle">
                <caption class="sr-only">"LeiKa-Schlüssel des Online-Dienstes"</caption>
                <thead>
                    <tr>
                        <th scope="col">"LeiKa-Schlüssel"</th>
                        <th scope="col">"Bezeichnung"</th>
                        <th scope="col">"OZG-Leistung"</th>
                    </tr>
                </thead>
                <tbody>
                    {schluessel
                        .into_iter()
                        .map(|s| {
                            let im_katalog = s.katalog_name.is_some();
                            let name = s.katalog_name.clone().or(s.bezeichnung.clone());
                            let ozg = match (s.ozg_id, s.ozg_name.clone()) {
                                (Some(id), Some(n)) => view! { <a href=crate::pfad::leistung(id)>{n}</a> }.into_any(),
                                _ => oder_nicht_erfasst(None),
                            };
                            view! {
                                <tr class:zeile-markiert=!im_katalog>
                                    <td><code>{s.schluessel.clone()}</code></td>
                                    <td>
                                        {oder_nicht_erfasst(name)}
                                        {(!im_katalog).then(|| view! { <span class="markiert">" (nicht im LeiKa-Katalog)"</span> })}
                                    </td>
                                    <td>{ozg}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </Tabellenrahmen>
    }
}

/// The Kommunen that use or plan to use the service.
#[component]
fn Kommunen(kommunen: Vec<Nutzung>) -> impl IntoView {
    view! {
        <h2>{format!("Kommunen ({})", zahl(crate::model::anzahl(kommunen.len())))}</h2>
        {if kommunen.is_empty() {
            view! { <p>"Noch keine Kommune hat die Nutzung dieses Dienstes gemeldet."</p> }.into_any()
        } else {
            view! {
                <Tabellenrahmen titel="Online-Dienst">
                    <table class="katalog-tabelle">
                        <caption class="sr-only">"Kommunen, die den Dienst nutzen oder planen"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Kommune"</th>
                                <th scope="col">"Anschluss geplant ab"</th>
                                <th scope="col">"In Betrieb seit"</th>
                                <th scope="col">"Kommentar"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {kommunen
                                .into_iter()
                                .map(|k| {
                                    view! {
                                        <tr>
                                            <td><a href=crate::pfad::kommune(&k.ags)>{k.kommune.clone()}</a></td>
                                            <td>{monat_kurz(k.geplant_ab)}</td>
                                            <td>{monat_kurz(k.in_betrieb_seit)}</td>
                                            <td>{k.kommentar.clone().unwrap_or_default()}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </Tabellenrahmen>
            }
            .into_any()
        }}
    }
}
