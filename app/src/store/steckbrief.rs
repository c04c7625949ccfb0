//! Steckbriefe: submission (with the catalog check of every key), lists, review and publishing
//! into the Lösungsdatenbank – each write in one transaction with its audit entries.

use super::akteur::Akteur;
use super::protokoll::{Aenderung, konflikt_meldung};
use super::{Db, SchreibFehler, Sql, StoreResult, jetzt_ms};
use crate::model::ids::LeikaKey;
use crate::model::steckbrief::{Steckbrief, SteckbriefDaten, SteckbriefStatus};
use crate::model::text::{ja_nein, search_column};

/// The keys the LeiKa catalog does not have, in the order given.
pub async fn unbekannte_schluessel(db: &Db, keys: &[LeikaKey]) -> StoreResult<Vec<String>> {
    if keys.is_empty() {
        return Ok(vec![]);
    }
    #[derive(sqlx::FromRow)]
    struct K {
        schluessel: String,
    }
    let mut sql = Sql::new("SELECT schluessel FROM leika WHERE schluessel IN (");
    sql.bind_list(keys.iter().map(|k| k.as_str())).push(")");
    let da: Vec<K> = db.alle(&sql).await?;
    Ok(keys.iter().filter(|k| !da.iter().any(|d| d.schluessel == k.as_str())).map(|k| k.to_string()).collect())
}

pub async fn einreichen(
    db: &Db,
    d: &SteckbriefDaten,
    kommune_ags: Option<String>,
    wer: &Akteur,
) -> Result<i64, SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let mut q = Sql::new(
        "INSERT INTO steckbrief (organisation, dienst_name, url, dms, nachweise, once_only, bezahlung, authentifizierung, \
         kontakt, kommune_ags, eingereicht_von, eingereicht_ms) VALUES (",
    );
    q.bind(d.organisation.clone()).push(", ").bind(d.dienst_name.clone()).push(", ").bind(d.url.as_str());
    q.push(", ").bind(d.dms.clone()).push(", ").bind(d.nachweise.clone()).push(", ").bind(d.once_only);
    q.push(", ").bind(d.bezahlung.clone()).push(", ").bind(d.authentifizierung.clone()).push(", ");
    q.bind(d.kontakt.clone()).push(", ").bind(kommune_ags).push(", ").bind(wer.id).push(", ").bind(jetzt_ms());
    q.push(") RETURNING id");
    let id = tx.zahl(&q).await?;
    let mut k = Sql::new("INSERT INTO steckbrief_leika (steckbrief_id, schluessel) SELECT ");
    k.bind(id).push(", schluessel FROM leika WHERE schluessel IN (");
    k.bind_list(d.leika.iter().map(|k| k.as_str())).push(")");
    tx.ausfuehren(&k).await?;
    let mut a = Aenderung::neu("steckbrief", id, &d.dienst_name);
    a.feld("status", None, Some(SteckbriefStatus::Eingereicht.label().into()))
        .feld("organisation", None, Some(d.organisation.clone()))
        .feld("url", None, Some(d.url.as_str().to_string()))
        .feld("leika", None, Some(d.leika.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")))
        .feld("dms", None, d.dms.clone())
        .feld("nachweise", None, d.nachweise.clone())
        .feld("once_only", None, ja_nein(d.once_only))
        .feld("bezahlung", None, d.bezahlung.clone())
        .feld("authentifizierung", None, d.authentifizierung.clone())
        .feld("kontakt", None, d.kontakt.clone());
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// The submitter revises a Steckbrief still in review or returned to them: every field and the
/// keys are replaced and it is in review again. Based on the version the editor saw; a decision
/// or another revision in between is a conflict, a published one is kept as published.
pub async fn ueberarbeiten(
    db: &Db,
    id: i64,
    version: i64,
    d: &SteckbriefDaten,
    wer: &Akteur,
) -> Result<i64, SchreibFehler> {
    let Some(alt) = laden(db, id).await? else { return Err(SchreibFehler::NichtGefunden("Der Steckbrief".into())) };
    let was = format!("Der Steckbrief „{}“", alt.dienst_name);
    let mut tx = db.beginnen().await?;
    let mut q = Sql::new("UPDATE steckbrief SET status = 'eingereicht', organisation = ");
    q.bind(d.organisation.clone()).push(", dienst_name = ").bind(d.dienst_name.clone());
    q.push(", url = ").bind(d.url.as_str()).push(", dms = ").bind(d.dms.clone());
    q.push(", nachweise = ").bind(d.nachweise.clone()).push(", once_only = ").bind(d.once_only);
    q.push(", bezahlung = ").bind(d.bezahlung.clone()).push(", authentifizierung = ").bind(d.authentifizierung.clone());
    q.push(", kontakt = ").bind(d.kontakt.clone()).push(", version = version + 1 WHERE id = ").bind(id);
    q.push(" AND version = ").bind(version).push(" AND status IN ('eingereicht', 'zurueckgewiesen')");
    if tx.ausfuehren(&q).await? == 0 {
        drop(tx);
        return Err(SchreibFehler::Konflikt(if alt.status == SteckbriefStatus::Veroeffentlicht {
            format!("{was} ist bereits veröffentlicht und kann nicht mehr überarbeitet werden.")
        } else {
            konflikt_meldung(db, "steckbrief", &id.to_string(), &was).await
        }));
    }
    let mut weg = Sql::new("DELETE FROM steckbrief_leika WHERE steckbrief_id = ");
    weg.bind(id);
    tx.ausfuehren(&weg).await?;
    let mut k = Sql::new("INSERT INTO steckbrief_leika (steckbrief_id, schluessel) SELECT ");
    k.bind(id).push(", schluessel FROM leika WHERE schluessel IN (");
    k.bind_list(d.leika.iter().map(|k| k.as_str())).push(")");
    tx.ausfuehren(&k).await?;
    let alte_schluessel: Vec<&str> = alt.leika.iter().map(|(k, _)| k.as_str()).collect();
    let neue_schluessel: Vec<&str> = d.leika.iter().map(|k| k.as_str()).collect();
    let liste = |v: &[&str]| {
        let mut v = v.to_vec();
        v.sort_unstable();
        Some(v.join(", "))
    };
    let mut a = Aenderung::neu("steckbrief", id, &d.dienst_name);
    a.feld("status", Some(alt.status.label().into()), Some(SteckbriefStatus::Eingereicht.label().into()))
        .feld("organisation", Some(alt.organisation.clone()), Some(d.organisation.clone()))
        .feld("dienst_name", Some(alt.dienst_name.clone()), Some(d.dienst_name.clone()))
        .feld("url", Some(alt.url.clone()), Some(d.url.as_str().to_string()))
        .feld("leika", liste(&alte_schluessel), liste(&neue_schluessel))
        .feld("dms", alt.dms.clone(), d.dms.clone())
        .feld("nachweise", alt.nachweise.clone(), d.nachweise.clone())
        .feld("once_only", ja_nein(alt.once_only), ja_nein(d.once_only))
        .feld("bezahlung", alt.bezahlung.clone(), d.bezahlung.clone())
        .feld("authentifizierung", alt.authentifizierung.clone(), d.authentifizierung.clone())
        .feld("kontakt", alt.kontakt.clone(), d.kontakt.clone());
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(id)
}

const AUSWAHL: &str = "SELECT s.id, s.organisation, s.dienst_name, s.url, s.dms, s.nachweise, s.once_only, s.bezahlung, \
     s.authentifizierung, s.kontakt, s.status, s.kommune_ags, g.name AS kommune, s.eingereicht_von, e.name AS einreicher, \
     s.eingereicht_ms, p.name AS pruefer, s.geprueft_ms, s.pruef_kommentar, s.onlinedienst_id, s.version \
     FROM steckbrief s LEFT JOIN kommune g ON g.ags = s.kommune_ags LEFT JOIN benutzer e ON e.id = s.eingereicht_von \
     LEFT JOIN benutzer p ON p.id = s.geprueft_von";

async fn schluessel_ergaenzen(db: &Db, liste: &mut [Steckbrief]) -> StoreResult<()> {
    if liste.is_empty() {
        return Ok(());
    }
    #[derive(sqlx::FromRow)]
    struct K {
        steckbrief_id: i64,
        schluessel: String,
        name: String,
    }
    let mut sql = Sql::new(
        "SELECT sl.steckbrief_id, sl.schluessel, k.name FROM steckbrief_leika sl JOIN leika k ON k.schluessel = sl.schluessel \
         WHERE sl.steckbrief_id IN (",
    );
    sql.bind_list(liste.iter().map(|s| s.id)).push(") ORDER BY sl.schluessel");
    let keys: Vec<K> = db.alle(&sql).await?;
    for s in liste.iter_mut() {
        s.leika =
            keys.iter().filter(|k| k.steckbrief_id == s.id).map(|k| (k.schluessel.clone(), k.name.clone())).collect();
    }
    Ok(())
}

/// Who sees which Steckbriefe: the coordination all, a Kommune those of its own Kommune.
pub enum Sicht {
    Alle,
    Kommune(String),
    /// Accounts without a Kommune and without the review right: their own.
    Eigene(i64),
}

impl Sicht {
    /// Appends the condition on the Steckbrief `s` (after `verbinder`, " WHERE " or " AND ").
    fn einschraenken(&self, sql: &mut Sql, verbinder: &str) {
        match self {
            Sicht::Alle => {}
            Sicht::Kommune(ags) => {
                sql.push(verbinder).push("s.kommune_ags = ").bind(ags.clone());
            }
            Sicht::Eigene(id) => {
                sql.push(verbinder).push("s.eingereicht_von = ").bind(*id);
            }
        }
    }

    pub fn fuer(person: &crate::model::konto::Angemeldet) -> Sicht {
        if person.darf(crate::model::konto::Recht::SteckbriefePruefen) {
            Sicht::Alle
        } else if let Some(ags) = person.kommune_ags.clone() {
            Sicht::Kommune(ags)
        } else {
            Sicht::Eigene(person.id)
        }
    }
}

pub async fn liste(db: &Db, sicht: &Sicht) -> StoreResult<Vec<Steckbrief>> {
    let mut sql = Sql::new(AUSWAHL);
    sicht.einschraenken(&mut sql, " WHERE ");
    // Open ones first: they wait for a decision.
    sql.push(" ORDER BY CASE WHEN s.status = 'eingereicht' THEN 0 ELSE 1 END, s.eingereicht_ms DESC, s.id DESC");
    let mut liste: Vec<Steckbrief> = db.alle(&sql).await?;
    schluessel_ergaenzen(db, &mut liste).await?;
    Ok(liste)
}

pub async fn laden(db: &Db, id: i64) -> StoreResult<Option<Steckbrief>> {
    let mut sql = Sql::new(AUSWAHL);
    sql.push(" WHERE s.id = ").bind(id);
    let Some(s) = db.eine::<Steckbrief>(&sql).await? else { return Ok(None) };
    let mut v = [s];
    schluessel_ergaenzen(db, &mut v).await?;
    let [s] = v;
    Ok(Some(s))
}

/// Published Steckbriefe whose keys reach the Themenfeld: (online service id, name, organisation).
pub async fn im_themenfeld(db: &Db, themenfeld_id: i64) -> StoreResult<Vec<(i64, String, String)>> {
    nach_themenfeld(db, themenfeld_id, SteckbriefStatus::Veroeffentlicht, &Sicht::Alle).await
}

/// Steckbriefe in review whose keys reach the Themenfeld, as far as the reader may see them:
/// (Steckbrief id, service name, organisation).
pub async fn in_pruefung_im_themenfeld(
    db: &Db,
    themenfeld_id: i64,
    sicht: &Sicht,
) -> StoreResult<Vec<(i64, String, String)>> {
    nach_themenfeld(db, themenfeld_id, SteckbriefStatus::Eingereicht, sicht).await
}

/// Steckbriefe of a status whose keys reach the Themenfeld; published ones are named by their
/// online service (that is where readers go), the others by the Steckbrief.
async fn nach_themenfeld(
    db: &Db,
    themenfeld_id: i64,
    status: SteckbriefStatus,
    sicht: &Sicht,
) -> StoreResult<Vec<(i64, String, String)>> {
    #[derive(sqlx::FromRow)]
    struct Z {
        id: i64,
        dienst_name: String,
        organisation: String,
    }
    let id = if status == SteckbriefStatus::Veroeffentlicht { "s.onlinedienst_id" } else { "s.id" };
    let mut sql = Sql::new(&format!(
        "SELECT DISTINCT {id} AS id, s.dienst_name, s.organisation FROM steckbrief s \
         JOIN steckbrief_leika sl ON sl.steckbrief_id = s.id JOIN leika k ON k.schluessel = sl.schluessel \
         JOIN leistung l ON l.ozg_id = k.ozg_id WHERE {id} IS NOT NULL AND s.status = "
    ));
    sql.bind(status.code()).push(" AND l.themenfeld_id = ").bind(themenfeld_id);
    sicht.einschraenken(&mut sql, " AND ");
    sql.push(" ORDER BY s.dienst_name, id");
    Ok(db.alle::<Z>(&sql).await?.into_iter().map(|z| (z.id, z.dienst_name, z.organisation)).collect())
}

/// The coordination's decision: publish (creates the online service with its keys) or return
/// with a comment. Based on the version the reviewer saw; an already decided Steckbrief is a
/// conflict too.
pub async fn entscheiden(
    db: &Db,
    id: i64,
    version: i64,
    veroeffentlichen: bool,
    kommentar: Option<String>,
    wer: &Akteur,
) -> Result<SteckbriefStatus, SchreibFehler> {
    let Some(s) = laden(db, id).await? else { return Err(SchreibFehler::NichtGefunden("Der Steckbrief".into())) };
    let neu = if veroeffentlichen { SteckbriefStatus::Veroeffentlicht } else { SteckbriefStatus::Zurueckgewiesen };
    let was = format!("Der Steckbrief „{}“", s.dienst_name);
    let mut tx = db.beginnen().await?;
    let mut q = Sql::new("UPDATE steckbrief SET status = ");
    q.bind(neu.code()).push(", geprueft_von = ").bind(wer.id).push(", geprueft_ms = ").bind(jetzt_ms());
    q.push(", pruef_kommentar = ").bind(kommentar.clone()).push(", version = version + 1 WHERE id = ").bind(id);
    q.push(" AND version = ").bind(version).push(" AND status = 'eingereicht'");
    if tx.ausfuehren(&q).await? == 0 {
        drop(tx);
        return Err(SchreibFehler::Konflikt(konflikt_meldung(db, "steckbrief", &id.to_string(), &was).await));
    }
    let mut a = Aenderung::neu("steckbrief", id, &s.dienst_name);
    a.feld("status", Some(s.status.label().into()), Some(neu.label().into()));
    a.feld("pruef_kommentar", s.pruef_kommentar.clone(), kommentar);
    if veroeffentlichen {
        let mut o = Sql::new(
            "INSERT INTO onlinedienst (name, anbieter, url, status, authentifizierung, bezahlung, quelle, suchtext, suchname, \
             steckbrief_id) VALUES (",
        );
        let namen: Vec<&str> = s.leika.iter().map(|(_, n)| n.as_str()).collect();
        let quelle = format!("Steckbrief Nr. {id} von {}, veröffentlicht durch die Koordination", s.organisation);
        o.bind(s.dienst_name.clone()).push(", ").bind(s.organisation.clone()).push(", ").bind(s.url.clone());
        o.push(", 'live', ").bind(s.authentifizierung.clone()).push(", ").bind(s.bezahlung.clone()).push(", ");
        o.bind(quelle).push(", ").bind(search_column([
            s.dienst_name.as_str(),
            s.organisation.as_str(),
            &namen.join(" "),
        ]));
        o.push(", ").bind(search_column([s.dienst_name.as_str()])).push(", ").bind(id).push(") RETURNING id");
        let dienst = tx.zahl(&o).await?;
        let mut k = Sql::new("INSERT INTO onlinedienst_leika (onlinedienst_id, schluessel, bezeichnung) SELECT ");
        k.bind(dienst)
            .push(", sl.schluessel, l.name FROM steckbrief_leika sl JOIN leika l ON l.schluessel = sl.schluessel");
        k.push(" WHERE sl.steckbrief_id = ").bind(id);
        tx.ausfuehren(&k).await?;
        let mut v = Sql::new("UPDATE steckbrief SET onlinedienst_id = ");
        v.bind(dienst).push(" WHERE id = ").bind(id);
        tx.ausfuehren(&v).await?;
        a.feld("onlinedienst_id", None, Some(dienst.to_string()));
    }
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(neu)
}
