//! `/karte`: where in NRW the OZG is live – the Kreise or Gemeinden coloured by a measure, each a
//! link (a Kreis opens its Gemeinden, a Gemeinde its Kommune page), the legend with the counting
//! rule, "Kommune finden", and the same numbers as a sortable table (the text alternative). All
//! state is in the URL; [`Teilseite`] swaps the view without reloading when JavaScript runs.

use crate::api::karte::karte_laden;
use crate::components::karte::{KartenBild, KartenExport, Legende, PngErzeugen};
use crate::components::laden::Laden;
use crate::components::status::zahl;
use crate::components::tabelle::Tabellenrahmen;
use crate::components::teilseite::Teilseite;
use crate::model::karte::{Flaeche, Karte, Mass, Teilung};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn KartenSeite() -> impl IntoView {
    let query = crate::components::adresse::suche();
    let daten = Resource::new(move || query.clone(), karte_laden);
    view! {
        <Title text="NRW-Karte: wo das OZG in Betrieb ist" />
        <h1>"NRW-Karte: wo das OZG in Betrieb ist"</h1>
        <p class="einleitung">
            "Die Kreise und Gemeinden Nordrhein-Westfalens nach einem Maß der Umsetzung. Ein Kreis öffnet seine \
             Gemeinden, eine Gemeinde ihre Kommunensicht. Dieselben Zahlen stehen in der Tabelle unter der Karte."
        </p>
        <Teilseite live=false>
            <Laden daten fehlertitel="NRW-Karte" inhalt=|k: Karte| view! { <Ansicht k /> } />
        </Teilseite>
        <PngErzeugen />
    }
}

#[component]
fn Ansicht(k: Karte) -> impl IntoView {
    let beschriftung = format!("Karte {}: {}", k.titel, k.anfrage.mass.label());
    let ohne_markierung = k.anfrage.mit(|a| a.markiert = None);
    view! {
        <Steuerung k=k.clone() />
        {k.hinweis.clone().map(|h| view! { <p class="hinweis" role="status">{h}</p> })}
        <nav class="brotkrumen karten-ebenen" aria-label="Ebenen der Karte">
            <ol>
                {k
                    .stufen
                    .iter()
                    .map(|s| view! { <li><a href=s.link.clone()>{s.label.clone()}</a></li> })
                    .collect_view()}
            </ol>
        </nav>
        <h2 id="karten-titel">{format!("{} – {}", k.titel, k.anfrage.mass.label())}</h2>
        <a class="karte-ueberspringen" href="#karten-tabelle">"Karte überspringen: zur Tabelle"</a>
        <div class="karte-und-legende">
            <KartenBild karte=k.clone() beschriftung />
            <div class="karte-seite">
                <Legende karte=k.clone() />
                <p class="karte-stand">
                    {format!(
                        "Stand {}. {}; {} Online-Dienste mit Reichweite „Land“ gelten überall. {}",
                        k.stand,
                        relevant_text(&k.relevant),
                        zahl(k.landesweit),
                        k.zustaendigkeit.satz(),
                    )}
                </p>
                {k.anfrage.markiert.is_some().then(|| view! {
                    <p><a href=ohne_markierung.pfad()>"Markierung aufheben"</a></p>
                })}
                <KartenExport anfrage=k.anfrage.clone() />
            </div>
        </div>
        <Tabelle k />
    }
}

/// "462 relevante OZG-Leistungen je Gemeinde", or per Größenklasse where they differ.
fn relevant_text(relevant: &[(String, i64)]) -> String {
    match relevant.first() {
        Some((_, n)) if relevant.iter().all(|(_, m)| m == n) => {
            format!("{} relevante OZG-Leistungen je Gemeinde", zahl(*n))
        }
        _ => {
            let teile: Vec<String> = relevant.iter().map(|(gk, n)| format!("{gk} {}", zahl(*n))).collect();
            format!("Relevante OZG-Leistungen je Gemeinde nach Größenklasse: {}", teile.join(", "))
        }
    }
}

/// The choices as one GET form: measure, units, comparison, area; "Kommune finden" beside it.
#[component]
fn Steuerung(k: Karte) -> impl IntoView {
    let a = k.anfrage.clone();
    let auswahl = |wert: &str, aktuell: &str, label: String| {
        view! { <option value=wert.to_string() selected=wert == aktuell>{label}</option> }
    };
    let gebiete = k
        .bezirke
        .iter()
        .map(|(code, name)| {
            let kreise = k.kreise.iter().filter(|(ags, _)| ags.starts_with(code.as_str()));
            view! {
                <optgroup label=name.clone()>
                    {auswahl(code, &a.gebiet, format!("{name} (ganz)"))}
                    {kreise.map(|(ags, n)| auswahl(ags, &a.gebiet, n.clone())).collect_view()}
                </optgroup>
            }
        })
        .collect_view();
    let klasse = a.klasse.clone().unwrap_or_default();
    view! {
        <div class="karten-steuerung">
            <form method="get" action=crate::pfad::KARTE class="karten-wahl">
                <div class="feld">
                    <label for="karte-mass">"Maß"</label>
                    <select id="karte-mass" name="mass">
                        {(a.mass == Mass::Nutzung).then(|| auswahl("nutzung", "nutzung", Mass::Nutzung.label().into()))}
                        {Mass::ALLE.iter().map(|m| auswahl(m.code(), a.mass.code(), m.label().into())).collect_view()}
                    </select>
                </div>
                <div class="feld">
                    <label for="karte-gebiet">"Gebiet"</label>
                    <select id="karte-gebiet" name="gebiet">
                        {auswahl("", &a.gebiet, "Nordrhein-Westfalen".into())}
                        {gebiete}
                    </select>
                </div>
                {(a.gebiet.len() < 5).then(|| view! {
                    <div class="feld">
                        <label for="karte-teilung">"Einheiten"</label>
                        <select id="karte-teilung" name="teilung">
                            {auswahl("", if a.teilung == Teilung::Gemeinden { "gemeinden" } else { "" }, "Kreise und kreisfreie Städte".into())}
                            {auswahl("gemeinden", if a.teilung == Teilung::Gemeinden { "gemeinden" } else { "" }, "Gemeinden".into())}
                        </select>
                    </div>
                })}
                <div class="feld">
                    <label for="karte-klasse">"Nur gleiche Größenklasse vergleichen"</label>
                    <select id="karte-klasse" name="klasse">
                        {auswahl("", &klasse, "alle vergleichen".into())}
                        {k.klassen.iter().map(|(c, l)| auswahl(c, &klasse, l.clone())).collect_view()}
                    </select>
                </div>
                {a.markiert.clone().map(|m| view! { <input type="hidden" name="markiert" value=m /> })}
                {a.dienst.map(|d| view! { <input type="hidden" name="dienst" value=d.to_string() /> })}
                <button type="submit" class="knopf">"Anzeigen"</button>
            </form>
            <form method="get" action=crate::pfad::KARTE class="karte-finden" role="search">
                <input type="hidden" name="mass" value=a.mass.code() />
                {a.dienst.map(|d| view! { <input type="hidden" name="dienst" value=d.to_string() /> })}
                <label for="karte-finden">"Kommune finden"</label>
                <input id="karte-finden" type="search" name="finden" list="karte-gemeinden" autocomplete="off" maxlength="100" />
                <button type="submit" class="knopf">"Finden"</button>
                <datalist id="karte-gemeinden">
                    {k.namen.iter().map(|n| view! { <option value=n.clone()></option> }).collect_view()}
                </datalist>
            </form>
        </div>
    }
}

/// The text alternative: every unit with value, Größenklasse and rank; sortable by link.
#[component]
fn Tabelle(k: Karte) -> impl IntoView {
    let a = k.anfrage.clone();
    let gemeinden = a.gemeinden();
    let mut zeilen: Vec<Flaeche> = k.flaechen.clone();
    match a.sort.as_str() {
        "wert" => zeilen
            .sort_by(|x, y| y.zahl.partial_cmp(&x.zahl).unwrap_or(std::cmp::Ordering::Equal).then(x.text.cmp(&y.text))),
        "klasse" => {
            zeilen.sort_by(|x, y| x.groessenklasse_label.cmp(&y.groessenklasse_label).then(x.name.cmp(&y.name)))
        }
        _ => zeilen.sort_by(|x, y| x.name.cmp(&y.name)),
    }
    let kopf = move |sort: &str, label: &'static str| {
        let ziel = a.mit(|n| n.sort = sort.to_string());
        // The value sorts highest first; name and Größenklasse alphabetically.
        let richtung = match (a.sort == sort, sort) {
            (false, _) => "none",
            (true, "wert") => "descending",
            (true, _) => "ascending",
        };
        view! {
            <th scope="col" aria-sort=richtung>
                <a href=format!("{}#karten-tabelle", ziel.pfad())>{label}</a>
            </th>
        }
    };
    let mit_rang = matches!(k.anfrage.mass, Mass::Anteil | Mass::Dienste);
    let einheit = if gemeinden { "Gemeinde" } else { "Kreis / kreisfreie Stadt" };
    let oben = if gemeinden { "Kreis" } else { "Regierungsbezirk" };
    let titel = format!("{} – {} (Tabelle)", k.titel, k.anfrage.mass.label());
    view! {
        <Tabellenrahmen titel=titel.clone()>
            <table class="katalog-tabelle karten-tabelle" id="karten-tabelle">
                <caption>{format!("{titel}: {} Einträge", zahl(crate::model::anzahl(zeilen.len())))}</caption>
                <thead>
                    <tr>
                        {kopf("", einheit)}
                        <th scope="col">{oben}</th>
                        {kopf("klasse", "Größenklasse")}
                        {kopf("wert", k.anfrage.mass.label())}
                        {mit_rang.then(|| view! { <th scope="col" class="zahl">"Rang"</th> })}
                    </tr>
                </thead>
                <tbody>
                    {zeilen
                        .into_iter()
                        .map(|f| {
                            let rang = match (f.verglichen, f.rang) {
                                (false, _) => "nicht im Vergleich".to_string(),
                                (true, Some(r)) => r.to_string(),
                                (true, None) => "–".to_string(),
                            };
                            view! {
                                <tr class:markiert=f.markiert>
                                    <th scope="row"><a href=f.link>{f.name}</a></th>
                                    <td>{f.oben}</td>
                                    <td>{f.groessenklasse_label}</td>
                                    <td>{f.text}</td>
                                    {mit_rang.then(|| view! { <td class="zahl">{rang}</td> })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </Tabellenrahmen>
    }
}
