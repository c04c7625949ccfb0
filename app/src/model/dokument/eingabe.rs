//! The document form and the upload of a file, as typed, and what they become once checked.
//! That the linked Leistungen, Themenfeld, project and event exist is checked by the store.

use super::{Art, BezugArt};
use crate::error::Feldfehler;
use crate::model::formular::{Leser, leer};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const MAX_KURZ: usize = 300;
pub const MAX_LANG: usize = 5000;
/// Largest file: slides and reference processes of the seeds are 1–4 MB. The request limit of
/// server functions (8 MB) holds base64 of this size with room to spare.
pub const MAX_DATEI: usize = 5 * 1024 * 1024;
/// Most OZG-Leistungen one document names.
pub const MAX_LEISTUNGEN: usize = 50;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DokumentEingabe {
    pub titel: String,
    pub art: String,
    pub beschreibung: String,
    pub quelle: String,
    pub lizenz: String,
    pub link: String,
    pub alt_text: String,
    /// Themenfeld id.
    pub themenfeld: String,
    /// OZG-IDs, separated by commas or spaces.
    pub leistungen: String,
    pub projekt: String,
    pub veranstaltung: String,
    /// Digitalisierungslabor id.
    pub labor: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DokumentDaten {
    pub titel: String,
    pub art: Art,
    pub beschreibung: Option<String>,
    pub quelle: String,
    pub lizenz: Option<String>,
    pub link: Option<String>,
    pub alt_text: Option<String>,
    pub bezuege: Vec<(BezugArt, String)>,
}

impl DokumentEingabe {
    pub fn von(d: &super::Dokument) -> Self {
        let schluessel = |art: BezugArt| -> Vec<String> {
            d.bezuege.iter().filter(|b| b.art == art).map(|b| b.schluessel.clone()).collect()
        };
        DokumentEingabe {
            titel: d.titel.clone(),
            art: d.art.code().into(),
            beschreibung: d.beschreibung.clone().unwrap_or_default(),
            quelle: d.quelle.clone(),
            lizenz: d.lizenz.clone().unwrap_or_default(),
            link: d.link.clone().unwrap_or_default(),
            alt_text: d.alt_text.clone().unwrap_or_default(),
            themenfeld: schluessel(BezugArt::Themenfeld).into_iter().next().unwrap_or_default(),
            leistungen: schluessel(BezugArt::Leistung).join(", "),
            projekt: schluessel(BezugArt::Projekt).into_iter().next().unwrap_or_default(),
            veranstaltung: schluessel(BezugArt::Veranstaltung).into_iter().next().unwrap_or_default(),
            labor: schluessel(BezugArt::Labor).into_iter().next().unwrap_or_default(),
        }
    }

    pub fn lesen(&self) -> Result<DokumentDaten, Vec<Feldfehler>> {
        let mut l = Leser::default();
        let titel = l.pflicht("titel", "Titel", &self.titel, MAX_KURZ);
        let art = Art::aus_code(self.art.trim());
        if art.is_none() {
            l.fehler("art", "Bitte die Art des Dokuments wählen.");
        }
        let quelle = l.pflicht("quelle", "Quelle", &self.quelle, MAX_KURZ);
        let link = l.adresse("link", &self.link);
        if art.is_some_and(Art::nur_link) && link.is_none() && !l.0.iter().any(|f| f.feld == "link") {
            l.fehler("link", "Ein Videomitschnitt oder Link braucht seine Adresse (https://…).");
        }
        let alt_text = l.text("alt_text", "Alternativtext", &self.alt_text, MAX_KURZ);
        if art.is_some_and(Art::nur_bild) {
            alt_pruefen(&mut l, alt_text.as_deref());
        }
        let mut bezuege = vec![];
        if let Some(tf) = l.auswahl("themenfeld", &self.themenfeld, "Unbekanntes Themenfeld gewählt.") {
            bezuege.push((BezugArt::Themenfeld, tf.to_string()));
        }
        let ids: Vec<&str> = self.leistungen.split([',', ';', ' ', '\n']).filter(|s| !s.trim().is_empty()).collect();
        if ids.len() > MAX_LEISTUNGEN {
            l.fehler("leistungen", format!("Höchstens {MAX_LEISTUNGEN} OZG-Leistungen je Dokument."));
        } else if let Some(falsch) = ids.iter().find(|i| i.len() != 5 || !i.bytes().all(|b| b.is_ascii_digit())) {
            let falsch = crate::model::text::zitat(falsch);
            l.fehler("leistungen", format!("„{falsch}“ ist keine OZG-ID (fünf Ziffern, z. B. 10513)."));
        } else {
            bezuege.extend(ids.iter().map(|i| (BezugArt::Leistung, i.to_string())));
        }
        if let Some(p) = l.auswahl("projekt", &self.projekt, "Unbekanntes Umsetzungsprojekt gewählt.") {
            bezuege.push((BezugArt::Projekt, p.to_string()));
        }
        if let Some(v) = l.auswahl("veranstaltung", &self.veranstaltung, "Unbekannte Veranstaltung gewählt.") {
            bezuege.push((BezugArt::Veranstaltung, v.to_string()));
        }
        if let Some(lab) = l.auswahl("labor", &self.labor, "Unbekanntes Digitalisierungslabor gewählt.") {
            bezuege.push((BezugArt::Labor, lab.to_string()));
        }
        bezuege.sort();
        bezuege.dedup();
        let daten = DokumentDaten {
            titel,
            art: art.unwrap_or(Art::Sonstiges),
            beschreibung: l.text("beschreibung", "Beschreibung", &self.beschreibung, MAX_LANG),
            quelle,
            lizenz: l.text("lizenz", "Lizenz", &self.lizenz, MAX_KURZ),
            link,
            alt_text,
            bezuege,
        };
        l.ergebnis(daten)
    }
}

/// A picture needs words for what it shows – not its file name, not just "Bild".
fn alt_pruefen(l: &mut Leser, alt: Option<&str>) {
    let Some(alt) = alt else {
        return l.fehler("alt_text", "Bitte beschreiben Sie, was das Bild zeigt (Alternativtext für Screenreader).");
    };
    let klein = alt.to_lowercase();
    let dateiname = [".png", ".jpg", ".jpeg"].iter().any(|e| klein.ends_with(e));
    let nichtssagend = ["bild", "foto", "image", "impression", "grafik"].contains(&klein.trim_end_matches('.'));
    if dateiname || nichtssagend || alt.chars().count() < 10 {
        l.fehler(
            "alt_text",
            "Der Alternativtext soll in einem Satz sagen, was zu sehen ist (mindestens 10 Zeichen, kein Dateiname).",
        );
    }
}

/// A file to add as a new Fassung, as it arrives: its name, Stand and content in base64.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FassungEingabe {
    pub stand: String,
    pub dateiname: String,
    pub inhalt: String,
}

/// A checked file: format recognised from the content, safe name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FassungDaten {
    pub stand: NaiveDate,
    pub dateiname: String,
    pub format: super::Format,
    pub inhalt: Vec<u8>,
}

impl FassungEingabe {
    pub fn lesen(&self) -> Result<FassungDaten, Vec<Feldfehler>> {
        use base64::Engine;
        let mut l = Leser::default();
        let stand = l.tag("stand", "Stand", &self.stand);
        if leer(&self.stand).is_none() {
            l.fehler("stand", "Bitte den Stand des Dokuments angeben, z. B. 11.03.2019.");
        }
        // Size first, before decoding: base64 is 4/3 of the file.
        let mut inhalt = vec![];
        if self.inhalt.len() > MAX_DATEI / 3 * 4 + 4 {
            l.fehler("datei", format!("Die Datei ist größer als {} MB.", MAX_DATEI / 1024 / 1024));
        } else if self.inhalt.is_empty() {
            l.fehler("datei", "Bitte eine Datei auswählen.");
        } else {
            match base64::engine::general_purpose::STANDARD.decode(self.inhalt.trim()) {
                Ok(b) => inhalt = b,
                Err(_) => l.fehler("datei", "Die Datei kam unvollständig an. Bitte erneut hochladen."),
            }
        }
        let format = (!inhalt.is_empty()).then(|| super::Format::erkennen(&inhalt)).flatten();
        if !inhalt.is_empty() && format.is_none() {
            let erlaubt = super::format::ERLAUBT;
            l.fehler(
                "datei",
                format!(
                    "Dieses Dateiformat wird nicht angenommen (erkannt am Inhalt, nicht am Namen). Möglich: {erlaubt}."
                ),
            );
        }
        let format = format.unwrap_or(super::Format::Pdf);
        let daten = FassungDaten {
            stand: stand.unwrap_or_default(),
            dateiname: format.dateiname(&self.dateiname),
            format,
            inhalt,
        };
        l.ergebnis(daten)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    fn b64(b: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(b)
    }

    #[test]
    fn a_document_form_is_read_with_its_links() {
        let e = DokumentEingabe {
            titel: "OZG-Referenzprozess Wohngeld".into(),
            art: "referenzprozess".into(),
            quelle: "OZG-Informationsplattform".into(),
            leistungen: "10513, 10513 99001".into(),
            themenfeld: "3".into(),
            ..Default::default()
        };
        let d = e.lesen().unwrap();
        assert_eq!(
            d.bezuege,
            vec![
                (BezugArt::Leistung, "10513".into()),
                (BezugArt::Leistung, "99001".into()),
                (BezugArt::Themenfeld, "3".into())
            ]
        );
        let link = DokumentEingabe { art: "video".into(), ..e.clone() };
        assert_eq!(link.lesen().unwrap_err()[0].feld, "link");
        let falsch = DokumentEingabe { leistungen: "10513, Wohngeld".into(), link: "javascript:x".into(), ..e };
        let felder: Vec<String> = falsch.lesen().unwrap_err().into_iter().map(|f| f.feld).collect();
        assert_eq!(felder, vec!["link", "leistungen"]);
    }

    #[test]
    fn a_picture_needs_a_real_alternative_text() {
        let e = DokumentEingabe {
            titel: "Labor Führerschein".into(),
            art: "impression".into(),
            quelle: "KDN".into(),
            ..Default::default()
        };
        let fehler =
            |alt: &str| DokumentEingabe { alt_text: alt.into(), ..e.clone() }.lesen().err().map(|f| f[0].feld.clone());
        for schlecht in ["", "Bild", "foto.", "IMG_2031.JPG", "Tafel"] {
            assert_eq!(fehler(schlecht).as_deref(), Some("alt_text"), "{schlecht}");
        }
        assert_eq!(fehler("Pinnwand mit Karten zum Antragsweg Führerschein"), None);
        let keine_impression = DokumentEingabe { art: "protokoll".into(), ..e };
        assert!(keine_impression.lesen().is_ok(), "only pictures need one");
    }

    #[test]
    fn a_file_is_refused_by_content_and_size() {
        let gut =
            FassungEingabe { stand: "11.03.2019".into(), dateiname: "prozess.pdf".into(), inhalt: b64(b"%PDF-1.4 x") };
        assert_eq!(gut.lesen().unwrap().format, crate::model::dokument::Format::Pdf);
        let exe = FassungEingabe { inhalt: b64(b"MZ\x90\0"), ..gut.clone() };
        assert!(exe.lesen().unwrap_err()[0].meldung.contains("nicht angenommen"));
        let riesig = FassungEingabe { inhalt: "A".repeat(MAX_DATEI * 2), ..gut.clone() };
        assert!(riesig.lesen().unwrap_err()[0].meldung.contains("größer als 5 MB"));
        let kaputt = FassungEingabe { inhalt: "%%%".into(), stand: "".into(), ..gut };
        let felder: Vec<String> = kaputt.lesen().unwrap_err().into_iter().map(|f| f.feld).collect();
        assert_eq!(felder, vec!["stand", "datei"]);
    }
}
