//! The NRW map as SVG, rendered on the server (no tiles, no scripts): every unit a link with its
//! value in the accessible name and tooltip, the classes as a colour ramp (light to dark, so it
//! reads in greyscale) or as colours with patterns (categories), the legend with the counting
//! rule, and the attribution. Used by `/karte`, the Kommune page and a service's page.

use crate::model::karte::{Flaeche, Karte, Klasse, NAMENSNENNUNG};
use leptos::prelude::*;

/// Colours of the categories (Okabe–Ito, distinguishable with colour-vision deficiencies);
/// the last two are "weitere" and "keiner genannt".
const KATEGORIEN: [&str; 9] =
    ["#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999", "#ffffff"];

/// The pattern over each category's colour, so that no category depends on colour alone.
fn muster(stil: usize, t: f64) -> String {
    let h = t / 2.0;
    match stil {
        1 => format!("M0 {t}L{t} 0"),
        2 => format!("M0 0L{t} {t}"),
        3 => format!("M0 {h}H{t}"),
        4 => format!("M{h} 0V{t}"),
        5 => format!("M0 {h}H{t}M{h} 0V{t}"),
        6 => format!("M{h} {h}h0.01"),
        7 => format!("M0 0L{t} {t}M0 {t}L{t} 0"),
        _ => String::new(),
    }
}

/// The pattern tile in map units: the same on screen at every zoom level of the page.
fn kachelgroesse(karte: &Karte) -> f64 {
    (karte.rahmen[2] as f64 / 120.0).round().max(1.0)
}

/// The fill of a class: a ramp step (CSS class) or a category pattern (`url(#…)`).
fn fuellung(geordnet: bool, stil: usize) -> (String, Option<String>) {
    if geordnet {
        (format!("stufe-{stil}"), None)
    } else {
        ("kategorie".into(), Some(format!("url(#karte-kat-{stil})")))
    }
}

#[component]
fn Muster(kachel: f64) -> impl IntoView {
    let strich = kachel / 6.0;
    view! {
        <defs>
            {KATEGORIEN
                .iter()
                .enumerate()
                .map(|(i, farbe)| {
                    let punkt = i == 6;
                    view! {
                        <pattern id=format!("karte-kat-{i}") width=kachel height=kachel patternUnits="userSpaceOnUse">
                            <rect width=kachel height=kachel fill=*farbe />
                            <path
                                d=muster(i, kachel)
                                stroke="#1a1a1a"
                                stroke-opacity="0.55"
                                stroke-width=if punkt { strich * 2.5 } else { strich }
                                stroke-linecap="round"
                            />
                        </pattern>
                    }
                })
                .collect_view()}
        </defs>
    }
}

#[component]
fn Einheit(f: Flaeche, geordnet: bool) -> impl IntoView {
    let (klasse, fill) = fuellung(geordnet, f.klasse);
    let mut klassen = vec!["einheit".to_string(), klasse];
    if !f.verglichen {
        klassen.push("ausgegraut".into());
    }
    if f.markiert {
        klassen.push("markiert".into());
    }
    let vergleich = if f.verglichen { String::new() } else { " (nicht im Vergleich)".into() };
    let name = format!("{}: {}{vergleich}", f.name, f.text);
    let fill = if f.verglichen { fill } else { None };
    view! {
        <a href=f.link.clone() aria-label=name class=klassen.join(" ") data-schluessel=f.schluessel.clone()>
            <path d=f.pfad fill=fill fill-rule="evenodd" />
            <title>{name.clone()}</title>
        </a>
    }
}

/// The map itself; `beschriftung` names it for screen readers.
#[component]
pub fn KartenBild(karte: Karte, #[prop(into)] beschriftung: String) -> impl IntoView {
    let geordnet = karte.anfrage.mass.geordnet();
    let [x, y, b, h] = karte.rahmen;
    let kachel = kachelgroesse(&karte);
    view! {
        <figure class="karte">
            <svg
                class="karte-svg"
                viewBox=format!("{x} {y} {b} {h}")
                role="group"
                aria-label=beschriftung
                preserveAspectRatio="xMidYMid meet"
            >
                <Muster kachel />
                <g class="umgebung" aria-hidden="true">
                    {karte.umgebung.into_iter().map(|d| view! { <path d=d /> }).collect_view()}
                </g>
                <g class="einheiten">
                    {karte.flaechen.into_iter().map(|f| view! { <Einheit f geordnet /> }).collect_view()}
                </g>
                <g class="grenzen" aria-hidden="true">
                    {karte.grenzen.into_iter().map(|d| view! { <path d=d /> }).collect_view()}
                </g>
            </svg>
            <figcaption class="namensnennung">{NAMENSNENNUNG}</figcaption>
        </figure>
    }
}

/// The legend: one swatch per class with its count, the measure's counting rule below.
#[component]
pub fn Legende(karte: Karte) -> impl IntoView {
    let m = karte.anfrage.mass;
    let geordnet = m.geordnet();
    // The swatch in map units, so that it shows the patterns at the map's scale.
    let kachel = kachelgroesse(&karte);
    let feld = format!("0 0 {} {}", kachel * 3.0, kachel * 2.0);
    let eintrag = move |k: Klasse| {
        let (klasse, fill) = fuellung(geordnet, k.stil);
        view! {
            <li>
                <svg class="legende-feld" viewBox=feld.clone() aria-hidden="true">
                    <rect class=klasse width=kachel * 3.0 height=kachel * 2.0 fill=fill />
                </svg>
                <span>{k.label}</span>
                <span class="legende-anzahl">{format!(" ({})", crate::components::status::zahl(k.anzahl))}</span>
            </li>
        }
    };
    view! {
        <section class="legende" aria-labelledby="legende-titel">
            <h3 id="legende-titel">{format!("Legende: {}", m.label())}</h3>
            <ul class="legende-liste">{karte.legende.into_iter().map(eintrag).collect_view()}</ul>
            <p class="regel">
                <strong>"Wie gezählt wird: "</strong>
                {m.regel()}
            </p>
        </section>
    }
}
