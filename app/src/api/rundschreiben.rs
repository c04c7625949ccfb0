//! Rundschreiben: the preview and the send (coordination), the archive and switching them off
//! (every logged-in person).

use crate::error::AppError;
use crate::model::rundschreiben::{Archiv, RundschreibenEingabe, SendenEingabe, Vorschau};
use leptos::prelude::*;

/// The mail as its recipients will get it, how many they are, and the fingerprint the send
/// must bring back.
#[server(prefix = "/api", endpoint = "rundschreiben_vorschau")]
pub async fn rundschreiben_vorschau(#[server(flatten)] eingabe: RundschreibenEingabe) -> Result<Vorschau, AppError> {
    use super::ssr::*;
    use crate::store::rundschreiben as rs;
    let person = pflicht(crate::model::konto::Recht::RundschreibenSenden)?;
    let d = eingabe.lesen().map_err(AppError::Eingabe)?;
    let db = db()?;
    let an = rs::an_label(&db, d.an).await?.ok_or_else(|| AppError::NichtGefunden("Das Themenfeld".into()))?;
    let links = crate::model::rundschreiben::Links {
        basis: "",
        pfad: crate::pfad::RUNDSCHREIBEN,
        abmelden: "(persönlicher Abmeldelink)",
    };
    let brief = crate::model::rundschreiben::brief(&person.name, &d.betreff, &d.text, &an, &links);
    Ok(Vorschau {
        eingabe: RundschreibenEingabe { an: d.an.code(), betreff: d.betreff.clone(), text: d.text.clone() },
        empfaenger: rs::empfaenger_zahl(&db, d.an).await?,
        an,
        betreff: brief.betreff,
        text: brief.text,
        fingerabdruck: rs::fingerabdruck(&d),
    })
}

/// Sends what was previewed (a text changed since is refused); answers the number of recipients.
#[server(prefix = "/api", endpoint = "rundschreiben_senden")]
pub async fn rundschreiben_senden(#[server(flatten)] eingabe: SendenEingabe) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::store::rundschreiben as rs;
    let person = pflicht(crate::model::konto::Recht::RundschreibenSenden)?;
    let form = RundschreibenEingabe { an: eingabe.an, betreff: eingabe.betreff, text: eingabe.text };
    let d = form.lesen().map_err(AppError::Eingabe)?;
    if rs::fingerabdruck(&d) != eingabe.fingerabdruck.trim() {
        return Err(AppError::Konflikt(
            "Der Text oder die Empfänger wurden nach der Vorschau geändert. Bitte sehen Sie sich die Vorschau \
             erneut an; es wurde nichts gesendet."
                .into(),
        ));
    }
    let wer = crate::store::akteur::Akteur::von(&person);
    Ok(rs::senden(&db()?, &d, &wer).await?.1)
}

/// The archive of sent Rundschreiben (logged in; the numbers for the coordination).
#[server(prefix = "/api", endpoint = "rundschreiben_archiv")]
pub async fn rundschreiben_archiv() -> Result<Archiv, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let zahlen = person.darf(crate::model::konto::Recht::RundschreibenSenden);
    Ok(crate::store::rundschreiben::archiv(&db()?, person.id, zahlen).await?)
}

/// Switches Rundschreiben by mail on (`an = true`) or off for the logged-in person.
#[server(prefix = "/api", endpoint = "rundschreiben_empfang")]
pub async fn rundschreiben_empfang(an: bool) -> Result<bool, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    crate::store::rundschreiben::per_mail(&db()?, person.id, an).await?;
    Ok(an)
}
