//! Server functions, one file per domain. Each reads the database from the request context.

pub mod aktuelles;
pub mod anliegen;
pub mod dienstleister;
pub mod dokument;
pub mod forum;
pub mod infoverteiler;
pub mod karte;
pub mod katalog;
pub mod kommune;
pub mod konto;
pub mod lieferung;
pub mod linkpruefung;
pub mod loesung;
pub mod protokoll;
pub mod rechtstext;
pub mod roadmap;
pub mod rundschreiben;
pub mod steckbrief;
pub mod themenfeld;
pub mod veranstaltung;
pub mod verwaltung;
pub mod workshop;
pub mod zustaendigkeit;

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::error::AppError;
    use crate::store::Db;
    use leptos::prelude::use_context;

    pub fn db() -> Result<Db, AppError> {
        use_context::<Db>().ok_or(AppError::Datenbank)
    }

    /// A form read by its model, then its links checked by the store (`bezuege_pruefen`): every
    /// message at its field.
    pub fn mit_feldfehlern<T>(daten: T, fehler: Vec<(&'static str, String)>) -> Result<T, AppError> {
        if fehler.is_empty() {
            return Ok(daten);
        }
        Err(AppError::Eingabe(fehler.into_iter().map(|(f, m)| crate::error::Feldfehler::neu(f, m)).collect()))
    }

    /// After a commit that wrote a live event: wake this server's reader now (on PostgreSQL the
    /// NOTIFY does that for every server; this only saves the SQLite reader its poll).
    pub fn live_wecken() {
        if let Some(l) = use_context::<crate::live::Live>() {
            l.wecken();
        }
    }

    /// An error with `Retry-After`: when to try again (429, 503). The status itself follows the
    /// error at the boundary (see [`crate::error`]).
    pub fn spaeter(e: AppError, sekunden: u64) -> AppError {
        if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
            r.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(sekunden));
        }
        e
    }

    /// Appends a `Set-Cookie` to the answer (several may be set).
    pub fn cookie(wert: String) {
        if let (Some(r), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&wert)) {
            r.append_header(http::header::SET_COOKIE, v);
        }
    }

    /// Turned away by a [`crate::schranke::Schranke`]: 503 with `Retry-After`.
    pub fn ueberlastet(u: crate::schranke::Ueberlast) -> AppError {
        let sekunden = u.sekunden;
        spaeter(u.into(), sekunden)
    }

    /// A catalog result through the query cache of this server (if the router provided one).
    pub async fn gemerkt<T, F, Fut>(abfrage: &'static str, parameter: String, laden: F) -> Result<T, AppError>
    where
        T: Clone + serde::Serialize + Send + Sync + 'static,
        F: FnOnce(Db) -> Fut,
        Fut: Future<Output = crate::store::StoreResult<T>>,
    {
        let db = db()?;
        let ergebnis = match use_context::<crate::store::abfragespeicher::Abfragespeicher>() {
            Some(speicher) => {
                let gelesen = use_context::<http::request::Parts>()
                    .and_then(|p| p.extensions.get::<crate::store::abfragespeicher::GelesenVorDemRendern>().copied());
                speicher.holen(&db, gelesen, abfrage, parameter, || laden(db.clone())).await
            }
            None => laden(db).await,
        };
        Ok(ergebnis?)
    }

    /// Sender of the current request, as the server's session middleware resolved it.
    pub fn anfrager() -> crate::sitzung::Anfrager {
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<crate::sitzung::Anfrager>().cloned())
            .unwrap_or_default()
    }

    /// The logged-in person, or 401.
    pub fn angemeldet() -> Result<crate::model::konto::Angemeldet, AppError> {
        anfrager().person.ok_or(AppError::NichtAngemeldet)
    }

    /// The logged-in person if they hold the right; 401 without login, 403 without the right.
    /// Every write calls this (or [`angemeldet`]) before it touches anything.
    pub fn pflicht(recht: crate::model::konto::Recht<'_>) -> Result<crate::model::konto::Angemeldet, AppError> {
        let person = angemeldet()?;
        if person.darf(recht) {
            Ok(person)
        } else {
            tracing::warn!(benutzer = person.id, ?recht, "Schreibzugriff ohne Berechtigung abgewiesen");
            Err(AppError::KeineBerechtigung)
        }
    }

    /// Empty form fields are "no value".
    pub fn text(s: String) -> Option<String> {
        let t = s.trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// A text field with a maximum length; collects the message for the field.
    pub fn begrenzt(
        feld: &str,
        label: &str,
        wert: String,
        max: usize,
        fehler: &mut Vec<crate::error::Feldfehler>,
    ) -> Option<String> {
        let t = text(wert);
        if t.as_ref().is_some_and(|t| t.chars().count() > max) {
            fehler.push(crate::error::Feldfehler::neu(feld, format!("{label}: höchstens {max} Zeichen.")));
        }
        t
    }

    pub fn eingabe_pruefen(fehler: Vec<crate::error::Feldfehler>) -> Result<(), AppError> {
        if fehler.is_empty() { Ok(()) } else { Err(AppError::Eingabe(fehler)) }
    }

    /// Today, as every page counts it (UTC date; the page cache is keyed by it).
    pub fn heute() -> chrono::NaiveDate {
        chrono::Utc::now().date_naive()
    }

    pub fn gefunden<T>(wert: Option<T>, was: &str) -> Result<T, AppError> {
        wert.ok_or_else(|| AppError::NichtGefunden(format!("{was} wurde nicht gefunden.")))
    }
}
