//! The NRW map as SVG, rendered on the server (no tiles, no scripts): every unit a link with its
//! value in the accessible name and tooltip, the classes as a colour ramp (light to dark, so it
//! reads in greyscale) or as colours with patterns (categories), the legend with the counting
//! rule, and the attribution. Used by `/karte`, the Kommune page and a service's page.

use crate::model::karte::{Flaeche, KATEGORIEN, Karte, KartenAnfrage, Klasse, NAMENSNENNUNG, kachelgroesse, muster};
use leptos::prelude::*;

#[cfg(feature = "hydrate")]
mod bewegen;

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
    let kachel = kachelgroesse(karte.rahmen);
    view! {
        <figure class="karte">
            <svg
                class="karte-svg"
                viewBox=format!("{x} {y} {b} {h}")
                data-rahmen=format!("{x} {y} {b} {h}")
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
            // After the map: Tab reaches the areas first (the skip link jumps over both).
            <KarteBewegen />
            <figcaption class="namensnennung">{NAMENSNENNUNG}</figcaption>
        </figure>
    }
}

/// Zoom buttons and how to move the map (shown only once the page is hydrated). Pan and zoom
/// themselves listen on the document ([`bewegen`]), once per page, so maps swapped in by
/// `Teilseite` – whose copy of this island is plain HTML – move as well.
#[island]
fn KarteBewegen() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    bewegen::beobachten();
    view! {
        <div class="karte-zoom nur-mit-js" role="group" aria-label="Kartenausschnitt">
            <button type="button" class="knopf" data-karte="hinein" aria-label="Karte vergrößern">"+"</button>
            <button type="button" class="knopf" data-karte="heraus" aria-label="Karte verkleinern">"−"</button>
            <button type="button" class="knopf" data-karte="ganz">"Ganze Karte"</button>
            <span class="karte-stufe" role="status">"Vergrößerung: 100 %"</span>
            <details class="karte-hilfe">
                <summary>"Bedienung"</summary>
                <p>
                    "Auf der Karte: + und − zoomen, die Pfeiltasten verschieben, 0 zeigt die ganze Karte, "
                    "Tab springt von Gebiet zu Gebiet. Mit der Maus: ziehen verschiebt, Strg + Mausrad zoomt; "
                    "auf dem Touchscreen mit zwei Fingern."
                </p>
            </details>
        </div>
    }
}

/// The legend: one swatch per class with its count, the measure's counting rule below.
#[component]
pub fn Legende(karte: Karte) -> impl IntoView {
    let m = karte.anfrage.mass;
    let geordnet = m.geordnet();
    // The swatch in map units, so that it shows the patterns at the map's scale.
    let kachel = kachelgroesse(karte.rahmen);
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

/// The map on a Kommune's page: its Kreis by "Anteil mit Online-Dienst" with the Kommune
/// highlighted, the legend beside it, and the way to the full map.
#[component]
pub fn KarteImKreis(ags: String, kreis_ags: String) -> impl IntoView {
    let anfrage = KartenAnfrage { gebiet: kreis_ags, markiert: Some(ags), ..Default::default() };
    let weiter = anfrage.clone();
    view! {
        <KartenAbschnitt
            anfrage
            art="kommune-karte"
            titel="Im Kreis: Anteil mit Online-Dienst"
            weiter
            weiter_text="Auf der NRW-Karte öffnen (andere Maße, Vergleich, Tabelle, Herunterladen)"
        />
    }
}

/// The map on an online service's page: per Kreis the share of Gemeinden with the service in
/// operation (planned ones named in the value), and the way to the Gemeinden on the NRW-Karte.
#[component]
pub fn KarteDerNutzung(dienst: i64) -> impl IntoView {
    let anfrage =
        KartenAnfrage { mass: crate::model::karte::Mass::Nutzung, dienst: Some(dienst), ..Default::default() };
    let weiter = anfrage.mit(|n| n.teilung = crate::model::karte::Teilung::Gemeinden);
    view! {
        <KartenAbschnitt
            anfrage
            art="dienst-karte"
            titel="Wo der Dienst in Betrieb ist"
            weiter
            weiter_text="Die Gemeinden auf der NRW-Karte (Tabelle, Herunterladen)"
        />
    }
}

/// A map section on another page: heading, the view `anfrage` with its note and legend, and a
/// link to `weiter` on the NRW-Karte. `art` is the section's class and names its heading.
#[component]
fn KartenAbschnitt(
    anfrage: KartenAnfrage,
    art: &'static str,
    titel: &'static str,
    weiter: KartenAnfrage,
    weiter_text: &'static str,
) -> impl IntoView {
    let query = anfrage.query();
    let daten = Resource::new(move || query.clone(), crate::api::karte::karte_laden);
    let inhalt = |k: Karte| {
        let beschriftung = format!("Karte {}: {}", k.titel, k.anfrage.mass.label());
        view! {
            {k.hinweis.clone().map(|h| view! { <p class="hinweis">{h}</p> })}
            <div class="karte-und-legende">
                <KartenBild karte=k.clone() beschriftung />
                <div class="karte-seite"><Legende karte=k /></div>
            </div>
        }
    };
    let (kopf, verweis) = (format!("{art}-titel"), format!("{art}-titel"));
    view! {
        <section class=art aria-labelledby=verweis>
            <h2 id=kopf>{titel}</h2>
            <crate::components::laden::Laden daten fehlertitel="Karte" inhalt />
            <p><a href=weiter.pfad()>{weiter_text}</a></p>
        </section>
    }
}

/// Downloads of the view shown: the standalone SVG and the numbers as CSV (links that work
/// without JavaScript) and a PNG for slides, drawn in the browser from the same SVG (the button
/// shows only with JavaScript; [`PngErzeugen`] on the page does the work).
#[component]
pub fn KartenExport(anfrage: KartenAnfrage) -> impl IntoView {
    let svg = anfrage.export_pfad("svg");
    view! {
        <section class="karten-export" aria-labelledby="karten-export-titel">
            <h3 id="karten-export-titel">"Herunterladen (mit Legende und Quellenangabe)"</h3>
            <ul class="export-liste">
                <li><a href=svg.clone() download=anfrage.dateiname("svg") rel="external">"Karte als SVG"</a></li>
                <li class="nur-mit-js">
                    <button type="button" class="knopf" data-png=svg data-name=anfrage.dateiname("png")>
                        "Karte als PNG"
                    </button>
                </li>
                <li><a href=anfrage.export_pfad("csv") download=anfrage.dateiname("csv") rel="external">"Zahlen als CSV"</a></li>
            </ul>
        </section>
    }
}

/// Turns a click on any `button[data-png]` of the page into a PNG download (listening on the
/// document, so the buttons of a view swapped in later work too) and says how it went.
#[island]
pub fn PngErzeugen() -> impl IntoView {
    let (meldung, setzen) = signal(String::new());
    #[cfg(feature = "hydrate")]
    png::beobachten(setzen);
    #[cfg(not(feature = "hydrate"))]
    let _ = setzen;
    view! { <p role="status" class="png-meldung">{meldung}</p> }
}

#[cfg(feature = "hydrate")]
mod png {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::{JsCast, JsValue};

    /// The PNG is drawn at twice the SVG's size, sharp on a projector.
    const FAKTOR: u32 = 2;

    pub fn beobachten(setzen: WriteSignal<String>) {
        let klick = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
            let Some(knopf) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("button[data-png]").ok().flatten())
            else {
                return;
            };
            let svg = knopf.get_attribute("data-png").unwrap_or_default();
            let name = knopf.get_attribute("data-name").unwrap_or_else(|| "ozg-atlas-karte.png".into());
            setzen.set("Das PNG wird erstellt …".into());
            leptos::task::spawn_local(async move {
                setzen.set(match erzeugen(&svg, &name).await {
                    Ok(()) => format!("Das PNG „{name}“ wurde erstellt."),
                    Err(e) => format!("Das PNG konnte nicht erstellt werden: {e}"),
                });
            });
        });
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            let _ = d.add_event_listener_with_callback("click", klick.as_ref().unchecked_ref());
        }
        klick.forget();
    }

    fn text(e: JsValue) -> String {
        e.as_string().unwrap_or_else(|| "Der Browser hat es abgelehnt.".into())
    }

    /// The SVG as an image, from a `data:` address (the page's CSP allows images from `self` and
    /// `data:` only; such an image leaves the canvas readable).
    async fn bild(svg_pfad: &str) -> Result<web_sys::HtmlImageElement, String> {
        let antwort = gloo_net::http::Request::get(svg_pfad).send().await.map_err(|e| e.to_string())?;
        if !antwort.ok() {
            return Err(antwort.text().await.unwrap_or_else(|_| format!("Fehler {}", antwort.status())));
        }
        let svg = antwort.text().await.map_err(|e| e.to_string())?;
        let adresse = format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(&svg));
        let img = web_sys::HtmlImageElement::new().map_err(text)?;
        img.set_src(&adresse);
        wasm_bindgen_futures::JsFuture::from(img.decode()).await.map_err(|_| "Die Karte ließ sich nicht laden.")?;
        Ok(img)
    }

    async fn erzeugen(svg_pfad: &str, name: &str) -> Result<(), String> {
        let img = bild(svg_pfad).await?;
        let dokument = document();
        let canvas: web_sys::HtmlCanvasElement =
            dokument.create_element("canvas").map_err(text)?.dyn_into().map_err(|_| "kein Canvas")?;
        let (b, h) = (img.natural_width() * FAKTOR, img.natural_height() * FAKTOR);
        canvas.set_width(b);
        canvas.set_height(h);
        let ctx: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")
            .map_err(text)?
            .ok_or("kein Zeichenkontext")?
            .dyn_into()
            .map_err(|_| "kein Zeichenkontext")?;
        ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, f64::from(b), f64::from(h))
            .map_err(text)?;
        let daten = canvas.to_data_url().map_err(text)?;
        let a: web_sys::HtmlAnchorElement =
            dokument.create_element("a").map_err(text)?.dyn_into().map_err(|_| "kein Link")?;
        a.set_href(&daten);
        a.set_download(name);
        a.click();
        Ok(())
    }
}
