//! The audit log: every write adds its entries inside the write's own transaction, so a change
//! and its record of who made it are stored together or not at all.

use super::akteur::Akteur;
use super::{Db, Sql, StoreResult, Tx, jetzt_ms};
use crate::model::konto::ProtokollEintrag;

/// The changed fields of one record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aenderung {
    pub objekt_art: &'static str,
    pub objekt_id: String,
    pub objekt_name: String,
    pub felder: Vec<(&'static str, Option<String>, Option<String>)>,
}

impl Aenderung {
    pub fn neu(objekt_art: &'static str, objekt_id: impl ToString, objekt_name: impl ToString) -> Aenderung {
        Aenderung { objekt_art, objekt_id: objekt_id.to_string(), objekt_name: objekt_name.to_string(), felder: vec![] }
    }

    /// Records a field when its value differs.
    pub fn feld(&mut self, name: &'static str, alt: Option<String>, neu: Option<String>) -> &mut Self {
        if alt != neu {
            self.felder.push((name, alt, neu));
        }
        self
    }

    pub fn ist_leer(&self) -> bool {
        self.felder.is_empty()
    }

    /// Appends the entries to an open transaction.
    pub async fn schreiben(&self, tx: &mut Tx, wer: &Akteur) -> StoreResult<()> {
        let zeit = jetzt_ms();
        for (feld, alt, neu) in &self.felder {
            let mut s = Sql::new(
                "INSERT INTO protokoll (zeit_ms, benutzer_id, benutzer, objekt_art, objekt_id, objekt_name, feld, alt, neu) VALUES (",
            );
            s.bind(zeit).push(", ").bind(wer.id).push(", ").bind(wer.name.clone()).push(", ");
            s.bind(self.objekt_art).push(", ").bind(self.objekt_id.clone()).push(", ");
            s.bind(self.objekt_name.clone()).push(", ").bind(*feld).push(", ");
            s.bind(alt.clone()).push(", ").bind(neu.clone()).push(")");
            tx.ausfuehren(&s).await?;
        }
        Ok(())
    }
}

/// The name of an audit-log actor ("Name <e-mail>") without the address: what a message to
/// another user may say.
pub fn ohne_email(benutzer: &str) -> &str {
    match benutzer.find(" <") {
        Some(i) if benutzer.ends_with('>') => &benutzer[..i],
        _ => benutzer,
    }
}

/// "… wurde inzwischen von X geändert (Zeit)": the message of a refused stale write.
pub async fn konflikt_meldung(db: &Db, objekt_art: &str, objekt_id: &str, was: &str) -> String {
    #[derive(sqlx::FromRow)]
    struct Letzte {
        benutzer: String,
        zeit_ms: i64,
    }
    let mut sql = Sql::new("SELECT benutzer, zeit_ms FROM protokoll WHERE objekt_art = ");
    sql.bind(objekt_art).push(" AND objekt_id = ").bind(objekt_id).push(" ORDER BY zeit_ms DESC, id DESC LIMIT 1");
    let wer = match db.eine::<Letzte>(&sql).await {
        Ok(Some(l)) => format!(" von {} ({})", ohne_email(&l.benutzer), crate::model::konto::zeit_anzeigen(l.zeit_ms)),
        _ => String::new(),
    };
    format!(
        "{was} wurde inzwischen{wer} geändert. Ihre Änderung wurde nicht gespeichert; die aktuelle Fassung wird angezeigt."
    )
}

/// The write path of every versioned record: the guarded statement (`… AND version = $v`) and
/// the audit entries in one transaction. No row touched means someone saved first: nothing is
/// written, and the answer names who. `was` names the record for that message.
pub async fn versioniert_schreiben(
    db: &Db,
    sql: &Sql,
    a: &Aenderung,
    wer: &Akteur,
    was: &str,
) -> Result<(), super::SchreibFehler> {
    versioniert_schreiben_live(db, sql, a, wer, was, None, &[]).await.map(|_| ())
}

/// [`versioniert_schreiben`] that also announces the change to open pages: `daten` (JSON) is
/// stored as a live event of kind `art` in the same transaction; `danach` runs in it too, only
/// if the guarded statement took effect (e.g. replacing link rows). Returns the event id.
/// How a write is announced: the live event (kind and data) and, if someone may follow it, the
/// Infoverteiler's notice – both in the write's transaction.
pub struct Ankuendigung<'a> {
    pub art: &'a str,
    pub daten: &'a str,
    pub mitteilung: Option<crate::model::infoverteiler::MitteilungNeu>,
}

pub async fn versioniert_schreiben_live(
    db: &Db,
    sql: &Sql,
    a: &Aenderung,
    wer: &Akteur,
    was: &str,
    ereignis: Option<Ankuendigung<'_>>,
    danach: &[Sql],
) -> Result<Option<i64>, super::SchreibFehler> {
    let mut tx = db.beginnen().await?;
    if tx.ausfuehren(sql).await? == 0 {
        drop(tx);
        return Err(super::SchreibFehler::Konflikt(konflikt_meldung(db, a.objekt_art, &a.objekt_id, was).await));
    }
    for s in danach {
        tx.ausfuehren(s).await?;
    }
    a.schreiben(&mut tx, wer).await?;
    let id = match ereignis {
        Some(e) => {
            if let Some(m) = &e.mitteilung {
                super::infoverteiler::mitteilen(&mut tx, m, wer).await?;
            }
            Some(super::ereignis::schreiben(&mut tx, e.art, &a.objekt_id, e.daten, wer).await?)
        }
        None => None,
    };
    tx.commit().await?;
    Ok(id)
}

/// Which part of the log to read.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProtokollFilter {
    pub objekt_art: Option<String>,
    pub objekt_id: Option<String>,
    pub seite: u32,
    /// With the records of accounts and logins (e-mail, role, addresses): for admins only.
    #[serde(default)]
    pub konten: bool,
}

/// Kinds of record that name accounts: only admins read them in the log.
pub const KONTO_ARTEN: [&str; 2] = ["benutzer", "anmeldung"];

pub const PRO_SEITE: i64 = 50;

pub async fn lesen(db: &Db, f: &ProtokollFilter) -> StoreResult<(i64, Vec<ProtokollEintrag>)> {
    let mut wo = Sql::new(" WHERE 1 = 1");
    if !f.konten {
        wo.push(" AND objekt_art NOT IN (").bind_list(KONTO_ARTEN).push(")");
    }
    if let Some(a) = &f.objekt_art {
        wo.push(" AND objekt_art = ").bind(a.clone());
    }
    if let Some(i) = &f.objekt_id {
        // A Kommune's log also lists its contact persons ("<ags>/<id>"), a Themenfeld's its labs.
        let muster = i.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        wo.push(" AND (objekt_id = ").bind(i.clone()).push(" OR objekt_id LIKE ").bind(format!("{muster}/%"));
        wo.push(" ESCAPE '\\')");
    }
    let mut zaehlen = Sql::new("SELECT COUNT(*) FROM protokoll");
    zaehlen.push(&wo.text).args = wo.args.clone();
    let gesamt = db.zahl(&zaehlen).await?;
    let mut sql =
        Sql::new("SELECT id, zeit_ms, benutzer, objekt_art, objekt_id, objekt_name, feld, alt, neu FROM protokoll");
    sql.push(&wo.text).args = wo.args;
    sql.push(" ORDER BY zeit_ms DESC, id DESC LIMIT ")
        .bind(PRO_SEITE)
        .push(" OFFSET ")
        .bind(i64::from(f.seite) * PRO_SEITE);
    Ok((gesamt, db.alle(&sql).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_fields_are_recorded() {
        let mut a = Aenderung::neu("themenfeld", "bildung", "Bildung");
        a.feld("koordination", Some("A".into()), Some("A".into())).feld("workshop_ort", None, Some("Köln".into()));
        assert_eq!(a.felder, vec![("workshop_ort", None, Some("Köln".to_string()))]);
        assert!(!a.ist_leer());
    }
}
