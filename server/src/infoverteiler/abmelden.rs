//! `/abmelden/{token}/{was}`: the unsubscribe link of every Infoverteiler mail, without login.
//! GET shows a page with one button (so that link scanners of mail systems unsubscribe no one);
//! POST – from that button or from the mail program itself (RFC 8058 one-click, body
//! `List-Unsubscribe=One-Click`, never read) – stops the mails. The subscriptions stay in the
//! portal under "Neu für mich".

use app::store::Db;
use app::store::infoverteiler::{self as iv, Abmeldung};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AbmeldeFehler {
    #[error(
        "Dieser Abmelde-Link ist ungültig oder veraltet. Ihre Abonnements verwalten Sie nach der Anmeldung unter „Meine Abonnements“."
    )]
    Unbekannt,
    #[error(
        "Die Abmeldung ist gerade nicht möglich: Die Datenbank antwortet nicht. Bitte versuchen Sie es später noch einmal."
    )]
    Datenbank(#[from] app::store::StoreError),
}

impl IntoResponse for AbmeldeFehler {
    fn into_response(self) -> Response {
        let status = match &self {
            AbmeldeFehler::Unbekannt => StatusCode::NOT_FOUND,
            AbmeldeFehler::Datenbank(e) => {
                tracing::error!(error = %e, "Abmelden: Datenbankfehler");
                StatusCode::SERVICE_UNAVAILABLE
            }
        };
        seite(status, "Abmelden nicht möglich", &format!("<p>{}</p>", self))
    }
}

fn seite(status: StatusCode, titel: &str, inhalt: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">\
         <title>{titel} – OZG-Atlas NRW</title><link rel=\"stylesheet\" href=\"/pkg/ozg-atlas.css\"></head>\
         <body><main id=\"inhalt\" class=\"abbestellen-seite\"><h1>{titel}</h1>{inhalt}\
         <p><a href=\"{}\">Zum OZG-Atlas NRW</a></p></main></body></html>",
        app::pfad::START
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], html)
        .into_response()
}

fn was_text(was: Abmeldung) -> &'static str {
    match was {
        Abmeldung::Abo(_) => "E-Mails zu diesem Abonnement",
        Abmeldung::Zusammenfassung(app::model::infoverteiler::Versand::Woechentlich) => {
            "die wöchentliche Zusammenfassung"
        }
        Abmeldung::Zusammenfassung(_) => "die tägliche Zusammenfassung",
        Abmeldung::Rundschreiben => "Rundschreiben der Koordination",
    }
}

fn lesen(was: &str) -> Result<Abmeldung, AbmeldeFehler> {
    Abmeldung::lesen(was).ok_or(AbmeldeFehler::Unbekannt)
}

pub async fn zeigen(Path((token, was)): Path<(String, String)>) -> Result<Response, AbmeldeFehler> {
    let was = lesen(&was)?;
    let form = format!(
        "<p>Möchten Sie {} nicht mehr erhalten? Was Sie abonniert haben, sehen Sie weiter unter „Neu für mich“.</p>\
         <form method=\"post\" action=\"{}\"><button type=\"submit\" class=\"knopf\">Keine E-Mails mehr</button></form>",
        was_text(was),
        // The token comes from the address as typed: escaped, never trusted as markup.
        app::model::text::xml(&app::pfad::abmelden(&token, was.code()))
    );
    Ok(seite(StatusCode::OK, "E-Mails abbestellen", &form))
}

pub async fn ausfuehren(
    State(db): State<Db>,
    Path((token, was)): Path<(String, String)>,
) -> Result<Response, AbmeldeFehler> {
    let was = lesen(&was)?;
    iv::abmelden(&db, &token, was).await?.ok_or(AbmeldeFehler::Unbekannt)?;
    let text = format!(
        "<p role=\"status\">Erledigt: Sie erhalten {} nicht mehr. Was Sie abonniert haben, sehen Sie weiter unter \
         „Neu für mich“; unter „Meine Abonnements“ können Sie die E-Mails auch wieder einschalten.</p>",
        was_text(was)
    );
    Ok(seite(StatusCode::OK, "E-Mails abbestellt", &text))
}
