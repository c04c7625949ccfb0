//! What the coordination plans and publishes: Umsetzungsprojekte with their phases,
//! Veranstaltungen (without participants and without the online link, which only registered
//! people get) and the documents' metadata (the files are downloaded from their addresses).

use super::ThemenfeldVerweis;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct LeistungVerweis {
    pub ozg_id: i64,
    pub name: String,
}

/// One phase of a project with the month it starts in.
#[derive(Serialize, ToSchema)]
pub struct ProjektPhase {
    /// `vorbereitung`, `konzeption`, `umsetzung`, `pilotierung`, `inbetriebnahme`, `rollout`.
    pub phase: String,
    pub bezeichnung: String,
    /// Start month as `JJJJ-MM`; `null`: not planned.
    pub beginn: Option<String>,
}

/// An Umsetzungsprojekt of the roadmap.
#[derive(Serialize, ToSchema)]
pub struct Projekt {
    pub id: i64,
    pub name: String,
    pub beschreibung: Option<String>,
    pub efa_status: Option<String>,
    /// Derived from the phase dates and today: `geplant` or the code of the phase reached.
    pub status: String,
    pub status_bezeichnung: String,
    /// The six phases in their order.
    pub phasen: Vec<ProjektPhase>,
    pub themenfelder: Vec<ThemenfeldVerweis>,
    pub leistungen: Vec<LeistungVerweis>,
    pub quelle: String,
    pub adresse: String,
}

impl From<app::model::roadmap::Projekt> for Projekt {
    fn from(p: app::model::roadmap::Projekt) -> Self {
        use app::model::roadmap::Phase;
        Projekt {
            adresse: app::pfad::projekt(p.id),
            status: p.status.code().into(),
            status_bezeichnung: p.status.label().into(),
            phasen: Phase::ALLE
                .into_iter()
                .map(|ph| ProjektPhase {
                    phase: ph.code().into(),
                    bezeichnung: ph.label().into(),
                    beginn: p.phasen.beginn(ph).map(|d| d.format("%Y-%m").to_string()),
                })
                .collect(),
            themenfelder: p
                .themenfelder
                .into_iter()
                .map(|(id, name, slug)| ThemenfeldVerweis { id, slug, name })
                .collect(),
            leistungen: p.leistungen.into_iter().map(|(ozg_id, name)| LeistungVerweis { ozg_id, name }).collect(),
            id: p.id,
            name: p.name,
            beschreibung: p.beschreibung,
            efa_status: p.efa_status,
            quelle: p.quelle,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct KommuneVerweis {
    pub ags: String,
    pub name: String,
}

/// A Veranstaltung (workshop, Infoveranstaltung …) as everybody may see it.
#[derive(Serialize, ToSchema)]
pub struct Veranstaltung {
    pub id: i64,
    pub art: String,
    pub art_bezeichnung: String,
    pub titel: String,
    pub beschreibung: Option<String>,
    pub agenda: Vec<String>,
    pub themenfeld: Option<ThemenfeldVerweis>,
    /// First and last day (`JJJJ-MM-TT`); for a month or quarter not yet fixed, its first and
    /// last day – `genauigkeit` says which.
    pub von: String,
    pub bis: String,
    /// `zeit` (a day with times), `tag` (whole days), `monat`, `quartal`.
    pub genauigkeit: String,
    /// Wall-clock times in Europe/Berlin (`HH:MM`), where set.
    pub beginn: Option<String>,
    pub ende: Option<String>,
    /// The date as the portal shows it.
    pub termin_text: String,
    pub termin_hinweis: Option<String>,
    pub ort: Option<String>,
    pub kommune: Option<KommuneVerweis>,
    pub kreis: Option<super::KreisVerweis>,
    /// Whether it takes place online (the link goes to registered participants only).
    pub online: bool,
    /// `keine`, `offen`, `geschlossen`: registration in the portal.
    pub anmeldung: String,
    pub anmeldung_extern: Option<String>,
    /// Seats (`null`: unlimited) and those still free.
    pub plaetze: Option<i64>,
    pub frei: Option<i64>,
    pub abgesagt: bool,
    pub quelle: String,
    pub adresse: String,
    /// The event as iCalendar.
    pub kalender: String,
}

impl From<app::model::veranstaltung::Veranstaltung> for Veranstaltung {
    fn from(v: app::model::veranstaltung::Veranstaltung) -> Self {
        let (beginn, ende) = v.termin.zeiten();
        let (kommune, kreis) = match v.kommune.clone() {
            Some((ags, name, kreis_ags, kreis)) => {
                (Some(KommuneVerweis { ags, name }), Some(super::KreisVerweis { ags: kreis_ags, name: kreis }))
            }
            None => (None, None),
        };
        Veranstaltung {
            adresse: app::pfad::veranstaltung(v.id),
            kalender: app::pfad::kalender_veranstaltung(v.id),
            art: v.art.code().into(),
            art_bezeichnung: v.art.label().into(),
            themenfeld: v.themenfeld.clone().map(|(id, name, slug)| ThemenfeldVerweis { id, slug, name }),
            von: v.termin.von().to_string(),
            bis: v.termin.bis().to_string(),
            genauigkeit: v.termin.genauigkeit().into(),
            termin_text: v.termin.anzeigen(),
            anmeldung: v.anmeldung.code().into(),
            frei: v.frei(),
            beginn,
            ende,
            kommune,
            kreis,
            id: v.id,
            titel: v.titel,
            beschreibung: v.beschreibung,
            agenda: v.agenda,
            termin_hinweis: v.termin_hinweis,
            ort: v.ort,
            online: v.online,
            anmeldung_extern: v.anmeldung_extern,
            plaetze: v.plaetze,
            abgesagt: v.abgesagt,
            quelle: v.quelle,
        }
    }
}

/// One file of a document, by its Stand.
#[derive(Serialize, ToSchema)]
pub struct Fassung {
    pub id: i64,
    /// As of (`JJJJ-MM-TT`).
    pub stand: String,
    pub dateiname: String,
    /// MIME type.
    pub format: String,
    /// Bytes.
    pub groesse: i64,
    /// Where the file is downloaded from.
    pub datei: String,
}

/// What a document belongs to.
#[derive(Serialize, ToSchema)]
pub struct DokumentBezug {
    /// `leistung`, `themenfeld`, `projekt`, `veranstaltung`, `labor`.
    pub art: String,
    pub schluessel: String,
    pub name: String,
    pub adresse: String,
}

/// A document of the library: its metadata and the addresses of its files.
#[derive(Serialize, ToSchema)]
pub struct Dokument {
    pub id: i64,
    pub titel: String,
    pub art: String,
    pub art_bezeichnung: String,
    pub beschreibung: Option<String>,
    pub quelle: String,
    pub lizenz: Option<String>,
    /// For links and videos: where the document is.
    pub link: Option<String>,
    /// For pictures: what they show.
    pub alt_text: Option<String>,
    /// The newest Stand (`null`: only a link).
    pub stand: Option<String>,
    /// Newest first.
    pub fassungen: Vec<Fassung>,
    pub bezuege: Vec<DokumentBezug>,
    pub adresse: String,
}

impl From<app::model::dokument::Dokument> for Dokument {
    fn from(d: app::model::dokument::Dokument) -> Self {
        Dokument {
            adresse: app::pfad::dokument(d.id),
            art: d.art.code().into(),
            art_bezeichnung: d.art.label().into(),
            stand: d.stand().map(|s| s.to_string()),
            fassungen: d
                .fassungen
                .iter()
                .map(|f| Fassung {
                    id: f.id,
                    stand: f.stand.to_string(),
                    dateiname: f.dateiname.clone(),
                    format: f.format.mime().into(),
                    groesse: f.groesse,
                    datei: app::model::dokument::datei_pfad(f),
                })
                .collect(),
            bezuege: d
                .bezuege
                .into_iter()
                .map(|b| DokumentBezug {
                    art: b.art.code().into(),
                    schluessel: b.schluessel,
                    name: b.name,
                    adresse: b.pfad,
                })
                .collect(),
            id: d.id,
            titel: d.titel,
            beschreibung: d.beschreibung,
            quelle: d.quelle,
            lizenz: d.lizenz,
            link: d.link,
            alt_text: d.alt_text,
        }
    }
}
