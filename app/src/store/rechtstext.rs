//! The legal pages: the operator's details, the admins' text per page, and the feedback on
//! accessibility. Both edits are versioned and go into the audit log with the change.

use super::akteur::Akteur;
use super::protokoll::{Aenderung, versioniert_schreiben};
use super::{Db, SchreibFehler, Sql, StoreResult, jetzt_ms};
use crate::model::rechtstext::{Art, Betreiber, BetreiberFeld, Rechtsseite, Rueckmeldung};

const BETREIBER_SPALTEN: &str = "name, anschrift, vertreten_durch, email, telefon, aufsicht, datenschutzbeauftragter, \
     datenschutz_aufsicht, barrierefreiheit_kontakt, durchsetzung, pruef_stand, version";

pub async fn betreiber(db: &Db) -> StoreResult<Betreiber> {
    let sql = Sql::new(&format!("SELECT {BETREIBER_SPALTEN} FROM betreiber WHERE id = 1"));
    Ok(db.eine(&sql).await?.unwrap_or_default())
}

/// A page as readers get it, the admins' text rendered through the sanitiser.
pub async fn seite(db: &Db, art: Art) -> StoreResult<Rechtsseite> {
    #[derive(sqlx::FromRow)]
    struct Text {
        markdown: String,
        version: i64,
    }
    let betreiber = betreiber(db).await?;
    let mut sql = Sql::new("SELECT markdown, version FROM rechtstext WHERE art = ");
    sql.bind(art.code());
    let text = db.eine::<Text>(&sql).await?.unwrap_or(Text { markdown: String::new(), version: 1 });
    Ok(Rechtsseite {
        art,
        fehlend: betreiber.fehlend(art),
        betreiber,
        html: crate::markdown::html(&text.markdown),
        markdown: text.markdown,
        version: text.version,
    })
}

/// Saves the operator's details based on `version`; returns the new version.
pub async fn betreiber_speichern(
    db: &Db,
    version: i64,
    werte: &[(BetreiberFeld, Option<String>)],
    wer: &Akteur,
) -> Result<i64, SchreibFehler> {
    let alt = betreiber(db).await?;
    let mut a = Aenderung::neu("betreiber", 1, "Betreiber des Portals");
    let mut s = Sql::new("UPDATE betreiber SET version = version + 1");
    for (f, w) in werte {
        a.feld(f.code(), alt.wert(*f).map(str::to_string), w.clone());
        s.push(", ").push(f.code()).push(" = ").bind(w.clone());
    }
    s.push(" WHERE id = 1 AND version = ").bind(version);
    if a.ist_leer() && alt.version == version {
        return Ok(version);
    }
    versioniert_schreiben(db, &s, &a, wer, "Die Angaben zum Betreiber").await?;
    Ok(version + 1)
}

/// Saves the admins' text of a page based on `version`; returns the new version.
pub async fn text_speichern(
    db: &Db,
    art: Art,
    version: i64,
    markdown: &str,
    wer: &Akteur,
) -> Result<i64, SchreibFehler> {
    let alt = seite(db, art).await?;
    let mut a = Aenderung::neu("rechtstext", art.code(), art.titel());
    a.feld("text", Some(alt.markdown), Some(markdown.to_string()));
    if a.ist_leer() && alt.version == version {
        return Ok(version);
    }
    let mut s = Sql::new("UPDATE rechtstext SET markdown = ");
    s.bind(markdown)
        .push(", version = version + 1 WHERE art = ")
        .bind(art.code())
        .push(" AND version = ")
        .bind(version);
    versioniert_schreiben(db, &s, &a, wer, &format!("Der Text der Seite „{}“", art.titel())).await?;
    Ok(version + 1)
}

/// Stores a feedback message; returns its number (the receipt).
pub async fn rueckmeldung_anlegen(
    db: &Db,
    seite: Option<String>,
    name: Option<String>,
    email: Option<String>,
    nachricht: &str,
) -> StoreResult<i64> {
    let mut s = Sql::new("INSERT INTO rueckmeldung (zeit_ms, seite, name, email, nachricht) VALUES (");
    s.bind(jetzt_ms()).push(", ").bind(seite).push(", ").bind(name).push(", ").bind(email);
    s.push(", ").bind(nachricht).push(") RETURNING id");
    let mut tx = db.beginnen().await?;
    let id = tx.zahl(&s).await?;
    tx.commit().await?;
    Ok(id)
}

/// The newest feedback messages (admins).
pub async fn rueckmeldungen(db: &Db) -> StoreResult<Vec<Rueckmeldung>> {
    db.alle(&Sql::new(
        "SELECT id, zeit_ms, seite, name, email, nachricht FROM rueckmeldung ORDER BY zeit_ms DESC, id DESC LIMIT 200",
    ))
    .await
}

/// Removes a feedback message once handled (admins); the audit log keeps that it was.
pub async fn rueckmeldung_erledigen(db: &Db, id: i64, wer: &Akteur) -> Result<(), SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let mut s = Sql::new("DELETE FROM rueckmeldung WHERE id = ");
    s.bind(id);
    if tx.ausfuehren(&s).await? == 0 {
        return Err(SchreibFehler::NichtGefunden("Die Rückmeldung".into()));
    }
    let mut a = Aenderung::neu("rueckmeldung", id, format!("Rückmeldung Nr. {id}"));
    a.feld("erledigt", None, Some("ja".into()));
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(())
}
