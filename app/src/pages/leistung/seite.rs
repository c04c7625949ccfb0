//! Detail page of one OZG-Leistung with its LeiKa-Leistungen.

use crate::api::katalog::leistung_laden;
use crate::components::laden::Laden;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::leistung::{LeistungSeite as Daten, prioritaet_label};
use crate::pages::{ja_nein, oder_nicht_erfasst};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn LeistungSeite() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("ozg_id").unwrap_or_default());
    let daten = Resource::new(id, leistung_laden);
    view! {
        <Laden daten fehlertitel="OZG-Leistung" inhalt=|d| view! { <Inhalt d /> } />
    }
}

#[component]
fn Inhalt(d: Daten) -> impl IntoView {
    let l = d.leistung;
    let ebenen: Vec<&str> = crate::model::leistung::Ebene::aus_speicherform(l.zustaendigkeit.as_deref())
        .into_iter()
        .map(|e| e.label())
        .collect();
    let leika_anzahl = d.leika.len();
    view! {
        <Title text=l.name.clone() />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::LEISTUNGEN.to_string(), "OZG-Leistungen".to_string())] aktuell=l.name.clone() />
        <h1>{l.name.clone()} <span class="kennung">{format!(" OZG-ID {}", l.ozg_id)}</span></h1>
        <dl class="steckbrief">
            <dt>"Themenfeld"</dt>
            <dd><a href=crate::pfad::themenfeld(&l.themenfeld_slug)>{l.themenfeld.clone()}</a></dd>
            <dt>"Lebenslage"</dt>
            <dd>{l.lebenslage.clone()}</dd>
            <dt>"Zuständigkeit"</dt>
            <dd>{oder_nicht_erfasst((!ebenen.is_empty()).then(|| ebenen.join(", ")))}</dd>
            <dt>"Zuständig je Größenklasse"</dt>
            <dd id="groessenklassen">
                {match l.groessenklassen.as_deref() {
                    Some(k) => crate::model::zustaendigkeit::anzeige(&crate::model::zustaendigkeit::aus_speicherform(k)),
                    None => format!(
                        "nicht gepflegt – allgemeine Regel: {}",
                        if l.regel == "ja" { "für Kommunen relevant (alle Größenklassen)" } else { "nicht für Kommunen relevant" },
                    ),
                }}
                {l.groessenklassen_quelle.clone().map(|q| view! { <span class="quelle">{format!(" (Quelle: {q})")}</span> })}
                " "
                <a href=crate::pfad::zustaendigkeit(&l.themenfeld_slug)>"Alle Leistungen des Themenfelds"</a>
            </dd>
            <dt>"Priorität für die Kommunen in NRW"</dt>
            <dd>{oder_nicht_erfasst(l.prioritaet.map(|p| prioritaet_label(p).to_string()))}</dd>
            <dt>"EfA (Einer für Alle)"</dt>
            <dd>
                {oder_nicht_erfasst(ja_nein(l.efa))}
                {l.efa_hinweis.clone().map(|h| view! { <span class="hinweis">{format!(" – {h}")}</span> })}
            </dd>
            <dt>"Online-Dienst in NRW vorhanden"</dt>
            <dd>{oder_nicht_erfasst(ja_nein(l.online_dienst_nrw))}</dd>
            <dt>"Weitere Aktivitäten"</dt>
            <dd>{oder_nicht_erfasst(l.weitere_aktivitaeten.clone())}</dd>
            {l.attribute_quelle.clone().map(|q| view! { <dt>"Quelle der Angaben"</dt> <dd class="quelle">{q}</dd> })}
        </dl>
        {(!d.labore.is_empty())
            .then(|| {
                view! {
                    <h2>"Digitalisierungslabore"</h2>
                    <crate::pages::themenfeld::seite::LaborListe labore=d.labore verlinkt=false />
                }
            })}
        <section aria-labelledby="dokumente-titel">
            <h2 id="dokumente-titel">"Dokumente und Links"</h2>
            <crate::pages::dokument::DokumenteZu art=crate::model::dokument::BezugArt::Leistung schluessel=l.ozg_id.to_string() />
        </section>
        <crate::pages::forum::bezug::ThemenZu art=crate::model::forum::BezugArt::Leistung ziel=l.ozg_id.to_string() />
        <section aria-labelledby="leika-titel">
            <h2 id="leika-titel">{format!("LeiKa-Leistungen ({leika_anzahl})")}</h2>
            <p><a href=crate::pfad::gefiltert(crate::pfad::LEIKA, &[("ozg", &l.ozg_id.to_string())])>"Im LeiKa-Katalog öffnen und exportieren"</a></p>
            <Tabellenrahmen titel="LeiKa-Leistungen dieser OZG-Leistung">
                <table class="katalog-tabelle">
                    <caption class="sr-only">"LeiKa-Leistungen dieser OZG-Leistung"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"LeiKa-Schlüssel"</th>
                            <th scope="col">"Bezeichnung"</th>
                            <th scope="col">"Typisierung"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {d.leika
                            .into_iter()
                            .map(|k| {
                                let schluessel = match &k.schluessel {
                                    Some(s) => view! { <code>{s.clone()}</code> }.into_any(),
                                    None => view! { <span class="markiert">{format!("„{}“ – kein gültiger Schlüssel", k.schluessel_roh)}</span> }.into_any(),
                                };
                                view! {
                                    <tr>
                                        <td>{schluessel}</td>
                                        <td>{k.name}</td>
                                        <td>{oder_nicht_erfasst(k.typisierung)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </Tabellenrahmen>
        </section>
    }
}
