//! The forum's server functions: boards, a board's page, a thread's page (reading marks it
//! read), and writing for logged-in accounts: a new thread, a reply, editing one's own post.
//! Closed boards (the default) exist only for logged-in readers – 404 for everyone else.

use crate::error::AppError;
use crate::model::forum::{Brett, BrettSeite, ThemaEingabe, ThemaSeite};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn leser() -> crate::store::forum::Leser {
    let person = super::ssr::anfrager().person;
    crate::store::forum::Leser {
        id: person.as_ref().map(|p| p.id),
        moderator: person.is_some_and(|p| p.darf(crate::model::konto::Recht::ForumModerieren)),
    }
}

#[server(prefix = "/api", endpoint = "forum_bretter")]
pub async fn forum_bretter() -> Result<Vec<Brett>, AppError> {
    use super::ssr::*;
    Ok(crate::store::forum::bretter(&db()?, leser()).await?)
}

/// Threads the reader may see that contain every word of `q` (folded like the catalogs).
#[server(prefix = "/api", endpoint = "forum_suche")]
pub async fn forum_suche(q: String) -> Result<Vec<crate::model::forum::Thema>, AppError> {
    use super::ssr::*;
    // Checked before any folding: a pasted book costs nothing.
    if q.len() > crate::model::forum::MAX_SUCHE {
        let m = format!("Bitte höchstens {} Zeichen suchen.", crate::model::forum::MAX_SUCHE);
        return Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu("q", m)]));
    }
    Ok(crate::store::forum::suche::suchen(&db()?, leser(), &q).await?)
}

#[server(prefix = "/api", endpoint = "forum_brett")]
pub async fn forum_brett(slug: String, seite: usize) -> Result<BrettSeite, AppError> {
    use super::ssr::*;
    let s = crate::store::forum::brett_seite(&db()?, &slug, leser(), seite).await?;
    gefunden(s, "Das Forum")
}

#[server(prefix = "/api", endpoint = "forum_thema")]
pub async fn forum_thema(id: i64, seite: usize) -> Result<ThemaSeite, AppError> {
    use super::ssr::*;
    let db = db()?;
    let leser = leser();
    let thema = gefunden(crate::store::forum::thema(&db, id, leser).await?, "Das Thema")?;
    let seiten = crate::model::forum::seiten(thema.beitraege);
    let seite = seite.clamp(1, seiten);
    let beitraege = crate::store::forum::beitraege(&db, &thema, leser, seite).await?;
    let moderieren = leser.moderator;
    let bretter = if moderieren {
        crate::store::forum::bretter(&db, leser).await?.into_iter().map(|b| (b.slug, b.titel)).collect()
    } else {
        vec![]
    };
    Ok(ThemaSeite {
        bezuege: crate::store::forum::verknuepfung::liste(&db, thema.id).await?,
        darf_verknuepfen: crate::store::forum::verknuepfung::darf_thema(&db, thema.id, leser).await?,
        bretter,
        darf_antworten: leser.id.is_some() && !thema.gesperrt,
        darf_melden: leser.id.is_some(),
        thema,
        beitraege,
        seite,
        seiten,
        moderieren,
    })
}

/// Links a thread to the page at `adresse` (an OZG-Leistung, project, event or published
/// Steckbrief): its author while it is open, or the moderation.
#[server(prefix = "/api", endpoint = "forum_verknuepfen")]
pub async fn forum_verknuepfen(thema: i64, adresse: String) -> Result<(), AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let (art, ziel) = crate::model::forum::bezug_lesen(&adresse).ok_or_else(|| {
        AppError::Eingabe(vec![crate::error::Feldfehler::neu(
            "adresse",
            "Bitte die Adresse einer OZG-Leistung (…/leistungen/10001), eines Umsetzungsprojekts (…/roadmap/12), \
             einer Veranstaltung (…/veranstaltungen/3) oder eines Steckbriefs (…/steckbriefe/7) einfügen.",
        )])
    })?;
    let wer = crate::store::akteur::Akteur::von(&person);
    crate::store::forum::verknuepfung::setzen(&db()?, thema, art, &ziel, leser(), &wer).await?;
    live_wecken();
    Ok(())
}

/// Removes a link of a thread (same rights as setting it).
#[server(prefix = "/api", endpoint = "forum_bezug_loesen")]
pub async fn forum_bezug_loesen(thema: i64, art: String, ziel: String) -> Result<(), AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let art = crate::model::forum::BezugArt::aus_code(&art)
        .ok_or_else(|| AppError::Eingabe(vec![crate::error::Feldfehler::neu("art", "Unbekannte Art des Bezugs.")]))?;
    let ziel = art.ziel_lesen(&ziel).ok_or_else(|| {
        AppError::Eingabe(vec![crate::error::Feldfehler::neu("ziel", "Unbekanntes Ziel des Bezugs.")])
    })?;
    let wer = crate::store::akteur::Akteur::von(&person);
    crate::store::forum::verknuepfung::loesen(&db()?, thema, art, &ziel, leser(), &wer).await?;
    live_wecken();
    Ok(())
}

/// The threads about a Leistung, project, event or Steckbrief that the reader may see (none
/// for an unknown kind or target).
#[server(prefix = "/api", endpoint = "forum_verweise")]
pub async fn forum_verweise(art: String, ziel: String) -> Result<Vec<crate::model::forum::Thema>, AppError> {
    use super::ssr::*;
    let Some(art) = crate::model::forum::BezugArt::aus_code(&art) else { return Ok(vec![]) };
    let Some(ziel) = art.ziel_lesen(&ziel) else { return Ok(vec![]) };
    Ok(crate::store::forum::verknuepfung::themen_zu(&db()?, leser(), art, &ziel).await?)
}

/// Opens a thread with its first post (any logged-in account); returns the thread's id.
#[server(prefix = "/api", endpoint = "thema_anlegen")]
pub async fn thema_anlegen(#[server(flatten)] eingabe: ThemaEingabe) -> Result<i64, AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let d = eingabe.lesen().map_err(AppError::Eingabe)?;
    let id = crate::store::forum::thema_anlegen(&db()?, &d, &crate::store::akteur::Akteur::von(&person)).await?;
    live_wecken();
    Ok(id)
}

/// Replies in a thread; returns the post's id.
#[server(prefix = "/api", endpoint = "beitrag_antworten")]
pub async fn beitrag_antworten(thema: i64, text: String) -> Result<i64, AppError> {
    // Not the glob: `text` is a parameter here and a helper there.
    use super::ssr::{angemeldet, db, live_wecken};
    let person = angemeldet()?;
    let t = crate::model::forum::text_lesen(&text).map_err(AppError::Eingabe)?;
    let id = crate::store::forum::antworten(&db()?, thema, &t, &crate::store::akteur::Akteur::von(&person)).await?;
    live_wecken();
    Ok(id)
}

/// The author edits their post (`version` as shown); returns the new version.
#[server(prefix = "/api", endpoint = "beitrag_bearbeiten")]
pub async fn beitrag_bearbeiten(id: i64, version: i64, text: String) -> Result<i64, AppError> {
    // Not the glob: `text` is a parameter here and a helper there.
    use super::ssr::{angemeldet, db, live_wecken};
    let person = angemeldet()?;
    let t = crate::model::forum::text_lesen(&text).map_err(AppError::Eingabe)?;
    let akteur = crate::store::akteur::Akteur::von(&person);
    let v = crate::store::forum::bearbeiten(&db()?, id, version, &t, &akteur).await?;
    live_wecken();
    Ok(v)
}

/// The moderation pins, unpins, closes, opens or moves a thread (`aktion`: anheften, loesen,
/// schliessen, oeffnen, verschieben with `brett`).
#[server(prefix = "/api", endpoint = "thema_moderieren")]
pub async fn thema_moderieren(id: i64, aktion: String, brett: String) -> Result<(), AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::ForumModerieren)?;
    let a = crate::model::forum::ThemaAktion::lesen(&aktion, &brett).ok_or_else(|| {
        AppError::Eingabe(vec![crate::error::Feldfehler::neu("aktion", "Unbekannte Aktion der Moderation.")])
    })?;
    crate::store::forum::moderation::thema(&db()?, id, &a, &crate::store::akteur::Akteur::von(&person)).await?;
    live_wecken();
    Ok(())
}

/// The moderation hides a post with a reason, or shows it again (`zeigen`).
#[server(prefix = "/api", endpoint = "beitrag_verbergen")]
pub async fn beitrag_verbergen(id: i64, grund: String, zeigen: bool) -> Result<(), AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::ForumModerieren)?;
    let grund = if zeigen { None } else { Some(crate::model::forum::grund_lesen(&grund).map_err(AppError::Eingabe)?) };
    let akteur = crate::store::akteur::Akteur::von(&person);
    crate::store::forum::moderation::verbergen(&db()?, id, grund.as_deref(), &akteur).await?;
    live_wecken();
    Ok(())
}

/// Any member reports a post to the moderation.
#[server(prefix = "/api", endpoint = "beitrag_melden")]
pub async fn beitrag_melden(id: i64, grund: String) -> Result<(), AppError> {
    use super::ssr::*;
    let person = angemeldet()?;
    let grund = crate::model::forum::grund_lesen(&grund).map_err(AppError::Eingabe)?;
    crate::store::forum::moderation::melden(&db()?, id, &grund, &crate::store::akteur::Akteur::von(&person)).await?;
    Ok(())
}

/// The open reports (moderation).
#[server(prefix = "/api", endpoint = "forum_gemeldete")]
pub async fn forum_gemeldete() -> Result<Vec<crate::model::forum::GemeldeterBeitrag>, AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::ForumModerieren)?;
    Ok(crate::store::forum::moderation::gemeldete(&db()?).await?)
}

/// Labs without a board yet (moderation).
#[server(prefix = "/api", endpoint = "forum_labore")]
pub async fn forum_labore() -> Result<Vec<(i64, String)>, AppError> {
    use super::ssr::*;
    pflicht(crate::model::konto::Recht::ForumModerieren)?;
    Ok(crate::store::forum::verwaltung::labore_ohne_brett(&db()?).await?)
}

/// Opens the board of a Digitalisierungslabor (moderation); answers its slug.
#[server(prefix = "/api", endpoint = "forum_labor_eroeffnen")]
pub async fn forum_labor_eroeffnen(labor: String, beschreibung: String) -> Result<String, AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    let person = pflicht(crate::model::konto::Recht::ForumModerieren)?;
    let mut l = crate::model::formular::Leser::default();
    let labor = l.auswahl("labor", &labor, "Bitte ein Digitalisierungslabor wählen.");
    if labor.is_none() && l.0.is_empty() {
        l.0.push(Feldfehler::neu("labor", "Bitte ein Digitalisierungslabor wählen."));
    }
    let beschreibung = l.text("beschreibung", "Beschreibung", &beschreibung, crate::model::forum::MAX_BETREFF);
    let (labor, beschreibung) = l.ergebnis((labor.unwrap_or_default(), beschreibung)).map_err(AppError::Eingabe)?;
    let wer = crate::store::akteur::Akteur::von(&person);
    let slug = crate::store::forum::verwaltung::labor_brett(&db()?, labor, beschreibung, &wer).await?;
    live_wecken();
    Ok(slug)
}

/// Opens a board for public reading or closes it again (the operator).
#[server(prefix = "/api", endpoint = "forum_oeffentlich")]
pub async fn forum_oeffentlich(slug: String, an: bool) -> Result<(), AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::ForenOeffnen)?;
    let wer = crate::store::akteur::Akteur::von(&person);
    crate::store::forum::verwaltung::oeffentlich(&db()?, &slug, an, &wer).await?;
    live_wecken();
    Ok(())
}

/// Closes a report without hiding the post (moderation).
#[server(prefix = "/api", endpoint = "gemeldet_erledigen")]
pub async fn gemeldet_erledigen(id: i64) -> Result<(), AppError> {
    use super::ssr::*;
    let person = pflicht(crate::model::konto::Recht::ForumModerieren)?;
    crate::store::forum::moderation::erledigen(&db()?, id, &crate::store::akteur::Akteur::von(&person)).await?;
    Ok(())
}
