//! Data deliveries: reading the uploaded file, the catalog keys to check against, and storing a
//! checked delivery in place of the previous one – one transaction, guarded by the delivery
//! count the preview was based on.

use super::akteur::Akteur;
use super::protokoll::{Aenderung, konflikt_meldung};
use super::{Arg, Db, SchreibFehler, Sql, StoreResult, jetzt_ms};
use crate::model::lieferung::Lieferung;
use std::collections::HashSet;

pub async fn katalog_schluessel(db: &Db) -> StoreResult<HashSet<String>> {
    #[derive(sqlx::FromRow)]
    struct K {
        schluessel: String,
    }
    let alle: Vec<K> = db.alle(&Sql::new("SELECT schluessel FROM leika WHERE schluessel IS NOT NULL")).await?;
    Ok(alle.into_iter().map(|k| k.schluessel).collect())
}

/// Deliveries so far (the `basis` of a preview); None if the Kommune does not exist.
pub async fn basis(db: &Db, ags: &str) -> StoreResult<Option<i64>> {
    let mut sql = Sql::new("SELECT lieferung_version FROM kommune WHERE ags = ");
    sql.bind(ags);
    #[derive(sqlx::FromRow)]
    struct V {
        lieferung_version: i64,
    }
    Ok(db.eine::<V>(&sql).await?.map(|v| v.lieferung_version))
}

/// Replaces the Kommune's delivery; returns the new delivery count.
pub async fn speichern(
    db: &Db,
    ags: &str,
    name: &str,
    dateiname: &str,
    l: &Lieferung,
    basis: i64,
    wer: &Akteur,
) -> Result<i64, SchreibFehler> {
    let mut tx = db.beginnen().await?;
    let mut guard = Sql::new("UPDATE kommune SET lieferung_version = lieferung_version + 1 WHERE ags = ");
    guard.bind(ags).push(" AND lieferung_version = ").bind(basis);
    if tx.ausfuehren(&guard).await? == 0 {
        drop(tx);
        return Err(SchreibFehler::Konflikt(
            konflikt_meldung(db, "lieferung", ags, &format!("Die Datenlieferung von {name}")).await,
        ));
    }
    let mut alt = Sql::new("SELECT COUNT(*) FROM kommune_seite WHERE kommune_ags = ");
    alt.bind(ags);
    let vorher = tx.zahl(&alt).await?;
    let mut weg = Sql::new("DELETE FROM kommune_seite WHERE kommune_ags = ");
    weg.bind(ags);
    tx.ausfuehren(&weg).await?;
    // 4 values per row; 500 rows stay far below SQLite's limit of bound variables.
    for block in l.paare.chunks(500) {
        let zeilen = block
            .iter()
            .map(|(url, k, nr)| {
                vec![
                    Arg::from(ags),
                    Arg::from(url.as_str()),
                    Arg::from(k.as_str()),
                    Arg::Int(crate::model::anzahl(*nr)),
                ]
            })
            .collect();
        tx.ausfuehren(&Sql::insert_rows("INSERT INTO kommune_seite (kommune_ags, url, schluessel, zeile)", zeilen, ""))
            .await?;
    }
    let seiten = l.paare.iter().map(|(u, _, _)| u.as_str()).collect::<HashSet<_>>().len();
    let seiten = crate::model::anzahl(seiten);
    let mut neu = Sql::new(
        "INSERT INTO lieferung (kommune_ags, dateiname, seiten, zuordnungen, benutzer_id, benutzer, zeit_ms) VALUES (",
    );
    neu.bind(ags)
        .push(", ")
        .bind(dateiname)
        .push(", ")
        .bind(seiten)
        .push(", ")
        .bind(crate::model::anzahl(l.paare.len()));
    neu.push(", ").bind(wer.id).push(", ").bind(wer.oeffentlich.clone()).push(", ").bind(jetzt_ms()).push(")");
    tx.ausfuehren(&neu).await?;
    let mut a = Aenderung::neu("lieferung", ags, name);
    a.feld("zuordnungen", Some(vorher.to_string()), Some(format!("{} ({dateiname}, {seiten} Seiten)", l.paare.len())));
    a.schreiben(&mut tx, wer).await?;
    let m = crate::model::infoverteiler::MitteilungNeu {
        art: "lieferung",
        titel: format!("{name}: neue Datenlieferung"),
        pfad: crate::pfad::kommune(ags),
        auszug: format!("{} Zuordnungen auf {seiten} Seiten ({dateiname})", l.paare.len()),
        zeit_ms: jetzt_ms(),
        bezuege: vec![(crate::model::infoverteiler::AboArt::Kommune, ags.to_string())],
    };
    super::infoverteiler::mitteilen(&mut tx, &m, wer).await?;
    tx.commit().await?;
    Ok(basis + 1)
}

/// The current delivery: (url, key, catalog name) in file order.
pub async fn aktuell(db: &Db, ags: &str) -> StoreResult<Vec<(String, String, String)>> {
    #[derive(sqlx::FromRow)]
    struct Z {
        url: String,
        schluessel: String,
        name: String,
    }
    let mut sql = Sql::new(
        "SELECT s.url, s.schluessel, k.name FROM kommune_seite s JOIN leika k ON k.schluessel = s.schluessel \
         WHERE s.kommune_ags = ",
    );
    sql.bind(ags).push(" ORDER BY s.zeile, s.url, s.schluessel");
    Ok(db.alle::<Z>(&sql).await?.into_iter().map(|z| (z.url, z.schluessel, z.name)).collect())
}

/// The newest delivery's file name, counts, who and when.
pub async fn letzte(db: &Db, ags: &str) -> StoreResult<Option<crate::model::lieferung::LieferungInfo>> {
    let mut sql =
        Sql::new("SELECT dateiname, seiten, zuordnungen, benutzer, zeit_ms FROM lieferung WHERE kommune_ags = ");
    sql.bind(ags).push(" ORDER BY id DESC LIMIT 1");
    db.eine(&sql).await
}
