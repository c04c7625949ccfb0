//! "Themen zuordnen": which of a Kommune's contact persons is responsible for which Themenfeld.
//! The whole table is one form: saved in one transaction against the version it was based on.

use super::akteur::Akteur;
use super::protokoll::{Aenderung, konflikt_meldung};
use super::{Db, SchreibFehler, Sql, StoreResult};
use crate::model::kommune::{ThemenZuordnung, Themenzuordnungen};

/// All Themenfelder with their person; `mit_namen` = the reader may see names.
pub async fn laden(db: &Db, ags: &str, mit_namen: bool) -> StoreResult<Option<Themenzuordnungen>> {
    let Some(version) =
        db.eine::<Version>(Sql::new("SELECT themen_version AS v FROM kommune WHERE ags = ").bind(ags)).await?
    else {
        return Ok(None);
    };
    let mut sql = Sql::new(
        "SELECT t.id AS themenfeld_id, t.name AS themenfeld, t.slug, z.ansprechperson_id, p.name AS person \
         FROM themenfeld t LEFT JOIN themen_zuordnung z ON z.themenfeld_id = t.id AND z.kommune_ags = ",
    );
    sql.bind(ags).push(" LEFT JOIN ansprechperson p ON p.id = z.ansprechperson_id ORDER BY t.name");
    let mut zeilen: Vec<ThemenZuordnung> = db.alle(&sql).await?;
    let personen = if mit_namen {
        super::ansprechperson::der_kommune(db, ags).await?.into_iter().map(|p| (p.id, p.name)).collect()
    } else {
        for z in &mut zeilen {
            z.person = None;
        }
        vec![]
    };
    Ok(Some(Themenzuordnungen { version: version.v, zeilen, personen }))
}

#[derive(sqlx::FromRow)]
struct Version {
    v: i64,
}

/// Replaces the assignments; `neu` = (Themenfeld, person or none). The caller has checked that
/// every person belongs to the Kommune and every Themenfeld exists.
pub async fn speichern(
    db: &Db,
    ags: &str,
    name: &str,
    version: i64,
    neu: &[(i64, Option<i64>)],
    wer: &Akteur,
) -> Result<i64, SchreibFehler> {
    let alt = laden(db, ags, true).await?.ok_or_else(|| SchreibFehler::NichtGefunden("Die Kommune".into()))?;
    let person_name = |id: Option<i64>| id.and_then(|id| alt.personen.iter().find(|p| p.0 == id).map(|p| p.1.clone()));
    let mut tx = db.beginnen().await?;
    let mut guard = Sql::new("UPDATE kommune SET themen_version = themen_version + 1 WHERE ags = ");
    guard.bind(ags).push(" AND themen_version = ").bind(version);
    if tx.ausfuehren(&guard).await? == 0 {
        drop(tx);
        return Err(SchreibFehler::Konflikt(
            konflikt_meldung(db, "themen", ags, &format!("Die Themenzuordnung von {name}")).await,
        ));
    }
    let mut a = Aenderung::neu("themen", ags, name);
    for (tf, person) in neu {
        let Some(zeile) = alt.zeilen.iter().find(|z| z.themenfeld_id == *tf) else { continue };
        if zeile.ansprechperson_id == *person {
            continue;
        }
        let mut weg = Sql::new("DELETE FROM themen_zuordnung WHERE kommune_ags = ");
        weg.bind(ags).push(" AND themenfeld_id = ").bind(*tf);
        tx.ausfuehren(&weg).await?;
        if let Some(p) = person {
            let mut q =
                Sql::new("INSERT INTO themen_zuordnung (kommune_ags, themenfeld_id, ansprechperson_id) VALUES (");
            q.bind(ags).push(", ").bind(*tf).push(", ").bind(*p).push(")");
            tx.ausfuehren(&q).await?;
        }
        // Old and new name the Themenfeld with the person ("–" = nobody).
        let text = |p: Option<String>| Some(format!("{}: {}", zeile.themenfeld, p.unwrap_or_else(|| "–".into())));
        a.felder.push(("themenfeld", text(person_name(zeile.ansprechperson_id)), text(person_name(*person))));
    }
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(version + 1)
}
