//! The Infoverteiler's mails: German, plain text and HTML (multipart/alternative), grouped by what
//! the person follows, with a one-click unsubscribe (RFC 8058: `List-Unsubscribe` with an HTTPS
//! address and `List-Unsubscribe-Post`) that works without login.

use app::model::infoverteiler::Mitteilung;
use app::model::text::xml as html;
use lettre::Message;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};

/// `List-Unsubscribe: <https://…>` (RFC 2369).
#[derive(Clone, Debug)]
pub struct ListUnsubscribe(pub String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.trim().trim_start_matches('<').trim_end_matches('>').to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone, Debug)]
pub struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_string())
    }
}

/// What kind of mail: one Mitteilung at once, or a digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Art {
    Sofort,
    Taeglich,
    Woechentlich,
}

/// Subject and both bodies of a mail.
#[derive(Clone, Debug, PartialEq)]
pub struct Inhalt {
    pub betreff: String,
    pub text: String,
    pub html: String,
}

fn betreff(art: Art, gruppen: &[(String, Vec<Mitteilung>)]) -> String {
    let anzahl: usize = gruppen.iter().map(|(_, l)| l.len()).sum();
    match (art, gruppen.first().and_then(|(_, l)| l.first())) {
        (Art::Sofort, Some(m)) => format!("[OZG-Atlas NRW] {}: {}", m.art_label(), m.titel),
        (Art::Taeglich, _) => format!("[OZG-Atlas NRW] Ihre tägliche Zusammenfassung: {anzahl} Neuigkeiten"),
        (Art::Woechentlich, _) => format!("[OZG-Atlas NRW] Ihre Wochenzusammenfassung: {anzahl} Neuigkeiten"),
        (Art::Sofort, None) => "[OZG-Atlas NRW] Neuigkeit".to_string(),
    }
}

/// The mail for `name` with the Mitteilungen grouped by subscription; `basis` is the portal's
/// public address, `abmelden` the full unsubscribe address.
pub fn zusammenstellen(
    art: Art,
    name: &str,
    gruppen: &[(String, Vec<Mitteilung>)],
    basis: &str,
    abmelden: &str,
) -> Inhalt {
    let mut text = format!("Guten Tag {name},\n\n");
    let mut h = format!("<!DOCTYPE html><html lang=\"de\"><body><p>Guten Tag {},</p>\n", html(name));
    let einleitung = match art {
        Art::Sofort => "es gibt Neues zu dem, dem Sie im OZG-Atlas NRW folgen:",
        Art::Taeglich => "das kam gestern zu dem hinzu, dem Sie im OZG-Atlas NRW folgen:",
        Art::Woechentlich => "das kam letzte Woche zu dem hinzu, dem Sie im OZG-Atlas NRW folgen:",
    };
    text.push_str(einleitung);
    text.push_str("\n\n");
    h.push_str(&format!("<p>{}</p>\n", html(einleitung)));
    for (gruppe, liste) in gruppen {
        text.push_str(&format!("== {gruppe} ==\n\n"));
        h.push_str(&format!("<h2>{}</h2>\n<ul>\n", html(gruppe)));
        for m in liste {
            let wann = app::model::konto::zeit_anzeigen(m.zeit_ms);
            let url = format!("{basis}{}", m.pfad);
            text.push_str(&format!("* {}: {}\n  {} – {wann}\n  {url}\n", m.art_label(), m.titel, m.von));
            if !m.auszug.is_empty() {
                text.push_str(&format!("  {}\n", m.auszug));
            }
            text.push('\n');
            h.push_str(&format!(
                "<li><p><strong>{}:</strong> <a href=\"{}\">{}</a><br>{} – {}</p>",
                html(m.art_label()),
                html(&url),
                html(&m.titel),
                html(&m.von),
                html(&wann)
            ));
            if !m.auszug.is_empty() {
                h.push_str(&format!("<p>{}</p>", html(&m.auszug)));
            }
            h.push_str("</li>\n");
        }
        h.push_str("</ul>\n");
    }
    let verwalten = format!("{basis}{}", app::pfad::MEINE_ABOS);
    text.push_str(&format!(
        "-- \nAbonnements verwalten: {verwalten}\nKeine solchen E-Mails mehr (ohne Anmeldung): {abmelden}\n"
    ));
    h.push_str(&format!(
        "<hr><p><a href=\"{}\">Abonnements verwalten</a> · <a href=\"{}\">Keine solchen E-Mails mehr</a> (ohne Anmeldung)</p></body></html>\n",
        html(&verwalten),
        html(abmelden)
    ));
    Inhalt { betreff: betreff(art, gruppen), text, html: h }
}

/// The message with both bodies and the unsubscribe headers.
pub fn nachricht(von: &Mailbox, an: Mailbox, inhalt: &Inhalt, abmelden: &str) -> Result<Message, lettre::error::Error> {
    Message::builder()
        .from(von.clone())
        .to(an)
        .subject(inhalt.betreff.clone())
        .header(ListUnsubscribe(abmelden.to_string()))
        .header(ListUnsubscribePost)
        .multipart(MultiPart::alternative_plain_html(inhalt.text.clone(), inhalt.html.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: i64, titel: &str, gruppe: &str) -> Mitteilung {
        Mitteilung {
            id,
            zeit_ms: 1_795_378_500_000,
            art: "beitrag".into(),
            titel: titel.into(),
            pfad: format!("/forum/thema/{id}"),
            auszug: "Text <b>mit</b> & Zeichen".into(),
            von: "Kora Koordination".into(),
            neu: true,
            gruppe: gruppe.into(),
        }
    }

    #[test]
    fn digests_group_and_escape() {
        let gruppen = vec![
            ("Themenfeld Bauen & Wohnen".to_string(), vec![m(1, "Re: <Frage>", "x"), m(2, "Zweites", "x")]),
            ("Aktuelles alle Meldungen".to_string(), vec![m(3, "Drittes", "y")]),
        ];
        let i = zusammenstellen(
            Art::Taeglich,
            "Anna",
            &gruppen,
            "https://atlas.example",
            "https://atlas.example/abmelden/t/taeglich",
        );
        assert_eq!(i.betreff, "[OZG-Atlas NRW] Ihre tägliche Zusammenfassung: 3 Neuigkeiten");
        assert!(
            i.text.contains("== Themenfeld Bauen & Wohnen ==")
                && i.text.contains("https://atlas.example/forum/thema/2")
        );
        assert!(i.html.contains("<h2>Themenfeld Bauen &amp; Wohnen</h2>") && i.html.contains("Re: &lt;Frage&gt;"));
        assert!(!i.html.contains("<b>mit</b>"), "excerpts are text, never markup");
        let n = nachricht(
            &"OZG-Atlas <noreply@atlas.example>".parse().unwrap(),
            "anna@ahaus.de".parse().unwrap(),
            &i,
            "https://atlas.example/abmelden/t/taeglich",
        )
        .unwrap();
        let roh = String::from_utf8(n.formatted()).unwrap();
        assert!(roh.contains("List-Unsubscribe: <https://atlas.example/abmelden/t/taeglich>"), "{roh}");
        assert!(roh.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "{roh}");
        assert!(roh.contains("multipart/alternative"), "{roh}");
    }
}
