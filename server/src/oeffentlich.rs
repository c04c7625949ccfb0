//! The portal's public address: the configured `OZG_OEFFENTLICHE_URL`, else built from the
//! request's host. Links in feeds, mails and the DCAT catalog point there. A leaf module: the
//! security layer and the open API both use it, neither through the other.

use axum::http::{HeaderMap, header};

/// What the address is built from (part of the router's state).
#[derive(Clone, Debug, Default)]
pub struct Oeffentlich {
    pub url: Option<String>,
    pub https: bool,
}

impl Oeffentlich {
    /// The configured address without a trailing slash, else `http(s)://<Host>` – the Host only
    /// if it is a plain host name (a forged one must not reach a link).
    pub fn basis(&self, kopf: &HeaderMap) -> String {
        if let Some(u) = &self.url {
            return u.trim_end_matches('/').to_string();
        }
        let host = kopf
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| h.len() <= 255 && h.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b)))
            .unwrap_or("localhost");
        format!("{}://{host}", if self.https { "https" } else { "http" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_address_wins_and_a_forged_host_does_not_reach_a_link() {
        let mut kopf = HeaderMap::new();
        kopf.insert(header::HOST, "portal.example:8080".parse().unwrap());
        let o = Oeffentlich { url: None, https: true };
        assert_eq!(o.basis(&kopf), "https://portal.example:8080");
        kopf.insert(header::HOST, header::HeaderValue::from_static("evil\"><script>"));
        assert_eq!(o.basis(&kopf), "https://localhost");
        let o = Oeffentlich { url: Some("https://ozg.nrw.de/".into()), https: true };
        assert_eq!(o.basis(&kopf), "https://ozg.nrw.de");
    }
}
