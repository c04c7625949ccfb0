//! News feeds (Atom, RFC 4287) of Aktuelles: `/feed/aktuelles.atom` (all current Meldungen) and
//! `/feed/themenfeld-<slug>.atom` (one Themenfeld's). Only what the public list shows: current
//! items, never planned ones. Each entry carries the sanitised HTML of its text (escaped, as
//! `type="html"`), its page as `link` and `id`, the first day as `published`, the last change as
//! `updated` – so a feed reader shows an edited item as updated, not as new.

use app::model::aktuelles::Meldung;
use app::model::infoverteiler::Mitteilung;
use app::store::{self, Db};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};

/// Entries per feed: readers poll the feed, they do not page through it.
const MAX_EINTRAEGE: usize = 50;

#[derive(Debug, thiserror::Error)]
pub enum FeedFehler {
    #[error("Diesen Feed gibt es nicht. Möglich: aktuelles.atom und themenfeld-<kürzel>.atom.")]
    Unbekannt,
    #[error("Der Feed ist gerade nicht abrufbar: Die Datenbank antwortet nicht.")]
    Datenbank(#[from] store::StoreError),
}

impl IntoResponse for FeedFehler {
    fn into_response(self) -> Response {
        let status = match &self {
            FeedFehler::Unbekannt => StatusCode::NOT_FOUND,
            FeedFehler::Datenbank(e) => {
                tracing::error!(error = %e, "Feed: Datenbankfehler");
                StatusCode::SERVICE_UNAVAILABLE
            }
        };
        (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], self.to_string()).into_response()
    }
}

/// Text for XML element content and attribute values.
fn xml(s: &str) -> String {
    let mut t = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => t.push_str("&amp;"),
            '<' => t.push_str("&lt;"),
            '>' => t.push_str("&gt;"),
            '"' => t.push_str("&quot;"),
            '\'' => t.push_str("&apos;"),
            // Characters XML 1.0 does not allow (control characters other than tab and newlines).
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => t.push(c),
        }
    }
    t
}

fn zeit(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn tag(d: NaiveDate) -> String {
    format!("{}T00:00:00Z", d.format("%Y-%m-%d"))
}

fn eintrag(aus: &mut String, m: &Meldung, basis: &str) {
    let url = xml(&format!("{basis}{}", app::pfad::meldung(m.id)));
    aus.push_str("<entry>\n");
    aus.push_str(&format!("<id>{url}</id>\n<title type=\"text\">{}</title>\n", xml(&m.titel)));
    aus.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n"));
    aus.push_str(&format!("<published>{}</published>\n", tag(m.veroeffentlicht)));
    // `updated` is never before `published` (a Meldung written in advance for a later day).
    let geaendert = zeit(m.geaendert_ms).max(tag(m.veroeffentlicht));
    aus.push_str(&format!("<updated>{geaendert}</updated>\n"));
    aus.push_str(&format!("<category term=\"{}\"/>\n", xml(&m.bereich())));
    aus.push_str(&format!("<content type=\"html\">{}</content>\n</entry>\n", xml(&m.html)));
}

/// The feed document. `selbst`: its own address; `seite`: the page it mirrors.
pub fn feed(titel: &str, selbst: &str, seite: &str, meldungen: &[Meldung], jetzt_ms: i64) -> String {
    let aktualisiert = meldungen
        .iter()
        .map(|m| zeit(m.geaendert_ms).max(tag(m.veroeffentlicht)))
        .max()
        .unwrap_or_else(|| zeit(jetzt_ms));
    let mut aus = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">\n",
    );
    aus.push_str(&format!("<id>{}</id>\n<title type=\"text\">{}</title>\n", xml(selbst), xml(titel)));
    aus.push_str(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml(selbst)));
    aus.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml(seite)));
    aus.push_str(&format!("<updated>{aktualisiert}</updated>\n"));
    aus.push_str(
        "<author><name>Koordination OZG-Umsetzung NRW</name></author>\n<generator>OZG-Atlas NRW</generator>\n",
    );
    for m in meldungen.iter().take(MAX_EINTRAEGE) {
        let basis = selbst.split("/feed/").next().unwrap_or_default();
        eintrag(&mut aus, m, basis);
    }
    aus.push_str("</feed>\n");
    aus
}

pub async fn handler(
    State(db): State<Db>,
    State(sicherheit): State<crate::sicherheit::Sicherheit>,
    kopf: HeaderMap,
    Path(datei): Path<String>,
) -> Result<Response, FeedFehler> {
    let name = datei.strip_suffix(".atom").ok_or(FeedFehler::Unbekannt)?;
    let basis = sicherheit.basis(&kopf);
    if let Some(token) = name.strip_prefix("mein-") {
        return persoenlich(&db, token, &basis).await;
    }
    let heute = Utc::now().date_naive();
    let aktuelle = store::aktuelles::aktuelle(&db, heute).await?;
    let (titel, seite, meldungen) = if name == "aktuelles" {
        ("Aktuelles – OZG-Atlas NRW".to_string(), app::pfad::AKTUELLES.to_string(), aktuelle)
    } else if let Some(slug) = name.strip_prefix("themenfeld-") {
        let Some((id, tf_name)) = store::themenfeld::id_und_name(&db, slug).await? else {
            return Err(FeedFehler::Unbekannt);
        };
        let im_tf = aktuelle.into_iter().filter(|m| m.themenfeld.as_ref().is_some_and(|t| t.0 == id)).collect();
        (format!("Aktuelles {tf_name} – OZG-Atlas NRW"), app::pfad::themenfeld(slug), im_tf)
    } else {
        return Err(FeedFehler::Unbekannt);
    };
    let selbst = format!("{basis}/feed/{datei}");
    let text = feed(&titel, &selbst, &format!("{basis}{seite}"), &meldungen, store::jetzt_ms());
    let mut antwort = text.into_response();
    let h = antwort.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    Ok(antwort)
}

/// A person's own feed of what they follow (the last 30 days): behind the secret token, never
/// cached by anyone in between, not for search engines. An unknown or revoked token is 404.
async fn persoenlich(db: &Db, token: &str, basis: &str) -> Result<Response, FeedFehler> {
    let Some((id, name)) = store::infoverteiler::person_mit_feed(db, token).await? else {
        return Err(FeedFehler::Unbekannt);
    };
    let jetzt = store::jetzt_ms();
    let fenster =
        store::infoverteiler::Fenster { von_ms: jetzt - 30 * 24 * 3600 * 1000, bis_ms: jetzt + 1, versand: None };
    let liste = store::infoverteiler::mitteilungen(db, id, fenster, i64::MAX).await?;
    let selbst = format!("{basis}{}", app::pfad::feed_persoenlich(token));
    let text = mein_feed(&format!("Neu für {name} – OZG-Atlas NRW"), &selbst, basis, &liste, jetzt);
    let mut antwort = text.into_response();
    let h = antwort.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    Ok(antwort)
}

/// The personal feed's document: one entry per Mitteilung, its page as link, what of theirs it
/// concerns as category.
pub fn mein_feed(titel: &str, selbst: &str, basis: &str, liste: &[Mitteilung], jetzt_ms: i64) -> String {
    let aktualisiert = zeit(liste.iter().map(|m| m.zeit_ms).max().unwrap_or(jetzt_ms));
    let mut aus = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"de\">\n",
    );
    aus.push_str(&format!("<id>{}</id>\n<title type=\"text\">{}</title>\n", xml(selbst), xml(titel)));
    aus.push_str(&format!("<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n", xml(selbst)));
    let seite = format!("{basis}{}", app::pfad::NEU_FUER_MICH);
    aus.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml(&seite)));
    aus.push_str(&format!("<updated>{aktualisiert}</updated>\n<generator>OZG-Atlas NRW</generator>\n"));
    for m in liste.iter().take(MAX_EINTRAEGE) {
        aus.push_str("<entry>\n");
        aus.push_str(&format!("<id>{}#mitteilung-{}</id>\n", xml(&seite), m.id));
        aus.push_str(&format!("<title type=\"text\">{}: {}</title>\n", xml(m.art_label()), xml(&m.titel)));
        aus.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&format!("{basis}{}", m.pfad))
        ));
        aus.push_str(&format!(
            "<updated>{}</updated>\n<author><name>{}</name></author>\n",
            zeit(m.zeit_ms),
            xml(&m.von)
        ));
        aus.push_str(&format!("<category term=\"{}\"/>\n", xml(&m.gruppe)));
        aus.push_str(&format!("<summary type=\"text\">{}</summary>\n</entry>\n", xml(&m.auszug)));
    }
    aus.push_str("</feed>\n");
    aus
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::aktuelles::Stand;

    fn m(id: i64, titel: &str, html: &str) -> Meldung {
        Meldung {
            id,
            titel: titel.into(),
            html: html.into(),
            themenfeld: None,
            veroeffentlicht: NaiveDate::from_ymd_opt(2026, 12, 5).unwrap(),
            ablauf: None,
            geaendert_ms: 1_764_900_000_000,
            version: 1,
            stand: Stand::Aktuell,
        }
    }

    #[test]
    fn markup_in_titles_and_text_is_escaped_once() {
        let f = feed(
            "Aktuelles",
            "https://atlas.example/feed/aktuelles.atom",
            "https://atlas.example/aktuelles",
            &[m(7, "A & B <script>", "<p>x &amp; y</p>")],
            0,
        );
        assert!(f.contains("<title type=\"text\">A &amp; B &lt;script&gt;</title>"), "{f}");
        assert!(f.contains("<content type=\"html\">&lt;p&gt;x &amp;amp; y&lt;/p&gt;</content>"), "{f}");
        assert!(f.contains("<id>https://atlas.example/aktuelles/7</id>"), "{f}");
        assert!(!f.contains("<script"), "{f}");
    }

    #[test]
    fn control_characters_do_not_break_the_xml() {
        assert_eq!(xml("a\u{0}b\u{1b}c\td"), "abc\td");
    }

    #[test]
    fn an_empty_feed_is_still_valid_and_dated() {
        let f = feed("Leer", "http://h/feed/aktuelles.atom", "http://h/aktuelles", &[], 0);
        assert!(f.contains("<updated>1970-01-01T00:00:00Z</updated>") && !f.contains("<entry>"), "{f}");
    }
}
