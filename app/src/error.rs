//! Errors at the server-function boundary: German messages for the user, a status code each.

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    #[error("{0}")]
    NichtGefunden(String),
    #[error("{0}")]
    Ungueltig(String),
    #[error("Die Datenbank ist gerade nicht erreichbar. Bitte versuchen Sie es in Kürze erneut.")]
    Datenbank,
    #[error("Die Anfrage konnte nicht übertragen werden ({0}). Bitte laden Sie die Seite neu.")]
    Uebertragung(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NichtGefunden(_) => 404,
            AppError::Ungueltig(_) => 400,
            AppError::Datenbank => 503,
            AppError::Uebertragung(_) => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Uebertragung(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::store::StoreError> for AppError {
    fn from(e: crate::store::StoreError) -> Self {
        // The details go to the log, never to the browser.
        tracing::error!(error = %e, "Datenbankzugriff fehlgeschlagen");
        AppError::Datenbank
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes() {
        assert_eq!(AppError::NichtGefunden("x".into()).status(), 404);
        assert_eq!(AppError::Ungueltig("x".into()).status(), 400);
        assert_eq!(AppError::Datenbank.status(), 503);
    }
}
