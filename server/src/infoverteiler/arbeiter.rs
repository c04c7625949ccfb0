//! The mail worker that every app server runs when SMTP is configured (`OZG_SMTP_URL`): every
//! few seconds it plans the digests that are due and sends what the outbox holds, one mail at a
//! time (polite to the mail server). Saves never wait for it: they only write outbox rows.

use super::mail::{self, Art};
use app::model::infoverteiler::Versand;
use app::store::infoverteiler::{self as iv, Abmeldung, ausgang};
use app::store::{Db, StoreError};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// At most this many mails per round; the next round follows at once if more are due.
const JE_RUNDE: usize = 100;

#[derive(Debug, thiserror::Error)]
pub enum MailFehler {
    #[error("OZG_SMTP_URL ist keine gültige SMTP-Adresse (smtp://…, smtps://… oder smtp://…?tls=required): {0}")]
    SmtpUrl(String),
    #[error("OZG_MAIL_ABSENDER „{0}“ ist keine gültige Absenderadresse, z. B. „OZG-Atlas NRW <noreply@example.org>“.")]
    Absender(String),
    #[error("Datenbank: {0}")]
    Datenbank(#[from] StoreError),
}

/// How the worker sends: the SMTP server, the sender and the portal's public address (for links).
#[derive(Clone)]
pub struct MailKonfig {
    pub transport: AsyncSmtpTransport<Tokio1Executor>,
    pub absender: Mailbox,
    pub basis: String,
    pub takt: Duration,
}

impl MailKonfig {
    /// From `OZG_SMTP_URL`, `OZG_MAIL_ABSENDER` and `OZG_MAIL_TAKT_S`; `None` without SMTP.
    pub fn aus(lesen: crate::config::Lesen, basis: &str) -> Result<Option<MailKonfig>, MailFehler> {
        let Some(url) = lesen("OZG_SMTP_URL").filter(|u| !u.trim().is_empty()) else { return Ok(None) };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.trim())
            .map_err(|e| MailFehler::SmtpUrl(e.to_string()))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let absender_text = lesen("OZG_MAIL_ABSENDER").unwrap_or_else(|| "OZG-Atlas NRW <noreply@localhost>".into());
        let absender = absender_text.parse().map_err(|_| MailFehler::Absender(absender_text.clone()))?;
        let takt = crate::config::zahl(lesen, "OZG_MAIL_TAKT_S", 30u64).unwrap_or(30);
        Ok(Some(MailKonfig {
            transport,
            absender,
            basis: basis.trim_end_matches('/').to_string(),
            takt: Duration::from_secs(takt.max(1)),
        }))
    }
}

/// A name for this process in the outbox's lease column.
pub fn servername() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "server".into());
    format!("{host}-{}-{}", std::process::id(), uuid::Uuid::new_v4().simple())
}

/// Runs rounds until the process ends.
pub fn starten(db: Db, k: MailKonfig) -> tokio::task::JoinHandle<()> {
    let server = servername();
    tokio::spawn(async move {
        loop {
            match runde(&db, &k, &server, app::store::jetzt_ms()).await {
                Ok(n) if n >= JE_RUNDE => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "Infoverteiler: Runde fehlgeschlagen"),
            }
            tokio::time::sleep(k.takt).await;
        }
    })
}

/// One round: plan the digests due at `jetzt_ms`, then send up to [`JE_RUNDE`] due mails.
/// Returns how many rows it handled.
pub async fn runde(db: &Db, k: &MailKonfig, server: &str, jetzt_ms: i64) -> Result<usize, MailFehler> {
    ausgang::planen(db, jetzt_ms).await?;
    let mut n = 0;
    while n < JE_RUNDE {
        let Some(a) = ausgang::nehmen(db, server, jetzt_ms).await? else { break };
        n += 1;
        match senden(db, k, &a).await {
            Ok(Some(grund)) => ausgang::erledigt(db, a.id, server, &grund).await?,
            Ok(None) => ausgang::gesendet(db, a.id, server).await?,
            Err(fehler) => {
                tracing::warn!(mail = a.id, versuch = a.versuche, %fehler, "Infoverteiler: Senden fehlgeschlagen");
                ausgang::fehlgeschlagen(db, &a, server, &fehler, app::store::jetzt_ms()).await?;
            }
        }
    }
    Ok(n)
}

/// Sends one row. `Ok(Some(grund))`: nothing to send (and why); `Err`: try again later.
async fn senden(db: &Db, k: &MailKonfig, a: &ausgang::Auftrag) -> Result<Option<String>, String> {
    let Some((email, name, aktiv)) = ausgang::empfaenger(db, a.benutzer_id).await.map_err(|e| e.to_string())? else {
        return Ok(Some("Konto gelöscht".into()));
    };
    if !aktiv {
        return Ok(Some("Konto deaktiviert".into()));
    }
    let (abmelden, i) = match post(db, k, a, &name).await.map_err(|e| e.to_string())? {
        Post::Brief(abmelden, i) => (abmelden, i),
        Post::Nichts(grund) => return Ok(Some(grund.into())),
    };
    let an = Mailbox::new(Some(name), email.parse().map_err(|e| format!("Empfängeradresse: {e}"))?);
    let nachricht = mail::nachricht(&k.absender, an, &i, &abmelden).map_err(|e| e.to_string())?;
    k.transport.send(nachricht).await.map_err(|e| e.to_string())?;
    Ok(None)
}

/// A row's mail with its unsubscribe address, or why there is nothing to send.
enum Post {
    Brief(String, mail::Inhalt),
    Nichts(&'static str),
}

async fn post(db: &Db, k: &MailKonfig, a: &ausgang::Auftrag, name: &str) -> Result<Post, StoreError> {
    let token = iv::abmelde_token(db, a.benutzer_id).await?;
    let abmelden = |was: Abmeldung| format!("{}{}", k.basis, app::pfad::abmelden(&token, was.code()));
    if a.art == "rundschreiben" {
        return rundschreiben(db, k, a, name, abmelden(Abmeldung::Rundschreiben)).await;
    }
    let Some((art, was, gruppen)) = inhalt(db, a).await? else { return Ok(Post::Nichts("nichts mehr abonniert")) };
    let url = abmelden(was);
    let i = mail::zusammenstellen(art, name, &gruppen, &k.basis, &url);
    Ok(Post::Brief(url, i))
}

/// A Rundschreiben, unless the person switched them off after it was queued.
async fn rundschreiben(
    db: &Db,
    k: &MailKonfig,
    a: &ausgang::Auftrag,
    name: &str,
    abmelden: String,
) -> Result<Post, StoreError> {
    use app::store::rundschreiben as rs;
    if rs::ausgeschaltet(db, a.benutzer_id).await? {
        return Ok(Post::Nichts("Rundschreiben abbestellt"));
    }
    let Some(m) = a.mitteilung_id else { return Ok(Post::Nichts("Rundschreiben fehlt")) };
    let Some((id, betreff, text, an)) = rs::fuer_mail(db, m).await? else {
        return Ok(Post::Nichts("Rundschreiben fehlt"));
    };
    let pfad = app::pfad::rundschreiben(id);
    let links = app::model::rundschreiben::Links { basis: &k.basis, pfad: &pfad, abmelden: &abmelden };
    let b = app::model::rundschreiben::brief(name, &betreff, &text, &an, &links);
    Ok(Post::Brief(abmelden, mail::Inhalt { betreff: b.betreff, text: b.text, html: b.html }))
}

type Gruppen = Vec<(String, Vec<app::model::infoverteiler::Mitteilung>)>;

/// What a row holds: its kind, what its unsubscribe link stops, and the Mitteilungen by group.
async fn inhalt(db: &Db, a: &ausgang::Auftrag) -> Result<Option<(Art, Abmeldung, Gruppen)>, StoreError> {
    let rhythmus = match a.art.as_str() {
        "sofort" => {
            let (Some(id), Some(abo)) = (a.mitteilung_id, a.abo_id) else { return Ok(None) };
            let Some(m) = iv::eine(db, a.benutzer_id, id, Some(abo)).await? else { return Ok(None) };
            return Ok(Some((Art::Sofort, Abmeldung::Abo(abo), vec![(m.gruppe.clone(), vec![m])])));
        }
        "taeglich" => Versand::Taeglich,
        "woechentlich" => Versand::Woechentlich,
        _ => return Ok(None),
    };
    let fenster = iv::Fenster { von_ms: a.von_ms, bis_ms: a.bis_ms, versand: Some(rhythmus) };
    let liste = iv::mitteilungen(db, a.benutzer_id, fenster, i64::MIN).await?;
    if liste.is_empty() {
        return Ok(None);
    }
    let art = if rhythmus == Versand::Taeglich { Art::Taeglich } else { Art::Woechentlich };
    Ok(Some((art, Abmeldung::Zusammenfassung(rhythmus), iv::gruppieren(liste))))
}
