//! "Unsere Fragen an Sie": sending a request (anyone; a logged-in person's wish to be informed
//! becomes a subscription) and the coordination's inbox.

use crate::error::AppError;
use crate::model::anliegen::{Anliegen, AnliegenEingabe, Gesendet, Status};
use leptos::prelude::*;

/// Sends the form of a Themenfeld page. Logged in, "informiert" and "beteiligen" follow the
/// Themenfeld (weekly digest, unless already followed); "person" and "beteiligen" reach the
/// coordination's inbox.
#[server(prefix = "/api", endpoint = "anliegen_senden")]
pub async fn anliegen_senden(#[server(flatten)] eingabe: AnliegenEingabe) -> Result<Gesendet, AppError> {
    use super::ssr::*;
    use crate::model::anliegen::{Absender, Art};
    let person = anfrager().person;
    let absender =
        person.as_ref().map(|p| Absender { name: &p.name, email: &p.email, organisation: p.kommune_name.as_deref() });
    let d = eingabe.lesen(absender.as_ref()).map_err(AppError::Eingabe)?;
    let db = db()?;
    let Some(p) = person else {
        let nummer = crate::store::anliegen::anlegen(&db, &d, None).await?;
        return Ok(Gesendet { nummer: Some(nummer), abonniert: false });
    };
    let abonniert = d.art != Art::Person;
    if abonniert {
        themenfeld_folgen(&db, p.id, d.themenfeld_id).await?;
    }
    let nummer = match d.art {
        Art::Informiert => None,
        Art::Person | Art::Beteiligen => Some(crate::store::anliegen::anlegen(&db, &d, Some(p.id)).await?),
    };
    Ok(Gesendet { nummer, abonniert })
}

/// Follows the Themenfeld with a weekly digest, unless the person follows it already (then
/// their choice stays).
#[cfg(feature = "ssr")]
async fn themenfeld_folgen(db: &crate::store::Db, benutzer: i64, themenfeld: i64) -> Result<(), AppError> {
    use crate::model::infoverteiler::{AboArt, Versand};
    use crate::store::infoverteiler as iv;
    let ziel = themenfeld.to_string();
    if iv::abo(db, benutzer, AboArt::Themenfeld, &ziel).await?.is_none() {
        iv::folgen(db, benutzer, AboArt::Themenfeld, &ziel, Versand::Woechentlich).await?;
    }
    Ok(())
}

/// The inbox: requests of one status and the count of each (coordination).
#[server(prefix = "/api", endpoint = "anliegen_liste")]
pub async fn anliegen_liste(status: String) -> Result<(Vec<Anliegen>, Vec<(Status, i64)>), AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::AnliegenBearbeiten)?;
    let status = Status::aus_code(&status).unwrap_or_default();
    Ok(crate::store::anliegen::liste(&db()?, status).await?)
}

/// Sets a request's status (coordination); `version` as shown. Answers the new version.
#[server(prefix = "/api", endpoint = "anliegen_status")]
pub async fn anliegen_status(id: i64, version: i64, status: String) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::AnliegenBearbeiten)?;
    let status = Status::aus_code(&status).ok_or_else(|| {
        AppError::Eingabe(vec![crate::error::Feldfehler::neu("status", "Bitte einen Status wählen.")])
    })?;
    let wer = crate::store::akteur::Akteur::von(&person);
    Ok(crate::store::anliegen::status_setzen(&db()?, id, version, status, &wer).await?)
}
