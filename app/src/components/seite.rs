//! Pages for logged-in staff (forms, drag, live updates) as islands rendered in the browser.
//!
//! The server renders such a page completely, as for every reader (it reads without
//! JavaScript, too); that HTML is the island's children. In the browser the island renders the
//! same page itself, invisibly, and swaps it in once its data is there. Why not hydrate: in an
//! island, content that the server builds after awaiting data is rendered without hydration
//! markers, so hydrating a page with `Suspense` inside an island fails; rendering anew needs
//! no markers. The public pages do not use this (they are plain HTML with small islands).

use leptos::prelude::*;

/// The island body: server HTML (`children`) until the browser's own render of `seite` is ready.
pub fn im_browser<F, V>(children: Children, seite: F) -> impl IntoView
where
    F: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let huelle = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let fertig = std::cell::Cell::new(Some(crate::components::bereit::ausstehend()));
        Effect::new(move || {
            if let Some(el) = huelle.get()
                && let Some(fertig) = fertig.take()
            {
                browser::ersetzen(el, seite.clone(), fertig);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = seite;
    view! { <div class="seite-insel" node_ref=huelle>{children()}</div> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use std::time::Duration;

    /// Longest wait for the page's data; then it is shown as it is (with its loading notes).
    const HOECHSTENS: u32 = 200;
    const TAKT: Duration = Duration::from_millis(25);

    pub fn ersetzen<F, V>(huelle: web_sys::HtmlDivElement, seite: F, fertig: impl FnOnce() + 'static)
    where
        F: Fn() -> V + 'static,
        V: IntoView + 'static,
    {
        let Ok(neu) = document().create_element("div") else { return fertig() };
        let _ = neu.set_attribute("hidden", "");
        let _ = huelle.append_child(&neu);
        let Ok(neu) = leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(neu) else { return fertig() };
        leptos::mount::mount_to(neu.clone(), seite).forget();
        warten(huelle, neu, 0, String::new(), fertig);
    }

    /// Ready: nothing is loading any more and the content stood still for one tick.
    fn warten(
        huelle: web_sys::HtmlDivElement,
        neu: web_sys::HtmlElement,
        runde: u32,
        vorher: String,
        fertig: impl FnOnce() + 'static,
    ) {
        let jetzt = neu.inner_html();
        let laedt = neu.query_selector(".laedt").ok().flatten().is_some();
        if runde >= HOECHSTENS || (!laedt && !jetzt.is_empty() && jetzt == vorher) {
            tauschen(&huelle, &neu);
            return fertig();
        }
        set_timeout(move || warten(huelle, neu, runde + 1, jetzt, fertig), TAKT);
    }

    /// The server's HTML goes, the browser's render takes its place; the focus stays on the
    /// control with the same id if the reader was already in one.
    fn tauschen(huelle: &web_sys::HtmlDivElement, neu: &web_sys::HtmlElement) {
        let fokus = document().active_element().map(|e| e.id()).filter(|id| !id.is_empty());
        if let Ok(Some(alt)) = huelle.query_selector(":scope > leptos-children") {
            eingaben_uebernehmen(&alt, neu);
            alt.remove();
        }
        neu.remove_attribute("hidden").ok();
        if let Some(id) = fokus
            && let Some(el) = document().get_element_by_id(&id)
            && let Ok(el) = leptos::wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el)
        {
            let _ = el.focus();
        }
    }

    /// Text typed into the server's form before the swap goes into the same field (same id) of
    /// the browser's render.
    fn eingaben_uebernehmen(alt: &web_sys::Element, neu: &web_sys::HtmlElement) {
        use leptos::wasm_bindgen::JsCast;
        let Ok(felder) = alt.query_selector_all("input[id], textarea[id], select[id]") else { return };
        for i in 0..felder.length() {
            let Some(feld) = felder.get(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            let Ok(Some(ziel)) = neu.query_selector(&format!("[id=\"{}\"]", feld.id().replace('"', "\\\""))) else {
                continue;
            };
            if let (Some(a), Some(z)) =
                (feld.dyn_ref::<web_sys::HtmlInputElement>(), ziel.dyn_ref::<web_sys::HtmlInputElement>())
            {
                if a.value() != a.default_value() {
                    z.set_value(&a.value());
                }
                if a.checked() != a.default_checked() {
                    z.set_checked(a.checked());
                }
            } else if let (Some(a), Some(z)) =
                (feld.dyn_ref::<web_sys::HtmlTextAreaElement>(), ziel.dyn_ref::<web_sys::HtmlTextAreaElement>())
            {
                if Ok(a.value()) != a.default_value() {
                    z.set_value(&a.value());
                }
            } else if let (Some(a), Some(z)) =
                (feld.dyn_ref::<web_sys::HtmlSelectElement>(), ziel.dyn_ref::<web_sys::HtmlSelectElement>())
            {
                z.set_value(&a.value());
            }
        }
    }
}
