//! Accounts, password hashes, sessions and login throttling.
//!
//! Sessions live in the database, so every app server behind a load balancer sees the same
//! logins, and a disabled account is logged out everywhere at once.

use super::akteur::Akteur;
use super::protokoll::Aenderung;
use super::{Db, Sql, StoreError, StoreResult, jetzt_ms};
use crate::model::konto::{Angemeldet, BenutzerZeile, Email, NeuesPasswort, Rolle, Sperre};
use std::sync::OnceLock;

/// A session ends 12 hours after login (a working day) …
pub const SITZUNG_MAX_MS: i64 = 12 * 3600 * 1000;
/// … or after 2 hours without a request.
pub const SITZUNG_LEERLAUF_MS: i64 = 2 * 3600 * 1000;
/// The last-seen time is written at most once a minute, not on every request.
const ZULETZT_GENAUIGKEIT_MS: i64 = 60 * 1000;

/// Throttling: failures within this window count together.
pub const FENSTER_MS: i64 = 15 * 60 * 1000;
/// How long a pair that once logged in from a network stays exempt from that network's lock.
pub const BEWAEHRT_MS: i64 = 30 * 24 * 3600 * 1000;

/// A throttle: `limit` failures in [`FENSTER_MS`] lock the key for `basis_ms`, each further
/// lock twice as long, up to `max_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drossel {
    pub limit: i64,
    pub basis_ms: i64,
    pub max_ms: i64,
}

impl Drossel {
    fn dauer(&self, sperren: i64) -> i64 {
        (self.basis_ms << sperren.clamp(0, 20)).min(self.max_ms)
    }
}

/// One account from one network: a guesser there gets 5 tries, then 1, 2, 4 … 60 minutes pause.
/// The owner elsewhere is not affected.
pub const PAAR: Drossel = Drossel { limit: 5, basis_ms: 60 * 1000, max_ms: 60 * 60 * 1000 };
/// One network across accounts (password spraying); a town hall behind one address does not
/// fail 100 times in 15 minutes, and its members who logged in there before stay exempt.
pub const NETZ: Drossel = Drossel { limit: 100, basis_ms: 5 * 60 * 1000, max_ms: 60 * 60 * 1000 };

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
    #[error("Das letzte aktive Administrationskonto kann nicht gesperrt, herabgestuft oder gelöscht werden.")]
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

/// Hashes on a blocking thread, bounded by [`crate::schranke::PASSWOERTER`]: a hash takes
/// 19 MiB and tens of milliseconds of CPU. Only logged-in admins and the command line set
/// passwords, so this waits for its turn instead of being turned away by a login flood.
pub async fn hashen(pw: &NeuesPasswort) -> StoreResult<String> {
    let pw = pw.geheim().to_string();
    crate::schranke::PASSWOERTER
        .blockierend_vorrangig(move || {
            use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
            let salt = SaltString::generate(&mut OsRng);
            argon2().hash_password(pw.as_bytes(), &salt).map(|h| h.to_string())
        })
        .await
        .map_err(|e| StoreError::Intern(e.to_string()))?
        .map_err(|e| StoreError::Intern(format!("Hash: {e}")))
}

/// A hash of a random password, compared against when an account does not exist, so the answer
/// takes as long as for a real account.
fn attrappe() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        let salt = SaltString::generate(&mut OsRng);
        // Any password serves: nobody knows it, and only the time to compare counts.
        let passwort = token().unwrap_or_else(|_| salt.to_string());
        argon2().hash_password(passwort.as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default()
    })
}

/// Checks a password against a stored hash (or, for a missing account, against a dummy), on a
/// place of [`crate::schranke::PASSWOERTER`] – or not at all when none is free.
pub async fn pruefen(hash: Option<String>, pw: String) -> Result<bool, crate::schranke::Ueberlast> {
    let echt = hash.is_some();
    crate::schranke::PASSWOERTER
        .blockierend(move || {
            use argon2::password_hash::{PasswordHash, PasswordVerifier};
            let hash = hash.unwrap_or_else(|| attrappe().to_string());
            let Ok(h) = PasswordHash::new(&hash) else { return false };
            argon2().verify_password(pw.as_bytes(), &h).is_ok() && echt
        })
        .await
}

// ---------------------------------------------------------------- sessions

pub use super::geheimnis::token;
pub(crate) use super::geheimnis::token_hash;

/// Starts a new session after a successful login. A session the browser brought along is ended
/// first, so a token planted before the login is never promoted (session fixation).
pub async fn sitzung_anlegen(db: &Db, benutzer_id: i64, bisheriges: Option<&str>) -> StoreResult<String> {
    let t = token()?;
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
    // Throttling rows are kept no longer than they matter (as the Datenschutzerklärung says):
    // 15 minutes after the last failure or the end of a lock, 30 days after a success.
    let mut s = Sql::new("DELETE FROM anmeldesperre WHERE COALESCE(gesperrt_bis_ms, 0) < ");
    s.bind(jetzt - FENSTER_MS).push(" AND fenster_ms < ").bind(jetzt - FENSTER_MS);
    s.push(" AND COALESCE(erfolg_ms, 0) < ").bind(jetzt - BEWAEHRT_MS);
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

/// The network an address belongs to: IPv4 as it is, IPv6 by its /64 – one connection gets a
/// whole /64, so single IPv6 addresses would let a guesser rotate without end.
pub fn netz(adresse: &str) -> String {
    match adresse.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Ok(ip) => ip.to_string(),
        Err(_) => adresse.chars().take(64).collect(),
    }
}

/// Key of an account from a network; counts the same whether the account exists or not.
pub fn paar_schluessel(email: &str, netz: &str) -> String {
    format!("paar:{}|{netz}", email.trim().to_lowercase())
}

pub fn netz_schluessel(netz: &str) -> String {
    format!("netz:{netz}")
}

/// Outcome of counting a login attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Versuch {
    /// The password may be checked.
    Frei,
    /// Refused without checking; `neu` when this attempt set the lock.
    Gesperrt { bis_ms: i64, neu: bool },
}

#[derive(sqlx::FromRow)]
struct SperrZeile {
    fehlschlaege: i64,
    fenster_ms: i64,
    gesperrt_bis_ms: Option<i64>,
    sperren: i64,
}

/// Takes the key's row into the transaction, locked against parallel attempts (PostgreSQL:
/// row lock of the upsert; SQLite: the write lock of the first statement).
async fn sperrzeile(tx: &mut super::Tx, schluessel: &str, jetzt: i64) -> StoreResult<SperrZeile> {
    let mut s = Sql::new("INSERT INTO anmeldesperre (schluessel, fehlschlaege, fenster_ms) VALUES (");
    s.bind(schluessel).push(", 0, ").bind(jetzt).push(
        ") ON CONFLICT (schluessel) DO UPDATE SET fehlschlaege = anmeldesperre.fehlschlaege \
         RETURNING fehlschlaege, fenster_ms, gesperrt_bis_ms, sperren",
    );
    tx.eine(&s).await?.ok_or_else(|| StoreError::Intern("Sperrzeile fehlt".into()))
}

/// Counts an attempt for `schluessel` *before* the password is checked, in one transaction per
/// attempt, so N parallel attempts count N: the first `limit` in a window are let through, the
/// next one sets a lock (each lock twice as long as the one before), and every attempt while
/// locked is refused and counted in `abgewiesen`.
pub async fn versuch_zaehlen(db: &Db, schluessel: &str, d: &Drossel) -> StoreResult<Versuch> {
    let jetzt = jetzt_ms();
    let mut tx = db.beginnen().await?;
    let z = sperrzeile(&mut tx, schluessel, jetzt).await?;
    let mut s = Sql::new("UPDATE anmeldesperre SET ");
    let ergebnis = match z.gesperrt_bis_ms.filter(|bis| *bis > jetzt) {
        Some(bis_ms) => {
            s.push("abgewiesen = abgewiesen + 1");
            Versuch::Gesperrt { bis_ms, neu: false }
        }
        None => {
            let neues_fenster = z.fenster_ms < jetzt - FENSTER_MS;
            let n = if neues_fenster { 0 } else { z.fehlschlaege };
            if n >= d.limit {
                let bis_ms = jetzt + d.dauer(z.sperren);
                s.push("fehlschlaege = 0, abgewiesen = abgewiesen + 1, sperren = sperren + 1, fenster_ms = ");
                s.bind(jetzt).push(", gesperrt_bis_ms = ").bind(bis_ms);
                Versuch::Gesperrt { bis_ms, neu: true }
            } else {
                s.push("fehlschlaege = ").bind(n + 1).push(", fenster_ms = ");
                s.bind(if neues_fenster { jetzt } else { z.fenster_ms });
                Versuch::Frei
            }
        }
    };
    s.push(" WHERE schluessel = ").bind(schluessel);
    tx.ausfuehren(&s).await?;
    tx.commit().await?;
    Ok(ergebnis)
}

/// Takes back one counted attempt that was never checked (the server was too busy).
pub async fn versuch_zuruecknehmen(db: &Db, schluessel: &str) -> StoreResult<()> {
    let mut s = Sql::new(
        "UPDATE anmeldesperre SET fehlschlaege = CASE WHEN fehlschlaege > 0 THEN fehlschlaege - 1 ELSE 0 END \
         WHERE schluessel = ",
    );
    s.bind(schluessel);
    db.transaktion(&[s]).await?;
    Ok(())
}

/// A successful login from a pair: its count and lock history are cleared, and it is marked as
/// proven, so a lock of its whole network does not stop it.
pub async fn erfolg(db: &Db, schluessel: &str) -> StoreResult<()> {
    let jetzt = jetzt_ms();
    let mut s = Sql::new("INSERT INTO anmeldesperre (schluessel, fehlschlaege, fenster_ms, erfolg_ms) VALUES (");
    s.bind(schluessel).push(", 0, ").bind(jetzt).push(", ").bind(jetzt).push(
        ") ON CONFLICT (schluessel) DO UPDATE SET fehlschlaege = 0, sperren = 0, gesperrt_bis_ms = NULL, erfolg_ms = ",
    );
    s.bind(jetzt);
    db.transaktion(&[s]).await?;
    Ok(())
}

/// Until when the network is locked for this pair: never for a pair proven in the last
/// [`BEWAEHRT_MS`].
pub async fn netz_gesperrt_bis(db: &Db, netz_schluessel: &str, paar_schluessel: &str) -> StoreResult<Option<i64>> {
    let jetzt = jetzt_ms();
    let mut sql = Sql::new("SELECT COALESCE(MAX(gesperrt_bis_ms), 0) FROM anmeldesperre WHERE schluessel = ");
    sql.bind(netz_schluessel).push(" AND gesperrt_bis_ms > ").bind(jetzt);
    sql.push(" AND NOT EXISTS (SELECT 1 FROM anmeldesperre p WHERE p.schluessel = ").bind(paar_schluessel);
    sql.push(" AND p.erfolg_ms > ").bind(jetzt - BEWAEHRT_MS).push(")");
    let bis = db.zahl(&sql).await?;
    Ok((bis > 0).then_some(bis))
}

/// Counts a checked failure for a network (after the hash; the pair counted before it). Counted
/// after the failure, so the failure that reaches the limit sets the lock.
pub async fn netz_fehlschlag(db: &Db, netz_schluessel: &str) -> StoreResult<Versuch> {
    versuch_zaehlen(db, netz_schluessel, &Drossel { limit: NETZ.limit - 1, ..NETZ }).await
}

/// Active locks, newest end first (the admin page and the command line).
pub async fn sperren(db: &Db) -> StoreResult<Vec<Sperre>> {
    let mut sql =
        Sql::new("SELECT schluessel, gesperrt_bis_ms, sperren, abgewiesen FROM anmeldesperre WHERE gesperrt_bis_ms > ");
    sql.bind(jetzt_ms()).push(" ORDER BY gesperrt_bis_ms DESC LIMIT 500");
    db.alle(&sql).await
}

/// Lifts the locks of the keys that name `wer` – an e-mail address (all its pairs) or a network
/// – and records it. Returns how many were lifted.
pub async fn entsperren(db: &Db, was: &str, wer: &Akteur) -> StoreResult<u64> {
    let was = was.trim().to_lowercase();
    let netz = netz(&was);
    let mut tx = db.beginnen().await?;
    let mut s = Sql::new("UPDATE anmeldesperre SET gesperrt_bis_ms = NULL, fehlschlaege = 0, sperren = 0 WHERE ");
    s.push("(schluessel = ").bind(was.clone()).push(" OR schluessel LIKE ").bind(format!("paar:{was}|%"));
    s.push(" OR schluessel = ")
        .bind(netz_schluessel(&netz))
        .push(" OR schluessel LIKE ")
        .bind(format!("paar:%|{netz}"));
    s.push(") AND gesperrt_bis_ms > ").bind(jetzt_ms());
    let n = tx.ausfuehren(&s).await?;
    if n > 0 {
        let mut a = Aenderung::neu("anmeldung", &was, &was);
        a.feld("entsperrt", None, Some(format!("{n} Sperre(n) aufgehoben")));
        a.schreiben(&mut tx, wer).await?;
    }
    tx.commit().await?;
    Ok(n)
}

/// A login event in the audit log (never a password): `feld` is angemeldet, fehlgeschlagen or
/// gesperrt; `netz` where it came from.
pub async fn anmeldung_protokollieren(db: &Db, email: &str, feld: &'static str, netz: &str, wer: &Akteur) {
    metrics::counter!("ozg_anmeldungen_total", "ergebnis" => feld).increment(1);
    let email: String = email.chars().take(254).collect();
    let mut a = Aenderung::neu("anmeldung", &email, &email);
    a.feld(feld, None, Some(netz.to_string()));
    let ergebnis = async {
        let mut tx = db.beginnen().await?;
        a.schreiben(&mut tx, wer).await?;
        tx.commit().await
    };
    if let Err(e) = ergebnis.await {
        tracing::error!(error = %e, "Anmeldeereignis nicht protokolliert");
    }
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
    // The admin rows are locked first (PostgreSQL: row locks; SQLite: the write lock), so the
    // count below sees every change committed before: two admins demoting each other at the
    // same moment cannot both pass the last-admin check.
    tx.ausfuehren(&Sql::new("UPDATE benutzer SET version = version WHERE aktiv AND rolle = 'admin'")).await?;
    let mut s = Sql::new("UPDATE benutzer SET name = ");
    s.bind(neu.name).push(", rolle = ").bind(neu.rolle.code()).push(", kommune_ags = ").bind(neu.kommune_ags);
    s.push(", aktiv = ").bind(neu.aktiv).push(", version = version + 1 WHERE id = ").bind(neu.id);
    s.push(" AND version = ").bind(neu.version);
    if tx.ausfuehren(&s).await? == 0 {
        return Err(KontoStoreFehler::Konflikt);
    }
    if tx.zahl(&Sql::new("SELECT COUNT(*) FROM benutzer WHERE aktiv AND rolle = 'admin'")).await? == 0 {
        return Err(KontoStoreFehler::LetzterAdmin);
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

/// Deletes an account (its owner asked for it). What only concerns the person goes with it
/// (sessions, subscriptions, read marks, registrations: `ON DELETE CASCADE`); what others rely on
/// stays without the person: forum posts read "ehemaliges Mitglied", Steckbriefe and data
/// deliveries of the Kommune lose who sent them. The audit log keeps the deletion (admins only).
pub async fn loeschen(db: &Db, id: i64, wer: &Akteur) -> Result<(), KontoStoreFehler> {
    let alt = zeile(db, id).await?.ok_or(KontoStoreFehler::NichtGefunden)?;
    let mut tx = db.beginnen().await?;
    // Locked first, as in `aendern`: two admins deleting themselves at once leave one.
    tx.ausfuehren(&Sql::new("UPDATE benutzer SET version = version WHERE aktiv AND rolle = 'admin'")).await?;
    let ehemalig = crate::model::forum::EHEMALIG;
    for sql in [
        "UPDATE steckbrief SET eingereicht_von = NULL WHERE eingereicht_von = ",
        "UPDATE steckbrief SET geprueft_von = NULL WHERE geprueft_von = ",
    ] {
        let mut s = Sql::new(sql);
        s.bind(id);
        tx.ausfuehren(&s).await?;
    }
    let mut l = Sql::new("UPDATE lieferung SET benutzer_id = NULL, benutzer = ");
    l.bind(ehemalig).push(" WHERE benutzer_id = ").bind(id);
    tx.ausfuehren(&l).await?;
    let mut d = Sql::new("DELETE FROM benutzer WHERE id = ");
    d.bind(id);
    tx.ausfuehren(&d).await?;
    if alt.aktiv
        && alt.rolle == Rolle::Admin
        && tx.zahl(&Sql::new("SELECT COUNT(*) FROM benutzer WHERE aktiv AND rolle = 'admin'")).await? == 0
    {
        return Err(KontoStoreFehler::LetzterAdmin);
    }
    let mut a = Aenderung::neu("benutzer", id, &alt.email);
    a.feld("geloescht", None, Some("auf eigenen Wunsch".into()));
    a.schreiben(&mut tx, wer).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether any active admin exists (the first one comes from the CLI or the environment).
pub async fn admin_vorhanden(db: &Db) -> StoreResult<bool> {
    Ok(aktive_admins(db).await? > 0)
}
