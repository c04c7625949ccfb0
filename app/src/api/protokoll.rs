//! Reading the audit log (coordination and admins).

use crate::error::AppError;
use crate::model::konto::ProtokollEintrag;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProtokollSeite {
    pub gesamt: i64,
    pub seite: u32,
    pub pro_seite: i64,
    pub eintraege: Vec<ProtokollEintrag>,
}

/// The log as a whole (`art` and `id` empty) or of one record.
#[server(prefix = "/api", endpoint = "protokoll")]
pub async fn protokoll_laden(art: String, id: String, seite: u32) -> Result<ProtokollSeite, AppError> {
    use super::ssr::*;
    use crate::store::protokoll::{PRO_SEITE, ProtokollFilter, lesen};
    let person = pflicht(crate::model::konto::Recht::ProtokollLesen)?;
    // Kinds and ids are short words and keys; a long one is no record's and would only cost.
    if art.chars().count() > 40 || id.chars().count() > 200 {
        return Err(AppError::Ungueltig("Unbekannte Art oder Kennung eines Datensatzes.".into()));
    }
    let konten = person.rolle == crate::model::konto::Rolle::Admin;
    let f = ProtokollFilter { objekt_art: text(art), objekt_id: text(id), seite, konten };
    let (gesamt, eintraege) = lesen(&db()?, &f).await?;
    Ok(ProtokollSeite { gesamt, seite, pro_seite: PRO_SEITE, eintraege })
}
