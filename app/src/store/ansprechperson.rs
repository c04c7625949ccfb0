//! Contact persons of the Kommunen and of the coordination office.

use super::akteur::Akteur;
use super::protokoll::{Aenderung, konflikt_meldung, versioniert_schreiben};
use super::{Db, SchreibFehler, Sql, StoreResult};
use crate::model::kommune::Ansprechperson;

const SPALTEN: &str = "id, kommune_ags, name, funktion, organisation, telefon, mobil, email, quelle, version";

pub async fn der_kommune(db: &Db, ags: &str) -> StoreResult<Vec<Ansprechperson>> {
    let mut sql = Sql::new(&format!("SELECT {SPALTEN} FROM ansprechperson WHERE kommune_ags = "));
    sql.bind(ags).push(" ORDER BY name, id");
    db.alle(&sql).await
}

pub async fn anzahl(db: &Db, ags: &str) -> StoreResult<i64> {
    let mut sql = Sql::new("SELECT COUNT(*) FROM ansprechperson WHERE kommune_ags = ");
    sql.bind(ags);
    db.zahl(&sql).await
}

pub async fn eine(db: &Db, id: i64) -> StoreResult<Option<Ansprechperson>> {
    let mut sql = Sql::new(&format!("SELECT {SPALTEN} FROM ansprechperson WHERE id = "));
    sql.bind(id);
    db.eine(&sql).await
}

/// The coordination office's entry for a coordinator's name.
pub async fn koordination(db: &Db, name: &str) -> StoreResult<Option<Ansprechperson>> {
    let mut sql = Sql::new(&format!("SELECT {SPALTEN} FROM ansprechperson WHERE kommune_ags IS NULL AND name = "));
    sql.bind(name).push(" ORDER BY id LIMIT 1");
    db.eine(&sql).await
}

/// Fields of a contact person from the form (already checked).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonDaten {
    pub name: String,
    pub funktion: Option<String>,
    pub telefon: Option<String>,
    pub email: Option<String>,
}

fn protokoll_id(ags: &str, id: i64) -> String {
    format!("{ags}/{id}")
}

fn felder(a: &mut Aenderung, alt: Option<&Ansprechperson>, neu: Option<&PersonDaten>) {
    a.feld("name", alt.map(|p| p.name.clone()), neu.map(|p| p.name.clone()))
        .feld("funktion", alt.and_then(|p| p.funktion.clone()), neu.and_then(|p| p.funktion.clone()))
        .feld("telefon", alt.and_then(|p| p.telefon.clone()), neu.and_then(|p| p.telefon.clone()))
        .feld("email", alt.and_then(|p| p.email.clone()), neu.and_then(|p| p.email.clone()));
}

pub async fn anlegen(db: &Db, ags: &str, neu: &PersonDaten, wer: &Akteur) -> Result<i64, SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let mut s = Sql::new("INSERT INTO ansprechperson (kommune_ags, name, funktion, telefon, email) VALUES (");
    s.bind(ags).push(", ").bind(neu.name.clone()).push(", ").bind(neu.funktion.clone());
    s.push(", ").bind(neu.telefon.clone()).push(", ").bind(neu.email.clone()).push(") RETURNING id");
    let id = tx.zahl(&s).await?;
    let mut a = Aenderung::neu("ansprechperson", protokoll_id(ags, id), &neu.name);
    felder(&mut a, None, Some(neu));
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// Updates a person based on the version the form showed. `alt` is the stored record the caller
/// loaded (and checked the permission for).
pub async fn aendern(
    db: &Db,
    alt: &Ansprechperson,
    version: i64,
    neu: &PersonDaten,
    wer: &Akteur,
) -> Result<(), SchreibFehler> {
    let ags = alt.kommune_ags.clone().unwrap_or_default();
    let pid = protokoll_id(&ags, alt.id);
    let was = format!("Die Angaben zu {}", alt.name);
    if alt.version != version {
        return Err(SchreibFehler::Konflikt(konflikt_meldung(db, "ansprechperson", &pid, &was).await));
    }
    let mut a = Aenderung::neu("ansprechperson", &pid, &neu.name);
    felder(&mut a, Some(alt), Some(neu));
    if a.ist_leer() {
        return Ok(());
    }
    let mut s = Sql::new("UPDATE ansprechperson SET name = ");
    s.bind(neu.name.clone()).push(", funktion = ").bind(neu.funktion.clone());
    s.push(", telefon = ").bind(neu.telefon.clone()).push(", email = ").bind(neu.email.clone());
    s.push(", version = version + 1 WHERE id = ").bind(alt.id).push(" AND version = ").bind(version);
    versioniert_schreiben(db, &s, &a, wer, &was).await
}

pub async fn loeschen(db: &Db, alt: &Ansprechperson, version: i64, wer: &Akteur) -> Result<(), SchreibFehler> {
    let pid = protokoll_id(alt.kommune_ags.as_deref().unwrap_or_default(), alt.id);
    let was = format!("Die Angaben zu {}", alt.name);
    let mut s = Sql::new("DELETE FROM ansprechperson WHERE id = ");
    s.bind(alt.id).push(" AND version = ").bind(version);
    let mut a = Aenderung::neu("ansprechperson", &pid, &alt.name);
    felder(&mut a, Some(alt), None);
    versioniert_schreiben(db, &s, &a, wer, &was).await
}
