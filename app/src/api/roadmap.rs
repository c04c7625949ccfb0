//! The roadmap of Umsetzungsprojekte.

use crate::error::AppError;
use crate::model::roadmap::Roadmap;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    crate::api::workshop::{vermerk_der_leitung, vermerk_melden},
    crate::store::akteur::Akteur,
};

/// `query` is the page's URL query string (`tf`, `nicht_tf`, `status`, `nicht_status`, `sort`,
/// `ab`). Statuses are derived for today's date on the server.
#[server(prefix = "/api", endpoint = "roadmap")]
pub async fn roadmap_laden(query: String) -> Result<Roadmap, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    let heute = chrono::Utc::now().date_naive();
    Ok(crate::store::roadmap::roadmap(&db()?, &a, heute).await?)
}

/// Saves the start months of a project's phases (coordination). Months as "JJJJ-MM" or
/// "MM.JJJJ"; empty = phase not planned. Refused: unreadable months, phases out of order, a
/// stale version (409). Returns the new version.
#[server(prefix = "/api", endpoint = "projekt_speichern")]
pub async fn projekt_speichern(
    id: i64,
    version: i64,
    #[server(flatten)] phasen: crate::model::roadmap::PhasenEingabe,
) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::RoadmapBearbeiten)?;
    let neu = phasen.lesen().map_err(AppError::Eingabe)?;
    let db = db()?;
    let (wer, vermerk) = (Akteur::von(&person), vermerk_der_leitung(&db, &person).await?);
    let version = crate::store::roadmap::phasen_speichern(&db, id, version, &neu, &wer, vermerk.as_ref()).await?;
    vermerk_melden(&db, vermerk.as_ref(), &wer).await;
    live_wecken();
    Ok(version)
}

#[server(prefix = "/api", endpoint = "projekt")]
pub async fn projekt_laden(id: String) -> Result<crate::model::roadmap::Projekt, AppError> {
    use super::ssr::*;
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::Ungueltig(format!("„{}“ ist keine Projektnummer.", crate::model::text::zitat(&id))))?;
    let heute = chrono::Utc::now().date_naive();
    gefunden(crate::store::roadmap::projekt(&db()?, id, heute).await?, "Das Umsetzungsprojekt")
}

/// Undoes the caller's own newest change of a project: the phases it changed get their previous
/// months back (a new, logged change). Refused if someone else changed the project since
/// (409), or if the result would break the phase order (422).
#[server(prefix = "/api", endpoint = "projekt_rueckgaengig")]
pub async fn projekt_rueckgaengig(id: i64, version: i64) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::model::roadmap::{Phase, monat_parse};
    let person = pflicht(crate::model::konto::Recht::RoadmapBearbeiten)?;
    let db = db()?;
    let heute = chrono::Utc::now().date_naive();
    let projekt = gefunden(crate::store::roadmap::projekt(&db, id, heute).await?, "Das Umsetzungsprojekt")?;
    let Some(letzte) = crate::store::roadmap::letzte_aenderung(&db, id).await? else {
        return Err(AppError::Ungueltig("Dieses Projekt wurde noch nie geändert.".into()));
    };
    if letzte.benutzer_id != Some(person.id) {
        return Err(AppError::Konflikt(format!(
            "Die letzte Änderung an „{}“ stammt von {} ({}). Rückgängig machen lässt sich nur die eigene letzte Änderung.",
            projekt.name,
            letzte.benutzer,
            crate::model::konto::zeit_anzeigen(letzte.zeit_ms)
        )));
    }
    let mut neu = projekt.phasen;
    for (feld, alt, _) in &letzte.felder {
        if let Some(ph) = Phase::aus_code(feld) {
            neu.setzen(ph, alt.as_deref().and_then(|m| monat_parse(m).ok().flatten()));
        }
    }
    let fehler = neu.pruefen();
    if let Some((_, m)) = fehler.first() {
        return Err(AppError::Ungueltig(format!("Rückgängig machen nicht möglich: {m}")));
    }
    let (wer, vermerk) = (Akteur::von(&person), vermerk_der_leitung(&db, &person).await?);
    let version = crate::store::roadmap::phasen_speichern(&db, id, version, &neu, &wer, vermerk.as_ref()).await?;
    vermerk_melden(&db, vermerk.as_ref(), &wer).await;
    live_wecken();
    Ok(version)
}

/// Archiving (or restoring) a project: text fields, as a flattened form delivers every value.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArchivEingabe {
    pub id: String,
    pub version: String,
    /// "true" archives, "false" restores (the undo).
    pub archivieren: String,
}

impl ArchivEingabe {
    /// (id, version, archive?) or the message at the field.
    pub fn lesen(&self) -> Result<(i64, i64, bool), AppError> {
        let feld = |f: &str| AppError::Eingabe(vec![crate::error::Feldfehler::neu(f, "Ungültige Angabe.")]);
        let id = self.id.trim().parse().map_err(|_| feld("id"))?;
        let version = self.version.trim().parse().map_err(|_| feld("version"))?;
        let archiv = match self.archivieren.as_str() {
            "true" => true,
            "false" => false,
            _ => return Err(feld("archivieren")),
        };
        Ok((id, version, archiv))
    }
}

/// Archives an Umsetzungsprojekt or restores it (coordination); stale version → 409. Returns
/// the new version (the page's undo restores with it).
#[server(prefix = "/api", endpoint = "projekt_archivieren")]
pub async fn projekt_archivieren(#[server(flatten)] eingabe: ArchivEingabe) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::RoadmapBearbeiten)?;
    let (id, version, archiv) = eingabe.lesen()?;
    let v = crate::store::roadmap::archivieren(&db()?, id, version, archiv, &Akteur::von(&person)).await?;
    live_wecken();
    Ok(v)
}

/// All Themenfelder (id, name) for the project forms.
#[server(prefix = "/api", endpoint = "themenfelder")]
pub async fn themenfelder_liste() -> Result<Vec<(i64, String)>, AppError> {
    use super::ssr::*;
    #[derive(sqlx::FromRow)]
    struct Tf {
        id: i64,
        name: String,
    }
    let tfs: Vec<Tf> = db()?.alle(&crate::store::Sql::new("SELECT id, name FROM themenfeld ORDER BY name")).await?;
    Ok(tfs.into_iter().map(|t| (t.id, t.name)).collect())
}

/// Reads and checks the master data of a project form; messages at their fields.
#[cfg(feature = "ssr")]
async fn stammdaten_lesen(
    datenbank: &crate::store::Db,
    ausser: Option<i64>,
    name: String,
    beschreibung: String,
    efa_status: String,
    themenfelder: Vec<i64>,
    leistungen: String,
) -> Result<(crate::store::roadmap::Stammdaten, (Vec<(i64, String, String)>, Vec<(i64, String)>)), AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    let mut fehler = vec![];
    let name = begrenzt("name", "Name", name, 200, &mut fehler);
    if name.is_none() {
        fehler.push(Feldfehler::neu("name", "Bitte einen Namen angeben."));
    }
    let beschreibung = begrenzt("beschreibung", "Beschreibung", beschreibung, 2000, &mut fehler);
    let efa_status = begrenzt("efa_status", "EfA-Status", efa_status, 200, &mut fehler);
    let mut ids: Vec<i64> = vec![];
    let mut falsch: Vec<String> = vec![];
    for t in leistungen.split([',', ';', ' ', '\n', '\t']).map(str::trim).filter(|t| !t.is_empty()) {
        match t.parse::<i64>() {
            Ok(i) if i > 0 => {
                if !ids.contains(&i) {
                    ids.push(i)
                }
            }
            _ => falsch.push(format!("„{}“", crate::model::text::zitat(t))),
        }
    }
    if !falsch.is_empty() {
        fehler.push(Feldfehler::neu(
            "leistungen",
            format!("Keine OZG-ID: {}. OZG-IDs sind Zahlen, z. B. 10257.", falsch.join(", ")),
        ));
    }
    let mut themenfelder = themenfelder;
    themenfelder.sort_unstable();
    themenfelder.dedup();
    if themenfelder.is_empty() {
        fehler.push(Feldfehler::neu("themenfelder", "Bitte mindestens ein Themenfeld wählen."));
    }
    let s = crate::store::roadmap::Stammdaten {
        name: name.unwrap_or_default(),
        beschreibung,
        efa_status,
        themenfelder,
        leistungen: ids,
    };
    // The database checks run even with form errors, so every problem shows at once.
    match crate::store::roadmap::stammdaten_pruefen(datenbank, &s, ausser).await? {
        Ok(b) if fehler.is_empty() => return Ok((s, b)),
        Ok(_) => {}
        Err(f) => fehler.extend(f.into_iter().map(|(feld, m)| Feldfehler::neu(feld, m))),
    }
    Err(AppError::Eingabe(fehler))
}

/// Creates an Umsetzungsprojekt (coordination); returns its id. Checkboxes of the Themenfelder
/// are named `themenfelder[<id>]`; OZG-IDs come as one text, separated by commas or spaces.
#[server(prefix = "/api", endpoint = "projekt_anlegen")]
pub async fn projekt_anlegen(
    name: String,
    beschreibung: String,
    efa_status: String,
    #[server(default)] themenfelder: Vec<i64>,
    leistungen: String,
) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::RoadmapBearbeiten)?;
    let db = db()?;
    let (s, b) = stammdaten_lesen(&db, None, name, beschreibung, efa_status, themenfelder, leistungen).await?;
    let (wer, vermerk) = (Akteur::von(&person), vermerk_der_leitung(&db, &person).await?);
    let id = crate::store::roadmap::anlegen(&db, &s, &b, &wer, vermerk.as_ref()).await?;
    vermerk_melden(&db, vermerk.as_ref(), &wer).await;
    live_wecken();
    Ok(id)
}

/// Saves name, description, EfA status, Themenfelder and OZG-Leistungen of a project
/// (coordination); stale version → 409. Returns the new version.
#[server(prefix = "/api", endpoint = "projekt_stammdaten")]
pub async fn projekt_stammdaten_speichern(
    id: i64,
    version: i64,
    name: String,
    beschreibung: String,
    efa_status: String,
    #[server(default)] themenfelder: Vec<i64>,
    leistungen: String,
) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::RoadmapBearbeiten)?;
    let db = db()?;
    let (s, b) = stammdaten_lesen(&db, Some(id), name, beschreibung, efa_status, themenfelder, leistungen).await?;
    let v = crate::store::roadmap::stammdaten_speichern(
        &db,
        id,
        version,
        &s,
        &b,
        &crate::store::akteur::Akteur::von(&person),
    )
    .await?;
    live_wecken();
    Ok(v)
}
