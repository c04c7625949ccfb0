//! "Daten liefern" on a Kommune's page: the current delivery for everybody (with download), and
//! for its staff the upload: choose a file, see every problem row, then take it over as a whole.

use crate::api::lieferung::{LieferungPruefen, LieferungUebernehmen, lieferung_laden};
use crate::components::status::{Fehler, zahl};
use crate::components::tabelle::Tabellenrahmen;
use crate::error::AppError;
use crate::model::anzahl;
use crate::model::konto::zeit_anzeigen;
use crate::model::lieferung::{LieferungStand, Vorschau};
use leptos::prelude::*;

/// How many pages the page lists; the download has all.
const ANZEIGE: usize = 30;

#[component]
pub fn Datenlieferung(ags: String, bearbeitbar: bool) -> impl IntoView {
    let pruefen = ServerAction::<LieferungPruefen>::new();
    let uebernehmen = ServerAction::<LieferungUebernehmen>::new();
    let ags_r = ags.clone();
    let stand = Resource::new(move || (ags_r.clone(), uebernehmen.version().get()), |(a, _)| lieferung_laden(a));
    let ags_stand = ags.clone();
    view! {
        <section aria-labelledby="lieferung-titel">
            <h2 id="lieferung-titel">"Gelieferte Serviceseiten"</h2>
            <Transition fallback=|| ()>
                {
                    let ags = ags_stand;
                    move || {
                        let ags = ags.clone();
                        Suspend::new(async move {
                            match stand.await {
                                Ok(s) => view! { <Stand s ags /> }.into_any(),
                                Err(e) => view! { <Fehler fehler=e /> }.into_any(),
                            }
                        })
                    }
                }
            </Transition>
            {bearbeitbar.then(|| view! { <Hochladen ags pruefen uebernehmen /> })}
        </section>
    }
}

#[component]
fn Stand(s: LieferungStand, ags: String) -> impl IntoView {
    let Some(l) = s.letzte.clone() else {
        return view! { <p>"Diese Kommune hat noch keine Serviceseiten geliefert."</p> }.into_any();
    };
    let wer = (!l.benutzer.is_empty()).then(|| format!(" von {}", l.benutzer));
    let mehr = s.seiten.len().saturating_sub(ANZEIGE);
    view! {
        <p>
            {format!(
                "{} Seiten mit {} LeiKa-Zuordnungen, geliefert am {}{} (Datei „{}“). ",
                zahl(l.seiten),
                zahl(l.zuordnungen),
                zeit_anzeigen(l.zeit_ms),
                wer.unwrap_or_default(),
                l.dateiname,
            )}
            "Herunterladen: "
            <a href=crate::pfad::lieferung_export(&ags, "csv") download rel="external">"CSV"</a>
            " · "
            <a href=crate::pfad::lieferung_export(&ags, "xlsx") download rel="external">"XLSX"</a>
            " · "
            <a href=crate::pfad::lieferung_export(&ags, "json") download rel="external">"JSON"</a>
        </p>
        <Tabellenrahmen titel="Gelieferte Seiten">
            <table class="katalog-tabelle">
                <caption class="sr-only">"Serviceseiten der Kommune mit ihren LeiKa-Leistungen"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Seite"</th>
                        <th scope="col">"LeiKa-Leistungen"</th>
                    </tr>
                </thead>
                <tbody>
                    {s
                        .seiten
                        .into_iter()
                        .take(ANZEIGE)
                        .map(|(url, ks)| {
                            view! {
                                <tr>
                                    <td class="url"><a href=url.clone() rel="external noopener">{url.clone()}</a></td>
                                    <td>
                                        {ks
                                            .into_iter()
                                            .map(|(k, n)| view! { <span class="schluessel-name"><code>{k}</code> " " {n}</span> })
                                            .collect_view()}
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </Tabellenrahmen>
        {(mehr > 0).then(|| view! { <p class="hinweis">{format!("… und {} weitere Seiten im Download.", zahl(anzahl(mehr)))}</p> })}
    }
    .into_any()
}

/// The chosen file: name and content as base64.
type Datei = (String, String);

#[cfg(feature = "hydrate")]
async fn datei_lesen(input: web_sys::HtmlInputElement) -> Result<Datei, String> {
    // Larger files would exceed the server's request limit.
    crate::components::datei::lesen(
        input,
        5.5 * 1024.0 * 1024.0,
        "Die Datei ist größer als 5 MB. Bitte teilen Sie sie auf (höchstens 50.000 Zeilen je Lieferung).",
    )
    .await
}

#[component]
fn Hochladen(
    ags: String,
    pruefen: ServerAction<LieferungPruefen>,
    uebernehmen: ServerAction<LieferungUebernehmen>,
) -> impl IntoView {
    let eingabe = NodeRef::<leptos::html::Input>::new();
    let datei: RwSignal<Option<Datei>> = RwSignal::new(None);
    let hinweis = RwSignal::new(None::<String>);
    let ags = StoredValue::new(ags);
    let vorschau = move || pruefen.value().get();
    let datei_fehler = move || {
        let aus = |r: Option<Result<Vorschau, AppError>>| r.and_then(|r| r.err()).and_then(|e| e.zum_feld("datei"));
        hinweis.get().or_else(|| aus(uebernehmen.value().get())).or_else(|| aus(pruefen.value().get()))
    };
    let pruefen_klick = move |_| {
        hinweis.set(None);
        uebernehmen.value().set(None);
        #[cfg(feature = "hydrate")]
        if let Some(input) = eingabe.get_untracked() {
            leptos::task::spawn_local(async move {
                match datei_lesen(input).await {
                    Ok((name, inhalt)) => {
                        datei.set(Some((name.clone(), inhalt.clone())));
                        pruefen.dispatch(LieferungPruefen { ags: ags.get_value(), dateiname: name, inhalt });
                    }
                    Err(m) => hinweis.set(Some(m)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&eingabe, &datei);
    };
    let uebernehmen_klick = move |_| {
        let (Some((dateiname, inhalt)), Some(Ok(v))) = (datei.get_untracked(), pruefen.value().get_untracked()) else {
            return;
        };
        uebernehmen.dispatch(LieferungUebernehmen { ags: ags.get_value(), dateiname, inhalt, basis: v.basis });
    };
    let erfolg = move || match uebernehmen.value().get() {
        Some(Ok(v)) => Some(format!(
            "Übernommen: {} Seiten mit {} LeiKa-Zuordnungen. Die bisherige Lieferung ist ersetzt.",
            zahl(anzahl(v.seiten)),
            zahl(anzahl(v.zuordnungen))
        )),
        _ => None,
    };
    let anderer_fehler = move || match uebernehmen.value().get().or_else(|| pruefen.value().get()) {
        Some(Err(e)) if e.zum_feld("datei").is_none() => Some(e.to_string()),
        _ => None,
    };
    view! {
        <div class="lieferung-hochladen">
            <h3>"Daten liefern"</h3>
            <p id="lieferung-format">
                "Excel-Datei (.xlsx, erstes Tabellenblatt) oder CSV-Datei (Trennzeichen Semikolon oder Komma, UTF-8) mit "
                "einer Kopfzeile in Zeile 1: Spalte „url“ für die Adresse der "
                "Serviceseite und Spalte „leika“ mit einem oder mehreren 14-stelligen LeiKa-Schlüsseln (durch Leerzeichen "
                "getrennt). Erst die Prüfung zeigt jede fehlerhafte Zeile; übernommen wird nur eine fehlerfreie Datei, sie "
                "ersetzt die bisherige Lieferung vollständig."
            </p>
            <div class="feld" class:feld-mit-fehler=move || datei_fehler().is_some()>
                <label for="lieferung-datei">"Datei"</label>
                <input
                    id="lieferung-datei"
                    type="file"
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    node_ref=eingabe
                    aria-describedby=move || {
                        if datei_fehler().is_some() { "lieferung-format lieferung-meldung" } else { "lieferung-format" }
                    }
                    aria-invalid=move || datei_fehler().is_some().then_some("true")
                    on:change=move |_| {
                        pruefen.value().set(None);
                        uebernehmen.value().set(None);
                        hinweis.set(None);
                    }
                />
                {move || datei_fehler().map(|m| view! { <p class="feld-meldung" id="lieferung-meldung">{m}</p> })}
            </div>
            <div class="knopfleiste">
                <button type="button" class="knopf" on:click=pruefen_klick disabled=move || pruefen.pending().get()>
                    "Datei prüfen"
                </button>
            </div>
            <p class="formular-status" role="status">{move || erfolg()}</p>
            {move || anderer_fehler().map(|m| view! { <p class="formular-fehler" role="alert">{m}</p> })}
            {move || match vorschau() {
                Some(Ok(v)) if uebernehmen.value().with(|u| !matches!(u, Some(Ok(_)))) => {
                    view! { <VorschauAnsicht v uebernehmen_klick=Callback::new(uebernehmen_klick) laeuft=uebernehmen.pending() /> }
                        .into_any()
                }
                _ => ().into_any(),
            }}
        </div>
    }
}

#[component]
fn VorschauAnsicht(v: Vorschau, uebernehmen_klick: Callback<()>, laeuft: Memo<bool>) -> impl IntoView {
    let ok = v.fehlerfrei();
    let zusammenfassung = format!(
        "Prüfung von „{}“: {} Zeilen fehlerfrei, {} mit Fehlern{}.",
        v.dateiname,
        zahl(anzahl(v.gueltig)),
        zahl(anzahl(v.fehlerhaft_gesamt)),
        if ok {
            format!(" – {} Seiten, {} Zuordnungen", zahl(anzahl(v.seiten)), zahl(anzahl(v.zuordnungen)))
        } else {
            String::new()
        },
    );
    view! {
        <div class="vorschau">
            <p role="status" class:formular-fehler=!ok>{zusammenfassung}</p>
            {(!v.datei_fehler.is_empty())
                .then(|| view! { <ul class="fehlerliste">{v.datei_fehler.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}</ul> })}
            {(!v.fehlerhaft.is_empty())
                .then(|| {
                    view! {
                        <Tabellenrahmen titel="Gelieferte Seiten">
                            <table class="katalog-tabelle">
                                <caption>
                                    "Fehlerhafte Zeilen – nichts wird gespeichert, bis alle behoben sind"
                                    {(v.fehlerhaft_gesamt > v.fehlerhaft.len())
                                        .then(|| format!(" (die ersten {} von {})", zahl(anzahl(v.fehlerhaft.len())), zahl(anzahl(v.fehlerhaft_gesamt))))}
                                </caption>
                                <thead>
                                    <tr>
                                        <th scope="col">"Zeile"</th>
                                        <th scope="col">"Adresse"</th>
                                        <th scope="col">"Schlüssel"</th>
                                        <th scope="col">"Problem"</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {v
                                        .fehlerhaft
                                        .iter()
                                        .map(|z| {
                                            view! {
                                                <tr>
                                                    <td class="zahl">{z.nr}</td>
                                                    <td class="url">{z.url.clone()}</td>
                                                    <td>{z.schluessel.join(" ")}</td>
                                                    <td>{z.probleme.join(" ")}</td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        </Tabellenrahmen>
                    }
                })}
            {ok
                .then(|| {
                    view! {
                        <div class="knopfleiste">
                            <button type="button" class="knopf" on:click=move |_| uebernehmen_klick.run(()) disabled=move || laeuft.get()>
                                "Lieferung übernehmen (ersetzt die bisherige)"
                            </button>
                        </div>
                    }
                })}
        </div>
    }
}
