//! What the server knows about the sender of a request, put into the request's extensions by
//! the session middleware of the server and read by server functions through `Parts`.

use crate::model::konto::Angemeldet;

/// Name of the session cookie.
pub const COOKIE: &str = "ozg_sitzung";

#[derive(Debug, Clone, Default)]
pub struct Anfrager {
    /// The logged-in person, if the request carried a valid session.
    pub person: Option<Angemeldet>,
    /// The session token the request carried (valid or not).
    pub token: Option<String>,
    /// Client address for login throttling.
    pub adresse: String,
    /// Whether the browser reached us over HTTPS (directly or through a trusted proxy).
    pub https: bool,
}

/// `Set-Cookie` value for a new session. HttpOnly: no script reads it; SameSite=Strict: no
/// other site's request carries it; Secure whenever the portal is served over HTTPS.
pub fn cookie_setzen(token: &str, https: bool) -> String {
    let max_age = crate::store::konto::SITZUNG_MAX_MS / 1000;
    let secure = if https { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}")
}

pub fn cookie_loeschen(https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}

/// The session token from a `Cookie` header.
pub fn token_aus_cookie(header: &str) -> Option<String> {
    header.split(';').filter_map(|p| p.trim().split_once('=')).find(|(k, _)| *k == COOKIE).and_then(|(_, v)| {
        // Tokens are 64 hex digits; anything else is not looked up at all.
        (v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit())).then(|| v.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_has_the_required_flags() {
        let c = cookie_setzen("ab", true);
        assert!(
            c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Secure") && c.contains("Path=/")
        );
        assert!(!cookie_setzen("ab", false).contains("Secure"));
        assert!(cookie_loeschen(false).contains("Max-Age=0"));
    }

    #[test]
    fn token_is_read_only_when_well_formed() {
        let t = "a".repeat(64);
        assert_eq!(token_aus_cookie(&format!("x=1; {COOKIE}={t}; y=2")), Some(t));
        assert_eq!(token_aus_cookie(&format!("{COOKIE}=' OR 1=1 --")), None);
        assert_eq!(token_aus_cookie("andere=1"), None);
    }
}
