//! Live events: what the server pushes to open pages when data changes (server-sent events).

use serde::{Deserialize, Serialize};

/// The SSE event name of a changed Umsetzungsprojekt; its [`Ereignis::daten`] is the project as
/// saved ([`crate::model::roadmap::Projekt`] as JSON). The `data` of every SSE event is the
/// whole [`Ereignis`] as JSON.
pub const PROJEKT: &str = "projekt";
/// The SSE event name of a changed Veranstaltung (edited, or a seat taken or freed); its
/// [`Ereignis::daten`] is the public [`crate::model::veranstaltung::Veranstaltung`] as JSON.
pub const VERANSTALTUNG: &str = "veranstaltung";
/// The SSE event name of a changed Meldung (Aktuelles). It carries no data: a planned item must
/// not reach anyone before its day; open pages reload what they may see.
pub const MELDUNG: &str = "meldung";
/// The SSE event name of a changed document of the library (details or a new file); no data,
/// open lists reload.
pub const DOKUMENT: &str = "dokument";
/// The SSE event name of a new or edited forum post; the object is the thread. No data: boards
/// may be closed to the public, so open pages reload what they may see.
pub const FORUM: &str = "forum";
/// The SSE event name of a workshop session's new state ([`crate::model::workshop::Zustand`] as
/// JSON, object = the join code): view, highlight, question, answers. Not among
/// [`AENDERUNGEN`]: pages that reload on every change must not reload on every vote.
pub const WORKSHOP: &str = "workshop";
/// The kinds of change events; the browser listens to each (an `EventSource` hears only the
/// names it registered).
pub const AENDERUNGEN: [&str; 5] = [PROJEKT, VERANSTALTUNG, MELDUNG, DOKUMENT, FORUM];
/// Sent first on every connection with the newest event id, so a browser that reconnects later
/// names where it left off even if nothing happened meanwhile.
pub const VERBUNDEN: &str = "verbunden";
/// The server could not replay what a reconnecting browser missed (too long away, or it fell
/// behind): the page reloads its data instead.
pub const NEU_LADEN: &str = "neu-laden";

/// URL of the event stream.
pub const PFAD: &str = "/live/ereignisse";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Ereignis {
    pub id: i64,
    pub zeit_ms: i64,
    pub art: String,
    pub objekt_id: String,
    /// Display name of who made the change.
    pub benutzer: String,
    /// JSON payload; its type depends on `art`.
    pub daten: String,
}

impl Ereignis {
    /// The new state of a [`WORKSHOP`] event.
    pub fn workshop(&self) -> Option<super::workshop::Zustand> {
        if self.art == WORKSHOP { serde_json::from_str(&self.daten).ok() } else { None }
    }

    /// The saved project of a [`PROJEKT`] event.
    pub fn projekt(&self) -> Option<super::roadmap::Projekt> {
        if self.art == PROJEKT { serde_json::from_str(&self.daten).ok() } else { None }
    }
}
