//! "Was betrifft meine Kommune?" on a Kommune's page: progress, the relevant OZG-Leistungen (the
//! seed's table: OZG-ID, Zuständigkeit, Lebenslage, Themenfeld, Priorität), the LeiKa view and
//! the online services in use. The tab is in the URL (`?ansicht=leika`).

use crate::api::kommune::kommune_sicht_laden;
use crate::components::status::{Fehler, zahl};
use crate::components::tabelle::Tabellenrahmen;
use crate::model::kommune::{GenutzterDienst, KommuneLeistung, KommuneSicht};
use crate::model::leistung::{Ebene, RELEVANZ_REGEL, prioritaet_label};
use crate::pages::monat_kurz;
use leptos::prelude::*;

const ANSICHTEN: [(&str, &str); 3] =
    [("leistungen", "OZG-Leistungen"), ("leika", "LeiKa-Leistungen"), ("dienste", "Online-Dienste")];

#[component]
pub fn WasBetrifft(ags: String, name: String, groessenklasse: String) -> impl IntoView {
    let ansicht = Signal::stored(
        crate::components::adresse::suchparameter("ansicht")
            .filter(|a| ANSICHTEN.iter().any(|(k, _)| k == a))
            .unwrap_or("leistungen".into()),
    );
    let ags_r = ags.clone();
    let daten = Resource::new(move || ags_r.clone(), kommune_sicht_laden);
    let pfad = crate::pfad::kommune(&ags);
    view! {
        <section aria-labelledby="sicht-titel" class="kommune-sicht">
            <h2 id="sicht-titel">{format!("Was betrifft {name}?")}</h2>
            <nav aria-label="Ansicht wählen" class="reiter">
                <ul>
                    {ANSICHTEN
                        .into_iter()
                        .map(|(k, label)| {
                            let href = if k == "leistungen" { format!("{pfad}#sicht-titel") } else { format!("{pfad}?ansicht={k}#sicht-titel") };
                            view! {
                                <li>
                                    <a href=href aria-current=move || (ansicht.get() == k).then_some("page")>{label}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <Transition fallback=|| ()>
                {
                    let gk = groessenklasse.clone();
                    move || {
                        let gk = gk.clone();
                        Suspend::new(async move {
                            match daten.await {
                                Ok(s) => view! { <Inhalt s ansicht gk /> }.into_any(),
                                Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                            }
                        })
                    }
                }
            </Transition>
        </section>
    }
}

#[component]
fn Inhalt(s: KommuneSicht, ansicht: Signal<String>, gk: String) -> impl IntoView {
    let (online, gesamt, prozent) = s.fortschritt();
    let gemeldet = s.gemeldet();
    let KommuneSicht { leistungen, leika_relevant, dienste, stand } = s;
    let (leistungen, dienste) = (StoredValue::new(leistungen), StoredValue::new(dienste));
    let gk = StoredValue::new(gk);
    view! {
        <div class="fortschritt">
            <p id="fortschritt-text">
                <strong>{format!("{online} von {gesamt} relevanten OZG-Leistungen ({prozent} %)")}</strong>
                " haben einen Online-Dienst in Betrieb, "
                <span id="fortschritt-gemeldet">{format!("{gemeldet} davon mit einem Dienst, den die Kommune gemeldet hat")}</span>
                ", die übrigen über landesweite Dienste."
            </p>
            <meter min="0" max=gesamt value=online aria-labelledby="fortschritt-text"></meter>
            <p id="pflegestand" class="hinweis">{stand.satz()}</p>
            <details>
                <summary>"Wie gezählt wird"</summary>
                <p>{RELEVANZ_REGEL}</p>
                <p>
                    "Eine Leistung zählt als online, wenn ein Online-Dienst einen ihrer LeiKa-Schlüssel abdeckt und entweder "
                    "die Kommune ihn mit „in Betrieb seit“ (nicht in der Zukunft) gemeldet hat oder er mit Reichweite „Land“ "
                    "im Status live für alle Kommunen bereitsteht – dieselbe Regel wie auf der NRW-Karte. "
                    "Quelle der LeiKa-Typen: KDN-Leistungskatalog; "
                    "Bedeutung der Typen nach "
                    <a href="https://digital-direkt.nrw/faq-items/leika-typ/" rel="external noopener">"digital-direkt.nrw"</a>
                    "."
                </p>
            </details>
        </div>
        {move || match ansicht.get().as_str() {
            "leika" => view! {
                <p>
                    {format!(
                        "{} LeiKa-Leistungen dieser OZG-Leistungen können von Kommunen vollzogen werden. ",
                        zahl(leika_relevant),
                    )}
                    <a href="/leika?kr=ja">"Im LeiKa-Katalog ansehen, filtern und exportieren"</a>
                </p>
            }
            .into_any(),
            "dienste" => view! { <Dienste dienste=dienste.get_value() /> }.into_any(),
            _ => view! { <Leistungen leistungen=leistungen.get_value() gk=gk.get_value() /> }.into_any(),
        }}
    }
}

#[component]
fn Leistungen(leistungen: Vec<KommuneLeistung>, gk: String) -> impl IntoView {
    view! {
        <Tabellenrahmen titel="Kommune">
            <table class="katalog-tabelle">
                <caption>{format!("OZG-Leistungen für Größenklasse {gk} ({})", zahl(crate::model::anzahl(leistungen.len())))}</caption>
                <thead>
                    <tr>
                        <th scope="col">"OZG-Leistung"</th>
                        <th scope="col">"OZG-ID"</th>
                        <th scope="col">"Zuständigkeiten"</th>
                        <th scope="col">"Lebenslage"</th>
                        <th scope="col">"Themenfeld"</th>
                        <th scope="col">"Priorität"</th>
                        <th scope="col">"Online-Dienst"</th>
                    </tr>
                </thead>
                <tbody>
                    {leistungen
                        .into_iter()
                        .map(|kl| {
                            let l = kl.leistung;
                            let ebenen: Vec<&str> = Ebene::aus_speicherform(l.zustaendigkeit.as_deref()).into_iter().map(|e| e.label()).collect();
                            let betrieb = if kl.in_betrieb { Some("gemeldet") } else if kl.landesweit { Some("landesweit") } else { None };
                            let dienst = if let Some(wie) = betrieb {
                                view! { <span class="status status-abgeschlossen">{format!("in Betrieb ({wie})")}</span> }.into_any()
                            } else if kl.dienste > 0 {
                                view! { <a href=crate::pfad::gefiltert(crate::pfad::LOESUNGEN, &[("ozg", &l.ozg_id.to_string())])>{format!("{} verfügbar", kl.dienste)}</a> }.into_any()
                            } else {
                                "–".into_any()
                            };
                            view! {
                                <tr>
                                    <th scope="row"><a href=crate::pfad::leistung(l.ozg_id)>{l.name.clone()}</a></th>
                                    <td>{l.ozg_id}</td>
                                    <td>
                                        {if ebenen.is_empty() { "nicht erfasst".to_string() } else { ebenen.join(", ") }}
                                        {l.groessenklassen.is_some().then(|| view! { <span class="hinweis gk-gepflegt">" · für die Größenklasse gepflegt"</span> })}
                                    </td>
                                    <td>{l.lebenslage.clone()}</td>
                                    <td><a href=crate::pfad::themenfeld(&l.themenfeld_slug)>{l.themenfeld.clone()}</a></td>
                                    <td>{l.prioritaet.map(|p| prioritaet_label(p).to_string()).unwrap_or_else(|| "nicht erfasst".into())}</td>
                                    <td>{dienst}</td>
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
fn Dienste(dienste: Vec<GenutzterDienst>) -> impl IntoView {
    if dienste.is_empty() {
        return view! {
            <p>
                "Die Kommune hat noch keinen Online-Dienst als genutzt oder geplant gemeldet. Meldungen erfolgen auf der Seite "
                "des Dienstes in der " <a href=crate::pfad::LOESUNGEN>"Lösungsdatenbank"</a> "."
            </p>
        }
        .into_any();
    }
    view! {
        <Tabellenrahmen titel="Kommune">
            <table class="katalog-tabelle">
                <caption>"Online-Dienste, die die Kommune nutzt oder plant"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Online-Dienst"</th>
                        <th scope="col">"Anbieter"</th>
                        <th scope="col">"Anschluss geplant ab"</th>
                        <th scope="col">"In Betrieb seit"</th>
                        <th scope="col">"Kommentar"</th>
                    </tr>
                </thead>
                <tbody>
                    {dienste
                        .into_iter()
                        .map(|d| {
                            view! {
                                <tr>
                                    <th scope="row"><a href=crate::pfad::loesung(d.id)>{d.name.clone()}</a></th>
                                    <td>{d.anbieter.clone().unwrap_or_default()}</td>
                                    <td>{monat_kurz(d.geplant_ab)}</td>
                                    <td>{monat_kurz(d.in_betrieb_seit)}</td>
                                    <td>{d.kommentar.clone().unwrap_or_default()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </Tabellenrahmen>
    }
    .into_any()
}
