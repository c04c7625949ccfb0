//! Every route path of the portal in one place: constants for the fixed ones, functions that
//! build the path of one record. Pages link through these, never through a string of their own,
//! so a renamed route is changed here and in the route table of [`crate::App`] (whose
//! `path!` macro needs literals; `tests::routen_und_pfade_stimmen_ueberein` keeps both equal).

use std::fmt::Display;

pub const START: &str = "/";
pub const LANDKARTE: &str = "/landkarte";
/// The NRW map of where the OZG is live (Gemeinden and Kreise).
pub const KARTE: &str = "/karte";
pub const LEISTUNGEN: &str = "/leistungen";
pub const LEIKA: &str = "/leika";
pub const LOESUNGEN: &str = "/loesungen";
pub const LOESUNGEN_KENNZAHLEN: &str = "/loesungen/kennzahlen";
/// The link check's broken addresses (coordination).
pub const LINKPRUEFUNG: &str = "/loesungen/linkpruefung";
pub const STECKBRIEFE: &str = "/steckbriefe";
pub const STECKBRIEF_NEU: &str = "/steckbriefe/neu";
pub const KOMMUNEN: &str = "/kommunen";
pub const KREISE: &str = "/kreise";
pub const DIENSTLEISTER: &str = "/dienstleister";
pub const ROADMAP: &str = "/roadmap";
pub const ROADMAP_NEU: &str = "/roadmap/neu";
pub const ZEITACHSE: &str = "/roadmap/zeitachse";
pub const PRAESENTATION: &str = "/roadmap/praesentation";
pub const QUELLEN: &str = "/quellen";
pub const ANMELDEN: &str = "/anmelden";
pub const KONTO: &str = "/konto";
pub const PROTOKOLL: &str = "/protokoll";
pub const BENUTZERVERWALTUNG: &str = "/verwaltung/benutzer";
pub const IMPRESSUM: &str = "/impressum";
pub const DATENSCHUTZ: &str = "/datenschutz";
pub const BARRIEREFREIHEIT: &str = "/barrierefreiheit";
pub const VERANSTALTUNGEN: &str = "/veranstaltungen";
pub const VERANSTALTUNG_NEU: &str = "/veranstaltungen/neu";
pub const MEINE_VERANSTALTUNGEN: &str = "/veranstaltungen/meine";
pub const VERANSTALTUNGSKALENDER: &str = "/veranstaltungen/kalender";
/// Calendar feeds (iCalendar, RFC 5545), served by the server outside the page routes.
pub const KALENDER_ALLE: &str = "/kalender/veranstaltungen.ics";
pub const AKTUELLES: &str = "/aktuelles";
pub const DOKUMENTE: &str = "/dokumente";
pub const DOKUMENT_NEU: &str = "/dokumente/neu";
pub const MELDUNG_NEU: &str = "/aktuelles/neu";
pub const FORUM: &str = "/forum";
pub const NEU_FUER_MICH: &str = "/neu";
pub const MEINE_ABOS: &str = "/konto/abonnements";
pub const ANLIEGEN: &str = "/anliegen";
pub const RUNDSCHREIBEN: &str = "/rundschreiben";
/// Joining a workshop session with its code.
pub const WORKSHOP: &str = "/workshop";
/// News feeds (Atom, RFC 4287), served by the server outside the page routes.
pub const FEED_AKTUELLES: &str = "/feed/aktuelles.atom";

/// A catalog page filtered by facets, as its URL state writes them (`/leika?ozg=10513`).
pub fn gefiltert(katalog: &str, facetten: &[(&str, &str)]) -> String {
    match serde_urlencoded::to_string(facetten) {
        Ok(q) if !q.is_empty() => format!("{katalog}?{q}"),
        _ => katalog.to_string(),
    }
}

/// A path with a query string that is already encoded (empty: the path alone).
pub fn gefiltert_roh(pfad: &str, query: &str) -> String {
    if query.is_empty() { pfad.to_string() } else { format!("{pfad}?{query}") }
}

/// One provider in the list of IT-Dienstleister.
pub fn dienstleister(id: impl Display) -> String {
    format!("{DIENSTLEISTER}#dl-{id}")
}

/// A download of a Kommune's delivered data (`endung`: csv, xlsx or json).
pub fn lieferung_export(ags: impl Display, endung: &str) -> String {
    format!("/export/lieferung-{ags}.{endung}")
}

/// The login page, returning to `zurueck` (path and query) afterwards.
pub fn anmelden(zurueck: &str) -> String {
    let q = serde_urlencoded::to_string([("weiter", zurueck)]).unwrap_or_default();
    format!("{ANMELDEN}?{q}")
}

pub fn themenfeld(slug: impl Display) -> String {
    format!("/themenfelder/{slug}")
}
/// The bulk edit of the Zuständigkeit je Größenklasse of a Themenfeld's Leistungen.
pub fn zustaendigkeit(slug: impl Display) -> String {
    format!("/themenfelder/{slug}/zustaendigkeit")
}
pub fn leistung(ozg_id: impl Display) -> String {
    format!("{LEISTUNGEN}/{ozg_id}")
}
pub fn loesung(id: impl Display) -> String {
    format!("{LOESUNGEN}/{id}")
}
pub fn steckbrief(id: impl Display) -> String {
    format!("{STECKBRIEFE}/{id}")
}
pub fn steckbrief_ueberarbeiten(id: impl Display) -> String {
    format!("{STECKBRIEFE}/{id}/ueberarbeiten")
}
pub fn kommune(ags: impl Display) -> String {
    format!("{KOMMUNEN}/{ags}")
}
pub fn kreis(ags: impl Display) -> String {
    format!("{KREISE}/{ags}")
}
pub fn projekt(id: impl Display) -> String {
    format!("{ROADMAP}/{id}")
}
pub fn veranstaltung(id: impl Display) -> String {
    format!("{VERANSTALTUNGEN}/{id}")
}
pub fn veranstaltung_bearbeiten(id: impl Display) -> String {
    format!("{VERANSTALTUNGEN}/{id}/bearbeiten")
}
/// One event as a calendar file.
pub fn kalender_veranstaltung(id: impl Display) -> String {
    format!("/kalender/veranstaltung-{id}.ics")
}
/// The feed of one Themenfeld's events.
pub fn kalender_themenfeld(slug: impl Display) -> String {
    format!("/kalender/themenfeld-{slug}.ics")
}
/// A person's own feed (their registrations), behind its secret token.
pub fn kalender_persoenlich(token: impl Display) -> String {
    format!("/kalender/persoenlich-{token}.ics")
}
/// A workshop session: the room's questions and the facilitator's controls.
pub fn workshop(code: impl Display) -> String {
    format!("{WORKSHOP}/{code}")
}
/// The projector's start page of a session (join code, QR code, the current question).
pub fn workshop_projektor(code: impl Display) -> String {
    format!("{WORKSHOP}/{code}/projektor")
}
/// The join link as a QR code (SVG, made by the server).
pub fn workshop_qr(code: impl Display) -> String {
    format!("/grafik/workshop-{code}.svg")
}
pub fn dokument(id: impl Display) -> String {
    format!("{DOKUMENTE}/{id}")
}
pub fn dokument_bearbeiten(id: impl Display) -> String {
    format!("{DOKUMENTE}/{id}/bearbeiten")
}
pub fn forum_brett(slug: impl Display) -> String {
    format!("{FORUM}/{slug}")
}
pub fn forum_thema(id: impl Display) -> String {
    format!("{FORUM}/thema/{id}")
}
/// One Rundschreiben in the archive (an anchor on its page).
pub fn rundschreiben(id: impl Display) -> String {
    format!("{RUNDSCHREIBEN}#rundschreiben-{id}")
}
pub fn meldung(id: impl Display) -> String {
    format!("{AKTUELLES}/{id}")
}
pub fn meldung_bearbeiten(id: impl Display) -> String {
    format!("{AKTUELLES}/{id}/bearbeiten")
}
/// The news feed of one Themenfeld.
pub fn feed_themenfeld(slug: impl Display) -> String {
    format!("/feed/themenfeld-{slug}.atom")
}
/// A person's own Atom feed of what they follow, behind its secret token.
pub fn feed_persoenlich(token: impl Display) -> String {
    format!("/feed/mein-{token}.atom")
}
/// The page behind an unsubscribe link (no login: the token is the person's secret).
pub fn abmelden(token: impl Display, was: impl Display) -> String {
    format!("/abmelden/{token}/{was}")
}
/// The participant list of an event (`endung`: csv or xlsx; coordination).
pub fn teilnehmende_export(id: impl Display, endung: &str) -> String {
    format!("/export/teilnehmende-{id}.{endung}")
}

/// The route patterns these helpers produce, in the form of the route table (for the test).
#[cfg(test)]
pub(crate) fn muster() -> Vec<String> {
    let mut v: Vec<String> = [
        START,
        LANDKARTE,
        KARTE,
        LEISTUNGEN,
        LEIKA,
        LOESUNGEN,
        LOESUNGEN_KENNZAHLEN,
        LINKPRUEFUNG,
        STECKBRIEFE,
        STECKBRIEF_NEU,
        KOMMUNEN,
        KREISE,
        DIENSTLEISTER,
        ROADMAP,
        ROADMAP_NEU,
        ZEITACHSE,
        PRAESENTATION,
        QUELLEN,
        ANMELDEN,
        KONTO,
        PROTOKOLL,
        BENUTZERVERWALTUNG,
        IMPRESSUM,
        DATENSCHUTZ,
        BARRIEREFREIHEIT,
        VERANSTALTUNGEN,
        VERANSTALTUNG_NEU,
        MEINE_VERANSTALTUNGEN,
        VERANSTALTUNGSKALENDER,
        AKTUELLES,
        MELDUNG_NEU,
        DOKUMENTE,
        DOKUMENT_NEU,
        FORUM,
        NEU_FUER_MICH,
        MEINE_ABOS,
        ANLIEGEN,
        RUNDSCHREIBEN,
        WORKSHOP,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend([
        themenfeld(":slug"),
        zustaendigkeit(":slug"),
        workshop(":code"),
        workshop_projektor(":code"),
        leistung(":ozg_id"),
        loesung(":id"),
        steckbrief(":id"),
        steckbrief_ueberarbeiten(":id"),
        kommune(":ags"),
        kreis(":ags"),
        projekt(":id"),
        veranstaltung(":id"),
        veranstaltung_bearbeiten(":id"),
        meldung(":id"),
        dokument(":id"),
        dokument_bearbeiten(":id"),
        meldung_bearbeiten(":id"),
        forum_brett(":slug"),
        forum_thema(":id"),
    ]);
    v
}

#[cfg(test)]
mod tests {
    #[test]
    fn filtered_links_are_encoded() {
        assert_eq!(super::gefiltert(super::LEIKA, &[("ozg", "10513")]), "/leika?ozg=10513");
        assert_eq!(
            super::gefiltert(super::PROTOKOLL, &[("art", "a&b"), ("seite", "2")]),
            "/protokoll?art=a%26b&seite=2"
        );
        assert_eq!(super::gefiltert(super::PROTOKOLL, &[]), "/protokoll");
    }
}
