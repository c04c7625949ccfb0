//! Dokumente und Links: the library (public), one document, the documents of a Leistung,
//! Themenfeld, project or event, and the coordination's writing – metadata and new files.

use crate::error::AppError;
use crate::model::dokument::eingabe::{DokumentEingabe, FassungEingabe};
use crate::model::dokument::{Dokument, DokumentSeite};
use crate::model::filter::Trefferseite;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// `query`: facets `art`, `tf`, `bezug`, `format`, search `q`, `sort`, paging.
#[server(prefix = "/api", endpoint = "dokumente")]
pub async fn dokumente_suchen(query: String) -> Result<Trefferseite<Dokument>, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    Ok(crate::store::dokument::filtern(crate::store::dokument::alle(&db()?).await?, &a))
}

#[server(prefix = "/api", endpoint = "dokument")]
pub async fn dokument_laden(id: String) -> Result<DokumentSeite, AppError> {
    use super::ssr::*;
    let nummer: i64 = id.parse().map_err(|_| {
        AppError::Ungueltig(format!("„{}“ ist keine Nummer eines Dokuments.", crate::model::text::zitat(&id)))
    })?;
    let dokument = gefunden(crate::store::dokument::eines(&db()?, nummer).await?, "Das Dokument")?;
    let verwalten = anfrager().person.is_some_and(|p| p.darf(crate::model::konto::Recht::DokumenteVerwalten));
    Ok(DokumentSeite { dokument, verwalten })
}

/// The documents of one Leistung (`art=leistung`, OZG-ID), Themenfeld (id), project or event.
#[server(prefix = "/api", endpoint = "dokumente_zu")]
pub async fn dokumente_zu(art: String, schluessel: String) -> Result<Vec<Dokument>, AppError> {
    use super::ssr::*;
    let art = crate::model::dokument::BezugArt::aus_code(&art).ok_or_else(|| {
        AppError::Ungueltig("Dokumente gehören zu leistung, themenfeld, projekt oder veranstaltung.".into())
    })?;
    if schluessel.len() > 20 {
        return Err(AppError::Ungueltig("Der Schlüssel ist zu lang.".into()));
    }
    Ok(crate::store::dokument::zu(&db()?, art, &schluessel).await?)
}

/// What the form offers to link to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DokumentAuswahl {
    pub themenfelder: Vec<(i64, String)>,
    pub projekte: Vec<(i64, String)>,
    pub veranstaltungen: Vec<(i64, String)>,
    pub labore: Vec<(i64, String)>,
}

/// The form: the choices, and (with `id`) the stored document's values and version.
#[server(prefix = "/api", endpoint = "dokument_formular")]
pub async fn dokument_formular(id: Option<i64>) -> Result<(DokumentAuswahl, i64, DokumentEingabe), AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::DokumenteVerwalten)?;
    let db = db()?;
    let heute = heute();
    let auswahl = DokumentAuswahl {
        themenfelder: crate::api::roadmap::themenfelder_liste().await?,
        projekte: crate::store::roadmap::projekte(&db, heute).await?.into_iter().map(|p| (p.id, p.name)).collect(),
        veranstaltungen: crate::store::veranstaltung::alle(&db)
            .await?
            .into_iter()
            .map(|v| (v.id, format!("{} ({})", v.titel, v.termin.anzeigen())))
            .collect(),
        labore: crate::store::dokument::labore(&db).await?,
    };
    let Some(id) = id else { return Ok((auswahl, 0, DokumentEingabe::default())) };
    let d = gefunden(crate::store::dokument::eines(&db, id).await?, "Das Dokument")?;
    Ok((auswahl, d.version, DokumentEingabe::von(&d)))
}

#[cfg(feature = "ssr")]
async fn pruefen(
    db: &crate::store::Db,
    e: &DokumentEingabe,
) -> Result<crate::model::dokument::eingabe::DokumentDaten, AppError> {
    let d = e.lesen().map_err(AppError::Eingabe)?;
    let fehler = crate::store::dokument::bezuege_pruefen(db, &d).await?;
    super::ssr::mit_feldfehlern(d, fehler)
}

#[server(prefix = "/api", endpoint = "dokument_anlegen")]
pub async fn dokument_anlegen(#[server(flatten)] eingabe: DokumentEingabe) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::DokumenteVerwalten)?;
    let db = db()?;
    let d = pruefen(&db, &eingabe).await?;
    Ok(crate::store::dokument::anlegen(&db, &d, &crate::store::akteur::Akteur::von(&person)).await?)
}

#[server(prefix = "/api", endpoint = "dokument_speichern")]
pub async fn dokument_speichern(
    id: i64,
    version: i64,
    #[server(flatten)] eingabe: DokumentEingabe,
) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::DokumenteVerwalten)?;
    let db = db()?;
    let d = pruefen(&db, &eingabe).await?;
    Ok(crate::store::dokument::speichern(&db, id, version, &d, &crate::store::akteur::Akteur::von(&person)).await?)
}

/// Adds a file (base64) to document `dokument` as a new Fassung: size and format (by content)
/// checked before anything is stored; returns the Fassung's id.
#[server(prefix = "/api", endpoint = "fassung_hochladen")]
pub async fn fassung_hochladen(
    dokument: i64,
    // Flattened fields arrive as text (serde buffers them), so the number stays outside.
    #[server(flatten)] eingabe: FassungEingabe,
) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::DokumenteVerwalten)?;
    let f = eingabe.lesen().map_err(AppError::Eingabe)?;
    let akteur = crate::store::akteur::Akteur::von(&person);
    match crate::store::dokument::fassung_hinzufuegen(&db()?, dokument, &f, &akteur).await {
        // The same file again, or a file for a link: said at the file field.
        Err(crate::store::SchreibFehler::Abgelehnt(m)) => {
            Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu("datei", m)]))
        }
        r => Ok(r?),
    }
}
