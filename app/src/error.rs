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
    #[error("Bitte melden Sie sich an, um Änderungen vorzunehmen.")]
    NichtAngemeldet,
    #[error("Ihr Konto hat für diese Änderung keine Berechtigung.")]
    KeineBerechtigung,
    /// Login failed; the message never says whether the account exists.
    #[error("{0}")]
    Anmeldung(String),
    /// The record changed since the form was loaded.
    #[error("{0}")]
    Konflikt(String),
    #[error("{0}")]
    ZuVieleVersuche(String),
    /// Turned away because the server is busy with such work (load shedding).
    #[error("{0}")]
    Ueberlastet(String),
    /// The request itself is malformed (missing, repeated or wrongly typed arguments).
    #[error("{0}")]
    Anfrage(String),
    /// A fault of the program itself (e.g. a compiled-in file it cannot read); logged, 500.
    #[error("Ein interner Fehler ist aufgetreten ({0}). Bitte melden Sie ihn der Koordinierungsstelle.")]
    Intern(String),
    /// Form input with one message per field.
    #[error("{}", .0.iter().map(|f| f.meldung.as_str()).collect::<Vec<_>>().join(" "))]
    Eingabe(Vec<Feldfehler>),
}

/// A message for one form field, shown next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feldfehler {
    pub feld: String,
    pub meldung: String,
}

impl Feldfehler {
    pub fn neu(feld: &str, meldung: impl ToString) -> Feldfehler {
        Feldfehler { feld: feld.to_string(), meldung: meldung.to_string() }
    }
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NichtGefunden(_) => 404,
            AppError::Ungueltig(_) => 400,
            AppError::Datenbank => 503,
            AppError::Uebertragung(_) => 500,
            AppError::NichtAngemeldet | AppError::Anmeldung(_) => 401,
            AppError::KeineBerechtigung => 403,
            AppError::Konflikt(_) => 409,
            AppError::Eingabe(_) => 422,
            AppError::ZuVieleVersuche(_) => 429,
            AppError::Ueberlastet(_) => 503,
            AppError::Anfrage(_) => 400,
            AppError::Intern(_) => 500,
        }
    }

    /// The message for one field, if the error names it.
    pub fn zum_feld(&self, feld: &str) -> Option<String> {
        match self {
            AppError::Eingabe(liste) => liste.iter().find(|f| f.feld == feld).map(|f| f.meldung.clone()),
            _ => None,
        }
    }
}

/// A key in a URL or form that is not well-formed (`/kommunen/123`): 400 with the key's message.
impl From<crate::model::ids::IdError> for AppError {
    fn from(e: crate::model::ids::IdError) -> Self {
        AppError::Ungueltig(e.to_string())
    }
}

/// A stored account value that no longer passes its rules (checked again before it is used).
impl From<crate::model::konto::KontoFehler> for AppError {
    fn from(e: crate::model::konto::KontoFehler) -> Self {
        AppError::Ungueltig(e.to_string())
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The arguments did not parse: the client's fault, said in German with the field.
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) | ServerFnErrorErr::Deserialization(m) => {
                AppError::Anfrage(argumente_meldung(&m))
            }
            ServerFnErrorErr::UnsupportedRequestMethod(_) => {
                AppError::Anfrage("Ungültige Anfrage: Diese Funktion nimmt nur POST-Anfragen an.".into())
            }
            andere => AppError::Uebertragung(andere.to_string()),
        }
    }
}

/// German for serde's English about a request's arguments, naming the field where serde does.
pub fn argumente_meldung(englisch: &str) -> String {
    let feld =
        englisch.split('`').nth(1).filter(|f| f.len() <= 40 && f.chars().all(|c| c.is_alphanumeric() || c == '_'));
    let grund = if englisch.contains("missing field") {
        "fehlt"
    } else if englisch.contains("duplicate field") {
        "ist mehrfach angegeben"
    } else if englisch.contains("unknown field") {
        "ist unbekannt"
    } else {
        "hat ein ungültiges Format"
    };
    match feld {
        Some(f) if !englisch.contains("invalid type") && !englisch.contains("invalid value") => {
            format!("Ungültige Anfrage: Das Feld „{f}“ {grund}.")
        }
        _ => format!("Ungültige Anfrage: Ein Feld {grund} oder hat nicht den erwarteten Typ (z. B. eine Zahl)."),
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
        assert_eq!(AppError::Anfrage("x".into()).status(), 400);
    }

    #[test]
    fn serde_messages_become_german_with_the_field() {
        let m = argumente_meldung("error deserializing server function arguments: missing field `ags`");
        assert_eq!(m, "Ungültige Anfrage: Das Feld „ags“ fehlt.");
        assert!(argumente_meldung("duplicate field `id`").contains("„id“ ist mehrfach"));
        assert!(argumente_meldung("invalid digit found in string").contains("ungültiges Format"));
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("missing field `x`".into()));
        assert_eq!(e.status(), 400);
    }
}
