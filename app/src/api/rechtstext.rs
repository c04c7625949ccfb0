//! The legal pages: reading them (public), the admins' edits, and the feedback form on
//! accessibility (public; stored for the admins).

use crate::error::AppError;
use crate::model::rechtstext::{BetreiberEingabe, Rechtsseite, Rueckmeldung};
use leptos::prelude::*;

/// One of the three pages (`art`: impressum, datenschutz, barrierefreiheit).
#[server(prefix = "/api", endpoint = "rechtsseite")]
pub async fn rechtsseite_laden(art: String) -> Result<Rechtsseite, AppError> {
    use super::ssr::*;
    let art = ssr::art(&art)?;
    let mut seite = crate::store::rechtstext::seite(&db()?, art).await?;
    // Readers get the sanitised HTML only; the source is for the admins' form.
    if !anfrager().person.is_some_and(|p| p.darf(crate::model::konto::Recht::PortalBetreiben)) {
        seite.markdown.clear();
    }
    Ok(seite)
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::error::AppError;
    use crate::model::rechtstext::Art;

    pub fn art(code: &str) -> Result<Art, AppError> {
        Art::parse(code).ok_or_else(|| AppError::NichtGefunden("Diese Seite gibt es nicht.".into()))
    }
}

/// Saves the operator's details (admins); returns the new version.
#[server(prefix = "/api", endpoint = "betreiber_speichern")]
pub async fn betreiber_speichern(version: i64, #[server(flatten)] angaben: BetreiberEingabe) -> Result<i64, AppError> {
    use super::ssr::*;
    let admin = pflicht(crate::model::konto::Recht::PortalBetreiben)?;
    let werte = angaben.pruefen().map_err(AppError::Eingabe)?;
    let wer = crate::store::akteur::Akteur::von(&admin);
    Ok(crate::store::rechtstext::betreiber_speichern(&db()?, version, &werte, &wer).await?)
}

/// Saves the admins' text (Markdown) of one page; returns the new version.
#[server(prefix = "/api", endpoint = "rechtstext_speichern")]
pub async fn rechtstext_speichern(art: String, version: i64, markdown: String) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::model::rechtstext::MAX_MARKDOWN;
    let admin = pflicht(crate::model::konto::Recht::PortalBetreiben)?;
    let art = ssr::art(&art)?;
    if markdown.chars().count() > MAX_MARKDOWN {
        let m = format!("Der Text ist zu lang (höchstens {MAX_MARKDOWN} Zeichen).");
        return Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu("markdown", m)]));
    }
    let wer = crate::store::akteur::Akteur::von(&admin);
    Ok(crate::store::rechtstext::text_speichern(&db()?, art, version, markdown.trim(), &wer).await?)
}

/// Sends feedback on accessibility (anyone); answers the receipt number.
#[server(prefix = "/api", endpoint = "rueckmeldung_senden")]
pub async fn rueckmeldung_senden(
    #[server(default)] nachricht: String,
    #[server(default)] name: String,
    #[server(default)] email: String,
    #[server(default)] seite: String,
) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    use crate::model::rechtstext::MAX_RUECKMELDUNG;
    let mut fehler = vec![];
    let nachricht = begrenzt("nachricht", "Nachricht", nachricht, MAX_RUECKMELDUNG, &mut fehler);
    if nachricht.is_none() {
        fehler.push(Feldfehler::neu("nachricht", "Bitte beschreiben Sie, was nicht zugänglich ist."));
    }
    let name = begrenzt("name", "Name", name, 200, &mut fehler);
    let email = match text(email) {
        None => None,
        Some(e) => match crate::model::konto::Email::parse(&e) {
            Ok(e) => Some(e.to_string()),
            Err(m) => {
                fehler.push(Feldfehler::neu("email", m));
                None
            }
        },
    };
    let seite = begrenzt("seite", "Seite", seite, 500, &mut fehler);
    eingabe_pruefen(fehler)?;
    let nachricht = nachricht.unwrap_or_default();
    Ok(crate::store::rechtstext::rueckmeldung_anlegen(&db()?, seite, name, email, &nachricht).await?)
}

/// The feedback received (admins).
#[server(prefix = "/api", endpoint = "rueckmeldungen")]
pub async fn rueckmeldungen_laden() -> Result<Vec<Rueckmeldung>, AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::PortalBetreiben)?;
    Ok(crate::store::rechtstext::rueckmeldungen(&db()?).await?)
}

/// Marks a feedback message as handled: it is deleted (admins).
#[server(prefix = "/api", endpoint = "rueckmeldung_erledigen")]
pub async fn rueckmeldung_erledigen(id: i64) -> Result<(), AppError> {
    use super::ssr::*;
    let admin = pflicht(crate::model::konto::Recht::PortalBetreiben)?;
    let wer = crate::store::akteur::Akteur::von(&admin);
    Ok(crate::store::rechtstext::rueckmeldung_erledigen(&db()?, id, &wer).await?)
}
