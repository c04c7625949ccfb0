//! Marks the page as interactive once all its islands are hydrated.
//!
//! Leptos hydrates islands one after the other in document order and waits for each lazily
//! loaded one; this island stands last in the body, so when it runs, every island before it
//! works. The browser tests wait for `html[data-hydriert="ja"]`; CSS could use it too.

use leptos::prelude::*;

#[island]
pub fn Bereit() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("data-hydriert", "ja");
    }
}
