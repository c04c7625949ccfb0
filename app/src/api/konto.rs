//! Login, logout, the current account and its password.

use crate::error::AppError;
use crate::model::konto::Angemeldet;
use leptos::prelude::*;

/// The logged-in person of this request, `None` for the public.
#[server(prefix = "/api", endpoint = "konto")]
pub async fn konto_laden() -> Result<Option<Angemeldet>, AppError> {
    Ok(super::ssr::anfrager().person)
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::api::ssr::*;
    use crate::error::{AppError, Feldfehler};
    use crate::model::konto::{MAX_PASSWORT, zeit_anzeigen};
    use crate::store::{Db, konto as k};

    pub const FALSCH: &str = "E-Mail-Adresse oder Passwort ist falsch.";

    /// 429 with `Retry-After` until the lock ends.
    pub fn gesperrt(bis: i64) -> AppError {
        let sekunden = ((bis - crate::store::jetzt_ms()) / 1000).max(1).unsigned_abs();
        spaeter(
            AppError::ZuVieleVersuche(format!(
                "Zu viele fehlgeschlagene Anmeldeversuche von Ihrem Netz aus. Die Anmeldung ist hier bis {} \
                 gesperrt; von einem anderen Netz aus oder nach Entsperrung durch die Administration geht sie \
                 sofort.",
                zeit_anzeigen(bis)
            )),
            sekunden,
        )
    }

    /// Checks a password under throttling. The attempt is counted for its (account, network)
    /// pair before any hash is computed, so parallel guesses cannot outrun the limit; a locked
    /// pair, or a locked network for a pair that never logged in from there, is refused at no
    /// cost. The hash itself waits for a bounded place (`schranke`). Failures count for the
    /// network afterwards. Every outcome is a security event in the audit log.
    pub async fn passwort_mit_drosselung(db: &Db, email: &str, passwort: String) -> Result<Option<i64>, AppError> {
        use crate::store::akteur::Akteur;
        let netz = k::netz(&anfrager().adresse);
        let (paar, netz_k) = (k::paar_schluessel(email, &netz), k::netz_schluessel(&netz));
        let unbekannt = Akteur { id: None, name: format!("Anmeldeversuch aus {netz}"), oeffentlich: String::new() };
        if let Some(bis) = k::netz_gesperrt_bis(db, &netz_k, &paar).await? {
            return Err(gesperrt(bis));
        }
        if let k::Versuch::Gesperrt { bis_ms, neu } = k::versuch_zaehlen(db, &paar, &k::PAAR).await? {
            if neu {
                tracing::warn!(netz = %netz, "Anmeldung für ein Konto aus diesem Netz gesperrt");
                k::anmeldung_protokollieren(db, email, "gesperrt", &netz, &unbekannt).await;
            }
            return Err(gesperrt(bis_ms));
        }
        // An inactive or unknown account is checked against a dummy hash: same answer, same time.
        let zugang = k::zugang(db, email).await?.filter(|z| z.aktiv);
        let id = zugang.as_ref().map(|z| z.id);
        // Over-long input is never hashed; it cannot be a valid password anyway.
        let ok = if passwort.chars().count() > MAX_PASSWORT {
            false
        } else {
            match k::pruefen(zugang.map(|z| z.passwort_hash), passwort).await {
                Ok(ok) => ok,
                Err(u) => {
                    // Not checked, so not a failure: the count is taken back. Too many logins at
                    // once are the caller's to slow down: 429 with the time to come back.
                    k::versuch_zuruecknehmen(db, &paar).await?;
                    let sekunden = u.sekunden;
                    return Err(spaeter(AppError::ZuVieleVersuche(u.to_string()), sekunden));
                }
            }
        };
        if ok {
            k::erfolg(db, &paar).await?;
            return Ok(id);
        }
        tracing::info!(netz = %netz, "Anmeldung fehlgeschlagen");
        k::anmeldung_protokollieren(db, email, "fehlgeschlagen", &netz, &unbekannt).await;
        if let k::Versuch::Gesperrt { neu: true, .. } = k::netz_fehlschlag(db, &netz_k).await? {
            tracing::warn!(netz = %netz, "Anmeldung aus diesem Netz gesperrt (viele Konten)");
            k::anmeldung_protokollieren(db, &netz_k, "gesperrt", &netz, &unbekannt).await;
        }
        Ok(None)
    }

    pub fn pflichtfelder(felder: &[(&str, &str, &str)]) -> Result<(), AppError> {
        let fehler: Vec<Feldfehler> = felder
            .iter()
            .filter(|(_, wert, _)| wert.trim().is_empty())
            .map(|(feld, _, meldung)| Feldfehler::neu(feld, *meldung))
            .collect();
        eingabe_pruefen(fehler)
    }
}

/// Logs in and sets the session cookie. The answer for a wrong password and for an unknown
/// account is the same.
#[server(prefix = "/api", endpoint = "anmelden")]
pub async fn anmelden(email: String, passwort: String) -> Result<Angemeldet, AppError> {
    use super::ssr::*;
    use ssr::*;
    let db = db()?;
    pflichtfelder(&[
        ("email", &email, "Bitte geben Sie Ihre E-Mail-Adresse ein."),
        ("passwort", &passwort, "Bitte geben Sie Ihr Passwort ein."),
    ])?;
    let email = email.trim().to_lowercase();
    // The address becomes part of a throttling key: bounded before it is stored anywhere.
    if email.chars().count() > 254 {
        let m = "Die E-Mail-Adresse ist zu lang (höchstens 254 Zeichen).";
        return Err(AppError::Eingabe(vec![crate::error::Feldfehler::neu("email", m)]));
    }
    let Some(id) = passwort_mit_drosselung(&db, &email, passwort).await? else {
        return Err(AppError::Anmeldung(FALSCH.into()));
    };
    let token = crate::store::konto::sitzung_anlegen(&db, id, anfrager().token.as_deref()).await?;
    cookie(crate::sitzung::cookie_setzen(&token, anfrager().https));
    let person = gefunden(crate::store::konto::person(&db, id).await?, "Das Konto")?;
    tracing::info!(benutzer = id, "Anmeldung");
    let netz = crate::store::konto::netz(&anfrager().adresse);
    let wer = crate::store::akteur::Akteur::von(&person);
    crate::store::konto::anmeldung_protokollieren(&db, &email, "angemeldet", &netz, &wer).await;
    Ok(person)
}

/// Ends the session on the server and removes the cookie.
#[server(prefix = "/api", endpoint = "abmelden")]
pub async fn abmelden() -> Result<(), AppError> {
    use super::ssr::*;
    angemeldet()?;
    if let Some(t) = anfrager().token {
        crate::store::konto::sitzung_beenden(&db()?, &t).await?;
    }
    super::ssr::cookie(crate::sitzung::cookie_loeschen(anfrager().https));
    Ok(())
}

/// Changes one's own password: every other session of the account ends, this browser gets a
/// fresh one.
#[server(prefix = "/api", endpoint = "passwort")]
pub async fn passwort_aendern(bisher: String, neu: String, wiederholung: String) -> Result<(), AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    use crate::model::konto::{Email, NeuesPasswort};
    use ssr::*;
    let person = angemeldet()?;
    let db = db()?;
    pflichtfelder(&[("bisher", &bisher, "Bitte geben Sie Ihr bisheriges Passwort ein.")])?;
    let email = Email::parse(&person.email)?;
    let neues = match NeuesPasswort::parse(&neu, &email) {
        Ok(p) if neu == wiederholung => p,
        Ok(_) => {
            return Err(AppError::Eingabe(vec![Feldfehler::neu(
                "wiederholung",
                "Die Wiederholung stimmt nicht mit dem neuen Passwort überein.",
            )]));
        }
        Err(e) => return Err(AppError::Eingabe(vec![Feldfehler::neu("neu", e)])),
    };
    if passwort_mit_drosselung(&db, email.as_str(), bisher).await? != Some(person.id) {
        return Err(AppError::Eingabe(vec![Feldfehler::neu("bisher", "Das bisherige Passwort ist falsch.")]));
    }
    let wer = crate::store::akteur::Akteur::von(&person);
    crate::store::konto::passwort_setzen(&db, person.id, &neues, &wer).await.map_err(konto_fehler)?;
    let token = crate::store::konto::sitzung_anlegen(&db, person.id, None).await?;
    cookie(crate::sitzung::cookie_setzen(&token, anfrager().https));
    Ok(())
}

/// Deletes one's own account after the password is confirmed; the browser's session ends.
#[server(prefix = "/api", endpoint = "konto_loeschen")]
pub async fn konto_loeschen(passwort: String) -> Result<(), AppError> {
    use super::ssr::*;
    use crate::error::Feldfehler;
    use ssr::*;
    let person = angemeldet()?;
    let db = db()?;
    pflichtfelder(&[("passwort", &passwort, "Bitte bestätigen Sie mit Ihrem Passwort.")])?;
    if passwort_mit_drosselung(&db, &person.email, passwort).await? != Some(person.id) {
        return Err(AppError::Eingabe(vec![Feldfehler::neu("passwort", "Das Passwort ist falsch.")]));
    }
    let wer = crate::store::akteur::Akteur::von(&person);
    crate::store::konto::loeschen(&db, person.id, &wer).await.map_err(konto_fehler)?;
    cookie(crate::sitzung::cookie_loeschen(anfrager().https));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) fn konto_fehler(e: crate::store::konto::KontoStoreFehler) -> AppError {
    use crate::error::Feldfehler;
    use crate::store::konto::KontoStoreFehler as F;
    match e {
        F::EmailVergeben(_) => AppError::Eingabe(vec![Feldfehler::neu("email", e)]),
        F::KommuneUnbekannt(_) => AppError::Eingabe(vec![Feldfehler::neu("kommune", e)]),
        F::LetzterAdmin => AppError::Ungueltig(e.to_string()),
        F::NichtGefunden => AppError::NichtGefunden(e.to_string()),
        F::Konflikt => AppError::Konflikt(e.to_string()),
        F::Store(s) => s.into(),
    }
}
