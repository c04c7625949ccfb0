//! Server functions of the data delivery. The file travels base64-encoded in a form field, so
//! the same checked, CSRF-protected POST path serves it as every other write.

use crate::error::AppError;
use crate::model::lieferung::{LieferungStand, Vorschau};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
mod ssr {
    use crate::api::ssr::*;
    use crate::error::{AppError, Feldfehler};
    use crate::model::lieferung::{Lieferung, Vorschau};
    use crate::store::tabelle::{Grenzen, lesen};
    use std::collections::HashSet;

    /// Decoding, reading and checking are CPU work on a bounded blocking pool (`schranke`), so a
    /// hostile file can neither stall the async workers nor pile up. The size limit holds on
    /// the encoded text, before anything is decoded.
    async fn datei_pruefen(
        dateiname: String,
        inhalt: String,
        katalog: HashSet<String>,
    ) -> Result<(Vorschau, Option<Lieferung>), AppError> {
        use base64::Engine;
        let feld = |m: String| AppError::Eingabe(vec![Feldfehler::neu("datei", m)]);
        let g = Grenzen::LIEFERUNG;
        if inhalt.len() / 4 * 3 > g.max_bytes + 3 {
            return Err(feld(format!("Die Datei ist zu groß; höchstens {} MB sind möglich.", g.max_bytes >> 20)));
        }
        let arbeit = move || {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(inhalt.trim())
                .map_err(|_| "Die Datei kam nicht vollständig an.".to_string())?;
            let tabelle = lesen(&bytes, &g).map_err(|e| e.to_string())?;
            Ok::<_, String>(crate::model::lieferung::pruefen(&dateiname, &tabelle, &katalog))
        };
        crate::schranke::DATEIEN.blockierend(arbeit).await.map_err(ueberlastet)?.map_err(feld)
    }

    /// Decodes and checks an uploaded file for the Kommune `ags` (whose staff the caller must be).
    pub async fn pruefen(
        ags: &str,
        dateiname: &str,
        inhalt: String,
    ) -> Result<(crate::model::konto::Angemeldet, String, Vorschau, Option<Lieferung>), AppError> {
        let person = pflicht(crate::model::konto::Recht::KommuneBearbeiten(ags))?;
        let db = db()?;
        let name = crate::store::kommune::name(&db, ags).await?;
        let name = gefunden(name, "Die Kommune")?;
        let basis = crate::store::lieferung::basis(&db, ags).await?.unwrap_or(0);
        let dateiname: String = dateiname.chars().filter(|c| !c.is_control()).take(200).collect();
        let katalog = crate::store::lieferung::katalog_schluessel(&db).await?;
        let ergebnis = datei_pruefen(dateiname, inhalt, katalog).await;
        let art = match &ergebnis {
            Err(_) => "abgewiesen",
            Ok((v, None)) if !v.datei_fehler.is_empty() => "datei_fehlerhaft",
            Ok((_, None)) => "zeilen_fehlerhaft",
            Ok((_, Some(_))) => "gueltig",
        };
        metrics::counter!("ozg_lieferungen_geprueft_total", "ergebnis" => art).increment(1);
        let (mut vorschau, lieferung) = ergebnis?;
        vorschau.basis = basis;
        Ok((person, name, vorschau, lieferung))
    }
}

/// Checks a file without storing anything: every problem row with its number and problem.
#[server(prefix = "/api", endpoint = "lieferung_pruefen")]
pub async fn lieferung_pruefen(ags: String, dateiname: String, inhalt: String) -> Result<Vorschau, AppError> {
    let (_, _, vorschau, _) = ssr::pruefen(&ags, &dateiname, inhalt).await?;
    Ok(vorschau)
}

/// Checks the file again and, only if every row is correct, replaces the Kommune's delivery with
/// it in one transaction. `basis` is the delivery count the preview showed (409 if another
/// upload came first).
#[server(prefix = "/api", endpoint = "lieferung_uebernehmen")]
pub async fn lieferung_uebernehmen(
    ags: String,
    dateiname: String,
    inhalt: String,
    basis: i64,
) -> Result<Vorschau, AppError> {
    use crate::api::ssr::*;
    use crate::error::Feldfehler;
    let (person, name, vorschau, lieferung) = ssr::pruefen(&ags, &dateiname, inhalt).await?;
    let Some(lieferung) = lieferung else {
        let n = vorschau.fehlerhaft_gesamt + vorschau.datei_fehler.len();
        return Err(AppError::Eingabe(vec![Feldfehler::neu(
            "datei",
            format!("Die Datei hat {n} Fehler; es wurde nichts gespeichert. Bitte prüfen Sie die Vorschau."),
        )]));
    };
    crate::store::lieferung::speichern(
        &db()?,
        &ags,
        &name,
        &vorschau.dateiname,
        &lieferung,
        basis,
        &crate::store::akteur::Akteur::von(&person),
    )
    .await?;
    Ok(vorschau)
}

/// The current delivery of a Kommune (public; who delivered only for logged-in users).
#[server(prefix = "/api", endpoint = "lieferung")]
pub async fn lieferung_laden(ags: String) -> Result<LieferungStand, AppError> {
    use crate::api::ssr::*;
    let db = db()?;
    let basis = crate::store::lieferung::basis(&db, &ags).await?;
    let basis = gefunden(basis, "Die Kommune")?;
    let (mut letzte, paare) =
        futures::try_join!(crate::store::lieferung::letzte(&db, &ags), crate::store::lieferung::aktuell(&db, &ags))?;
    if anfrager().person.is_none()
        && let Some(l) = letzte.as_mut()
    {
        l.benutzer = String::new();
    }
    let mut seiten: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (url, k, name) in paare {
        match seiten.last_mut() {
            Some((u, ks)) if *u == url => ks.push((k, name)),
            _ => seiten.push((url, vec![(k, name)])),
        }
    }
    Ok(LieferungStand { basis, letzte, seiten })
}
