//! Themenfeld-Landkarte: the Themenfelder as a treemap, sized and shaded by a chosen measure.

use crate::api::katalog::landkarte_laden;
use crate::components::laden::Laden;
use crate::components::status::zahl;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::leistung::ThemenfeldKennzahlen;
use crate::model::treemap;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mass {
    Leistungen,
    Leika,
    Lebenslagen,
    /// Share of the OZG-Leistungen with an online service: tiles keep their size (Leistungen),
    /// the shade shows the share.
    Online,
}

impl Mass {
    const ALLE: [Mass; 4] = [Mass::Leistungen, Mass::Leika, Mass::Lebenslagen, Mass::Online];
    fn code(self) -> &'static str {
        match self {
            Mass::Leistungen => "leistungen",
            Mass::Leika => "leika",
            Mass::Lebenslagen => "lebenslagen",
            Mass::Online => "online",
        }
    }
    fn label(self) -> &'static str {
        match self {
            Mass::Leistungen => "Anzahl OZG-Leistungen",
            Mass::Leika => "Anzahl LeiKa-Leistungen",
            Mass::Lebenslagen => "Anzahl Lebenslagen",
            Mass::Online => "Anteil der OZG-Leistungen mit Online-Dienst",
        }
    }
    fn einheit(self, n: i64) -> &'static str {
        match (self, n == 1) {
            (Mass::Leistungen, true) => "OZG-Leistung",
            (Mass::Leistungen, false) => "OZG-Leistungen",
            (Mass::Leika, true) => "LeiKa-Leistung",
            (Mass::Leika, false) => "LeiKa-Leistungen",
            (Mass::Lebenslagen, true) => "Lebenslage",
            (Mass::Lebenslagen, false) => "Lebenslagen",
            (Mass::Online, true) => "OZG-Leistung",
            (Mass::Online, false) => "OZG-Leistungen",
        }
    }
    fn wert(self, t: &ThemenfeldKennzahlen) -> i64 {
        match self {
            Mass::Leistungen => t.leistungen,
            Mass::Leika => t.leika,
            Mass::Lebenslagen => t.lebenslagen,
            Mass::Online => t.leistungen,
        }
    }
    /// The shade's value and its maximum: the measure itself, or the share in percent.
    fn farbe(self, t: &ThemenfeldKennzahlen, max: i64) -> (i64, i64) {
        match self {
            Mass::Online => (t.anteil_online(), 100),
            _ => (self.wert(t), max),
        }
    }
    /// Text on a tile.
    fn text(self, t: &ThemenfeldKennzahlen) -> String {
        match self {
            Mass::Online => format!("{} % ({} von {})", t.anteil_online(), zahl(t.mit_dienst), zahl(t.leistungen)),
            m => format!("{} {}", zahl(m.wert(t)), m.einheit(m.wert(t))),
        }
    }
    fn aus_code(code: &str) -> Mass {
        Mass::ALLE.into_iter().find(|m| m.code() == code).unwrap_or(Mass::Leistungen)
    }
}

const BREITE: f64 = 160.0;
const HOEHE: f64 = 100.0;

/// Shade 1 (light) to 5 (dark) relative to the largest value.
fn stufe(wert: i64, max: i64) -> i64 {
    if max <= 0 { 1 } else { (1 + (wert * 5 - 1).max(0) / max).clamp(1, 5) }
}

#[component]
pub fn Landkarte() -> impl IntoView {
    let query = use_query_map();
    let mass = Memo::new(move |_| Mass::aus_code(&query.with(|q| q.get("mass").unwrap_or_default())));
    let daten = Resource::new(|| (), |_| landkarte_laden());
    view! {
        <Title text="Themenfeld-Landkarte" />
        <h1>"Themenfeld-Landkarte"</h1>
        <p class="lead">
            "Jede Kachel ist ein Themenfeld. Größe und Farbe zeigen das gewählte Maß; ein Klick (oder Enter) öffnet das Themenfeld mit seinen Lebenslagen, Leistungen, Laboren und Workshops."
        </p>
        <nav class="masswahl" aria-label="Maß der Landkarte">
            <span id="masswahl-label">"Maß: "</span>
            <ul>
                {Mass::ALLE
                    .into_iter()
                    .map(|m| {
                        view! {
                            <li>
                                <a href=crate::pfad::gefiltert(crate::pfad::LANDKARTE, &[("mass", m.code())]) aria-current=move || (mass.get() == m).then_some("true")>
                                    {m.label()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
        <Laden daten inhalt=move |felder| view! { <Karte felder mass /> } />
    }
}

#[component]
fn Karte(felder: Vec<ThemenfeldKennzahlen>, mass: Memo<Mass>) -> impl IntoView {
    let felder = StoredValue::new(felder);
    let kacheln = move || {
        let m = mass.get();
        felder.with_value(|felder| {
            let werte: Vec<f64> = felder.iter().map(|t| m.wert(t) as f64).collect();
            let max = felder.iter().map(|t| m.wert(t)).max().unwrap_or(0);
            let rechtecke = treemap::layout(&werte, BREITE, HOEHE);
            let mut mit_flaeche: Vec<(ThemenfeldKennzahlen, treemap::Rechteck)> =
                felder.iter().cloned().zip(rechtecke).filter(|(t, _)| m.wert(t) > 0).collect();
            // Reading (and tab) order follows the size, largest first.
            mit_flaeche.sort_by(|a, b| m.wert(&b.0).cmp(&m.wert(&a.0)).then(a.0.slug.cmp(&b.0.slug)));
            let ohne: Vec<ThemenfeldKennzahlen> = felder.iter().filter(|t| m.wert(t) == 0).cloned().collect();
            (m, max, mit_flaeche, ohne)
        })
    };
    view! {
        {move || {
            let (m, max, mit_flaeche, ohne) = kacheln();
            view! {
                <ul class="landkarte" aria-label=format!("Themenfelder nach {}", m.label())>
                    {mit_flaeche
                        .into_iter()
                        .map(|(t, r)| {
                            let (x, y, b, h) = r.prozent(BREITE, HOEHE);
                            let (farbe, farbe_max) = m.farbe(&t, max);
                            let style = format!("left:{x:.3}%;top:{y:.3}%;width:{b:.3}%;height:{h:.3}%");
                            let klasse = format!("kachel stufe-{}", stufe(farbe, farbe_max));
                            view! {
                                <li class=klasse style=style>
                                    <a href=crate::pfad::themenfeld(&t.slug) data-themenfeld=t.slug.clone()>
                                        <span class="kachel-name">{t.name.clone()}</span>
                                        <span class="kachel-wert">{m.text(&t)}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {(!ohne.is_empty())
                    .then(|| {
                        view! {
                            <p class="ohne-wert">
                                {format!("Ohne {} im Katalog: ", m.einheit(0))}
                                {ohne
                                    .into_iter()
                                    .map(|t| view! { <a class="kachel-klein" href=crate::pfad::themenfeld(&t.slug)>{t.name}</a> })
                                    .collect_view()}
                            </p>
                        }
                    })}
                <p class="legende" aria-hidden="true">
                    <span class="legende-skala">
                        <span class="stufe-1"></span>
                        <span class="stufe-2"></span>
                        <span class="stufe-3"></span>
                        <span class="stufe-4"></span>
                        <span class="stufe-5"></span>
                    </span>
                    {if m == Mass::Online {
                        "Größe: Anzahl OZG-Leistungen; hell: kleiner, dunkel: großer Anteil mit Online-Dienst (0–100 %)".to_string()
                    } else {
                        format!("hell: wenige, dunkel: viele {} (höchster Wert {})", m.einheit(2), zahl(max))
                    }}
                </p>
            }
        }}
        <details class="tabelle-alternativ">
            <summary>"Landkarte als Tabelle"</summary>
            <Tabellenrahmen titel="Themenfelder als Tabelle">
                <table>
                    <caption>"Themenfelder mit ihren Kennzahlen"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Themenfeld"</th>
                            <th scope="col" class="zahl">"OZG-Leistungen"</th>
                            <th scope="col" class="zahl">"LeiKa-Leistungen"</th>
                            <th scope="col" class="zahl">"Lebenslagen"</th>
                            <th scope="col" class="zahl">"mit Online-Dienst"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {felder
                            .get_value()
                            .into_iter()
                            .map(|t| {
                                let anteil = t.anteil_online();
                                view! {
                                    <tr>
                                        <th scope="row"><a href=crate::pfad::themenfeld(&t.slug)>{t.name}</a></th>
                                        <td class="zahl">{zahl(t.leistungen)}</td>
                                        <td class="zahl">{zahl(t.leika)}</td>
                                        <td class="zahl">{zahl(t.lebenslagen)}</td>
                                        <td class="zahl">{format!("{} ({anteil} %)", zahl(t.mit_dienst))}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </Tabellenrahmen>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::stufe;

    #[test]
    fn shades_span_one_to_five() {
        assert_eq!(stufe(0, 100), 1);
        assert_eq!(stufe(1, 100), 1);
        assert_eq!(stufe(20, 100), 1);
        assert_eq!(stufe(21, 100), 2);
        assert_eq!(stufe(100, 100), 5);
        assert_eq!(stufe(5, 0), 1);
    }
}
