//! Server functions of the IT-Dienstleister.

use crate::error::AppError;
use crate::model::dienstleister::DienstleisterMitGebiet;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "dienstleister")]
pub async fn dienstleister_liste() -> Result<Vec<DienstleisterMitGebiet>, AppError> {
    use super::ssr::*;
    Ok(crate::store::dienstleister::alle(&db()?).await?)
}
