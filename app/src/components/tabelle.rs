//! A wide table scrolls inside its own region, never the page (WCAG 1.4.10 Reflow: at 320 CSS
//! px nothing scrolls sideways as a whole). The region is focusable and labelled, so keyboard
//! users can scroll it and screen readers announce what it holds (axe
//! `scrollable-region-focusable`).

use leptos::prelude::*;

#[component]
pub fn Tabellenrahmen(#[prop(into)] titel: String, children: Children) -> impl IntoView {
    view! {
        <div class="tabelle-rahmen" role="region" aria-label=titel tabindex="0">
            {children()}
        </div>
    }
}
