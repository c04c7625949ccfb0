//! Creating and editing a document's details (coordination): title, kind, source, licence, link
//! and what it belongs to. Files are added on the document's page.

use crate::api::dokument::{DokumentAnlegen, DokumentAuswahl, DokumentSpeichern, dokument_formular};
use crate::components::formular::{Ergebnis, Feld, FormularStatus, Textfeld, Wahl, fehler_fuer};
use crate::components::laden::{Laden, NurAngemeldet};
use crate::model::dokument::Art;
use crate::model::dokument::eingabe::DokumentEingabe;
use crate::model::konto::Recht;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

type Vorlage = (DokumentAuswahl, i64, DokumentEingabe);

#[component]
pub fn DokumentNeu() -> impl IntoView {
    let aktion = ServerAction::<DokumentAnlegen>::new();
    let daten = Resource::new(|| (), |_| dokument_formular(None));
    // `?leistungen=10513` etc.: opened from a Leistung, Themenfeld, project or event page.
    // Read from the address, not the router: this page is an island (components/adresse.rs).
    let vorbelegen = move |mut e: DokumentEingabe| {
        for (feld, wert) in [
            ("leistungen", &mut e.leistungen),
            ("themenfeld", &mut e.themenfeld),
            ("projekt", &mut e.projekt),
            ("veranstaltung", &mut e.veranstaltung),
            ("labor", &mut e.labor),
        ] {
            if let Some(v) = crate::components::adresse::suchparameter(feld) {
                *wert = v.chars().take(400).collect();
            }
        }
        e
    };
    Effect::new(move || {
        if let Some(Ok(id)) = aktion.value().get() {
            crate::components::adresse::gehe_zu(&crate::pfad::dokument(id));
        }
    });
    view! {
        <Title text="Neues Dokument" />
        <crate::components::status::Brotkrumen wege=vec![(crate::pfad::DOKUMENTE.to_string(), "Dokumente und Links".to_string())] aktuell="Neues Dokument" />
        <h1>"Neues Dokument"</h1>
        <NurAngemeldet zurueck=crate::pfad::DOKUMENT_NEU inhalt=move |person| {
            if !person.darf(Recht::DokumenteVerwalten) {
                return view! { <p class="hinweis-kasten">"Dokumente stellt die Koordination ein."</p> }.into_any();
            }
            view! {
                <Laden daten bleibend=true inhalt=move |(auswahl, _, e): Vorlage| {
                    let e = vorbelegen(e);
                    let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
                    view! {
                        <p>"Erst die Angaben, dann auf der Seite des Dokuments die Dateien – je Stand eine Fassung."</p>
                        <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                            <Felder e auswahl ergebnis />
                            <FormularStatus ergebnis erfolg="Das Dokument ist angelegt." />
                            <div class="knopfleiste"><button type="submit" class="knopf">"Dokument anlegen"</button></div>
                        </ActionForm>
                    }
                } />
            }
            .into_any()
        } />
    }
}

#[component]
pub fn DokumentBearbeiten() -> impl IntoView {
    let id = crate::components::adresse::pfad_teil(1).parse::<i64>().unwrap_or(0);
    let aktion = ServerAction::<DokumentSpeichern>::new();
    let daten = Resource::new(move || aktion.version().get(), move |_| dokument_formular(Some(id)));
    view! {
        <Title text="Dokument bearbeiten" />
        <h1>"Dokument bearbeiten"</h1>
        <NurAngemeldet zurueck=crate::pfad::dokument_bearbeiten(id) inhalt=move |_| view! {
            <Laden daten bleibend=true fehlertitel="Dokument bearbeiten" inhalt=move |(auswahl, version, e): Vorlage| {
                let ergebnis: Ergebnis<i64> = Signal::derive(move || aktion.value().get());
                view! {
                    <p><a href=crate::pfad::dokument(id)>"Zurück zum Dokument „" {e.titel.clone()} "“"</a></p>
                    <ActionForm action=aktion attr:class="formular" attr:novalidate=true>
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="version" value=version />
                        <Felder e auswahl ergebnis />
                        <FormularStatus ergebnis erfolg="Gespeichert." />
                        <div class="knopfleiste"><button type="submit" class="knopf">"Speichern"</button></div>
                    </ActionForm>
                }
            } />
        } />
    }
}

fn optionen(leer: &str, liste: Vec<(i64, String)>) -> Vec<(String, String)> {
    let mut o = vec![(String::new(), leer.to_string())];
    o.extend(liste.into_iter().map(|(id, n)| (id.to_string(), n)));
    o
}

#[component]
fn Felder(e: DokumentEingabe, auswahl: DokumentAuswahl, ergebnis: Ergebnis<i64>) -> impl IntoView {
    let f = move |feld: &'static str| fehler_fuer(ergebnis, feld);
    let arten: Vec<(String, String)> =
        Art::ALLE.iter().map(|a| (a.code().to_string(), a.label().to_string())).collect();
    view! {
        <Feld name="titel" label="Titel" pflicht=true wert=e.titel.clone() fehler=f("titel") />
        <Wahl name="art" label="Art" optionen=arten wert=e.art.clone() fehler=f("art") />
        <Feld name="quelle" label="Quelle" pflicht=true wert=e.quelle.clone() hinweis="Wer das Dokument erstellt oder veröffentlicht hat, z. B. „OZG-Informationsplattform des Bundes“." fehler=f("quelle") />
        <Feld name="lizenz" label="Lizenz" wert=e.lizenz.clone() hinweis="z. B. „dl-de/by-2-0“ oder „CC BY 4.0“; leer, wenn unbekannt." fehler=f("lizenz") />
        <Feld name="link" label="Link" typ="url" wert=e.link.clone() hinweis="Für Videomitschnitte und Links Pflicht; sonst die Fundstelle beim Herausgeber." fehler=f("link") />
        <Feld name="alt_text" label="Alternativtext (bei Bildern)" wert=e.alt_text.clone() hinweis="Für Impressionen Pflicht: in einem Satz, was zu sehen ist, z. B. „Pinnwand mit Karten zum Antragsweg Führerschein“." fehler=f("alt_text") />
        <Wahl name="themenfeld" label="Themenfeld" optionen=optionen("– kein Themenfeld –", auswahl.themenfelder) wert=e.themenfeld.clone() fehler=f("themenfeld") />
        <Feld name="leistungen" label="OZG-Leistungen (OZG-IDs)" wert=e.leistungen.clone() hinweis="Fünfstellige OZG-IDs, durch Komma getrennt, z. B. 10513." fehler=f("leistungen") />
        <Wahl name="projekt" label="Umsetzungsprojekt" optionen=optionen("– kein Projekt –", auswahl.projekte) wert=e.projekt.clone() fehler=f("projekt") />
        <Wahl name="veranstaltung" label="Veranstaltung (z. B. Workshop)" optionen=optionen("– keine Veranstaltung –", auswahl.veranstaltungen) wert=e.veranstaltung.clone() fehler=f("veranstaltung") />
        <Wahl name="labor" label="Digitalisierungslabor" optionen=optionen("– kein Labor –", auswahl.labore) wert=e.labor.clone() fehler=f("labor") />
        <Textfeld name="beschreibung" label="Beschreibung" wert=e.beschreibung.clone() hinweis="Worum es geht, für wen es gedacht ist." fehler=f("beschreibung") />
    }
}
