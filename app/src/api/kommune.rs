//! Server functions of Gemeinden and Kreise.

use crate::error::AppError;
use crate::model::filter::Trefferseite;
use crate::model::kommune::*;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "kommunen")]
pub async fn kommunen_suchen(query: String) -> Result<Trefferseite<KommuneZeile>, AppError> {
    use super::ssr::*;
    let a = crate::model::filter::KatalogAnfrage::aus_query(&query);
    gemerkt("kommunen", a.to_query(), |db| async move { crate::store::kommune::kommunen(&db, &a).await }).await
}

#[server(prefix = "/api", endpoint = "kommune")]
pub async fn kommune_laden(ags: String) -> Result<KommuneSeite, AppError> {
    use super::ssr::*;
    let ags = crate::model::ids::Ags::parse(&ags)?;
    let mit_kontakt = anfrager().person.is_some();
    let seite = crate::store::kommune::kommune_seite(&db()?, ags.as_str(), mit_kontakt).await?;
    gefunden(seite, &format!("Die Kommune mit dem AGS {ags}"))
}

/// All Kommunen by Kreis, for choosing one (public, as the catalog).
#[server(prefix = "/api", endpoint = "kommunen_namen")]
pub async fn kommunen_namen() -> Result<Vec<crate::model::kommune::KommuneName>, AppError> {
    use super::ssr::*;
    Ok(crate::store::kommune::namen(&db()?).await?)
}

#[server(prefix = "/api", endpoint = "kreise")]
pub async fn kreise_laden() -> Result<Vec<Kreis>, AppError> {
    use super::ssr::*;
    Ok(crate::store::kommune::kreise(&db()?).await?)
}

#[server(prefix = "/api", endpoint = "kreis")]
pub async fn kreis_laden(ags: String) -> Result<KreisSeite, AppError> {
    use super::ssr::*;
    let ags = crate::model::ids::KreisAgs::parse(&ags)?;
    let seite = crate::store::kommune::kreis_seite(&db()?, ags.as_str()).await?;
    gefunden(seite, &format!("Der Kreis mit dem Schlüssel {ags}"))
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::api::ssr::*;
    use crate::error::{AppError, Feldfehler};
    use crate::store::ansprechperson::PersonDaten;

    pub fn person_daten(
        name: String,
        funktion: String,
        telefon: String,
        email: String,
    ) -> Result<PersonDaten, AppError> {
        let mut fehler = vec![];
        let name = begrenzt("name", "Name", name, 200, &mut fehler);
        if name.is_none() {
            fehler.push(Feldfehler::neu("name", "Bitte geben Sie den Namen der Ansprechperson an."));
        }
        let funktion = begrenzt("funktion", "Funktion", funktion, 200, &mut fehler);
        let telefon = text(telefon);
        if let Some(t) = &telefon
            && !crate::model::kommune::telefon_gueltig(t)
        {
            let t = crate::model::text::zitat(t);
            fehler.push(Feldfehler::neu(
                "telefon",
                format!("„{t}“ ist keine Telefonnummer (Ziffern, Leerzeichen und + - / ( ) sind erlaubt)."),
            ));
        }
        let email = match text(email) {
            Some(e) => match crate::model::konto::Email::parse(&e) {
                Ok(e) => Some(e.to_string()),
                Err(m) => {
                    fehler.push(Feldfehler::neu("email", m));
                    None
                }
            },
            None => None,
        };
        eingabe_pruefen(fehler)?;
        Ok(PersonDaten { name: name.unwrap_or_default(), funktion, telefon, email })
    }

    /// The stored person, and the permission for *its* Kommune – never the one the form claims.
    pub async fn gespeicherte_person(
        id: i64,
    ) -> Result<(crate::model::konto::Angemeldet, crate::model::kommune::Ansprechperson), AppError> {
        use crate::model::konto::Recht;
        let person = angemeldet()?;
        let p = gefunden(crate::store::ansprechperson::eine(&db()?, id).await?, "Die Ansprechperson")?;
        let recht = match &p.kommune_ags {
            Some(ags) => Recht::KommuneBearbeiten(ags),
            None => Recht::KoordinationKontakte,
        };
        let person = pflicht(recht).map(|_| person)?;
        Ok((person, p))
    }
}

/// Adds a contact person to a Kommune (its own staff or the coordination).
#[server(prefix = "/api", endpoint = "ansprechperson_anlegen")]
pub async fn ansprechperson_anlegen(
    ags: String,
    name: String,
    funktion: String,
    telefon: String,
    email: String,
) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::model::konto::Recht;
    angemeldet()?;
    let ags = crate::model::ids::Ags::parse(&ags)?;
    let person = pflicht(Recht::KommuneBearbeiten(ags.as_str()))?;
    let daten = ssr::person_daten(name, funktion, telefon, email)?;
    let db = db()?;
    gefunden(crate::store::kommune::kommune_seite(&db, ags.as_str(), false).await?, "Die Kommune")?;
    Ok(crate::store::ansprechperson::anlegen(&db, ags.as_str(), &daten, &crate::store::akteur::Akteur::von(&person))
        .await?)
}

#[server(prefix = "/api", endpoint = "ansprechperson_aendern")]
pub async fn ansprechperson_aendern(
    id: i64,
    version: i64,
    name: String,
    funktion: String,
    telefon: String,
    email: String,
) -> Result<(), AppError> {
    use super::ssr::*;
    let (person, alt) = ssr::gespeicherte_person(id).await?;
    let daten = ssr::person_daten(name, funktion, telefon, email)?;
    Ok(crate::store::ansprechperson::aendern(
        &db()?,
        &alt,
        version,
        &daten,
        &crate::store::akteur::Akteur::von(&person),
    )
    .await?)
}

#[server(prefix = "/api", endpoint = "ansprechperson_loeschen")]
pub async fn ansprechperson_loeschen(id: i64, version: i64) -> Result<(), AppError> {
    use super::ssr::*;
    let (person, alt) = ssr::gespeicherte_person(id).await?;
    Ok(crate::store::ansprechperson::loeschen(&db()?, &alt, version, &crate::store::akteur::Akteur::von(&person))
        .await?)
}

/// "Was betrifft meine Kommune?" (public).
#[server(prefix = "/api", endpoint = "kommune_sicht")]
pub async fn kommune_sicht_laden(ags: String) -> Result<crate::model::kommune::KommuneSicht, AppError> {
    use super::ssr::*;
    let db = db()?;
    let name = crate::store::kommune::name(&db, &ags).await?;
    gefunden(name, "Die Kommune")?;
    Ok(crate::store::kommune::sicht(&db, &ags, heute()).await?)
}

/// The Themenfeld assignments of a Kommune (names only for logged-in readers).
#[server(prefix = "/api", endpoint = "themen")]
pub async fn themen_laden(ags: String) -> Result<Themenzuordnungen, AppError> {
    use super::ssr::*;
    let mit_namen = anfrager().person.is_some();
    let z = crate::store::zuordnung::laden(&db()?, &ags, mit_namen).await?;
    gefunden(z, "Die Kommune")
}

/// Saves the whole assignment form: `themenfelder[]` and `personen[]` in the same order (an
/// empty person = nobody). Only persons of this Kommune are accepted.
#[server(prefix = "/api", endpoint = "themen_zuordnen")]
pub async fn themen_zuordnen(
    ags: String,
    version: i64,
    #[server(default)] themenfelder: Vec<i64>,
    #[server(default)] personen: Vec<String>,
) -> Result<i64, AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    let person = pflicht(crate::model::konto::Recht::KommuneBearbeiten(&ags))?;
    let db = db()?;
    let name = gefunden(crate::store::kommune::name(&db, &ags).await?, "Die Kommune")?;
    let stand = crate::store::zuordnung::laden(&db, &ags, true).await?;
    let stand = gefunden(stand, "Die Kommune")?;
    if themenfelder.len() != personen.len() {
        return Err(AppError::Ungueltig("Das Formular ist unvollständig angekommen.".into()));
    }
    let mut fehler = vec![];
    let mut neu = vec![];
    for (tf, p) in themenfelder.iter().zip(&personen) {
        let Some(zeile) = stand.zeilen.iter().find(|z| z.themenfeld_id == *tf) else {
            fehler.push(Feldfehler::neu("themen", format!("Unbekanntes Themenfeld {tf}.")));
            continue;
        };
        let p = match p.trim() {
            "" => None,
            s => match s.parse::<i64>().ok().filter(|id| stand.personen.iter().any(|x| x.0 == *id)) {
                Some(id) => Some(id),
                None => {
                    fehler.push(Feldfehler::neu(
                        &format!("tf-{tf}"),
                        format!("{}: Diese Person gehört nicht zu den Ansprechpersonen der Kommune.", zeile.themenfeld),
                    ));
                    None
                }
            },
        };
        neu.push((*tf, p));
    }
    eingabe_pruefen(fehler)?;
    Ok(crate::store::zuordnung::speichern(&db, &ags, &name, version, &neu, &crate::store::akteur::Akteur::von(&person))
        .await?)
}
