//! Aktuelles: the list and one Meldung (public: only current items), and the coordination's
//! writing – form values, a preview of the Markdown, create and save.

use crate::error::AppError;
use crate::model::aktuelles::{Meldung, MeldungEingabe, MeldungSeite};
use crate::model::filter::Trefferseite;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn verwalten() -> bool {
    use super::ssr::anfrager;
    anfrager().person.is_some_and(|p| p.darf(crate::model::konto::Recht::AktuellesSchreiben))
}

/// `query`: facets `tf` (Themenfeld id or `allgemein`), `jahr`, `stand` (coordination only),
/// search `q`, `sort`, paging. The public gets the current items; the coordination all.
#[server(prefix = "/api", endpoint = "meldungen")]
pub async fn meldungen_suchen(query: String) -> Result<Trefferseite<Meldung>, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    let alle = crate::store::aktuelles::alle(&db()?, heute()).await?;
    Ok(crate::store::aktuelles::filtern(alle, &a, heute(), verwalten()))
}

#[cfg(feature = "ssr")]
fn nummer(id: &str) -> Result<i64, AppError> {
    id.parse().map_err(|_| {
        AppError::Ungueltig(format!("„{}“ ist keine Nummer einer Meldung.", crate::model::text::zitat(id)))
    })
}

/// One Meldung. A planned one exists only for the coordination (404 for everyone else); an
/// expired one stays readable, marked as such.
#[server(prefix = "/api", endpoint = "meldung")]
pub async fn meldung_laden(id: String) -> Result<MeldungSeite, AppError> {
    use super::ssr::*;
    let heute = heute();
    let m = crate::store::aktuelles::eine(&db()?, nummer(&id)?, heute).await?;
    let verwalten = verwalten();
    let m = m.filter(|m| verwalten || m.stand != crate::model::aktuelles::Stand::Geplant);
    Ok(MeldungSeite { meldung: gefunden(m, "Die Meldung")?, heute, verwalten })
}

/// The form values: a new item's (published today) or a stored one's with its Markdown; the
/// version the form is based on (0 for a new item).
#[server(prefix = "/api", endpoint = "meldung_formular")]
pub async fn meldung_formular(id: Option<i64>) -> Result<(i64, MeldungEingabe), AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::AktuellesSchreiben)?;
    let Some(id) = id else { return Ok((0, MeldungEingabe::neu(heute()))) };
    let db = db()?;
    let m = gefunden(crate::store::aktuelles::eine(&db, id, heute()).await?, "Die Meldung")?;
    let text = crate::store::aktuelles::markdown(&db, id).await?.unwrap_or_default();
    Ok((m.version, MeldungEingabe::von(&m, text)))
}

/// The Markdown as the page will show it (through the same sanitiser). Coordination only, and
/// bounded like the text itself: rendering is the one costly step.
#[server(prefix = "/api", endpoint = "meldung_vorschau")]
pub async fn meldung_vorschau(markdown: String) -> Result<String, AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::AktuellesSchreiben)?;
    if markdown.chars().count() > crate::model::aktuelles::MAX_TEXT {
        let max = crate::model::aktuelles::MAX_TEXT;
        return Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu(
            "text",
            format!("Text: höchstens {max} Zeichen."),
        )]));
    }
    Ok(crate::markdown::html(&markdown))
}

#[cfg(feature = "ssr")]
async fn pruefen(db: &crate::store::Db, e: &MeldungEingabe) -> Result<crate::model::aktuelles::MeldungDaten, AppError> {
    let d = e.lesen().map_err(AppError::Eingabe)?;
    let fehler = crate::store::aktuelles::bezuege_pruefen(db, &d).await?;
    super::ssr::mit_feldfehlern(d, fehler)
}

/// Writes a new Meldung (coordination); returns its id.
#[server(prefix = "/api", endpoint = "meldung_anlegen")]
pub async fn meldung_anlegen(#[server(flatten)] eingabe: MeldungEingabe) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::AktuellesSchreiben)?;
    let db = db()?;
    let d = pruefen(&db, &eingabe).await?;
    let id = crate::store::aktuelles::anlegen(&db, &d, &crate::store::akteur::Akteur::von(&person)).await?;
    live_wecken();
    Ok(id)
}

/// Saves a Meldung based on the version the form showed (stale → 409); returns the new version.
#[server(prefix = "/api", endpoint = "meldung_speichern")]
pub async fn meldung_speichern(
    id: i64,
    version: i64,
    #[server(flatten)] eingabe: MeldungEingabe,
) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::AktuellesSchreiben)?;
    let db = db()?;
    let d = pruefen(&db, &eingabe).await?;
    let v =
        crate::store::aktuelles::speichern(&db, id, version, &d, &crate::store::akteur::Akteur::von(&person)).await?;
    live_wecken();
    Ok(v)
}
