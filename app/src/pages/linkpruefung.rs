//! The link check's broken addresses (`/loesungen/linkpruefung`, coordination): the delivered
//! pages per Kommune and the online services per IT-Dienstleister that do not answer, each with
//! since when and why; `?verlauf=<Adresse>` shows one address's checks with their redirects.

use crate::api::linkpruefung::{link_verlauf, linkpruefung_laden};
use crate::components::laden::Laden;
use crate::components::status::zahl;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::konto::zeit_anzeigen;
use crate::model::linkpruefung::{KaputteLinks, KaputterLink, MAX_WEITERLEITUNGEN, Verlauf};
use leptos::prelude::*;
use leptos_meta::Title;

/// A link to an address's history on this page.
fn verlauf_pfad(url: &str) -> String {
    crate::pfad::gefiltert(crate::pfad::LINKPRUEFUNG, &[("verlauf", url)])
}

#[component]
pub fn Linkpruefung() -> impl IntoView {
    let verlauf = crate::components::adresse::suchparameter("verlauf").filter(|v| !v.is_empty());
    let daten = Resource::new(|| (), |_| linkpruefung_laden());
    view! {
        <Title text="Linkprüfung: nicht erreichbare Adressen" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::LOESUNGEN.to_string(), "Lösungsdatenbank".to_string())] aktuell="Linkprüfung" />
        <h1>"Linkprüfung: nicht erreichbare Adressen"</h1>
        <p class="einleitung">
            {format!(
                "Geprüft werden die Adressen aller Online-Dienste und aller von Kommunen gelieferten Seiten. \
                 Erreichbar ist eine Adresse, die mit HTTP 2xx antwortet, nach höchstens {MAX_WEITERLEITUNGEN} \
                 Weiterleitungen (erst HEAD, bei Fehler GET, je Anfrage höchstens 10 Sekunden). Ein erster Fehler \
                 wird nach 15 Minuten wiederholt; erst der zweite zählt."
            )}
        </p>
        {verlauf.map(|url| view! { <AdressVerlauf url /> })}
        <Laden daten fehlertitel="Linkprüfung" inhalt=|k: KaputteLinks| view! { <Listen k /> } />
    }
}

#[component]
fn Listen(k: KaputteLinks) -> impl IntoView {
    let stand = match k.letzte_pruefung_ms {
        Some(ms) => format!(
            "{} Adressen bekannt, {} davon geprüft; zuletzt geprüft am {}.",
            zahl(k.adressen),
            zahl(k.geprueft),
            zeit_anzeigen(ms)
        ),
        None => {
            "Noch keine Adresse geprüft (die Prüfung läuft mit OZG_LINKPRUEFUNG_TAKT_S oder „ozg-atlas links-pruefen“)."
                .into()
        }
    };
    view! {
        <p class="treffer">{stand}</p>
        <h2 id="je-kommune">{format!("Je Kommune: gelieferte Seiten ({})", zahl(crate::model::anzahl(k.je_kommune.len())))}</h2>
        <Tabelle zeilen=k.je_kommune titel="Nicht erreichbare Seiten je Kommune" gruppe="Kommune" mit_dienst=false />
        <h2 id="je-dienstleister">
            {format!("Je IT-Dienstleister: Online-Dienste ({})", zahl(crate::model::anzahl(k.je_dienstleister.len())))}
        </h2>
        <Tabelle zeilen=k.je_dienstleister titel="Nicht erreichbare Online-Dienste je IT-Dienstleister" gruppe="IT-Dienstleister / Anbieter" mit_dienst=true />
    }
}

#[component]
fn Tabelle(zeilen: Vec<KaputterLink>, titel: &'static str, gruppe: &'static str, mit_dienst: bool) -> impl IntoView {
    if zeilen.is_empty() {
        return view! { <p>"Keine nicht erreichbaren Adressen."</p> }.into_any();
    }
    view! {
        <Tabellenrahmen titel>
            <table class="katalog-tabelle linkpruefung-tabelle">
                <caption>{titel}</caption>
                <thead>
                    <tr>
                        <th scope="col">{gruppe}</th>
                        {mit_dienst.then(|| view! { <th scope="col">"Online-Dienst"</th> })}
                        <th scope="col">"Adresse"</th>
                        <th scope="col">"Grund"</th>
                        <th scope="col">"Nicht erreichbar seit"</th>
                        <th scope="col">"Zuletzt geprüft"</th>
                    </tr>
                </thead>
                <tbody>{zeilen.into_iter().map(|z| view! { <Zeile z mit_dienst /> }).collect_view()}</tbody>
            </table>
        </Tabellenrahmen>
    }
    .into_any()
}

#[component]
fn Zeile(z: KaputterLink, mit_dienst: bool) -> impl IntoView {
    let gruppe = if mit_dienst {
        z.gruppe_name.clone().into_any()
    } else {
        view! { <a href=crate::pfad::kommune(&z.gruppe)>{z.gruppe_name.clone()}</a> }.into_any()
    };
    let dienst = mit_dienst.then(|| {
        let name = z.dienst_name.clone().unwrap_or_default();
        let pfad = z.dienst_id.map(crate::pfad::loesung).unwrap_or_default();
        view! { <td><a href=pfad>{name}</a></td> }
    });
    let grund = z.stand().grund();
    view! {
        <tr>
            <th scope="row">{gruppe}</th>
            {dienst}
            <td class="adresse">
                <a href=z.url.clone() rel="external noopener nofollow">{z.url.clone()}</a>
                " · "
                <a href=verlauf_pfad(&z.url) aria-label=format!("Verlauf der Prüfungen von {}", z.url)>"Verlauf"</a>
            </td>
            <td>{grund}</td>
            <td>{zeit_anzeigen(z.seit_ms)}</td>
            <td>{z.geprueft_ms.map(zeit_anzeigen).unwrap_or_default()}</td>
        </tr>
    }
}

/// The checks of one address, newest first, with the redirects followed.
#[component]
fn AdressVerlauf(url: String) -> impl IntoView {
    let abfrage = url.clone();
    let daten = Resource::new(move || abfrage.clone(), link_verlauf);
    let titel = format!("Verlauf von {url}");
    let rahmen = titel.clone();
    let tabelle = move |v: Vec<Verlauf>| {
        if v.is_empty() {
            return view! { <p>"Für diese Adresse gibt es keine Prüfung."</p> }.into_any();
        }
        view! {
            <Tabellenrahmen titel=rahmen.clone()>
                <table class="katalog-tabelle">
                    <caption>"Die letzten Prüfungen, neueste zuerst"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Zeit"</th>
                            <th scope="col">"Ergebnis"</th>
                            <th scope="col">"Weiterleitungen"</th>
                            <th scope="col" class="zahl">"Dauer"</th>
                        </tr>
                    </thead>
                    <tbody>{v.into_iter().map(|p| view! { <VerlaufZeile p /> }).collect_view()}</tbody>
                </table>
            </Tabellenrahmen>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="verlauf-titel" class="linkpruefung-verlauf">
            <h2 id="verlauf-titel">{titel}</h2>
            <Laden daten inhalt=tabelle />
        </section>
    }
}

#[component]
fn VerlaufZeile(p: Verlauf) -> impl IntoView {
    let ergebnis = match (p.erreichbar, &p.fehler, p.status) {
        (true, _, Some(s)) => format!("erreichbar (HTTP {s})"),
        (_, Some(f), _) => format!("nicht erreichbar: {f}"),
        (_, None, Some(s)) => format!("nicht erreichbar (HTTP {s})"),
        _ => "nicht erreichbar".into(),
    };
    let hops: Vec<String> = p.weiterleitungen.lines().map(str::to_string).collect();
    view! {
        <tr>
            <th scope="row">{zeit_anzeigen(p.zeit_ms)}</th>
            <td>{ergebnis}</td>
            <td>
                {if hops.is_empty() {
                    "keine".into_any()
                } else {
                    view! { <ol class="weiterleitungen">{hops.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ol> }.into_any()
                }}
            </td>
            <td class="zahl">{format!("{} ms", zahl(p.dauer_ms))}</td>
        </tr>
    }
}
