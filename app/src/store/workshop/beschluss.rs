//! Decisions of a workshop session taken into the data: the Priorität of a Leistung (from the
//! room's votes), and – while the facilitator leads an open session – a new Umsetzungsprojekt or
//! a phase moved on the roadmap. Each is audited as "im Workshop „…“ beschlossen" with the votes
//! behind it and listed as the session's decision, in the same transaction as the change.

use super::{SitzungZeile, ereignis_schreiben};
use crate::model::workshop::{Beschluss, Code, PRIORITAETEN, PrioZeile};
use crate::store::akteur::Akteur;
use crate::store::protokoll::Aenderung;
use crate::store::{Db, SchreibFehler, Sql, StoreResult, jetzt_ms};

/// What a roadmap change made in an open session carries: the session, and the votes of its
/// current question (the one the room just answered) as they stand at the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vermerk {
    pub sitzung_id: i64,
    pub titel: String,
    pub frage_id: Option<i64>,
    pub stimmen: String,
}

impl Vermerk {
    /// The audit note of the change.
    pub fn notiz(&self) -> String {
        format!("im Workshop „{}“ beschlossen – Stimmen {}", self.titel, self.stimmen)
    }

    /// The statements that list the change as the session's decision; run them in the change's
    /// transaction (`objekt_id`: the project's id, `alt`/`neu`: what the session page shows).
    pub fn sql(
        &self,
        art: &str,
        objekt_id: i64,
        name: &str,
        alt: Option<String>,
        neu: String,
        wer: &Akteur,
    ) -> [Sql; 2] {
        let mut b = Sql::new(
            "INSERT INTO workshop_beschluss (sitzung_id, frage_id, art, objekt_id, objekt_name, alt, neu, stimmen, benutzer, zeit_ms) VALUES (",
        );
        b.bind(self.sitzung_id).push(", ").bind(self.frage_id).push(", ").bind(art.to_string()).push(", ");
        b.bind(objekt_id.to_string()).push(", ").bind(name.to_string()).push(", ").bind(alt).push(", ");
        b.bind(neu).push(", ").bind(self.stimmen.clone()).push(", ").bind(wer.name.clone()).push(", ");
        b.bind(jetzt_ms()).push(")");
        let mut s = Sql::new("UPDATE workshop_sitzung SET stand = stand + 1 WHERE id = ");
        s.bind(self.sitzung_id);
        [b, s]
    }
}

/// The open session `code` names, with the votes of its current question; none for an unknown
/// or ended session.
pub async fn vermerk(db: &Db, code: &Code) -> StoreResult<Option<Vermerk>> {
    let Some(s) = super::sitzung(db, code).await?.filter(SitzungZeile::offen) else { return Ok(None) };
    let frage = match s.frage_id {
        Some(id) => super::frage(db, s.id, id).await?,
        None => None,
    };
    let stimmen = match &frage {
        Some(f) => format!("zu „{}“: {}", f.text, super::ergebnis(db, f, false).await?.stimmen_text()),
        None => "keine (ohne Frage an den Raum)".into(),
    };
    Ok(Some(Vermerk { sitzung_id: s.id, titel: s.titel, frage_id: frage.map(|f| f.id), stimmen }))
}

/// Takes the voted Priorität of a Leistung into the catalog: the change, its audit entries
/// ("im Workshop „…“ beschlossen" with the votes) and the decision in one transaction.
pub async fn prioritaet_beschliessen(
    db: &Db,
    s: &SitzungZeile,
    frage_id: i64,
    zeile: &PrioZeile,
    prioritaet: i64,
    wer: &Akteur,
) -> Result<(), SchreibFehler> {
    let neu = PRIORITAETEN[usize::try_from(prioritaet - 1).unwrap_or(0).min(2)].to_string();
    let alt = zeile
        .aktuell
        .and_then(|p| usize::try_from(p - 1).ok())
        .and_then(|i| PRIORITAETEN.get(i))
        .map(|p| p.to_string());
    let v = Vermerk {
        sitzung_id: s.id,
        titel: s.titel.clone(),
        frage_id: Some(frage_id),
        stimmen: format!("{} ({} Stimmen)", zeile.stimmen_text(), zeile.stimmen.iter().sum::<i64>()),
    };
    let mut tx = db.beginnen().await?;
    let mut u = Sql::new("UPDATE leistung SET prioritaet = ");
    u.bind(prioritaet).push(" WHERE ozg_id = ").bind(zeile.ozg_id);
    if tx.ausfuehren(&u).await? == 0 {
        return Err(SchreibFehler::NichtGefunden("Die OZG-Leistung wurde nicht gefunden.".into()));
    }
    let mut a = Aenderung::neu("leistung", zeile.ozg_id, &zeile.name);
    a.feld("prioritaet", alt.clone(), Some(neu.clone()));
    a.feld("beschluss", None, Some(v.notiz()));
    a.schreiben(&mut tx, wer).await?;
    for q in v.sql("prioritaet", zeile.ozg_id, &zeile.name, alt, neu, wer) {
        tx.ausfuehren(&q).await?;
    }
    tx.ausfuehren(Sql::new("UPDATE workshop_frage SET stand = stand + 1 WHERE id = ").bind(frage_id)).await?;
    ereignis_schreiben(&mut tx, s.id, wer).await?;
    tx.commit().await?;
    Ok(())
}

/// The decisions of a session, oldest first.
pub async fn beschluesse(db: &Db, sitzung_id: i64) -> StoreResult<Vec<Beschluss>> {
    let mut s = Sql::new(
        "SELECT art, objekt_id, objekt_name, alt, neu, stimmen, zeit_ms FROM workshop_beschluss WHERE sitzung_id = ",
    );
    s.bind(sitzung_id).push(" ORDER BY id");
    db.alle(&s).await
}
