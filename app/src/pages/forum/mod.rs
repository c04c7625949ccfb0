//! The forum "OZG kommunal": the boards (`uebersicht`), a board's threads with a form for a new
//! one (`brett`), a thread's posts with the reply form, following new posts live (`thema`).

pub mod beitrag;
pub mod bezug;
pub mod brett;
pub mod moderation;
pub mod thema;
pub mod uebersicht;
pub mod verwaltung;

use leptos::prelude::*;

/// The "Neu" marker: unread threads or posts of the reader.
#[component]
pub fn Neu(anzahl: i64) -> impl IntoView {
    (anzahl > 0).then(|| {
        let text = if anzahl == 1 { "Neu".to_string() } else { format!("{anzahl} neu") };
        view! { <span class="marke-neu">{text}</span> }
    })
}

/// Links to the pages of a board or thread (`?seite=n`), the current one marked.
#[component]
pub fn Blaettern(pfad: String, seite: usize, seiten: usize) -> impl IntoView {
    (seiten > 1).then(|| {
        view! {
            <nav class="blaettern" aria-label="Seiten">
                <ul>
                    {(1..=seiten).map(|n| {
                        let href = crate::pfad::gefiltert(&pfad, &[("seite", &n.to_string())]);
                        view! {
                            <li>
                                <a href=href aria-current=(n == seite).then_some("page")>
                                    <span class="sr-only">"Seite "</span>{n}
                                </a>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

/// The page asked for in the address (`?seite=2`); 1 without or with nonsense.
pub fn seite_aus_adresse() -> usize {
    crate::components::adresse::suchparameter("seite").and_then(|s| s.parse().ok()).unwrap_or(1).clamp(1, 10_000)
}
