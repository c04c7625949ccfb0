//! Marks the page as interactive once all its islands work.
//!
//! Leptos hydrates islands one after the other in document order and waits for each lazily
//! loaded one; this island stands last in the body. Pages rendered anew in the browser
//! ([`crate::components::seite`]) count as pending until their data is in place. Then
//! `html[data-hydriert="ja"]` is set: the browser tests wait for it, and CSS could use it.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
thread_local! {
    static AUSSTEHEND: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    static GELAUFEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A part of the page that is not interactive yet; call the returned function when it is.
#[cfg(feature = "hydrate")]
pub fn ausstehend() -> impl FnOnce() {
    AUSSTEHEND.with(|a| a.set(a.get() + 1));
    || {
        AUSSTEHEND.with(|a| a.set(a.get().saturating_sub(1)));
        markieren();
    }
}

#[cfg(feature = "hydrate")]
fn markieren() {
    if GELAUFEN.with(std::cell::Cell::get)
        && AUSSTEHEND.with(std::cell::Cell::get) == 0
        && let Some(html) = document().document_element()
    {
        let _ = html.set_attribute("data-hydriert", "ja");
    }
}

#[island]
pub fn Bereit() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        GELAUFEN.with(|g| g.set(true));
        markieren();
    }
}
