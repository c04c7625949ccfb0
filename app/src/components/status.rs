//! Loading and error states shared by all pages.

use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn Laedt() -> impl IntoView {
    view! { <p class="laedt" role="status">"Daten werden geladen …"</p> }
}

/// An error in place of what a page wanted to show. On the server the page then answers with
/// the error's status (a missing record is a real 404, a page without login a 401): pages render
/// fully before the head is sent (`SsrMode::Async`), so this is the one place that sets it. The
/// server functions' own HTTP answers get theirs in `server::anfrage`.
#[component]
pub fn Fehler(fehler: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    antwortstatus(&fehler);
    view! {
        <div class="fehler" role="alert">
            <h2>"Das hat nicht geklappt"</h2>
            <p>{fehler.to_string()}</p>
            {if fehler == AppError::NichtAngemeldet {
                let ziel = crate::pfad::anmelden(&crate::components::adresse::pfad_und_suche());
                view! { <p><a href=ziel>"Zur Anmeldung"</a></p> }.into_any()
            } else {
                view! { <p><a href=crate::pfad::START>"Zur Startseite"</a></p> }.into_any()
            }}
        </div>
    }
}

#[cfg(feature = "ssr")]
fn antwortstatus(fehler: &AppError) {
    if let (Some(r), Ok(code)) =
        (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(fehler.status()))
    {
        r.set_status(code);
    }
}

/// Thousands separator in German style: 1.234.567.
pub fn zahl(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn german_thousands() {
        assert_eq!(super::zahl(0), "0");
        assert_eq!(super::zahl(5251), "5.251");
        assert_eq!(super::zahl(17_925_570), "17.925.570");
        assert_eq!(super::zahl(-1000), "-1.000");
    }
}

/// The breadcrumb trail above a page's heading: the way from the list down to this page.
#[component]
pub fn Brotkrumen(
    /// The pages above this one, top first: (link, label).
    wege: Vec<(String, String)>,
    /// This page's name (not a link).
    #[prop(into)]
    aktuell: String,
) -> impl IntoView {
    view! {
        <nav aria-label="Brotkrümelnavigation" class="brotkrumen">
            {wege.into_iter().map(|(href, label)| view! { <a href=href>{label}</a> " › " }).collect_view()}
            <span aria-current="page">{aktuell}</span>
        </nav>
    }
}
