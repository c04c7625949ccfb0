//! Secrets in URLs and cookies (sessions, calendar and news feeds, unsubscribe links): random
//! tokens and the hash the database keeps instead of a token. On their own, so that every domain
//! can make one without depending on the accounts.

use super::{StoreError, StoreResult};
use sha2::{Digest, Sha256};

/// 32 random bytes as hex.
pub fn token() -> StoreResult<String> {
    let mut b = [0u8; 32];
    // The OS random source does not fail on the supported platforms; if it ever does, no secret
    // is made at all (a fixed token would be guessable).
    getrandom::fill(&mut b).map_err(|e| StoreError::Intern(format!("Zufallsquelle des Betriebssystems: {e}")))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

/// The SHA-256 of a token as hex: what the database keeps, so a copy of it opens nothing.
pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|x| format!("{x:02x}")).collect()
}
