//! Queries of IT-Dienstleister and the areas they serve.

use super::{Db, Sql, StoreResult};
use crate::model::dienstleister::*;

pub async fn alle(db: &Db) -> StoreResult<Vec<DienstleisterMitGebiet>> {
    let dl: Vec<Dienstleister> = db
        .alle(&Sql::new(
            "SELECT id, name, strasse, plz, ort, url, quelle, korrektur FROM dienstleister ORDER BY name, id",
        ))
        .await?;
    let gebiete: Vec<Gebiet> = db
        .alle(&Sql::new(
            "SELECT id, dienstleister_id, quelle_name, bezeichnung, art, stand, quelle_url FROM dienstleister_gebiet ORDER BY id",
        ))
        .await?;
    let kreise: Vec<GebietKreis> = db
        .alle(&Sql::new(
            "SELECT gk.gebiet_id, gk.kreis_ags, k.name AS kreis FROM dienstleister_gebiet_kreis gk \
             JOIN kreis k ON k.ags = gk.kreis_ags ORDER BY gk.gebiet_id, k.suchname",
        ))
        .await?;
    Ok(dl
        .into_iter()
        .map(|d| {
            let eigene = gebiete
                .iter()
                .filter(|g| g.dienstleister_id == d.id)
                .map(|g| (g.clone(), kreise.iter().filter(|k| k.gebiet_id == g.id).cloned().collect()))
                .collect();
            DienstleisterMitGebiet { dienstleister: d, gebiete: eigene }
        })
        .collect())
}
