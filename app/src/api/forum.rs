//! The forum's server functions: boards, a board's page, a thread's page (reading marks it
//! read), and writing for logged-in accounts: a new thread, a reply, editing one's own post.
//! Closed boards (the default) exist only for logged-in readers – 404 for everyone else.

use crate::error::AppError;
use crate::model::forum::{Brett, BrettSeite, ThemaEingabe, ThemaSeite};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn leser() -> crate::store::forum::Leser {
    crate::store::forum::Leser { id: super::ssr::anfrager().person.map(|p| p.id) }
}

#[server(prefix = "/api", endpoint = "forum_bretter")]
pub async fn forum_bretter() -> Result<Vec<Brett>, AppError> {
    use super::ssr::*;
    Ok(crate::store::forum::bretter(&db()?, leser()).await?)
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
    let moderieren = anfrager().person.is_some_and(|p| p.darf(crate::model::konto::Recht::ForumModerieren));
    Ok(ThemaSeite {
        darf_antworten: leser.id.is_some() && !thema.gesperrt,
        thema,
        beitraege,
        seite,
        seiten,
        moderieren,
    })
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
