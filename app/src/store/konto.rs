//! Accounts, password hashes, sessions and login throttling.
//!
//! Sessions live in the database, so every app server behind a load balancer sees the same
//! logins, and a disabled account is logged out everywhere at once.

use super::protokoll::{Aenderung, Akteur};
use super::{Db, Sql, StoreError, StoreResult, jetzt_ms};
use crate::model::konto::{Angemeldet, BenutzerZeile, Email, NeuesPasswort, Rolle};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// A session ends 12 hours after login (a working day) …
pub const SITZUNG_MAX_MS: i64 = 12 * 3600 * 1000;
/// … or after 2 hours without a request.
pub const SITZUNG_LEERLAUF_MS: i64 = 2 * 3600 * 1000;
/// The last-seen time is written at most once a minute, not on every request.
const ZULETZT_GENAUIGKEIT_MS: i64 = 60 * 1000;

/// Throttling: failures within this window count together.
pub const FENSTER_MS: i64 = 15 * 60 * 1000;
/// Failed logins of one account before it is locked for [`SPERRE_MS`].
pub const KONTO_LIMIT: i64 = 5;
/// Failed logins from one address (a whole town hall may share one) before it is locked.
pub const ADRESSE_LIMIT: i64 = 30;
pub const SPERRE_MS: i64 = 15 * 60 * 1000;
/// From this many failures of one account on, every further answer is delayed.
pub const VERZOEGERUNG_AB: i64 = 3;

#[derive(Debug, thiserror::Error)]
pub enum KontoStoreFehler {
    #[error("Ein Konto mit der E-Mail-Adresse {0} gibt es bereits.")]
    EmailVergeben(String),
    #[error("Die Kommune mit dem AGS {0} gibt es nicht.")]
    KommuneUnbekannt(String),
    #[error("Das Konto wurde nicht gefunden.")]
    NichtGefunden,
    #[error("Das Konto wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu.")]
    Konflikt,
    #[error("Das letzte aktive Administrationskonto kann nicht gesperrt oder herabgestuft werden.")]
    LetzterAdmin,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for KontoStoreFehler {
    fn from(e: sqlx::Error) -> Self {
        KontoStoreFehler::Store(StoreError::Sql(e))
    }
}

// ---------------------------------------------------------------- passwords

fn argon2() -> argon2::Argon2<'static> {
    // Argon2id with the crate's defaults (19 MiB, 2 passes, 1 lane), the OWASP recommendation.
    argon2::Argon2::default()
}

/// Hashes on a blocking thread: a hash takes tens of milliseconds of CPU.
pub async fn hashen(pw: &NeuesPasswort) -> StoreResult<String> {
    let pw = pw.geheim().to_string();
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let salt = SaltString::generate(&mut OsRng);
        argon2().hash_password(pw.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|e| StoreError::Intern(format!("Hash-Thread: {e}")))?
    .map_err(|e| StoreError::Intern(format!("Hash: {e}")))
}

/// A hash of a random password, compared against when an account does not exist, so the answer
/// takes as long as for a real account.
fn attrappe() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let salt = SaltString::generate(&mut OsRng);
        argon2().hash_password(token().as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default()
    })
}

/// Checks a password against a stored hash (or, for a missing account, against a dummy).
pub async fn pruefen(hash: Option<String>, pw: String) -> bool {
    let echt = hash.is_some();
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{PasswordHash, PasswordVerifier};
        let hash = hash.unwrap_or_else(|| attrappe().to_string());
        let Ok(h) = PasswordHash::new(&hash) else { return false };
        argon2().verify_password(pw.as_bytes(), &h).is_ok() && echt
    })
    .await
    .unwrap_or(false)
}

// ---------------------------------------------------------------- sessions

/// 32 random bytes as hex: the session token the browser holds.
pub fn token() -> String {
    let mut b = [0u8; 32];
    // The OS random source does not fail on the supported platforms; a zero token would still be
    // unique per session row only by chance, so fail loudly instead.
    getrandom::fill(&mut b).expect("Zufallsquelle des Betriebssystems");
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|x| format!("{x:02x}")).collect()
}

/// Starts a new session after a successful login. A session the browser brought along is ended
/// first, so a token planted before the login is never promoted (session fixation).
pub async fn sitzung_anlegen(db: &Db, benutzer_id: i64, bisheriges: Option<&str>) -> StoreResult<String> {
    let t = token();
    let jetzt = jetzt_ms();
    let mut tx = db.beginnen().await?;
    if let Some(alt) = bisheriges {
        let mut s = Sql::new("DELETE FROM sitzung WHERE token_hash = ");
        s.bind(token_hash(alt));
        tx.ausfuehren(&s).await?;
    }
    let mut s = Sql::new("DELETE FROM sitzung WHERE ablauf_ms < ");
    s.bind(jetzt).push(" OR zuletzt_ms < ").bind(jetzt - SITZUNG_LEERLAUF_MS);
    tx.ausfuehren(&s).await?;
    let mut s = Sql::new("INSERT INTO sitzung (token_hash, benutzer_id, erstellt_ms, zuletzt_ms, ablauf_ms) VALUES (");
    s.bind(token_hash(&t)).push(", ").bind(benutzer_id).push(", ").bind(jetzt).push(", ").bind(jetzt);
    s.push(", ").bind(jetzt + SITZUNG_MAX_MS).push(")");
    tx.ausfuehren(&s).await?;
    let mut s = Sql::new("UPDATE benutzer SET angemeldet_ms = ");
    s.bind(jetzt).push(" WHERE id = ").bind(benutzer_id);
    tx.ausfuehren(&s).await?;
    tx.commit().await?;
    Ok(t)
}

#[derive(sqlx::FromRow)]
struct SitzungZeile {
    #[sqlx(flatten)]
    person: Angemeldet,
    zuletzt_ms: i64,
}

const PERSON_SPALTEN: &str = "b.id, b.email, b.name, b.rolle, b.kommune_ags, k.name AS kommune_name";

/// The person behind a session token, if the session is valid and the account active.
pub async fn sitzung_pruefen(db: &Db, token: &str) -> StoreResult<Option<Angemeldet>> {
    let jetzt = jetzt_ms();
    let hash = token_hash(token);
    let mut sql = Sql::new(&format!(
        "SELECT {PERSON_SPALTEN}, s.zuletzt_ms FROM sitzung s JOIN benutzer b ON b.id = s.benutzer_id \
         LEFT JOIN kommune k ON k.ags = b.kommune_ags \
         WHERE b.aktiv AND s.token_hash = "
    ));
    sql.bind(hash.clone()).push(" AND s.ablauf_ms > ").bind(jetzt);
    sql.push(" AND s.zuletzt_ms > ").bind(jetzt - SITZUNG_LEERLAUF_MS);
    let Some(z) = db.eine::<SitzungZeile>(&sql).await? else { return Ok(None) };
    if jetzt - z.zuletzt_ms > ZULETZT_GENAUIGKEIT_MS {
        let mut s = Sql::new("UPDATE sitzung SET zuletzt_ms = ");
        s.bind(jetzt).push(" WHERE token_hash = ").bind(hash);
        db.transaktion(&[s]).await?;
    }
    Ok(Some(z.person))
}

pub async fn sitzung_beenden(db: &Db, token: &str) -> StoreResult<()> {
    let mut s = Sql::new("DELETE FROM sitzung WHERE token_hash = ");
    s.bind(token_hash(token));
    db.transaktion(&[s]).await?;
    Ok(())
}

fn sitzungen_des_kontos(id: i64) -> Sql {
    let mut s = Sql::new("DELETE FROM sitzung WHERE benutzer_id = ");
    s.bind(id);
    s
}

// ---------------------------------------------------------------- throttling

/// Key of an account for throttling; counts the same whether the account exists or not.
pub fn konto_schluessel(email: &str) -> String {
    format!("konto:{}", email.trim().to_lowercase())
}

pub fn adresse_schluessel(ip: &str) -> String {
    format!("adresse:{ip}")
}

/// Until when (ms) the first of the keys is locked, if any is.
pub async fn gesperrt_bis(db: &Db, schluessel: &[String]) -> StoreResult<Option<i64>> {
    let mut sql = Sql::new("SELECT COALESCE(MAX(gesperrt_bis_ms), 0) FROM anmeldesperre WHERE schluessel IN (");
    sql.bind_list(schluessel.iter().cloned()).push(") AND gesperrt_bis_ms > ").bind(jetzt_ms());
    let bis = db.zahl(&sql).await?;
    Ok((bis > 0).then_some(bis))
}

/// Counts a failed login for a key; returns the failures in the current window. Reaching
/// `limit` locks the key for [`SPERRE_MS`] and starts a new window.
pub async fn fehlschlag(db: &Db, schluessel: &str, limit: i64) -> StoreResult<i64> {
    let jetzt = jetzt_ms();
    let mut tx = db.beginnen().await?;
    // One atomic statement, so parallel attempts on several servers all count.
    let mut s = Sql::new("INSERT INTO anmeldesperre (schluessel, fehlschlaege, fenster_ms) VALUES (");
    s.bind(schluessel).push(", 1, ").bind(jetzt).push(
        ") ON CONFLICT (schluessel) DO UPDATE SET \
           fehlschlaege = CASE WHEN anmeldesperre.fenster_ms < ",
    );
    s.bind(jetzt - FENSTER_MS)
        .push(" THEN 1 ELSE anmeldesperre.fehlschlaege + 1 END, fenster_ms = CASE WHEN anmeldesperre.fenster_ms < ");
    s.bind(jetzt - FENSTER_MS)
        .push(" THEN ")
        .bind(jetzt)
        .push(" ELSE anmeldesperre.fenster_ms END RETURNING fehlschlaege");
    let n = tx.zahl(&s).await?;
    if n >= limit {
        let mut s = Sql::new("UPDATE anmeldesperre SET fehlschlaege = 0, fenster_ms = ");
        s.bind(jetzt)
            .push(", gesperrt_bis_ms = ")
            .bind(jetzt + SPERRE_MS)
            .push(" WHERE schluessel = ")
            .bind(schluessel);
        tx.ausfuehren(&s).await?;
    }
    tx.commit().await?;
    Ok(n)
}

pub async fn zuruecksetzen(db: &Db, schluessel: &str) -> StoreResult<()> {
    let mut s = Sql::new("DELETE FROM anmeldesperre WHERE schluessel = ");
    s.bind(schluessel);
    db.transaktion(&[s]).await?;
    Ok(())
}

// ---------------------------------------------------------------- accounts

#[derive(sqlx::FromRow)]
pub struct Zugang {
    pub id: i64,
    pub passwort_hash: String,
    pub aktiv: bool,
}

pub async fn zugang(db: &Db, email: &str) -> StoreResult<Option<Zugang>> {
    let mut sql = Sql::new("SELECT id, passwort_hash, aktiv FROM benutzer WHERE email = ");
    sql.bind(email.trim().to_lowercase());
    db.eine(&sql).await
}

pub async fn person(db: &Db, id: i64) -> StoreResult<Option<Angemeldet>> {
    let mut sql = Sql::new(&format!(
        "SELECT {PERSON_SPALTEN} FROM benutzer b LEFT JOIN kommune k ON k.ags = b.kommune_ags WHERE b.id = "
    ));
    sql.bind(id);
    db.eine(&sql).await
}

const ZEILEN_SPALTEN: &str = "b.id, b.email, b.name, b.rolle, b.kommune_ags, k.name AS kommune_name, b.aktiv, \
     b.erstellt_ms, b.angemeldet_ms, b.version";

pub async fn liste(db: &Db) -> StoreResult<Vec<BenutzerZeile>> {
    db.alle(&Sql::new(&format!(
        "SELECT {ZEILEN_SPALTEN} FROM benutzer b LEFT JOIN kommune k ON k.ags = b.kommune_ags ORDER BY b.aktiv DESC, b.email"
    )))
    .await
}

async fn zeile(db: &Db, id: i64) -> StoreResult<Option<BenutzerZeile>> {
    let mut sql = Sql::new(&format!(
        "SELECT {ZEILEN_SPALTEN} FROM benutzer b LEFT JOIN kommune k ON k.ags = b.kommune_ags WHERE b.id = "
    ));
    sql.bind(id);
    db.eine(&sql).await
}

pub async fn nach_email(db: &Db, email: &Email) -> StoreResult<Option<BenutzerZeile>> {
    let mut sql = Sql::new(&format!(
        "SELECT {ZEILEN_SPALTEN} FROM benutzer b LEFT JOIN kommune k ON k.ags = b.kommune_ags WHERE b.email = "
    ));
    sql.bind(email.as_str());
    db.eine(&sql).await
}

async fn kommune_pruefen(db: &Db, ags: Option<&str>) -> Result<(), KontoStoreFehler> {
    if let Some(ags) = ags {
        let mut s = Sql::new("SELECT COUNT(*) FROM kommune WHERE ags = ");
        s.bind(ags);
        if db.zahl(&s).await? == 0 {
            return Err(KontoStoreFehler::KommuneUnbekannt(ags.to_string()));
        }
    }
    Ok(())
}

/// Data of a new account; role and Kommune already checked with `rolle_und_kommune`.
pub struct NeuesKonto {
    pub email: Email,
    pub name: String,
    pub rolle: Rolle,
    pub kommune_ags: Option<String>,
    pub passwort: NeuesPasswort,
}

pub async fn anlegen(db: &Db, neu: NeuesKonto, wer: &Akteur) -> Result<i64, KontoStoreFehler> {
    kommune_pruefen(db, neu.kommune_ags.as_deref()).await?;
    if nach_email(db, &neu.email).await?.is_some() {
        return Err(KontoStoreFehler::EmailVergeben(neu.email.to_string()));
    }
    let hash = hashen(&neu.passwort).await?;
    let mut tx = db.beginnen().await?;
    let mut s =
        Sql::new("INSERT INTO benutzer (email, name, rolle, kommune_ags, passwort_hash, aktiv, erstellt_ms) VALUES (");
    s.bind(neu.email.as_str()).push(", ").bind(neu.name.clone()).push(", ").bind(neu.rolle.code());
    s.push(", ").bind(neu.kommune_ags.clone()).push(", ").bind(hash).push(", TRUE, ").bind(jetzt_ms());
    s.push(") RETURNING id");
    let id = match tx.zahl(&s).await {
        Ok(id) => id,
        // Two admins creating the same address at once: the UNIQUE constraint decides.
        Err(StoreError::Sql(sqlx::Error::Database(d))) if d.is_unique_violation() => {
            return Err(KontoStoreFehler::EmailVergeben(neu.email.to_string()));
        }
        Err(e) => return Err(e.into()),
    };
    let mut a = Aenderung::neu("benutzer", id, neu.email.as_str());
    a.feld("angelegt", None, Some("ja".into()))
        .feld("name", None, Some(neu.name))
        .feld("rolle", None, Some(neu.rolle.code().into()))
        .feld("kommune_ags", None, neu.kommune_ags);
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes of an account by an admin, based on the version the form showed.
#[derive(Debug, Clone)]
pub struct KontoAenderung {
    pub id: i64,
    pub version: i64,
    pub name: String,
    pub rolle: Rolle,
    pub kommune_ags: Option<String>,
    pub aktiv: bool,
}

async fn aktive_admins(db: &Db) -> StoreResult<i64> {
    db.zahl(&Sql::new("SELECT COUNT(*) FROM benutzer WHERE aktiv AND rolle = 'admin'")).await
}

pub async fn aendern(db: &Db, neu: KontoAenderung, wer: &Akteur) -> Result<(), KontoStoreFehler> {
    let alt = zeile(db, neu.id).await?.ok_or(KontoStoreFehler::NichtGefunden)?;
    if alt.version != neu.version {
        return Err(KontoStoreFehler::Konflikt);
    }
    kommune_pruefen(db, neu.kommune_ags.as_deref()).await?;
    let bleibt_admin = neu.aktiv && neu.rolle == Rolle::Admin;
    if alt.aktiv && alt.rolle == Rolle::Admin && !bleibt_admin && aktive_admins(db).await? <= 1 {
        return Err(KontoStoreFehler::LetzterAdmin);
    }
    // A changed role or a locked account takes effect now, not at the end of a session.
    let abmelden = alt.rolle != neu.rolle || alt.kommune_ags != neu.kommune_ags || !neu.aktiv;
    let mut a = Aenderung::neu("benutzer", alt.id, &alt.email);
    a.feld("name", Some(alt.name.clone()), Some(neu.name.clone()))
        .feld("rolle", Some(alt.rolle.code().into()), Some(neu.rolle.code().into()))
        .feld("kommune_ags", alt.kommune_ags.clone(), neu.kommune_ags.clone())
        .feld("aktiv", Some(ja_nein(alt.aktiv)), Some(ja_nein(neu.aktiv)));
    if a.ist_leer() {
        return Ok(());
    }
    let mut tx = db.beginnen().await?;
    let mut s = Sql::new("UPDATE benutzer SET name = ");
    s.bind(neu.name).push(", rolle = ").bind(neu.rolle.code()).push(", kommune_ags = ").bind(neu.kommune_ags);
    s.push(", aktiv = ").bind(neu.aktiv).push(", version = version + 1 WHERE id = ").bind(neu.id);
    s.push(" AND version = ").bind(neu.version);
    if tx.ausfuehren(&s).await? == 0 {
        return Err(KontoStoreFehler::Konflikt);
    }
    if abmelden {
        tx.ausfuehren(&sitzungen_des_kontos(neu.id)).await?;
    }
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(())
}

fn ja_nein(b: bool) -> String {
    if b { "ja".into() } else { "nein".into() }
}

/// Sets a new password and ends every session of the account.
pub async fn passwort_setzen(db: &Db, id: i64, pw: &NeuesPasswort, wer: &Akteur) -> Result<(), KontoStoreFehler> {
    let alt = zeile(db, id).await?.ok_or(KontoStoreFehler::NichtGefunden)?;
    let hash = hashen(pw).await?;
    let mut tx = db.beginnen().await?;
    let mut s = Sql::new("UPDATE benutzer SET passwort_hash = ");
    s.bind(hash).push(", version = version + 1 WHERE id = ").bind(id);
    tx.ausfuehren(&s).await?;
    tx.ausfuehren(&sitzungen_des_kontos(id)).await?;
    let mut a = Aenderung::neu("benutzer", id, &alt.email);
    // The log says that the password changed, never a hash of it.
    a.feld("passwort", None, Some("neu gesetzt".into()));
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether any active admin exists (the first one comes from the CLI or the environment).
pub async fn admin_vorhanden(db: &Db) -> StoreResult<bool> {
    Ok(aktive_admins(db).await? > 0)
}
