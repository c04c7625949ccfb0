//! The API's documentation page (`/api/v1/doku`), rendered by the server from the same OpenAPI
//! description it serves: every operation with its parameters and one example each, the kinds of
//! problem (the anchors that `type` points to), and the rules. No script, no CDN; the portal's
//! stylesheet only, under its own Content-Security-Policy.

use super::PRAEFIX;
use super::fehler::Problem;
use app::model::text::xml;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::fmt::Write;
use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::{RefOr, Required};

/// One example per operation: path, query, what it shows. A test calls each; another holds the
/// list complete against the description.
/// One example per operation: (path as described, the address to call, what it shows).
pub const BEISPIELE: &[(&str, &str, &str)] = &[
    ("/api/v1/themenfelder", "/api/v1/themenfelder", "alle Themenfelder mit ihren Kennzahlen"),
    ("/api/v1/lebenslagen", "/api/v1/lebenslagen", "alle Lebenslagen mit ihrem Themenfeld"),
    ("/api/v1/kreise", "/api/v1/kreise", "die Kreise und kreisfreien Städte"),
    ("/api/v1/dienstleister", "/api/v1/dienstleister", "die IT-Dienstleister mit ihren Gebieten"),
    ("/api/v1/leistungen", "/api/v1/leistungen?tf=2&limit=5", "fünf OZG-Leistungen des Themenfelds 2"),
    ("/api/v1/leika", "/api/v1/leika?q=hund&limit=5", "LeiKa-Leistungen, deren Name mit „hund“ beginnt"),
    ("/api/v1/kommunen", "/api/v1/kommunen?sort=-einwohner&limit=10", "die zehn einwohnerstärksten Kommunen"),
    ("/api/v1/onlinedienste", "/api/v1/onlinedienste?status=live&limit=5", "fünf Online-Dienste in Betrieb"),
    ("/api/v1/projekte", "/api/v1/projekte?sort=-rollout&limit=5", "die fünf Projekte mit dem spätesten Roll-out"),
    (
        "/api/v1/veranstaltungen",
        "/api/v1/veranstaltungen?art=info&sort=datum",
        "die Informationsveranstaltungen nach Datum",
    ),
    ("/api/v1/dokumente", "/api/v1/dokumente?q=ozg&sort=titel", "die Dokumente zum Stichwort „OZG“ nach Titel"),
    ("/api/v1/leistungen/{ozg_id}", "/api/v1/leistungen/10257", "die OZG-Leistung Einbürgerung"),
    ("/api/v1/leika/{id}", "/api/v1/leika/2", "die LeiKa-Leistung aus Zeile 2 der Quelldatei"),
    ("/api/v1/kommunen/{ags}", "/api/v1/kommunen/05554004", "die Stadt Ahaus"),
    ("/api/v1/onlinedienste/{id}", "/api/v1/onlinedienste/1", "der Online-Dienst 1 mit seinen Kommunen"),
    ("/api/v1/projekte/{id}", "/api/v1/projekte/1", "das Umsetzungsprojekt 1"),
    ("/api/v1/veranstaltungen/{id}", "/api/v1/veranstaltungen/1", "die Veranstaltung 1"),
    ("/api/v1/dokumente/{id}", "/api/v1/dokumente/1", "das Dokument 1"),
    ("/api/v1/bund/data", "/api/v1/bund/data?size=10", "die ersten zehn Zeilen für ganz NRW"),
    (
        "/api/v1/bund/data/{ars}",
        "/api/v1/bund/data/055540004004?size=20",
        "die Online-Dienste in Ahaus, mit den landesweiten",
    ),
    (
        "/api/v1/bund/ars",
        "/api/v1/bund/ars?size=60",
        "das Land, die Bezirke und die ersten Kreise mit Regionalschlüssel",
    ),
    ("/api/v1/dcat", "/api/v1/dcat", "der Katalog der Datensätze nach DCAT-AP.de (RDF/XML)"),
];

/// No script may run; the portal's stylesheet may load.
const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; \
                   frame-ancestors 'none'";

/// The example of an operation: (address, what it shows).
fn beispiel(pfad: &str) -> Option<(&'static str, &'static str)> {
    BEISPIELE.iter().find(|(p, _, _)| *p == pfad).map(|(_, url, was)| (*url, *was))
}

fn operation(html: &mut String, pfad: &str, op: &utoipa::openapi::path::Operation) {
    let anker: String = pfad
        .trim_start_matches(PRAEFIX)
        .trim_start_matches('/')
        .replace('/', "-")
        .chars()
        .filter(|c| !matches!(c, '{' | '}'))
        .collect();
    let _ = write!(
        html,
        "<section aria-labelledby=\"op-{anker}\"><h3 id=\"op-{anker}\"><code>GET {}</code></h3>",
        xml(pfad)
    );
    for text in [&op.summary, &op.description].into_iter().flatten() {
        let _ = write!(html, "<p>{}</p>", xml(text));
    }
    if let Some((url, was)) = beispiel(pfad) {
        let _ = write!(html, "<p>Beispiel ({}): <a href=\"{}\"><code>{}</code></a></p>", xml(was), xml(url), xml(url));
    }
    let parameter: Vec<_> = op
        .parameters
        .iter()
        .flatten()
        .filter_map(|p| match p {
            RefOr::T(p) if matches!(p.parameter_in, ParameterIn::Query) => Some(p),
            _ => None,
        })
        .collect();
    if parameter.is_empty() {
        html.push_str("<p>Keine Parameter.</p></section>");
        return;
    }
    let _ = write!(
        html,
        "<div class=\"tabelle-rahmen\" role=\"region\" aria-labelledby=\"op-{anker}\" tabindex=\"0\"><table>\
         <caption>Parameter von <code>{}</code></caption><thead><tr><th scope=\"col\">Name</th>\
         <th scope=\"col\">Pflicht</th><th scope=\"col\">Bedeutung</th></tr></thead><tbody>",
        xml(pfad)
    );
    for p in parameter {
        let pflicht = if matches!(p.required, Required::True) { "ja" } else { "nein" };
        let _ = write!(
            html,
            "<tr><td><code>{}</code></td><td>{pflicht}</td><td>{}</td></tr>",
            xml(&p.name),
            xml(p.description.as_deref().unwrap_or_default())
        );
    }
    html.push_str("</tbody></table></div></section>");
}

fn probleme(html: &mut String) {
    html.push_str(
        "<h2 id=\"fehler\">Fehler</h2><p>Fehler kommen als <code>application/problem+json</code> (RFC 9457) mit \
         <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> (was an dieser Anfrage \
         falsch war), <code>instance</code> (der Pfad) und, wo ein Parameter schuld ist, <code>parameter</code>.</p><dl>",
    );
    for (anker, titel, status) in Problem::arten() {
        let _ = write!(html, "<dt id=\"problem-{anker}\">{status} – {}</dt>", xml(titel));
        let wann = match anker {
            "ungueltiger-parameter" => "Ein Parameter ist unbekannt, doppelt, zu lang oder hat einen unmöglichen Wert.",
            "ungueltige-anfrage" => "Die Abfrage als Ganzes ist zu lang, nicht lesbar oder hat zu viele Parameter.",
            "nicht-gefunden" => "Diese Adresse gibt es in der Schnittstelle nicht.",
            "methode" => "Die Schnittstelle ist nur lesbar (GET, HEAD, OPTIONS).",
            "zu-viele-anfragen" => "Zu viele Anfragen aus einem Netz; Retry-After sagt, wann es weitergeht.",
            "ausgelastet" => {
                "Der Server erstellt gerade so viele ganze Dateien (filetype), wie er zugleich darf; nach Retry-After erneut."
            }
            _ => "Die Datenbank antwortet gerade nicht; bitte nach Retry-After erneut versuchen.",
        };
        let _ = write!(html, "<dd>{wann}</dd>");
    }
    html.push_str("</dl>");
}

const REGELN: &str = "<h2 id=\"regeln\">Regeln</h2><ul>\
<li>Ohne Anmeldung, nur lesend. Je Netz 20 Anfragen je Sekunde (kurz 80); darüber 429 mit Retry-After.</li>\
<li>Listen blättern mit <code>limit</code> (1–100, Standard 25) und <code>cursor</code>: den Wert von \
<code>naechste</code> unverändert übernehmen (auch im Kopf <code>Link</code>, rel=\"next\"). Die Marke setzt genau \
hinter der letzten Zeile fort, auch wenn sich davor etwas änderte.</li>\
<li>Filter wie auf den Katalogseiten: mehrere Werte mit demselben Namen, <code>nicht_…=1</code> verneint, \
<code>-</code> heißt „nicht erfasst“; <code>q</code> sucht nach Wortanfängen.</li>\
<li>Bedingte Abrufe: <code>ETag</code> mit <code>If-None-Match</code>, <code>Last-Modified</code> mit \
<code>If-Modified-Since</code> – 304, solange sich nichts änderte.</li>\
<li>CORS: GET von jeder Herkunft.</li>\
<li>Die Daten stammen aus öffentlichen Quellen; ihre Lizenzen stehen unter <a href=\"/quellen\">Quellen</a> und \
gelten auch für die Antworten der Schnittstelle.</li>\
<li>Version 1 ändert sich nur abwärtskompatibel (neue Pfade, Felder, Filter). Eine inkompatible Änderung \
bekommt <code>/api/v2</code>; v1 läuft dann mindestens zwölf Monate weiter, abgekündigte Pfade tragen \
<code>Deprecation</code> und <code>Sunset</code>. Unbekannte Felder bitte ignorieren.</li></ul>";

/// The page as HTML (no user input in it: only the description and fixed texts, escaped).
pub fn seite() -> String {
    let doc = super::openapi::dokument();
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Offene Schnittstelle – OZG-Atlas NRW</title><link rel=\"stylesheet\" href=\"/pkg/ozg-atlas.css\">\
         </head><body><header><p><a href=\"/\">OZG-Atlas NRW</a></p></header><main id=\"inhalt\">",
    );
    let _ = write!(
        html,
        "<h1>Offene Schnittstelle (Version {})</h1><p>{}</p><p>Beschreibung als OpenAPI 3.1: \
         <a href=\"{PRAEFIX}/openapi.json\"><code>{PRAEFIX}/openapi.json</code></a> – für Client-Generatoren.</p>",
        xml(&doc.info.version),
        xml(doc.info.description.as_deref().unwrap_or_default())
    );
    html.push_str(REGELN);
    html.push_str("<h2 id=\"endpunkte\">Endpunkte</h2>");
    for (pfad, item) in &doc.paths.paths {
        if let Some(op) = &item.get {
            operation(&mut html, pfad, op);
        }
    }
    probleme(&mut html);
    html.push_str(
        "</main><footer><p><a href=\"/impressum\">Impressum</a> · <a href=\"/datenschutz\">Datenschutz</a> · \
                   <a href=\"/barrierefreiheit\">Barrierefreiheit</a></p></footer></body></html>",
    );
    html
}

pub async fn handler() -> Response {
    let mut r = ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], seite()).into_response();
    r.headers_mut().insert("content-security-policy", HeaderValue::from_static(CSP));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_an_example_and_the_page_links_it() {
        let doc = super::super::openapi::dokument();
        let seite = seite();
        for (pfad, item) in &doc.paths.paths {
            if item.get.is_some() {
                let (url, _) = beispiel(pfad).unwrap_or_else(|| panic!("{pfad}: Beispiel fehlt in BEISPIELE"));
                assert!(seite.contains(&format!("href=\"{}\"", xml(url))), "{pfad}");
            }
        }
        for (anker, _, _) in Problem::arten() {
            assert!(seite.contains(&format!("id=\"problem-{anker}\"")), "{anker}");
        }
        assert_eq!(super::super::DOKU, "/api/v1/doku");
    }
}
