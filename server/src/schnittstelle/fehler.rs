//! Errors of the open API as `application/problem+json` (RFC 9457), in German: a `type` that
//! points into the documentation, a `title` per kind, the `detail` for this request and, where a
//! parameter is at fault, its name – the API's "message at the field".

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub const PROBLEM_JSON: &str = "application/problem+json";

#[derive(Debug, thiserror::Error)]
pub enum Problem {
    /// A parameter is unknown, repeated, too long or has a value it cannot have.
    #[error("{meldung}")]
    Parameter { parameter: String, meldung: String },
    /// The query as a whole cannot be read (too long, not URL-encoded, a control character).
    #[error("{0}")]
    Anfrage(String),
    #[error("{0}")]
    NichtGefunden(String),
    /// Too many requests from one network (set by the limits in `last`, with `Retry-After`).
    #[error("{0}")]
    Gedrosselt(String),
    /// The server is busy with as many whole-result files as it allows (`last`, `Retry-After`).
    #[error("{0}")]
    Ueberlastet(String),
    #[error("Die Schnittstelle ist nur lesbar: erlaubt sind GET, HEAD und OPTIONS.")]
    Methode,
    #[error("Die Datenbank antwortet gerade nicht. Bitte versuchen Sie es in einigen Sekunden erneut.")]
    Datenbank(#[from] app::store::StoreError),
}

impl Problem {
    pub fn parameter(parameter: &str, meldung: impl Into<String>) -> Problem {
        Problem::Parameter { parameter: parameter.to_string(), meldung: meldung.into() }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Problem::Parameter { .. } | Problem::Anfrage(_) => StatusCode::BAD_REQUEST,
            Problem::NichtGefunden(_) => StatusCode::NOT_FOUND,
            Problem::Methode => StatusCode::METHOD_NOT_ALLOWED,
            Problem::Gedrosselt(_) => StatusCode::TOO_MANY_REQUESTS,
            Problem::Ueberlastet(_) | Problem::Datenbank(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The anchor of this kind in the documentation page, and its title.
    fn art(&self) -> (&'static str, &'static str) {
        match self {
            Problem::Parameter { .. } => ("ungueltiger-parameter", "Ungültiger Parameter"),
            Problem::Anfrage(_) => ("ungueltige-anfrage", "Ungültige Anfrage"),
            Problem::NichtGefunden(_) => ("nicht-gefunden", "Nicht gefunden"),
            Problem::Methode => ("methode", "Methode nicht erlaubt"),
            Problem::Gedrosselt(_) => ("zu-viele-anfragen", "Zu viele Anfragen"),
            Problem::Ueberlastet(_) => ("ausgelastet", "Server ausgelastet"),
            Problem::Datenbank(_) => ("nicht-verfuegbar", "Vorübergehend nicht verfügbar"),
        }
    }

    /// Every kind of problem (anchor, title, status), for the documentation page.
    pub fn arten() -> Vec<(&'static str, &'static str, u16)> {
        let beispiele = [
            Problem::parameter("limit", ""),
            Problem::Anfrage(String::new()),
            Problem::NichtGefunden(String::new()),
            Problem::Methode,
            Problem::Gedrosselt(String::new()),
            Problem::Ueberlastet(String::new()),
            Problem::Datenbank(app::store::StoreError::Intern(String::new())),
        ];
        beispiele.iter().map(|p| (p.art().0, p.art().1, p.status().as_u16())).collect()
    }

    pub fn koerper(&self, instanz: &str) -> ProblemKoerper {
        let (anker, titel) = self.art();
        ProblemKoerper {
            r#type: format!("{}#problem-{anker}", super::DOKU),
            title: titel.to_string(),
            status: self.status().as_u16(),
            detail: self.to_string(),
            instance: instanz.chars().take(300).collect(),
            parameter: match self {
                Problem::Parameter { parameter, .. } => Some(parameter.clone()),
                _ => None,
            },
        }
    }

    pub fn antwort(&self, instanz: &str) -> Response {
        if let Problem::Datenbank(e) = self {
            tracing::error!(error = %e, "Schnittstelle: Datenbankfehler");
        }
        let mut r = ProblemKoerper::antwort(&self.koerper(instanz));
        if matches!(self, Problem::Methode) {
            r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, OPTIONS"));
        }
        if matches!(self, Problem::Datenbank(_)) {
            r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
        }
        r
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        // The instance is filled in by the API's middleware, which knows the path.
        self.antwort("")
    }
}

/// The body of every error answer.
#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[schema(example = json!({
    "type": "/api/v1/doku#problem-ungueltiger-parameter",
    "title": "Ungültiger Parameter",
    "status": 400,
    "detail": "„limit“ ist eine ganze Zahl von 1 bis 100.",
    "instance": "/api/v1/leistungen",
    "parameter": "limit"
}))]
pub struct ProblemKoerper {
    /// Where the kind of problem is explained (relative to this server).
    pub r#type: String,
    pub title: String,
    pub status: u16,
    /// What went wrong in this request, in German.
    pub detail: String,
    /// The path of the request.
    pub instance: String,
    /// The query parameter at fault, if one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl ProblemKoerper {
    pub fn antwort(&self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let text = serde_json::to_string(self).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, PROBLEM_JSON)], text).into_response()
    }
}
