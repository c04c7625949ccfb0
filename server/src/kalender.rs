//! Calendar feeds (iCalendar, RFC 5545) of the Veranstaltungen, as Outlook and Thunderbird take
//! them: `/kalender/veranstaltungen.ics` (all), `/kalender/themenfeld-<slug>.ics`,
//! `/kalender/veranstaltung-<id>.ics` (one event) and `/kalender/persoenlich-<token>.ics` (a
//! person's own registrations, behind a secret that they can renew or revoke).
//!
//! Times are Europe/Berlin wall-clock times with the zone's VTIMEZONE; UIDs stay the same for
//! the life of an event; SEQUENCE is the event's version (raised on every change); cancelled
//! events stay in the feed as STATUS:CANCELLED so that subscribed calendars remove them. A date
//! known only to the month or quarter becomes an all-day span over it, marked TENTATIVE and free
//! (TRANSP:TRANSPARENT) so that it blocks nobody's calendar.

use app::model::veranstaltung::{Teilnahme, Termin, Veranstaltung};
use app::store::{self, Db};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Days, NaiveDate, Utc};

#[derive(Debug, thiserror::Error)]
pub enum KalenderFehler {
    #[error(
        "Diesen Kalender gibt es nicht. Möglich: veranstaltungen.ics, themenfeld-<kürzel>.ics, veranstaltung-<nummer>.ics."
    )]
    Unbekannt,
    #[error("Diese Abo-Adresse ist nicht (mehr) gültig. Auf der Seite „Meine Veranstaltungen“ erhalten Sie eine neue.")]
    Ungueltig,
    #[error("Der Kalender ist gerade nicht abrufbar: Die Datenbank antwortet nicht.")]
    Datenbank(#[from] store::StoreError),
}

impl IntoResponse for KalenderFehler {
    fn into_response(self) -> Response {
        let status = match &self {
            KalenderFehler::Unbekannt | KalenderFehler::Ungueltig => StatusCode::NOT_FOUND,
            KalenderFehler::Datenbank(e) => {
                tracing::error!(error = %e, "Kalender: Datenbankfehler");
                StatusCode::SERVICE_UNAVAILABLE
            }
        };
        (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], self.to_string()).into_response()
    }
}

const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n\
DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11).
fn text(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => t.push_str("\\\\"),
            ';' => t.push_str("\\;"),
            ',' => t.push_str("\\,"),
            '\n' => t.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => t.push(c),
        }
    }
    t
}

/// One content line, folded after at most 75 octets without splitting a character (3.1).
fn zeile(ausgabe: &mut String, inhalt: &str) {
    let mut laenge = 0;
    for c in inhalt.chars() {
        if laenge + c.len_utf8() > 75 {
            ausgabe.push_str("\r\n ");
            laenge = 1;
        }
        ausgabe.push(c);
        laenge += c.len_utf8();
    }
    ausgabe.push_str("\r\n");
}

fn utc(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default().format("%Y%m%dT%H%M%SZ").to_string()
}

fn datum(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// DTSTART/DTEND lines of a date: times in Europe/Berlin, otherwise whole days (the end is the
/// day after the last, as RFC 5545 counts it).
fn zeitraum(t: &Termin) -> Vec<String> {
    match *t {
        Termin::Zeit { tag, beginn, ende } => {
            let mut v = vec![format!("DTSTART;TZID=Europe/Berlin:{}T{}", datum(tag), beginn.format("%H%M%S"))];
            if let Some(e) = ende {
                v.push(format!("DTEND;TZID=Europe/Berlin:{}T{}", datum(tag), e.format("%H%M%S")));
            }
            v
        }
        _ => {
            let nach = t.bis().checked_add_days(Days::new(1)).unwrap_or(t.bis());
            vec![format!("DTSTART;VALUE=DATE:{}", datum(t.von())), format!("DTEND;VALUE=DATE:{}", datum(nach))]
        }
    }
}

/// What a feed entry carries beyond the public event.
pub struct Extra {
    pub teilnahme: Option<Teilnahme>,
    pub online_url: Option<String>,
}

fn beschreibung(v: &Veranstaltung, basis: &str, extra: &Extra) -> String {
    let mut b = vec![format!("{}: {}", v.art.label(), v.termin.anzeigen())];
    if let Some(g) = v.termin.genauigkeit_text() {
        b.push(format!("({g})"));
    }
    if let Some(h) = &v.termin_hinweis {
        b.push(format!("Hinweis zum Termin: {h}"));
    }
    if let Some(t) = extra.teilnahme {
        b.push(format!("Sie sind {}.", t.anzeigen()));
    }
    if let Some(u) = &extra.online_url {
        b.push(format!("Online-Teilnahme: {u}"));
    }
    if let Some(text) = &v.beschreibung {
        b.push(text.clone());
    }
    if !v.agenda.is_empty() {
        b.push(format!("Agenda:\n{}", v.agenda.join("\n")));
    }
    b.push(format!("Mehr und Anmeldung: {basis}{}", app::pfad::veranstaltung(v.id)));
    b.join("\n\n")
}

/// One VEVENT.
fn ereignis(aus: &mut String, v: &Veranstaltung, basis: &str, extra: &Extra) {
    zeile(aus, "BEGIN:VEVENT");
    zeile(aus, &format!("UID:veranstaltung-{}@ozg-atlas-nrw", v.id));
    zeile(aus, &format!("DTSTAMP:{}", utc(v.geaendert_ms)));
    zeile(aus, &format!("LAST-MODIFIED:{}", utc(v.geaendert_ms)));
    zeile(aus, &format!("SEQUENCE:{}", (v.version - 1).max(0)));
    for z in zeitraum(&v.termin) {
        zeile(aus, &z);
    }
    zeile(aus, &format!("SUMMARY:{}", text(&v.titel)));
    if let Some(ort) = v.ort_text() {
        zeile(aus, &format!("LOCATION:{}", text(&ort)));
    }
    zeile(aus, &format!("DESCRIPTION:{}", text(&beschreibung(v, basis, extra))));
    zeile(aus, &format!("URL:{basis}{}", app::pfad::veranstaltung(v.id)));
    zeile(aus, &format!("CATEGORIES:{}", text(v.art.label())));
    let status = if v.abgesagt {
        "CANCELLED"
    } else if !v.termin.hat_tag() || matches!(extra.teilnahme, Some(Teilnahme::Warteliste(_))) {
        "TENTATIVE"
    } else {
        "CONFIRMED"
    };
    zeile(aus, &format!("STATUS:{status}"));
    zeile(aus, if v.termin.hat_tag() { "TRANSP:OPAQUE" } else { "TRANSP:TRANSPARENT" });
    zeile(aus, "END:VEVENT");
}

/// A whole calendar.
pub fn kalender(name: &str, eintraege: &[(Veranstaltung, Extra)], basis: &str) -> String {
    let mut aus = String::new();
    for z in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//OZG-Atlas NRW//Veranstaltungen//DE",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        zeile(&mut aus, z);
    }
    zeile(&mut aus, &format!("X-WR-CALNAME:{}", text(name)));
    zeile(&mut aus, "X-WR-TIMEZONE:Europe/Berlin");
    zeile(&mut aus, "REFRESH-INTERVAL;VALUE=DURATION:PT6H");
    zeile(&mut aus, "X-PUBLISHED-TTL:PT6H");
    aus.push_str(VTIMEZONE);
    for (v, extra) in eintraege {
        ereignis(&mut aus, v, basis, extra);
    }
    zeile(&mut aus, "END:VCALENDAR");
    aus
}

fn oeffentlich(v: Veranstaltung) -> (Veranstaltung, Extra) {
    (v, Extra { teilnahme: None, online_url: None })
}

pub async fn handler(
    State(db): State<Db>,
    State(sicherheit): State<crate::sicherheit::Sicherheit>,
    kopf: HeaderMap,
    Path(datei): Path<String>,
) -> Result<Response, KalenderFehler> {
    let name = datei.strip_suffix(".ics").ok_or(KalenderFehler::Unbekannt)?;
    let basis = sicherheit.basis(&kopf);
    let (titel, eintraege, privat) = if name == "veranstaltungen" {
        let alle = store::veranstaltung::alle(&db).await?;
        ("OZG-Veranstaltungen NRW".to_string(), alle.into_iter().map(oeffentlich).collect(), false)
    } else if let Some(slug) = name.strip_prefix("themenfeld-") {
        let alle = store::veranstaltung::alle(&db).await?;
        let im_tf: Vec<_> =
            alle.into_iter().filter(|v| v.themenfeld.as_ref().is_some_and(|t| t.2 == slug)).map(oeffentlich).collect();
        let tf_name = im_tf.first().and_then(|(v, _)| v.themenfeld.as_ref().map(|t| t.1.clone()));
        let Some(tf_name) = tf_name.or(store::themenfeld::id_und_name(&db, slug).await?.map(|t| t.1)) else {
            return Err(KalenderFehler::Unbekannt);
        };
        (format!("OZG-Veranstaltungen {tf_name}"), im_tf, false)
    } else if let Some(id) = name.strip_prefix("veranstaltung-") {
        let id: i64 = id.parse().map_err(|_| KalenderFehler::Unbekannt)?;
        let v = store::veranstaltung::eine(&db, id).await?.ok_or(KalenderFehler::Unbekannt)?;
        (v.titel.clone(), vec![oeffentlich(v)], false)
    } else if let Some(token) = name.strip_prefix("persoenlich-") {
        let person = store::veranstaltung::kalender::person(&db, token).await?.ok_or(KalenderFehler::Ungueltig)?;
        ("Meine OZG-Veranstaltungen".to_string(), persoenlich(&db, person).await?, true)
    } else {
        return Err(KalenderFehler::Unbekannt);
    };
    let mut antwort = kalender(&titel, &eintraege, &basis).into_response();
    let h = antwort.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if privat { "private, no-store" } else { "public, max-age=300" }),
    );
    if privat {
        // The secret is in the address: it must not travel on in a Referer.
        h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    }
    Ok(antwort)
}

/// A person's registrations, with the online link where they have a seat.
async fn persoenlich(db: &Db, person: i64) -> Result<Vec<(Veranstaltung, Extra)>, store::StoreError> {
    let mut v = vec![];
    for (x, t) in store::veranstaltung::teilnahme::meine_veranstaltungen(db, person).await? {
        let online_url =
            if t == Teilnahme::Platz && x.online { store::veranstaltung::online_url(db, x.id).await? } else { None };
        v.push((x, Extra { teilnahme: Some(t), online_url }));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_without_splitting_characters() {
        let mut aus = String::new();
        zeile(&mut aus, &format!("SUMMARY:{}", "Ä".repeat(100)));
        for z in aus.split("\r\n").filter(|z| !z.is_empty()) {
            assert!(z.len() <= 75, "{} octets: {z}", z.len());
        }
        let entfaltet = aus.replace("\r\n ", "");
        assert_eq!(entfaltet, format!("SUMMARY:{}\r\n", "Ä".repeat(100)));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne\r\u{7}"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn imprecise_dates_become_all_day_spans() {
        let q = Termin::lesen("Q1 2020").unwrap();
        assert_eq!(zeitraum(&q), vec!["DTSTART;VALUE=DATE:20200101", "DTEND;VALUE=DATE:20200401"]);
        let t = Termin::lesen("03.12.2019 10:00–16:00").unwrap();
        assert_eq!(
            zeitraum(&t),
            vec!["DTSTART;TZID=Europe/Berlin:20191203T100000", "DTEND;TZID=Europe/Berlin:20191203T160000"]
        );
        let d = Termin::lesen("18.10.2019").unwrap();
        assert_eq!(zeitraum(&d), vec!["DTSTART;VALUE=DATE:20191018", "DTEND;VALUE=DATE:20191019"]);
    }
}
