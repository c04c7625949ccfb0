//! One document: what it is, its source and licence, what it belongs to, and every file by Stand
//! side by side (the newest first, marked as the current one). The coordination adds files here.

use crate::api::dokument::{FassungHochladen, dokument_laden};
use crate::components::formular::{Ergebnis, Feld, fehler_fuer};
use crate::components::status::{Fehler, Laedt};
use crate::model::dokument::{DokumentSeite, datei_pfad, format};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Dokumentseite() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1);
    let hochladen = ServerAction::<FassungHochladen>::new();
    let daten = Resource::new(move || (id.clone(), hochladen.version().get()), |(id, _)| dokument_laden(id));
    view! {
        <Transition fallback=|| view! { <Laedt /> }>
            {move || Suspend::new(async move {
                match daten.await {
                    Ok(s) => view! { <Inhalt s hochladen /> }.into_any(),
                    Err(e) => view! { <Title text="Dokument" /> <Fehler fehler=e /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Inhalt(s: DokumentSeite, hochladen: ServerAction<FassungHochladen>) -> impl IntoView {
    let d = s.dokument;
    let fassungen = d.fassungen.clone();
    view! {
        <Title text=d.titel.clone() />
        <crate::components::status::Brotkrumen
            wege=vec![(crate::pfad::DOKUMENTE.to_string(), "Dokumente und Links".to_string())]
            aktuell=d.titel.clone()
        />
        <h1>{d.titel.clone()}</h1>
        {s.verwalten.then(|| view! {
            <p class="knopfleiste"><a class="knopf-zweit" href=crate::pfad::dokument_bearbeiten(d.id)>"Angaben bearbeiten"</a></p>
        })}
        <dl class="eckdaten">
            <dt>"Art"</dt><dd>{d.art.label()}</dd>
            <dt>"Quelle"</dt><dd>{d.quelle.clone()}</dd>
            <dt>"Lizenz"</dt><dd>{d.lizenz.clone().unwrap_or_else(|| "nicht angegeben".into())}</dd>
            {d.link.clone().map(|l| view! { <dt>"Link"</dt><dd><a href=l.clone() rel="external noopener">{l.clone()}</a></dd> })}
            <dt>"Gehört zu"</dt>
            <dd>
                {if d.bezuege.is_empty() {
                    view! { "–" }.into_any()
                } else {
                    view! {
                        <ul class="bezuege">
                            {d.bezuege.iter().map(|b| view! { <li>{b.art.label()} ": " <a href=b.pfad.clone()>{b.name.clone()}</a></li> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </dd>
        </dl>
        {d.beschreibung.clone().map(|b| view! { <p>{b}</p> })}
        {d.art.nur_bild().then(|| d.fassungen.first().map(|f| view! {
            <figure class="impression">
                <img src=datei_pfad(f) alt=d.alt_text.clone().unwrap_or_default() />
                <figcaption>{format!("Stand {}", f.stand.format("%d.%m.%Y"))}</figcaption>
            </figure>
        }))}
        {(!d.art.nur_link()).then(|| view! {
            <section aria-labelledby="fassungen">
                <h2 id="fassungen">"Fassungen"</h2>
                {if fassungen.is_empty() {
                    view! { <p>"Noch keine Datei hochgeladen."</p> }.into_any()
                } else {
                    view! {
                        <crate::components::tabelle::Tabellenrahmen titel="Fassungen">
                            <table class="katalog-tabelle">
                                <caption class="sr-only">"Alle Fassungen, die neueste zuerst"</caption>
                                <thead><tr><th scope="col">"Stand"</th><th scope="col">"Datei"</th><th scope="col">"Format"</th><th scope="col">"Größe"</th></tr></thead>
                                <tbody>
                                    {fassungen.into_iter().enumerate().map(|(i, f)| view! {
                                        <tr class:aktuelle-fassung=i == 0>
                                            <td>
                                                {f.stand.format("%d.%m.%Y").to_string()}
                                                {(i == 0).then(|| view! { " " <strong>"(aktuelle Fassung)"</strong> })}
                                            </td>
                                            <td><a href=datei_pfad(&f) rel="external">{f.dateiname.clone()}</a></td>
                                            <td>{f.format.label()}{(!f.format.im_browser()).then_some(" (Download)")}</td>
                                            <td>{f.groesse_text()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </crate::components::tabelle::Tabellenrahmen>
                    }.into_any()
                }}
                {s.verwalten.then(|| view! { <Hochladen dokument=d.id nur_bild=d.art.nur_bild() hochladen /> })}
            </section>
        })}
    }
}

/// A new file with its Stand (coordination). The format is checked by the server on the content.
#[component]
fn Hochladen(dokument: i64, nur_bild: bool, hochladen: ServerAction<FassungHochladen>) -> impl IntoView {
    let eingabe = NodeRef::<leptos::html::Input>::new();
    let hinweis = RwSignal::new(None::<String>);
    let ergebnis: Ergebnis<i64> = Signal::derive(move || hochladen.value().get());
    let datei_fehler = move || hinweis.get().or_else(|| fehler_fuer(ergebnis, "datei").get());
    let klick = move |_| {
        hinweis.set(None);
        #[cfg(feature = "hydrate")]
        {
            use web_sys::wasm_bindgen::JsCast;
            let Some(input) = eingabe.get() else { return };
            let stand = document()
                .get_element_by_id("stand")
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|e| e.value())
                .unwrap_or_default();
            leptos::task::spawn_local(async move {
                let max = crate::model::dokument::eingabe::MAX_DATEI as f64;
                match crate::components::datei::lesen(input, max, "Die Datei ist größer als 5 MB.").await {
                    Ok((dateiname, inhalt)) => {
                        hochladen.dispatch(FassungHochladen {
                            dokument,
                            eingabe: crate::model::dokument::eingabe::FassungEingabe { stand, dateiname, inhalt },
                        });
                    }
                    Err(m) => hinweis.set(Some(m)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&eingabe, dokument);
    };
    let erfolg =
        move || matches!(hochladen.value().get(), Some(Ok(_))).then_some("Die Datei ist als neue Fassung gespeichert.");
    let sonst = move || match hochladen.value().get() {
        Some(Err(e)) if e.zum_feld("datei").is_none() && e.zum_feld("stand").is_none() => Some(e.to_string()),
        _ => None,
    };
    view! {
        <div class="hochladen">
            <h3>"Neue Fassung hochladen"</h3>
            <p id="datei-format">
                {format!(
                    "Bis 5 MB. Angenommen (am Inhalt erkannt, nicht am Namen): {}.",
                    if nur_bild { "PNG, JPEG" } else { format::ERLAUBT },
                )}
            </p>
            <div class="feld" class:feld-mit-fehler=move || datei_fehler().is_some()>
                <label for="datei">"Datei"</label>
                <input
                    id="datei"
                    type="file"
                    node_ref=eingabe
                    aria-describedby=move || if datei_fehler().is_some() { "datei-format datei-meldung" } else { "datei-format" }
                    aria-invalid=move || datei_fehler().is_some().then_some("true")
                />
                {move || datei_fehler().map(|m| view! { <p class="feld-meldung" id="datei-meldung">{m}</p> })}
            </div>
            <Feld name="stand" label="Stand" pflicht=true hinweis="Datum des Dokuments, z. B. 11.03.2019." fehler=fehler_fuer(ergebnis, "stand") />
            <div class="knopfleiste">
                <button type="button" class="knopf" on:click=klick disabled=move || hochladen.pending().get()>"Fassung hochladen"</button>
            </div>
            <p class="formular-status" role="status">{erfolg}</p>
            {move || sonst().map(|m| view! { <p class="formular-fehler" role="alert">{m}</p> })}
        </div>
    }
}
