//! The Infoverteiler's server functions, all for the logged-in person about their own data:
//! following and unfollowing, "Neu für mich" (and its count for the header), their
//! subscriptions, and the personal Atom feed's address.

use crate::error::AppError;
use crate::model::infoverteiler::{Abo, FolgenStand, MeineAbos, NeuFuerMich};
use leptos::prelude::*;

/// What a follow button sends: the target and where to hear of it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FolgenEingabe {
    pub art: String,
    pub ziel: String,
    pub versand: String,
}

#[cfg(feature = "ssr")]
impl FolgenEingabe {
    fn lesen(
        &self,
    ) -> Result<(crate::model::infoverteiler::AboArt, String, crate::model::infoverteiler::Versand), AppError> {
        use crate::error::Feldfehler;
        use crate::model::infoverteiler::{AboArt, Versand};
        let art = AboArt::aus_code(&self.art)
            .ok_or_else(|| AppError::Eingabe(vec![Feldfehler::neu("art", "Das kann man nicht abonnieren.")]))?;
        let ziel = art
            .ziel_lesen(&self.ziel)
            .ok_or_else(|| AppError::Eingabe(vec![Feldfehler::neu("ziel", "Unbekanntes Ziel des Abonnements.")]))?;
        let versand = Versand::aus_code(&self.versand).ok_or_else(|| {
            AppError::Eingabe(vec![Feldfehler::neu("versand", "Bitte wählen Sie, wie Sie benachrichtigt werden.")])
        })?;
        Ok((art, ziel, versand))
    }
}

/// Whether the logged-in person follows the target (for the public: never).
#[server(prefix = "/api", endpoint = "abo_stand")]
pub async fn abo_stand(art: String, ziel: String) -> Result<FolgenStand, AppError> {
    use super::ssr::*;
    let Some(person) = anfrager().person else { return Ok(FolgenStand { abo: None }) };
    let e = FolgenEingabe { art, ziel, versand: "portal".into() };
    let (art, ziel, _) = e.lesen()?;
    Ok(FolgenStand { abo: crate::store::infoverteiler::abo(&db()?, person.id, art, &ziel).await? })
}

/// Follows a target, or changes where the person hears of it.
#[server(prefix = "/api", endpoint = "folgen")]
pub async fn folgen(#[server(flatten)] eingabe: FolgenEingabe) -> Result<Abo, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let (art, ziel, versand) = eingabe.lesen()?;
    Ok(crate::store::infoverteiler::folgen(&db()?, person.id, art, &ziel, versand).await?)
}

/// Ends one of the person's subscriptions.
#[server(prefix = "/api", endpoint = "entfolgen")]
pub async fn entfolgen(id: i64) -> Result<(), AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    if crate::store::infoverteiler::entfolgen(&db()?, person.id, id).await? {
        Ok(())
    } else {
        Err(AppError::NichtGefunden("Das Abonnement".into()))
    }
}

#[server(prefix = "/api", endpoint = "abos_laden")]
pub async fn abos_laden() -> Result<MeineAbos, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let db = db()?;
    Ok(MeineAbos {
        abos: crate::store::infoverteiler::abos(&db, person.id).await?,
        feed_seit_ms: crate::store::infoverteiler::feed_seit(&db, person.id).await?,
    })
}

/// "Neu für mich" (reading it counts as a visit).
#[server(prefix = "/api", endpoint = "neu_laden")]
pub async fn neu_laden() -> Result<NeuFuerMich, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    Ok(crate::store::infoverteiler::neu_fuer_mich(&db()?, person.id).await?)
}

/// The count in the header (0 for the public).
#[server(prefix = "/api", endpoint = "neu_anzahl")]
pub async fn neu_anzahl() -> Result<i64, AppError> {
    use super::ssr::*;
    let Some(person) = anfrager().person else { return Ok(0) };
    Ok(crate::store::infoverteiler::neu_anzahl(&db()?, person.id).await?)
}

/// A new address of the personal Atom feed (the previous one stops working); shown once.
#[server(prefix = "/api", endpoint = "infofeed_erneuern")]
pub async fn infofeed_erneuern() -> Result<String, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let token = crate::store::infoverteiler::feed_erneuern(&db()?, person.id).await?;
    Ok(crate::pfad::feed_persoenlich(&token))
}

#[server(prefix = "/api", endpoint = "infofeed_beenden")]
pub async fn infofeed_beenden() -> Result<(), AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    crate::store::infoverteiler::feed_beenden(&db()?, person.id).await?;
    Ok(())
}
