//! Rundschreiben: a mail of the coordination to the followers of one Themenfeld or to every
//! account, written as plain text, seen in a preview exactly as it is sent, then sent once
//! (audited). The recipients also find it under "Neu für mich" (Themenfeld) and in the archive
//! `/rundschreiben`; anyone can switch Rundschreiben off, in the portal or by the mail's
//! one-click link.

use crate::error::Feldfehler;
use crate::model::formular::Leser;
use crate::model::text::xml;
use serde::{Deserialize, Serialize};

pub const MAX_BETREFF: usize = 200;
pub const MAX_TEXT: usize = 20_000;

/// Who gets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Empfaenger {
    /// Every active account that did not switch Rundschreiben off.
    Alle,
    /// Those who follow the Themenfeld (whatever their mail rhythm), unless switched off.
    Themenfeld(i64),
}

impl Empfaenger {
    /// The form's value: "alle" or the Themenfeld's id.
    pub fn lesen(s: &str) -> Option<Empfaenger> {
        match s.trim() {
            "alle" => Some(Empfaenger::Alle),
            n => n.parse::<i64>().ok().filter(|i| *i > 0).map(Empfaenger::Themenfeld),
        }
    }

    pub fn code(self) -> String {
        match self {
            Empfaenger::Alle => "alle".into(),
            Empfaenger::Themenfeld(id) => id.to_string(),
        }
    }
}

/// Whom a Rundschreiben went to, in words (`themenfeld`: its name, `None` once deleted).
pub fn an_text(alle: bool, themenfeld: Option<&str>) -> String {
    match (alle, themenfeld) {
        (true, _) => "alle Konten im OZG-Atlas NRW".into(),
        (false, Some(t)) => format!("alle, die dem Themenfeld {t} folgen"),
        (false, None) => "alle, die einem inzwischen gelöschten Themenfeld folgten".into(),
    }
}

/// The form as sent (the preview and the send alike).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RundschreibenEingabe {
    /// "alle" or a Themenfeld's id.
    pub an: String,
    pub betreff: String,
    pub text: String,
}

/// A checked Rundschreiben.
#[derive(Clone, Debug, PartialEq)]
pub struct RundschreibenDaten {
    pub an: Empfaenger,
    pub betreff: String,
    pub text: String,
}

impl RundschreibenEingabe {
    pub fn lesen(&self) -> Result<RundschreibenDaten, Vec<Feldfehler>> {
        let mut l = Leser::default();
        let an = Empfaenger::lesen(&self.an);
        if an.is_none() {
            l.fehler("an", "Bitte wählen, an wen das Rundschreiben geht.");
        }
        let betreff = l.pflicht("betreff", "Betreff", &self.betreff, MAX_BETREFF);
        // One line: a line break in a subject would be a header of its own.
        if betreff.chars().any(char::is_control) {
            l.fehler("betreff", "Der Betreff muss in einer Zeile stehen.");
        }
        let text = l.pflicht("text", "Text", &self.text, MAX_TEXT);
        let text: String = text.replace("\r\n", "\n").chars().filter(|c| *c == '\n' || !c.is_control()).collect();
        l.ergebnis(RundschreibenDaten { an: an.unwrap_or(Empfaenger::Alle), betreff, text })
    }
}

/// What the preview shows: the mail as the first recipient gets it, and how many get it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Vorschau {
    /// The form as read (trimmed, line ends unified): what the send button sends back.
    pub eingabe: RundschreibenEingabe,
    pub an: String,
    pub empfaenger: i64,
    pub betreff: String,
    pub text: String,
    /// Sent back with the send: what was previewed is what goes out.
    pub fingerabdruck: String,
}

/// The send: the form and the preview's fingerprint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SendenEingabe {
    pub an: String,
    pub betreff: String,
    pub text: String,
    pub fingerabdruck: String,
}

/// One sent Rundschreiben in the archive.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rundschreiben {
    pub id: i64,
    pub an: String,
    pub betreff: String,
    pub text: String,
    pub von: String,
    pub gesendet_ms: i64,
    /// How many it was sent to (for the coordination only).
    pub empfaenger: Option<i64>,
}

/// The archive and whether the reader gets Rundschreiben by mail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Archiv {
    pub liste: Vec<Rundschreiben>,
    pub per_mail: bool,
}

/// Subject and both bodies of the mail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Brief {
    pub betreff: String,
    pub text: String,
    pub html: String,
}

/// Where a Rundschreiben's links point: the portal's address, its page, the unsubscribe link.
pub struct Links<'a> {
    pub basis: &'a str,
    pub pfad: &'a str,
    pub abmelden: &'a str,
}

/// The mail for `name`; `an` names the recipients ("alle, die dem Themenfeld … folgen").
pub fn brief(name: &str, betreff: &str, text: &str, an: &str, l: &Links<'_>) -> Brief {
    let seite = format!("{}{}", l.basis, l.pfad);
    let verwalten = format!("{}{}", l.basis, crate::pfad::MEINE_ABOS);
    let fuss = format!("Rundschreiben der Koordination an {an}.");
    let text_teil = format!(
        "Guten Tag {name},\n\n{text}\n\n-- \n{fuss}\nIm Portal: {seite}\nAbonnements verwalten: {verwalten}\n\
         Keine Rundschreiben mehr (ohne Anmeldung): {}\n",
        l.abmelden
    );
    let absaetze: String = text
        .split("\n\n")
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| format!("<p>{}</p>\n", xml(a).replace('\n', "<br>\n")))
        .collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"de\"><body><p>Guten Tag {},</p>\n{absaetze}<hr><p>{} \
         <a href=\"{}\">Im Portal lesen</a> · <a href=\"{}\">Abonnements verwalten</a> · \
         <a href=\"{}\">Keine Rundschreiben mehr</a> (ohne Anmeldung)</p></body></html>\n",
        xml(name),
        xml(&fuss),
        xml(&seite),
        xml(&verwalten),
        xml(l.abmelden)
    );
    Brief { betreff: format!("[OZG-Atlas NRW] Rundschreiben: {betreff}"), text: text_teil, html }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eingabe(an: &str, betreff: &str, text: &str) -> RundschreibenEingabe {
        RundschreibenEingabe { an: an.into(), betreff: betreff.into(), text: text.into() }
    }

    #[test]
    fn reading_names_each_field() {
        let d = eingabe(" 7 ", " Workshop ", "Zeile\r\nzwei\u{0}").lesen().unwrap();
        assert_eq!(
            d,
            RundschreibenDaten {
                an: Empfaenger::Themenfeld(7),
                betreff: "Workshop".into(),
                text: "Zeile\nzwei".into()
            }
        );
        assert_eq!(eingabe("alle", "x", "y").lesen().unwrap().an, Empfaenger::Alle);
        let felder = |e: RundschreibenEingabe| e.lesen().unwrap_err().into_iter().map(|f| f.feld).collect::<Vec<_>>();
        assert_eq!(felder(eingabe("-1", "", "")), vec!["an", "betreff", "text"]);
        assert_eq!(felder(eingabe("alle", "Hallo\r\nBcc: x@y.de", "t")), vec!["betreff"]);
        assert_eq!(felder(eingabe("alle", "b", &"x".repeat(MAX_TEXT + 1))), vec!["text"]);
        assert_eq!(felder(eingabe("1 OR 1=1", "b", "t")), vec!["an"]);
    }

    #[test]
    fn the_mail_escapes_and_keeps_paragraphs() {
        let l = Links {
            basis: "https://a.example",
            pfad: "/rundschreiben#rundschreiben-3",
            abmelden: "https://a.example/abmelden/t/rundschreiben",
        };
        let b =
            brief("Anna <A>", "Termin", "Erster <b>Absatz</b>\nzweite Zeile\n\nZweiter & letzter", "alle Konten", &l);
        assert_eq!(b.betreff, "[OZG-Atlas NRW] Rundschreiben: Termin");
        assert!(b.text.starts_with("Guten Tag Anna <A>,\n\nErster <b>Absatz</b>\nzweite Zeile"), "{}", b.text);
        assert!(
            b.text.contains("Keine Rundschreiben mehr (ohne Anmeldung): https://a.example/abmelden/t/rundschreiben")
        );
        assert!(
            b.html.contains("<p>Erster &lt;b&gt;Absatz&lt;/b&gt;<br>\nzweite Zeile</p>\n<p>Zweiter &amp; letzter</p>"),
            "{}",
            b.html
        );
        assert!(b.html.contains("Guten Tag Anna &lt;A&gt;,"));
    }
}
