//! The live roadmap state shared by the timeline, the presenter view and the timeline's rows:
//! the roadmap for the URL, the list the rows read, the message line and the live connection.
//! It imports no page, so every roadmap page can use it.

use crate::api::roadmap::roadmap_laden;
use crate::components::live::{Nachricht, Verbindung, abonnieren};
use crate::error::AppError;
use crate::model::filter::KatalogAnfrage;
use crate::model::roadmap::{Projekt, Roadmap};
use crate::model::zeitachse::Zoom;
use leptos::prelude::*;

/// What the timeline tells its page (shown and announced there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meldung {
    Info(String),
    Fehler(String),
}

/// Rows grouped under optional headings (e.g. one group per Themenfeld).
pub type Gruppen = Vec<(Option<String>, Vec<i64>)>;

/// Zoom and grouping from the URL state.
pub fn darstellung(a: &KatalogAnfrage) -> (Zoom, bool) {
    let wert = |k: &str| a.facetten.get(k).and_then(|s| s.werte.first().cloned()).unwrap_or_default();
    (Zoom::aus_code(&wert("zoom")), wert("gruppe") == "themenfeld")
}

/// One group per Themenfeld (a project with two appears in both), or one group of all.
pub fn gruppieren(r: &Roadmap, nach_themenfeld: bool) -> Gruppen {
    if !nach_themenfeld {
        return vec![(None, r.projekte.iter().map(|p| p.id).collect())];
    }
    r.themenfelder
        .iter()
        .map(|(tf, name, _)| {
            let ids = r.projekte.iter().filter(|p| p.themenfelder.iter().any(|t| t.0 == *tf)).map(|p| p.id).collect();
            (Some(name.clone()), ids)
        })
        .filter(|(_, ids): &(Option<String>, Vec<i64>)| !ids.is_empty())
        .collect()
}

/// What a saved project does to the page's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uebernahme {
    Ersetzt,
    /// The list has that version or a newer one (own saves arrive twice: as the answer and as
    /// a live event).
    Bekannt,
    /// Not in the list: new, or outside the filter; the page reloads its data.
    Fremd,
}

pub fn uebernehmen(projekte: RwSignal<Vec<Projekt>>, p: Projekt) -> Uebernahme {
    // Archived: off the list; the page's data, loaded anew, no longer has it.
    if p.archiviert {
        let da = projekte.with_untracked(|v| v.iter().any(|x| x.id == p.id));
        return if da { Uebernahme::Fremd } else { Uebernahme::Bekannt };
    }
    let mut ergebnis = Uebernahme::Fremd;
    projekte.update(|v| {
        if let Some(alt) = v.iter_mut().find(|x| x.id == p.id) {
            ergebnis = if alt.version < p.version {
                // Other Themenfelder may move it between groups or out of the filter.
                let gleiche_gruppen = alt.themenfelder == p.themenfelder;
                *alt = p;
                if gleiche_gruppen { Uebernahme::Ersetzt } else { Uebernahme::Fremd }
            } else {
                Uebernahme::Bekannt
            };
        }
    });
    ergebnis
}

/// Applies a live message to the page's list; returns what to announce and whether the page
/// must reload its data.
pub fn live_anwenden(projekte: RwSignal<Vec<Projekt>>, n: &Nachricht) -> Option<(String, bool)> {
    let Nachricht::Ereignis(e) = n else { return None };
    let p = e.projekt()?;
    let wie = if p.archiviert { "archiviert" } else { "geändert" };
    let text = format!("{} hat „{}“ {wie}.", e.benutzer, p.name);
    match uebernehmen(projekte, p) {
        Uebernahme::Ersetzt => Some((text, false)),
        Uebernahme::Fremd => Some((text, true)),
        Uebernahme::Bekannt => None,
    }
}

/// The state of a live timeline page (timeline and presenter view): the roadmap for the URL,
/// the list the rows read, the message line and the live connection.
pub struct LiveRoadmap {
    pub query: Signal<String>,
    pub daten: Resource<Result<Roadmap, AppError>>,
    pub projekte: RwSignal<Vec<Projekt>>,
    pub meldung: ReadSignal<Option<Meldung>>,
    pub meldung_setzen: WriteSignal<Option<Meldung>>,
    pub verbindung: ReadSignal<Verbindung>,
}

pub fn live_roadmap() -> LiveRoadmap {
    let query = Signal::stored(crate::components::adresse::suche());
    let daten = Resource::new(move || query.get(), roadmap_laden);
    let projekte = RwSignal::new(Vec::<Projekt>::new());
    let (meldung, meldung_setzen) = signal(None::<Meldung>);
    let verbindung = abonnieren(move |n| match n {
        Nachricht::NeuLaden => daten.refetch(),
        n => {
            if let Some((text, neu_laden)) = live_anwenden(projekte, &n) {
                meldung_setzen.set(Some(Meldung::Info(text)));
                if neu_laden {
                    daten.refetch();
                }
            }
        }
    });
    LiveRoadmap { query, daten, projekte, meldung, meldung_setzen, verbindung }
}
