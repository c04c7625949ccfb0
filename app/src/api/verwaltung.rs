//! User management for admins.

use crate::error::AppError;
use crate::model::konto::{BenutzerZeile, Sperre};
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "benutzer")]
pub async fn benutzer_liste_laden() -> Result<Vec<BenutzerZeile>, AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::BenutzerVerwalten)?;
    Ok(crate::store::konto::liste(&db()?).await?)
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::api::ssr::*;
    use crate::error::{AppError, Feldfehler};
    use crate::model::konto::{Rolle, rolle_und_kommune};

    /// Role and Kommune from the form, checked together; messages at their fields.
    pub fn rolle_kommune(
        rolle: &str,
        kommune: String,
        fehler: &mut Vec<Feldfehler>,
    ) -> Option<(Rolle, Option<String>)> {
        let rolle = match Rolle::parse(rolle) {
            Ok(r) => r,
            Err(e) => {
                fehler.push(Feldfehler::neu("rolle", e));
                return None;
            }
        };
        let kommune = match text(kommune) {
            Some(k) => match crate::model::ids::Ags::parse(&k) {
                Ok(a) => Some(a.as_str().to_string()),
                Err(e) => {
                    fehler.push(Feldfehler::neu("kommune", e));
                    return None;
                }
            },
            None => None,
        };
        if let Err(e) = rolle_und_kommune(rolle, kommune.as_deref()) {
            fehler.push(Feldfehler::neu("kommune", e));
            return None;
        }
        Some((rolle, kommune))
    }

    pub fn name(name: String, fehler: &mut Vec<Feldfehler>) -> String {
        let n = begrenzt("name", "Name", name, 200, fehler);
        if n.is_none() {
            fehler.push(Feldfehler::neu("name", "Bitte geben Sie den Namen der Person an."));
        }
        n.unwrap_or_default()
    }

    pub fn ungueltig(e: AppError) -> AppError {
        e
    }
}

#[server(prefix = "/api", endpoint = "benutzer_anlegen")]
pub async fn benutzer_anlegen(
    email: String,
    name: String,
    rolle: String,
    kommune: String,
    passwort: String,
) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    use crate::model::konto::{Email, NeuesPasswort, Recht};
    let admin = pflicht(Recht::BenutzerVerwalten)?;
    let mut fehler = vec![];
    let email = Email::parse(&email).map_err(|e| fehler.push(Feldfehler::neu("email", e))).ok();
    let name = ssr::name(name, &mut fehler);
    let rk = ssr::rolle_kommune(&rolle, kommune, &mut fehler);
    let pw = email
        .as_ref()
        .and_then(|e| NeuesPasswort::parse(&passwort, e).map_err(|e| fehler.push(Feldfehler::neu("passwort", e))).ok());
    eingabe_pruefen(fehler)?;
    let (Some(email), Some((rolle, kommune_ags)), Some(passwort)) = (email, rk, pw) else {
        return Err(ssr::ungueltig(AppError::Ungueltig("Eingaben unvollständig.".into())));
    };
    let neu = crate::store::konto::NeuesKonto { email, name, rolle, kommune_ags, passwort };
    crate::store::konto::anlegen(&db()?, neu, &crate::store::akteur::Akteur::von(&admin))
        .await
        .map_err(super::konto::konto_fehler)
}

#[server(prefix = "/api", endpoint = "benutzer_aendern")]
pub async fn benutzer_aendern(
    id: i64,
    version: i64,
    name: String,
    rolle: String,
    kommune: String,
    aktiv: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::*;
    use crate::model::konto::Recht;
    let admin = pflicht(Recht::BenutzerVerwalten)?;
    let mut fehler = vec![];
    let name = ssr::name(name, &mut fehler);
    let rk = ssr::rolle_kommune(&rolle, kommune, &mut fehler);
    eingabe_pruefen(fehler)?;
    let Some((rolle, kommune_ags)) = rk else {
        return Err(ssr::ungueltig(AppError::Ungueltig("Eingaben unvollständig.".into())));
    };
    // A checkbox sends its value only when ticked.
    let aktiv = aktiv.is_some_and(|a| a == "ja" || a == "on" || a == "true");
    let neu = crate::store::konto::KontoAenderung { id, version, name, rolle, kommune_ags, aktiv };
    crate::store::konto::aendern(&db()?, neu, &crate::store::akteur::Akteur::von(&admin))
        .await
        .map_err(super::konto::konto_fehler)
}

#[server(prefix = "/api", endpoint = "benutzer_passwort")]
pub async fn benutzer_passwort_setzen(id: i64, passwort: String) -> Result<(), AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    use crate::model::konto::{Email, NeuesPasswort, Recht};
    let admin = pflicht(Recht::BenutzerVerwalten)?;
    let db = db()?;
    let person = gefunden(crate::store::konto::person(&db, id).await?, "Das Konto")?;
    let email = Email::parse(&person.email)?;
    let pw =
        NeuesPasswort::parse(&passwort, &email).map_err(|e| AppError::Eingabe(vec![Feldfehler::neu("passwort", e)]))?;
    crate::store::konto::passwort_setzen(&db, id, &pw, &crate::store::akteur::Akteur::von(&admin))
        .await
        .map_err(super::konto::konto_fehler)
}

/// Active login locks (admins).
#[server(prefix = "/api", endpoint = "anmeldesperren")]
pub async fn anmeldesperren_laden() -> Result<Vec<Sperre>, AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::BenutzerVerwalten)?;
    Ok(crate::store::konto::sperren(&db()?).await?)
}

/// Lifts a login lock (admins); recorded in the audit log. Answers how many locks ended.
#[server(prefix = "/api", endpoint = "sperre_aufheben")]
pub async fn sperre_aufheben(schluessel: String) -> Result<u64, AppError> {
    use super::ssr::*;
    let admin = pflicht(crate::model::konto::Recht::BenutzerVerwalten)?;
    let schluessel: String = schluessel.chars().take(400).collect();
    Ok(crate::store::konto::entsperren(&db()?, &schluessel, &crate::store::akteur::Akteur::von(&admin)).await?)
}
