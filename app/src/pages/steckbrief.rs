//! Steckbriefe "OZG-Dienst zur Übertragung": the list (logged in), the form to submit one with a
//! completeness indicator, and one Steckbrief with the coordination's decision.

use crate::api::steckbrief::{SteckbriefEinreichen, SteckbriefEntscheiden, steckbrief_laden, steckbriefe_laden};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, Optionen, fehler_fuer};
use crate::components::laden::Laden;
use crate::components::laden::NurAngemeldet;
use crate::components::tabelle::Tabellenrahmen;
use crate::model::konto::{Angemeldet, Recht, zeit_anzeigen};
use crate::model::steckbrief::{FELDER, NACHWEISE, Steckbrief, SteckbriefEingabe, SteckbriefStatus, nachweise_label};
use crate::model::text::ja_nein;
use crate::pages::oder_nicht_erfasst;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

pub const PFAD: &str = crate::pfad::STECKBRIEFE;
pub const NEU: &str = crate::pfad::STECKBRIEF_NEU;

fn status_klasse(s: SteckbriefStatus) -> &'static str {
    match s {
        SteckbriefStatus::Eingereicht => "status",
        SteckbriefStatus::Veroeffentlicht => "status status-abgeschlossen",
        SteckbriefStatus::Zurueckgewiesen => "status status-warnung",
    }
}

#[component]
pub fn Steckbriefe() -> impl IntoView {
    let liste = Resource::new(|| (), |_| steckbriefe_laden());
    view! {
        <Title text="Steckbriefe" />
        <h1>"Steckbriefe: OZG-Dienste zur Übertragung"</h1>
        <p class="einleitung">
            "Mit einem Steckbrief beschreiben Kommunen einen Online-Dienst, den andere nachnutzen können. "
            "Die Koordination prüft ihn; veröffentlichte Steckbriefe stehen in der "
            <a href=crate::pfad::LOESUNGEN>"Lösungsdatenbank"</a>
            " und auf den Seiten der Themenfelder."
        </p>
        <NurAngemeldet zurueck=PFAD inhalt=move |person| {
            let einreichen = person.darf(Recht::SteckbriefEinreichen);
            view! {
                <Laden daten=liste inhalt=move |liste| view! {
                    {einreichen.then(|| view! { <p><a class="knopf" href=NEU>"Neuen Steckbrief einreichen"</a></p> })}
                    <SteckbriefTabelle liste />
                } />
            }
        } />
    }
}

#[component]
fn SteckbriefTabelle(liste: Vec<Steckbrief>) -> impl IntoView {
    if liste.is_empty() {
        return view! { <p>"Noch keine Steckbriefe."</p> }.into_any();
    }
    view! {
        <Tabellenrahmen titel="Steckbriefe">
            <table class="katalog-tabelle">
                <caption class="sr-only">"Steckbriefe, offene zuerst"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Online-Dienst"</th>
                        <th scope="col">"Organisation"</th>
                        <th scope="col">"LeiKa-Leistungen"</th>
                        <th scope="col">"Eingereicht"</th>
                        <th scope="col">"Status"</th>
                    </tr>
                </thead>
                <tbody>
                    {liste
                        .into_iter()
                        .map(|s| {
                            view! {
                                <tr>
                                    <th scope="row"><a href=format!("{PFAD}/{}", s.id)>{s.dienst_name.clone()}</a></th>
                                    <td>{s.organisation.clone()}</td>
                                    <td>{s.leika.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join("; ")}</td>
                                    <td>{zeit_anzeigen(s.eingereicht_ms)}</td>
                                    <td><span class=status_klasse(s.status)>{s.status.label()}</span></td>
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

/// Filled fields of the form as the user types (only in the browser; the server counts on save).
fn ausgefuellt_zaehlen(ev: &leptos::ev::Event, ziel: RwSignal<i64>) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        let Ok(daten) = web_sys::FormData::new_with_form(&form) else { return };
        let n = crate::model::steckbrief::FELDNAMEN
            .iter()
            .filter(|f| daten.get(f).as_string().is_some_and(|v| !v.trim().is_empty()))
            .count();
        ziel.set(crate::model::anzahl(n));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, ziel);
}

/// The submit action; once stored, the Steckbrief's page opens.
fn einreichen_und_oeffnen() -> ServerAction<SteckbriefEinreichen> {
    let aktion = ServerAction::<SteckbriefEinreichen>::new();
    Effect::new(move || {
        if let Some(Ok(id)) = aktion.value().get() {
            crate::components::adresse::gehe_zu(&format!("{PFAD}/{id}"));
        }
    });
    aktion
}

#[component]
pub fn SteckbriefNeu() -> impl IntoView {
    let aktion = einreichen_und_oeffnen();
    view! {
        <Title text="Steckbrief einreichen" />
        <crate::components::status::Brotkrumen wege=vec![(PFAD.to_string(), "Steckbriefe".to_string())] aktuell="Neuer Steckbrief" />
        <h1>"Steckbrief: OZG-Dienst zur Übertragung"</h1>
        <p>"Bitte einen Steckbrief pro Online-Dienst. Pflichtangaben sind mit * markiert."</p>
        <NurAngemeldet zurueck=crate::components::adresse::pfad_und_suche() inhalt=move |person| {
            if !person.darf(Recht::SteckbriefEinreichen) {
                return view! { <p class="hinweis-kasten">"Steckbriefe reichen Kommunen und die Koordination ein."</p> }.into_any();
            }
            let organisation = person.kommune_name.unwrap_or_default();
            // Prefilled from "Unsere Fragen an Sie" on a Themenfeld page (`?dienst_name=…&url=…`);
            // the limits of the form apply when it is sent.
            let vorgabe = |name| crate::components::adresse::suchparameter(name).unwrap_or_default();
            let eingabe = SteckbriefEingabe {
                organisation,
                dienst_name: vorgabe("dienst_name"),
                url: vorgabe("url"),
                ..Default::default()
            };
            let vorlage = Vorlage { eingabe, id_version: None };
            view! { <Formular aktion vorlage /> }.into_any()
        } />
    }
}

/// What the form starts with: empty for a new Steckbrief, the stored values (with id and
/// version, so the server detects a decision or revision in between) for a revision.
#[derive(Clone, Default)]
struct Vorlage {
    eingabe: SteckbriefEingabe,
    id_version: Option<(i64, i64)>,
}

#[component]
fn Formular(aktion: ServerAction<SteckbriefEinreichen>, vorlage: Vorlage) -> impl IntoView {
    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
    let ausgefuellt = RwSignal::new(vorlage.eingabe.ausgefuellt());
    let Vorlage { eingabe: e, id_version } = vorlage;
    let (knopf, erfolg) = if id_version.is_some() {
        ("Überarbeitet erneut einreichen", "Der Steckbrief wurde erneut eingereicht.")
    } else {
        ("Steckbrief einreichen", "Der Steckbrief wurde eingereicht.")
    };
    view! {
        <ActionForm action=aktion attr:class="formular" attr:novalidate=true on:input=move |ev| ausgefuellt_zaehlen(&ev, ausgefuellt)>
            {id_version.map(|(id, version)| view! {
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version />
            })}
            <div class="vollstaendigkeit">
                <span id="vollstaendigkeit-text">{move || format!("Vollständigkeit: {} von {FELDER} Angaben", ausgefuellt.get())}</span>
                <meter min="0" max=FELDER value=move || ausgefuellt.get() aria-labelledby="vollstaendigkeit-text"></meter>
            </div>
            <Feld name="organisation" label="Ihr Name / Ihre Organisation" pflicht=true wert=e.organisation fehler=fehler_fuer(ergebnis, "organisation") />
            <Feld name="dienst_name" label="Name des Online-Dienstes" pflicht=true wert=e.dienst_name fehler=fehler_fuer(ergebnis, "dienst_name") />
            <Feld
                name="url"
                typ="url"
                label="Dienste-URL"
                hinweis="Wo ist der Dienst aufrufbar? Beispielhaft, mit https://."
                pflicht=true
                wert=e.url
                fehler=fehler_fuer(ergebnis, "url")
            />
            <Feld
                name="leika"
                label="LeiKa-Schlüssel"
                hinweis="14 Ziffern je Schlüssel, mehrere durch Komma getrennt, z. B. 99110009104000. Nur Schlüssel aus dem LeiKa-Katalog."
                pflicht=true
                wert=e.leika
                fehler=fehler_fuer(ergebnis, "leika")
            />
            <Feld name="dms" label="Anbindung an ein DMS" hinweis="Welches Dokumentenmanagementsystem, wie angebunden?" wert=e.dms fehler=fehler_fuer(ergebnis, "dms") />
            <Optionen
                name="nachweise"
                legende="Nachweise im Antrag"
                optionen=NACHWEISE.iter().copied().chain([("", "keine Angabe")]).collect()
                gewaehlt=e.nachweise
                fehler=fehler_fuer(ergebnis, "nachweise")
            />
            <Optionen
                name="once_only"
                legende="Once-Only-Prinzip umgesetzt"
                optionen=vec![("ja", "ja"), ("nein", "nein"), ("", "keine Angabe")]
                gewaehlt=e.once_only
                fehler=fehler_fuer(ergebnis, "once_only")
            />
            <Feld name="bezahlung" label="Bezahlung" hinweis="z. B. ePayBL, Kreditkarte, gebührenfrei" wert=e.bezahlung fehler=fehler_fuer(ergebnis, "bezahlung") />
            <Feld
                name="authentifizierung"
                label="Authentifizierung"
                hinweis="z. B. Servicekonto.NRW, BundID, ELSTER-Zertifikat, keine"
                wert=e.authentifizierung
                fehler=fehler_fuer(ergebnis, "authentifizierung")
            />
            <Feld name="kontakt" label="Kontakt für Rückfragen" hinweis="Name, E-Mail oder Telefon" wert=e.kontakt fehler=fehler_fuer(ergebnis, "kontakt") />
            <FormularStatus ergebnis erfolg=erfolg />
            <div class="knopfleiste">
                <button type="submit" class="knopf">{knopf}</button>
            </div>
        </ActionForm>
    }
}

/// Revise a Steckbrief in review or returned, and submit it again.
#[component]
pub fn SteckbriefUeberarbeiten() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1).parse::<i64>().unwrap_or(0);
    let id = move || id;
    let daten = Resource::new(id, steckbrief_laden);
    let aktion = einreichen_und_oeffnen();
    view! {
        <Title text="Steckbrief überarbeiten" />
        <NurAngemeldet zurueck=PFAD inhalt=move |person| {
            view! {
                <Laden daten inhalt=move |s| view! { <Ueberarbeiten s person=person.clone() aktion /> } />
            }
        } />
    }
}

/// The revision form of a loaded Steckbrief, or why it cannot be revised.
#[component]
fn Ueberarbeiten(s: Steckbrief, person: Angemeldet, aktion: ServerAction<SteckbriefEinreichen>) -> impl IntoView {
    let kopf = view! {
        <crate::components::status::Brotkrumen wege=vec![(PFAD.to_string(), "Steckbriefe".to_string()), (format!("{PFAD}/{}", s.id), s.dienst_name.clone())] aktuell="Überarbeiten" />
        <h1>{format!("Steckbrief überarbeiten: {}", s.dienst_name)}</h1>
    };
    if !person.darf(Recht::SteckbriefEinreichen) || !s.status.ueberarbeitbar() {
        return view! {
            {kopf}
            <p class="hinweis-kasten">"Dieser Steckbrief ist veröffentlicht und wird nicht mehr überarbeitet."</p>
        }
        .into_any();
    }
    let hinweis = s.pruef_kommentar.clone().filter(|_| s.status == SteckbriefStatus::Zurueckgewiesen);
    let vorlage = Vorlage { eingabe: SteckbriefEingabe::aus(&s), id_version: Some((s.id, s.version)) };
    view! {
        {kopf}
        {hinweis.map(|k| view! {
            <div class="hinweis-kasten">
                <p><strong>"Kommentar der Koordination: "</strong>{k}</p>
            </div>
        })}
        <p>"Nach dem Speichern ist der Steckbrief wieder in Prüfung. Pflichtangaben sind mit * markiert."</p>
        <Formular aktion vorlage />
    }
    .into_any()
}

#[component]
pub fn SteckbriefSeite() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1).parse::<i64>().unwrap_or(0);
    let id = move || id;
    let entscheiden = ServerAction::<SteckbriefEntscheiden>::new();
    let daten = Resource::new(move || (id(), entscheiden.version().get()), |(id, _)| steckbrief_laden(id));
    view! {
        <Title text="Steckbrief" />
        <NurAngemeldet zurueck=PFAD inhalt=move |person| {
            let pruefen = person.darf(Recht::SteckbriefePruefen);
            // Whoever may read it may revise it (the server checks the same).
            let ueberarbeiten = person.darf(Recht::SteckbriefEinreichen);
            view! {
                <Laden daten bleibend=true inhalt=move |s| view! { <SteckbriefAnsicht s pruefen ueberarbeiten entscheiden /> } />
            }
        } />
    }
}

#[component]
fn SteckbriefAnsicht(
    s: Steckbrief,
    pruefen: bool,
    ueberarbeiten: bool,
    entscheiden: ServerAction<SteckbriefEntscheiden>,
) -> impl IntoView {
    let ergebnis: Ergebnis<SteckbriefStatus> = Signal::derive(move || entscheiden.value().get());
    let offen = s.status == SteckbriefStatus::Eingereicht;
    let zurueck = s.status == SteckbriefStatus::Zurueckgewiesen;
    let bearbeiten = (ueberarbeiten && s.status.ueberarbeitbar()).then(|| {
        let (text, klasse) =
            if zurueck { ("Überarbeiten und erneut einreichen", "knopf") } else { ("Überarbeiten", "knopf-zweit") };
        view! { <p><a class=klasse href=format!("{PFAD}/{}/ueberarbeiten", s.id)>{text}</a></p> }
    });
    // After a revision the last return stays visible as history.
    let pruef_titel = if offen { "Zuletzt zurückgegeben" } else { "Geprüft" };
    view! {
        <Title text=format!("Steckbrief {}", s.dienst_name) />
        <crate::components::status::Brotkrumen wege=vec![(PFAD.to_string(), "Steckbriefe".to_string())] aktuell=s.dienst_name.clone() />
        <h1>{s.dienst_name.clone()}</h1>
        <p>
            <span class=status_klasse(s.status)>{s.status.label()}</span>
            {format!(
                " – eingereicht {} von {}",
                zeit_anzeigen(s.eingereicht_ms),
                s.einreicher.clone().unwrap_or_else(|| "unbekannt".into()),
            )}
            {s.kommune.clone().map(|k| format!(" ({k})"))}
        </p>
        <p class="vollstaendigkeit">{format!("Vollständigkeit: {} von {FELDER} Angaben", s.ausgefuellt())}</p>
        {s.onlinedienst_id.map(|id| view! { <p><a href=crate::pfad::loesung(id)>"In der Lösungsdatenbank ansehen"</a></p> })}
        {zurueck.then(|| view! {
            <div class="hinweis-kasten" role="note">
                <p><strong>"Die Koordination hat den Steckbrief zur Überarbeitung zurückgegeben."</strong></p>
                {s.pruef_kommentar.clone().map(|k| view! { <p>{k}</p> })}
            </div>
        })}
        {bearbeiten}
        <dl class="steckbrief">
            <dt>"Organisation"</dt>
            <dd>{s.organisation.clone()}</dd>
            <dt>"Dienste-URL"</dt>
            <dd><a href=s.url.clone() rel="external noopener">{s.url.clone()}</a></dd>
            <dt>"LeiKa-Leistungen"</dt>
            <dd>
                <ul>
                    {s.leika.iter().map(|(k, n)| view! { <li><code>{k.clone()}</code> " " {n.clone()}</li> }).collect_view()}
                </ul>
            </dd>
            <dt>"Anbindung an ein DMS"</dt>
            <dd>{oder_nicht_erfasst(s.dms.clone())}</dd>
            <dt>"Nachweise im Antrag"</dt>
            <dd>{oder_nicht_erfasst(s.nachweise.as_deref().map(|n| nachweise_label(n).to_string()))}</dd>
            <dt>"Once-Only-Prinzip umgesetzt"</dt>
            <dd>{oder_nicht_erfasst(ja_nein(s.once_only))}</dd>
            <dt>"Bezahlung"</dt>
            <dd>{oder_nicht_erfasst(s.bezahlung.clone())}</dd>
            <dt>"Authentifizierung"</dt>
            <dd>{oder_nicht_erfasst(s.authentifizierung.clone())}</dd>
            <dt>"Kontakt"</dt>
            <dd>{oder_nicht_erfasst(s.kontakt.clone())}</dd>
            {s.pruefer.clone().map(|p| view! {
                <dt>{pruef_titel}</dt>
                <dd>{format!("{} von {p}", s.geprueft_ms.map(zeit_anzeigen).unwrap_or_default())}</dd>
            })}
            {s.pruef_kommentar.clone().map(|k| view! { <dt>"Kommentar der Koordination"</dt> <dd>{k}</dd> })}
        </dl>
        {(s.status == SteckbriefStatus::Veroeffentlicht).then(|| view! {
            <crate::pages::forum::bezug::ThemenZu art=crate::model::forum::BezugArt::Steckbrief ziel=s.id.to_string() />
        })}
        {(pruefen && offen).then(|| view! {
            <h2>"Prüfen"</h2>
            <ActionForm action=entscheiden attr:class="formular" attr:novalidate=true>
                <input type="hidden" name="id" value=s.id />
                <input type="hidden" name="version" value=s.version />
                <div class="feld" class:feld-mit-fehler=move || fehler_fuer(ergebnis, "kommentar").with(Option::is_some)>
                    <label for="kommentar">"Kommentar (bei Rückgabe Pflicht)"</label>
                    <textarea id="kommentar" name="kommentar" rows="3"
                        aria-invalid=move || fehler_fuer(ergebnis, "kommentar").with(Option::is_some).then_some("true")
                        aria-describedby=move || fehler_fuer(ergebnis, "kommentar").with(Option::is_some).then_some("kommentar-meldung")
                    ></textarea>
                    {move || fehler_fuer(ergebnis, "kommentar").get().map(|m| view! { <p class="feld-meldung" id="kommentar-meldung">{m}</p> })}
                </div>
                <FormularStatus ergebnis erfolg="Die Entscheidung wurde gespeichert." />
                <div class="knopfleiste">
                    <button type="submit" class="knopf" name="entscheidung" value="veroeffentlichen">"Veröffentlichen"</button>
                    <button type="submit" class="knopf-zweit" name="entscheidung" value="zurueckgeben">"Zur Überarbeitung zurückgeben"</button>
                </div>
            </ActionForm>
        })}
    }
}
