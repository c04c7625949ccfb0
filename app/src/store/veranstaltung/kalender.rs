//! The secret of a person's own calendar feed. The URL carries a random token; the database
//! keeps only its SHA-256, so a copy of the database does not open anyone's feed. A new token
//! replaces the old one (revoking it); deleting it closes the feed.

use super::super::geheimnis::token_hash as hash;
use super::super::{Db, Sql, StoreResult, jetzt_ms};

/// Creates a new token for the person (the previous one stops working) and returns it.
pub async fn erneuern(db: &Db, benutzer: i64) -> StoreResult<String> {
    let token = super::super::geheimnis::token()?;
    let mut weg = Sql::new("DELETE FROM kalender_zugang WHERE benutzer_id = ");
    weg.bind(benutzer);
    let mut neu = Sql::new("INSERT INTO kalender_zugang (benutzer_id, token_hash, erstellt_ms) VALUES (");
    neu.bind(benutzer).push(", ").bind(hash(&token)).push(", ").bind(jetzt_ms()).push(")");
    db.transaktion(&[weg, neu]).await?;
    Ok(token)
}

pub async fn widerrufen(db: &Db, benutzer: i64) -> StoreResult<()> {
    let mut weg = Sql::new("DELETE FROM kalender_zugang WHERE benutzer_id = ");
    weg.bind(benutzer);
    db.transaktion(&[weg]).await?;
    Ok(())
}

/// Whether the person has a feed, and since when.
pub async fn seit(db: &Db, benutzer: i64) -> StoreResult<Option<i64>> {
    let mut s = Sql::new("SELECT erstellt_ms FROM kalender_zugang WHERE benutzer_id = ");
    s.bind(benutzer);
    #[derive(sqlx::FromRow)]
    struct S {
        erstellt_ms: i64,
    }
    Ok(db.eine::<S>(&s).await?.map(|s| s.erstellt_ms))
}

/// The active account a token belongs to. Tokens of the wrong shape are not looked up.
pub async fn person(db: &Db, token: &str) -> StoreResult<Option<i64>> {
    if token.len() > 100 || !token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Ok(None);
    }
    let mut s = Sql::new(
        "SELECT z.benutzer_id AS id FROM kalender_zugang z JOIN benutzer b ON b.id = z.benutzer_id \
         WHERE b.aktiv = TRUE AND z.token_hash = ",
    );
    s.bind(hash(token));
    #[derive(sqlx::FromRow)]
    struct P {
        id: i64,
    }
    Ok(db.eine::<P>(&s).await?.map(|p| p.id))
}
