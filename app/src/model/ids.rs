//! Domain keys that arrive as text from files, URLs and forms. Each type can only be built
//! through `parse`, so a value of the type is always well-formed.

use crate::model::text::zitat;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("„{0}“ ist keine gültige OZG-ID (erwartet: 5 Ziffern, z. B. 10513).")]
    OzgId(String),
    #[error("„{0}“ ist kein gültiger LeiKa-Schlüssel (erwartet: 14 Ziffern, z. B. 99012001000000).")]
    LeikaKey(String),
    #[error("„{0}“ ist kein gültiger Amtlicher Gemeindeschlüssel (erwartet: 8 Ziffern, NRW beginnt mit 05).")]
    Ags(String),
    #[error("„{0}“ ist kein gültiger Kreisschlüssel (erwartet: 5 Ziffern, NRW beginnt mit 05).")]
    KreisAgs(String),
    #[error("„{0}“ ist keine gültige Webadresse (erwartet: https://… mit Domain, ohne Leerzeichen).")]
    WebAdresse(String),
}

/// Address of a web page: http(s), a host with a dot (or localhost), no spaces or control
/// characters, at most 2,000 characters. Only such values are ever rendered as links.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct WebAdresse(String);

impl WebAdresse {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s = raw.trim();
        let fehler = || IdError::WebAdresse(zitat(raw));
        let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")).ok_or_else(fehler)?;
        let host_port = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host_port.rsplit_once('@').map_or(host_port, |(_, h)| h);
        let host = host.split(':').next().unwrap_or("");
        let host_ok = !host.is_empty()
            && (host == "localhost" || (host.contains('.') && !host.starts_with('.') && !host.ends_with('.')))
            && host.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if s.len() > 2000
            || !host_ok
            || s.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
        {
            return Err(fehler());
        }
        Ok(WebAdresse(s.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn all_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

/// OZG-ID of a Leistung (Leistungsbündel): five digits, e.g. 10513.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OzgId(u32);

impl OzgId {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s = raw.trim();
        if all_digits(s, 5) && !s.starts_with('0') {
            s.parse().map(OzgId).map_err(|_| IdError::OzgId(zitat(raw)))
        } else {
            Err(IdError::OzgId(zitat(raw)))
        }
    }
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for OzgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Key of a LeiKa-Leistung: fourteen digits, e.g. 99012001000000.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LeikaKey(String);

impl LeikaKey {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s = raw.trim();
        if all_digits(s, 14) { Ok(LeikaKey(s.to_string())) } else { Err(IdError::LeikaKey(zitat(raw))) }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LeikaKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Amtlicher Gemeindeschlüssel of a Gemeinde in NRW: eight digits starting with 05.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Ags(String);

impl Ags {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s = raw.trim();
        if all_digits(s, 8) && s.starts_with("05") { Ok(Ags(s.to_string())) } else { Err(IdError::Ags(zitat(raw))) }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The first five digits name the Kreis or the kreisfreie Stadt.
    pub fn kreis(&self) -> KreisAgs {
        KreisAgs(self.0[..5].to_string())
    }
}

impl fmt::Display for Ags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Key of a Kreis or a kreisfreie Stadt in NRW: five digits starting with 05.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct KreisAgs(String);

impl KreisAgs {
    pub fn parse(raw: &str) -> Result<Self, IdError> {
        let s = raw.trim();
        if all_digits(s, 5) && s.starts_with("05") {
            Ok(KreisAgs(s.to_string()))
        } else {
            Err(IdError::KreisAgs(zitat(raw)))
        }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for KreisAgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses() {
        for ok in [
            "https://www.ahaus.de/buergerservice",
            "http://localhost:3000/x?y=1",
            "https://wirtschafts-service-portal.nrw/a#b",
        ] {
            assert!(WebAdresse::parse(ok).is_ok(), "{ok}");
        }
        for schlecht in [
            "www.ahaus.de",
            "https://",
            "https://ahaus",
            "javascript:alert(1)",
            "https://a b.de",
            "ftp://x.de",
            "https://x.de/\"x",
        ] {
            assert!(WebAdresse::parse(schlecht).is_err(), "{schlecht}");
        }
        assert_eq!(WebAdresse::parse("  https://x.de  ").unwrap().as_str(), "https://x.de");
    }

    #[test]
    fn ozg_id_accepts_five_digits_only() {
        assert_eq!(OzgId::parse("10513").map(OzgId::get), Ok(10513));
        assert_eq!(OzgId::parse(" 10513 ").map(OzgId::get), Ok(10513));
        for bad in ["", "1051", "105130", "1051a", "01051", "-1051"] {
            assert!(OzgId::parse(bad).is_err(), "{bad} must be rejected");
        }
    }

    #[test]
    fn leika_key_needs_fourteen_digits() {
        assert!(LeikaKey::parse("99012001000000").is_ok());
        for bad in ["nicht im LeiKa", "9901200100000", "990120010000000", "9901200100000x"] {
            let err = LeikaKey::parse(bad).unwrap_err();
            assert!(err.to_string().contains("kein gültiger LeiKa-Schlüssel"));
        }
    }

    #[test]
    fn ags_is_nrw_and_knows_its_kreis() {
        let ahaus = Ags::parse("05554004").unwrap();
        assert_eq!(ahaus.kreis().as_str(), "05554");
        assert!(Ags::parse("09162000").is_err(), "München is not in NRW");
        assert!(Ags::parse("0555400").is_err());
        assert!(KreisAgs::parse("05554").is_ok());
        assert!(KreisAgs::parse("5554").is_err());
    }
}
