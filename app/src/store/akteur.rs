//! Who makes a change: read by the audit log and the live events alike.

use crate::model::konto::Angemeldet;

/// Who makes a change: a logged-in person, or an operator on the server's command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Akteur {
    pub id: Option<i64>,
    /// Name and e-mail, for the audit log (read by logged-in users only).
    pub name: String,
    /// Name alone, for what the public sees (live events).
    pub oeffentlich: String,
}

impl Akteur {
    pub fn von(a: &Angemeldet) -> Akteur {
        Akteur { id: Some(a.id), name: format!("{} <{}>", a.name, a.email), oeffentlich: a.name.clone() }
    }
    pub fn kommandozeile() -> Akteur {
        let nutzer = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "unbekannt".into());
        Akteur { id: None, name: format!("Kommandozeile ({nutzer})"), oeffentlich: "Kommandozeile".into() }
    }
}
