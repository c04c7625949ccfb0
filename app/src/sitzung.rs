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
    /// Without a person: the participation of a guest of an open workshop session, if the
    /// request carried its token. The limits count such a guest by itself, not by its network
    /// (a room on one venue Wi-Fi shares one address).
    pub gast: Option<i64>,
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

/// The workshop session a browser takes part in: `CODE`, or `CODE~p` for a projector. Not a
/// credential (the code is on the projector for all to see): it only tells the page frame to
/// show the workshop bar. HttpOnly all the same, and SameSite=Lax so that a QR scan opening the
/// site keeps it.
pub const WORKSHOP_COOKIE: &str = "ozg_workshop";
/// A guest's token in a workshop: the only thing a guest can do with it is answer questions of
/// that session while it is open. HttpOnly, SameSite=Strict like the session.
pub const GAST_COOKIE: &str = "ozg_gast";
const WORKSHOP_MAX_AGE: i64 = 24 * 60 * 60;

fn cookie_wert<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').filter_map(|p| p.trim().split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// The workshop of a `Cookie` header: (code, as projector).
pub fn workshop_aus_cookie(header: &str) -> Option<(crate::model::workshop::Code, bool)> {
    let v = cookie_wert(header, WORKSHOP_COOKIE)?;
    let (code, projektor) = match v.split_once('~') {
        Some((c, "p")) => (c, true),
        Some(_) => return None,
        None => (v, false),
    };
    Some((crate::model::workshop::Code::parse(code)?, projektor))
}

/// A guest token (64 hex digits) of a `Cookie` header.
pub fn gast_aus_cookie(header: &str) -> Option<String> {
    cookie_wert(header, GAST_COOKIE)
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
}

pub fn workshop_cookie(code: &crate::model::workshop::Code, projektor: bool, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    let p = if projektor { "~p" } else { "" };
    format!("{WORKSHOP_COOKIE}={code}{p}; Path=/; HttpOnly; SameSite=Lax; Max-Age={WORKSHOP_MAX_AGE}{secure}")
}

pub fn gast_cookie(token: &str, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{GAST_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={WORKSHOP_MAX_AGE}{secure}")
}

/// Leaving the workshop: both cookies end.
pub fn workshop_cookies_loeschen(https: bool) -> [String; 2] {
    let secure = if https { "; Secure" } else { "" };
    [
        format!("{WORKSHOP_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
        format!("{GAST_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}"),
    ]
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
    fn workshop_cookies_round_trip_and_refuse_the_rest() {
        let c = crate::model::workshop::Code::parse("ABC23Z").unwrap();
        let kopf = |set: String| set.split(';').next().unwrap().to_string();
        assert_eq!(workshop_aus_cookie(&kopf(workshop_cookie(&c, true, false))), Some((c.clone(), true)));
        assert_eq!(workshop_aus_cookie(&format!("a=1; {}", kopf(workshop_cookie(&c, false, true)))), Some((c, false)));
        assert_eq!(workshop_aus_cookie("ozg_workshop=ABC23Z~x"), None);
        assert_eq!(workshop_aus_cookie("ozg_workshop=<script>"), None);
        let t = "b".repeat(64);
        assert_eq!(gast_aus_cookie(&kopf(gast_cookie(&t, true))), Some(t));
        assert_eq!(gast_aus_cookie("ozg_gast=zz"), None);
        assert!(gast_cookie("x", true).contains("HttpOnly") && gast_cookie("x", true).contains("SameSite=Strict"));
    }

    #[test]
    fn token_is_read_only_when_well_formed() {
        let t = "a".repeat(64);
        assert_eq!(token_aus_cookie(&format!("x=1; {COOKIE}={t}; y=2")), Some(t));
        assert_eq!(token_aus_cookie(&format!("{COOKIE}=' OR 1=1 --")), None);
        assert_eq!(token_aus_cookie("andere=1"), None);
    }
}
