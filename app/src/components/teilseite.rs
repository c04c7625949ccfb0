//! Partial navigation for pages whose state lives in the URL (catalogs, the roadmap table).
//!
//! The page is rendered on the server only; this island wraps the part that changes. A facet
//! click, the search form, a sort header or a page link inside it fetch the same page for the
//! new address and swap in the new part – no full reload, the URL and the back button work as
//! with links. Without JavaScript the same links and GET forms load the page as usual. With
//! `live` the island also listens to the live events and reloads its part after each change.
//!
//! Why not the Leptos islands router: it diffs the whole document node by node and leaves
//! tables of a different length half replaced and checkbox states stale; swapping one marked
//! region is simpler and always complete.

use crate::components::live::{LiveStatus, Nachricht, abonnieren};
use leptos::prelude::*;

/// Attribute that marks the swapped region; the fetched page carries the same one.
pub const MARKE: &str = "data-teilseite";

#[island]
pub fn Teilseite(
    /// Reload after every live event and show the connection state.
    live: bool,
    children: Children,
) -> impl IntoView {
    let (meldung, meldung_setzen) = signal(String::new());
    let verbindung = live.then(|| {
        abonnieren(move |n| {
            if let Nachricht::Ereignis(e) = &n
                && let Some(p) = e.projekt()
            {
                meldung_setzen.set(format!("{} hat „{}“ geändert.", e.benutzer, p.name));
            }
            #[cfg(feature = "hydrate")]
            browser::neu_laden();
        })
    });
    #[cfg(feature = "hydrate")]
    browser::zurueck_beobachten();
    view! {
        <div
            class="teilseite"
            data-teilseite=""
            on:click=move |ev| {
                #[cfg(feature = "hydrate")]
                browser::klick(ev);
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }
            on:submit=move |ev| {
                #[cfg(feature = "hydrate")]
                browser::absenden(ev);
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }
            on:change=move |ev| {
                #[cfg(feature = "hydrate")]
                browser::geaendert(ev);
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }
        >
            {children()}
        </div>
        {verbindung.map(|zustand| view! { <LiveStatus zustand /> })}
        {live.then(|| {
            view! {
                <p role="status" class="meldung-info" class:leer=move || meldung.with(|m| m.is_empty())>{meldung}</p>
            }
        })}
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::MARKE;
    use leptos::wasm_bindgen::JsCast;
    use leptos::wasm_bindgen::closure::Closure;
    use std::cell::Cell;

    thread_local! {
        /// Number of the newest request: an older answer arriving later is dropped.
        static LAUF: Cell<u32> = const { Cell::new(0) };
        static ZURUECK: Cell<bool> = const { Cell::new(false) };
    }

    fn fenster() -> Option<web_sys::Window> {
        web_sys::window()
    }

    /// A link inside the region to the same page (other filters, sort, page) loads partially;
    /// links elsewhere, downloads, new tabs and modified clicks stay with the browser.
    pub fn klick(ev: leptos::ev::MouseEvent) {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(a) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let attribut = |n: &str| a.get_attribute(n).unwrap_or_default();
        if a.has_attribute("download")
            || !attribut("target").is_empty()
            || attribut("rel").split_whitespace().any(|r| r == "external")
        {
            return;
        }
        // HTML and SVG links alike (the map's areas are SVG `<a>`): the address resolved
        // against the page's.
        let basis = fenster().and_then(|w| w.location().href().ok()).unwrap_or_default();
        let Ok(ziel) = web_sys::Url::new_with_base(&attribut("href"), &basis) else { return };
        if gleiche_seite(&ziel.href()) {
            ev.prevent_default();
            laden(ziel.href(), true);
        }
    }

    /// A GET form of this page: the canonical address of its state (short, stable links; the
    /// form itself would list every empty field and every default).
    pub fn absenden(ev: leptos::ev::SubmitEvent) {
        if ev.default_prevented() {
            return;
        }
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
        if !form.method().eq_ignore_ascii_case("get") || !gleiche_seite(&form.action()) {
            return;
        }
        let Ok(daten) = web_sys::FormData::new_with_form(&form) else { return };
        let Ok(params) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&daten) else { return };
        let Ok(url) = web_sys::Url::new(&form.action()) else { return };
        ev.prevent_default();
        let query = String::from(params.to_string());
        // The map has its own state (measure, area, service); the catalogs share one.
        let kanonisch = if url.pathname() == crate::pfad::KARTE {
            crate::model::karte::KartenAnfrage::aus_query(&query).query()
        } else {
            crate::model::filter::KatalogAnfrage::aus_query(&query).to_query()
        };
        url.set_search(&kanonisch);
        laden(url.href(), true);
    }

    /// Every choice (checkbox, select) applies at once; free text waits for Enter or the button.
    pub fn geaendert(ev: leptos::ev::Event) {
        let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        if el.get_attribute("type").as_deref() == Some("search") || el.tag_name().eq_ignore_ascii_case("textarea") {
            return;
        }
        if let Ok(Some(form)) = el.closest("form[method=get]")
            && let Ok(form) = form.dyn_into::<web_sys::HtmlFormElement>()
        {
            let _ = form.request_submit();
        }
    }

    /// Reloads the region for the current address (after a live event).
    pub fn neu_laden() {
        if let Some(href) = fenster().and_then(|w| w.location().href().ok()) {
            laden(href, false);
        }
    }

    /// Back and forward between partially loaded states load the region for that address.
    pub fn zurueck_beobachten() {
        if ZURUECK.with(|z| z.replace(true)) {
            return;
        }
        let Some(w) = fenster() else { return };
        let pfad = w.location().pathname().unwrap_or_default();
        let bei = Closure::<dyn Fn()>::new(move || {
            let Some(w) = fenster() else { return };
            let (jetzt, href) = (w.location().pathname().unwrap_or_default(), w.location().href().unwrap_or_default());
            if jetzt == pfad {
                laden(href, false)
            } else {
                let _ = w.location().reload();
            }
        });
        let _ = w.add_event_listener_with_callback("popstate", bei.as_ref().unchecked_ref());
        bei.forget();
    }

    fn gleiche_seite(href: &str) -> bool {
        let Some(w) = fenster() else { return false };
        let Ok(ziel) = web_sys::Url::new(href) else { return false };
        ziel.origin() == w.location().origin().unwrap_or_default()
            && ziel.pathname() == w.location().pathname().unwrap_or_default()
    }

    fn laden(href: String, eintragen: bool) {
        let lauf = LAUF.with(|l| {
            l.set(l.get().wrapping_add(1));
            l.get()
        });
        if let Some(bereich) = bereich() {
            let _ = bereich.set_attribute("aria-busy", "true");
        }
        leptos::task::spawn_local(async move {
            let text = holen(&href).await;
            if LAUF.with(Cell::get) != lauf {
                return;
            }
            match text {
                Some(html) if einsetzen(&html) => {
                    if eintragen && let Some(h) = fenster().and_then(|w| w.history().ok()) {
                        let _ = h.push_state_with_url(&leptos::wasm_bindgen::JsValue::NULL, "", Some(&href));
                    }
                }
                // No usable answer (offline, an error page without the region): the browser loads
                // the address itself and shows what the server says.
                _ => {
                    if let Some(w) = fenster() {
                        let _ = w.location().assign(&href);
                    }
                }
            }
        });
    }

    async fn holen(href: &str) -> Option<String> {
        let antwort = gloo_net::http::Request::get(href).header("Accept", "text/html").send().await.ok()?;
        if !antwort.ok() {
            return None;
        }
        antwort.text().await.ok()
    }

    fn bereich() -> Option<web_sys::Element> {
        fenster()?.document()?.query_selector(&format!("[{MARKE}] > leptos-children")).ok()?
    }

    /// Puts the new page's region in place of the old one, keeping the keyboard focus on the
    /// same control (same id, or same name and value).
    fn einsetzen(html: &str) -> bool {
        let Some(dok) = fenster().and_then(|w| w.document()) else { return false };
        let Ok(parser) = web_sys::DomParser::new() else { return false };
        let Ok(neu) = parser.parse_from_string(html, web_sys::SupportedType::TextHtml) else { return false };
        let selektor = format!("[{MARKE}] > leptos-children");
        let (Some(alt), Ok(Some(neu_bereich))) = (bereich(), neu.query_selector(&selektor)) else { return false };
        let fokus = fokus_merken(&dok);
        let kinder = js_sys::Array::new();
        let liste = neu_bereich.child_nodes();
        for i in 0..liste.length() {
            if let Some(n) = liste.get(i) {
                kinder.push(&n);
            }
        }
        alt.replace_children_with_node(&kinder);
        let _ = alt.remove_attribute("aria-busy");
        dok.set_title(&neu.title());
        fokus_setzen(&dok, fokus);
        true
    }

    fn fokus_merken(dok: &web_sys::Document) -> Option<String> {
        let el = dok.active_element()?;
        if !el.id().is_empty() {
            return Some(format!("[id=\"{}\"]", css_escape(&el.id())));
        }
        let name = el.get_attribute("name")?;
        Some(match el.get_attribute("value") {
            Some(v) => format!("[name=\"{}\"][value=\"{}\"]", css_escape(&name), css_escape(&v)),
            None => format!("[name=\"{}\"]", css_escape(&name)),
        })
    }

    fn fokus_setzen(dok: &web_sys::Document, selektor: Option<String>) {
        let Some(s) = selektor else { return };
        if let Ok(Some(el)) = dok.query_selector(&format!("[{MARKE}] {s}"))
            && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
        {
            let _ = el.focus();
        }
    }

    /// For a quoted attribute value in a selector.
    fn css_escape(s: &str) -> String {
        s.replace('\\', "\\\\").replace('"', "\\\"")
    }
}
