//! The current address for code that also runs inside islands: in the browser an island has no
//! router context (the page around it was rendered on the server), so it reads `window.location`
//! there and the router's location on the server. Each navigation loads a page, so a snapshot
//! is enough.

use leptos::prelude::*;

/// Path and query of the current page, e.g. `/roadmap?tf=2`.
pub fn pfad_und_suche() -> String {
    #[cfg(feature = "hydrate")]
    {
        let l = window().location();
        format!("{}{}", l.pathname().unwrap_or_default(), l.search().unwrap_or_default())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let l = leptos_router::hooks::use_location();
        let suche = l.search.get_untracked();
        let suche = suche.trim_start_matches('?');
        let pfad = l.pathname.get_untracked();
        if suche.is_empty() { pfad } else { format!("{pfad}?{suche}") }
    }
}

/// The query string of the current page without `?`.
pub fn suche() -> String {
    pfad_und_suche().split_once('?').map(|(_, s)| s.to_string()).unwrap_or_default()
}

/// Path segment `n` (from 0) of the current page, decoded: `/kommunen/05554004` → 1 → `05554004`.
pub fn pfad_teil(n: usize) -> String {
    let adresse = pfad_und_suche();
    let pfad = adresse.split('?').next().unwrap_or_default();
    let teil = pfad.trim_start_matches('/').split('/').nth(n).unwrap_or_default();
    serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("x={teil}"))
        .ok()
        .and_then(|v| v.into_iter().next())
        .map(|(_, v)| v)
        .unwrap_or_default()
}

/// One query parameter of the current page.
pub fn suchparameter(name: &str) -> Option<String> {
    let adresse = pfad_und_suche();
    let suche = adresse.split_once('?').map(|(_, s)| s).unwrap_or_default();
    serde_urlencoded::from_str::<Vec<(String, String)>>(suche)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// Loads another page (a form that created something opens it).
pub fn gehe_zu(href: &str) {
    #[cfg(feature = "hydrate")]
    let _ = window().location().assign(href);
    #[cfg(not(feature = "hydrate"))]
    let _ = href;
}

/// Scheme and host of the page (`https://ozg-atlas.nrw.de`), for addresses a person copies
/// elsewhere (a calendar subscription). Empty on the server, where nothing is copied.
pub fn ursprung() -> String {
    #[cfg(feature = "hydrate")]
    {
        window().location().origin().unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}
