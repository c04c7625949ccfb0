//! "Bottom-up: vorhandene Online-Dienste": the seed's figures computed from the Lösungsdatenbank
//! now, each with its rule; the distribution also as a server-rendered SVG chart.

use crate::api::loesung::bottom_up_laden;
use crate::components::status::{Fehler, Laedt, zahl};
use crate::components::tabelle::Tabellenrahmen;
use crate::model::loesung::umsetzung::{BottomUp, REGEL_ANBIETER, REGEL_ANTEIL, REGEL_MIT_DIENST};
use leptos::prelude::*;
use leptos_meta::Title;

pub const PFAD: &str = crate::pfad::LOESUNGEN_KENNZAHLEN;

#[component]
pub fn Umsetzungsstand() -> impl IntoView {
    let daten = Resource::new(|| (), |_| bottom_up_laden());
    view! {
        <Title text="Umsetzungsstand: vorhandene Online-Dienste" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::LOESUNGEN.to_string(), "Lösungsdatenbank".to_string())] aktuell="Umsetzungsstand" />
        <h1>"Bottom-up: vorhandene Online-Dienste"</h1>
        <p class="einleitung">
            "Die Kennzahlen der Folie „OZG: NRW hat gute Ausgangsposition“, berechnet aus dem aktuellen Stand der "
            "Lösungsdatenbank. Neben jeder Zahl steht, wie sie gezählt wird."
        </p>
        <Suspense fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                match daten.await {
                    Ok(b) => view! { <Zahlen b /> }.into_any(),
                    Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Zahlen(b: BottomUp) -> impl IntoView {
    let flaechendeckung = b.flaechendeckung.clone();
    let pflegestand = b.zustaendigkeit.satz();
    let zeile = |label: String, wert: String, regel: &'static str| {
        view! {
            <tr>
                <th scope="row">{label}</th>
                <td class="zahl kennzahl">{wert}</td>
                <td class="regel">{regel}</td>
            </tr>
        }
    };
    let alt = format!(
        "Balkendiagramm: relevante OZG-Leistungen mit Online-Dienst bei 1 Anbieter {}, bei 2 bis 6 Anbietern {}, bei 7 und mehr Anbietern {}.",
        b.anbieter_1, b.anbieter_2_6, b.anbieter_7,
    );
    view! {
        <Tabellenrahmen titel="Kennzahlen">
            <table class="katalog-tabelle kennzahlen-tabelle">
                <caption>{format!("Stand: jetzt, aus {} Online-Diensten", zahl(b.dienste))}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Kennzahl"</th>
                        <th scope="col" class="zahl">"Wert"</th>
                        <th scope="col">"Wie gezählt wird"</th>
                    </tr>
                </thead>
                <tbody>
                    {zeile(
                        "OZG-Leistungen mit Online-Dienst".into(),
                        format!("{} von {}", zahl(b.mit_dienst), zahl(b.leistungen)),
                        REGEL_MIT_DIENST,
                    )}
                    {zeile(
                        "Für Kommunen relevante OZG-Leistungen mit Online-Dienst".into(),
                        format!("{} % ({} von {})", b.anteil(), zahl(b.relevant_mit_dienst), zahl(b.relevant)),
                        REGEL_ANTEIL,
                    )}
                    {b
                        .verteilung()
                        .into_iter()
                        .map(|(label, n)| zeile(format!("davon mit Online-Dienst {label}"), zahl(n), REGEL_ANBIETER))
                        .collect_view()}
                </tbody>
            </table>
        </Tabellenrahmen>
        <p id="pflegestand" class="hinweis">{pflegestand}</p>
        <Flaechendeckung werte=flaechendeckung />
        <figure class="grafik">
            <img
                src="/grafik/anbieter.svg"
                width="640"
                height="192"
                alt=alt
            />
            <figcaption>
                "Verteilung nach Zahl der Anbieter (SVG, vom Server aus den aktuellen Daten erzeugt: "
                <a href="/grafik/anbieter.svg" rel="external">"Grafik öffnen"</a>
                ")"
            </figcaption>
        </figure>
    }
}

/// The LeiKa keys by the coverage the Bund's dashboard reports, with the rule of each value.
#[component]
fn Flaechendeckung(werte: Vec<(crate::model::loesung::abdeckung::Flaechendeckung, i64)>) -> impl IntoView {
    view! {
        <h2 id="flaechendeckung">"Flächendeckung wie im Dashboard Digitale Verwaltung"</h2>
        <p>
            "Dieselben Werte liefert die Schnittstelle im Format des Bundes: "
            <a href="/api/v1/bund/data/050000000000"><code>"/api/v1/bund/data/{ars}"</code></a>
            " (" <a href="/api/v1/doku#op-bund-data-ars">"Beschreibung"</a> "). Gezählt wird jeder LeiKa-Schlüssel einmal, "
            "mit dem besten Wert, den er irgendwo in NRW erreicht."
        </p>
        <Tabellenrahmen titel="Flächendeckung">
            <table class="katalog-tabelle kennzahlen-tabelle">
                <caption class="sr-only">"LeiKa-Schlüssel nach Flächendeckung, mit der Regel je Wert"</caption>
                <thead>
                    <tr>
                        <th scope="col">"art_flaechendeckung"</th>
                        <th scope="col" class="zahl">"LeiKa-Schlüssel"</th>
                        <th scope="col">"Wie gezählt wird"</th>
                    </tr>
                </thead>
                <tbody>
                    {werte
                        .into_iter()
                        .map(|(art, n)| {
                            view! {
                                <tr>
                                    <th scope="row">{art.bund()}</th>
                                    <td class="zahl kennzahl">{zahl(n)}</td>
                                    <td class="regel">{art.regel()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </Tabellenrahmen>
    }
}
