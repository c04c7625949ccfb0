//! Veranstaltungen: the list and calendar (public), one event's page (tailored to who asks),
//! the coordination's form, and the Anmeldung of logged-in people.

use crate::error::AppError;
use crate::model::filter::Trefferseite;
use crate::model::veranstaltung::eingabe::VeranstaltungEingabe;
use crate::model::veranstaltung::{Teilnahme, Veranstaltung, VeranstaltungSeite};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One month of the calendar with the events that touch it (also those without a fixed day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kalender {
    pub jahr: i32,
    pub monat: u32,
    pub heute: chrono::NaiveDate,
    pub veranstaltungen: Vec<Veranstaltung>,
}

/// `query`: the page's URL query (facets `zeit`, `art`, `tf`, `kreis`, search `q`, `sort`).
#[server(prefix = "/api", endpoint = "veranstaltungen")]
pub async fn veranstaltungen_suchen(query: String) -> Result<Trefferseite<Veranstaltung>, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    let alle = crate::store::veranstaltung::alle(&db()?).await?;
    Ok(crate::store::veranstaltung::liste::filtern(alle, &a, heute()))
}

/// The month `monat=JJJJ-MM` of the query (else the current one), filtered like the list.
#[server(prefix = "/api", endpoint = "veranstaltungskalender")]
pub async fn veranstaltungskalender(query: String) -> Result<Kalender, AppError> {
    use super::ssr::*;
    use crate::store::veranstaltung::liste;
    let mut a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    let monat = a.facetten.remove("monat").and_then(|m| m.werte.into_iter().next());
    a.facetten.remove("ansicht");
    a.pro_seite = u32::MAX;
    let heute = heute();
    let (jahr, monat) = crate::model::veranstaltung::kalendermonat(monat.as_deref(), heute);
    let alle = crate::store::veranstaltung::alle(&db()?).await?;
    let gefiltert = liste::filtern(alle, &a, heute).zeilen;
    Ok(Kalender { jahr, monat, heute, veranstaltungen: liste::im_monat(&gefiltert, jahr, monat) })
}

#[cfg(feature = "ssr")]
fn nummer(id: &str) -> Result<i64, AppError> {
    id.parse().map_err(|_| {
        AppError::Ungueltig(format!("„{}“ ist keine Nummer einer Veranstaltung.", crate::model::text::zitat(id)))
    })
}

/// One event. Anonymous readers get the public part; a logged-in person also their own
/// registration (with the online link once they have a seat) and the colleagues they may
/// register; the coordination the full participant list.
#[server(prefix = "/api", endpoint = "veranstaltung")]
pub async fn veranstaltung_laden(id: String) -> Result<VeranstaltungSeite, AppError> {
    use super::ssr::*;
    use crate::model::konto::Recht;
    use crate::model::veranstaltung::MeineTeilnahme;
    use crate::store::veranstaltung::{self as store, teilnahme};
    let db = db()?;
    let id = nummer(&id)?;
    let veranstaltung = gefunden(store::eine(&db, id).await?, "Die Veranstaltung")?;
    let person = anfrager().person;
    let verwalten = person.as_ref().is_some_and(|p| p.darf(Recht::VeranstaltungenBearbeiten));
    let alle = teilnahme::teilnehmende(&db, id, verwalten).await?;
    let mut kommunen_vertreten: Vec<String> = alle.iter().filter_map(|t| t.kommune.clone()).collect();
    kommunen_vertreten.sort();
    kommunen_vertreten.dedup();
    let (ich, teilnehmende, kollegen) = match &person {
        None => (None, vec![], vec![]),
        Some(p) => {
            let status = teilnahme::status(&db, id, p.id).await?;
            let online_url =
                if status == Some(Teilnahme::Platz) || verwalten { store::online_url(&db, id).await? } else { None };
            let sichtbar =
                if verwalten { alle } else { alle.into_iter().filter(|t| t.status == Teilnahme::Platz).collect() };
            let kollegen = match &p.kommune_ags {
                Some(ags) => teilnahme::kollegen(&db, ags)
                    .await?
                    .into_iter()
                    .filter(|(k, _)| *k != p.id)
                    .map(|(k, name)| {
                        let s = sichtbar.iter().find(|t| t.benutzer_id == k).map(|t| t.status);
                        (k, name, s)
                    })
                    .collect(),
                None => vec![],
            };
            (Some(MeineTeilnahme { status, online_url }), sichtbar, kollegen)
        }
    };
    let ergebnisse = store::ergebnis::ergebnisse(&db, id).await?;
    let ergebnis_auswahl = if verwalten {
        store::ergebnis::auswahl(&db, id, veranstaltung.themenfeld.as_ref().map(|t| t.0)).await?
    } else {
        vec![]
    };
    Ok(VeranstaltungSeite {
        veranstaltung,
        ich,
        teilnehmende,
        kommunen_vertreten,
        kollegen,
        verwalten,
        heute: heute(),
        ergebnisse,
        ergebnis_auswahl,
    })
}

/// Links a result (`wert` = `projekt:<id>` or `loesung:<id>`) to the event (coordination).
#[server(prefix = "/api", endpoint = "ergebnis_verknuepfen")]
pub async fn ergebnis_verknuepfen(veranstaltung: i64, wert: String) -> Result<(), AppError> {
    ergebnis_setzen(veranstaltung, &wert, true).await
}

/// Removes a linked result from the event (coordination).
#[server(prefix = "/api", endpoint = "ergebnis_loesen")]
pub async fn ergebnis_loesen(veranstaltung: i64, wert: String) -> Result<(), AppError> {
    ergebnis_setzen(veranstaltung, &wert, false).await
}

#[cfg(feature = "ssr")]
async fn ergebnis_setzen(veranstaltung: i64, wert: &str, verbinden: bool) -> Result<(), AppError> {
    use super::ssr::*;
    use crate::model::veranstaltung::ergebnis::Ergebnis;
    let person = pflicht(crate::model::konto::Recht::VeranstaltungenBearbeiten)?;
    let Some((art, ziel)) = Ergebnis::aus_wert(wert) else {
        let m = "Bitte ein Umsetzungsprojekt oder einen Online-Dienst aus der Liste wählen.";
        return Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu("wert", m)]));
    };
    let akteur = crate::store::akteur::Akteur::von(&person);
    Ok(crate::store::veranstaltung::ergebnis::setzen(&db()?, veranstaltung, art, ziel, verbinden, &akteur).await?)
}

/// The edit form's values, with the online link (coordination).
#[server(prefix = "/api", endpoint = "veranstaltung_formular")]
pub async fn veranstaltung_formular(id: i64) -> Result<(Veranstaltung, VeranstaltungEingabe), AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::VeranstaltungenBearbeiten)?;
    let db = db()?;
    let v = gefunden(crate::store::veranstaltung::eine(&db, id).await?, "Die Veranstaltung")?;
    let url = crate::store::veranstaltung::online_url(&db, id).await?;
    let e = VeranstaltungEingabe::von(&v, url);
    Ok((v, e))
}

/// Checks a form: the fields, then the links against the database; every message at its field.
#[cfg(feature = "ssr")]
async fn pruefen(
    db: &crate::store::Db,
    e: &VeranstaltungEingabe,
) -> Result<crate::model::veranstaltung::eingabe::VeranstaltungDaten, AppError> {
    let d = e.lesen().map_err(AppError::Eingabe)?;
    let fehler = crate::store::veranstaltung::bezuege_pruefen(db, &d).await?;
    super::ssr::mit_feldfehlern(d, fehler)
}

/// Announces an event (coordination); returns its id.
#[server(prefix = "/api", endpoint = "veranstaltung_anlegen")]
pub async fn veranstaltung_anlegen(#[server(flatten)] eingabe: VeranstaltungEingabe) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::VeranstaltungenBearbeiten)?;
    let db = db()?;
    let d = pruefen(&db, &eingabe).await?;
    let id = crate::store::veranstaltung::anlegen(&db, &d, &crate::store::akteur::Akteur::von(&person)).await?;
    live_wecken();
    Ok(id)
}

/// Saves an event based on the version the form showed (stale → 409); returns the new version.
#[server(prefix = "/api", endpoint = "veranstaltung_speichern")]
pub async fn veranstaltung_speichern(
    id: i64,
    version: i64,
    #[server(flatten)] eingabe: VeranstaltungEingabe,
) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::VeranstaltungenBearbeiten)?;
    let db = db()?;
    let d = pruefen(&db, &eingabe).await?;
    let v = crate::store::veranstaltung::speichern(&db, id, version, &d, &crate::store::akteur::Akteur::von(&person))
        .await?;
    live_wecken();
    Ok(v)
}

/// Whom a registration is for: the caller, or (`fuer`) a colleague of their Kommune – the
/// coordination may act for anyone. Checked on the server, whatever the form offered.
#[cfg(feature = "ssr")]
async fn fuer_wen(
    db: &crate::store::Db,
    person: &crate::model::konto::Angemeldet,
    fuer: Option<i64>,
) -> Result<i64, AppError> {
    use crate::model::konto::Recht;
    let Some(ziel) = fuer.filter(|f| *f != person.id) else { return Ok(person.id) };
    if person.darf(Recht::VeranstaltungenBearbeiten) {
        return Ok(ziel);
    }
    let ags = crate::store::konto::person(db, ziel).await?.and_then(|p| p.kommune_ags);
    match ags {
        Some(ags) if person.darf(Recht::KommuneBearbeiten(&ags)) => Ok(ziel),
        _ => Err(AppError::KeineBerechtigung),
    }
}

/// Registers the caller (or `fuer`, see [`fuer_wen`]): a seat if one is free, else the
/// waiting list.
#[server(prefix = "/api", endpoint = "teilnahme_anmelden")]
pub async fn teilnahme_anmelden(id: i64, #[server(default)] fuer: Option<i64>) -> Result<Teilnahme, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let db = db()?;
    let ziel = fuer_wen(&db, &person, fuer).await?;
    let akteur = crate::store::akteur::Akteur::von(&person);
    let t = crate::store::veranstaltung::teilnahme::anmelden(&db, id, ziel, &akteur, heute()).await?;
    live_wecken();
    Ok(t)
}

/// Cancels a registration (until the deadline; the coordination also after it). A freed seat
/// goes to the first on the waiting list.
#[server(prefix = "/api", endpoint = "teilnahme_abmelden")]
pub async fn teilnahme_abmelden(id: i64, #[server(default)] fuer: Option<i64>) -> Result<(), AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let db = db()?;
    let ziel = fuer_wen(&db, &person, fuer).await?;
    let koordination = person.darf(crate::model::konto::Recht::VeranstaltungenBearbeiten);
    let akteur = crate::store::akteur::Akteur::von(&person);
    crate::store::veranstaltung::teilnahme::abmelden(&db, id, ziel, &akteur, heute(), koordination).await?;
    live_wecken();
    Ok(())
}

/// The caller's registrations and whether their personal calendar feed is set up (since when).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeineVeranstaltungen {
    pub anmeldungen: Vec<(Veranstaltung, Teilnahme)>,
    pub abo_seit_ms: Option<i64>,
}

#[server(prefix = "/api", endpoint = "meine_veranstaltungen")]
pub async fn meine_veranstaltungen_laden() -> Result<MeineVeranstaltungen, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let db = db()?;
    let anmeldungen = crate::store::veranstaltung::teilnahme::meine_veranstaltungen(&db, person.id).await?;
    let abo_seit_ms = crate::store::veranstaltung::kalender::seit(&db, person.id).await?;
    Ok(MeineVeranstaltungen { anmeldungen, abo_seit_ms })
}

/// A new address for the caller's own calendar feed; the previous one stops working. The
/// address is shown once (the server keeps only a hash of it).
#[server(prefix = "/api", endpoint = "kalender_abo_erneuern")]
pub async fn kalender_abo_erneuern() -> Result<String, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let token = crate::store::veranstaltung::kalender::erneuern(&db()?, person.id).await?;
    Ok(crate::pfad::kalender_persoenlich(&token))
}

/// Ends the caller's calendar feed.
#[server(prefix = "/api", endpoint = "kalender_abo_beenden")]
pub async fn kalender_abo_beenden() -> Result<(), AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    crate::store::veranstaltung::kalender::widerrufen(&db()?, person.id).await?;
    Ok(())
}
