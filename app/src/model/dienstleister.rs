//! Municipal IT service providers (IT-Dienstleister) and the areas they serve.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Dienstleister {
    pub id: i64,
    pub name: String,
    pub strasse: Option<String>,
    pub plz: Option<String>,
    pub ort: Option<String>,
    pub url: Option<String>,
    pub quelle: String,
    pub korrektur: Option<String>,
}

/// A served area as named by a public source ("Kreis Wesel (+ kreisangehörige Kommunen)").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Gebiet {
    pub id: i64,
    pub dienstleister_id: i64,
    pub quelle_name: String,
    pub bezeichnung: String,
    pub art: String,
    pub stand: String,
    pub quelle_url: String,
}

/// A Kreis or kreisfreie Stadt linked to a served area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct GebietKreis {
    pub gebiet_id: i64,
    pub kreis_ags: String,
    pub kreis: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DienstleisterMitGebiet {
    pub dienstleister: Dienstleister,
    pub gebiete: Vec<(Gebiet, Vec<GebietKreis>)>,
}
